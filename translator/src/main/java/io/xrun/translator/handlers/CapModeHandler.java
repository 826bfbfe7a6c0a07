package io.xrun.translator.handlers;

import io.xrun.maps.SyscallRow;
import io.xrun.translator.core.Call;
import io.xrun.translator.core.SyscallHandler;

/**
 * cap_enter(2) and cap_getmode(2) (sys/kern/sys_capability.c): entering capability mode is a
 * one-way switch of the process, inherited by its children and kept across exec; getmode
 * stores 1 or 0 in *modep. The restriction itself is {@link io.xrun.translator.core.CapabilityMode},
 * applied by the dispatcher to every later call.
 */
public final class CapModeHandler implements SyscallHandler {
    private final boolean enter;

    public CapModeHandler(SyscallRow row) {
        this.enter = row.name().equals("cap_enter");
    }

    @Override
    public void enter(Call c) {
        if (enter) {
            c.process().enterCapabilityMode();
            c.emulate(0);
            return;
        }
        c.buffer().putInt(0, c.process().inCapabilityMode() ? 1 : 0);
        if (c.copyOut(c.arg(0), 0, 4)) {
            c.emulate(0);
        }
    }
}
