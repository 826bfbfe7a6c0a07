package io.xrun.loader.image;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The strict tar reader on archives written member by member (pax(1) ustar, PAX, GNU long names). */
class TarReaderTest {
    private static List<String> read(byte[] tar) throws IOException {
        TarReader r = new TarReader(new ByteArrayInputStream(tar));
        List<String> out = new ArrayList<>();
        for (TarEntry e = r.next(); e != null; e = r.next()) {
            out.add(e.type() + " " + e.name() + " " + new String(r.content().readAllBytes(), StandardCharsets.UTF_8)
                    + (e.linkName().isEmpty() ? "" : " -> " + e.linkName()));
        }
        return out;
    }

    @Test
    void ustarMembersAndTypes() throws IOException {
        byte[] tar = new TestTar().dir("d/", 0755).file("d/f", "hello").symlink("d/l", "/etc/x").hardlink("d/h", "d/f")
                .special("d/c", '3').special("d/p", '6').bytes();
        assertEquals(List.of("5 d/ ", "0 d/f hello", "2 d/l  -> /etc/x", "1 d/h  -> d/f", "3 d/c ", "6 d/p "), read(tar));
    }

    @Test
    void metadataFields() throws IOException {
        TarReader r = new TarReader(new ByteArrayInputStream(new TestTar().owner(1001, 20).mtime(1234567890)
                .file("x", "a".getBytes(), 04755).bytes()));
        TarEntry e = r.next();
        assertEquals(04755, e.mode());
        assertEquals(1001, e.uid());
        assertEquals(20, e.gid());
        assertEquals(1234567890, e.mtimeSeconds());
        assertEquals(0, e.offset());
        assertNull(r.next());
    }

    @Test
    void paxOverridesPathSizeAndMtime() throws IOException {
        String longName = "a/" + "b".repeat(150) + "/file";
        byte[] tar = new TestTar().pax("short", "xyz".getBytes(), "path=" + longName, "mtime=1700000001.5", "uid=70000").bytes();
        TarReader r = new TarReader(new ByteArrayInputStream(tar));
        TarEntry e = r.next();
        assertEquals(longName, e.name());
        assertEquals(1700000001L, e.mtimeSeconds());
        assertEquals(500_000_000, e.mtimeNanos());
        assertEquals(70000, e.uid());
        assertEquals("xyz", new String(r.content().readAllBytes()));
    }

    @Test
    void gnuLongName() throws IOException {
        String longName = "dir/" + "n".repeat(200);
        assertEquals(List.of("0 " + longName + " data"), read(new TestTar().gnuLongName(longName, "data".getBytes()).bytes()));
    }

    @Test
    void badChecksumNamesTheOffset() {
        byte[] tar = new TestTar().file("a", "x".repeat(1000)).file("b", "y").bytes();
        tar[1536 + 10] ^= 1; // second header: 512 header + 1024 data
        IOException e = assertThrows(CorruptInputException.class, () -> read(tar));
        assertEquals("corrupt tar: bad header checksum at byte 1536", e.getMessage());
    }

    @Test
    void truncatedInsideAMember() {
        byte[] tar = Arrays.copyOf(new TestTar().file("big", "z".repeat(5000)).bytes(), 512 + 3000);
        IOException e = assertThrows(CorruptInputException.class, () -> read(tar));
        assertTrue(e.getMessage().startsWith("corrupt tar: unexpected end of archive in member \"big\""), e.getMessage());
    }

    @Test
    void truncatedInsideAHeaderOrBeforeTheEndMarker() {
        byte[] members = new TestTar().file("a", "x").withoutEnd();
        assertTrue(assertThrows(CorruptInputException.class, () -> read(Arrays.copyOf(members, 1024 + 100)))
                .getMessage().contains("in a header at byte 1024"));
        assertTrue(assertThrows(CorruptInputException.class, () -> read(members))
                .getMessage().contains("no end-of-archive marker"));
    }

    @Test
    void badPaxRecordAndBadOctal() {
        byte[] data = "99 path=x\n".getBytes();
        byte[] tar = concat(TestTar.header("p", 'x', 0644, data.length, "", 0, 0), pad(data), new byte[1024]);
        assertTrue(assertThrows(CorruptInputException.class, () -> read(tar)).getMessage().contains("bad pax extended header"));
        byte[] h = TestTar.header("f", '0', 0644, 0, "", 0, 0);
        h[124] = '9';
        TestTar.checksum(h);
        assertTrue(assertThrows(CorruptInputException.class, () -> read(concat(h, new byte[1024])))
                .getMessage().contains("bad size field"));
    }

    @Test
    void paxGlobalHeaderAppliesToLaterMembers() throws IOException {
        byte[] g = TestTar.paxRecord("uid=42").getBytes(StandardCharsets.UTF_8);
        byte[] tar = concat(TestTar.header("g", 'g', 0644, g.length, "", 0, 0), pad(g),
                new TestTar().file("a", "1").file("b", "2").bytes());
        TarReader r = new TarReader(new java.io.ByteArrayInputStream(tar));
        assertEquals(42, r.next().uid());
        assertEquals(42, r.next().uid());
        assertNull(r.next());
    }

    @Test
    void gnuBase256Numbers() throws IOException {
        // GNU tar manual, "Basic Tar Format": a leading 0x80 byte marks a big-endian binary number.
        byte[] h = TestTar.header("f", '0', 0644, 0, "", 0, 0);
        Arrays.fill(h, 108, 116, (byte) 0);
        h[108] = (byte) 0x80;
        h[114] = 0x01;
        h[115] = 0x02; // uid 0x0102
        TestTar.checksum(h);
        TarEntry e = new TarReader(new java.io.ByteArrayInputStream(concat(h, new byte[1024]))).next();
        assertEquals(0x0102, e.uid());
    }

    @Test
    void detectsPlausibleHeaders() {
        assertTrue(TarReader.looksLikeHeader(new TestTar().file("a", "x").bytes()));
        byte[] junk = new byte[512];
        Arrays.fill(junk, (byte) 'q');
        assertEquals(false, TarReader.looksLikeHeader(junk));
    }

    static byte[] pad(byte[] d) {
        return Arrays.copyOf(d, (d.length + 511) / 512 * 512);
    }

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int o = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, o, p.length);
            o += p.length;
        }
        return out;
    }
}
