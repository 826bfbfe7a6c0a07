package io.xrun.translator.handlers.kqueue;

/**
 * The Linux calls one kevent() call is made of, and the events it will return: per guest
 * thread, allocated once and reused (kevent is on the hot path of every Go program's
 * scheduler). Ops run in order, one per pass of the guest's syscall instruction.
 */
final class KeventProgram {
    static final int CTL = 1, TIMER_CREATE = 2, TIMER_SET = 3, USER_CREATE = 4, USER_WRITE = 5, AUX_READ = 6,
            CLOSE = 7, PIDFD_OPEN = 8, PROC_WAIT = 9, WAIT = 10, CTL_SLOT = 11;
    Kqueue kq;
    /** The calling process: the descriptors it gives knotes become watched (GuestProcess#watchFd). */
    io.xrun.translator.core.GuestProcess process;
    long eventlist;
    int nevents;
    boolean wide;
    long timeout;
    int rounds;
    int abortErrno;
    int nerrors;
    /** Arguments of the Linux call being set up (one op at a time). */
    final long[] args = new long[6];

    int n;
    int pos;
    int[] kind = new int[32];
    int[] fd = new int[32];
    int[] op = new int[32];
    Knote[] kn = new Knote[32];
    int[] out = new int[32];

    int nout;
    int[] oFilter = new int[64];
    int[] oFlags = new int[64];
    int[] oFflags = new int[64];
    long[] oIdent = new long[64];
    long[] oData = new long[64];
    long[] oUdata = new long[64];
    long[][] oExt = new long[4][64];

    void reset(Kqueue kq, long eventlist, int nevents, boolean wide, long timeout) {
        this.kq = kq;
        this.eventlist = eventlist;
        this.nevents = nevents;
        this.wide = wide;
        this.timeout = timeout;
        rounds = 0;
        abortErrno = 0;
        nerrors = 0;
        n = 0;
        pos = 0;
        nout = 0;
        java.util.Arrays.fill(kn, null);
    }

    int add(int k, int f, int o, Knote knote, int outIndex) {
        if (n == kind.length) {
            int m = n * 2;
            kind = java.util.Arrays.copyOf(kind, m);
            fd = java.util.Arrays.copyOf(fd, m);
            op = java.util.Arrays.copyOf(op, m);
            kn = java.util.Arrays.copyOf(kn, m);
            out = java.util.Arrays.copyOf(out, m);
        }
        set(n, k, f, o, knote, outIndex);
        return n++;
    }

    private void set(int i, int k, int f, int o, Knote knote, int outIndex) {
        kind[i] = k;
        fd[i] = f;
        op[i] = o;
        kn[i] = knote;
        out[i] = outIndex;
    }

    /** Puts op k right after the one running now (a helper fd's setup continues its creation). */
    void insertNext(int k, int f, int o, Knote knote) {
        add(k, f, o, knote, -1);
        int last = n - 1;
        for (int i = last; i > pos + 1; i--) {
            set(i, kind[i - 1], fd[i - 1], op[i - 1], kn[i - 1], out[i - 1]);
        }
        set(pos + 1, k, f, o, knote, -1);
    }

    boolean outFull() {
        return nout >= nevents;
    }

    int addOut(int filter, long ident, int flags, int fflags, long data, long udata, long[] ext) {
        if (nout == oFilter.length) {
            int m = nout * 2;
            oFilter = java.util.Arrays.copyOf(oFilter, m);
            oFlags = java.util.Arrays.copyOf(oFlags, m);
            oFflags = java.util.Arrays.copyOf(oFflags, m);
            oIdent = java.util.Arrays.copyOf(oIdent, m);
            oData = java.util.Arrays.copyOf(oData, m);
            oUdata = java.util.Arrays.copyOf(oUdata, m);
            for (int i = 0; i < 4; i++) {
                oExt[i] = java.util.Arrays.copyOf(oExt[i], m);
            }
        }
        int i = nout++;
        oFilter[i] = filter;
        oIdent[i] = ident;
        oFlags[i] = flags;
        oFflags[i] = fflags;
        oData[i] = data;
        oUdata[i] = udata;
        for (int j = 0; j < 4; j++) {
            oExt[j][i] = ext != null ? ext[j] : 0;
        }
        return i;
    }
}
