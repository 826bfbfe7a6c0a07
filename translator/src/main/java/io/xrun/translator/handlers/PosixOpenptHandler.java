package io.xrun.translator.handlers;

import io.xrun.maps.Errno;
import io.xrun.maps.LinuxSyscalls;
import io.xrun.maps.SyscallRow;
import io.xrun.translator.convert.TermiosConverter;
import io.xrun.translator.core.Call;
import io.xrun.translator.core.SyscallHandler;
import io.xrun.translator.nativeapi.NativeBuffer;

/**
 * posix_openpt(flags): FreeBSD has a syscall, Linux opens the multiplexer /dev/ptmx
 * (pts(4) on both). Only O_RDWR, O_NOCTTY and O_CLOEXEC are allowed (posix_openpt(2)).
 */
public final class PosixOpenptHandler implements SyscallHandler {
    private static final long AT_FDCWD = -100; // same on both (sys/sys/fcntl.h, linux/fcntl.h)
    private static final long NR_IOCTL = LinuxSyscalls.require("ioctl");
    /** Linux TIOCSPTLCK: _IOW('T', 0x31, int) (include/uapi/asm-generic/ioctls.h). */
    private static final long TIOCSPTLCK = 0x40045431L;
    private static final long TCSETS = Abi.IOCTL_TABLE.linux("TIOCSETA");
    private static final long ALLOWED = Abi.OPEN_FLAG_TABLE.freebsd("O_RDWR")
            | Abi.OPEN_FLAG_TABLE.freebsd("O_NOCTTY") | Abi.OPEN_FLAG_TABLE.freebsd("O_CLOEXEC");
    private static final byte[] PTMX = "/dev/ptmx\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private final long linuxNumber;

    public PosixOpenptHandler(SyscallRow row) {
        this.linuxNumber = row.linuxNumber();
    }

    @Override
    public void enter(Call c) {
        long flags = c.arg(0);
        if ((flags & ~ALLOWED) != 0) {
            c.emulateError(Errno.FREEBSD_EINVAL);
            return;
        }
        NativeBuffer b = c.buffer();
        b.put(0, PTMX, 0, PTMX.length);
        long path = c.scratch();
        if (!c.copyOut(path, 0, PTMX.length)) {
            return;
        }
        c.linuxArg(0, AT_FDCWD);
        c.linuxArg(1, path);
        c.linuxArg(2, Abi.OPEN_FLAGS.toLinux(flags));
        c.linuxArg(3, 0);
        c.runLinux(linuxNumber);
    }

    @Override
    public void exit(Call c) {
        if (c.step() == 0) {
            long fd = c.linuxResult();
            c.returnValue(fd);
            c.stash[0] = fd;
            // Linux creates the slave locked (unlockpt(3)); FreeBSD's pts(4) never locks it.
            // And a FreeBSD terminal starts with FreeBSD's termios (ttydefaults.h), not Linux's.
            NativeBuffer b = c.buffer();
            b.putInt(0, 0);
            TermiosConverter.freebsdDefaults(b, 64);
            TermiosConverter.toLinux(b, 64, 128);
            if (c.memory().write(c.scratch() + 64, b, 0, 4) == 4 && c.memory().write(c.scratch() + 128, b, 128,
                    TermiosConverter.LINUX_SIZE) == TermiosConverter.LINUX_SIZE) {
                c.then(NR_IOCTL, fd, TIOCSPTLCK, c.scratch() + 64, 0, 0, 0);
            }
        } else if (c.step() == 1) {
            c.then(NR_IOCTL, c.stash[0], TCSETS, c.scratch() + 128, 0, 0, 0);
        }
        // The ioctls' own results do not change posix_openpt's.
    }

    @Override
    public void exitFailed(Call c) {
        if (c.step() == 0) {
            c.returnLinuxError();
        } else {
            exit(c);
        }
    }
}
