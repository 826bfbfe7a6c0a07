package io.xrun.translator.fastpath;

import io.xrun.translator.core.GuestProcess;
import io.xrun.translator.handlers.kqueue.KqueueRegistry;
import io.xrun.translator.nativeapi.NativeBuffer;
import io.xrun.translator.nativeapi.ProcessMemory;

/**
 * What the guest's kevent stubs ({@link KeventStub}) read of a process's kqueue, and what this
 * address space's copy of it holds. At {@link StubCode#KQ_MIRROR}: the kqueue's descriptor + 1
 * while it is one a stub may answer (KqueueRegistry#simpleKqueue), else 0. At
 * {@link StubCode#KQ_ENTRIES} + 32 * fd: the READ knote's word (0, or 0x10000 | kn_flags), the
 * WRITE knote's word, the READ knote's udata, the WRITE knote's udata.
 *
 * <p>The supervisor republishes after every stop at which the models may have changed
 * (KqueueRegistry#version), right after a call's entry as well as after its exit: a knote's
 * entry is in place before the epoll_ctl that can wake another thread's wait for it, and the
 * descriptor goes from the header before the kqueue stops qualifying. Only what differs from
 * the last publication is written.
 */
final class KqueueMirror {
    /** epoll_event.data of a descriptor's knotes (KqueueRegistry.FD_DATA | fd). */
    static final long FD_DATA = KqueueRegistry.FD_DATA;
    static final int ENTRY = 32;

    /** For the entries and the header on their way into the guest (24 bytes at most). */
    private final NativeBuffer staging;

    private int header;
    private int version = -1;
    /** Per descriptor: the two words as published (read | write << 32) and the two udata. */
    private long[] words = new long[0];
    private long[] udata = new long[0];

    /** @param staging a buffer of 24 bytes or more, for this mirror's writes (the router's, shared by all) */
    KqueueMirror(NativeBuffer staging) {
        this.staging = staging;
    }

    /** A copy for a fork child: its memory holds what the parent's did. */
    KqueueMirror copy() {
        KqueueMirror m = new KqueueMirror(staging);
        m.header = header;
        m.words = words.clone();
        m.udata = udata.clone();
        return m;
    }

    /** Whether the header names a kqueue (a fork child's copy must be cleared). */
    boolean published() {
        return header != 0;
    }

    /** Forgets the kqueue (a fork child has none of its parent's kqueues): header 0. */
    void clear(ProcessMemory w) {
        if (header != 0 && writeHeader(w, 0)) {
            header = 0;
        }
        version = -1;
    }

    /** The header was cleared by a process sharing this memory (vfork): publish again from scratch. */
    void forget() {
        header = 0;
        version = -1;
    }

    /** Brings the guest's copy up to date with p's models, when they may have changed. */
    void publish(GuestProcess p, ProcessMemory w) {
        int v = KqueueRegistry.version(p);
        if (v == version) {
            return;
        }
        version = v;
        int kq = KqueueRegistry.simpleKqueue(p, StubCode.KQ_FDS);
        if (kq < 0) {
            if (header != 0 && writeHeader(w, 0)) {
                header = 0;
            }
            return;
        }
        int span = Math.min(KqueueRegistry.fdSpan(p, kq), StubCode.KQ_FDS);
        if (span > words.length) {
            words = java.util.Arrays.copyOf(words, Math.max(span, 2 * words.length));
            udata = java.util.Arrays.copyOf(udata, 2 * words.length);
        }
        for (int fd = 0; fd < words.length; fd++) {
            long word = 0, ur = 0, uw = 0;
            if (fd < span) {
                word = (KqueueRegistry.knoteWord(p, kq, fd, false) & 0xffffffffL)
                        | (long) KqueueRegistry.knoteWord(p, kq, fd, true) << 32;
                ur = KqueueRegistry.knoteUdata(p, kq, fd, false);
                uw = KqueueRegistry.knoteUdata(p, kq, fd, true);
            }
            if (word != words[fd] || ur != udata[2 * fd] || uw != udata[2 * fd + 1]) {
                staging.putLong(0, word);
                staging.putLong(8, ur);
                staging.putLong(16, uw);
                if (w == null || !w.write(StubCode.KQ_ENTRIES + (long) ENTRY * fd, staging, 0, 24)) {
                    version = -1;
                    return;
                }
                words[fd] = word;
                udata[2 * fd] = ur;
                udata[2 * fd + 1] = uw;
            }
        }
        if (header != kq + 1 && writeHeader(w, kq + 1)) {
            header = kq + 1;
        }
    }

    private boolean writeHeader(ProcessMemory w, int value) {
        staging.putInt(0, value);
        return w != null && w.write(StubCode.KQ_MIRROR, staging, 0, 4);
    }
}
