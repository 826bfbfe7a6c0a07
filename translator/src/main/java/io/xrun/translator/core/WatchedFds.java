package io.xrun.translator.core;

/**
 * Descriptors whose close the supervisor must see because it keeps state about them (a kqueue,
 * or a descriptor with knotes: handlers.kqueue). The fast path keeps them in a bitmap in the
 * guest so that the close of any other descriptor runs in the guest ({@link StubShape#watchedFd}).
 */
public interface WatchedFds {
    /** The supervisor now keeps state about fd in process p. */
    void watch(GuestProcess p, int fd);

    /** The supervisor has forgotten fd in process p (it saw fd closed). */
    void unwatch(GuestProcess p, int fd);
}
