package io.xrun.translator.handlers;

import io.xrun.maps.Errno;
import io.xrun.maps.Signals;
import io.xrun.maps.SyscallRow;
import io.xrun.translator.convert.SiginfoConverter;
import io.xrun.translator.convert.SigsetConverter;
import io.xrun.translator.core.Call;
import io.xrun.translator.core.SyscallHandler;
import io.xrun.translator.nativeapi.NativeBuffer;

/**
 * sigtimedwait(set, info, timeout), sigwaitinfo(set, info) and sigwait(set, sig) on
 * rt_sigtimedwait: the set converted, the Linux signal number answered back as FreeBSD's,
 * the siginfo converted. sigwait returns its error as the call's value, never through errno,
 * and is not interrupted by EINTR (sys/kern/kern_sig.c sys_sigwait, for binaries of FreeBSD
 * 10 and later).
 */
public final class SigwaitHandler implements SyscallHandler {
    private final long linuxNumber;
    private final boolean sigwait;
    private final boolean timed;

    public SigwaitHandler(SyscallRow row) {
        this.linuxNumber = row.linuxNumber();
        this.sigwait = row.name().equals("sigwait");
        this.timed = row.name().equals("sigtimedwait");
    }

    @Override
    public void enter(Call c) {
        if (!c.copyIn(c.arg(0), 0, SigsetConverter.FREEBSD_SIZE)) {
            if (sigwait) {
                c.emulate(Errno.FREEBSD_EFAULT);
            }
            return;
        }
        NativeBuffer b = c.buffer();
        b.putLong(16, SigsetConverter.toLinux(b, 0));
        long scratch = c.scratch();
        if (!c.copyOut(scratch, 16, 8)) {
            return;
        }
        c.linuxArg(0, scratch);
        c.linuxArg(1, scratch + 16);
        c.linuxArg(2, timed ? c.arg(2) : 0);
        c.linuxArg(3, SigsetConverter.LINUX_SIZE);
        c.runLinux(linuxNumber);
    }

    @Override
    public void exit(Call c) {
        int lsig = (int) c.linuxResult();
        int fsig = Signals.toFreebsd(lsig);
        NativeBuffer b = c.buffer();
        if (sigwait) {
            b.putInt(0, fsig);
            c.returnValue(c.memory().write(c.arg(1), b, 0, 4) == 4 ? 0 : Errno.FREEBSD_EFAULT);
            return;
        }
        long info = c.arg(1);
        if (info != 0) {
            if (!c.copyIn(c.scratch() + 16, 0, SiginfoConverter.LINUX_SIZE)) {
                return;
            }
            SiginfoConverter.toFreebsd(b, 0, 256, fsig);
            if (!c.copyOut(info, 256, SiginfoConverter.FREEBSD_SIZE)) {
                return;
            }
        }
        c.returnValue(fsig);
    }

    @Override
    public void exitFailed(Call c) {
        if (!sigwait) {
            c.returnLinuxError();
            return;
        }
        int e = Errno.toFreebsd((int) -c.linuxResult());
        c.returnValue(e);
    }
}
