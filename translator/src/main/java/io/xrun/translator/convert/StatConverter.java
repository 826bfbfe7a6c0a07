package io.xrun.translator.convert;

import io.xrun.translator.nativeapi.NativeBuffer;

/**
 * Linux {@code struct stat} (x86-64, arch/x86/include/uapi/asm/stat.h, 144 bytes) to FreeBSD's
 * two layouts: the FreeBSD 12+ ino64 {@code struct stat} (sys/sys/stat.h, 224 bytes) and
 * {@code struct freebsd11_stat} (120 bytes). Offsets cross-checked with Go's
 * syscall/ztypes_freebsd_amd64.go (Stat_t, stat_freebsd11_t).
 */
public final class StatConverter {
    public static final int LINUX_SIZE = 144;
    public static final int FREEBSD_SIZE = 224;
    public static final int FREEBSD11_SIZE = 120;
    /** 4.3BSD {@code struct ostat} (sys/sys/stat.h, COMPAT_43): 88 bytes on amd64. */
    public static final int OSTAT_SIZE = 88;
    /** The FreeBSD 11 {@code struct nstat} (sys/sys/stat.h, _WANT_FREEBSD11_STAT): 128 bytes. */
    public static final int NSTAT_SIZE = 128;

    // Linux struct stat offsets
    public static final int L_DEV = 0, L_INO = 8, L_NLINK = 16, L_MODE = 24, L_UID = 28, L_GID = 32, L_RDEV = 40,
            L_SIZE = 48, L_BLKSIZE = 56, L_BLOCKS = 64, L_ATIME = 72, L_MTIME = 88, L_CTIME = 104;
    // FreeBSD struct stat offsets
    static final int F_DEV = 0, F_INO = 8, F_NLINK = 16, F_MODE = 24, F_UID = 28, F_GID = 32, F_RDEV = 40,
            F_ATIM = 48, F_MTIM = 64, F_CTIM = 80, F_BIRTHTIM = 96, F_SIZE = 112, F_BLOCKS = 120,
            F_BLKSIZE = 128, F_FLAGS = 132, F_GEN = 136;
    // struct freebsd11_stat offsets
    static final int O_DEV = 0, O_INO = 4, O_MODE = 8, O_NLINK = 10, O_UID = 12, O_GID = 16, O_RDEV = 20,
            O_ATIM = 24, O_MTIM = 40, O_CTIM = 56, O_SIZE = 72, O_BLOCKS = 80, O_BLKSIZE = 88, O_FLAGS = 92,
            O_GEN = 96, O_LSPARE = 100, O_BIRTHTIM = 104;

    // struct ostat offsets: u16 st_dev, u32 st_ino, u16 st_mode, u16 st_nlink, u16 st_uid,
    // u16 st_gid, u16 st_rdev, i32 st_size, three timespecs, i32 st_blksize, i32 st_blocks,
    // u32 st_flags, u32 st_gen
    static final int OS_DEV = 0, OS_INO = 4, OS_MODE = 8, OS_NLINK = 10, OS_UID = 12, OS_GID = 14, OS_RDEV = 16,
            OS_SIZE = 20, OS_ATIM = 24, OS_MTIM = 40, OS_CTIM = 56, OS_BLKSIZE = 72, OS_BLOCKS = 76, OS_FLAGS = 80,
            OS_GEN = 84;

    // struct nstat offsets: u32 st_dev, st_ino, st_mode, st_nlink, st_uid, st_gid, st_rdev, three
    // timespecs @32, off_t st_size @80, st_blocks @88, u32 st_blksize @96, st_flags @100,
    // st_gen @104, st_birthtim @112
    static final int N_DEV = 0, N_INO = 4, N_MODE = 8, N_NLINK = 12, N_UID = 16, N_GID = 20, N_RDEV = 24,
            N_ATIM = 32, N_MTIM = 48, N_CTIM = 64, N_SIZE = 80, N_BLOCKS = 88, N_BLKSIZE = 96, N_FLAGS = 100,
            N_GEN = 104, N_BIRTHTIM = 112;

    private StatConverter() {
    }

    /** Linux dev_t to major (glibc sys/sysmacros.h gnu_dev_major). */
    public static long linuxMajor(long dev) {
        return ((dev >>> 8) & 0xfff) | ((dev >>> 32) & ~0xfffL & 0xffffffffL);
    }

    public static long linuxMinor(long dev) {
        return (dev & 0xff) | ((dev >>> 12) & ~0xffL & 0xffffffffL);
    }

    /** FreeBSD 12+ makedev (sys/sys/types.h __makedev). */
    public static long freebsdMakedev(long major, long minor) {
        return ((major & 0xffffff00L) << 32) | ((major & 0xff) << 8) | ((minor & 0xff00) << 24)
                | (minor & 0xffff00ffL);
    }

    public static long devToFreebsd(long linuxDev) {
        return freebsdMakedev(linuxMajor(linuxDev), linuxMinor(linuxDev));
    }

    /** FreeBSD 12+ major(): sys/sys/types.h __major. */
    public static long freebsdMajor(long dev) {
        return ((dev >>> 32) & 0xffffff00L) | ((dev >>> 8) & 0xff);
    }

    /** FreeBSD 12+ minor(): sys/sys/types.h __minor. */
    public static long freebsdMinor(long dev) {
        return ((dev >>> 24) & 0xff00) | (dev & 0xffff00ffL);
    }

    /**
     * A FreeBSD dev_t as the 32-bit device number Linux's mknodat takes (fs/namei.c: new_decode_dev,
     * include/linux/kdev_t.h new_encode_dev: 12-bit major, 20-bit minor), or -1 when the major or
     * minor does not fit.
     */
    public static long devToLinux(long freebsdDev) {
        long major = freebsdMajor(freebsdDev);
        long minor = freebsdMinor(freebsdDev);
        if (major > 0xfff || minor > 0xfffff) {
            return -1;
        }
        return (minor & 0xff) | (major << 8) | ((minor & ~0xffL) << 12);
    }

    /** Converts the Linux stat at {@code src} into a FreeBSD stat at {@code dst} (may not overlap). */
    public static void toFreebsd(NativeBuffer b, int src, int dst) {
        b.zero(dst, FREEBSD_SIZE);
        b.putLong(dst + F_DEV, devToFreebsd(b.getLong(src + L_DEV)));
        b.putLong(dst + F_INO, b.getLong(src + L_INO));
        b.putLong(dst + F_NLINK, b.getLong(src + L_NLINK));
        // st_mode: S_IFMT and permission bits are the same on both (sys/sys/stat.h, linux/stat.h)
        b.putShort(dst + F_MODE, (short) b.getInt(src + L_MODE));
        b.putInt(dst + F_UID, b.getInt(src + L_UID));
        b.putInt(dst + F_GID, b.getInt(src + L_GID));
        b.putLong(dst + F_RDEV, devToFreebsd(b.getLong(src + L_RDEV)));
        copyTimespec(b, src + L_ATIME, dst + F_ATIM);
        copyTimespec(b, src + L_MTIME, dst + F_MTIM);
        copyTimespec(b, src + L_CTIME, dst + F_CTIM);
        // Linux's stat has no birth time; FreeBSD reports tv_sec = -1 when a filesystem has none
        // (sys/kern/vfs_vnops.c vn_stat).
        b.putLong(dst + F_BIRTHTIM, -1);
        b.putLong(dst + F_BIRTHTIM + 8, 0);
        b.putLong(dst + F_SIZE, b.getLong(src + L_SIZE));
        b.putLong(dst + F_BLOCKS, b.getLong(src + L_BLOCKS));
        b.putInt(dst + F_BLKSIZE, (int) b.getLong(src + L_BLKSIZE));
        b.putInt(dst + F_FLAGS, 0);
        b.putLong(dst + F_GEN, 0);
    }

    /**
     * Converts to {@code struct freebsd11_stat}. Returns false when a value does not fit the
     * old 32-bit fields: FreeBSD then fails with EOVERFLOW (sys/kern/vfs_syscalls.c freebsd11_cvtstat).
     */
    public static boolean toFreebsd11(NativeBuffer b, int src, int dst) {
        long dev = devToFreebsd(b.getLong(src + L_DEV));
        long rdev = devToFreebsd(b.getLong(src + L_RDEV));
        long ino = b.getLong(src + L_INO);
        if (ino != (ino & 0xffffffffL) || dev != (dev & 0xffffffffL) || rdev != (rdev & 0xffffffffL)) {
            return false;
        }
        b.zero(dst, FREEBSD11_SIZE);
        b.putInt(dst + O_DEV, (int) dev);
        b.putInt(dst + O_INO, (int) ino);
        b.putShort(dst + O_MODE, (short) b.getInt(src + L_MODE));
        long nlink = b.getLong(src + L_NLINK);
        b.putShort(dst + O_NLINK, (short) Math.min(nlink, 0xffff));
        b.putInt(dst + O_UID, b.getInt(src + L_UID));
        b.putInt(dst + O_GID, b.getInt(src + L_GID));
        b.putInt(dst + O_RDEV, (int) rdev);
        copyTimespec(b, src + L_ATIME, dst + O_ATIM);
        copyTimespec(b, src + L_MTIME, dst + O_MTIM);
        copyTimespec(b, src + L_CTIME, dst + O_CTIM);
        b.putLong(dst + O_SIZE, b.getLong(src + L_SIZE));
        b.putLong(dst + O_BLOCKS, b.getLong(src + L_BLOCKS));
        b.putInt(dst + O_BLKSIZE, (int) b.getLong(src + L_BLKSIZE));
        b.putInt(dst + O_FLAGS, 0);
        b.putInt(dst + O_GEN, 0);
        b.putInt(dst + O_LSPARE, 0);
        b.putLong(dst + O_BIRTHTIM, -1);
        b.putLong(dst + O_BIRTHTIM + 8, 0);
        return true;
    }

    /**
     * Converts to the 4.3BSD {@code struct ostat} of ostat/olstat/ofstat as FreeBSD's
     * {@code cvtstat} (sys/kern/vfs_syscalls.c) does from its struct stat: every field blindly
     * truncated to its old width, except st_size, which is clamped to INT32_MAX. Never fails.
     */
    public static void toOstat(NativeBuffer b, int src, int dst) {
        b.zero(dst, OSTAT_SIZE);
        b.putShort(dst + OS_DEV, (short) devToFreebsd(b.getLong(src + L_DEV)));
        b.putInt(dst + OS_INO, (int) b.getLong(src + L_INO));
        b.putShort(dst + OS_MODE, (short) b.getInt(src + L_MODE));
        b.putShort(dst + OS_NLINK, (short) b.getLong(src + L_NLINK));
        b.putShort(dst + OS_UID, (short) b.getInt(src + L_UID));
        b.putShort(dst + OS_GID, (short) b.getInt(src + L_GID));
        b.putShort(dst + OS_RDEV, (short) devToFreebsd(b.getLong(src + L_RDEV)));
        b.putInt(dst + OS_SIZE, (int) Math.min(b.getLong(src + L_SIZE), Integer.MAX_VALUE));
        copyTimespec(b, src + L_ATIME, dst + OS_ATIM);
        copyTimespec(b, src + L_MTIME, dst + OS_MTIM);
        copyTimespec(b, src + L_CTIME, dst + OS_CTIM);
        b.putInt(dst + OS_BLKSIZE, (int) b.getLong(src + L_BLKSIZE));
        b.putInt(dst + OS_BLOCKS, (int) b.getLong(src + L_BLOCKS));
        // st_flags and st_gen: 0, as in the FreeBSD struct stat this converter makes
    }

    /**
     * Converts to {@code struct nstat} as freebsd11_cvtnstat (sys/kern/vfs_syscalls.c) does: through
     * the freebsd11_stat conversion (so the same EOVERFLOW cases: false), each field copied into
     * its nstat slot. tmp is a scratch area of FREEBSD11_SIZE bytes in the buffer.
     */
    public static boolean toNstat(NativeBuffer b, int src, int tmp, int dst) {
        if (!toFreebsd11(b, src, tmp)) {
            return false;
        }
        b.zero(dst, NSTAT_SIZE);
        b.putInt(dst + N_DEV, b.getInt(tmp + O_DEV));
        b.putInt(dst + N_INO, b.getInt(tmp + O_INO));
        b.putInt(dst + N_MODE, b.getShort(tmp + O_MODE) & 0xffff);
        b.putInt(dst + N_NLINK, b.getShort(tmp + O_NLINK) & 0xffff);
        b.putInt(dst + N_UID, b.getInt(tmp + O_UID));
        b.putInt(dst + N_GID, b.getInt(tmp + O_GID));
        b.putInt(dst + N_RDEV, b.getInt(tmp + O_RDEV));
        copyTimespec(b, tmp + O_ATIM, dst + N_ATIM);
        copyTimespec(b, tmp + O_MTIM, dst + N_MTIM);
        copyTimespec(b, tmp + O_CTIM, dst + N_CTIM);
        b.putLong(dst + N_SIZE, b.getLong(tmp + O_SIZE));
        b.putLong(dst + N_BLOCKS, b.getLong(tmp + O_BLOCKS));
        b.putInt(dst + N_BLKSIZE, b.getInt(tmp + O_BLKSIZE));
        b.putInt(dst + N_FLAGS, b.getInt(tmp + O_FLAGS));
        b.putInt(dst + N_GEN, b.getInt(tmp + O_GEN));
        copyTimespec(b, tmp + O_BIRTHTIM, dst + N_BIRTHTIM);
        return true;
    }

    private static void copyTimespec(NativeBuffer b, int src, int dst) {
        b.putLong(dst, b.getLong(src));
        b.putLong(dst + 8, b.getLong(src + 8));
    }
}
