package io.xrun.translator.convert;

import io.xrun.maps.ConstantTable;
import io.xrun.maps.Signals;
import io.xrun.translator.nativeapi.NativeBuffer;

/**
 * Linux siginfo_t (include/uapi/asm-generic/siginfo.h, 128 bytes) to FreeBSD siginfo_t
 * (sys/sys/signal.h, 80 bytes on amd64): si_signo 0, si_errno 4, si_code 8, si_pid 12, si_uid
 * 16, si_status 20, si_addr 24, si_value 32, and the _reason union at 40 (_fault._trapno,
 * _timer._timerid/_overrun, _poll._band). Linux keeps pid/uid, addr, and the rest in one
 * union at 16. si_code through siginfo-codes.tsv, signal numbers inside (si_signo; the
 * si_status of a child killed or stopped by a signal) through signals.tsv.
 */
public final class SiginfoConverter {
    public static final int FREEBSD_SIZE = 80;
    public static final int LINUX_SIZE = 128;
    private static final ConstantTable CODES = ConstantTable.load("siginfo-codes.tsv");
    /** SI_ASYNCIO (AIO completions, sent by xrun's AIO emulation with rt_sigqueueinfo) carries a value too. */
    private static final long L_SI_ASYNCIO = CODES.linux("SI_ASYNCIO");
    /** Linux signal numbers whose positive si_code values form a group of their own. */
    private static final int L_SIGILL = 4, L_SIGTRAP = 5, L_SIGBUS = 7, L_SIGFPE = 8, L_SIGSEGV = 11,
            L_SIGCHLD = 17, L_SIGIO = 29;
    private static final String[] GROUP_PREFIX = new String[65];
    private static final int[][] GROUP = new int[65][];
    private static final int[] GENERIC = new int[256];
    private static final int FREEBSD_SI_KERNEL;
    private static final int CLD_EXITED = 1;

    static {
        GROUP_PREFIX[L_SIGILL] = "ILL_";
        GROUP_PREFIX[L_SIGTRAP] = "TRAP_";
        GROUP_PREFIX[L_SIGBUS] = "BUS_";
        GROUP_PREFIX[L_SIGFPE] = "FPE_";
        GROUP_PREFIX[L_SIGSEGV] = "SEGV_";
        GROUP_PREFIX[L_SIGCHLD] = "CLD_";
        GROUP_PREFIX[L_SIGIO] = "POLL_";
        FREEBSD_SI_KERNEL = (int) CODES.freebsd("SI_KERNEL");
        for (ConstantTable.Entry e : CODES.entries()) {
            if (!e.onBoth()) {
                continue;
            }
            if (e.name().startsWith("SI_")) {
                GENERIC[(int) e.linux() & 0xff] = (int) e.freebsd();
                continue;
            }
            for (int s = 0; s < GROUP_PREFIX.length; s++) {
                if (GROUP_PREFIX[s] != null && e.name().startsWith(GROUP_PREFIX[s])) {
                    if (GROUP[s] == null) {
                        GROUP[s] = new int[16];
                    }
                    if (e.linux() < GROUP[s].length) {
                        GROUP[s][(int) e.linux()] = (int) e.freebsd();
                    }
                }
            }
        }
    }

    private SiginfoConverter() {
    }

    /** FreeBSD si_code for a Linux one of signal lsig. */
    public static int code(int lsig, int lcode) {
        if (lcode <= 0 || lcode == 0x80) {
            int f = GENERIC[lcode & 0xff];
            return f != 0 ? f : FREEBSD_SI_KERNEL;
        }
        if (lsig > 0 && lsig < GROUP.length && GROUP[lsig] != null && lcode < GROUP[lsig].length
                && GROUP[lsig][lcode] != 0) {
            return GROUP[lsig][lcode];
        }
        return lcode;
    }

    /** True for signals whose siginfo carries a fault address (si_addr). */
    public static boolean isFault(int lsig) {
        return lsig == L_SIGILL || lsig == L_SIGTRAP || lsig == L_SIGBUS || lsig == L_SIGFPE || lsig == L_SIGSEGV;
    }

    /**
     * Converts the Linux siginfo at src in b into FreeBSD's at dst (which must not overlap),
     * with si_signo set to the FreeBSD signal fsig. Returns the fault address (0 if none).
     */
    public static long toFreebsd(NativeBuffer b, int src, int dst, int fsig) {
        int lsig = b.getInt(src);
        int lcode = b.getInt(src + 8);
        b.zero(dst, FREEBSD_SIZE);
        b.putInt(dst, fsig);
        b.putInt(dst + 4, b.getInt(src + 4));
        b.putInt(dst + 8, code(lsig, lcode));
        long addr = 0;
        if (lcode > 0 && lcode != 0x80 && isFault(lsig)) {
            addr = b.getLong(src + 16);
            b.putLong(dst + 24, addr);
        } else if (lsig == L_SIGCHLD && lcode > 0) {
            b.putInt(dst + 12, b.getInt(src + 16));
            b.putInt(dst + 16, b.getInt(src + 20));
            int status = b.getInt(src + 24);
            b.putInt(dst + 20, lcode == CLD_EXITED ? status : Math.max(0, Signals.toFreebsd(status)));
        } else if (lsig == L_SIGIO && lcode > 0) {
            b.putLong(dst + 40, b.getLong(src + 16));
        } else if (lcode == -2) {
            // SI_TIMER: timer id, overrun, value
            b.putInt(dst + 40, b.getInt(src + 16));
            b.putInt(dst + 44, b.getInt(src + 20));
            b.putLong(dst + 32, b.getLong(src + 24));
        } else {
            // kill, tgkill, sigqueue, mq: sender pid and uid, and the value where there is one
            b.putInt(dst + 12, b.getInt(src + 16));
            b.putInt(dst + 16, b.getInt(src + 20));
            if (lcode == -1 || lcode == -3 || lcode == L_SI_ASYNCIO) {
                b.putLong(dst + 32, b.getLong(src + 24));
            }
        }
        return addr;
    }
}
