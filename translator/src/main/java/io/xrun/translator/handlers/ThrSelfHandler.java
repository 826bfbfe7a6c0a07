package io.xrun.translator.handlers;

import io.xrun.maps.SyscallRow;
import io.xrun.translator.core.Call;
import io.xrun.translator.core.SyscallHandler;
import io.xrun.translator.core.ThreadIds;

/** thr_self(long *id): the caller's FreeBSD thread id (kern_thr.c sys_thr_self), answered by xrun. */
public final class ThrSelfHandler implements SyscallHandler {
    public ThrSelfHandler(SyscallRow row) {
    }

    @Override
    public void enter(Call c) {
        c.buffer().putLong(0, ThreadIds.toFreebsd(c.thread().guestTid()));
        if (c.copyOut(c.arg(0), 0, 8)) {
            c.emulate(0);
        }
    }
}
