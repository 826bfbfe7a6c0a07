package io.xrun.translator.handlers.kqueue;

import io.xrun.translator.core.GuestProcess;
import io.xrun.translator.core.ThreadControl;

/** A process's kqueues by descriptor. Not inherited by fork, as FreeBSD's are not (kqueue(2)). */
public final class KqueueRegistry {
    private Kqueue[] byFd = new Kqueue[16];

    static KqueueRegistry of(GuestProcess p) {
        KqueueRegistry r = p.kqueues();
        if (r == null) {
            r = new KqueueRegistry();
            p.setKqueues(r);
        }
        return r;
    }

    Kqueue get(int fd) {
        return fd >= 0 && fd < byFd.length ? byFd[fd] : null;
    }

    void put(int fd, Kqueue k) {
        if (fd >= byFd.length) {
            byFd = java.util.Arrays.copyOf(byFd, Math.max(fd + 1, byFd.length * 2));
        }
        byFd[fd] = k;
    }

    /** After a successful close(fd) by process p: forget what xrun kept about fd. */
    public static void closed(GuestProcess p, int fd) {
        KqueueRegistry r = p.kqueues();
        if (r != null) {
            r.fdClosed(fd);
        }
    }

    /** After a successful close_range(low, high) by process p: closed() for each fd xrun knows in it. */
    public static void closedRange(GuestProcess p, long low, long high) {
        KqueueRegistry r = p.kqueues();
        if (r == null) {
            return;
        }
        int top = r.byFd.length;
        for (Kqueue k : r.byFd) {
            if (k != null) {
                top = Math.max(top, k.fdLimit());
            }
        }
        for (long fd = Math.max(low, 0); fd <= Math.min(high, top - 1); fd++) {
            r.fdClosed((int) fd);
        }
    }

    /**
     * Signal fsig was delivered to process p (handled, ignored or defaulted alike, as FreeBSD's
     * EVFILT_SIGNAL counts it): count it in every SIGNAL knote for it, and wake the kqueue's
     * waiters through the knote's eventfd on the first one since the last report.
     */
    public static void signalled(GuestProcess p, int fsig, ThreadControl ctl) {
        KqueueRegistry r = p.kqueues();
        if (r == null || fsig <= 0) {
            return;
        }
        for (Kqueue kq : r.byFd) {
            if (kq == null) {
                continue;
            }
            for (Knote k : kq.slots) {
                if (k != null && k.filter == KeventAbi.EVFILT_SIGNAL && k.ident == fsig) {
                    if (k.signals++ == 0 && k.aux >= 0) {
                        ctl.bumpEventfd(p.pid(), k.aux);
                    }
                }
            }
        }
    }

    /** The guest closed fd: a kqueue goes away, or the fd's knotes leave every kqueue. */
    void fdClosed(int fd) {
        if (fd < 0) {
            return;
        }
        if (fd < byFd.length && byFd[fd] != null) {
            byFd[fd] = null;
            return;
        }
        for (Kqueue k : byFd) {
            if (k != null) {
                k.fdClosed(fd);
            }
        }
    }
}
