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

    private IpcConverter() {
    }

    private static void permToFreebsd(NativeBuffer b, int src, int dst) {
        b.putInt(dst, b.getInt(src + 12));
        b.putInt(dst + 4, b.getInt(src + 16));
        b.putInt(dst + 8, b.getInt(src + 4));
        b.putInt(dst + 12, b.getInt(src + 8));
        b.putShort(dst + 16, (short) (b.getInt(src + 20) & ACCESSPERMS));
        b.putShort(dst + 18, b.getShort(src + 24));
        b.putLong(dst + 24, b.getInt(src));
    }

    /** The fields IPC_SET reads (uid, gid, mode), and the rest for completeness. */
    private static void permToLinux(NativeBuffer b, int src, int dst) {
        b.putInt(dst, (int) b.getLong(src + 24));
        b.putInt(dst + 4, b.getInt(src + 8));
        b.putInt(dst + 8, b.getInt(src + 12));
        b.putInt(dst + 12, b.getInt(src));
        b.putInt(dst + 16, b.getInt(src + 4));
        b.putInt(dst + 20, b.getShort(src + 16) & 0xffff);
        b.putShort(dst + 24, b.getShort(src + 18));
    }

    public static void shmidToFreebsd(NativeBuffer b, int src, int dst) {
        b.zero(dst, F_SHMID_SIZE);
        permToFreebsd(b, src, dst);
        b.putLong(dst + 32, b.getLong(src + 48));
        b.putInt(dst + 40, b.getInt(src + 84));
        b.putInt(dst + 44, b.getInt(src + 80));
        b.putInt(dst + 48, (int) b.getLong(src + 88));
        b.putLong(dst + 56, b.getLong(src + 56));
        b.putLong(dst + 64, b.getLong(src + 64));
        b.putLong(dst + 72, b.getLong(src + 72));
    }

    public static void shmidToLinux(NativeBuffer b, int src, int dst) {
        b.zero(dst, L_SHMID_SIZE);
        permToLinux(b, src, dst);
        b.putLong(dst + 48, b.getLong(src + 32));
        b.putLong(dst + 56, b.getLong(src + 56));
        b.putLong(dst + 64, b.getLong(src + 64));
        b.putLong(dst + 72, b.getLong(src + 72));
        b.putInt(dst + 80, b.getInt(src + 44));
        b.putInt(dst + 84, b.getInt(src + 40));
        b.putLong(dst + 88, b.getInt(src + 48) & 0xffffffffL);
    }

    public static void semidToFreebsd(NativeBuffer b, int src, int dst) {
        b.zero(dst, F_SEMID_SIZE);
        permToFreebsd(b, src, dst);
        b.putShort(dst + 40, (short) b.getLong(src + 80));
        b.putLong(dst + 48, b.getLong(src + 48));
        b.putLong(dst + 56, b.getLong(src + 64));
    }

    public static void semidToLinux(NativeBuffer b, int src, int dst) {
        b.zero(dst, L_SEMID_SIZE);
        permToLinux(b, src, dst);
        b.putLong(dst + 48, b.getLong(src + 48));
        b.putLong(dst + 64, b.getLong(src + 56));
        b.putLong(dst + 80, b.getShort(src + 40) & 0xffff);
    }

    public static void msqidToFreebsd(NativeBuffer b, int src, int dst) {
        b.zero(dst, F_MSQID_SIZE);
        permToFreebsd(b, src, dst);
        b.putLong(dst + 48, b.getLong(src + 72));
        b.putLong(dst + 56, b.getLong(src + 80));
        b.putLong(dst + 64, b.getLong(src + 88));
        b.putInt(dst + 72, b.getInt(src + 96));
        b.putInt(dst + 76, b.getInt(src + 100));
        b.putLong(dst + 80, b.getLong(src + 48));
        b.putLong(dst + 88, b.getLong(src + 56));
        b.putLong(dst + 96, b.getLong(src + 64));
    }

    public static void msqidToLinux(NativeBuffer b, int src, int dst) {
        b.zero(dst, L_MSQID_SIZE);
        permToLinux(b, src, dst);
        b.putLong(dst + 48, b.getLong(src + 80));
        b.putLong(dst + 56, b.getLong(src + 88));
        b.putLong(dst + 64, b.getLong(src + 96));
        b.putLong(dst + 72, b.getLong(src + 48));
        b.putLong(dst + 80, b.getLong(src + 56));
        b.putLong(dst + 88, b.getLong(src + 64));
        b.putInt(dst + 96, b.getInt(src + 72));
        b.putInt(dst + 100, b.getInt(src + 76));
    }
}
