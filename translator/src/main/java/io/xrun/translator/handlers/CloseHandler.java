package io.xrun.translator.handlers;

import io.xrun.maps.SyscallRow;
import io.xrun.translator.core.Call;
import io.xrun.translator.core.GuestProcess;
import io.xrun.translator.core.StubShape;
import io.xrun.translator.core.SyscallHandler;
import io.xrun.translator.handlers.kqueue.KqueueRegistry;

/**
 * close(fd) on Linux close; afterwards what xrun kept about the descriptor goes too: a closed
 * kqueue's model, or the fd's knotes in the process's kqueues (FreeBSD knote_fdclose()).
 */
public final class CloseHandler implements SyscallHandler {
    private final long linuxNumber;

    public CloseHandler(SyscallRow row) {
        this.linuxNumber = row.linuxNumber();
    }

    @Override
    public void enter(Call c) {
        c.linuxArg(0, c.arg(0));
        c.runLinux(linuxNumber);
    }

    /**
     * Plain while the process has no kqueue: then KqueueRegistry.closed has nothing to forget,
     * and the close may run without the supervisor (fastpath). A process's kqueues go only
     * with exec, as the promise of {@link SyscallHandler#plainLinuxNumber(GuestProcess)} needs.
     */
    @Override
    public long plainLinuxNumber(GuestProcess p) {
        return p == null || p.kqueues() == null ? linuxNumber : -1;
    }

    @Override
    public boolean plainDependsOnProcess() {
        return true;
    }

    /**
     * Once the process has a kqueue (then close is no longer plain), a stub still closes any
     * descriptor xrun keeps nothing about: the watched ones (kqueues, descriptors with knotes)
     * come here.
     */
    @Override
    public StubShape stubShape() {
        return StubShape.plain(true);
    }

    @Override
    public void exit(Call c) {
        KqueueRegistry.closed(c.process(), c.intArg(0));
        c.process().unwatchFd(c.intArg(0));
        c.returnValue(0);
    }
}
