package io.xrun.loader.image;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

import static io.xrun.loader.image.ImageException.Reason.CORRUPT;
import static io.xrun.loader.image.ImageException.Reason.NOT_FOUND;

/**
 * Files named by an image's metadata (index.json, blobs, docker-archive members). Names are
 * resolved chroot-style inside the layout directory, so a blob that is a symlink to a host file,
 * or a manifest path with "..", can never make xrun read outside the image.
 */
final class BlobFiles {
    /** JSON documents are small; a multi-megabyte "manifest" is an attack on memory. */
    static final int MAX_JSON = 8 << 20;

    private BlobFiles() {
    }

    /** The regular file at relative path inside dir, or NOT_FOUND naming what it is. */
    static Path locate(Path dir, String relative, String what) throws IOException, ImageException {
        Path p = RootPath.resolve(dir, relative, true);
        if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
            throw new ImageException(NOT_FOUND, what + " is missing (" + ImageException.quote(relative) + ")");
        }
        return p;
    }

    static boolean isFile(Path dir, String relative) throws IOException {
        return Files.isRegularFile(RootPath.resolve(dir, relative, true), LinkOption.NOFOLLOW_LINKS);
    }

    /** blobs/sha256/HEX for a (validated) digest: opencontainers/image-spec image-layout.md "Blobs". */
    static String blobPath(String digest) {
        return "blobs/sha256/" + Sha256.hex(digest);
    }

    /**
     * Reads a small file whole and checks it against a descriptor's digest and size (either may
     * be absent: null / -1).
     */
    static byte[] readVerified(Path file, String digest, long size, String what) throws IOException, ImageException {
        byte[] data;
        try (InputStream in = Files.newInputStream(file)) {
            data = in.readNBytes(MAX_JSON + 1);
        }
        if (data.length > MAX_JSON) {
            throw new ImageException(CORRUPT, what + " is larger than " + MAX_JSON + " bytes");
        }
        if (size >= 0 && data.length != size) {
            throw new ImageException(CORRUPT, what + ": size mismatch (descriptor says " + size + ", blob has " + data.length + " bytes)");
        }
        if (digest != null) {
            String got = Sha256.of(data);
            if (!got.equals(digest)) {
                throw new ImageException(CORRUPT, what + ": digest mismatch (got " + Sha256.brief(got) + ")");
            }
        }
        return data;
    }

    /** Reads and parses a JSON file; invalid JSON is CORRUPT naming what. */
    static Object json(byte[] data, String what) throws ImageException {
        try {
            return JsonReader.parse(new String(data, StandardCharsets.UTF_8));
        } catch (CorruptInputException e) {
            throw new ImageException(CORRUPT, what + ": " + e.getMessage());
        }
    }
}
