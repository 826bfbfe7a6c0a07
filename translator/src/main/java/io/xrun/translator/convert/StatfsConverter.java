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

    private StatfsConverter() {
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
