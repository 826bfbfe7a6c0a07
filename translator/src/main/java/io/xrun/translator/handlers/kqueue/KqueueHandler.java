package io.xrun.translator.handlers.kqueue;

import io.xrun.maps.Errno;
import io.xrun.maps.LinuxSyscalls;
import io.xrun.maps.SyscallRow;
import io.xrun.translator.core.Call;
import io.xrun.translator.core.SyscallHandler;

/**
 * kqueue() and kqueuex(flags) on epoll_create1: the epoll descriptor is the kqueue's, and xrun
 * keeps the kqueue's knotes (see {@link KeventHandler}). kqueuex takes KQUEUE_CLOEXEC (0x1,
 * sys/sys/event.h), which is EPOLL_CLOEXEC (0x80000, Linux include/uapi/linux/eventpoll.h).
 */
public final class KqueueHandler implements SyscallHandler {
    private static final long KQUEUE_CLOEXEC = 0x1, EPOLL_CLOEXEC = 0x80000;
    private static final int EPOLL_CREATE1 = LinuxSyscalls.require("epoll_create1");
    private final boolean withFlags;

    public KqueueHandler(SyscallRow row) {
        this.withFlags = row.name().equals("kqueuex");
    }

    @Override
    public void enter(Call c) {
        long flags = withFlags ? c.arg(0) : 0;
        if ((flags & ~KQUEUE_CLOEXEC) != 0) {
            c.emulateError(Errno.FREEBSD_EINVAL);
            return;
        }
        c.linuxArg(0, (flags & KQUEUE_CLOEXEC) != 0 ? EPOLL_CLOEXEC : 0);
        c.runLinux(EPOLL_CREATE1);
    }

    @Override
    public void exit(Call c) {
        int fd = (int) c.linuxResult();
        KqueueRegistry.of(c.process()).put(fd, new Kqueue(fd));
        KqueueRegistry.changing(c.process());
        c.process().watchFd(fd);
        c.returnValue(fd);
    }
}
