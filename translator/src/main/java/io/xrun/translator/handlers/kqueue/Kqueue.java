package io.xrun.translator.handlers.kqueue;

import static io.xrun.translator.handlers.kqueue.KeventAbi.*;

/**
 * One kqueue: its epoll fd (the kqueue's own descriptor number in the guest) and its knotes.
 * READ/WRITE knotes are found by fd; helper-fd knotes by slot, the value their epoll
 * registration carries. Registered epoll interest is tracked per fd so a change costs one
 * epoll_ctl only when the interest really changes.
 */
final class Kqueue {
    /** epoll_event.data: which table the low 32 bits index. */
    static final long KIND_FD = 1L << 32, KIND_SLOT = 2L << 32;
    final int fd;
    Knote[] readByFd = new Knote[64];
    Knote[] writeByFd = new Knote[64];
    /** Epoll interest registered for each fd (unsigned: EPOLLET is bit 31), -1 when the fd is not in the epoll set. */
    long[] maskByFd = new long[64];
    /** Fds whose interest changed after delivery (ONESHOT/DISPATCH): re-armed at the next kevent. */
    boolean[] dirty = new boolean[64];
    int dirtyCount;
    Knote[] slots = new Knote[16];
    int alwaysReady;

    Kqueue(int fd) {
        this.fd = fd;
        java.util.Arrays.fill(maskByFd, -1);
    }

    void ensureFd(int f) {
        if (f < readByFd.length) {
            return;
        }
        int n = Math.max(f + 1, readByFd.length * 2);
        readByFd = java.util.Arrays.copyOf(readByFd, n);
        writeByFd = java.util.Arrays.copyOf(writeByFd, n);
        int old = maskByFd.length;
        maskByFd = java.util.Arrays.copyOf(maskByFd, n);
        java.util.Arrays.fill(maskByFd, old, n, -1);
        dirty = java.util.Arrays.copyOf(dirty, n);
    }

    Knote fdKnote(int f, int filter) {
        if (f < 0 || f >= readByFd.length) {
            return null;
        }
        return filter == EVFILT_READ ? readByFd[f] : writeByFd[f];
    }

    void putFdKnote(int f, Knote k) {
        ensureFd(f);
        if (k.filter == EVFILT_READ) {
            readByFd[f] = k;
        } else {
            writeByFd[f] = k;
        }
    }

    void removeFdKnote(int f, int filter) {
        if (filter == EVFILT_READ) {
            readByFd[f] = null;
        } else {
            writeByFd[f] = null;
        }
    }

    /** The epoll interest fd f needs now: its enabled knotes' bits, edge-triggered when all of them clear. */
    long wantedMask(int f) {
        Knote r = readByFd[f];
        Knote w = writeByFd[f];
        int m = 0;
        boolean allClear = true;
        if (r != null && r.enabled && !r.always) {
            m |= EPOLL_READ;
            allClear &= (r.flags & (EV_CLEAR | EV_ONESHOT | EV_DISPATCH)) != 0;
        }
        if (w != null && w.enabled && !w.always) {
            m |= EPOLL_WRITE;
            allClear &= (w.flags & (EV_CLEAR | EV_ONESHOT | EV_DISPATCH)) != 0;
        }
        return (m != 0 && allClear ? m | EPOLLET : m) & 0xffffffffL;
    }

    Knote slotKnote(long ident, int filter) {
        for (Knote k : slots) {
            if (k != null && k.ident == ident && k.filter == filter) {
                return k;
            }
        }
        return null;
    }

    void addSlot(Knote k) {
        for (int i = 0; i < slots.length; i++) {
            if (slots[i] == null) {
                slots[i] = k;
                k.slot = i;
                return;
            }
        }
        int i = slots.length;
        slots = java.util.Arrays.copyOf(slots, i * 2);
        slots[i] = k;
        k.slot = i;
    }

    void removeSlot(Knote k) {
        if (k.slot >= 0 && slots[k.slot] == k) {
            slots[k.slot] = null;
        }
    }

    void markDirty(int f) {
        if (!dirty[f]) {
            dirty[f] = true;
            dirtyCount++;
        }
    }

    /** The guest closed fd f: FreeBSD drops its knotes (knote_fdclose); epoll forgets it too. */
    /** One more than the highest descriptor this kqueue may hold knotes for. */
    int fdLimit() {
        return readByFd.length;
    }

    void fdClosed(int f) {
        if (f >= readByFd.length) {
            return;
        }
        if (readByFd[f] != null && readByFd[f].always) {
            alwaysReady--;
        }
        if (writeByFd[f] != null && writeByFd[f].always) {
            alwaysReady--;
        }
        readByFd[f] = null;
        writeByFd[f] = null;
        maskByFd[f] = -1;
        if (dirty[f]) {
            dirty[f] = false;
            dirtyCount--;
        }
    }
}
