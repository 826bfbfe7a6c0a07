package io.xrun.loader.image;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.nio.file.attribute.FileTime;
import java.util.concurrent.TimeUnit;

/**
 * Remembers which cache entry an archive file produced, keyed by (device, inode, size, mtime),
 * so a warm run of a big base.txz neither hashes nor decompresses it. One text line per file:
 * "dev ino size mtime-ns KIND id". A torn or unknown line is ignored (it only costs a rebuild).
 */
final class FileMemo {
    /** Rewrite (dropping superseded lines) when the file grows past this many lines. */
    private static final int COMPACT_AT = 512;

    record Identity(long dev, long ino, long size, long mtimeNanos) {
        static Identity of(Path file) throws IOException {
            Map<String, Object> a = Files.readAttributes(file, "unix:dev,ino,size,lastModifiedTime");
            return new Identity((Long) a.get("dev"), (Long) a.get("ino"), (Long) a.get("size"),
                    ((FileTime) a.get("lastModifiedTime")).to(TimeUnit.NANOSECONDS));
        }

        String key() {
            return dev + " " + ino + " " + size + " " + mtimeNanos;
        }
    }

    record Hit(PreparedImage.Kind kind, String id) {
    }

    private final Path file;
    private final Path lockFile;

    FileMemo(Path file, Path lockFile) {
        this.file = file;
        this.lockFile = lockFile;
    }

    Hit find(Identity identity) throws IOException {
        return load().get(identity.key());
    }

    void remember(Identity identity, PreparedImage.Kind kind, String id) throws IOException {
        try (CacheLock l = CacheLock.acquire(lockFile)) {
            Map<String, Hit> all = load();
            all.remove(identity.key());
            all.put(identity.key(), new Hit(kind, id));
            if (all.size() > COMPACT_AT) {
                all.remove(all.keySet().iterator().next());
            }
            // Written whole and renamed: a reader never sees a half-written index.
            StringBuilder b = new StringBuilder();
            all.forEach((k, h) -> b.append(k).append(' ').append(h.kind().name()).append(' ').append(h.id()).append('\n'));
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, b, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private Map<String, Hit> load() throws IOException {
        Map<String, Hit> out = new LinkedHashMap<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return out;
        }
        for (String line : lines) {
            String[] f = line.split(" ");
            if (f.length != 6 || !Sha256.isValid(f[5])) {
                continue;
            }
            try {
                out.put(f[0] + " " + f[1] + " " + f[2] + " " + f[3], new Hit(PreparedImage.Kind.valueOf(f[4]), f[5]));
            } catch (IllegalArgumentException e) {
                // unknown kind: ignore the line
            }
        }
        return out;
    }
}
