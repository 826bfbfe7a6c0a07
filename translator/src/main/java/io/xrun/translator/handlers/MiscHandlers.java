package io.xrun.translator.handlers;

import io.xrun.maps.ConstantTable;
import io.xrun.maps.Errno;
import io.xrun.maps.FlagMap;
import io.xrun.maps.LinuxSyscalls;
import io.xrun.maps.Signals;
import io.xrun.maps.SyscallRow;
import io.xrun.translator.core.Call;
import io.xrun.translator.core.GuestThread;
import io.xrun.translator.core.SyscallHandler;
import io.xrun.translator.nativeapi.NativeBuffer;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;

/** uuidgen, kenv, sigqueue, membarrier, __specialfd and sigfastblock. */
public final class MiscHandlers {
    private static final int NR_GETEUID = LinuxSyscalls.require("geteuid");

    private MiscHandlers() {
    }

    /**
     * uuidgen(store, count) (sys/kern/kern_uuid.c): count 1..2048 (else EINVAL) version-1 UUIDs
     * with consecutive 60-bit timestamps (100 ns since 1582-10-15), one clock sequence for the
     * batch (random at first, incremented when the clock has not moved past the last batch),
     * variant 10, struct uuid in memory order (time fields host-endian, clock_seq big-endian).
     * The node is random with the multicast bit set, as FreeBSD makes it when there is no
     * Ethernet interface (uuid_node); xrun does not read the host's MAC addresses.
     */
    public static final class Uuidgen implements SyscallHandler {
        private static final int MAX = 2048;
        /** 100 ns intervals between 1582-10-15 and 1970-01-01 (RFC 4122 4.1.4, kern_uuid.c uuid_time). */
        private static final long GREGORIAN_OFFSET = 0x01B21DD213814000L;
        private static final SecureRandom RANDOM = new SecureRandom();
        private static final byte[] NODE = new byte[6];
        private static long lastTime;
        private static int lastSeq = -1;

        static {
            RANDOM.nextBytes(NODE);
            NODE[0] |= 0x01;
        }

        public Uuidgen(SyscallRow row) {
        }

        @Override
        public void enter(Call c) {
            int count = c.intArg(1);
            if (count < 1 || count > MAX) {
                c.emulateError(Errno.FREEBSD_EINVAL);
                return;
            }
            java.time.Instant now = java.time.Instant.now();
            long time = now.getEpochSecond() * 10_000_000L + now.getNano() / 100 + GREGORIAN_OFFSET;
            int seq;
            synchronized (Uuidgen.class) {
                if (lastSeq < 0) {
                    seq = RANDOM.nextInt() & 0x3fff;
                } else if (lastTime >= time) {
                    seq = (lastSeq + 1) & 0x3fff;
                } else {
                    seq = lastSeq;
                }
                lastSeq = seq;
                lastTime = (time + count - 1) & ((1L << 60) - 1);
            }
            NativeBuffer b = c.buffer();
            long dst = c.arg(0);
            int per = b.size() / 16 / 2;
            for (int done = 0; done < count; ) {
                int n = Math.min(per, count - done);
                for (int i = 0; i < n; i++, time++) {
                    int o = 16 * i;
                    b.putInt(o, (int) time);
                    b.putShort(o + 4, (short) (time >>> 32));
                    b.putShort(o + 6, (short) (((time >>> 48) & 0xfff) | (1 << 12)));
                    b.putByte(o + 8, (byte) (((seq | 0x8000) >>> 8) & 0xff));
                    b.putByte(o + 9, (byte) (seq & 0xff));
                    b.put(o + 10, NODE, 0, 6);
                }
                if (!c.copyOut(dst + 16L * done, 0, 16 * n)) {
                    return;
                }
                done += n;
            }
            c.emulate(0);
        }
    }

    /**
     * kenv(what, name, value, len) (sys/kern/kern_environment.c) on a kernel environment kept by
     * xrun, empty at start (there is no loader): KENV_GET copies MIN(strlen + 1, len) bytes and
     * returns that (ENOENT when unset); KENV_SET and KENV_UNSET need euid 0 (EPERM, asked with a
     * geteuid prelude); KENV_DUMP copies "name=value\0" entries and returns the size needed
     * when they did not all fit, else 0; KENV_DUMP_LOADER/STATIC are ENOENT (no early
     * environment is preserved). Names and values are limited to KENV_MNAMELEN and
     * KENV_MVALLEN (128, sys/sys/kenv.h) bytes.
     */
    public static final class Kenv implements SyscallHandler {
        private static final int KENV_GET = 0, KENV_SET = 1, KENV_UNSET = 2, KENV_DUMP = 3,
                KENV_DUMP_LOADER = 4, KENV_DUMP_STATIC = 5;
        private static final int KENV_MNAMELEN = 128, KENV_MVALLEN = 128;
        private static final int ENAMETOOLONG = (int) Errno.table().freebsd("ENAMETOOLONG");
        private static final Map<String, String> ENV = new LinkedHashMap<>();

        public Kenv(SyscallRow row) {
        }

        @Override
        public void enter(Call c) {
            int what = c.intArg(0);
            if (what == KENV_DUMP) {
                dump(c);
                return;
            }
            if (what == KENV_DUMP_LOADER || what == KENV_DUMP_STATIC) {
                c.emulateError(Errno.FREEBSD_ENOENT);
                return;
            }
            if ((what == KENV_SET || what == KENV_UNSET) && !Privilege.check(c)) {
                return;
            }
            NativeBuffer b = c.buffer();
            long n = c.memory().readCString(c.arg(1), b, 0, KENV_MNAMELEN + 1);
            if (n < 0) {
                c.emulateError(Errno.FREEBSD_EFAULT);
                return;
            }
            if (n > KENV_MNAMELEN) {
                c.emulateError(ENAMETOOLONG);
                return;
            }
            String name = b.getString(0, (int) n);
            switch (what) {
                case KENV_GET: {
                    String v;
                    synchronized (ENV) {
                        v = ENV.get(name);
                    }
                    if (v == null) {
                        c.emulateError(Errno.FREEBSD_ENOENT);
                        return;
                    }
                    int len = b.putCString(0, v);
                    len = (int) Math.min(len, Math.max(c.intArg(3), 0));
                    if (len > 0 && !c.copyOut(c.arg(2), 0, len)) {
                        return;
                    }
                    c.emulate(len);
                    return;
                }
                case KENV_SET: {
                    int len = c.intArg(3);
                    if (len < 1) {
                        c.emulateError(Errno.FREEBSD_EINVAL);
                        return;
                    }
                    len = Math.min(len, KENV_MVALLEN + 1);
                    long vn = c.memory().readCString(c.arg(2), b, 0, len);
                    if (vn < 0) {
                        c.emulateError(Errno.FREEBSD_EFAULT);
                        return;
                    }
                    if (vn >= len) {
                        c.emulateError(ENAMETOOLONG); // copyinstr: no NUL within len bytes
                        return;
                    }
                    String v = b.getString(0, (int) vn);
                    synchronized (ENV) {
                        ENV.put(name, v);
                    }
                    c.emulate(0);
                    return;
                }
                case KENV_UNSET: {
                    String old;
                    synchronized (ENV) {
                        old = ENV.remove(name);
                    }
                    if (old == null) {
                        c.emulateError(Errno.FREEBSD_ENOENT);
                    } else {
                        c.emulate(0);
                    }
                    return;
                }
                default:
                    c.emulateError(Errno.FREEBSD_EINVAL);
            }
        }

        private static void dump(Call c) {
            StringBuilder sb = new StringBuilder();
            synchronized (ENV) {
                for (Map.Entry<String, String> e : ENV.entrySet()) {
                    sb.append(e.getKey()).append('=').append(e.getValue()).append('\0');
                }
            }
            byte[] all = sb.toString().getBytes(StandardCharsets.UTF_8);
            long value = c.arg(2);
            int len = c.intArg(3);
            int done = 0;
            if (value != 0 && len > 0) {
                // whole entries and the start of the first that does not fit (kenv_dump: min(len, left))
                done = Math.min(all.length, len);
                NativeBuffer b = c.buffer();
                b.put(0, all, 0, done);
                if (done > 0 && !c.copyOut(value, 0, done)) {
                    return;
                }
            }
            c.emulate(done == all.length ? 0 : all.length);
        }
    }

    /**
     * sigqueue(pid, signum, value) (kern_sig.c kern_sigqueue) on rt_sigqueueinfo with an SI_QUEUE
     * siginfo carrying the caller's pid, real uid (a getuid prelude) and the value. A signal
     * above _SIG_MAXSIG or with no Linux number is EINVAL, pid <= 0 EINVAL (one process only);
     * signal 0 only checks. The thread-directed form (__SIGQUEUE_TID in signum) is EINVAL.
     */
    public static final class Sigqueue implements SyscallHandler {
        private static final int NR_GETUID = LinuxSyscalls.require("getuid");
        private static final int NR_RT_SIGQUEUEINFO = LinuxSyscalls.require("rt_sigqueueinfo");
        private static final long L_SI_QUEUE = ConstantTable.load("siginfo-codes.tsv").linux("SI_QUEUE");
        /** Linux siginfo (include/uapi/asm-generic/siginfo.h): 128 bytes; rt fields pid @16, uid @20, value @24. */
        private static final int L_SIGINFO = 128, SI_CODE = 8, SI_PID = 16, SI_UID = 20, SI_VALUE = 24;
        private static final int SIG_MAXSIG = 128;

        public Sigqueue(SyscallRow row) {
        }

        @Override
        public void enter(Call c) {
            int pid = c.intArg(0);
            int sig = c.intArg(1);
            int lsig = sig == 0 ? 0 : Signals.toLinux(sig);
            if (sig < 0 || sig > SIG_MAXSIG || (sig != 0 && lsig == 0) || pid <= 0) {
                c.emulateError(Errno.FREEBSD_EINVAL);
                return;
            }
            if (!c.hasPreludeResult()) {
                c.prelude(NR_GETUID);
                return;
            }
            NativeBuffer b = c.buffer();
            b.zero(0, L_SIGINFO);
            b.putInt(0, lsig);
            b.putInt(SI_CODE, (int) L_SI_QUEUE);
            b.putInt(SI_PID, c.process().guestPid());
            b.putInt(SI_UID, (int) c.preludeResult());
            b.putLong(SI_VALUE, c.arg(2));
            if (!c.copyOut(c.scratch(), 0, L_SIGINFO)) {
                return;
            }
            c.runLinux(NR_RT_SIGQUEUEINFO, pid, lsig, c.scratch(), 0, 0, 0);
        }

        @Override
        public void exit(Call c) {
            c.returnValue(0);
        }
    }

    /**
     * membarrier(cmd, flags, cpu_id) (kern_membarrier.c): flags must be 0 and cmd one of
     * FreeBSD's commands (membarrier-cmds.tsv, no RSEQ), else EINVAL; MEMBARRIER_CMD_QUERY
     * answers FreeBSD's set; the others run Linux's command of the same number (EPERM for an
     * expedited command before its registration; for GLOBAL_EXPEDITED FreeBSD wants the caller
     * registered, which xrun tracks per process, Linux does not).
     */
    public static final class Membarrier implements SyscallHandler {
        private static final long SUPPORTED;
        private static final ConstantTable CMDS = ConstantTable.load("membarrier-cmds.tsv");
        private static final long GLOBAL_EXPEDITED = CMDS.freebsd("MEMBARRIER_CMD_GLOBAL_EXPEDITED");
        private static final long REGISTER_GLOBAL_EXPEDITED = CMDS.freebsd("MEMBARRIER_CMD_REGISTER_GLOBAL_EXPEDITED");

        static {
            long m = 0;
            for (ConstantTable.Entry e : CMDS.entries()) {
                if (e.freebsd() != ConstantTable.ABSENT) {
                    m |= e.freebsd();
                }
            }
            SUPPORTED = m;
        }

        private final long linuxNumber;

        public Membarrier(SyscallRow row) {
            this.linuxNumber = row.linuxNumber();
        }

        @Override
        public void enter(Call c) {
            long cmd = c.intArg(0);
            if (c.intArg(1) != 0 || (cmd & ~SUPPORTED) != 0) {
                c.emulateError(Errno.FREEBSD_EINVAL);
                return;
            }
            if (cmd == 0) {
                c.emulate(SUPPORTED);
                return;
            }
            if (cmd == GLOBAL_EXPEDITED && !c.process().membarGlobe()) {
                c.emulateError(Errno.FREEBSD_EPERM);
                return;
            }
            c.runLinux(linuxNumber, cmd, 0, 0, 0, 0, 0);
        }

        @Override
        public void exit(Call c) {
            if (c.intArg(0) == REGISTER_GLOBAL_EXPEDITED) {
                c.process().setMembarGlobe();
            }
            c.returnValue(c.linuxResult());
        }
    }

    /**
     * __specialfd(type, req, len) (sys/kern/kern_descrip.c sys___specialfd): SPECIALFD_EVENTFD (1,
     * sys/sys/specialfd.h) with a struct specialfd_eventfd {u_int initval; int flags} of exactly
     * its size (else EINVAL), flags through eventfd-flags.tsv (others EINVAL), on eventfd2.
     * Another type is EINVAL.
     */
    public static final class Specialfd implements SyscallHandler {
        private static final int SPECIALFD_EVENTFD = 1, EVENTFD_REQ_SIZE = 8;
        private static final ConstantTable FLAG_TABLE = ConstantTable.load("eventfd-flags.tsv");
        private static final FlagMap FLAGS = FlagMap.of(FLAG_TABLE);
        private final long linuxNumber;

        public Specialfd(SyscallRow row) {
            this.linuxNumber = row.linuxNumber();
        }

        @Override
        public void enter(Call c) {
            if (c.intArg(0) != SPECIALFD_EVENTFD || c.arg(2) != EVENTFD_REQ_SIZE) {
                c.emulateError(Errno.FREEBSD_EINVAL);
                return;
            }
            if (!c.copyIn(c.arg(1), 0, EVENTFD_REQ_SIZE)) {
                return;
            }
            long initval = c.buffer().getInt(0) & 0xffffffffL;
            long flags = c.buffer().getInt(4) & 0xffffffffL;
            if (FLAGS.unknownFreebsd(flags) != 0) {
                c.emulateError(Errno.FREEBSD_EINVAL);
                return;
            }
            c.runLinux(linuxNumber, initval, FLAGS.toLinux(flags), 0, 0, 0, 0);
        }
    }

    /**
     * sigfastblock(cmd, ptr) (kern_sig.c sys_sigfastblock): SIGFASTBLOCK_SETPTR (1) registers the
     * thread's 4-byte-aligned block word (EBUSY when one is set, EINVAL when misaligned);
     * SIGFASTBLOCK_UNBLOCK (2) clears a word that holds only SIGFASTBLOCK_PEND (0x1), else EBUSY;
     * SIGFASTBLOCK_UNSETPTR (3) forgets it when it is 0 or PEND (else EBUSY); without a word
     * UNBLOCK and UNSETPTR are EINVAL; a fork child keeps the word, exec drops it. xrun does not
     * read the word before delivering a signal: signals are never deferred while it is
     * non-zero, so PEND is never set by xrun.
     */
    public static final class Sigfastblock implements SyscallHandler {
        private static final int SETPTR = 1, UNBLOCK = 2, UNSETPTR = 3;
        private static final int PEND = 0x1;
        private static final int EBUSY = (int) Errno.table().freebsd("EBUSY");

        public Sigfastblock(SyscallRow row) {
        }

        @Override
        public void enter(Call c) {
            GuestThread t = c.thread();
            long ptr = c.arg(1);
            NativeBuffer b = c.buffer();
            switch (c.intArg(0)) {
                case SETPTR:
                    if (t.sigblockPtr() != 0) {
                        c.emulateError(EBUSY);
                    } else if ((ptr & 3) != 0) {
                        c.emulateError(Errno.FREEBSD_EINVAL);
                    } else {
                        t.setSigblockPtr(ptr);
                        c.emulate(0);
                    }
                    return;
                case UNBLOCK: {
                    if (t.sigblockPtr() == 0) {
                        c.emulateError(Errno.FREEBSD_EINVAL);
                        return;
                    }
                    if (!c.copyIn(t.sigblockPtr(), 0, 4)) {
                        return;
                    }
                    if (b.getInt(0) != PEND) {
                        c.emulateError(EBUSY);
                        return;
                    }
                    b.putInt(0, 0);
                    if (c.copyOut(t.sigblockPtr(), 0, 4)) {
                        c.emulate(0);
                    }
                    return;
                }
                case UNSETPTR: {
                    if (t.sigblockPtr() == 0) {
                        c.emulateError(Errno.FREEBSD_EINVAL);
                        return;
                    }
                    if (!c.copyIn(t.sigblockPtr(), 0, 4)) {
                        return;
                    }
                    int v = b.getInt(0);
                    if (v != 0 && v != PEND) {
                        c.emulateError(EBUSY);
                        return;
                    }
                    t.setSigblockPtr(0);
                    c.emulate(0);
                    return;
                }
                default:
                    c.emulateError(Errno.FREEBSD_EINVAL);
            }
        }
    }

    /**
     * abort2(why, nargs, args) (kern_sig.c sys_abort2/kern_abort2): logs
     * "COMM(pid PID uid UID) aborted: WHY(ARG, ...)" (arguments as %p) and ends the process with
     * SIGABRT whatever its handlers and mask (sigexit); with nargs outside 0..16, a NULL args
     * for nargs > 0, or unreadable arguments or reason, the log says "(Reason text
     * inaccessible)" and the signal is SIGKILL. FreeBSD logs to the kernel message buffer; xrun
     * writes the line to its own standard error. The SIGABRT path is a chain: the Linux
     * disposition back to SIG_DFL (xrun's FreeBSD one too), SIGABRT unblocked, tgkill.
     */
    public static final class Abort2 implements SyscallHandler {
        private static final int NR_RT_SIGACTION = LinuxSyscalls.require("rt_sigaction");
        private static final int NR_RT_SIGPROCMASK = LinuxSyscalls.require("rt_sigprocmask");
        private static final int NR_TGKILL = LinuxSyscalls.require("tgkill");
        private static final ConstantTable HOW = ConstantTable.load("sigprocmask-how.tsv");
        private static final long L_SIG_UNBLOCK = HOW.linux("SIG_UNBLOCK");
        private static final int F_SIGABRT = (int) Signals.table().freebsd("SIGABRT");
        private static final int L_SIGABRT = Signals.toLinux(F_SIGABRT);
        private static final int L_SIGKILL = Signals.toLinux((int) Signals.table().freebsd("SIGKILL"));
        /** MAXCOMLEN (sys/sys/param.h): p_comm holds at most 19 characters. */
        private static final int MAXCOMLEN = 19;

        public Abort2(SyscallRow row) {
        }

        @Override
        public void enter(Call c) {
            if (!c.hasPreludeResult()) {
                c.prelude(NR_GETEUID);
                return;
            }
            StringBuilder sb = new StringBuilder();
            String path = c.process().execPath();
            String comm = path == null ? "?" : path.substring(path.lastIndexOf('/') + 1);
            if (comm.length() > MAXCOMLEN) {
                comm = comm.substring(0, MAXCOMLEN);
            }
            sb.append(comm).append("(pid ").append(c.process().guestPid()).append(" uid ")
                    .append(c.preludeResult()).append(") aborted: ");
            boolean ok = reason(c, sb);
            if (!ok) {
                // sbuf_trim, then the note
                while (sb.length() > 0 && sb.charAt(sb.length() - 1) == ' ') {
                    sb.setLength(sb.length() - 1);
                }
                sb.append(" (Reason text inaccessible)");
            }
            System.err.println("xrun: abort2: " + sb);
            System.err.flush();
            GuestThread t = c.thread();
            if (!ok) {
                c.runLinux(NR_TGKILL, c.process().guestPid(), t.guestTid(), L_SIGKILL, 0, 0, 0);
                c.stash[0] = 1;
                return;
            }
            c.stash[0] = 0;
            c.process().actions().resetToDefault(F_SIGABRT);
            NativeBuffer b = c.buffer();
            b.zero(0, 40);                                   // struct sigaction: SIG_DFL, no flags
            b.putLong(32, 1L << (L_SIGABRT - 1));             // the set to unblock
            if (!c.copyOut(c.scratch(), 0, 40)) {
                return;
            }
            c.runLinux(NR_RT_SIGACTION, L_SIGABRT, c.scratch(), 0, 8, 0, 0);
        }

        /** The reason and arguments as kern_abort2 prints them; false when something is unreadable. */
        private static boolean reason(Call c, StringBuilder sb) {
            int nargs = c.intArg(1);
            long args = c.arg(2);
            if (nargs < 0 || nargs > 16 || (nargs > 0 && args == 0)) {
                return false;
            }
            NativeBuffer b = c.buffer();
            long[] vals = new long[nargs];
            if (nargs > 0) {
                if (c.memory().read(args, b, 0, 8 * nargs) != 8 * nargs) {
                    return false;
                }
                for (int i = 0; i < nargs; i++) {
                    vals[i] = b.getLong(8 * i);
                }
            }
            long why = c.arg(0);
            if (why == 0) {
                sb.append("(null)");
            } else {
                long n = c.memory().readCString(why, b, 0, 128);
                if (n < 0) {
                    return false;
                }
                sb.append(b.getString(0, (int) n));
            }
            if (nargs > 0) {
                sb.append('(');
                for (int i = 0; i < nargs; i++) {
                    sb.append(i == 0 ? "" : ", ").append("0x").append(Long.toHexString(vals[i]));
                }
                sb.append(')');
            }
            return true;
        }

        @Override
        public void exit(Call c) {
            long s = c.scratch();
            if (c.stash[0] == 0 && c.step() == 0) {
                c.then(NR_RT_SIGPROCMASK, L_SIG_UNBLOCK, s + 32, 0, 8, 0, 0);
            } else if (c.stash[0] == 0 && c.step() == 1) {
                c.then(NR_TGKILL, c.process().guestPid(), c.thread().guestTid(), L_SIGABRT, 0, 0, 0);
            } else {
                c.returnValue(0);
            }
        }
    }
}
