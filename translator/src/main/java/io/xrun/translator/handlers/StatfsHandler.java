package io.xrun.translator.handlers;

import io.xrun.maps.Errno;
import io.xrun.maps.LinuxSyscalls;
import io.xrun.maps.SyscallRow;
import io.xrun.translator.convert.StatfsConverter;
import io.xrun.translator.core.Call;
import io.xrun.translator.core.SyscallHandler;
import io.xrun.translator.nativeapi.NativeBuffer;

import java.util.List;

/**
 * statfs(path, buf), fstatfs(fd, buf) and their FreeBSD 11 forms (sys/kern/vfs_syscalls.c
 * kern_statfs, kern_fstatfs, freebsd11_cvtstatfs). A chain of two Linux calls: statfs/fstatfs
 * into guest scratch memory, then statx(STATX_MNT_ID) of the same path or descriptor for the
 * mount id, which names the line of /proc/PID/mountinfo (read by the supervisor) that gives
 * f_fstypename, f_mntfromname and f_mntonname. On kernels without STATX_MNT_ID (before 5.8)
 * the last mount of the file's device stands in (a bind mount of the same device may be named
 * instead). The path is looked up twice: a rename between the two calls can name another mount.
 * A descriptor with no vnode behind it on FreeBSD (pipe, socket, anonymous inode) is EINVAL,
 * as getvnode() answers. f_fsid is zeroed unless the caller's euid is 0, as FreeBSD hides it
 * from callers without PRIV_VFS_GENERATION.
 */
public final class StatfsHandler implements SyscallHandler {
    private static final int STATX = LinuxSyscalls.require("statx");
    /** include/uapi/linux/fcntl.h AT_FDCWD, AT_EMPTY_PATH; include/uapi/linux/stat.h STATX_MNT_ID. */
    private static final long AT_FDCWD = -100, AT_EMPTY_PATH = 0x1000, STATX_MNT_ID = 0x1000;
    /** struct statx offsets (include/uapi/linux/stat.h): stx_mask, stx_dev_major/minor, stx_mnt_id. */
    static final int STX_MASK = 0, STX_DEV_MAJOR = 0x88, STX_DEV_MINOR = 0x8c, STX_MNT_ID = 0x90, STATX_SIZE = 256;
    /** Scratch layout: Linux statfs at 0, "" at 128 (fstatfs's statx path), struct statx at 256. */
    static final int S_EMPTY = 128, S_STATX = 256;
    /** Staging buffer layout: Linux statfs at 0, statx at 256, the FreeBSD struct at 1024. */
    static final int B_STATX = 256, B_OUT = 1024;
    static final long MNT_LOCAL = StatfsConverter.MNT_LOCAL, MNT_ROOTFS = StatfsConverter.MNT_ROOTFS;

    private final long linuxNumber;
    private final boolean byFd;
    private final boolean v11;
    /** freebsd4_statfs/fstatfs: the FreeBSD 4 struct ostatfs, made from the full struct statfs. */
    private final boolean v4;
    /** Where the ostatfs is built in the staging buffer, after the struct statfs at B_OUT. */
    static final int B_OSTATFS = B_OUT + StatfsConverter.FREEBSD_SIZE;

    public StatfsHandler(SyscallRow row) {
        this.linuxNumber = row.linuxNumber();
        this.byFd = row.args().get(0).equals("fd");
        this.v11 = row.args().get(1).equals("statfs11");
        this.v4 = row.args().get(1).equals("ostatfs");
    }

    @Override
    public void enter(Call c) {
        c.linuxArg(0, c.arg(0));
        c.linuxArg(1, c.scratch());
        c.runLinux(linuxNumber);
    }

    @Override
    public void exit(Call c) {
        long s = c.scratch();
        NativeBuffer b = c.buffer();
        if (c.step() == 0) {
            if (!c.copyIn(s, 0, StatfsConverter.LINUX_SIZE)) {
                return;
            }
            if (byFd) {
                Mounts.FsType t = Mounts.fsType(null, b.getLong(StatfsConverter.L_TYPE));
                if (t != null && !t.vnode()) {
                    c.returnError(Errno.FREEBSD_EINVAL);
                    return;
                }
                b.putByte(0, (byte) 0);
                if (!c.copyOut(s + S_EMPTY, 0, 1)) {
                    return;
                }
                c.then(STATX, c.arg(0), s + S_EMPTY, AT_EMPTY_PATH, STATX_MNT_ID, s + S_STATX, 0);
            } else {
                c.then(STATX, AT_FDCWD, c.arg(0), 0, STATX_MNT_ID, s + S_STATX, 0);
            }
            c.returnValue(0);
            return;
        }
        finish(c, true);
    }

    @Override
    public void exitFailed(Call c) {
        if (c.step() == 0) {
            c.returnLinuxError();
            return;
        }
        finish(c, false); // statx failed (a race with rename/unmount): no mount names
    }

    private void finish(Call c, boolean haveStatx) {
        long s = c.scratch();
        NativeBuffer b = c.buffer();
        if (!c.copyIn(s, 0, StatfsConverter.LINUX_SIZE)) {
            return;
        }
        Mounts.Mount m = null;
        if (haveStatx && c.copyIn(s + S_STATX, B_STATX, STATX_SIZE)) {
            boolean haveId = (b.getInt(B_STATX + STX_MASK) & STATX_MNT_ID) != 0;
            List<Mounts.Mount> mounts = Mounts.read(c.process().pid());
            m = Mounts.find(mounts, b.getLong(B_STATX + STX_MNT_ID), haveId, b.getInt(B_STATX + STX_DEV_MAJOR),
                    b.getInt(B_STATX + STX_DEV_MINOR));
        }
        convert(b, 0, B_OUT, v11, m, Mounts.euid(c.process().pid()) != 0);
        if (v4) {
            StatfsConverter.toOstatfs(b, B_OUT, B_OSTATFS);
            if (c.copyOut(c.arg(1), B_OSTATFS, StatfsConverter.OSTATFS_SIZE)) {
                c.returnValue(0);
            }
            return;
        }
        if (c.copyOut(c.arg(1), B_OUT, v11 ? StatfsConverter.FREEBSD11_SIZE : StatfsConverter.FREEBSD_SIZE)) {
            c.returnValue(0);
        }
    }

    /** Converts the Linux statfs at src for mount m (null: unknown) into FreeBSD's layout at dst. */
    static void convert(NativeBuffer b, int src, int dst, boolean v11, Mounts.Mount m, boolean hideFsid) {
        long magic = b.getLong(src + StatfsConverter.L_TYPE);
        Mounts.FsType t = Mounts.fsType(m != null ? m.fstype() : null, magic);
        String name = Mounts.freebsdName(m != null ? m.fstype() : null, magic);
        long extra = 0;
        if (t == null || t.local()) {
            extra |= MNT_LOCAL;
        }
        if (m != null && m.mountPoint().equals("/")) {
            extra |= MNT_ROOTFS;
        }
        StatfsConverter.toFreebsd(b, src, dst, v11, Mounts.typenum(name), name, m != null ? m.source() : "",
                m != null ? m.mountPoint() : "", extra);
        if (hideFsid) {
            b.putLong(dst + StatfsConverter.F_FSID, 0); // kern_do_statfs: only root sees f_fsid
        }
    }
}
