package io.xrun.translator.handlers;

import io.xrun.maps.SyscallRow;
import io.xrun.translator.core.Call;
import io.xrun.translator.core.SyscallHandler;

/** issetugid(): answered from the exec's AT_SECURE, which Linux sets exactly when FreeBSD would set P_SUGID. */
public final class IssetugidHandler implements SyscallHandler {
    public IssetugidHandler(SyscallRow row) {
    }

    @Override
    public void enter(Call c) {
        c.emulate(c.process().setugid() ? 1 : 0);
    }
}
