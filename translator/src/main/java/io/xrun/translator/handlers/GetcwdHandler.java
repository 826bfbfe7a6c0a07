package io.xrun.translator.handlers;

import io.xrun.maps.Errno;
import io.xrun.maps.SyscallRow;
import io.xrun.translator.core.Call;
import io.xrun.translator.core.SyscallHandler;

/**
 * __getcwd(buf, buflen) on getcwd. The FreeBSD syscall (sys/kern/vfs_cache.c
 * kern___getcwd) returns 0 rather than a length, EINVAL for buflen < 2, and ENOMEM when the
 * path does not fit (libc's getcwd(3) turns that into ERANGE; the errno override table maps
 * Linux's ERANGE).
 */
public final class GetcwdHandler implements SyscallHandler {
    private final long linuxNumber;

    public GetcwdHandler(SyscallRow row) {
        this.linuxNumber = row.linuxNumber();
    }

    @Override
    public void enter(Call c) {
        if (c.arg(1) < 2) {
            c.emulateError(Errno.FREEBSD_EINVAL);
            return;
        }
        c.linuxArg(0, c.arg(0));
        c.linuxArg(1, c.arg(1));
        c.runLinux(linuxNumber);
    }

    @Override
    public void exit(Call c) {
        c.returnValue(0); // failures: ERANGE -> ENOMEM via errno-overrides.tsv
    }
}
