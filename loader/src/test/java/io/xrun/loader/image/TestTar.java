package io.xrun.loader.image;

import io.airlift.compress.zstd.ZstdOutputStream;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZOutputStream;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;

/**
 * A test-side tar writer that writes whatever it is told, hostile entries included (names with
 * "..", absolute names, symlinks out of the root, device nodes, whiteouts), in POSIX ustar form
 * (pax(1) "ustar Interchange Format"); long names as PAX 'x' records or GNU 'L' members.
 */
final class TestTar {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private long mtime = 1_700_000_000L;
    private int uid = 0;
    private int gid = 0;

    TestTar owner(int uid, int gid) {
        this.uid = uid;
        this.gid = gid;
        return this;
    }

    TestTar mtime(long seconds) {
        this.mtime = seconds;
        return this;
    }

    TestTar file(String name, String content) {
        return file(name, content.getBytes(StandardCharsets.UTF_8), 0644);
    }

    TestTar file(String name, byte[] content, int mode) {
        entry(name, '0', mode, content, "");
        return this;
    }

    TestTar dir(String name, int mode) {
        entry(name, '5', mode, new byte[0], "");
        return this;
    }

    TestTar symlink(String name, String target) {
        entry(name, '2', 0777, new byte[0], target);
        return this;
    }

    TestTar hardlink(String name, String target) {
        entry(name, '1', 0644, new byte[0], target);
        return this;
    }

    /** type '3' char, '4' block, '6' fifo. */
    TestTar special(String name, char type) {
        entry(name, type, 0666, new byte[0], "");
        return this;
    }

    /** A PAX extended header ('x') carrying the given records, then the member. */
    TestTar pax(String name, byte[] content, String... records) {
        StringBuilder b = new StringBuilder();
        for (String r : records) {
            b.append(paxRecord(r));
        }
        byte[] data = b.toString().getBytes(StandardCharsets.UTF_8);
        write(header("./PaxHeaders/x", 'x', 0644, data.length, "", uid, gid), data);
        write(header(name.length() > 100 ? name.substring(0, 100) : name, '0', 0644, content.length, "", uid, gid), content);
        return this;
    }

    /** A GNU 'L' long-name member, then the member. */
    TestTar gnuLongName(String name, byte[] content) {
        byte[] n = (name + "\0").getBytes(StandardCharsets.UTF_8);
        write(header("././@LongLink", 'L', 0644, n.length, "", 0, 0), n);
        write(header(name.substring(0, 100), '0', 0644, content.length, "", uid, gid), content);
        return this;
    }

    static String paxRecord(String kv) {
        int len = kv.length() + 3; // " " + "\n" + at least one digit
        while (true) {
            String r = len + " " + kv + "\n";
            if (r.getBytes(StandardCharsets.UTF_8).length == len) {
                return r;
            }
            len = r.getBytes(StandardCharsets.UTF_8).length;
        }
    }

    private void entry(String name, char type, int mode, byte[] content, String link) {
        if (name.getBytes(StandardCharsets.UTF_8).length > 100 || link.length() > 100) {
            StringBuilder b = new StringBuilder(paxRecord("path=" + name));
            if (!link.isEmpty()) {
                b.append(paxRecord("linkpath=" + link));
            }
            byte[] data = b.toString().getBytes(StandardCharsets.UTF_8);
            write(header("./PaxHeaders/x", 'x', 0644, data.length, "", 0, 0), data);
            name = name.substring(0, Math.min(100, name.length()));
            link = link.substring(0, Math.min(100, link.length()));
        }
        write(header(name, type, mode, content.length, link, uid, gid), content);
    }

    static byte[] header(String name, char type, int mode, long size, String link, int uid, int gid) {
        byte[] h = new byte[512];
        put(h, 0, 100, name.getBytes(StandardCharsets.UTF_8));
        octal(h, 100, 8, mode);
        octal(h, 108, 8, uid);
        octal(h, 116, 8, gid);
        octal(h, 124, 12, size);
        octal(h, 136, 12, 1_700_000_000L);
        h[156] = (byte) type;
        put(h, 157, 100, link.getBytes(StandardCharsets.UTF_8));
        put(h, 257, 6, "ustar\0".getBytes(StandardCharsets.US_ASCII));
        put(h, 263, 2, "00".getBytes(StandardCharsets.US_ASCII));
        checksum(h);
        return h;
    }

    /** pax(1): checksum over the header with the chksum field as spaces, six octal digits, NUL, space. */
    static void checksum(byte[] h) {
        Arrays.fill(h, 148, 156, (byte) ' ');
        long sum = 0;
        for (byte b : h) {
            sum += b & 0xff;
        }
        byte[] s = String.format("%06o\0 ", sum).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(s, 0, h, 148, 8);
    }

    private void write(byte[] header, byte[] content) {
        octal(header, 136, 12, mtime);
        checksum(header);
        out.writeBytes(header);
        out.writeBytes(content);
        out.writeBytes(new byte[(512 - content.length % 512) % 512]);
    }

    private static void put(byte[] h, int off, int len, byte[] v) {
        System.arraycopy(v, 0, h, off, Math.min(len, v.length));
    }

    private static void octal(byte[] h, int off, int len, long v) {
        String s = String.format("%0" + (len - 1) + "o", v);
        put(h, off, len - 1, s.getBytes(StandardCharsets.US_ASCII));
        h[off + len - 1] = 0;
    }

    /** The archive with its end-of-archive marker (two zero blocks). */
    byte[] bytes() {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(out.toByteArray());
        b.writeBytes(new byte[1024]);
        return b.toByteArray();
    }

    /** The members only, no end marker (for truncation tests). */
    byte[] withoutEnd() {
        return out.toByteArray();
    }

    static byte[] gzip(byte[] data) {
        return compress(data, GZIPOutputStream::new);
    }

    static byte[] xz(byte[] data) {
        return compress(data, o -> new XZOutputStream(o, new LZMA2Options(1)));
    }

    static byte[] zstd(byte[] data) {
        return compress(data, ZstdOutputStream::new);
    }

    private interface Wrap {
        OutputStream wrap(OutputStream o) throws IOException;
    }

    private static byte[] compress(byte[] data, Wrap w) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (OutputStream o = w.wrap(b)) {
            o.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return b.toByteArray();
    }
}
