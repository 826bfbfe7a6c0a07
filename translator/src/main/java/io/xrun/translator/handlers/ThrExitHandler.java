package io.xrun.translator.handlers;

import io.xrun.maps.LinuxSyscalls;
import io.xrun.maps.SyscallRow;
import io.xrun.translator.core.Call;
import io.xrun.translator.core.SyscallHandler;

/**
 * thr_exit(long *state): FreeBSD stores 1 to *state and wakes its waiters (kern_thr.c
 * kern_thr_exit: suword_lwpid + kern_umtx_wake), then the thread ends; the last thread ends
 * the process with status 0. On Linux: the store, FUTEX_WAKE on both the shared and the
 * private key (FreeBSD's AUTO_SHARE key matches waiters of either kind on private memory,
 * Linux keys them apart), then exit(0) of the thread.
 */
public final class ThrExitHandler implements SyscallHandler {
    private static final int FUTEX = LinuxSyscalls.require("futex");
    private static final int EXIT = LinuxSyscalls.require("exit");

    public ThrExitHandler(SyscallRow row) {
    }

    @Override
    public void enter(Call c) {
        long state = c.arg(0);
        if (state != 0) {
            c.buffer().putLong(0, 1);
            c.copyOut(state, 0, 8); // a bad pointer is ignored, as FreeBSD ignores suword's failure
            c.linuxArg(0, state);
            c.linuxArg(1, UmtxOpHandler.FUTEX_WAKE);
            c.linuxArg(2, Integer.MAX_VALUE);
            c.runLinux(FUTEX);
            return;
        }
        c.linuxArg(0, 0);
        c.runLinux(EXIT);
    }

    @Override
    public void exit(Call c) {
        if (c.step() == 0) {
            c.then(FUTEX, c.arg(0), UmtxOpHandler.FUTEX_WAKE | UmtxOpHandler.FUTEX_PRIVATE_FLAG, Integer.MAX_VALUE, 0, 0, 0);
        } else {
            c.then(EXIT, 0, 0, 0, 0, 0, 0);
        }
    }

    @Override
    public void exitFailed(Call c) {
        exit(c);
    }
}
