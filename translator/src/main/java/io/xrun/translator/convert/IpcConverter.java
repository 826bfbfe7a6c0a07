package io.xrun.translator.convert;

import io.xrun.translator.nativeapi.NativeBuffer;

/**
 * System V IPC structs between FreeBSD (sys/sys/ipc.h, shm.h, sem.h, msg.h, amd64) and Linux
 * (asm-generic/ipcbuf.h, shmbuf.h, msgbuf.h, asm/sembuf.h, x86-64; always the IPC_64 forms).
 *
 * <pre>
 * FreeBSD ipc_perm (32): cuid@0 cgid@4 uid@8 gid@12 mode@16(u16) seq@18(u16) key@24(long)
 * Linux ipc64_perm (48): key@0(int) uid@4 gid@8 cuid@12 cgid@16 mode@20(u32) seq@24(u16)
 * FreeBSD shmid_ds (80): perm, segsz@32 lpid@40 cpid@44 nattch@48(u32) atime@56 dtime@64 ctime@72
 * Linux shmid64_ds (112): perm, segsz@48 atime@56 dtime@64 ctime@72 cpid@80 lpid@84 nattch@88(u64)
 * FreeBSD semid_ds (64): perm, __sem_base@32 nsems@40(u16) otime@48 ctime@56
 * Linux semid64_ds (104): perm, otime@48 ctime@64 nsems@80(u64)
 * FreeBSD msqid_ds (104): perm, __msg_first@32 __msg_last@40 cbytes@48 qnum@56 qbytes@64
 *                         lspid@72 lrpid@76 stime@80 rtime@88 ctime@96
 * Linux msqid64_ds (120): perm, stime@48 rtime@56 ctime@64 cbytes@72 qnum@80 qbytes@88
 *                         lspid@96 lrpid@100
 * </pre>
 * Only the permission bits of mode are converted: FreeBSD also keeps kernel state there
 * (SHMSEG_ALLOCATED, SEM_ALLOC), Linux its own (SHM_DEST, SHM_LOCKED). The kernel pointers of
 * FreeBSD's structs are NULL.
 */
public final class IpcConverter {
    public static final int F_SHMID_SIZE = 80, L_SHMID_SIZE = 112;
    public static final int F_SEMID_SIZE = 64, L_SEMID_SIZE = 104;
    public static final int F_MSQID_SIZE = 104, L_MSQID_SIZE = 120;
    /** The permission bits of an IPC mode (ipcperm: 0777 on both). */
    private static final int ACCESSPERMS = 0777;

    /*
     * One row per field: FreeBSD offset, Linux offset, FreeBSD size, Linux size (bytes). A field
     * widened from 4 to 8 bytes is unsigned (shm_nattch, sem_nsems); key_t is signed.
     */
    private static final int[][] PERM = {
        {0, 12, 4, 4}, {4, 16, 4, 4}, {8, 4, 4, 4}, {12, 8, 4, 4}, {18, 24, 2, 2},
    };
    private static final int PERM_MODE_F = 16, PERM_MODE_L = 20, PERM_KEY_F = 24, PERM_KEY_L = 0;
    private static final int[][] SHMID = {
        {32, 48, 8, 8}, {40, 84, 4, 4}, {44, 80, 4, 4}, {48, 88, 4, 8}, {56, 56, 8, 8}, {64, 64, 8, 8},
        {72, 72, 8, 8},
    };
    private static final int[][] SEMID = {
        {40, 80, 2, 8}, {48, 48, 8, 8}, {56, 64, 8, 8},
    };
    private static final int[][] MSQID = {
        {48, 72, 8, 8}, {56, 80, 8, 8}, {64, 88, 8, 8}, {72, 96, 4, 4}, {76, 100, 4, 4}, {80, 48, 8, 8},
        {88, 56, 8, 8}, {96, 64, 8, 8},
    };

    private IpcConverter() {
    }

    private static long get(NativeBuffer b, int off, int size) {
        return switch (size) {
            case 2 -> b.getShort(off) & 0xffffL;
            case 4 -> b.getInt(off) & 0xffffffffL;
            default -> b.getLong(off);
        };
    }

    private static void put(NativeBuffer b, int off, int size, long v) {
        switch (size) {
            case 2 -> b.putShort(off, (short) v);
            case 4 -> b.putInt(off, (int) v);
            default -> b.putLong(off, v);
        }
    }

    /** Copies the fields from one layout to the other; toFreebsd picks the direction. */
    private static void copy(NativeBuffer b, int src, int dst, int[][] fields, boolean toFreebsd) {
        for (int[] f : fields) {
            int from = toFreebsd ? f[1] : f[0];
            int to = toFreebsd ? f[0] : f[1];
            put(b, dst + to, toFreebsd ? f[2] : f[3], get(b, src + from, toFreebsd ? f[3] : f[2]));
        }
    }

    private static void convert(NativeBuffer b, int src, int dst, int size, int[][] fields, boolean toFreebsd) {
        b.zero(dst, size);
        copy(b, src, dst, PERM, toFreebsd);
        copy(b, src, dst, fields, toFreebsd);
        if (toFreebsd) {
            b.putShort(dst + PERM_MODE_F, (short) (b.getInt(src + PERM_MODE_L) & ACCESSPERMS));
            b.putLong(dst + PERM_KEY_F, b.getInt(src + PERM_KEY_L));
        } else {
            b.putInt(dst + PERM_MODE_L, b.getShort(src + PERM_MODE_F) & ACCESSPERMS);
            b.putInt(dst + PERM_KEY_L, (int) b.getLong(src + PERM_KEY_F));
        }
    }

    public static void shmidToFreebsd(NativeBuffer b, int src, int dst) {
        convert(b, src, dst, F_SHMID_SIZE, SHMID, true);
    }

    public static void shmidToLinux(NativeBuffer b, int src, int dst) {
        convert(b, src, dst, L_SHMID_SIZE, SHMID, false);
    }

    public static void semidToFreebsd(NativeBuffer b, int src, int dst) {
        convert(b, src, dst, F_SEMID_SIZE, SEMID, true);
    }

    public static void semidToLinux(NativeBuffer b, int src, int dst) {
        convert(b, src, dst, L_SEMID_SIZE, SEMID, false);
    }

    public static void msqidToFreebsd(NativeBuffer b, int src, int dst) {
        convert(b, src, dst, F_MSQID_SIZE, MSQID, true);
    }

    public static void msqidToLinux(NativeBuffer b, int src, int dst) {
        convert(b, src, dst, L_MSQID_SIZE, MSQID, false);
    }
}
