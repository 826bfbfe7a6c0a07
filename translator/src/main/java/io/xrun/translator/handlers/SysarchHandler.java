package io.xrun.translator.handlers;

import io.xrun.maps.Errno;
import io.xrun.maps.SyscallRow;
import io.xrun.maps.ValueMap;
import io.xrun.translator.core.Call;
import io.xrun.translator.core.SyscallHandler;

/**
 * sysarch(op, parms) for the TLS base operations (sys/x86/include/sysarch.h AMD64_GET_FSBASE
 * and friends) on arch_prctl (arch/x86/include/uapi/asm/prctl.h). The GET forms write the
 * base through the pointer exactly as arch_prctl(ARCH_GET_FS, addr) does; the SET forms pass
 * the pointed-to value. Other operations: EINVAL, as FreeBSD answers an unknown op.
 */
public final class SysarchHandler implements SyscallHandler {
    private static final long ARCH_SET_FS = Abi.SYSARCH_TABLE.linux("AMD64_SET_FSBASE");
    private static final long ARCH_SET_GS = Abi.SYSARCH_TABLE.linux("AMD64_SET_GSBASE");
    private final long linuxNumber;

    public SysarchHandler(SyscallRow row) {
        this.linuxNumber = row.linuxNumber();
    }

    @Override
    public void enter(Call c) {
        long code = Abi.SYSARCH.toLinux(c.arg(0));
        if (code == ValueMap.NONE) {
            c.emulateError(Errno.FREEBSD_EINVAL);
            return;
        }
        long parm = c.arg(1);
        if (code == ARCH_SET_FS || code == ARCH_SET_GS) {
            if (!c.copyIn(parm, 0, 8)) {
                return;
            }
            parm = c.buffer().getLong(0);
        }
        c.linuxArg(0, code);
        c.linuxArg(1, parm);
        c.runLinux(linuxNumber);
    }
}
