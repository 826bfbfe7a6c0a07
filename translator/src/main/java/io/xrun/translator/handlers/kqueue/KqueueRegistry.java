package io.xrun.translator.handlers.kqueue;

import io.xrun.translator.core.GuestProcess;
import io.xrun.translator.core.ThreadControl;

/** A process's kqueues by descriptor. Not inherited by fork, as FreeBSD's are not (kqueue(2)). */
public final class KqueueRegistry {
    /** epoll_event.data of a READ/WRITE knote's descriptor d: FD_DATA | d (Kqueue.KIND_FD). */
    public static final long FD_DATA = Kqueue.KIND_FD;
    private Kqueue[] byFd = new Kqueue[16];
    /** Bumped whenever the models may have changed (the fast path then republishes them). */
    private int version;

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
            r.version++;
            r.fdClosed(fd);
        }
    }

    /** Marks p's models as possibly changed (every kevent and kqueue call does). */
    static void changing(GuestProcess p) {
        of(p).version++;
    }

    /** A number that changes whenever p's kqueue models may have; 0 while p has none. */
    public static int version(GuestProcess p) {
        KqueueRegistry r = p.kqueues();
        return r == null ? 0 : r.version;
    }

    /**
     * The descriptor of p's only kqueue when a stub can answer its waits exactly as
     * KeventHandler does (fastpath.KeventStub): every knote is a READ or WRITE knote on a
     * descriptor below fdLimit, neither ONESHOT nor DISPATCH (whose delivery changes the model),
     * with no ext[] data, not on a file epoll cannot watch, its epoll interest registered as the
     * model wants it, and no knote on a helper descriptor (timers, user events, processes,
     * signals). Else -1.
     */
    public static int simpleKqueue(GuestProcess p, int fdLimit) {
        KqueueRegistry r = p.kqueues();
        if (r == null) {
            return -1;
        }
        Kqueue only = null;
        for (Kqueue k : r.byFd) {
            if (k != null) {
                if (only != null) {
                    return -1;
                }
                only = k;
            }
        }
        if (only == null || only.alwaysReady != 0 || only.dirtyCount != 0) {
            return -1;
        }
        for (Knote k : only.slots) {
            if (k != null) {
                return -1;
            }
        }
        for (int f = 0; f < only.fdLimit(); f++) {
            Knote rd = only.readByFd[f];
            Knote wr = only.writeByFd[f];
            if (rd == null && wr == null) {
                continue;
            }
            if (f >= fdLimit || !reportable(rd) || !reportable(wr) || only.maskByFd[f] != only.wantedMask(f)) {
                return -1;
            }
        }
        return only.fd;
    }

    private static boolean reportable(Knote k) {
        return k == null || !k.always && (k.flags & (KeventAbi.EV_ONESHOT | KeventAbi.EV_DISPATCH)) == 0
                && k.ext[0] == 0 && k.ext[1] == 0 && k.ext[2] == 0 && k.ext[3] == 0;
    }

    /** One more than the highest descriptor kqueue kq of p may have knotes for. */
    public static int fdSpan(GuestProcess p, int kq) {
        Kqueue k = of(p).get(kq);
        return k == null ? 0 : k.fdLimit();
    }

    /**
     * What a wait reports of descriptor fd's READ (write false) or WRITE knote in kqueue kq: 0
     * when none is reported (no knote, or a disabled one), else 0x10000 | its kn_flags.
     */
    public static int knoteWord(GuestProcess p, int kq, int fd, boolean write) {
        Knote k = knote(p, kq, fd, write);
        return k == null || !k.enabled ? 0 : 0x10000 | (k.flags & 0xffff);
    }

    /** The udata of that knote, 0 for none. */
    public static long knoteUdata(GuestProcess p, int kq, int fd, boolean write) {
        Knote k = knote(p, kq, fd, write);
        return k == null || !k.enabled ? 0 : k.udata;
    }

    private static Knote knote(GuestProcess p, int kq, int fd, boolean write) {
        Kqueue k = of(p).get(kq);
        return k == null ? null : k.fdKnote(fd, write ? KeventAbi.EVFILT_WRITE : KeventAbi.EVFILT_READ);
    }

    /** After a successful close_range(low, high) by process p: closed() for each fd xrun knows in it. */
    public static void closedRange(GuestProcess p, long low, long high) {
        KqueueRegistry r = p.kqueues();
        if (r == null) {
            return;
        }
        r.version++;
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
        r.version++;
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
