package io.xrun.translator.handlers;

import io.xrun.maps.SyscallRow;
import io.xrun.translator.convert.SigsetConverter;
import io.xrun.translator.core.Call;
import io.xrun.translator.core.SyscallHandler;

/**
 * sigsuspend(mask) on rt_sigsuspend. It only returns when a handler ran: EINTR, which signal
 * delivery produces from the kernel's ERESTARTNOHAND; the saved mask the handler's context
 * restores is the one before the call (the kernel keeps it, PTRACE_GETSIGMASK reports it).
 */
public final class SigsuspendHandler implements SyscallHandler {
    private final long linuxNumber;

    public SigsuspendHandler(SyscallRow row) {
        this.linuxNumber = row.linuxNumber();
    }

    @Override
    public void enter(Call c) {
        if (!c.copyIn(c.arg(0), 0, SigsetConverter.FREEBSD_SIZE)) {
            return;
        }
        c.buffer().putLong(16, SigsetConverter.toLinux(c.buffer(), 0));
        if (!c.copyOut(c.scratch(), 16, 8)) {
            return;
        }
        c.linuxArg(0, c.scratch());
        c.linuxArg(1, SigsetConverter.LINUX_SIZE);
        c.runLinux(linuxNumber);
    }
}
