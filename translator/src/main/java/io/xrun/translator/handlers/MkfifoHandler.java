package io.xrun.translator.handlers;

import io.xrun.maps.SyscallRow;
import io.xrun.translator.core.Call;
import io.xrun.translator.core.SyscallHandler;

/**
 * mkfifo(path, mode) and mkfifoat(fd, path, mode) on Linux mknodat(fd, path, S_IFIFO | mode, 0).
 * FreeBSD keeps only the permission bits of mode (kern_mkfifoat: mode &amp; ALLPERMS); S_IFIFO is
 * 0010000 on both (sys/sys/stat.h, linux/stat.h).
 */
public final class MkfifoHandler implements SyscallHandler {
    private static final long S_IFIFO = 0010000, ALLPERMS = 07777, AT_FDCWD = -100;
    private final long linuxNumber;
    private final boolean at;

    public MkfifoHandler(SyscallRow row) {
        this.linuxNumber = row.linuxNumber();
        this.at = row.name().equals("mkfifoat");
    }

    @Override
    public void enter(Call c) {
        int base = at ? 1 : 0;
        c.linuxArg(0, at ? c.arg(0) : AT_FDCWD);
        c.linuxArg(1, c.arg(base));
        c.linuxArg(2, S_IFIFO | (c.arg(base + 1) & ALLPERMS));
        c.linuxArg(3, 0);
        c.runLinux(linuxNumber);
    }

    @Override
    public void exit(Call c) {
        c.returnValue(0);
    }
}
