package io.xrun.translator.handlers;

import io.xrun.maps.AtFlags;
import io.xrun.maps.Errno;
import io.xrun.maps.LinuxSyscalls;
import io.xrun.maps.SyscallRow;
import io.xrun.translator.core.Call;
import io.xrun.translator.core.SyscallHandler;
import io.xrun.translator.nativeapi.NativeBuffer;

/**
 * File calls that are a Linux call plus a fact or two: lchmod/fchmodat (no symlink modes on
 * Linux), eaccess, funlinkat (the descriptor check), __realpathat and undelete.
 */
public final class FileHandlers {
    /** AT_FDCWD: -100 on both (FreeBSD sys/sys/fcntl.h, Linux include/uapi/linux/fcntl.h). */
    static final long AT_FDCWD = -100;
    static final long F_NOFOLLOW = Abi.AT_FLAGS_TABLE.freebsd("AT_SYMLINK_NOFOLLOW");
    static final long F_EMPTY_PATH = Abi.AT_FLAGS_TABLE.freebsd("AT_EMPTY_PATH");
    static final long F_REMOVEDIR = Abi.AT_FLAGS_TABLE.freebsd("AT_REMOVEDIR");
    static final long L_NOFOLLOW = Abi.AT_FLAGS_TABLE.linux("AT_SYMLINK_NOFOLLOW");
    static final long L_EACCESS = Abi.AT_FLAGS_TABLE.linux("AT_EACCESS");
    static final int NR_NEWFSTATAT = LinuxSyscalls.require("newfstatat");
    static final int NR_FSTAT = LinuxSyscalls.require("fstat");
    static final int NR_CLOSE = LinuxSyscalls.require("close");
    /** Linux struct stat: st_dev @0, st_ino @8, st_mode @24 (arch/x86/include/uapi/asm/stat.h). */
    static final int L_ST_DEV = 0, L_ST_INO = 8, L_ST_MODE = 24;
    /** S_IFMT, S_IFLNK, S_IFDIR: the same on both (sys/sys/stat.h, linux/stat.h). */
    static final int S_IFMT = 0170000, S_IFLNK = 0120000, S_IFDIR = 0040000;
    private static final int EOPNOTSUPP = (int) Errno.table().freebsd("EOPNOTSUPP");
    private static final int EDEADLK = (int) Errno.table().freebsd("EDEADLK");
    private static final int EEXIST = (int) Errno.table().freebsd("EEXIST");
    private static final int ENAMETOOLONG = (int) Errno.table().freebsd("ENAMETOOLONG");

    private FileHandlers() {
    }

    static void fail(Call c, long linuxRaw) {
        int e = Errno.toFreebsd((int) -linuxRaw);
        c.emulateError(e != 0 ? e : Errno.FREEBSD_EINVAL);
    }

    /**
     * lchmod(path, mode) and fchmodat(fd, path, mode, flag) on fchmodat. FreeBSD accepts
     * AT_SYMLINK_NOFOLLOW, AT_RESOLVE_BENEATH and AT_EMPTY_PATH (at-flags.tsv; vfs_syscalls.c
     * kern_fchmodat; other bits EINVAL). Linux cannot change a symlink's own mode: with AT_SYMLINK_NOFOLLOW a
     * newfstatat prelude looks first, and a symlink is EOPNOTSUPP (FreeBSD's UFS and tmpfs would
     * change it). AT_EMPTY_PATH with "" is fchmod(fd); AT_RESOLVE_BENEATH is not enforced.
     */
    public static final class Chmod implements SyscallHandler {
        private static final int NR_FCHMODAT = LinuxSyscalls.require("fchmodat");
        private static final int NR_FCHMOD = LinuxSyscalls.require("fchmod");
        private static final long ACCEPTED = AtFlags.accepted("fchmodat");
        private final boolean lchmod;

        public Chmod(SyscallRow row) {
            this.lchmod = row.name().equals("lchmod");
        }

        @Override
        public void enter(Call c) {
            long fd = lchmod ? AT_FDCWD : c.arg(0);
            long path = c.arg(lchmod ? 0 : 1);
            long mode = c.arg(lchmod ? 1 : 2) & 07777;
            long flag = lchmod ? F_NOFOLLOW : c.arg(3);
            if ((flag & ~ACCEPTED) != 0) {
                c.emulateError(Errno.FREEBSD_EINVAL);
                return;
            }
            if ((flag & F_EMPTY_PATH) != 0) {
                NativeBuffer b = c.buffer();
                long n = c.memory().readCString(path, b, 0, 2);
                if (n == 0) {
                    c.runLinux(NR_FCHMOD, fd, mode, 0, 0, 0, 0);
                    return;
                }
            }
            if ((flag & F_NOFOLLOW) != 0) {
                if (!c.hasPreludeResult()) {
                    c.linuxArg(0, fd);
                    c.linuxArg(1, path);
                    c.linuxArg(2, c.scratch());
                    c.linuxArg(3, L_NOFOLLOW);
                    c.prelude(NR_NEWFSTATAT);
                    return;
                }
                if (c.preludeResult() < 0) {
                    fail(c, c.preludeResult());
                    return;
                }
                if (!c.copyIn(c.scratch() + L_ST_MODE, 0, 4)) {
                    return;
                }
                if ((c.buffer().getInt(0) & S_IFMT) == S_IFLNK) {
                    c.emulateError(EOPNOTSUPP);
                    return;
                }
            }
            c.runLinux(NR_FCHMODAT, fd, path, mode, 0, 0, 0);
        }

        @Override
        public void exit(Call c) {
            c.returnValue(0);
        }
    }

    /** eaccess(path, amode): faccessat2(AT_FDCWD, path, amode, AT_EACCESS) (vfs_syscalls.c sys_eaccess). */
    public static final class Eaccess implements SyscallHandler {
        private final long linuxNumber;

        public Eaccess(SyscallRow row) {
            this.linuxNumber = row.linuxNumber();
        }

        @Override
        public void enter(Call c) {
            c.runLinux(linuxNumber, AT_FDCWD, c.arg(0), c.arg(1), L_EACCESS, 0, 0);
        }

        @Override
        public void exit(Call c) {
            c.returnValue(0);
        }
    }

    /**
     * funlinkat(dfd, path, fd, flag) (vfs_syscalls.c kern_funlinkat): with fd other than FD_NONE
     * (-200, sys/sys/fcntl.h) the file must be the one fd is open on, else EDEADLK. A chain:
     * fstat(fd), newfstatat(dfd, path, AT_SYMLINK_NOFOLLOW), compare st_dev/st_ino, unlinkat.
     * Flags: AT_REMOVEDIR and AT_RESOLVE_BENEATH (not enforced), others EINVAL (at-flags.tsv,
     * kern_funlinkat_ex). The file can be
     * replaced between the check and the unlink (FreeBSD holds the vnode).
     */
    public static final class Funlinkat implements SyscallHandler {
        private static final long FD_NONE = -200;
        private static final int NR_UNLINKAT = LinuxSyscalls.require("unlinkat");
        private static final long ACCEPTED = AtFlags.accepted("funlinkat");

        public Funlinkat(SyscallRow row) {
        }

        @Override
        public void enter(Call c) {
            long flag = c.arg(3);
            if ((flag & ~ACCEPTED) != 0) {
                c.emulateError(Errno.FREEBSD_EINVAL);
                return;
            }
            c.stash[0] = Abi.AT_FLAGS.toLinux(flag & F_REMOVEDIR);
            if (c.intArg(2) == FD_NONE) {
                c.stash[1] = 0;
                c.runLinux(NR_UNLINKAT, c.arg(0), c.arg(1), c.stash[0], 0, 0, 0);
                return;
            }
            c.stash[1] = 1;
            c.runLinux(NR_FSTAT, c.intArg(2), c.scratch(), 0, 0, 0, 0);
        }

        @Override
        public void exit(Call c) {
            if (c.stash[1] == 0 || c.step() == 2) {
                c.returnValue(0);
                return;
            }
            long s = c.scratch();
            if (c.step() == 0) {
                c.then(NR_NEWFSTATAT, c.arg(0), c.arg(1), s + 256, L_NOFOLLOW, 0, 0);
                return;
            }
            NativeBuffer b = c.buffer();
            if (!c.copyIn(s, 0, 16) || !c.copyIn(s + 256, 16, 16)) {
                return;
            }
            if (b.getLong(L_ST_DEV) != b.getLong(16 + L_ST_DEV) || b.getLong(L_ST_INO) != b.getLong(16 + L_ST_INO)) {
                c.returnError(EDEADLK);
                return;
            }
            c.then(NR_UNLINKAT, c.arg(0), c.arg(1), c.stash[0], 0, 0, 0);
        }
    }

    /**
     * __realpathat(fd, path, buf, size, flags) (vfs_cache.c kern___realpathat: flags must be 0,
     * the path is looked up following symlinks and its full path copied out, ENOMEM when it does
     * not fit). A chain: openat(fd, path, O_PATH|O_CLOEXEC), readlinkat of /proc/self/fd/N (the
     * kernel's name of that file, relative to the process root), close(N). A file unlinked in
     * between reads with Linux's " (deleted)" suffix.
     */
    public static final class Realpathat implements SyscallHandler {
        private static final int NR_OPENAT = LinuxSyscalls.require("openat");
        private static final int NR_READLINKAT = LinuxSyscalls.require("readlinkat");
        private static final long O_PATH_CLOEXEC = Abi.OPEN_FLAG_TABLE.linux("O_PATH") | Abi.OPEN_FLAG_TABLE.linux("O_CLOEXEC");
        /** FreeBSD MAXPATHLEN (sys/sys/syslimits.h PATH_MAX 1024): the longest path vn_fullpath builds. */
        private static final int MAXPATHLEN = 1024;
        private static final int LINK = 64;

        public Realpathat(SyscallRow row) {
        }

        @Override
        public void enter(Call c) {
            if (c.arg(4) != 0) {
                c.emulateError(Errno.FREEBSD_EINVAL);
                return;
            }
            c.runLinux(NR_OPENAT, c.arg(0), c.arg(1), O_PATH_CLOEXEC, 0, 0, 0);
        }

        @Override
        public void exit(Call c) {
            long s = c.scratch();
            NativeBuffer b = c.buffer();
            switch (c.step()) {
                case 0: {
                    c.stash[0] = c.linuxResult();
                    int n = b.putCString(0, "/proc/self/fd/" + c.linuxResult());
                    if (!c.copyOut(s, 0, n)) {
                        c.then(NR_CLOSE, c.stash[0], 0, 0, 0, 0, 0);
                        c.stash[1] = Errno.FREEBSD_EFAULT;
                        return;
                    }
                    c.then(NR_READLINKAT, AT_FDCWD, s, s + LINK, MAXPATHLEN, 0, 0);
                    return;
                }
                case 1: {
                    long len = c.linuxResult();
                    c.stash[1] = len >= MAXPATHLEN ? ENAMETOOLONG : 0;
                    c.stash[2] = len;
                    c.then(NR_CLOSE, c.stash[0], 0, 0, 0, 0, 0);
                    return;
                }
                default: {
                    if (c.stash[1] != 0) {
                        c.returnError((int) c.stash[1]);
                        return;
                    }
                    int len = (int) c.stash[2];
                    if (!c.copyIn(s + LINK, 0, len)) {
                        return;
                    }
                    b.putByte(len, (byte) 0);
                    if (Long.compareUnsigned(c.arg(3), len + 1) < 0) {
                        c.returnError(Errno.FREEBSD_ENOMEM);
                        return;
                    }
                    if (c.copyOut(c.arg(2), 0, len + 1)) {
                        c.returnValue(0);
                    }
                }
            }
        }

        @Override
        public void exitFailed(Call c) {
            if (c.step() == 1) {
                // readlink failed: close the O_PATH descriptor, then report
                int e = Errno.toFreebsd((int) -c.linuxResult());
                c.stash[1] = e != 0 ? e : Errno.FREEBSD_EINVAL;
                c.then(NR_CLOSE, c.stash[0], 0, 0, 0, 0, 0);
                return;
            }
            if (c.step() == 2 && c.stash[1] != 0) {
                c.returnError((int) c.stash[1]);
                return;
            }
            c.returnLinuxError();
        }
    }

    /**
     * undelete(path) (vfs_syscalls.c sys_undelete) removes a whiteout; Linux has none, so every
     * name answers as on a FreeBSD file system without one: the lookup of the parent decides
     * (ENOENT, ENOTDIR, EACCES...), and a name that exists or not is EEXIST (namei succeeds for
     * the DELETE lookup of a missing last component, and it is no whiteout). The parent is
     * looked up with newfstatat.
     */
    public static final class Undelete implements SyscallHandler {
        private static final int PATH_MAX = 1024;

        public Undelete(SyscallRow row) {
        }

        @Override
        public void enter(Call c) {
            NativeBuffer b = c.buffer();
            long n = c.memory().readCString(c.arg(0), b, 0, PATH_MAX);
            if (n < 0) {
                c.emulateError(Errno.FREEBSD_EFAULT);
                return;
            }
            if (n >= PATH_MAX) {
                c.emulateError(ENAMETOOLONG);
                return;
            }
            if (n == 0) {
                c.emulateError(Errno.FREEBSD_ENOENT);
                return;
            }
            int end = (int) n;
            while (end > 1 && b.getByte(end - 1) == '/') {
                end--;
            }
            int slash = end - 1;
            while (slash >= 0 && b.getByte(slash) != '/') {
                slash--;
            }
            int plen;
            if (slash < 0) {
                b.putByte(0, (byte) '.');
                plen = 1;
            } else {
                plen = slash == 0 ? 1 : slash;
            }
            b.putByte(plen, (byte) 0);
            if (!c.copyOut(c.scratch(), 0, plen + 1)) {
                return;
            }
            c.runLinux(NR_NEWFSTATAT, AT_FDCWD, c.scratch(), c.scratch() + 2048, 0, 0, 0);
        }

        @Override
        public void exit(Call c) {
            if (!c.copyIn(c.scratch() + 2048 + L_ST_MODE, 0, 4)) {
                return;
            }
            c.returnError((c.buffer().getInt(0) & S_IFMT) == S_IFDIR ? EEXIST : Errno.FREEBSD_ENOTDIR);
        }
    }
}
