package io.xrun.translator.handlers.kqueue;

/**
 * One registered event of a kqueue (FreeBSD struct knote): the (ident, filter) pair, the
 * flags and filter flags as registered, the user data, and how xrun watches it: READ/WRITE on
 * the fd itself in the epoll set, TIMER/USER/PROC on a helper fd (timerfd, eventfd, pidfd)
 * that xrun created in the guest.
 */
final class Knote {
    final long ident;
    final int filter;
    /** Registered flags without EV_ADD/DELETE/ENABLE/DISABLE/FORCEONESHOT (kern_event.c keeps kn_flags so). */
    int flags;
    int fflags;
    long data;
    long udata;
    final long[] ext = new long[4];
    boolean enabled = true;
    /** Index in the kqueue's slot table (helper-fd knotes; the epoll data of their fd). */
    int slot = -1;
    /** The helper fd (timerfd, eventfd, pidfd), -1 until its creating call returned. */
    int aux = -1;
    /** EVFILT_USER: triggered and not yet cleared; the filter flags kept by NOTE_FF*. */
    boolean triggered;
    int userFflags;
    /** EVFILT_TIMER: period in ns and whether it is absolute. */
    long periodNs;
    boolean absolute;
    /** READ/WRITE on a file epoll cannot watch (a regular file): always ready, as FreeBSD's vnode filter is. */
    boolean always;
    /** Delivered ONESHOT: its helper fd is closed once this kevent() has read what it needs. */
    boolean closing;
    /** EVFILT_SIGNAL: deliveries of the signal since the last report. */
    long signals;

    Knote(long ident, int filter) {
        this.ident = ident;
        this.filter = filter;
    }
}
