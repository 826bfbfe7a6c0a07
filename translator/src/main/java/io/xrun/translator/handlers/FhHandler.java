package io.xrun.translator.handlers;

import io.xrun.maps.AtFlags;
import io.xrun.maps.Errno;
import io.xrun.maps.LinuxSyscalls;
import io.xrun.maps.SyscallRow;
import io.xrun.translator.convert.StatConverter;
import io.xrun.translator.convert.StatfsConverter;
import io.xrun.translator.core.Call;
import io.xrun.translator.core.SyscallHandler;
import io.xrun.translator.nativeapi.NativeBuffer;

import java.nio.charset.StandardCharsets;

/**
 * NFS-style file handles (sys/kern/vfs_syscalls.c): getfh, lgetfh, getfhat on Linux's
 * name_to_handle_at, and fhopen, fhstat, fhstatfs, fhreadlink, fhlink, fhlinkat on open_by_handle_at.
 * FreeBSD requires privilege for every one (PRIV_VFS_GETFH, PRIV_VFS_FHOPEN, PRIV_VFS_FHSTAT):
 * EPERM unless the caller's euid is 0. A FreeBSD fhandle_t (sys/sys/mount.h) is fh_fsid (two
 * int32, the mount's statfs f_fsid) and struct fid (u_short fid_len, u_short fid_data0, char
 * fid_data[MAXFIDSZ 16]); xrun fills fid_data with the Linux mount id (4 bytes), the Linux
 * handle_type (1 byte) and the Linux handle (at most 11 bytes: ext4's and xfs's are 8); a file
 * system whose handles are longer, or that has none, is EOPNOTSUPP as VOP_VPTOFH answers.
 * Using a handle opens the mount point named by its mount id in /proc/PID/mountinfo (O_PATH)
 * (read-only) and calls open_by_handle_at on it: a mount no longer there, or a stale handle, is ESTALE.
 * The fsid is not checked against the mount (FreeBSD finds the mount by it).
 */
public final class FhHandler implements SyscallHandler {
    private static final long NR_OPENAT = LinuxSyscalls.require("openat"), NR_CLOSE = LinuxSyscalls.require("close"),
        NR_NAME_TO_HANDLE = LinuxSyscalls.require("name_to_handle_at"),
        NR_OPEN_BY_HANDLE = LinuxSyscalls.require("open_by_handle_at"), NR_FSTATFS = LinuxSyscalls.require("fstatfs"),
        NR_FSTAT = LinuxSyscalls.require("fstat"), NR_READLINKAT = LinuxSyscalls.require("readlinkat"),
        NR_LINKAT = LinuxSyscalls.require("linkat");
    /** Linux open flags, AT_EMPTY_PATH, AT_FDCWD (linux/fcntl.h, asm-generic/fcntl.h). */
    private static final long L_O_PATH = Abi.OPEN_FLAG_TABLE.linux("O_PATH"), L_O_NOFOLLOW = Abi.OPEN_FLAG_TABLE.linux("O_NOFOLLOW"),
        L_O_CLOEXEC = Abi.OPEN_FLAG_TABLE.linux("O_CLOEXEC"), L_O_RDONLY = Abi.OPEN_FLAG_TABLE.linux("O_RDONLY"), L_O_DIRECTORY = Abi.OPEN_FLAG_TABLE.linux("O_DIRECTORY"),
        AT_EMPTY_PATH = 0x1000, AT_FDCWD = -100;
    private static final long F_O_CREAT = Abi.OPEN_FLAG_TABLE.freebsd("O_CREAT"), F_O_EXEC = Abi.OPEN_FLAG_TABLE.freebsd("O_EXEC");
    private static final long F_AT_SYMLINK_NOFOLLOW = Abi.AT_FLAGS_TABLE.freebsd("AT_SYMLINK_NOFOLLOW");
    /** getfhat's flags (at-flags.tsv; vfs_syscalls.c kern_getfhat: AT_SYMLINK_NOFOLLOW, AT_RESOLVE_BENEATH). */
    private static final long GETFHAT_ACCEPTED = AtFlags.accepted("getfhat");
    private static final int ESTALE = (int) Errno.table().freebsd("ESTALE");
    /** FREAD, FWRITE (sys/sys/fcntl.h: FFLAGS adds 1 to the access mode). */
    private static final long FREAD = 1, FWRITE = 2;
    /** sizeof(fhandle_t); MAXFIDSZ; the Linux handle xrun can keep. */
    private static final int FHANDLE = 28, MAXFIDSZ = 16, MAX_LINUX_HANDLE = MAXFIDSZ - 5;
    /** S_IFMT, S_IFLNK (the same on both). */
    private static final int S_IFMT = 0170000, S_IFLNK = 0120000;
    /** Linux struct statfs: f_fsid at 56. */
    private static final int L_FSID = 56;
    /** Scratch layout: stat/statfs 0, "" 150, mount id 152, the mount point 160.., the Linux file_handle 2048. */
    private static final int S_EMPTY = 150, S_MNTID = 152, S_PATH = 160, S_HANDLE = 2048, LINUX_HANDLE_MAX = 128;

    private enum Kind { GETFH, FHOPEN, FHSTAT, FHSTATFS, FHREADLINK, FHLINK }

    private final Kind kind;
    private final String name;

    public FhHandler(SyscallRow row) {
        this.name = row.name();
        this.kind = switch (name) {
            case "getfh", "lgetfh", "getfhat" -> Kind.GETFH;
            case "fhopen" -> Kind.FHOPEN;
            case "fhstat" -> Kind.FHSTAT;
            case "fhstatfs" -> Kind.FHSTATFS;
            case "fhreadlink" -> Kind.FHREADLINK;
            default -> Kind.FHLINK;
        };
    }

    // stash: 0 the descriptor being worked on (getfh's O_PATH one, else the mount's), 1 the
    // handle's descriptor, 2 the answer kept while descriptors close (errno | ERR, or a value),
    // 3 the phase.
    private static final long ERR = 1L << 40;
    private static final int OPENED = 1, HANDLE = 2, STATFS = 3, MOUNT = 4, BYHANDLE = 5, OP = 6, OP2 = 7,
        CLOSE1 = 8, CLOSE0 = 9;

    @Override
    public void enter(Call c) {
        if (kind == Kind.GETFH && name.equals("getfhat")
            && (c.arg(3) & ~GETFHAT_ACCEPTED) != 0) {
            c.emulateError(Errno.FREEBSD_EINVAL);
            return;
        }
        if (Mounts.euid(c.process().pid()) != 0) {
            c.emulateError(Errno.FREEBSD_EPERM);
            return;
        }
        c.stash[0] = -1;
        c.stash[1] = -1;
        if (kind == Kind.GETFH) {
            long dirfd = AT_FDCWD, path = c.arg(0);
            boolean nofollow = name.equals("lgetfh");
            if (name.equals("getfhat")) {
                dirfd = c.arg(0);
                path = c.arg(1);
                nofollow = (c.arg(3) & F_AT_SYMLINK_NOFOLLOW) != 0;
            }
            c.stash[3] = OPENED;
            c.runLinux(NR_OPENAT, dirfd, path, L_O_PATH | L_O_CLOEXEC | (nofollow ? L_O_NOFOLLOW : 0), 0, 0, 0);
            return;
        }
        if (kind == Kind.FHOPEN) {
            long fmode = fflags(c.arg(1));
            if ((fmode & (FREAD | FWRITE)) == 0 || (c.arg(1) & F_O_CREAT) != 0) {
                c.emulateError(Errno.FREEBSD_EINVAL);
                return;
            }
        }
        // the handle, then the mount point its mount id names
        NativeBuffer b = c.buffer();
        if (!c.copyIn(c.arg(0), 0, FHANDLE)) {
            return;
        }
        int fidLen = b.getShort(8) & 0xffff;
        if (fidLen < 6 || fidLen > MAXFIDSZ) {
            c.emulateError(ESTALE);
            return;
        }
        long mountId = b.getInt(12) & 0xffffffffL;
        int type = b.getByte(16) & 0xff;
        int n = fidLen - 5;
        Mounts.Mount m = Mounts.find(Mounts.read(c.process().pid()), mountId, true, -1, -1);
        if (m == null) {
            c.emulateError(ESTALE);
            return;
        }
        // Linux struct file_handle: handle_bytes, handle_type, f_handle
        b.putInt(64, n);
        b.putInt(68, type);
        b.copyTo(17, b, 72, n);
        if (!c.copyOut(c.scratch() + S_HANDLE, 64, 8 + n)) {
            return;
        }
        byte[] mp = m.mountPoint().getBytes(StandardCharsets.UTF_8);
        if (mp.length + 1 > S_HANDLE - S_PATH) {
            c.emulateError(Errno.FREEBSD_ENAMETOOLONG);
            return;
        }
        b.put(0, mp, 0, mp.length);
        b.putByte(mp.length, (byte) 0);
        b.putByte(mp.length + 1, (byte) 0);
        if (!c.copyOut(c.scratch() + S_PATH, 0, mp.length + 1) || !c.copyOut(c.scratch() + S_EMPTY, mp.length + 1, 1)) {
            return;
        }
        c.stash[3] = MOUNT;
        // open_by_handle_at's mount_fd cannot be an O_PATH descriptor (fdget): a read-only one
        c.runLinux(NR_OPENAT, AT_FDCWD, c.scratch() + S_PATH, L_O_RDONLY | L_O_CLOEXEC | L_O_DIRECTORY, 0, 0, 0);
    }

    /** FFLAGS (sys/sys/fcntl.h): the access mode plus one, unless O_EXEC. */
    private static long fflags(long oflags) {
        return (oflags & F_O_EXEC) != 0 ? oflags : oflags + 1;
    }

    @Override
    public void exit(Call c) {
        long s = c.scratch();
        NativeBuffer b = c.buffer();
        long r = c.linuxResult();
        switch ((int) c.stash[3]) {
            case OPENED -> {
                c.stash[0] = r;
                b.putByte(0, (byte) 0);
                b.putInt(8, LINUX_HANDLE_MAX);
                if (!c.copyOut(s + S_EMPTY, 0, 1) || !c.copyOut(s + S_HANDLE, 8, 4)) {
                    close(c, Errno.FREEBSD_EFAULT | ERR);
                    return;
                }
                c.stash[3] = HANDLE;
                c.then(NR_NAME_TO_HANDLE, r, s + S_EMPTY, s + S_HANDLE, s + S_MNTID, AT_EMPTY_PATH, 0);
            }
            case HANDLE -> {
                c.stash[3] = STATFS;
                c.then(NR_FSTATFS, c.stash[0], s, 0, 0, 0, 0);
            }
            case STATFS -> {
                if (!c.copyIn(s, 0, 128) || !c.copyIn(s + S_MNTID, 128, 4) || !c.copyIn(s + S_HANDLE, 136, 8 + LINUX_HANDLE_MAX)) {
                    close(c, Errno.FREEBSD_EFAULT | ERR);
                    return;
                }
                int n = b.getInt(136);
                if (n > MAX_LINUX_HANDLE || b.getInt(140) > 0xff) {
                    close(c, Errno.FREEBSD_EOPNOTSUPP | ERR);
                    return;
                }
                int out = 512;
                b.zero(out, FHANDLE);
                b.putLong(out, b.getLong(L_FSID));
                b.putShort(out + 8, (short) (5 + n));
                b.putInt(out + 12, b.getInt(128));
                b.putByte(out + 16, (byte) b.getInt(140));
                b.copyTo(144, b, out + 17, n);
                long fhp = name.equals("getfhat") ? c.arg(2) : c.arg(1);
                if (c.memory().write(fhp, b, out, FHANDLE) != FHANDLE) {
                    close(c, Errno.FREEBSD_EFAULT | ERR);
                    return;
                }
                close(c, 0);
            }
            case MOUNT -> {
                c.stash[0] = r;
                long flags = L_O_PATH | L_O_CLOEXEC;
                if (kind == Kind.FHOPEN) {
                    flags = ArgCodec.translate(ArgCodec.OFLAGS, c.arg(1));
                } else if (kind == Kind.FHREADLINK) {
                    flags |= L_O_NOFOLLOW;
                }
                c.stash[3] = BYHANDLE;
                c.then(NR_OPEN_BY_HANDLE, r, s + S_HANDLE, flags, 0, 0, 0);
            }
            case BYHANDLE -> {
                c.stash[1] = r;
                switch (kind) {
                    case FHOPEN -> {
                        c.stash[1] = -1;
                        close(c, r);
                    }
                    case FHLINK -> {
                        long tofd = name.equals("fhlinkat") ? c.arg(1) : AT_FDCWD;
                        long to = name.equals("fhlinkat") ? c.arg(2) : c.arg(1);
                        c.stash[3] = OP2;
                        c.then(NR_LINKAT, r, s + S_EMPTY, tofd, to, AT_EMPTY_PATH, 0);
                    }
                    case FHSTATFS -> {
                        c.stash[3] = OP;
                        c.then(NR_FSTATFS, r, s, 0, 0, 0, 0);
                    }
                    default -> {
                        c.stash[3] = OP;
                        c.then(NR_FSTAT, r, s, 0, 0, 0, 0);
                    }
                }
            }
            case OP -> {
                if (!c.copyIn(s, 0, StatConverter.LINUX_SIZE)) {
                    close(c, Errno.FREEBSD_EFAULT | ERR);
                    return;
                }
                if (kind == Kind.FHSTATFS) {
                    statfs(c);
                    return;
                }
                if (kind == Kind.FHSTAT) {
                    StatConverter.toFreebsd(b, 0, 512);
                    close(c, c.memory().write(c.arg(1), b, 512, StatConverter.FREEBSD_SIZE) == StatConverter.FREEBSD_SIZE
                        ? 0 : Errno.FREEBSD_EFAULT | ERR);
                    return;
                }
                if ((b.getInt(StatConverter.L_MODE) & S_IFMT) != S_IFLNK) {
                    close(c, Errno.FREEBSD_EINVAL | ERR);
                    return;
                }
                c.stash[3] = OP2;
                c.then(NR_READLINKAT, c.stash[1], s + S_EMPTY, c.arg(1), c.arg(2), 0, 0);
            }
            case OP2 -> close(c, kind == Kind.FHREADLINK ? r : 0);
            default -> finish(c);
        }
    }

    @Override
    public void exitFailed(Call c) {
        int phase = (int) c.stash[3];
        if (phase == CLOSE1 || phase == CLOSE0) {
            finish(c);
            return;
        }
        int le = (int) -c.linuxResult();
        int fb = Errno.toFreebsd(le);
        if (phase == MOUNT) {
            // the mount point is gone or unreachable: the handle's file system is not there
            fb = ESTALE;
        } else if (phase == HANDLE && le == Errno.toLinux(Errno.FREEBSD_EOPNOTSUPP)) {
            fb = Errno.FREEBSD_EOPNOTSUPP;
        }
        close(c, (fb != 0 ? fb : Errno.FREEBSD_EINVAL) | ERR);
    }

    /**
     * fhstatfs: the Linux statfs of the handle's file converted as statfs(2) does
     * (StatfsHandler.convert), the mount being the one the handle's mount id names; the caller
     * is root, so f_fsid is shown.
     */
    private void statfs(Call c) {
        NativeBuffer b = c.buffer();
        int out = 1024;
        if (!c.copyIn(c.arg(0), out, FHANDLE)) {
            close(c, Errno.FREEBSD_EFAULT | ERR);
            return;
        }
        Mounts.Mount m = Mounts.find(Mounts.read(c.process().pid()), b.getInt(out + 12) & 0xffffffffL, true, -1, -1);
        if (!c.copyIn(c.scratch(), 0, StatfsConverter.LINUX_SIZE)) {
            close(c, Errno.FREEBSD_EFAULT | ERR);
            return;
        }
        StatfsHandler.convert(b, 0, out, false, m, false);
        close(c, c.memory().write(c.arg(1), b, out, StatfsConverter.FREEBSD_SIZE) == StatfsConverter.FREEBSD_SIZE
            ? 0 : Errno.FREEBSD_EFAULT | ERR);
    }

    /** Closes the descriptors opened so far (the handle's, then the first), then answers with v. */
    private void close(Call c, long v) {
        c.stash[2] = v;
        closeNext(c);
    }

    private void closeNext(Call c) {
        if (c.stash[1] >= 0) {
            long fd = c.stash[1];
            c.stash[1] = -1;
            c.stash[3] = CLOSE1;
            c.then(NR_CLOSE, fd, 0, 0, 0, 0, 0);
            return;
        }
        if (c.stash[0] >= 0) {
            long fd = c.stash[0];
            c.stash[0] = -1;
            c.stash[3] = CLOSE0;
            c.then(NR_CLOSE, fd, 0, 0, 0, 0, 0);
            return;
        }
        long v = c.stash[2];
        if ((v & ERR) != 0) {
            c.returnError((int) (v & ~ERR));
        } else {
            c.returnValue(v);
        }
    }

    private void finish(Call c) {
        closeNext(c);
    }
}
