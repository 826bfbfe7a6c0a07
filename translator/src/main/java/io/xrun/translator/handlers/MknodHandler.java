package io.xrun.translator.handlers;

import io.xrun.maps.Errno;
import io.xrun.maps.SyscallRow;
import io.xrun.translator.convert.StatConverter;
import io.xrun.translator.core.Call;
import io.xrun.translator.core.SyscallHandler;

/**
 * mknodat(fd, path, mode, dev) and the FreeBSD 11 mknod(path, mode, dev) / mknodat, on Linux
 * mknodat. The S_IF* type bits are the same numbers on both (sys/sys/stat.h, linux/stat.h), but
 * FreeBSD accepts fewer types (kern_mknodat): S_IFCHR and S_IFBLK (privileged: EPERM otherwise;
 * dev VNOVAL is EINVAL), S_IFIFO only with dev 0 (then it is mkfifo), S_IFWHT (privileged;
 * Linux has no whiteouts: EOPNOTSUPP for root), every other type EINVAL, all before the path
 * is looked up. The permission bits are mode &amp; ALLPERMS. The device number is re-encoded
 * from FreeBSD's makedev to Linux's (StatConverter#devToLinux); a FreeBSD 11 dev_t (32 bits)
 * decodes the same way as a new one.
 */
public final class MknodHandler implements SyscallHandler {
    /** sys/sys/stat.h (FreeBSD), the same values in include/uapi/linux/stat.h but S_IFWHT. */
    private static final long S_IFMT = 0170000, S_IFIFO = 0010000, S_IFCHR = 0020000, S_IFBLK = 0060000,
            S_IFWHT = 0160000, ALLPERMS = 07777;
    /** FreeBSD VNOVAL (sys/sys/vnode.h): (-1). */
    private static final long VNOVAL = -1;
    /** Linux AT_FDCWD (include/uapi/linux/fcntl.h). */
    private static final long AT_FDCWD = -100;
    private final long linuxNumber;
    private final boolean at;
    private final boolean dev32;

    public MknodHandler(SyscallRow row) {
        this.linuxNumber = row.linuxNumber();
        this.at = !row.name().equals("freebsd11_mknod");
        this.dev32 = row.name().startsWith("freebsd11_");
    }

    @Override
    public void enter(Call c) {
        int base = at ? 1 : 0;
        long mode = c.arg(base + 1) & 0xffffffffL;
        long dev = dev32 ? c.arg(base + 2) & 0xffffffffL : c.arg(base + 2);
        long type = mode & S_IFMT;
        long linuxDev = 0;
        if (type == S_IFCHR || type == S_IFBLK || type == S_IFWHT) {
            if (Mounts.euid(c.process().pid()) != 0) {
                c.emulateError(Errno.FREEBSD_EPERM);
                return;
            }
            if (type == S_IFWHT) {
                c.emulateError(Errno.FREEBSD_EOPNOTSUPP);
                return;
            }
            linuxDev = StatConverter.devToLinux(dev);
            if (dev == VNOVAL || linuxDev < 0) {
                c.emulateError(Errno.FREEBSD_EINVAL);
                return;
            }
        } else if (type != S_IFIFO || dev != 0) {
            c.emulateError(Errno.FREEBSD_EINVAL);
            return;
        }
        c.runLinux(linuxNumber, at ? c.arg(0) : AT_FDCWD, c.arg(base), type | (mode & ALLPERMS), linuxDev, 0, 0);
    }

    @Override
    public void exit(Call c) {
        c.returnValue(0);
    }
}
