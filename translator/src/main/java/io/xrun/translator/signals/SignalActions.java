package io.xrun.translator.signals;

/**
 * A FreeBSD process's signal dispositions (struct sigacts), kept by xrun: FreeBSD handlers run
 * on frames xrun builds, so the kernel's own table cannot hold them. Indexed by FreeBSD signal
 * number 1..128 (_SIG_MAXSIG, sys/sys/signalvar.h). Threads share it (thr_new), fork copies it.
 */
public final class SignalActions {
    /** sys/sys/signal.h */
    public static final long SIG_DFL = 0;
    public static final long SIG_IGN = 1;
    public static final int MAXSIG = 128;
    /** sa_flags bits, sys/sys/signal.h. */
    public static final int SA_ONSTACK = 0x1;
    public static final int SA_RESTART = 0x2;
    public static final int SA_RESETHAND = 0x4;
    public static final int SA_NODEFER = 0x10;
    public static final int SA_SIGINFO = 0x40;

    private final long[] handler = new long[MAXSIG + 1];
    private final int[] flags = new int[MAXSIG + 1];
    /** sa_mask as FreeBSD's four 32-bit words, packed into two longs (words 0|1, 2|3). */
    private final long[] maskLo = new long[MAXSIG + 1];
    private final long[] maskHi = new long[MAXSIG + 1];

    public long handler(int sig) {
        return handler[sig];
    }

    public int flags(int sig) {
        return flags[sig];
    }

    public long maskLo(int sig) {
        return maskLo[sig];
    }

    public long maskHi(int sig) {
        return maskHi[sig];
    }

    public boolean hasHandler(int sig) {
        return handler[sig] != SIG_DFL && handler[sig] != SIG_IGN;
    }

    public void set(int sig, long h, int f, long lo, long hi) {
        handler[sig] = h;
        flags[sig] = f;
        maskLo[sig] = lo;
        maskHi[sig] = hi;
    }

    /** SA_RESETHAND after delivery: back to SIG_DFL, SA_SIGINFO cleared (kern_sig.c postsig/sendsig path). */
    public void resetToDefault(int sig) {
        handler[sig] = SIG_DFL;
        flags[sig] &= ~SA_SIGINFO;
    }

    public void copyFrom(SignalActions o) {
        System.arraycopy(o.handler, 0, handler, 0, handler.length);
        System.arraycopy(o.flags, 0, flags, 0, flags.length);
        System.arraycopy(o.maskLo, 0, maskLo, 0, maskLo.length);
        System.arraycopy(o.maskHi, 0, maskHi, 0, maskHi.length);
    }

    /** execve: caught signals revert to SIG_DFL, ignored ones stay ignored (FreeBSD execsigs()). */
    public void resetOnExec() {
        for (int s = 1; s <= MAXSIG; s++) {
            if (hasHandler(s)) {
                handler[s] = SIG_DFL;
            }
            flags[s] = 0;
            maskLo[s] = 0;
            maskHi[s] = 0;
        }
    }

    /** All dispositions back to SIG_DFL (a fresh process started by xrun-launch). */
    public void clear() {
        java.util.Arrays.fill(handler, SIG_DFL);
        java.util.Arrays.fill(flags, 0);
        java.util.Arrays.fill(maskLo, 0);
        java.util.Arrays.fill(maskHi, 0);
    }
}
