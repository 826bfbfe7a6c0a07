package io.xrun.translator.handlers;

import io.xrun.maps.Errno;
import io.xrun.maps.LinuxSyscalls;
import io.xrun.maps.SyscallRow;
import io.xrun.translator.convert.TermiosConverter;
import io.xrun.translator.core.Call;
import io.xrun.translator.core.SyscallHandler;
import io.xrun.translator.nativeapi.NativeBuffer;

/** Handlers too small for a file of their own. */
public final class SmallHandlers {
    private SmallHandlers() {
    }

    /**
     * freebsd10_pipe(): no arguments, both descriptors returned in rax and rdx
     * (FreeBSD sys/kern/sys_pipe.c freebsd10_pipe: td_retval[0..1]). Runs Linux pipe2 into
     * guest scratch memory.
     */
    public static final class OldPipe implements SyscallHandler {
        private final long linuxNumber;

        public OldPipe(SyscallRow row) {
            this.linuxNumber = row.linuxNumber();
        }

        @Override
        public void enter(Call c) {
            c.linuxArg(0, c.scratch());
            c.linuxArg(1, 0);
            c.runLinux(linuxNumber);
        }

        @Override
        public void exit(Call c) {
            NativeBuffer b = c.buffer();
            if (!c.copyIn(c.scratch(), 0, 8)) {
                return;
            }
            c.returnValue(b.getInt(0), b.getInt(4));
        }
    }

    /**
     * posix_openpt(flags): FreeBSD has a syscall, Linux opens the multiplexer /dev/ptmx
     * (pts(4) on both). Only O_RDWR, O_NOCTTY and O_CLOEXEC are allowed (posix_openpt(2)).
     */
    public static final class PosixOpenpt implements SyscallHandler {
        private static final long AT_FDCWD = -100; // same on both (sys/sys/fcntl.h, linux/fcntl.h)
        private static final long NR_IOCTL = LinuxSyscalls.require("ioctl");
        /** Linux TIOCSPTLCK: _IOW('T', 0x31, int) (include/uapi/asm-generic/ioctls.h). */
        private static final long TIOCSPTLCK = 0x40045431L;
        private static final long TCSETS = Abi.IOCTL_TABLE.linux("TIOCSETA");
        private static final long ALLOWED = Abi.OPEN_FLAG_TABLE.freebsd("O_RDWR")
                | Abi.OPEN_FLAG_TABLE.freebsd("O_NOCTTY") | Abi.OPEN_FLAG_TABLE.freebsd("O_CLOEXEC");
        private static final byte[] PTMX = "/dev/ptmx\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        private final long linuxNumber;

        public PosixOpenpt(SyscallRow row) {
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
            long fd = c.linuxResult();
            c.returnValue(fd);
            // Linux creates the slave locked (unlockpt(3)); FreeBSD's pts(4) never locks it.
            // And a FreeBSD terminal starts with FreeBSD's termios (ttydefaults.h), not Linux's.
            NativeBuffer b = c.buffer();
            b.putInt(0, 0);
            TermiosConverter.freebsdDefaults(b, 64);
            TermiosConverter.toLinux(b, 64, 128);
            long zero = c.scratch() + 64;
            long termios = c.scratch() + 128;
            if (c.memory().write(zero, b, 0, 4) == 4
                    && c.memory().write(termios, b, 128, TermiosConverter.LINUX_SIZE) == TermiosConverter.LINUX_SIZE) {
                c.followUp(NR_IOCTL, fd, TIOCSPTLCK, zero);
                c.followUp(NR_IOCTL, fd, TCSETS, termios);
            }
        }
    }

    /** issetugid(): answered from the exec's AT_SECURE, which Linux sets exactly when FreeBSD would set P_SUGID. */
    public static final class Issetugid implements SyscallHandler {
        public Issetugid(SyscallRow row) {
        }

        @Override
        public void enter(Call c) {
            c.emulate(c.process().setugid() ? 1 : 0);
        }
    }

    /** syscall(2)/__syscall(2) naming themselves: FreeBSD has no meaning for the nesting. */
    public static final class NestedIndirect implements SyscallHandler {
        public NestedIndirect(SyscallRow row) {
        }

        @Override
        public void enter(Call c) {
            c.emulateError(Errno.FREEBSD_ENOSYS);
        }
    }
}
