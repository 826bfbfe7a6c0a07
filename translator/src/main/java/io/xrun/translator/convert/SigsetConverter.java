package io.xrun.translator.convert;

import io.xrun.maps.Signals;
import io.xrun.translator.nativeapi.NativeBuffer;

/**
 * FreeBSD's 128-bit sigset_t (sys/sys/_sigset.h: four u32 words, signal n is bit (n-1)%32 of
 * word (n-1)/32) to and from Linux's 64-bit kernel sigset (bit n-1), signal by signal through
 * signals.tsv. Signals with no counterpart on the other side are dropped.
 */
public final class SigsetConverter {
    public static final int FREEBSD_SIZE = 16;
    public static final int LINUX_SIZE = 8;
    /** Linux SIGKILL (9) and SIGSTOP (19): no mask may hold them (the kernel drops them too). */
    public static final long LINUX_UNBLOCKABLE = (1L << (9 - 1)) | (1L << (19 - 1));

    private SigsetConverter() {
    }

    public static long toLinux(NativeBuffer b, int src) {
        long out = 0;
        for (int sig = 1; sig <= 128; sig++) {
            int word = b.getInt(src + 4 * ((sig - 1) >> 5));
            if ((word & (1 << ((sig - 1) & 31))) != 0) {
                int l = Signals.toLinux(sig);
                if (l > 0 && l <= 64) {
                    out |= 1L << (l - 1);
                }
            }
        }
        return out;
    }

    /** A FreeBSD set held as two longs (words 0|1 and 2|3, as read little-endian from memory). */
    public static long toLinux(long lo, long hi) {
        long out = 0;
        for (int sig = 1; sig <= 128; sig++) {
            long word = sig <= 64 ? lo : hi;
            if ((word & (1L << ((sig - 1) & 63))) != 0) {
                int l = Signals.toLinux(sig);
                if (l > 0 && l <= 64) {
                    out |= 1L << (l - 1);
                }
            }
        }
        return out;
    }

    public static void toFreebsd(long linuxSet, NativeBuffer b, int dst) {
        b.zero(dst, FREEBSD_SIZE);
        for (int l = 1; l <= 64; l++) {
            if ((linuxSet & (1L << (l - 1))) != 0) {
                int f = Signals.toFreebsd(l);
                if (f > 0) {
                    int off = dst + 4 * ((f - 1) >> 5);
                    b.putInt(off, b.getInt(off) | (1 << ((f - 1) & 31)));
                }
            }
        }
    }
}
