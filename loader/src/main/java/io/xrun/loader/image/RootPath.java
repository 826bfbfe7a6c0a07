package io.xrun.loader.image;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Chroot-style resolution of a container path to a host path inside root; never escapes root.
 * Each component is looked up with lstat below root; a symlink's target is spliced into the
 * remaining components, an absolute target restarting at root, so what a guest would see
 * inside its chroot is what is touched here, and no host file outside root can be reached.
 */
public final class RootPath {
    /** Linux's limit on symlinks followed in one lookup (MAXSYMLINKS, path_resolution(7)). */
    static final int MAX_SYMLINKS = 40;

    private RootPath() {
    }

    /**
     * Resolves every component inside root; absolute symlinks are relative to root, ".." stops
     * at root; followFinal says whether a final symlink is followed; at most 40 symlinks (ELOOP
     * → IOException). Returns a host path inside root (which need not exist at the final
     * component).
     */
    public static Path resolve(Path root, String containerPath, boolean followFinal) throws IOException {
        Deque<String> pending = new ArrayDeque<>();
        push(pending, containerPath);
        List<String> done = new ArrayList<>();
        int links = 0;
        boolean missing = false;
        while (!pending.isEmpty()) {
            String c = pending.pop();
            if (c.equals("..")) {
                if (!done.isEmpty()) {
                    done.remove(done.size() - 1);
                }
                continue;
            }
            Path candidate = join(root, done).resolve(checked(c));
            if (missing || (pending.isEmpty() && !followFinal)) {
                // Below a missing component nothing exists: the rest is lexical.
                done.add(c);
                continue;
            }
            BasicFileAttributes a;
            try {
                a = Files.readAttributes(candidate, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            } catch (NoSuchFileException e) {
                missing = true;
                done.add(c);
                continue;
            }
            if (!a.isSymbolicLink()) {
                done.add(c);
                continue;
            }
            if (++links > MAX_SYMLINKS) {
                throw new FileSystemLoopException(containerPath);
            }
            String target = Files.readSymbolicLink(candidate).toString();
            if (target.startsWith("/")) {
                done.clear();
            }
            push(pending, target);
        }
        return join(root, done);
    }

    /** Pushes path's components in front of the pending ones ("" and "." dropped). */
    private static void push(Deque<String> pending, String path) {
        String[] parts = path.split("/");
        for (int i = parts.length - 1; i >= 0; i--) {
            if (!parts[i].isEmpty() && !parts[i].equals(".")) {
                pending.push(parts[i]);
            }
        }
    }

    private static String checked(String component) throws IOException {
        if (component.indexOf('\0') >= 0) {
            throw new FileSystemException(component.replace('\0', '?'), null, "NUL in a path");
        }
        return component;
    }

    private static Path join(Path root, List<String> parts) throws IOException {
        Path p = root;
        try {
            for (String s : parts) {
                p = p.resolve(s);
            }
        } catch (InvalidPathException e) {
            throw new FileSystemException(String.join("/", parts), null, "invalid path");
        }
        return p;
    }
}
