package io.xrun.translator.handlers;

import io.xrun.maps.SyscallRow;
import io.xrun.translator.convert.SigsetConverter;
import io.xrun.translator.core.Call;
import io.xrun.translator.core.SyscallHandler;

/** sigpending(set) on rt_sigpending, the 64-bit Linux set converted to FreeBSD's 128 bits. */
public final class SigpendingHandler implements SyscallHandler {
    private final long linuxNumber;

    public SigpendingHandler(SyscallRow row) {
        this.linuxNumber = row.linuxNumber();
    }

    @Override
    public void enter(Call c) {
        c.linuxArg(0, c.scratch());
        c.linuxArg(1, SigsetConverter.LINUX_SIZE);
        c.runLinux(linuxNumber);
    }

    @Override
    public void exit(Call c) {
        if (!c.copyIn(c.scratch(), 0, 8)) {
            return;
        }
        SigsetConverter.toFreebsd(c.buffer().getLong(0), c.buffer(), 16);
        if (c.copyOut(c.arg(0), 16, SigsetConverter.FREEBSD_SIZE)) {
            c.returnValue(0);
        }
    }
}
