package io.xrun.translator.trace;

import io.xrun.maps.Errno;
import io.xrun.maps.LinuxSyscalls;
import io.xrun.translator.core.Call;
import io.xrun.translator.core.CallObserver;
import io.xrun.translator.handlers.Abi;
import io.xrun.translator.nativeapi.NativeBuffer;

import java.io.PrintStream;
import java.util.List;

/**
 * --trace: one truss-style line per syscall, written at exit:
 * {@code TID NAME(ARGS) = RESULT [linux: CALL = RAW]}, or {@code = -1 ERRNAME (N)} for errors.
 * Arguments are decoded by their table codec (strings, flag names); this path allocates
 * freely, it only runs when asked for.
 */
public final class TraceWriter implements CallObserver {
    private final PrintStream out;
    private final NativeBuffer strings = new NativeBuffer(4096);
    /** Per FreeBSD syscall: {calls, errors}, for the summary at exit (strace -c style). */
    private final java.util.Map<String, long[]> counts = new java.util.TreeMap<>();
    /** Syscalls that got FreeBSD's answer for a missing syscall, with their numbers. */
    private final java.util.Map<String, long[]> unsupported = new java.util.TreeMap<>();

    public TraceWriter(PrintStream out) {
        this.out = out;
    }

    @Override
    public void entered(Call c) {
        // Decode at entry: paths and input buffers are read before the call can change them.
        StringBuilder sb = new StringBuilder();
        sb.append(c.thread().tid()).append(": ");
        if (c.row() == null) {
            sb.append("#").append(c.number()).append("()");
            c.traceLine = sb.toString();
            return;
        }
        sb.append(c.row().name()).append('(');
        List<String> codecs = c.row().args();
        // Six arguments travel in registers; a seventh (sendfile's flags, freebsd6_mmap's
        // offset) is read from the guest's stack (sys/amd64/amd64/trap.c cpu_fetch_syscall_args).
        for (int i = 0; i < codecs.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(decode(c, codecs.get(i), i < Call.REGISTER_ARGS ? c.arg(i) : stackArg(c, i)));
        }
        sb.append(')');
        c.traceLine = sb.toString();
        if (c.row().result().equals("void") && c.ranLinux()) {
            // exit does not return: there will be no exit stop to print at (strace's "= ?")
            out.println(c.traceLine + " = ?  [linux: " + LinuxSyscalls.name(c.linuxNumber()) + "]");
            out.flush();
        }
    }

    /** An argument beyond the six registers (freebsd6_mmap's pos), read from the guest stack; 0 if unreadable. */
    private long stackArg(Call c, int i) {
        return c.memory().read(c.stackArgAddress(i), strings, 0, 8) == 8 ? strings.getLong(0) : 0;
    }

    private String decode(Call c, String codec, long v) {
        switch (codec) {
            case "path":
            case "str": {
                if (v == 0) {
                    return "NULL";
                }
                long n = c.memory().readCString(v, strings, 0, 256);
                return n < 0 ? "0x" + Long.toHexString(v) : '"' + strings.getString(0, (int) n) + '"';
            }
            case "fd":
            case "atfd":
            case "int":
            case "pid":
            case "signo":
                return Integer.toString((int) v);
            case "oflags":
                return Abi.OPEN_FLAGS.describeFreebsd(v);
            case "atflags":
                return Abi.AT_FLAGS.describeFreebsd(v);
            case "prot":
                return Abi.MMAP_PROT.describeFreebsd(v);
            case "mapflags":
                return Abi.MMAP_FLAGS.describeFreebsd(v);
            case "mode":
                return v == 0 ? "0" : "0" + Long.toOctalString(v);
            case "size":
            case "uint":
            case "off":
            case "long":
                return Long.toString(v);
            case "clockid": {
                String n = Abi.CLOCK_IDS.freebsdName(v);
                return n != null ? n : Long.toString(v);
            }
            case "fcntlcmd": {
                String n = Abi.FCNTL_CMDS.freebsdName(v);
                return n != null ? n : Long.toString(v);
            }
            case "ioctlcmd": {
                String n = Abi.IOCTLS.freebsdName(v & 0xffffffffL);
                return n != null ? n : "0x" + Long.toHexString(v);
            }
            default: {
                String n = io.xrun.translator.handlers.net.NetTrace.describe(codec, v);
                return n != null ? n : "0x" + Long.toHexString(v);
            }
        }
    }

    @Override
    public void exited(Call c) {
        String name = c.row() != null ? c.row().name() : "#" + c.number();
        long[] n = counts.computeIfAbsent(name, k -> new long[2]);
        n[0]++;
        if (c.isError()) {
            n[1]++;
        }
        if (c.isUnsupported()) {
            unsupported.computeIfAbsent(name, k -> new long[] {c.number(), 0})[1]++;
        }
        StringBuilder sb = new StringBuilder(c.traceLine);
        if (c.isError()) {
            sb.append(" = -1 ").append(Errno.freebsdName((int) c.result())).append(" (").append(c.result()).append(')');
        } else {
            sb.append(" = ").append(c.result());
            if (c.hasResult2()) {
                sb.append(',').append(c.result2());
            }
        }
        if (c.ranLinux()) {
            sb.append("  [linux: ").append(LinuxSyscalls.name(c.linuxNumber())).append(" = ")
                    .append(c.linuxResult()).append(']');
        } else if (c.isUnsupported()) {
            sb.append("  [unsupported]");
        } else {
            sb.append("  [emulated]");
        }
        out.println(sb);
    }

    /**
     * The summary printed when the guest ends: calls and errors per FreeBSD syscall, most
     * called first, then every syscall xrun answered as missing (ENOSYS), with its count.
     */
    /** One more line after the summary. */
    public void note(String line) {
        out.println(line);
    }

    public void summary() {
        long total = 0;
        long errors = 0;
        java.util.List<java.util.Map.Entry<String, long[]>> rows = new java.util.ArrayList<>(counts.entrySet());
        rows.sort((a, b) -> Long.compare(b.getValue()[0], a.getValue()[0]));
        out.println("xrun: syscall summary");
        out.printf("%10s %8s  %s%n", "calls", "errors", "syscall");
        for (java.util.Map.Entry<String, long[]> e : rows) {
            out.printf("%10d %8s  %s%n", e.getValue()[0], e.getValue()[1] == 0 ? "" : Long.toString(e.getValue()[1]),
                    e.getKey());
            total += e.getValue()[0];
            errors += e.getValue()[1];
        }
        out.printf("%10d %8d  total (%d distinct)%n", total, errors, counts.size());
        if (unsupported.isEmpty()) {
            out.println("xrun: no unsupported syscall was called");
        } else {
            StringBuilder sb = new StringBuilder("xrun: unsupported syscalls called:");
            for (java.util.Map.Entry<String, long[]> e : unsupported.entrySet()) {
                sb.append(' ').append(e.getKey()).append('(').append(e.getValue()[0]).append(") x")
                        .append(e.getValue()[1]);
            }
            out.println(sb);
        }
        out.flush();
    }

    @Override
    public void restarted(Call c) {
        out.println(c.traceLine + " = ? (interrupted, restarting)");
    }
}
