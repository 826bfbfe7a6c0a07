package io.xrun.translator.handlers;

import io.xrun.maps.Errno;
import io.xrun.maps.SyscallRow;
import io.xrun.maps.ValueMap;
import io.xrun.translator.convert.TermiosConverter;
import io.xrun.translator.core.Call;
import io.xrun.translator.core.SyscallHandler;
import io.xrun.translator.nativeapi.NativeBuffer;

/**
 * ioctl(fd, request, data): requests renumbered through ioctls.tsv. Terminal attributes go
 * through {@link TermiosConverter}; TIOCGETA lets Linux write its 36-byte struct into the
 * guest's 44-byte buffer and converts it in place at exit; TIOCSETA* convert into guest
 * scratch first. struct winsize and the int arguments of FIONREAD/FIONBIO/TIOC[GS]PGRP have
 * the same layout on both. A request the table does not know fails with ENOTTY, FreeBSD's
 * answer for a request the descriptor does not support.
 */
public final class IoctlHandler implements SyscallHandler {
    private static final long TIOCGETA = Abi.IOCTL_TABLE.freebsd("TIOCGETA");
    private static final long TIOCSETA = Abi.IOCTL_TABLE.freebsd("TIOCSETA");
    private static final long TIOCSETAW = Abi.IOCTL_TABLE.freebsd("TIOCSETAW");
    private static final long TIOCSETAF = Abi.IOCTL_TABLE.freebsd("TIOCSETAF");
    private final long linuxNumber;

    public IoctlHandler(SyscallRow row) {
        this.linuxNumber = row.linuxNumber();
    }

    @Override
    public void enter(Call c) {
        long req = c.arg(1) & 0xffffffffL;
        long lreq = Abi.IOCTLS.toLinux(req);
        c.stash[0] = req;
        if (lreq == ValueMap.NONE) {
            c.emulateError(Errno.FREEBSD_ENOTTY);
            return;
        }
        long data = c.arg(2);
        if (req == TIOCSETA || req == TIOCSETAW || req == TIOCSETAF) {
            NativeBuffer b = c.buffer();
            if (!c.copyIn(data, 0, TermiosConverter.FREEBSD_SIZE)) {
                return;
            }
            if (!TermiosConverter.toLinux(b, 0, 64)) {
                c.emulateError(Errno.FREEBSD_EINVAL);
                return;
            }
            data = c.scratch();
            if (!c.copyOut(data, 64, TermiosConverter.LINUX_SIZE)) {
                return;
            }
        }
        c.linuxArg(0, c.arg(0));
        c.linuxArg(1, lreq);
        c.linuxArg(2, data);
        c.runLinux(linuxNumber);
    }

    @Override
    public void exit(Call c) {
        if (c.stash[0] == TIOCGETA) {
            NativeBuffer b = c.buffer();
            long data = c.arg(2);
            if (!c.copyIn(data, 0, TermiosConverter.LINUX_SIZE)) {
                return;
            }
            TermiosConverter.toFreebsd(b, 0, 64);
            if (!c.copyOut(data, 64, TermiosConverter.FREEBSD_SIZE)) {
                return;
            }
        }
        c.returnValue(0);
    }
}
