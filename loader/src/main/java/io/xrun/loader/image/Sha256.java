package io.xrun.loader.image;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * sha256 digests in the form of opencontainers/image-spec descriptor.md ("sha256:" + 64 lower
 * hex digits), and a stream that digests and counts what passes through it so a blob is
 * verified while it is extracted, not read twice.
 */
final class Sha256 {
    static final String PREFIX = "sha256:";
    /** descriptor.md: the encoded portion of a sha256 digest MUST match /[a-f0-9]{64}/. */
    private static final Pattern VALID = Pattern.compile("sha256:[a-f0-9]{64}");

    private Sha256() {
    }

    static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    static String of(byte[] data) {
        return format(newDigest().digest(data));
    }

    static String format(byte[] hash) {
        return PREFIX + HexFormat.of().formatHex(hash);
    }

    /** A digest that is safe to use as a file name (no "/" or ".." can get through). */
    static boolean isValid(String digest) {
        return digest != null && VALID.matcher(digest).matches();
    }

    static String hex(String digest) {
        return digest.substring(PREFIX.length());
    }

    /** "sha256:0123456789ab…": enough to tell blobs apart in a one-line message. */
    static String brief(String digest) {
        return isValid(digest) ? digest.substring(0, PREFIX.length() + 12) + "…" : ImageException.quote(String.valueOf(digest));
    }

    /** Digests and counts every byte read through it. */
    static final class DigestingStream extends FilterInputStream {
        private final MessageDigest md = newDigest();
        private long count;

        DigestingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                md.update((byte) b);
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                md.update(b, off, n);
                count += n;
            }
            return n;
        }

        /** Skipping would leave bytes out of the digest: read them instead. */
        @Override
        public long skip(long n) throws IOException {
            byte[] buf = new byte[8192];
            long done = 0;
            while (done < n) {
                int r = read(buf, 0, (int) Math.min(buf.length, n - done));
                if (r < 0) {
                    break;
                }
                done += r;
            }
            return done;
        }

        @Override
        public boolean markSupported() {
            return false;
        }

        /** Reads to end of stream, so the digest covers the whole blob (tar padding, trailers). */
        void drain() throws IOException {
            skip(Long.MAX_VALUE);
        }

        long count() {
            return count;
        }

        String digest() {
            return format(md.digest());
        }
    }
}
