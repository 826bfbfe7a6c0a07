package io.xrun.loader.image;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemLoopException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.xrun.loader.image.ImageException.Reason.CORRUPT;
import static io.xrun.loader.image.ImageException.Reason.UNSAFE;
import static io.xrun.loader.image.ImageException.quote;

/**
 * Extracts one layer (a tar stream) onto a root directory, applying whiteouts against what the
 * lower layers left there. Nothing is ever written outside root: names are checked lexically
 * ({@link EntryPath}), parent directories are resolved chroot-style ({@link RootPath}), the final
 * component is created with O_EXCL / without following links, and symlinks are only created,
 * never followed by the extraction itself.
 */
final class LayerApplier {
    /** What was left out: device nodes (the runtime provides /dev) and FIFOs (Java cannot mkfifo). */
    record Skipped(int devices, int fifos) {
        /** "3 device nodes and 1 fifo", or null when nothing was skipped. */
        String describe() {
            List<String> parts = new ArrayList<>();
            if (devices > 0) {
                parts.add(devices + (devices == 1 ? " device node" : " device nodes"));
            }
            if (fifos > 0) {
                parts.add(fifos + (fifos == 1 ? " fifo" : " fifos"));
            }
            return parts.isEmpty() ? null : String.join(" and ", parts);
        }
    }

    /** A directory's final metadata, applied when the layer is done so 0555 dirs stay fillable. */
    private record Deferred(Path path, TarEntry entry) {
    }

    private final Path root;
    private final boolean privileged;
    private final byte[] buffer = new byte[1 << 16];
    /** Parent directories already resolved in this layer; dropped whenever a link or deletion could change one. */
    private final Map<String, Path> parents = new HashMap<>();

    /**
     * @param root       an existing directory, given as a real path (no symlinks in it)
     * @param privileged running as root: ownership and setuid/setgid/sticky bits are restored
     */
    LayerApplier(Path root, boolean privileged) {
        this.root = root;
        this.privileged = privileged;
    }

    /** Applies the whole tar stream; returns what was skipped. Stops at the end-of-archive marker. */
    Skipped apply(InputStream tar) throws IOException, ImageException {
        TarReader reader = new TarReader(tar);
        Set<Path> created = new HashSet<>();
        List<Deferred> dirs = new ArrayList<>();
        int devices = 0;
        int fifos = 0;
        parents.clear();
        for (TarEntry e = reader.next(); e != null; e = reader.next()) {
            String p = EntryPath.normalize(e.name());
            try {
                Whiteouts.Kind w = p.isEmpty() ? Whiteouts.Kind.NONE : Whiteouts.classify(EntryPath.base(p));
                if (w != Whiteouts.Kind.NONE) {
                    whiteout(p, w, created);
                } else if (e.isDevice()) {
                    devices++;
                } else if (e.isFifo()) {
                    fifos++;
                } else if (p.isEmpty()) {
                    if (!e.isDirectory()) {
                        throw new ImageException(CORRUPT, "entry " + quote(e.name()) + " replaces the image root with a non-directory");
                    }
                    dirs.add(new Deferred(root, e));
                } else {
                    Path target = extract(reader, e, p);
                    created.add(target);
                    if (e.isDirectory()) {
                        dirs.add(new Deferred(target, e));
                    }
                }
            } catch (CorruptInputException | ImageException x) {
                throw x;
            } catch (FileSystemLoopException x) {
                throw new ImageException(CORRUPT, "entry " + quote(e.name()) + ": too many levels of symbolic links");
            } catch (InvalidPathException x) {
                throw new ImageException(CORRUPT, "entry " + quote(e.name()) + " is not a valid file name");
            } catch (IOException x) {
                throw new ImageException(ImageException.Reason.IO, "entry " + quote(e.name()) + ": " + IoMessages.describe(x));
            }
        }
        for (int i = dirs.size() - 1; i >= 0; i--) {
            Deferred d = dirs.get(i);
            metadata(d.path(), d.entry(), dirMode(d.entry().mode()));
        }
        return new Skipped(devices, fifos);
    }

    private Path extract(TarReader reader, TarEntry e, String p) throws IOException, ImageException {
        Path target = directory(EntryPath.parent(p), e).resolve(EntryPath.base(p));
        BasicFileAttributes old = lstat(target);
        if (old != null && !(old.isDirectory() && e.isDirectory())) {
            // Docker's applyLayer does the same: anything but dir-over-dir is replaced, and a
            // symlink in the way is removed, never followed.
            FileTrees.delete(target);
            parents.clear();
        }
        if (e.isDirectory()) {
            if (old == null || !old.isDirectory()) {
                Files.createDirectory(target);
            }
        } else if (e.isRegular()) {
            try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                InputStream in = reader.content();
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    out.write(buffer, 0, n);
                }
            }
            metadata(target, e, privileged ? e.mode() : e.mode() & 0777);
        } else if (e.isSymlink()) {
            symlink(target, e, p);
        } else if (e.isHardLink()) {
            hardLink(target, e);
        }
        return target;
    }

    private void symlink(Path target, TarEntry e, String p) throws IOException, ImageException {
        String to = e.linkName();
        if (to.isEmpty()) {
            throw new ImageException(CORRUPT, "symlink " + quote(e.name()) + " has an empty target");
        }
        if (!EntryPath.relativeTargetStaysInside(p, to)) {
            throw new ImageException(UNSAFE, "symlink " + quote(e.name()) + " -> " + quote(to) + " points outside the image root");
        }
        Files.createSymbolicLink(target, Path.of(to));
        parents.clear();
        if (privileged) {
            owner(target, e);
        }
        times(target, e);
    }

    /** A hard link's target is an archive member name, so it must already be extracted inside root. */
    private void hardLink(Path target, TarEntry e) throws IOException, ImageException {
        String to;
        try {
            to = EntryPath.normalize(e.linkName());
        } catch (ImageException x) {
            throw new ImageException(UNSAFE, "hard link " + quote(e.name()) + " -> " + quote(e.linkName()) + " points outside the image root");
        }
        Path source = to.isEmpty() ? root : RootPath.resolve(root, to, false);
        BasicFileAttributes a = lstat(source);
        if (a == null || a.isDirectory()) {
            throw new ImageException(CORRUPT, "hard link " + quote(e.name()) + " -> " + quote(e.linkName())
                    + ": target is not a file already extracted");
        }
        Files.createLink(target, source);
        parents.clear();
    }

    /** The host directory for a parent path, created (with its missing ancestors) if needed. */
    private Path directory(String parent, TarEntry e) throws IOException, ImageException {
        Path dir = parents.get(parent);
        if (dir != null) {
            return dir;
        }
        dir = RootPath.resolve(root, parent, true);
        BasicFileAttributes a = lstat(dir);
        if (a == null) {
            // The resolved path has no symlinks in its existing part and nothing below the
            // first missing component, so creating it cannot leave root.
            Files.createDirectories(dir);
        } else if (!a.isDirectory()) {
            throw new ImageException(CORRUPT, "entry " + quote(e.name()) + ": a parent is not a directory");
        }
        parents.put(parent, dir);
        return dir;
    }

    private void whiteout(String p, Whiteouts.Kind kind, Set<Path> created) throws IOException, ImageException {
        if (kind == Whiteouts.Kind.RESERVED) {
            return;
        }
        Path dir = RootPath.resolve(root, EntryPath.parent(p), true);
        BasicFileAttributes a = lstat(dir);
        if (a == null || !a.isDirectory()) {
            return;
        }
        parents.clear();
        if (kind == Whiteouts.Kind.OPAQUE) {
            List<Path> hidden = new ArrayList<>();
            try (DirectoryStream<Path> children = Files.newDirectoryStream(dir)) {
                for (Path c : children) {
                    if (!created.contains(c)) {
                        hidden.add(c);
                    }
                }
            }
            for (Path c : hidden) {
                FileTrees.delete(c);
            }
            return;
        }
        String name = Whiteouts.target(EntryPath.base(p));
        if (name.equals(".") || name.equals("..")) {
            throw new ImageException(CORRUPT, "whiteout " + quote(p) + " names no file");
        }
        Path victim = dir.resolve(name);
        if (!created.contains(victim)) {
            FileTrees.delete(victim);
        }
    }

    /**
     * Directories keep owner rwx for a non-root user: the image's 0555 directories would
     * otherwise make the cache undeletable, and that user owns everything here anyway.
     */
    private int dirMode(int mode) {
        return privileged ? mode : (mode & 0777) | 0700;
    }

    /** Owner before mode: chown(2) clears setuid/setgid bits. */
    private void metadata(Path path, TarEntry e, int mode) throws IOException {
        if (privileged) {
            owner(path, e);
        }
        Files.setAttribute(path, "unix:mode", mode, LinkOption.NOFOLLOW_LINKS);
        times(path, e);
    }

    private static void owner(Path path, TarEntry e) throws IOException {
        if (e.uid() <= Integer.MAX_VALUE && e.gid() <= Integer.MAX_VALUE) {
            Files.setAttribute(path, "unix:uid", (int) e.uid(), LinkOption.NOFOLLOW_LINKS);
            Files.setAttribute(path, "unix:gid", (int) e.gid(), LinkOption.NOFOLLOW_LINKS);
        }
    }

    private static void times(Path path, TarEntry e) {
        FileTime t = FileTime.from(java.time.Instant.ofEpochSecond(e.mtimeSeconds(), e.mtimeNanos()));
        try {
            Files.getFileAttributeView(path, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS).setTimes(t, null, null);
        } catch (IOException | UnsupportedOperationException x) {
            // A symlink's time cannot be set on every platform; it is cosmetic.
        }
    }

    private static BasicFileAttributes lstat(Path p) throws IOException {
        try {
            return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return null;
        }
    }
}
