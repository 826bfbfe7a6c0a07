package io.xrun.translator.handlers;

import io.xrun.translator.core.Call;
import io.xrun.translator.core.SyscallHandler;

/**
 * A handler of a call that follows FreeBSD's posix_* convention (kern_posix_error; result codec
 * posixerr): 0 on success, and the error number as the value, CF clear, on failure.
 */
interface PosixErrorResult extends SyscallHandler {
    @Override
    default void exit(Call c) {
        c.returnValue(0);
    }

    @Override
    default void exitFailed(Call c) {
        c.returnLinuxErrorAsValue();
    }
}
