package io.xrun.loader.image;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The on-disk cache under CACHE/images:
 * <pre>
 *   roots/sha256-HEX/rootfs/       a complete, verified root (never modified once here)
 *   roots/sha256-HEX/config.json   its ImageConfig
 *   tmp/PID-RANDOM/                builds in progress; renamed into roots/ only when complete
 *   locks/NAME.lock                per-image build locks
 *   files.idx (+ files.lock)       archive file identity → entry ({@link FileMemo})
 * </pre>
 * An entry appears in roots/ by one rename(2), so its existence means it is complete; a crash
 * leaves only a tmp/ directory, removed by the next build once its process is gone.
 */
final class ImageCache {
    /** What a cache entry holds. */
    record Entry(Path rootfs, ImageConfig config) {
    }

    private final Path roots;
    private final Path tmp;
    private final Path locks;
    private final FileMemo memo;

    /** Creates the directories if needed; base is CACHE/images. */
    ImageCache(Path cacheDir) throws IOException {
        Path base = Files.createDirectories(cacheDir.resolve("images")).toRealPath();
        roots = Files.createDirectories(base.resolve("roots"));
        tmp = Files.createDirectories(base.resolve("tmp"));
        locks = Files.createDirectories(base.resolve("locks"));
        memo = new FileMemo(base.resolve("files.idx"), base.resolve("files.lock"));
    }

    FileMemo memo() {
        return memo;
    }

    /** The complete entry for an id, or null. */
    Entry lookup(String id) throws IOException {
        Path dir = entryDir(id);
        Path config = dir.resolve("config.json");
        if (!Files.isDirectory(dir.resolve("rootfs")) || !Files.isRegularFile(config)) {
            return null;
        }
        return new Entry(dir.resolve("rootfs"), ConfigJson.read(config));
    }

    /** A fresh build directory, named after this process so a dead build can be recognised. */
    Path newBuildDir() throws IOException {
        String name = ProcessHandle.current().pid() + "-" + Long.toHexString(ThreadLocalRandom.current().nextLong());
        return Files.createDirectory(tmp.resolve(name));
    }

    /**
     * Moves a complete entry (a directory holding rootfs/ and config.json) into place. If another
     * run published the same id first, its entry wins and ours is left for the caller to delete.
     */
    Entry publish(Path built, String id) throws IOException {
        try {
            Files.move(built, entryDir(id), StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
            // lost a race with another xrun: use the winner's identical entry
        }
        Entry e = lookup(id);
        if (e == null) {
            throw new IOException("cache entry for " + id + " vanished after publishing");
        }
        return e;
    }

    /** Removes build directories whose process no longer exists (a crash or kill mid-extraction). */
    void removeStaleBuilds() throws IOException {
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(tmp)) {
            for (Path d : ds) {
                String name = d.getFileName().toString();
                int dash = name.indexOf('-');
                long pid;
                try {
                    pid = Long.parseLong(dash < 0 ? name : name.substring(0, dash));
                } catch (NumberFormatException e) {
                    continue;
                }
                if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                    continue;
                }
                FileTrees.delete(d);
            }
        }
    }

    /** Serializes builds of one image (name is a digest or a file identity). */
    CacheLock lock(String name) throws IOException {
        return CacheLock.acquire(locks.resolve(name.replace(':', '-') + ".lock"));
    }

    private Path entryDir(String id) {
        if (!Sha256.isValid(id)) {
            throw new IllegalArgumentException("not a cache id: " + id);
        }
        return roots.resolve("sha256-" + Sha256.hex(id));
    }
}
