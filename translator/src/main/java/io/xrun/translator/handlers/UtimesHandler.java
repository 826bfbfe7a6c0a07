package io.xrun.translator.handlers;

import io.xrun.maps.AtFlags;
import io.xrun.maps.ConstantTable;
import io.xrun.maps.Errno;
import io.xrun.maps.SyscallRow;
import io.xrun.translator.core.Call;
import io.xrun.translator.core.SyscallHandler;
import io.xrun.translator.nativeapi.NativeBuffer;

/**
 * utimensat(fd, path, times, flag), futimens(fd, times), futimes(fd, tv), futimesat(fd, path, tv)
 * and lutimes(path, tv),
 * all on Linux utimensat. The two timestamps are converted in scratch: FreeBSD's UTIME_NOW and
 * UTIME_OMIT (-1, -2, sys/sys/stat.h) are other numbers on Linux (utime-values.tsv), and the
 * timeval forms become timespecs. NULL times means "now" everywhere.
 */
public final class UtimesHandler implements SyscallHandler {
    private static final ConstantTable UTIME = ConstantTable.load("utime-values.tsv");
    private static final long F_NOW = UTIME.freebsd("UTIME_NOW"), F_OMIT = UTIME.freebsd("UTIME_OMIT");
    private static final long L_NOW = UTIME.linux("UTIME_NOW"), L_OMIT = UTIME.linux("UTIME_OMIT");
    /** Linux AT_FDCWD (include/uapi/linux/fcntl.h). */
    private static final long AT_FDCWD = -100;
    /**
     * The AT_* bits utimensat accepts (at-flags.tsv; vfs_syscalls.c kern_utimensat:
     * AT_SYMLINK_NOFOLLOW, AT_RESOLVE_BENEATH, AT_EMPTY_PATH, others EINVAL).
     */
    private static final long UTIMENSAT_FLAGS = AtFlags.accepted("utimensat");
    private final long linuxNumber;
    private final String name;

    public UtimesHandler(SyscallRow row) {
        this.linuxNumber = row.linuxNumber();
        this.name = row.name();
    }

    @Override
    public void enter(Call c) {
        long fd;
        long path;
        long times;
        long flags = 0;
        boolean timeval;
        switch (name) {
            case "utimensat":
                fd = c.arg(0);
                path = c.arg(1);
                times = c.arg(2);
                flags = ArgCodec.atFlags(c.arg(3), UTIMENSAT_FLAGS);
                timeval = false;
                if (flags == ArgCodec.INVALID) {
                    // kern_utimensat checks the flags before the times and the path
                    c.emulateError(Errno.FREEBSD_EINVAL);
                    return;
                }
                if (path == 0) {
                    // FreeBSD has futimens for that; Linux would take NULL as "fd itself".
                    c.emulateError(Errno.FREEBSD_EFAULT);
                    return;
                }
                break;
            case "futimesat":
                // futimesat(fd, path, tv): utimensat(fd, path, ts, 0); a NULL path is EFAULT
                // (kern_utimesat looks the path up; Linux would take it as "fd itself")
                fd = c.arg(0);
                path = c.arg(1);
                times = c.arg(2);
                timeval = true;
                if (path == 0) {
                    c.emulateError(Errno.FREEBSD_EFAULT);
                    return;
                }
                break;
            case "futimens":
            case "futimes":
                fd = c.arg(0);
                path = 0;
                times = c.arg(1);
                timeval = name.equals("futimes");
                break;
            default: // lutimes
                fd = AT_FDCWD;
                path = c.arg(0);
                times = c.arg(1);
                flags = Abi.AT_FLAGS.toLinux(Abi.AT_FLAGS_TABLE.freebsd("AT_SYMLINK_NOFOLLOW"));
                timeval = true;
                break;
        }
        long ts = 0;
        if (times != 0) {
            NativeBuffer b = c.buffer();
            if (!c.copyIn(times, 0, 32)) {
                return;
            }
            for (int i = 0; i < 2; i++) {
                long sec = b.getLong(16 * i);
                long frac = b.getLong(16 * i + 8);
                long nsec;
                if (timeval) {
                    if (frac < 0 || frac >= 1_000_000) {
                        c.emulateError(Errno.FREEBSD_EINVAL);
                        return;
                    }
                    nsec = frac * 1000;
                } else {
                    nsec = frac == F_NOW ? L_NOW : frac == F_OMIT ? L_OMIT : frac;
                }
                b.putLong(64 + 16 * i, sec);
                b.putLong(64 + 16 * i + 8, nsec);
            }
            ts = c.scratch();
            if (!c.copyOut(ts, 64, 32)) {
                return;
            }
        }
        c.linuxArg(0, fd);
        c.linuxArg(1, path);
        c.linuxArg(2, ts);
        c.linuxArg(3, flags);
        c.runLinux(linuxNumber);
    }

    @Override
    public void exit(Call c) {
        c.returnValue(0);
    }
}
