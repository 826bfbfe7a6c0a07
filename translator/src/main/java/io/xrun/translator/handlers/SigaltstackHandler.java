package io.xrun.translator.handlers;

import io.xrun.maps.Errno;
import io.xrun.maps.SyscallRow;
import io.xrun.translator.core.Call;
import io.xrun.translator.core.GuestThread;
import io.xrun.translator.core.SyscallHandler;
import io.xrun.translator.nativeapi.NativeBuffer;

import static io.xrun.translator.signals.FreebsdUcontext.*;

/**
 * sigaltstack(ss, oss), answered by xrun: the alternate stack only matters to signal delivery,
 * which xrun does. Semantics of FreeBSD kern_sigaltstack() (sys/kern/kern_sig.c): oss reports
 * the stack with SS_ONSTACK while the thread runs on it, SS_DISABLE when there is none;
 * changing it while on it is EPERM, flags other than SS_DISABLE are EINVAL, a size below
 * MINSIGSTKSZ is ENOMEM. stack_t: ss_sp 0, ss_size 8, ss_flags 16.
 */
public final class SigaltstackHandler implements SyscallHandler {
    public SigaltstackHandler(SyscallRow row) {
    }

    @Override
    public void enter(Call c) {
        GuestThread t = c.thread();
        long ss = c.arg(0);
        long oss = c.arg(1);
        boolean onStack = t.onAltStack(c.registers().rsp());
        NativeBuffer b = c.buffer();
        if (ss != 0 && !c.copyIn(ss, 32, STACK_T_SIZE)) {
            return;
        }
        if (oss != 0) {
            b.zero(0, STACK_T_SIZE);
            b.putLong(SS_SP, t.altSp());
            b.putLong(SS_SIZE, t.altSize());
            b.putInt(SS_FLAGS, t.altEnabled() ? (onStack ? SS_ONSTACK : 0) : SS_DISABLE);
            if (!c.copyOut(oss, 0, STACK_T_SIZE)) {
                return;
            }
        }
        if (ss != 0) {
            int flags = b.getInt(32 + SS_FLAGS);
            if (onStack) {
                c.emulateError(Errno.FREEBSD_EPERM);
                return;
            }
            if ((flags & ~SS_DISABLE) != 0) {
                c.emulateError(Errno.FREEBSD_EINVAL);
                return;
            }
            if ((flags & SS_DISABLE) == 0) {
                long size = b.getLong(32 + SS_SIZE);
                if (size < MINSIGSTKSZ) {
                    c.emulateError(Errno.FREEBSD_ENOMEM);
                    return;
                }
                t.setAltStack(b.getLong(32 + SS_SP), size, true);
            } else {
                t.setAltStack(t.altSp(), t.altSize(), false);
            }
        }
        c.emulate(0);
    }
}
