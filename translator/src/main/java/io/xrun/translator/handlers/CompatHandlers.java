package io.xrun.translator.handlers;

import io.xrun.maps.Errno;
import io.xrun.maps.LinuxSyscalls;
import io.xrun.maps.Signals;
import io.xrun.maps.SyscallRow;
import io.xrun.translator.core.Call;
import io.xrun.translator.core.SyscallHandler;
import io.xrun.translator.convert.WaitStatusConverter;
import io.xrun.translator.nativeapi.NativeBuffer;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The 4.3BSD and FreeBSD 4 calls that are sysctls or small programs underneath
 * (sys/kern/kern_xxx.c, kern_sig.c, kern_descrip.c), for old binaries.
 */
public final class CompatHandlers {
    private static final int ENOMEM = (int) Errno.table().freebsd("ENOMEM");
    private static final int LINUX_UNAME = LinuxSyscalls.require("uname");
    /** Linux struct new_utsname: six 65-byte fields (include/uapi/linux/utsname.h __NEW_UTS_LEN + 1). */
    private static final int L_UTS_FIELD = 65, L_NODENAME = 65, L_DOMAINNAME = 325, L_UTS_SIZE = 390;
    /** FreeBSD 4's struct utsname: five SYS_NMLN (32) byte fields (sys/sys/utsname.h, kern_xxx.c). */
    private static final int SYS_NMLN = 32;

    private CompatHandlers() {
    }

    /** The value of a fixed sysctl MIB of sysctl.tsv. */
    static byte[] sysctl(String name) {
        byte[] v = SysctlHandler.sharedTree().valueOf(name);
        if (v == null) {
            throw new IllegalStateException("sysctl.tsv has no fixed " + name);
        }
        return v;
    }

    private static long sysctlLong(String name) {
        byte[] v = sysctl(name);
        ByteBuffer b = ByteBuffer.wrap(v).order(ByteOrder.LITTLE_ENDIAN);
        return v.length == 8 ? b.getLong() : b.getInt();
    }

    /**
     * ogetpagesize() and ogethostid(): a sysctl value as the result, PAGE_SIZE as hw.pagesize
     * reports it (vm_mmap.c ogetpagesize) and kern.hostid (kern_xxx.c ogethostid: kernel_sysctl
     * into td_retval).
     */
    public static final class SysctlValue implements SyscallHandler {
        private final long value;

        public SysctlValue(SyscallRow row) {
            this.value = sysctlLong(row.name().equals("ogetpagesize") ? "hw.pagesize" : "kern.hostid");
        }

        @Override
        public void enter(Call c) {
            c.emulate(value);
        }
    }

    /**
     * okillpg(pgid, sig) on kill(-pgid, sig): killpg1 signals the process group pgid, the
     * caller's own for 0 (kern_sig.c); a signal above _SIG_MAXSIG (128) is EINVAL. A pgid that
     * is negative names no group (pgfind fails: ESRCH); nor is pgid 1 sent, since Linux's
     * kill(-1) would signal every process the caller may signal (ESRCH, the row's note says so).
     */
    public static final class Killpg implements SyscallHandler {
        private static final int KILL = LinuxSyscalls.require("kill");
        private static final int SIG_MAXSIG = 128;

        public Killpg(SyscallRow row) {
        }

        @Override
        public void enter(Call c) {
            int pgid = c.intArg(0);
            int sig = c.intArg(1);
            if (sig < 0 || sig > SIG_MAXSIG) {
                c.emulateError(Errno.FREEBSD_EINVAL);
                return;
            }
            int lsig = sig == 0 ? 0 : Signals.toLinux(sig);
            if (sig != 0 && lsig == 0) {
                c.emulateError(Errno.FREEBSD_EINVAL);
                return;
            }
            if (pgid < 0 || pgid == 1) {
                c.emulateError(Errno.FREEBSD_ESRCH);
                return;
            }
            c.runLinux(KILL, -pgid, lsig, 0, 0, 0, 0);
        }

        @Override
        public void exit(Call c) {
            c.returnValue(0);
        }
    }

    /**
     * getdtablesize(): min(RLIMIT_NOFILE's soft limit, maxfilesperproc) (kern_descrip.c getmaxfd),
     * read with prlimit64. Linux's soft limit never exceeds fs.nr_open, which is what
     * kern.maxfilesperproc reports.
     */
    public static final class Dtablesize implements SyscallHandler {
        private static final int PRLIMIT64 = LinuxSyscalls.require("prlimit64");
        private static final long L_RLIMIT_NOFILE = Abi.RLIMITS.toLinux(Abi.RLIMITS_TABLE.freebsd("RLIMIT_NOFILE"));

        public Dtablesize(SyscallRow row) {
        }

        @Override
        public void enter(Call c) {
            c.runLinux(PRLIMIT64, 0, L_RLIMIT_NOFILE, 0, c.scratch(), 0, 0);
        }

        @Override
        public void exit(Call c) {
            if (!c.copyIn(c.scratch(), 0, 8)) {
                return;
            }
            long cur = c.buffer().getLong(0);
            c.returnValue(cur < 0 || cur > Integer.MAX_VALUE ? Integer.MAX_VALUE : cur);
        }
    }

    /**
     * ogethostname(buf, len), freebsd4_getdomainname(buf, len) and freebsd4_uname(name): sysctls
     * of kern.hostname / kern.nisdomainname (kern_xxx.c) read with userland_sysctl, answered from
     * Linux uname(2) (the guest's UTS namespace) into scratch. A string is copied as
     * sysctl_handle_string copies it: MIN(len, strlen + 1) bytes, ENOMEM when that cut the NUL
     * off. Linux's unset NIS domain name "(none)" (UTS_DOMAINNAME) is FreeBSD's empty one.
     * freebsd4_uname fills five 32-byte fields in order, stopping at the first error: sysname
     * (kern.ostype), nodename, release (kern.osrelease), version (kern.version from its '#' up
     * to the ':' after it, the FreeBSD 1.1 form) and machine (hw.machine), each with its last
     * byte set to 0.
     */
    public static final class Uname implements SyscallHandler {
        private static final byte[] NO_DOMAIN = "(none)".getBytes(StandardCharsets.US_ASCII);
        private final int kind;
        private final byte[] ostype = sysctl("kern.ostype");
        private final byte[] release = sysctl("kern.osrelease");
        private final byte[] version = oldVersion(sysctl("kern.version"));
        private final byte[] machine = sysctl("hw.machine");

        public Uname(SyscallRow row) {
            this.kind = row.name().equals("ogethostname") ? 0 : row.name().equals("freebsd4_getdomainname") ? 1 : 2;
        }

        @Override
        public void enter(Call c) {
            c.runLinux(LINUX_UNAME, c.scratch(), 0, 0, 0, 0, 0);
        }

        @Override
        public void exit(Call c) {
            NativeBuffer b = c.buffer();
            if (!c.copyIn(c.scratch(), 0, L_UTS_SIZE)) {
                return;
            }
            if (kind < 2) {
                int off = kind == 0 ? L_NODENAME : L_DOMAINNAME;
                int n = b.strlen(off, L_UTS_FIELD - 1);
                if (kind == 1 && n == NO_DOMAIN.length && b.getString(off, n).equals("(none)")) {
                    n = 0;
                }
                b.putByte(off + n, (byte) 0);
                long buf = c.arg(0);
                long len = c.arg(1) & 0xffffffffL;
                if (kind == 1) {
                    len = c.intArg(1); // int len, widened to size_t (a negative one is huge)
                }
                if (buf == 0) {
                    c.returnValue(0);
                    return;
                }
                long want = n + 1;
                int copy = (int) (Long.compareUnsigned(len, want) < 0 ? len : want);
                if (copy > 0 && !c.copyOut(buf, off, copy)) {
                    return;
                }
                if (copy < want) {
                    c.returnError(ENOMEM);
                } else {
                    c.returnValue(0);
                }
                return;
            }
            long name = c.arg(0);
            int nodeLen = b.strlen(L_NODENAME, L_UTS_FIELD - 1) + 1;
            b.putByte(L_NODENAME + nodeLen - 1, (byte) 0);
            for (int f = 0; f < 5; f++) {
                long dst = name + (long) SYS_NMLN * f;
                if (f == 3) {
                    // version: copied byte by byte up to its NUL, with no limit (the subyte loop)
                    b.put(1024, version, 0, version.length);
                    if (!c.copyOut(dst, 1024, version.length)) {
                        return;
                    }
                    continue;
                }
                byte[] v = f == 0 ? ostype : f == 2 ? release : f == 4 ? machine : null;
                int len = v != null ? v.length : nodeLen;
                int copy = Math.min(len, SYS_NMLN);
                if (v != null) {
                    b.put(1024, v, 0, copy);
                }
                if (!c.copyOut(dst, v != null ? 1024 : L_NODENAME, copy)) {
                    return;
                }
                if (copy < len) {
                    c.returnError(ENOMEM);
                    return;
                }
                b.putByte(1024, (byte) 0);
                if (!c.copyOut(dst + SYS_NMLN - 1, 1024, 1)) {
                    return;
                }
            }
            c.returnValue(0);
        }

        /** kern.version from its first '#' up to the next ':', NUL-terminated (freebsd4_uname). */
        static byte[] oldVersion(byte[] v) {
            int s = 0;
            while (s < v.length && v[s] != 0 && v[s] != '#') {
                s++;
            }
            int e = s;
            while (e < v.length && v[e] != 0 && v[e] != ':') {
                e++;
            }
            byte[] out = new byte[e - s + 1];
            System.arraycopy(v, s, out, 0, e - s);
            return out;
        }
    }

    /** oquota(): ENOSYS from the call itself (kern_xxx.c), so no SIGSYS as for an unknown number. */
    public static final class Oquota implements SyscallHandler {
        public Oquota(SyscallRow row) {
        }

        @Override
        public void enter(Call c) {
            c.emulateError(Errno.FREEBSD_ENOSYS);
        }
    }

    /**
     * The 4.3BSD mask calls, with an osigset_t (the 32 bits of signals 1..32) by value and the
     * old mask or the pending set as the result (kern_sig.c: OSIG2SIG/SIG2OSIG):
     * osigprocmask(how, mask), osigblock(mask) (SIG_BLOCK), osigsetmask(mask) (SIG_SETMASK) on
     * rt_sigprocmask; osigpending() on rt_sigpending.
     */
    public static final class OldSigmask implements SyscallHandler {
        private static final int NR_RT_SIGPROCMASK = LinuxSyscalls.require("rt_sigprocmask");
        private static final int NR_RT_SIGPENDING = LinuxSyscalls.require("rt_sigpending");
        private static final io.xrun.maps.ConstantTable HOW = io.xrun.maps.ConstantTable.load("sigprocmask-how.tsv");
        private static final long SIG_BLOCK = HOW.linux("SIG_BLOCK");
        private static final long SIG_SETMASK = HOW.linux("SIG_SETMASK");
        private final String name;

        public OldSigmask(SyscallRow row) {
            this.name = row.name();
        }

        @Override
        public void enter(Call c) {
            long s = c.scratch();
            if (name.equals("osigpending")) {
                c.runLinux(NR_RT_SIGPENDING, s + 8, io.xrun.translator.convert.SigsetConverter.LINUX_SIZE, 0, 0, 0, 0);
                return;
            }
            long how;
            long mask;
            switch (name) {
                case "osigblock":
                    how = SIG_BLOCK;
                    mask = c.arg(0);
                    break;
                case "osigsetmask":
                    how = SIG_SETMASK;
                    mask = c.arg(0);
                    break;
                default:
                    how = Abi.SIGPROCMASK_HOW.toLinux(c.arg(0));
                    mask = c.arg(1);
                    if (how == io.xrun.maps.ValueMap.NONE) {
                        c.emulateError(Errno.FREEBSD_EINVAL);
                        return;
                    }
            }
            NativeBuffer b = c.buffer();
            b.zero(0, io.xrun.translator.convert.SigsetConverter.FREEBSD_SIZE);
            b.putInt(0, (int) mask);
            b.putLong(16, io.xrun.translator.convert.SigsetConverter.toLinux(b, 0));
            if (!c.copyOut(s, 16, 8)) {
                return;
            }
            c.runLinux(NR_RT_SIGPROCMASK, how, s, s + 8, io.xrun.translator.convert.SigsetConverter.LINUX_SIZE, 0, 0);
        }

        @Override
        public void exit(Call c) {
            NativeBuffer b = c.buffer();
            if (!c.copyIn(c.scratch() + 8, 0, 8)) {
                return;
            }
            io.xrun.translator.convert.SigsetConverter.toFreebsd(b.getLong(0), b, 16);
            c.returnValue(b.getInt(16) & 0xffffffffL);
        }
    }

    /** osigsuspend(mask) (kern_sig.c): sigsuspend with an osigset_t by value, on rt_sigsuspend. */
    public static final class Osigsuspend implements SyscallHandler {
        private static final int NR_RT_SIGSUSPEND = LinuxSyscalls.require("rt_sigsuspend");

        public Osigsuspend(SyscallRow row) {
        }

        @Override
        public void enter(Call c) {
            NativeBuffer b = c.buffer();
            b.zero(0, io.xrun.translator.convert.SigsetConverter.FREEBSD_SIZE);
            b.putInt(0, c.intArg(0));
            b.putLong(16, io.xrun.translator.convert.SigsetConverter.toLinux(b, 0));
            if (c.copyOut(c.scratch(), 16, 8)) {
                c.runLinux(NR_RT_SIGSUSPEND, c.scratch(), io.xrun.translator.convert.SigsetConverter.LINUX_SIZE, 0, 0, 0, 0);
            }
        }
    }

    /**
     * owait() (kern_exit.c): wait4(WAIT_ANY, &status, 0, NULL), the pid in rax and the status
     * (signal numbers converted, WaitStatusConverter) in rdx.
     */
    public static final class Owait implements SyscallHandler {
        private static final int NR_WAIT4 = LinuxSyscalls.require("wait4");

        public Owait(SyscallRow row) {
        }

        @Override
        public void enter(Call c) {
            c.runLinux(NR_WAIT4, -1, c.scratch(), 0, 0, 0, 0);
        }

        @Override
        public void exit(Call c) {
            if (c.copyIn(c.scratch(), 0, 4)) {
                c.returnValue(c.linuxResult(), WaitStatusConverter.toFreebsd(c.buffer().getInt(0)));
            }
        }
    }

    /**
     * osigstack(nss, oss) (kern_sig.c): struct sigstack {void *ss_sp; int ss_onstack} (16 bytes).
     * oss gets the alternate stack's ss_sp and whether the thread runs on it; nss makes ss_sp the
     * alternate stack with size 0 (the 4.3BSD stack top: frames go below it) and enables it
     * (TDP_ALTSTACK), as sigaltstack's state that signal delivery uses.
     */
    public static final class Osigstack implements SyscallHandler {
        private static final int SIGSTACK_SIZE = 16;

        public Osigstack(SyscallRow row) {
        }

        @Override
        public void enter(Call c) {
            io.xrun.translator.core.GuestThread t = c.thread();
            long nss = c.arg(0);
            long oss = c.arg(1);
            NativeBuffer b = c.buffer();
            if (nss != 0 && !c.copyIn(nss, 32, SIGSTACK_SIZE)) {
                return;
            }
            b.zero(0, SIGSTACK_SIZE);
            b.putLong(0, t.altSp());
            b.putInt(8, t.onAltStack(c.registers().rsp()) ? 1 : 0);
            if (nss != 0) {
                t.setAltStack(b.getLong(32), 0, true);
            }
            if (oss != 0 && !c.copyOut(oss, 0, SIGSTACK_SIZE)) {
                return;
            }
            c.emulate(0);
        }
    }
}
