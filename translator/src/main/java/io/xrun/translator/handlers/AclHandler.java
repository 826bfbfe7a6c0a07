package io.xrun.translator.handlers;

import io.xrun.maps.ConstantTable;
import io.xrun.maps.Errno;
import io.xrun.maps.FlagMap;
import io.xrun.maps.LinuxSyscalls;
import io.xrun.maps.SyscallRow;
import io.xrun.maps.TsvTable;
import io.xrun.maps.ValueMap;
import io.xrun.translator.core.Call;
import io.xrun.translator.core.SyscallHandler;
import io.xrun.translator.nativeapi.NativeBuffer;

/**
 * The POSIX.1e ACL calls __acl_{get,set,delete,aclcheck}_{file,link,fd} (sys/kern/vfs_acl.c) on
 * Linux's system.posix_acl_access/default extended attributes, answered as FreeBSD's UFS with
 * POSIX.1e ACLs enabled answers them (sys/ufs/ufs/ufs_acl.c). Every call first looks the file
 * up (Linux newfstatat or fstat: the path and descriptor errors, and the file's type and mode),
 * then:
 * <ul>
 * <li>get: the attribute read (getxattr, lgetxattr, fgetxattr) and converted; a file with no
 * access ACL gets the three entries its mode says (ufs_getacl: USER_OBJ, GROUP_OBJ, OTHER with
 * ACL_UNDEFINED_ID), a directory with no default ACL an empty one, a default ACL of anything
 * but a directory is EINVAL. The caller's struct acl must say acl_maxcnt = ACL_MAX_ENTRIES
 * (acl_copyout: EINVAL).</li>
 * <li>set and aclcheck: the struct acl copied in (acl_maxcnt must be ACL_MAX_ENTRIES: EINVAL),
 * checked as acl_posix1e_check does (one USER_OBJ, GROUP_OBJ and OTHER, a MASK when there are
 * USER or GROUP entries, known tags, perms within ACL_PERM_BITS: EINVAL), a default ACL only on
 * a directory; set then writes the attribute, entries sorted as Linux requires.</li>
 * <li>delete: only a directory's default ACL (EINVAL for the access type, ENOTDIR for other
 * files); a missing one is not an error.</li>
 * </ul>
 * ACL_TYPE_ACCESS_OLD/DEFAULT_OLD take the pre-NFSv4 struct oldacl; ACL_TYPE_NFS4 and unknown
 * types are EINVAL (no NFSv4 ACLs on the file system). Tags and permission bits come from
 * acl-tags.tsv and acl-perms.tsv, types from acl-types.tsv.
 */
public final class AclHandler implements SyscallHandler {
    /** ACL_MAX_ENTRIES, OLDACL_MAX_ENTRIES (sys/sys/acl.h). */
    private static final int ACL_MAX_ENTRIES = 254, OLDACL_MAX_ENTRIES = 32;
    /** struct acl: acl_maxcnt, acl_cnt, acl_spare[4], then 16-byte acl_entry (tag, id, perm, entry_type, flags). */
    private static final int ACL_SIZE = 24 + ACL_MAX_ENTRIES * 16, ACL_ENTRIES = 24, ACL_ENTRY = 16;
    /** struct oldacl: acl_cnt, then 12-byte oldacl_entry (tag, id, perm). */
    private static final int OLDACL_SIZE = 4 + OLDACL_MAX_ENTRIES * 12, OLDACL_ENTRIES = 4, OLDACL_ENTRY = 12;
    /** ACL_UNDEFINED_ID, (uid_t)-1 on both. */
    private static final int UNDEFINED_ID = -1;
    /** POSIX_ACL_XATTR_VERSION and the 8-byte entries of linux/posix_acl_xattr.h. */
    private static final int XATTR_VERSION = 2, XATTR_ENTRY = 8;
    /** Linux struct stat (x86_64): st_mode, st_uid, st_gid offsets. */
    private static final int ST_MODE = 24;
    /** S_IFMT, S_IFDIR: the same on both (sys/sys/stat.h, linux/stat.h). */
    private static final int S_IFMT = 0170000, S_IFDIR = 0040000;
    /** Linux AT_FDCWD and AT_SYMLINK_NOFOLLOW (linux/fcntl.h). */
    private static final long AT_FDCWD = -100, AT_SYMLINK_NOFOLLOW = 0x100;
    /** Scratch layout: the Linux stat, the attribute name, the attribute value. */
    private static final int NAME_OFF = 160, VALUE_OFF = 256, VALUE_MAX = 4 + ACL_MAX_ENTRIES * XATTR_ENTRY;
    private static final long NR_NEWFSTATAT = LinuxSyscalls.require("newfstatat"), NR_FSTAT = LinuxSyscalls.require("fstat");
    private static final long L_ENODATA = Errno.toLinux((int) Errno.table().freebsd("ENOATTR"));
    private static final ConstantTable TAG_TABLE = ConstantTable.load("acl-tags.tsv");
    private static final ValueMap TAGS = ValueMap.of(TAG_TABLE);
    private static final FlagMap PERMS = FlagMap.of(ConstantTable.load("acl-perms.tsv"));
    private static final long PERM_BITS = PERMS.toFreebsd(-1L);
    private static final long USER_OBJ = TAG_TABLE.freebsd("ACL_USER_OBJ"), USER = TAG_TABLE.freebsd("ACL_USER"),
        GROUP_OBJ = TAG_TABLE.freebsd("ACL_GROUP_OBJ"), GROUP = TAG_TABLE.freebsd("ACL_GROUP"),
        MASK = TAG_TABLE.freebsd("ACL_MASK"), OTHER = TAG_TABLE.freebsd("ACL_OTHER");
    private static final ConstantTable PERM_TABLE = ConstantTable.load("acl-perms.tsv");
    private static final long READ = PERM_TABLE.freebsd("ACL_READ"), WRITE = PERM_TABLE.freebsd("ACL_WRITE"),
        EXECUTE = PERM_TABLE.freebsd("ACL_EXECUTE");
    /** By FreeBSD type (0..3): the Linux attribute name, whether it is a default ACL, whether struct oldacl. */
    private static final String[] XATTR = new String[4];
    private static final boolean[] DEFAULT = new boolean[4], OLD = new boolean[4];

    static {
        TsvTable t = TsvTable.load("acl-types.tsv");
        int cF = t.column("freebsd"), cX = t.column("xattr"), cO = t.column("old");
        for (String[] r : t.rows()) {
            int type = TsvTable.parseNumber(r[cF]).intValue();
            XATTR[type] = r[cX].trim();
            DEFAULT[type] = XATTR[type].endsWith("default");
            OLD[type] = r[cO].trim().equals("yes");
        }
    }

    private enum Op { GET, SET, DELETE, CHECK }

    private final Op op;
    /** 0: a path followed, 1: a path not followed (_link), 2: a descriptor (_fd). */
    private final int form;
    private final long xattrCall;

    public AclHandler(SyscallRow row) {
        String n = row.name();
        this.op = n.contains("_get_") ? Op.GET : n.contains("_set_") ? Op.SET : n.contains("_delete_") ? Op.DELETE : Op.CHECK;
        this.form = n.endsWith("_file") ? 0 : n.endsWith("_link") ? 1 : 2;
        String prefix = form == 0 ? "" : form == 1 ? "l" : "f";
        this.xattrCall = switch (op) {
            case GET -> LinuxSyscalls.require(prefix + "getxattr");
            case SET -> LinuxSyscalls.require(prefix + "setxattr");
            case DELETE -> LinuxSyscalls.require(prefix + "removexattr");
            case CHECK -> -1;
        };
    }

    @Override
    public void enter(Call c) {
        if (form == 2) {
            c.runLinux(NR_FSTAT, c.arg(0), c.scratch(), 0, 0, 0, 0);
        } else {
            c.runLinux(NR_NEWFSTATAT, AT_FDCWD, c.arg(0), c.scratch(), form == 1 ? AT_SYMLINK_NOFOLLOW : 0, 0, 0);
        }
    }

    private int argType(Call c) {
        long t = c.arg(1) & 0xffffffffL;
        return t < XATTR.length && XATTR[(int) t] != null ? (int) t : -1;
    }

    @Override
    public void exit(Call c) {
        if (c.step() == 0) {
            looked(c);
        } else {
            done(c, false);
        }
    }

    @Override
    public void exitFailed(Call c) {
        if (c.step() == 0) {
            c.returnLinuxError();
            return;
        }
        if (c.linuxResult() == -L_ENODATA && op != Op.SET) {
            done(c, true);
            return;
        }
        c.returnLinuxError();
    }

    /** After the lookup: decide, and run the attribute call when one is needed. */
    private void looked(Call c) {
        NativeBuffer b = c.buffer();
        if (!c.copyIn(c.scratch() + ST_MODE, 0, 4)) {
            return;
        }
        int mode = b.getInt(0);
        c.stash[0] = mode;
        boolean dir = (mode & S_IFMT) == S_IFDIR;
        int type = argType(c);
        if (type < 0) {
            c.returnError(Errno.FREEBSD_EINVAL);
            return;
        }
        if (op == Op.DELETE) {
            if (!DEFAULT[type]) {
                c.returnError(Errno.FREEBSD_EINVAL);
            } else if (!dir) {
                c.returnError(Errno.FREEBSD_ENOTDIR);
            } else if (putName(c, type)) {
                c.then(xattrCall, target(c), c.scratch() + NAME_OFF, 0, 0, 0, 0);
            }
            return;
        }
        if (DEFAULT[type] && !dir) {
            c.returnError(Errno.FREEBSD_EINVAL);
            return;
        }
        if (op == Op.GET) {
            if (putName(c, type)) {
                c.then(xattrCall, target(c), c.scratch() + NAME_OFF, c.scratch() + VALUE_OFF, VALUE_MAX, 0, 0);
            }
            return;
        }
        int n = readAcl(c, type);
        if (n < 0) {
            return;
        }
        if (op == Op.CHECK) {
            c.returnValue(0);
            return;
        }
        // the value first: putName reuses the buffer
        if (c.copyOut(c.scratch() + VALUE_OFF, 0, 4 + n * XATTR_ENTRY) && putName(c, type)) {
            c.then(xattrCall, target(c), c.scratch() + NAME_OFF, c.scratch() + VALUE_OFF, 4 + n * XATTR_ENTRY, 0, 0);
        }
    }

    private long target(Call c) {
        return c.arg(0);
    }

    private boolean putName(Call c, int type) {
        NativeBuffer b = c.buffer();
        int len = b.putCString(0, XATTR[type]);
        return c.copyOut(c.scratch() + NAME_OFF, 0, len);
    }

    /**
     * Copies in and checks the caller's ACL (acl_copyin, acl_posix1e_check) and leaves it as a
     * Linux attribute value at buffer offset 0, entries sorted; returns the entry count, or -1
     * when the call has been answered.
     */
    private static int readAcl(Call c, int type) {
        NativeBuffer b = c.buffer();
        int base = 8192;
        int count;
        int entries, entrySize;
        if (OLD[type]) {
            if (!c.copyIn(c.arg(2), base, OLDACL_SIZE)) {
                return -1;
            }
            count = b.getInt(base);
            if (count < 0 || count > OLDACL_MAX_ENTRIES) {
                c.returnError(Errno.FREEBSD_EINVAL);
                return -1;
            }
            entries = base + OLDACL_ENTRIES;
            entrySize = OLDACL_ENTRY;
        } else {
            if (!c.copyIn(c.arg(2), base, ACL_SIZE)) {
                return -1;
            }
            if (b.getInt(base) != ACL_MAX_ENTRIES) {
                c.returnError(Errno.FREEBSD_EINVAL);
                return -1;
            }
            count = b.getInt(base + 4);
            if (count < 0 || count > ACL_MAX_ENTRIES) {
                c.returnError(Errno.FREEBSD_EINVAL);
                return -1;
            }
            entries = base + ACL_ENTRIES;
            entrySize = ACL_ENTRY;
        }
        int userObj = 0, groupObj = 0, other = 0, mask = 0, named = 0;
        int keys = base + ACL_SIZE;
        for (int i = 0; i < count; i++) {
            int e = entries + i * entrySize;
            long tag = b.getInt(e) & 0xffffffffL;
            long id = b.getInt(e + 4) & 0xffffffffL;
            long perm = b.getInt(e + 8) & 0xffffffffL;
            if (tag == USER_OBJ) {
                userObj++;
            } else if (tag == GROUP_OBJ) {
                groupObj++;
            } else if (tag == OTHER) {
                other++;
            } else if (tag == MASK) {
                mask++;
            } else if (tag == USER || tag == GROUP) {
                named++;
            } else {
                c.returnError(Errno.FREEBSD_EINVAL);
                return -1;
            }
            if ((perm | PERM_BITS) != PERM_BITS) {
                c.returnError(Errno.FREEBSD_EINVAL);
                return -1;
            }
            long lid = tag == USER || tag == GROUP ? id : UNDEFINED_ID & 0xffffffffL;
            // Linux's order: by tag (USER_OBJ < USER < GROUP_OBJ < GROUP < MASK < OTHER), then id
            long key = (TAGS.toLinux(tag) << 48) | (lid << 16) | PERMS.toLinux(perm);
            int j = i;
            for (; j > 0 && b.getLong(keys + (j - 1) * 8) > key; j--) {
                b.putLong(keys + j * 8, b.getLong(keys + (j - 1) * 8));
            }
            b.putLong(keys + j * 8, key);
        }
        if (userObj != 1 || groupObj != 1 || other != 1 || mask > 1 || (named != 0 && mask != 1)) {
            c.returnError(Errno.FREEBSD_EINVAL);
            return -1;
        }
        b.putInt(0, XATTR_VERSION);
        for (int i = 0; i < count; i++) {
            int e = 4 + i * XATTR_ENTRY;
            long key = b.getLong(keys + i * 8);
            b.putShort(e, (short) (key >>> 48));
            b.putShort(e + 2, (short) (key & 0xffff));
            b.putInt(e + 4, (int) (key >>> 16));
        }
        return count;
    }

    /** After the attribute call; absent: it had no value (ENODATA). */
    private void done(Call c, boolean absent) {
        if (op != Op.GET) {
            c.returnValue(0);
            return;
        }
        int type = argType(c);
        NativeBuffer b = c.buffer();
        int base = 8192;
        b.zero(base, ACL_SIZE);
        int count;
        if (absent) {
            if (DEFAULT[type]) {
                count = 0;
            } else {
                int mode = (int) c.stash[0];
                count = 3;
                putEntry(b, base, 0, USER_OBJ, UNDEFINED_ID, modePerm(mode >> 6));
                putEntry(b, base, 1, GROUP_OBJ, UNDEFINED_ID, modePerm(mode >> 3));
                putEntry(b, base, 2, OTHER, UNDEFINED_ID, modePerm(mode));
            }
        } else {
            int len = (int) c.linuxResult();
            if (!c.copyIn(c.scratch() + VALUE_OFF, 0, len)) {
                return;
            }
            count = (len - 4) / XATTR_ENTRY;
            for (int i = 0; i < count; i++) {
                int e = 4 + i * XATTR_ENTRY;
                long tag = TAGS.toFreebsd(b.getShort(e) & 0xffff);
                long perm = PERMS.toFreebsd(b.getShort(e + 2) & 0xffff);
                int id = tag == USER || tag == GROUP ? b.getInt(e + 4) : UNDEFINED_ID;
                putEntry(b, base, i, tag, id, perm);
            }
        }
        b.putInt(base + 4, count);
        if (OLD[type]) {
            if (count > OLDACL_MAX_ENTRIES) {
                c.returnError(Errno.FREEBSD_EINVAL);
                return;
            }
            // struct oldacl: the count, then (tag, id, perm) per entry
            b.putInt(0, count);
            for (int i = 0; i < count; i++) {
                int from = base + ACL_ENTRIES + i * ACL_ENTRY;
                b.copyTo(from, b, OLDACL_ENTRIES + i * OLDACL_ENTRY, OLDACL_ENTRY);
            }
            b.zero(OLDACL_ENTRIES + count * OLDACL_ENTRY, (OLDACL_MAX_ENTRIES - count) * OLDACL_ENTRY);
            if (c.copyOut(c.arg(2), 0, OLDACL_SIZE)) {
                c.returnValue(0);
            }
            return;
        }
        // acl_copyout: fuword32 of acl_maxcnt, -1 when unreadable
        if (c.memory().read(c.arg(2), b, 0, 4) != 4 || b.getInt(0) != ACL_MAX_ENTRIES) {
            c.returnError(Errno.FREEBSD_EINVAL);
            return;
        }
        b.putInt(base, ACL_MAX_ENTRIES);
        if (c.copyOut(c.arg(2), base, ACL_SIZE)) {
            c.returnValue(0);
        }
    }

    private static void putEntry(NativeBuffer b, int base, int i, long tag, int id, long perm) {
        int e = base + ACL_ENTRIES + i * ACL_ENTRY;
        b.putInt(e, (int) tag);
        b.putInt(e + 4, id);
        b.putInt(e + 8, (int) perm);
    }

    /** acl_posix1e_mode_to_perm: the rwx bits in the low three bits of mode. */
    private static long modePerm(int bits) {
        return ((bits & 4) != 0 ? READ : 0) | ((bits & 2) != 0 ? WRITE : 0) | ((bits & 1) != 0 ? EXECUTE : 0);
    }
}
