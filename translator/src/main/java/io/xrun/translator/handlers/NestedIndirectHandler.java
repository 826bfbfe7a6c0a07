package io.xrun.translator.handlers;

import io.xrun.maps.Errno;
import io.xrun.maps.SyscallRow;
import io.xrun.translator.core.Call;
import io.xrun.translator.core.SyscallHandler;

/** syscall(2)/__syscall(2) naming themselves: FreeBSD has no meaning for the nesting. */
public final class NestedIndirectHandler implements SyscallHandler {
    public NestedIndirectHandler(SyscallRow row) {
    }

    @Override
    public void enter(Call c) {
        c.emulateError(Errno.FREEBSD_ENOSYS);
    }
}
