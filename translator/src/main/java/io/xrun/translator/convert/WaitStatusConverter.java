package io.xrun.translator.convert;

import io.xrun.maps.Signals;

/**
 * Wait statuses (sys/sys/wait.h on both systems: exit code in bits 8..15, terminating signal
 * in bits 0..6 with 0x80 for a core dump, 0x7f plus the stop signal for a stopped child).
 * The encodings agree; the signal numbers inside do not, and a continued child is 0x13 on
 * FreeBSD (_WCONTINUED) against 0xffff on Linux.
 */
public final class WaitStatusConverter {
    /** FreeBSD sys/sys/wait.h _WCONTINUED (0x13, SIGCONT << 8 | _WSTOPPED in old form). */
    public static final int FREEBSD_WCONTINUED = 0x13;
    /** Linux si_code values of SIGCHLD (include/uapi/asm-generic/siginfo.h). */
    private static final int CLD_EXITED = 1, CLD_KILLED = 2, CLD_DUMPED = 3, CLD_TRAPPED = 4, CLD_STOPPED = 5,
            CLD_CONTINUED = 6;

    private WaitStatusConverter() {
    }

    public static int toFreebsd(int s) {
        if ((s & 0x7f) == 0) {
            return s;
        }
        if ((s & 0xffff) == 0xffff) {
            return FREEBSD_WCONTINUED;
        }
        if ((s & 0xff) == 0x7f) {
            return (sig((s >> 8) & 0xff) << 8) | 0x7f;
        }
        return sig(s & 0x7f) | (s & 0x80);
    }

    /** The FreeBSD status for a waitid() result: si_code and si_status of a SIGCHLD siginfo. */
    public static int fromSiginfo(int code, int status) {
        switch (code) {
            case CLD_EXITED:
                return (status & 0xff) << 8;
            case CLD_KILLED:
                return sig(status);
            case CLD_DUMPED:
                return sig(status) | 0x80;
            case CLD_TRAPPED:
            case CLD_STOPPED:
                return (sig(status) << 8) | 0x7f;
            case CLD_CONTINUED:
                return FREEBSD_WCONTINUED;
            default:
                return 0;
        }
    }

    private static int sig(int lsig) {
        int f = Signals.toFreebsd(lsig);
        return f > 0 ? f : lsig;
    }
}
