package io.xrun.translator.convert;

import io.xrun.maps.ConstantTable;
import io.xrun.maps.FlagMap;
import io.xrun.translator.nativeapi.NativeBuffer;

import java.nio.charset.StandardCharsets;

/**
 * Linux {@code struct statfs} (x86-64, the kernel's struct statfs64 layout of asm-generic/statfs.h,
 * 120 bytes) to FreeBSD's two layouts: the FreeBSD 12+ {@code struct statfs} (sys/sys/mount.h,
 * 2344 bytes, 1024-byte mount names) and {@code struct freebsd11_statfs} (472 bytes, 88-byte
 * names). Offsets cross-checked with Go's syscall/ztypes_freebsd_amd64.go (Statfs_t,
 * statfs_freebsd11_t). The names and the flags Linux cannot give (MNT_LOCAL, MNT_ROOTFS) come
 * from the mount the caller found in /proc/PID/mountinfo.
 */
public final class StatfsConverter {
    public static final int LINUX_SIZE = 120;
    public static final int FREEBSD_SIZE = 2344;
    public static final int FREEBSD11_SIZE = 472;
    /** sys/sys/mount.h STATFS_VERSION and FREEBSD11_STATFS_VERSION. */
    public static final int STATFS_VERSION = 0x20140518;
    public static final int FREEBSD11_STATFS_VERSION = 0x20030518;
    /** MFSNAMELEN, MNAMELEN (FreeBSD 12+) and the FreeBSD 11 MNAMELEN. */
    public static final int MFSNAMELEN = 16, MNAMELEN = 1024, MNAMELEN11 = 88;

    public static final ConstantTable FLAG_TABLE = ConstantTable.load("statfs-flags.tsv");
    public static final FlagMap FLAGS = FlagMap.of(FLAG_TABLE);
    public static final long MNT_LOCAL = FLAG_TABLE.freebsd("MNT_LOCAL");
    public static final long MNT_ROOTFS = FLAG_TABLE.freebsd("MNT_ROOTFS");

    // Linux struct statfs offsets (x86-64: every field but f_fsid is a long)
    public static final int L_TYPE = 0, L_BSIZE = 8, L_BLOCKS = 16, L_BFREE = 24, L_BAVAIL = 32, L_FILES = 40,
            L_FFREE = 48, L_FSID = 56, L_NAMELEN = 64, L_FRSIZE = 72, L_FLAGS = 80;
    // FreeBSD struct statfs offsets (the same in struct freebsd11_statfs up to f_mntfromname)
    public static final int F_VERSION = 0, F_TYPE = 4, F_FLAGS = 8, F_BSIZE = 16, F_IOSIZE = 24, F_BLOCKS = 32,
            F_BFREE = 40, F_BAVAIL = 48, F_FILES = 56, F_FFREE = 64, F_SYNCWRITES = 72, F_NAMEMAX = 184,
            F_OWNER = 188, F_FSID = 192, F_CHARSPARE = 200, F_FSTYPENAME = 280, F_MNTFROMNAME = 296;
    public static final int F_MNTONNAME = F_MNTFROMNAME + MNAMELEN;
    public static final int O_MNTONNAME = F_MNTFROMNAME + MNAMELEN11;

    /**
     * The FreeBSD 4 struct ostatfs (sys/sys/mount.h, COMPAT_FREEBSD4): longs, 16-byte type name,
     * OMNAMELEN (88 - 2 * sizeof(long) = 72) byte names, an unnamed int32 of padding before
     * f_spare[2]; 304 bytes on amd64.
     */
    public static final int OSTATFS_SIZE = 304, OMFSNAMELEN = 16, OMNAMELEN = 72;
    static final int OS_BSIZE = 8, OS_IOSIZE = 16, OS_BLOCKS = 24, OS_BFREE = 32, OS_BAVAIL = 40, OS_FILES = 48,
            OS_FFREE = 56, OS_FSID = 64, OS_OWNER = 72, OS_TYPE = 76, OS_FLAGS = 80, OS_SYNCWRITES = 88,
            OS_ASYNCWRITES = 96, OS_FSTYPENAME = 104, OS_MNTONNAME = 120, OS_SYNCREADS = 192, OS_ASYNCREADS = 200,
            OS_MNTFROMNAME = 210;
    /** struct statfs's read/write counters after f_syncwrites (sys/sys/mount.h). */
    static final int F_ASYNCWRITES = 80, F_SYNCREADS = 88, F_ASYNCREADS = 96;

    private StatfsConverter() {
    }

    /**
     * FreeBSD's struct statfs at src to the FreeBSD 4 struct ostatfs at dst, as
     * freebsd4_cvtstatfs (sys/kern/vfs_syscalls.c) does: counts copied (f_iosize, f_files,
     * f_ffree and the I/O counters clamped to LONG_MAX), f_flags truncated to an int, names
     * strlcpy'd into their shorter buffers.
     */
    public static void toOstatfs(NativeBuffer b, int src, int dst) {
        b.zero(dst, OSTATFS_SIZE);
        b.putLong(dst + OS_BSIZE, b.getLong(src + F_BSIZE));
        b.putLong(dst + OS_IOSIZE, clampLong(b.getLong(src + F_IOSIZE)));
        b.putLong(dst + OS_BLOCKS, b.getLong(src + F_BLOCKS));
        b.putLong(dst + OS_BFREE, b.getLong(src + F_BFREE));
        b.putLong(dst + OS_BAVAIL, b.getLong(src + F_BAVAIL));
        b.putLong(dst + OS_FILES, clampLong(b.getLong(src + F_FILES)));
        b.putLong(dst + OS_FFREE, clampLong(b.getLong(src + F_FFREE)));
        b.putLong(dst + OS_FSID, b.getLong(src + F_FSID));
        b.putInt(dst + OS_OWNER, b.getInt(src + F_OWNER));
        b.putInt(dst + OS_TYPE, b.getInt(src + F_TYPE));
        b.putInt(dst + OS_FLAGS, (int) b.getLong(src + F_FLAGS));
        b.putLong(dst + OS_SYNCWRITES, clampLong(b.getLong(src + F_SYNCWRITES)));
        b.putLong(dst + OS_ASYNCWRITES, clampLong(b.getLong(src + F_ASYNCWRITES)));
        b.putLong(dst + OS_SYNCREADS, clampLong(b.getLong(src + F_SYNCREADS)));
        b.putLong(dst + OS_ASYNCREADS, clampLong(b.getLong(src + F_ASYNCREADS)));
        strlcpy(b, src + F_FSTYPENAME, dst + OS_FSTYPENAME, OMFSNAMELEN);
        strlcpy(b, src + F_MNTONNAME, dst + OS_MNTONNAME, OMNAMELEN);
        strlcpy(b, src + F_MNTFROMNAME, dst + OS_MNTFROMNAME, OMNAMELEN);
    }

    /** MIN(an unsigned 64-bit count, LONG_MAX). */
    private static long clampLong(long v) {
        return v < 0 ? Long.MAX_VALUE : v;
    }

    /** strlcpy: at most size - 1 bytes of the string at src, always NUL-terminated. */
    private static void strlcpy(NativeBuffer b, int src, int dst, int size) {
        int n = b.strlen(src, size - 1);
        b.copyTo(src, b, dst, n);
        b.putByte(dst + n, (byte) 0);
    }

    /**
     * A stand-in for FreeBSD's f_type (the filesystem's vfc_typenum) when statfs-fstypes.tsv
     * has no number for a name: the low byte of the FNV-1 hash of the name, the scheme
     * sys/kern/vfs_init.c vfs_register describes (fnv_32_str(vfc_name, FNV1_32_INIT) & 0xff).
     * It does not reproduce the numbers lsvfs(1) shows for the common file systems, which the
     * table therefore lists; it only keeps other names stable and mostly distinct.
     */
    public static int typenum(String fstypename) {
        int h = 0x811c9dc5; // FNV1_32_INIT (sys/sys/fnv_hash.h)
        for (byte c : fstypename.getBytes(StandardCharsets.ISO_8859_1)) {
            h *= 0x01000193; // FNV_32_PRIME
            h ^= c & 0xff;
        }
        return h & 0xff;
    }

    /**
     * Converts the Linux statfs at {@code src} to FreeBSD's layout at {@code dst} (no overlap).
     *
     * @param v11        struct freebsd11_statfs instead of struct statfs
     * @param type       FreeBSD f_type
     * @param extraFlags FreeBSD MNT_* bits to add (MNT_LOCAL, MNT_ROOTFS)
     */
    public static void toFreebsd(NativeBuffer b, int src, int dst, boolean v11, int type, String fstypename,
                                 String mntfrom, String mnton, long extraFlags) {
        b.zero(dst, v11 ? FREEBSD11_SIZE : FREEBSD_SIZE);
        b.putInt(dst + F_VERSION, v11 ? FREEBSD11_STATFS_VERSION : STATFS_VERSION);
        b.putInt(dst + F_TYPE, type);
        b.putLong(dst + F_FLAGS, FLAGS.toFreebsd(b.getLong(src + L_FLAGS)) | extraFlags);
        // FreeBSD f_bsize is the fragment size the block counts are in (Linux f_frsize; Linux
        // reports 0 there only on very old kernels), f_iosize the optimal transfer size (Linux f_bsize).
        long frsize = b.getLong(src + L_FRSIZE);
        long bsize = b.getLong(src + L_BSIZE);
        b.putLong(dst + F_BSIZE, frsize != 0 ? frsize : bsize);
        b.putLong(dst + F_IOSIZE, bsize);
        b.putLong(dst + F_BLOCKS, b.getLong(src + L_BLOCKS));
        b.putLong(dst + F_BFREE, b.getLong(src + L_BFREE));
        b.putLong(dst + F_BAVAIL, b.getLong(src + L_BAVAIL));
        b.putLong(dst + F_FILES, b.getLong(src + L_FILES));
        b.putLong(dst + F_FFREE, b.getLong(src + L_FFREE));
        // f_syncwrites..f_asyncreads, f_spare: 0 (Linux keeps no such counters per mount)
        b.putInt(dst + F_NAMEMAX, (int) b.getLong(src + L_NAMELEN));
        b.putInt(dst + F_OWNER, 0); // the user who mounted it: Linux does not say; root
        b.putInt(dst + F_FSID, b.getInt(src + L_FSID));
        b.putInt(dst + F_FSID + 4, b.getInt(src + L_FSID + 4));
        strlcpy(b, dst + F_FSTYPENAME, MFSNAMELEN, fstypename);
        int len = v11 ? MNAMELEN11 : MNAMELEN;
        strlcpy(b, dst + F_MNTFROMNAME, len, mntfrom);
        strlcpy(b, dst + F_MNTFROMNAME + len, len, mnton);
    }

    /** Copies at most size-1 bytes of s and a NUL (strlcpy; the field is zeroed already). */
    static void strlcpy(NativeBuffer b, int off, int size, String s) {
        byte[] bytes = s.getBytes(StandardCharsets.ISO_8859_1);
        b.put(off, bytes, 0, Math.min(bytes.length, size - 1));
    }
}
