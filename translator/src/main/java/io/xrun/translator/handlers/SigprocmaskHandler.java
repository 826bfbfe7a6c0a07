package io.xrun.translator.handlers;

import io.xrun.maps.Errno;
import io.xrun.maps.SyscallRow;
import io.xrun.maps.ValueMap;
import io.xrun.translator.convert.SigsetConverter;
import io.xrun.translator.core.Call;
import io.xrun.translator.core.SyscallHandler;
import io.xrun.translator.nativeapi.NativeBuffer;

/** sigprocmask(how, set, oset) on rt_sigprocmask, with both sigsets converted (128 to 64 bits and back). */
public final class SigprocmaskHandler implements SyscallHandler {
    private final long linuxNumber;

    public SigprocmaskHandler(SyscallRow row) {
        this.linuxNumber = row.linuxNumber();
    }

    @Override
    public void enter(Call c) {
        long set = c.arg(1);
        long oset = c.arg(2);
        long how = Abi.SIGPROCMASK_HOW.toLinux(c.arg(0));
        if (how == ValueMap.NONE && set != 0) {
            c.emulateError(Errno.FREEBSD_EINVAL);
            return;
        }
        long scratch = c.scratch();
        NativeBuffer b = c.buffer();
        if (set != 0) {
            if (!c.copyIn(set, 0, SigsetConverter.FREEBSD_SIZE)) {
                return;
            }
            b.putLong(16, SigsetConverter.toLinux(b, 0));
            if (!c.copyOut(scratch, 16, 8)) {
                return;
            }
        }
        c.linuxArg(0, how == ValueMap.NONE ? 0 : how);
        c.linuxArg(1, set != 0 ? scratch : 0);
        c.linuxArg(2, oset != 0 ? scratch + 8 : 0);
        c.linuxArg(3, SigsetConverter.LINUX_SIZE);
        c.runLinux(linuxNumber);
    }

    @Override
    public void exit(Call c) {
        long oset = c.arg(2);
        if (oset != 0) {
            NativeBuffer b = c.buffer();
            if (!c.copyIn(c.scratch() + 8, 0, 8)) {
                return;
            }
            SigsetConverter.toFreebsd(b.getLong(0), b, 16);
            if (!c.copyOut(oset, 16, SigsetConverter.FREEBSD_SIZE)) {
                return;
            }
        }
        c.returnValue(0);
    }
}
