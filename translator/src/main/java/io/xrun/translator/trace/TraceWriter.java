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
        for (int i = 0; i < codecs.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(decode(c, codecs.get(i), i < 6 ? c.arg(i) : stackArg(c, i)));
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

    @Override
    public void restarted(Call c) {
        out.println(c.traceLine + " = ? (interrupted, restarting)");
    }
}
