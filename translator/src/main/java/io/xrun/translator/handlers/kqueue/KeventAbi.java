package io.xrun.translator.handlers.kqueue;

import io.xrun.maps.ConstantTable;

/** kqueue constants from kevent.tsv (FreeBSD sys/sys/event.h; Linux epoll values). */
public final class KeventAbi {
    static final ConstantTable T = ConstantTable.load("kevent.tsv");
    public static final int EVFILT_READ = f("EVFILT_READ"), EVFILT_WRITE = f("EVFILT_WRITE"), EVFILT_PROC = f("EVFILT_PROC"),
            EVFILT_TIMER = f("EVFILT_TIMER"), EVFILT_USER = f("EVFILT_USER"),
            EVFILT_SIGNAL = f("EVFILT_SIGNAL");
    public static final int EV_ADD = f("EV_ADD"), EV_DELETE = f("EV_DELETE"), EV_ENABLE = f("EV_ENABLE"),
            EV_DISABLE = f("EV_DISABLE"), EV_FORCEONESHOT = f("EV_FORCEONESHOT"), EV_ONESHOT = f("EV_ONESHOT"),
            EV_CLEAR = f("EV_CLEAR"), EV_RECEIPT = f("EV_RECEIPT"), EV_DISPATCH = f("EV_DISPATCH"),
            EV_EOF = f("EV_EOF"), EV_ERROR = f("EV_ERROR");
    static final int NOTE_TRIGGER = f("NOTE_TRIGGER"), NOTE_FFAND = f("NOTE_FFAND"), NOTE_FFOR = f("NOTE_FFOR"),
            NOTE_FFCOPY = f("NOTE_FFCOPY"), NOTE_FFCTRLMASK = f("NOTE_FFCTRLMASK"),
            NOTE_FFLAGSMASK = f("NOTE_FFLAGSMASK"), NOTE_EXIT = f("NOTE_EXIT"), NOTE_SECONDS = f("NOTE_SECONDS"),
            NOTE_MSECONDS = f("NOTE_MSECONDS"), NOTE_USECONDS = f("NOTE_USECONDS"),
            NOTE_NSECONDS = f("NOTE_NSECONDS"), NOTE_ABSTIME = f("NOTE_ABSTIME");
    /** Epoll bits each filter waits for, and the edge-trigger bit (linux column of kevent.tsv). */
    public static final int EPOLL_READ = (int) T.linux("EVFILT_READ"), EPOLL_WRITE = (int) T.linux("EVFILT_WRITE"),
            EPOLLIN = (int) T.linux("EVFILT_USER"), EPOLLET = (int) T.linux("EV_CLEAR");
    /** Linux include/uapi/linux/eventpoll.h */
    public static final int EPOLLERR = 0x8, EPOLLHUP = 0x10, EPOLLRDHUP = 0x2000;
    static final int EPOLL_CTL_ADD = 1, EPOLL_CTL_DEL = 2, EPOLL_CTL_MOD = 3;
    /** Flags kern_event.c strips before keeping kn_flags. */
    static final int TRANSIENT = EV_ADD | EV_DELETE | EV_ENABLE | EV_DISABLE | EV_FORCEONESHOT;

    private KeventAbi() {
    }

    private static int f(String name) {
        return (int) T.freebsd(name);
    }
}
