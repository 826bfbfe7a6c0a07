package io.xrun.translator.handlers;

import io.xrun.maps.SyscallRow;
import io.xrun.translator.core.Call;
import io.xrun.translator.core.SyscallHandler;
import io.xrun.translator.nativeapi.NativeBuffer;

/**
 * freebsd10_pipe(): no arguments, both descriptors returned in rax and rdx
 * (FreeBSD sys/kern/sys_pipe.c freebsd10_pipe: td_retval[0..1]). Runs Linux pipe2 into
 * guest scratch memory.
 */
public final class OldPipeHandler implements SyscallHandler {
    private final long linuxNumber;

    public OldPipeHandler(SyscallRow row) {
        this.linuxNumber = row.linuxNumber();
    }

    @Override
    public void enter(Call c) {
        c.linuxArg(0, c.scratch());
        c.linuxArg(1, 0);
        c.runLinux(linuxNumber);
    }

    @Override
    public void exit(Call c) {
        NativeBuffer b = c.buffer();
        if (!c.copyIn(c.scratch(), 0, 8)) {
            return;
        }
        c.returnValue(b.getInt(0), b.getInt(4));
    }
}
