package io.xrun.translator.convert;

import io.xrun.translator.nativeapi.NativeBuffer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Expected layouts: FreeBSD sys/sys/stat.h (struct stat, struct freebsd11_stat; the same
 * offsets as Go's ztypes_freebsd_amd64.go Stat_t/stat_freebsd11_t) and dev_t encoding from
 * sys/sys/types.h __makedev; Linux from arch/x86/include/uapi/asm/stat.h.
 */
class StatConverterTest {
    private static NativeBuffer linuxStat() {
        NativeBuffer b = new NativeBuffer(1024);
        b.putLong(0, 0x10303);            // st_dev: major 259, minor 3 (Linux new_encode_dev)
        b.putLong(8, 123456789L);         // st_ino
        b.putLong(16, 2);                 // st_nlink
        b.putInt(24, 0100640);            // st_mode: S_IFREG | 0640
        b.putInt(28, 1000);
        b.putInt(32, 100);
        b.putLong(40, 0x501);             // st_rdev: 5:1 (/dev/console)
        b.putLong(48, 5);                 // st_size
        b.putLong(56, 4096);              // st_blksize
        b.putLong(64, 8);                 // st_blocks
        b.putLong(72, 1700000000L);       // st_atime
        b.putLong(80, 111);
        b.putLong(88, 1700000001L);       // st_mtime
        b.putLong(96, 222);
        b.putLong(104, 1700000002L);      // st_ctime
        b.putLong(112, 333);
        return b;
    }

    @Test
    void devNumbersFollowFreebsdMakedev() {
        // __makedev(259, 3) = ((259 & 0xffffff00) << 32) | ((259 & 0xff) << 8) | ((3 & 0xff00) << 24) | (3 & 0xffff00ff)
        assertEquals(0x10000000303L, StatConverter.devToFreebsd(0x10303));
        // small numbers encode the same on both: major 8, minor 1
        assertEquals(0x801L, StatConverter.devToFreebsd(0x801));
        assertEquals(259, StatConverter.linuxMajor(0x10303));
        assertEquals(3, StatConverter.linuxMinor(0x10303));
    }

    @Test
    void freebsdDevNumbersBecomeLinuxMknodNumbers() {
        // FreeBSD __makedev(259, 3) -> Linux new_encode_dev(MKDEV(259, 3)) = 3 | 259 << 8
        assertEquals(259, StatConverter.freebsdMajor(0x10000000303L));
        assertEquals(3, StatConverter.freebsdMinor(0x10000000303L));
        assertEquals(0x10303L, StatConverter.devToLinux(0x10000000303L));
        // minor 0x12345: low byte stays, the rest moves up 12 bits on Linux
        long fb = StatConverter.freebsdMakedev(1, 0x12345);
        assertEquals(0x12345, StatConverter.freebsdMinor(fb));
        assertEquals(0x45L | 1 << 8 | 0x12300L << 12, StatConverter.devToLinux(fb));
        // round trip through FreeBSD's and Linux's encodings
        assertEquals(fb, StatConverter.devToFreebsd(StatConverter.devToLinux(fb)));
        // a major Linux's 12 bits cannot hold
        assertEquals(-1, StatConverter.devToLinux(StatConverter.freebsdMakedev(0x1000, 0)));
    }

    @Test
    void ino64StatLayout() {
        NativeBuffer b = linuxStat();
        StatConverter.toFreebsd(b, 0, 256);
        int d = 256;
        assertEquals(0x10000000303L, b.getLong(d));          // st_dev
        assertEquals(123456789L, b.getLong(d + 8));          // st_ino
        assertEquals(2, b.getLong(d + 16));                  // st_nlink
        assertEquals((short) 0100640, b.getShort(d + 24));   // st_mode
        assertEquals(1000, b.getInt(d + 28));                // st_uid
        assertEquals(100, b.getInt(d + 32));                 // st_gid
        assertEquals(0x501, b.getLong(d + 40));              // st_rdev
        assertEquals(1700000000L, b.getLong(d + 48));        // st_atim
        assertEquals(111, b.getLong(d + 56));
        assertEquals(1700000001L, b.getLong(d + 64));        // st_mtim
        assertEquals(1700000002L, b.getLong(d + 80));        // st_ctim
        assertEquals(333, b.getLong(d + 88));
        assertEquals(-1, b.getLong(d + 96));                 // st_birthtim unknown
        assertEquals(5, b.getLong(d + 112));                 // st_size
        assertEquals(8, b.getLong(d + 120));                 // st_blocks
        assertEquals(4096, b.getInt(d + 128));               // st_blksize
        assertEquals(0, b.getInt(d + 132));                  // st_flags
    }

    @Test
    void freebsd11StatLayoutAndOverflow() {
        NativeBuffer b = linuxStat();
        b.putLong(0, 0x801);
        assertTrue(StatConverter.toFreebsd11(b, 0, 256));
        int d = 256;
        assertEquals(0x801, b.getInt(d));                    // st_dev
        assertEquals(123456789, b.getInt(d + 4));            // st_ino
        assertEquals((short) 0100640, b.getShort(d + 8));    // st_mode
        assertEquals(2, b.getShort(d + 10));                 // st_nlink
        assertEquals(1000, b.getInt(d + 12));
        assertEquals(100, b.getInt(d + 16));
        assertEquals(0x501, b.getInt(d + 20));               // st_rdev
        assertEquals(1700000000L, b.getLong(d + 24));        // st_atim
        assertEquals(1700000001L, b.getLong(d + 40));        // st_mtim
        assertEquals(1700000002L, b.getLong(d + 56));        // st_ctim
        assertEquals(5, b.getLong(d + 72));                  // st_size
        assertEquals(8, b.getLong(d + 80));                  // st_blocks
        assertEquals(4096, b.getInt(d + 88));                // st_blksize
        assertEquals(-1, b.getLong(d + 104));                // st_birthtim
        b.putLong(8, 1L << 33);
        assertFalse(StatConverter.toFreebsd11(b, 0, 256), "an inode past 32 bits is EOVERFLOW");
    }

    @Test
    void direntRecordsAreRebuiltWithFreebsdLengths() {
        NativeBuffer b = new NativeBuffer(1024);
        // two linux_dirent64 records: "a" (reclen 24) and "hello.txt" (reclen 32)
        b.putLong(0, 11);
        b.putLong(8, 100);
        b.putShort(16, (short) 24);
        b.putByte(18, (byte) 8);       // DT_REG
        b.putByte(19, (byte) 'a');
        b.putByte(20, (byte) 0);
        b.putLong(24, 12);
        b.putLong(32, 200);
        b.putShort(40, (short) 32);
        b.putByte(42, (byte) 4);       // DT_DIR
        byte[] name = "hello.txt\0".getBytes();
        b.put(43, name, 0, name.length);
        long[] out = new long[2];
        int n = DirentConverter.toFreebsd(b, 0, 56, 512, 512, false, out);
        // GENERIC_DIRSIZ: (24 + namlen + 1 + 7) & ~7 -> 32 for "a", 40 for "hello.txt"
        assertEquals(72, n);
        assertEquals(11, b.getLong(512));
        assertEquals(100, b.getLong(520));
        assertEquals(32, b.getShort(528));
        assertEquals(8, b.getByte(530));
        assertEquals(1, b.getShort(532));
        assertEquals('a', b.getByte(536));
        assertEquals(40, b.getShort(512 + 32 + 16));
        assertEquals(9, b.getShort(512 + 32 + 20));
        assertEquals("hello.txt", b.getString(512 + 32 + 24, 9));
        assertEquals(56, out[0]);
        assertEquals(200, out[1]);
        // freebsd11_dirent: d_fileno u32, d_reclen u16, d_type u8, d_namlen u8, 4-aligned
        n = DirentConverter.toFreebsd(b, 0, 56, 512, 512, true, out);
        assertEquals(12 + 20, n);
        assertEquals(11, b.getInt(512));
        assertEquals(12, b.getShort(516));
        assertEquals(1, b.getByte(519));
    }

    /**
     * struct ostat (sys/sys/stat.h, COMPAT_43) as cvtstat (sys/kern/vfs_syscalls.c) fills it: u16
     * st_dev@0, u32 st_ino@4, u16 st_mode@8, st_nlink@10, st_uid@12, st_gid@14, st_rdev@16,
     * i32 st_size@20, timespecs @24/40/56, i32 st_blksize@72, st_blocks@76, u32 st_flags@80,
     * st_gen@84; 88 bytes. Every field is truncated except st_size, clamped to INT32_MAX.
     */
    @Test
    void ostatLayoutTruncatesAndClampsSize() {
        NativeBuffer b = linuxStat();
        b.putInt(28, 0x12345);                 // a uid wider than 16 bits
        b.putLong(48, 5L << 32);              // st_size above INT32_MAX
        for (int i = 256; i < 256 + 96; i++) {
            b.putByte(i, (byte) 0x5a);
        }
        StatConverter.toOstat(b, 0, 256);
        int d = 256;
        assertEquals(88, StatConverter.OSTAT_SIZE);
        assertEquals((short) 0x0303, b.getShort(d));                  // st_dev: low 16 bits of FreeBSD's dev
        assertEquals(0, b.getShort(d + 2));                           // padding zeroed (bzero)
        assertEquals(123456789, b.getInt(d + 4));                     // st_ino
        assertEquals((short) 0100640, b.getShort(d + 8));             // st_mode
        assertEquals(2, b.getShort(d + 10));                          // st_nlink
        assertEquals((short) 0x2345, b.getShort(d + 12));             // st_uid truncated
        assertEquals(100, b.getShort(d + 14));                        // st_gid
        assertEquals(0x501, b.getShort(d + 16));                      // st_rdev
        assertEquals(Integer.MAX_VALUE, b.getInt(d + 20));            // st_size clamped
        assertEquals(1700000000L, b.getLong(d + 24));                 // st_atim
        assertEquals(111, b.getLong(d + 32));
        assertEquals(1700000001L, b.getLong(d + 40));                 // st_mtim
        assertEquals(1700000002L, b.getLong(d + 56));                 // st_ctim
        assertEquals(333, b.getLong(d + 64));
        assertEquals(4096, b.getInt(d + 72));                         // st_blksize
        assertEquals(8, b.getInt(d + 76));                            // st_blocks
        assertEquals(0, b.getInt(d + 80));                            // st_flags
        assertEquals(0, b.getInt(d + 84));                            // st_gen
        assertEquals((byte) 0x5a, b.getByte(d + 88));                 // nothing past the struct
    }

    /**
     * struct nstat (sys/sys/stat.h, _WANT_FREEBSD11_STAT) as freebsd11_cvtnstat fills it from the
     * freebsd11_stat conversion: u32 st_dev@0 st_ino@4 st_mode@8 st_nlink@12 st_uid@16 st_gid@20
     * st_rdev@24, timespecs @32/48/64, st_size@80, st_blocks@88, u32 st_blksize@96 st_flags@100
     * st_gen@104, st_birthtim@112; 128 bytes.
     */
    @Test
    void nstatLayoutFollowsFreebsd11() {
        NativeBuffer b = linuxStat();
        b.putLong(0, 0x801);                                          // a dev_t that fits 32 bits (8:1)
        for (int i = 256; i < 256 + 136; i++) {
            b.putByte(i, (byte) 0x5a);
        }
        assertTrue(StatConverter.toNstat(b, 0, 512, 256));
        int d = 256;
        assertEquals(128, StatConverter.NSTAT_SIZE);
        assertEquals(0x801, b.getInt(d));                             // st_dev, FreeBSD's encoding of 8:1
        assertEquals(123456789, b.getInt(d + 4));                     // st_ino
        assertEquals(0100640, b.getInt(d + 8));                       // st_mode, widened
        assertEquals(2, b.getInt(d + 12));                            // st_nlink, widened
        assertEquals(1000, b.getInt(d + 16));
        assertEquals(100, b.getInt(d + 20));
        assertEquals(0x501, b.getInt(d + 24));                        // st_rdev
        assertEquals(1700000000L, b.getLong(d + 32));
        assertEquals(111, b.getLong(d + 40));
        assertEquals(1700000001L, b.getLong(d + 48));
        assertEquals(1700000002L, b.getLong(d + 64));
        assertEquals(5, b.getLong(d + 80));                           // st_size
        assertEquals(8, b.getLong(d + 88));                           // st_blocks
        assertEquals(4096, b.getInt(d + 96));                         // st_blksize
        assertEquals(0, b.getInt(d + 100));                           // st_flags
        assertEquals(0, b.getInt(d + 104));                           // st_gen
        assertEquals(-1, b.getLong(d + 112));                         // st_birthtim: none
        assertEquals((byte) 0x5a, b.getByte(d + 128));                // nothing past the struct
    }

    @Test
    void nstatFailsWhereFreebsd11StatDoes() {
        NativeBuffer b = linuxStat();
        b.putLong(8, 1L << 40);                                       // an inode number above 32 bits
        assertFalse(StatConverter.toNstat(b, 0, 512, 256));
    }
}
