package io.xrun.loader.image;

import io.airlift.compress.zstd.ZstdInputStream;
import org.tukaani.xz.XZInputStream;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

/**
 * Compression detected by magic bytes, never by file name or media type (a ".tar" that is really
 * gzip, or a layer labelled +gzip that is plain, still works): gzip 1f 8b (RFC 1952), xz
 * fd 37 7a 58 5a 00 (xz file format 1.0.4, 2.1.1.1), zstd 28 b5 2f fd (RFC 8878, 3.1.1),
 * bzip2 "BZh" (recognised to say it is unsupported).
 */
enum Compression {
    NONE, GZIP, XZ, ZSTD, BZIP2;

    /** The host's xz(1), faster than the Java decoder; null: decode in Java (XRUN_JAVA_XZ=1 forces it). */
    private static final java.nio.file.Path XZ_TOOL = System.getenv("XRUN_JAVA_XZ") != null ? null : ExternalXz.find();

    static Compression sniff(byte[] head, int n) {
        if (starts(head, n, 0x1f, 0x8b)) {
            return GZIP;
        }
        if (starts(head, n, 0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00)) {
            return XZ;
        }
        if (starts(head, n, 0x28, 0xb5, 0x2f, 0xfd)) {
            return ZSTD;
        }
        if (starts(head, n, 'B', 'Z', 'h')) {
            return BZIP2;
        }
        return NONE;
    }

    /**
     * The decompressed view of in. Decoder failures, whatever the library throws (aircompressor
     * throws unchecked exceptions), become {@link CorruptInputException}s naming the format.
     */
    static InputStream decompress(InputStream raw) throws IOException {
        BufferedInputStream in = raw instanceof BufferedInputStream b ? b : new BufferedInputStream(raw, 1 << 16);
        in.mark(8);
        byte[] head = in.readNBytes(6);
        in.reset();
        Compression c = sniff(head, head.length);
        return switch (c) {
            case NONE -> in;
            case BZIP2 -> throw new UnsupportedInputException("bzip2 compression is not supported (use xz, gzip or zstd)");
            default -> new Guarded(c, in);
        };
    }

    private static boolean starts(byte[] b, int n, int... magic) {
        if (n < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if ((b[i] & 0xff) != magic[i]) {
                return false;
            }
        }
        return true;
    }

    private String label() {
        return name().toLowerCase();
    }

    /** Opens the decoder lazily so that a bad stream header fails inside read, like the rest. */
    private static final class Guarded extends BulkInputStream {
        private final Compression kind;
        private final InputStream compressed;
        private InputStream in;

        Guarded(Compression kind, InputStream compressed) {
            this.kind = kind;
            this.compressed = compressed;
        }

        private InputStream decoder() throws IOException {
            if (in == null) {
                in = switch (kind) {
                    case GZIP -> new GZIPInputStream(compressed, 1 << 16);
                    case XZ -> XZ_TOOL != null ? ExternalXz.open(XZ_TOOL, compressed) : new XZInputStream(compressed);
                    case ZSTD -> new ZstdInputStream(compressed);
                    default -> throw new IllegalStateException(kind.name());
                };
            }
            return in;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return decoder().read(b, off, len);
            } catch (CorruptInputException e) {
                throw e;
            } catch (EOFException e) {
                throw new CorruptInputException("corrupt " + kind.label() + " stream: unexpected end of data");
            } catch (IOException | RuntimeException e) {
                String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                throw new CorruptInputException("corrupt " + kind.label() + " stream: " + why);
            }
        }

        @Override
        public long skip(long n) throws IOException {
            byte[] buf = new byte[8192];
            int r = read(buf, 0, (int) Math.min(n, buf.length));
            return Math.max(r, 0);
        }

        @Override
        public int available() {
            return 0;
        }

        @Override
        public void close() throws IOException {
            compressed.close();
        }
    }
}
