package io.xrun.translator.handlers;

import io.xrun.maps.SyscallRow;
import io.xrun.translator.core.Call;
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

    @Override
    public void exit(Call c) {
        KqueueRegistry.closed(c.process(), c.intArg(0));
        c.returnValue(0);
    }
}
