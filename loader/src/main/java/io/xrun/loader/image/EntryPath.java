package io.xrun.loader.image;

import java.util.ArrayList;
import java.util.List;

/**
 * Lexical checks on names taken from an archive, before anything touches the disk: an absolute
 * name or one whose ".." climbs above the image root is an attack (or a broken archive), never a
 * file to extract; GNU tar refuses such names too unless told otherwise ("--absolute-names").
 */
final class EntryPath {
    private EntryPath() {
    }

    /**
     * The member name as "a/b/c" ("./" prefixes, "." and empty components dropped, ".." folded);
     * "" for the root itself.
     */
    static String normalize(String name) throws ImageException {
        if (name.startsWith("/")) {
            throw new ImageException(ImageException.Reason.UNSAFE,
                    "entry " + ImageException.quote(name) + " has an absolute path");
        }
        if (name.indexOf('\0') >= 0) {
            throw new ImageException(ImageException.Reason.CORRUPT, "entry " + ImageException.quote(name) + " contains a NUL byte");
        }
        List<String> out = new ArrayList<>();
        for (String c : name.split("/")) {
            if (c.isEmpty() || c.equals(".")) {
                continue;
            }
            if (c.equals("..")) {
                if (out.isEmpty()) {
                    throw new ImageException(ImageException.Reason.UNSAFE,
                            "entry " + ImageException.quote(name) + " escapes the image root");
                }
                out.remove(out.size() - 1);
            } else {
                out.add(c);
            }
        }
        return String.join("/", out);
    }

    /** "a/b" for "a/b/c", "" for "c". */
    static String parent(String normalized) {
        int slash = normalized.lastIndexOf('/');
        return slash < 0 ? "" : normalized.substring(0, slash);
    }

    static String base(String normalized) {
        return normalized.substring(normalized.lastIndexOf('/') + 1);
    }

    /**
     * Whether a relative symlink target, read from the directory holding the link, stays inside
     * the root. Absolute targets are interpreted inside the root (chroot-style) and are fine.
     */
    static boolean relativeTargetStaysInside(String linkEntry, String target) {
        if (target.startsWith("/")) {
            return true;
        }
        String dir = parent(linkEntry);
        int depth = dir.isEmpty() ? 0 : dir.split("/").length;
        for (String c : target.split("/")) {
            if (c.equals("..")) {
                if (--depth < 0) {
                    return false;
                }
            } else if (!c.isEmpty() && !c.equals(".")) {
                depth++;
            }
        }
        return true;
    }
}
