package io.xrun.translator.convert;

import io.xrun.translator.nativeapi.NativeBuffer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Expected layouts: FreeBSD sys/sys/ipc.h struct ipc_perm (cuid@0 cgid@4 uid@8 gid@12 mode@16
 * seq@18 key@24), shm.h shmid_ds, sem.h semid_ds, msg.h msqid_ds (amd64); Linux
 * asm-generic/ipcbuf.h ipc64_perm (key@0 uid@4 gid@8 cuid@12 cgid@16 mode@20 seq@24),
 * asm-generic/shmbuf.h shmid64_ds, asm/sembuf.h semid64_ds, asm-generic/msgbuf.h msqid64_ds.
 */
class IpcConverterTest {
    private static void linuxPerm(NativeBuffer b, int at) {
        b.putInt(at, 0x1234);           // key
        b.putInt(at + 4, 1001);         // uid
        b.putInt(at + 8, 1002);         // gid
        b.putInt(at + 12, 1003);        // cuid
        b.putInt(at + 16, 1004);        // cgid
        b.putInt(at + 20, 01000 | 0640); // mode with Linux's SHM_DEST
        b.putShort(at + 24, (short) 7); // seq
    }

    private static void assertFreebsdPerm(NativeBuffer b, int at) {
        assertEquals(1003, b.getInt(at));
        assertEquals(1004, b.getInt(at + 4));
        assertEquals(1001, b.getInt(at + 8));
        assertEquals(1002, b.getInt(at + 12));
        assertEquals(0640, b.getShort(at + 16));
        assertEquals(7, b.getShort(at + 18));
        assertEquals(0x1234L, b.getLong(at + 24));
    }

    @Test
    void shmidBothWays() {
        NativeBuffer b = new NativeBuffer(1024);
        linuxPerm(b, 0);
        b.putLong(48, 8192);   // segsz
        b.putLong(56, 111);    // atime
        b.putLong(64, 222);    // dtime
        b.putLong(72, 333);    // ctime
        b.putInt(80, 40);      // cpid
        b.putInt(84, 41);      // lpid
        b.putLong(88, 2);      // nattch
        IpcConverter.shmidToFreebsd(b, 0, 256);
        assertFreebsdPerm(b, 256);
        assertEquals(8192, b.getLong(256 + 32));
        assertEquals(41, b.getInt(256 + 40));
        assertEquals(40, b.getInt(256 + 44));
        assertEquals(2, b.getInt(256 + 48));
        assertEquals(111, b.getLong(256 + 56));
        assertEquals(222, b.getLong(256 + 64));
        assertEquals(333, b.getLong(256 + 72));
        IpcConverter.shmidToLinux(b, 256, 512);
        assertEquals(0x1234, b.getInt(512));
        assertEquals(1001, b.getInt(512 + 4));
        assertEquals(0640, b.getInt(512 + 20));
        assertEquals(8192, b.getLong(512 + 48));
        assertEquals(40, b.getInt(512 + 80));
        assertEquals(41, b.getInt(512 + 84));
        assertEquals(2, b.getLong(512 + 88));
    }

    @Test
    void semidBothWays() {
        NativeBuffer b = new NativeBuffer(1024);
        linuxPerm(b, 0);
        b.putLong(48, 500);    // otime
        b.putLong(64, 600);    // ctime
        b.putLong(80, 3);      // nsems
        IpcConverter.semidToFreebsd(b, 0, 256);
        assertFreebsdPerm(b, 256);
        assertEquals(0, b.getLong(256 + 32));
        assertEquals(3, b.getShort(256 + 40));
        assertEquals(500, b.getLong(256 + 48));
        assertEquals(600, b.getLong(256 + 56));
        IpcConverter.semidToLinux(b, 256, 512);
        assertEquals(500, b.getLong(512 + 48));
        assertEquals(600, b.getLong(512 + 64));
        assertEquals(3, b.getLong(512 + 80));
    }

    @Test
    void msqidBothWays() {
        NativeBuffer b = new NativeBuffer(1024);
        linuxPerm(b, 0);
        b.putLong(48, 10);     // stime
        b.putLong(56, 20);     // rtime
        b.putLong(64, 30);     // ctime
        b.putLong(72, 13);     // cbytes
        b.putLong(80, 2);      // qnum
        b.putLong(88, 16384);  // qbytes
        b.putInt(96, 77);      // lspid
        b.putInt(100, 78);     // lrpid
        IpcConverter.msqidToFreebsd(b, 0, 256);
        assertFreebsdPerm(b, 256);
        assertEquals(13, b.getLong(256 + 48));
        assertEquals(2, b.getLong(256 + 56));
        assertEquals(16384, b.getLong(256 + 64));
        assertEquals(77, b.getInt(256 + 72));
        assertEquals(78, b.getInt(256 + 76));
        assertEquals(10, b.getLong(256 + 80));
        assertEquals(20, b.getLong(256 + 88));
        assertEquals(30, b.getLong(256 + 96));
        IpcConverter.msqidToLinux(b, 256, 512);
        assertEquals(10, b.getLong(512 + 48));
        assertEquals(13, b.getLong(512 + 72));
        assertEquals(16384, b.getLong(512 + 88));
        assertEquals(77, b.getInt(512 + 96));
        assertEquals(78, b.getInt(512 + 100));
    }
}
