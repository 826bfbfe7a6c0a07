package io.xrun.translator.handlers;

import io.xrun.maps.AtFlags;
import io.xrun.maps.Errno;
import io.xrun.maps.FlagMap;
import io.xrun.maps.LinuxSyscalls;
import io.xrun.maps.SyscallRow;
import io.xrun.translator.core.Call;
import io.xrun.translator.core.SyscallHandler;

/**
 * chflags(path, flags), lchflags(path, flags), chflagsat(fd, path, flags, atflag) and
 * fchflags(fd, flags) on Linux's inode flags (ioctl FS_IOC_GETFLAGS / FS_IOC_SETFLAGS). FreeBSD
 * sets the flags to exactly the value given; Linux's flag word also holds flags of its own
 * (FS_EXTENTS_FL...), so xrun reads it, replaces the bits chflags-flags.tsv maps (immutable,
 * append-only, nodump) and writes it back. The path forms open the file for the ioctls
 * (O_RDONLY|O_NONBLOCK, O_NOFOLLOW for lchflags and AT_SYMLINK_NOFOLLOW) and close it after.
 * A flag with no Linux counterpart is EOPNOTSUPP, checked after the lookup as FreeBSD's
 * VOP_SETATTR does; a file whose file system has no inode flags (Linux ENOTTY) is EOPNOTSUPP
 * too. Limits (partial): a symbolic link's own flags cannot be set (Linux cannot open a link
 * for an ioctl: EOPNOTSUPP), the path forms need read access to the file, and Linux lets only
 * CAP_LINUX_IMMUTABLE set immutable or append-only, where FreeBSD lets the owner set the UF_
 * forms.
 */
public final class ChflagsHandler implements SyscallHandler {
    private static final FlagMap FLAGS = FlagMap.load("chflags-flags.tsv");
    /** The Linux bits xrun manages: every one a FreeBSD flag maps to. */
    private static final long MANAGED = FLAGS.toLinux(-1L);
    /** include/uapi/linux/fs.h: _IOR('f', 1, long), _IOW('f', 2, long) on x86-64. */
    private static final long FS_IOC_GETFLAGS = 0x80086601L, FS_IOC_SETFLAGS = 0x40086602L;
    /** include/uapi/asm-generic/fcntl.h, linux/fcntl.h. */
    private static final long O_RDONLY = 0, O_NONBLOCK = 04000, O_NOFOLLOW = 0400000, O_CLOEXEC = 02000000,
            AT_FDCWD = -100;
    /** Linux ENOTTY, ELOOP (asm-generic/errno-base.h, errno.h). */
    private static final int L_ENOTTY = 25, L_ELOOP = 40;
    private static final long IOCTL = LinuxSyscalls.require("ioctl"), CLOSE = LinuxSyscalls.require("close");
    private static final long AT_SYMLINK_NOFOLLOW = Abi.AT_FLAGS_TABLE.freebsd("AT_SYMLINK_NOFOLLOW");
    /**
     * What FreeBSD's chflagsat accepts (at-flags.tsv; vfs_syscalls.c kern_chflagsat:
     * AT_SYMLINK_NOFOLLOW, AT_RESOLVE_BENEATH, AT_EMPTY_PATH, others EINVAL), and the part of it
     * xrun implements: the path is opened for the ioctls, which honours neither
     * AT_RESOLVE_BENEATH nor AT_EMPTY_PATH, so those are EINVAL here too (partial, see the row).
     */
    private static final long CHFLAGSAT_ACCEPTED = AtFlags.accepted("chflagsat"), CHFLAGSAT_DONE = AT_SYMLINK_NOFOLLOW;

    private final long linuxNumber;
    private final String name;

    public ChflagsHandler(SyscallRow row) {
        this.linuxNumber = row.linuxNumber();
        this.name = row.name();
    }

    private boolean byFd() {
        return name.equals("fchflags");
    }

    private long flags(Call c) {
        return switch (name) {
            case "chflagsat" -> c.arg(2);
            default -> c.arg(1);
        };
    }

    @Override
    public void enter(Call c) {
        if (byFd()) {
            c.runLinux(IOCTL, c.arg(0), FS_IOC_GETFLAGS, c.scratch(), 0, 0, 0);
            return;
        }
        long dirfd = AT_FDCWD;
        long path = c.arg(0);
        boolean noFollow = name.equals("lchflags");
        if (name.equals("chflagsat")) {
            long at = c.arg(3);
            if ((at & ~CHFLAGSAT_ACCEPTED) != 0 || (at & ~CHFLAGSAT_DONE) != 0) {
                c.emulateError(Errno.FREEBSD_EINVAL);
                return;
            }
            dirfd = c.arg(0);
            path = c.arg(1);
            noFollow = (at & AT_SYMLINK_NOFOLLOW) != 0;
        }
        c.stash[2] = noFollow ? 1 : 0;
        c.stash[3] = 0;
        c.runLinux(linuxNumber, dirfd, path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | (noFollow ? O_NOFOLLOW : 0), 0, 0, 0);
    }

    /** The step that reads the flags: 0 for fchflags, 1 after the path forms' open. */
    private int getStep() {
        return byFd() ? 0 : 1;
    }

    @Override
    public void exit(Call c) {
        int step = c.step();
        long fd = byFd() ? c.arg(0) : c.stash[0];
        if (!byFd() && c.stash[3] != 0) {
            closed(c);
            return;
        }
        if (!byFd() && step == 0) {
            c.stash[0] = c.linuxResult();
            c.stash[1] = 0;
            c.then(IOCTL, c.linuxResult(), FS_IOC_GETFLAGS, c.scratch(), 0, 0, 0);
            return;
        }
        if (step == getStep()) {
            long flags = flags(c);
            if (FLAGS.unknownFreebsd(flags) != 0 || FLAGS.untranslatableFreebsd(flags) != 0) {
                finish(c, fd, Errno.FREEBSD_EOPNOTSUPP);
                return;
            }
            if (!c.copyIn(c.scratch(), 0, 4)) {
                return;
            }
            int old = c.buffer().getInt(0);
            c.buffer().putInt(0, (int) ((old & ~MANAGED) | FLAGS.toLinux(flags)));
            if (!c.copyOut(c.scratch(), 0, 4)) {
                return;
            }
            c.then(IOCTL, fd, FS_IOC_SETFLAGS, c.scratch(), 0, 0, 0);
            return;
        }
        finish(c, fd, 0);
    }

    /** After the path forms' close: the result decided before it. */
    private static void closed(Call c) {
        if (c.stash[1] != 0) {
            c.returnError((int) c.stash[1]);
        } else {
            c.returnValue(0);
        }
    }

    @Override
    public void exitFailed(Call c) {
        int le = (int) -c.linuxResult();
        int step = c.step();
        if (step == 0 && !byFd()) {
            if (le == L_ELOOP && c.stash[2] != 0) {
                // O_NOFOLLOW met a symlink: Linux has no flags for a link itself
                c.returnError(Errno.FREEBSD_EOPNOTSUPP);
            } else {
                c.returnLinuxError();
            }
            return;
        }
        if (!byFd() && c.stash[3] != 0) {
            // the close failed: the result decided before it stands
            closed(c);
            return;
        }
        int fb = le == L_ENOTTY ? Errno.FREEBSD_EOPNOTSUPP : Errno.toFreebsd(le);
        finish(c, byFd() ? c.arg(0) : c.stash[0], fb == 0 ? Errno.FREEBSD_EINVAL : fb);
    }

    /** Ends the call with this FreeBSD errno (0: success), closing the path forms' descriptor first. */
    private void finish(Call c, long fd, int freebsdErrno) {
        if (byFd()) {
            if (freebsdErrno != 0) {
                c.returnError(freebsdErrno);
            } else {
                c.returnValue(0);
            }
            return;
        }
        c.stash[1] = freebsdErrno;
        c.stash[3] = 1;
        c.then(CLOSE, fd, 0, 0, 0, 0, 0);
    }
}
