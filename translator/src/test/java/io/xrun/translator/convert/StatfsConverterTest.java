package io.xrun.translator.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.xrun.translator.nativeapi.NativeBuffer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Expected layouts: FreeBSD sys/sys/mount.h struct statfs / struct freebsd11_statfs, whose
 * offsets are recomputed here from Go's syscall/ztypes_freebsd_amd64.go (Statfs_t,
 * statfs_freebsd11_t); Linux struct statfs from asm-generic/statfs.h (x86-64: longs, f_fsid two
 * ints).
 */
class StatfsConverterTest {
    private static final Path GO_TYPES = Path.of("/usr/lib/go/src/syscall/ztypes_freebsd_amd64.go");

    private static NativeBuffer linuxStatfs() {
        NativeBuffer b = new NativeBuffer(8192);
        b.putLong(0, 0xEF53);          // f_type: EXT4_SUPER_MAGIC
        b.putLong(8, 4096);            // f_bsize (optimal transfer size)
        b.putLong(16, 1000000);        // f_blocks, in f_frsize units
        b.putLong(24, 600000);         // f_bfree
        b.putLong(32, 550000);         // f_bavail
        b.putLong(40, 65536);          // f_files
        b.putLong(48, 60000);          // f_ffree
        b.putInt(56, 0x12345678);      // f_fsid.val[0]
        b.putInt(60, 0x9abcdef0);      // f_fsid.val[1]
        b.putLong(64, 255);            // f_namelen
        b.putLong(72, 1024);           // f_frsize
        b.putLong(80, 0x1 | 0x2 | 0x4 | 0x8 | 0x400 | 0x1000); // ST_RDONLY|NOSUID|NODEV|NOEXEC|NOATIME|RELATIME
        return b;
    }

    @Test
    void statfsLayout() {
        NativeBuffer b = linuxStatfs();
        b.putLong(1024 + 72, 77); // garbage where f_syncwrites goes: must be cleared
        String from = "/dev/vda";
        StatfsConverter.toFreebsd(b, 0, 1024, false, 0x35, "ext2fs", from, "/", 0x1000 | 0x4000);
        int d = 1024;
        assertEquals(0x20140518, b.getInt(d));                 // f_version = STATFS_VERSION
        assertEquals(0x35, b.getInt(d + 4));                   // f_type
        // MNT_RDONLY 0x1 | MNT_NOSUID 0x8 | MNT_NOEXEC 0x4 | MNT_NOATIME 0x10000000, plus MNT_LOCAL|MNT_ROOTFS;
        // ST_NODEV and ST_RELATIME have no FreeBSD bit
        assertEquals(0x1L | 0x8 | 0x4 | 0x10000000 | 0x1000 | 0x4000, b.getLong(d + 8));
        assertEquals(1024, b.getLong(d + 16));                 // f_bsize = Linux f_frsize
        assertEquals(4096, b.getLong(d + 24));                 // f_iosize = Linux f_bsize
        assertEquals(1000000, b.getLong(d + 32));              // f_blocks
        assertEquals(600000, b.getLong(d + 40));               // f_bfree
        assertEquals(550000, b.getLong(d + 48));               // f_bavail
        assertEquals(65536, b.getLong(d + 56));                // f_files
        assertEquals(60000, b.getLong(d + 64));                // f_ffree
        assertEquals(0, b.getLong(d + 72));                    // f_syncwrites
        assertEquals(255, b.getInt(d + 184));                  // f_namemax
        assertEquals(0, b.getInt(d + 188));                    // f_owner
        assertEquals(0x12345678, b.getInt(d + 192));           // f_fsid
        assertEquals(0x9abcdef0, b.getInt(d + 196));
        assertEquals("ext2fs", b.getString(d + 280, 6));       // f_fstypename
        assertEquals(0, b.getByte(d + 286));
        assertEquals(from, b.getString(d + 296, from.length())); // f_mntfromname
        assertEquals(0, b.getByte(d + 296 + from.length()));
        assertEquals("/", b.getString(d + 1320, 1));            // f_mntonname
        assertEquals(0, b.getByte(d + 1321));
        assertEquals(0, b.getByte(d + 2343));
    }

    @Test
    void freebsd11LayoutCutsNamesAt88() {
        NativeBuffer b = linuxStatfs();
        String longName = "/" + "x".repeat(199);
        StatfsConverter.toFreebsd(b, 0, 1024, true, 0x87, "a-very-long-fs-type-name", "tmpfs", longName, 0);
        int d = 1024;
        assertEquals(0x20030518, b.getInt(d));                 // FREEBSD11_STATFS_VERSION
        assertEquals(0x87, b.getInt(d + 4));
        assertEquals(1000000, b.getLong(d + 32));
        assertEquals(255, b.getInt(d + 184));
        assertEquals("a-very-long-fs-", b.getString(d + 280, 15)); // MFSNAMELEN 16, NUL-terminated
        assertEquals(0, b.getByte(d + 295));
        assertEquals("tmpfs", b.getString(d + 296, 5));
        assertEquals(longName.substring(0, 87), b.getString(d + 384, 87)); // f_mntonname at 296 + 88
        assertEquals(0, b.getByte(d + 384 + 87));
    }

    @Test
    void frsizeZeroFallsBackToBsize() {
        NativeBuffer b = linuxStatfs();
        b.putLong(72, 0);
        StatfsConverter.toFreebsd(b, 0, 1024, false, 0, "x", "", "", 0);
        assertEquals(4096, b.getLong(1024 + 16));
    }

    /** The converter's offsets and sizes are those of Go's Statfs_t and statfs_freebsd11_t. */
    @Test
    void offsetsAgreeWithGo() throws IOException {
        Assumptions.assumeTrue(Files.isRegularFile(GO_TYPES), "Go sources not installed");
        List<String> lines = Files.readAllLines(GO_TYPES, StandardCharsets.UTF_8);
        Map<String, Integer> n = goOffsets(lines, "Statfs_t");
        assertEquals(StatfsConverter.FREEBSD_SIZE, n.get("$size"));
        assertEquals(StatfsConverter.F_TYPE, n.get("Type"));
        assertEquals(StatfsConverter.F_FLAGS, n.get("Flags"));
        assertEquals(StatfsConverter.F_BSIZE, n.get("Bsize"));
        assertEquals(StatfsConverter.F_IOSIZE, n.get("Iosize"));
        assertEquals(StatfsConverter.F_BLOCKS, n.get("Blocks"));
        assertEquals(StatfsConverter.F_BFREE, n.get("Bfree"));
        assertEquals(StatfsConverter.F_BAVAIL, n.get("Bavail"));
        assertEquals(StatfsConverter.F_FILES, n.get("Files"));
        assertEquals(StatfsConverter.F_FFREE, n.get("Ffree"));
        assertEquals(StatfsConverter.F_SYNCWRITES, n.get("Syncwrites"));
        assertEquals(StatfsConverter.F_NAMEMAX, n.get("Namemax"));
        assertEquals(StatfsConverter.F_OWNER, n.get("Owner"));
        assertEquals(StatfsConverter.F_FSID, n.get("Fsid"));
        assertEquals(StatfsConverter.F_CHARSPARE, n.get("Charspare"));
        assertEquals(StatfsConverter.F_FSTYPENAME, n.get("Fstypename"));
        assertEquals(StatfsConverter.F_MNTFROMNAME, n.get("Mntfromname"));
        assertEquals(StatfsConverter.F_MNTONNAME, n.get("Mntonname"));
        Map<String, Integer> o = goOffsets(lines, "statfs_freebsd11_t");
        assertEquals(StatfsConverter.FREEBSD11_SIZE, o.get("$size"));
        assertEquals(StatfsConverter.F_MNTFROMNAME, o.get("Mntfromname"));
        assertEquals(StatfsConverter.O_MNTONNAME, o.get("Mntonname"));
        assertEquals(StatfsConverter.F_FSTYPENAME, o.get("Fstypename"));
    }

    /** Field offsets of a Go struct made of the integer types, Fsid and arrays of them. */
    private static Map<String, Integer> goOffsets(List<String> lines, String type) {
        Pattern field = Pattern.compile("^\\s*(\\w+)\\s+(\\[(\\d+)\\])?(\\w+)\\s*$");
        Map<String, Integer> out = new LinkedHashMap<>();
        int off = 0;
        boolean in = false;
        for (String l : lines) {
            if (l.startsWith("type " + type + " struct {")) {
                in = true;
                continue;
            }
            if (!in) {
                continue;
            }
            if (l.startsWith("}")) {
                break;
            }
            Matcher m = field.matcher(l);
            if (!m.matches()) {
                throw new IllegalStateException("unexpected field line: " + l);
            }
            int count = m.group(3) == null ? 1 : Integer.parseInt(m.group(3));
            int size;
            int align;
            switch (m.group(4)) {
                case "int8": case "uint8": size = 1; align = 1; break;
                case "int32": case "uint32": size = 4; align = 4; break;
                case "int64": case "uint64": size = 8; align = 8; break;
                case "Fsid": size = 8; align = 4; break;
                default: throw new IllegalStateException("type " + m.group(4));
            }
            off = (off + align - 1) / align * align;
            out.put(m.group(1), off);
            off += size * count;
        }
        out.put("$size", (off + 7) / 8 * 8);
        return out;
    }

    /**
     * struct ostatfs (sys/sys/mount.h, COMPAT_FREEBSD4; amd64): f_bsize@8 f_iosize@16 f_blocks@24
     * f_bfree@32 f_bavail@40 f_files@48 f_ffree@56 f_fsid@64 f_owner@72 f_type@76 f_flags@80
     * f_syncwrites@88 f_asyncwrites@96 f_fstypename[16]@104 f_mntonname[72]@120 f_syncreads@192
     * f_asyncreads@200 f_spares1@208 f_mntfromname[72]@210 f_spares2@282, pad, f_spare[2]@288; 304.
     */
    @Test
    void ostatfsFromStatfs() {
        NativeBuffer b = new NativeBuffer(8192);
        int src = 0;
        b.putInt(src + 4, 0x35);                          // f_type
        b.putLong(src + 8, 0x1000L | (1L << 40));         // f_flags: the high bits are cut
        b.putLong(src + 16, 4096);                        // f_bsize
        b.putLong(src + 24, -1);                          // f_iosize above LONG_MAX: clamped
        b.putLong(src + 32, 1000);                        // f_blocks
        b.putLong(src + 40, 400);
        b.putLong(src + 48, 300);
        b.putLong(src + 56, 77);                          // f_files
        b.putLong(src + 64, 66);
        b.putInt(src + 188, 1001);                        // f_owner
        b.putLong(src + 192, 0x1122334455667788L);        // f_fsid
        b.putCString(src + 280, "ufs");
        b.putCString(src + 296, "/dev/ada0p2");           // f_mntfromname
        StringBuilder longName = new StringBuilder("/");
        for (int i = 0; i < 100; i++) {
            longName.append('x');
        }
        b.putCString(src + 296 + 1024, longName.toString()); // f_mntonname, longer than 71
        int d = 4096;
        for (int i = d; i < d + 320; i++) {
            b.putByte(i, (byte) 0x5a);
        }
        StatfsConverter.toOstatfs(b, src, d);
        assertEquals(304, StatfsConverter.OSTATFS_SIZE);
        assertEquals(0, b.getLong(d));
        assertEquals(4096, b.getLong(d + 8));
        assertEquals(Long.MAX_VALUE, b.getLong(d + 16));
        assertEquals(1000, b.getLong(d + 24));
        assertEquals(400, b.getLong(d + 32));
        assertEquals(300, b.getLong(d + 40));
        assertEquals(77, b.getLong(d + 48));
        assertEquals(66, b.getLong(d + 56));
        assertEquals(0x1122334455667788L, b.getLong(d + 64));
        assertEquals(1001, b.getInt(d + 72));
        assertEquals(0x35, b.getInt(d + 76));
        assertEquals(0x1000, b.getInt(d + 80));
        assertEquals("ufs", b.getString(d + 104, b.strlen(d + 104, 16)));
        assertEquals(71, b.strlen(d + 120, 72));          // strlcpy: 71 bytes and the NUL
        assertEquals(longName.substring(0, 71), b.getString(d + 120, 71));
        assertEquals("/dev/ada0p2", b.getString(d + 210, b.strlen(d + 210, 72)));
        assertEquals(0, b.getLong(d + 288));
        assertEquals(0, b.getLong(d + 296));
        assertEquals((byte) 0x5a, b.getByte(d + 304));    // nothing past the struct
    }
}
