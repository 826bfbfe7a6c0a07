package io.xrun.translator.handlers;

import io.xrun.maps.Errno;
import io.xrun.maps.FlagMap;
import io.xrun.maps.SyscallRow;
import io.xrun.maps.ValueMap;
import io.xrun.translator.core.Call;
import io.xrun.translator.core.SyscallHandler;
import io.xrun.translator.handlers.kqueue.KqueueRegistry;

/** posix_fallocate, posix_fadvise, close_range, closefrom and fexecve (sys/kern/vfs_syscalls.c, kern_descrip.c, kern_exec.c). */
public final class IoHandlers {
    /** OFF_MAX (sys/sys/limits.h: __OFF_MAX, INT64_MAX). */
    private static final long OFF_MAX = Long.MAX_VALUE;

    private IoHandlers() {
    }

    /**
     * posix_fallocate(fd, offset, len) on fallocate(fd, 0, offset, len) and posix_fadvise(fd,
     * offset, len, advice) on fadvise64 (advice through fadvise-advice.tsv). Both return their
     * error as the value (kern_posix_error: result codec posixerr) and check their arguments
     * before the descriptor, as kern_posix_fallocate/kern_posix_fadvise do: fallocate EINVAL for
     * offset &lt; 0 or len &lt;= 0, EFBIG when offset + len overflows; fadvise EINVAL for a negative
     * offset or length, an overflow or an unknown advice.
     */
    public static final class PosixFile implements PosixErrorResult {
        private static final ValueMap ADVICE = ValueMap.load("fadvise-advice.tsv");
        private final long linuxNumber;
        private final boolean fallocate;

        public PosixFile(SyscallRow row) {
            this.linuxNumber = row.linuxNumber();
            this.fallocate = row.name().equals("posix_fallocate");
        }

        @Override
        public void enter(Call c) {
            long offset = c.arg(1);
            long len = c.arg(2);
            if (fallocate) {
                if (offset < 0 || len <= 0) {
                    c.emulate(Errno.FREEBSD_EINVAL);
                } else if (offset > OFF_MAX - len) {
                    c.emulate(Errno.table().freebsd("EFBIG"));
                } else {
                    c.runLinux(linuxNumber, c.arg(0), 0, offset, len, 0, 0);
                }
                return;
            }
            long advice = ADVICE.toLinux((int) c.arg(3));
            if (offset < 0 || len < 0 || offset > OFF_MAX - len || advice == ValueMap.NONE) {
                c.emulate(Errno.FREEBSD_EINVAL);
                return;
            }
            c.runLinux(linuxNumber, c.arg(0), offset, len, advice, 0, 0);
        }
    }

    /**
     * close_range(lowfd, highfd, flags) and FreeBSD 12's closefrom(lowfd) (close_range(lowfd,
     * ~0U, 0); a negative lowfd is 0) on Linux close_range. Flags go through
     * close-range-flags.tsv (FreeBSD knows only CLOSE_RANGE_CLOEXEC); lowfd &gt; highfd is EINVAL
     * on both. What xrun kept about the closed descriptors (kqueues, knotes) goes as for close.
     */
    public static final class CloseRange implements SyscallHandler {
        private static final FlagMap FLAGS = FlagMap.load("close-range-flags.tsv");
        private static final long CLOEXEC = FLAGS.toLinux(-1L);
        private final long linuxNumber;
        private final boolean closefrom;

        public CloseRange(SyscallRow row) {
            this.linuxNumber = row.linuxNumber();
            this.closefrom = row.name().equals("freebsd12_closefrom");
        }

        @Override
        public void enter(Call c) {
            if (closefrom) {
                int low = c.intArg(0);
                c.runLinux(linuxNumber, Math.max(low, 0), 0xffffffffL, 0, 0, 0, 0);
                return;
            }
            long flags = c.arg(2) & 0xffffffffL;
            long low = c.arg(0) & 0xffffffffL;
            long high = c.arg(1) & 0xffffffffL;
            if (FLAGS.unknownFreebsd(flags) != 0 || low > high) {
                c.emulateError(Errno.FREEBSD_EINVAL);
                return;
            }
            c.runLinux(linuxNumber, low, high, FLAGS.toLinux(flags), 0, 0, 0);
        }

        @Override
        public void exit(Call c) {
            long flags = c.registers().arg(2);
            if ((flags & CLOEXEC) == 0) {
                long low = closefrom ? Math.max(c.intArg(0), 0) : c.arg(0) & 0xffffffffL;
                long high = closefrom ? 0xffffffffL : c.arg(1) & 0xffffffffL;
                KqueueRegistry.closedRange(c.process(), low, high);
            }
            c.returnValue(0);
        }
    }

    /**
     * fexecve(fd, argv, envv) on execveat(fd, "", argv, envv, AT_EMPTY_PATH); the new image is
     * set up at the exec stop as for execve. Linux accepts any descriptor of the file (O_PATH
     * too) where FreeBSD wants one opened for reading or O_EXEC.
     */
    public static final class Fexecve implements SyscallHandler {
        /** include/uapi/linux/fcntl.h AT_EMPTY_PATH. */
        private static final long AT_EMPTY_PATH = 0x1000;
        private final long linuxNumber;

        public Fexecve(SyscallRow row) {
            this.linuxNumber = row.linuxNumber();
        }

        @Override
        public void enter(Call c) {
            c.buffer().putByte(0, (byte) 0);
            if (!c.copyOut(c.scratch(), 0, 1)) {
                return;
            }
            c.runLinux(linuxNumber, c.arg(0), c.scratch(), c.arg(1), c.arg(2), AT_EMPTY_PATH, 0);
        }
    }
}
