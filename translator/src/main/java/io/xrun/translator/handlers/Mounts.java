package io.xrun.translator.handlers;

import io.xrun.maps.TsvTable;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The mounts a guest process sees, from /proc/PID/mountinfo (proc(5): mount id, parent id,
 * major:minor, root, mount point relative to the process's root, options, optional fields, "-",
 * filesystem type, source, super options; spaces, tabs, newlines and backslashes in paths are
 * octal escapes), and the Linux filesystem type to FreeBSD name table (statfs-fstypes.tsv).
 * Names are kept as ISO-8859-1 strings so that their bytes pass through unchanged.
 */
public final class Mounts {
    /** One line of mountinfo. */
    public record Mount(long id, int major, int minor, String mountPoint, String fstype, String source,
                        String options) {
        /** True when the per-mount options contain opt ("ro", "nosuid"...). */
        public boolean hasOption(String opt) {
            for (String o : options.split(",")) {
                if (o.equals(opt)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** A statfs-fstypes.tsv row. */
    public record FsType(String linuxType, long magic, String freebsdName, boolean local, boolean vnode, int typenum) {
    }

    private static final Map<String, FsType> BY_TYPE = new HashMap<>();
    private static final Map<Long, FsType> BY_MAGIC = new HashMap<>();

    static {
        TsvTable t = TsvTable.load("statfs-fstypes.tsv");
        int cType = t.column("linux_fstype");
        int cMagic = t.column("magic");
        int cName = t.column("fstypename");
        int cLocal = t.column("local");
        int cVnode = t.column("vnode");
        int cNum = t.column("typenum");
        for (String[] r : t.rows()) {
            FsType f = new FsType(r[cType].trim(), TsvTable.parseNumber(r[cMagic].trim()), r[cName].trim(),
                    r[cLocal].trim().equals("yes"), r[cVnode].trim().equals("yes"),
                    r[cNum].trim().equals("-") ? -1 : (int) (long) TsvTable.parseNumber(r[cNum].trim()));
            BY_TYPE.putIfAbsent(f.linuxType(), f);
            BY_MAGIC.putIfAbsent(f.magic(), f);
        }
    }

    private Mounts() {
    }

    /** The table row for a Linux type name ("fuse.sshfs" is "fuse"), else for the magic, else null. */
    public static FsType fsType(String linuxType, long magic) {
        FsType f = null;
        if (linuxType != null) {
            int dot = linuxType.indexOf('.');
            f = BY_TYPE.get(dot > 0 ? linuxType.substring(0, dot) : linuxType);
        }
        return f != null ? f : BY_MAGIC.get(magic & 0xffffffffL);
    }

    /** FreeBSD's f_type for a FreeBSD file system name: the table's number, else a stand-in. */
    public static int typenum(String freebsdName) {
        for (FsType f : BY_TYPE.values()) {
            if (f.freebsdName().equals(freebsdName) && f.typenum() >= 0) {
                return f.typenum();
            }
        }
        return io.xrun.translator.convert.StatfsConverter.typenum(freebsdName);
    }

    /** FreeBSD's f_fstypename for a mount: the table's name, else the Linux type (or "unknown"). */
    public static String freebsdName(String linuxType, long magic) {
        FsType f = fsType(linuxType, magic);
        if (f != null) {
            return f.freebsdName();
        }
        return linuxType != null && !linuxType.isEmpty() ? linuxType : "unknown";
    }

    /**
     * The effective uid of a process (/proc/PID/status "Uid:" line, second field), or -1. FreeBSD
     * shows f_fsid only to callers with PRIV_VFS_GENERATION (root): kern_do_statfs and
     * kern_getfsstat zero it for everyone else.
     */
    public static long euid(int pid) {
        try {
            for (String l : Files.readAllLines(Path.of("/proc", Integer.toString(pid), "status"),
                    StandardCharsets.ISO_8859_1)) {
                if (l.startsWith("Uid:")) {
                    return Long.parseLong(l.substring(4).trim().split("\\s+")[1]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // gone
        }
        return -1;
    }

    /** Reads /proc/PID/mountinfo; an empty list if it cannot be read. */
    public static List<Mount> read(int pid) {
        try {
            byte[] raw = Files.readAllBytes(Path.of("/proc", Integer.toString(pid), "mountinfo"));
            return parse(new String(raw, StandardCharsets.ISO_8859_1));
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    public static List<Mount> parse(String text) {
        List<Mount> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            String[] f = line.split(" ");
            if (f.length < 10) {
                continue;
            }
            int sep = -1;
            for (int i = 6; i < f.length; i++) {
                if (f[i].equals("-")) {
                    sep = i;
                    break;
                }
            }
            if (sep < 0 || sep + 2 >= f.length) {
                continue;
            }
            String[] dev = f[2].split(":");
            try {
                out.add(new Mount(Long.parseLong(f[0]), Integer.parseInt(dev[0]), Integer.parseInt(dev[1]),
                        unescape(f[4]), unescape(f[sep + 1]), unescape(f[sep + 2]), f[5]));
            } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
                // not a mountinfo line
            }
        }
        return out;
    }

    /** The mount with this mount id, else the last one of this device, else null. */
    public static Mount find(List<Mount> mounts, long mountId, boolean haveId, int major, int minor) {
        if (haveId) {
            for (Mount m : mounts) {
                if (m.id() == mountId) {
                    return m;
                }
            }
        }
        Mount found = null;
        for (Mount m : mounts) {
            if (m.major() == major && m.minor() == minor) {
                found = m;
            }
        }
        return found;
    }

    /** Decodes mountinfo's \ooo escapes (fs/proc_namespace.c mangle: space, tab, newline, backslash). */
    static String unescape(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && isOctal(s, i + 1)) {
                sb.append((char) Integer.parseInt(s.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static boolean isOctal(String s, int from) {
        if (from + 3 > s.length()) {
            return false;
        }
        for (int i = from; i < from + 3; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '7') {
                return false;
            }
        }
        return true;
    }
}
