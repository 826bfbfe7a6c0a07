package io.xrun.translator.convert;

import io.xrun.maps.ConstantTable;
import io.xrun.maps.Signals;
import io.xrun.maps.ValueMap;
import io.xrun.translator.core.ThreadIds;
import io.xrun.translator.nativeapi.NativeBuffer;

/**
 * FreeBSD struct sigevent (sys/sys/signal.h: sigev_notify@0, sigev_signo@4, sigev_value@8,
 * _sigev_un._threadid@16; 80 bytes) to Linux's (asm-generic/siginfo.h: sigev_value@0,
 * sigev_signo@8, sigev_notify@12, _sigev_un._tid@16; 64 bytes). sigev_notify goes through
 * sigev-notify.tsv, the signal through signals.tsv, a SIGEV_THREAD_ID thread id from FreeBSD's
 * numbering to the Linux tid. What FreeBSD's kern_ktimer_create refuses, and what Linux cannot
 * carry (SIGEV_KEVENT), is {@link #INVALID}.
 */
public final class SigeventConverter {
    public static final int FREEBSD_SIZE = 80;
    public static final int LINUX_SIZE = 64;
    /** The conversion failed: the call is EINVAL. */
    public static final boolean INVALID = false;
    private static final ConstantTable NOTIFY_TABLE = ConstantTable.load("sigev-notify.tsv");
    private static final ValueMap NOTIFY = ValueMap.of(NOTIFY_TABLE);
    private static final long F_NONE = NOTIFY_TABLE.freebsd("SIGEV_NONE");
    private static final long F_THREAD_ID = NOTIFY_TABLE.freebsd("SIGEV_THREAD_ID");
    static final int F_NOTIFY = 0, F_SIGNO = 4, F_VALUE = 8, F_TID = 16;
    static final int L_VALUE = 0, L_SIGNO = 8, L_NOTIFY = 12, L_TID = 16;

    private SigeventConverter() {
    }

    /** Converts the FreeBSD sigevent at src into a Linux one at dst; false when FreeBSD would refuse it. */
    public static boolean toLinux(NativeBuffer b, int src, int dst) {
        int notify = b.getInt(src + F_NOTIFY);
        long lnotify = NOTIFY.toLinux(notify);
        if (lnotify == ValueMap.NONE) {
            return INVALID;
        }
        int signo = b.getInt(src + F_SIGNO);
        int lsig = 0;
        if (notify != F_NONE) {
            // _SIG_VALID: 1..128, and one Linux has
            lsig = signo > 0 && signo <= 128 ? Signals.toLinux(signo) : 0;
            if (lsig == 0) {
                return INVALID;
            }
        }
        long value = b.getLong(src + F_VALUE);
        int tid = 0;
        if (notify == F_THREAD_ID) {
            tid = ThreadIds.toLinux(b.getInt(src + F_TID));
            if (tid < 0) {
                return INVALID;
            }
        }
        b.zero(dst, LINUX_SIZE);
        b.putLong(dst + L_VALUE, value);
        b.putInt(dst + L_SIGNO, lsig);
        b.putInt(dst + L_NOTIFY, (int) lnotify);
        b.putInt(dst + L_TID, tid);
        return true;
    }
}
