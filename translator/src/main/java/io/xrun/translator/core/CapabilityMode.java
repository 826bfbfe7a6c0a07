package io.xrun.translator.core;

import io.xrun.maps.Errno;
import io.xrun.maps.SyscallRow;
import io.xrun.maps.SyscallTable;
import io.xrun.maps.TsvTable;
import io.xrun.translator.nativeapi.NativeBuffer;

import java.util.List;

/**
 * Capsicum's capability mode (cap_enter(2), capsicum(4)), enforced by the supervisor: every
 * FreeBSD syscall of the guest passes through it, so a process in capability mode cannot reach
 * a global namespace behind xrun's back. The rules come from capability-mode.tsv (FreeBSD's
 * capabilities.conf): a call not listed fails with ECAPMODE; a (dirfd, path) pair of an *at
 * call must name a real descriptor (AT_FDCWD: ECAPMODE) and a relative path that stays beneath
 * it (absolute, or ".." above it: ENOTCAPABLE, sys/kern/vfs_lookup.c); kill(2) reaches only
 * the caller. The path check is lexical: a symlink inside the tree that points out is followed
 * by Linux, where FreeBSD would say ENOTCAPABLE (docs/architecture.md, Known limits).
 */
public final class CapabilityMode {
    private static final byte DENIED = 0, ALLOWED = 1, BENEATH = 2, SELF = 3;
    private static final int ECAPMODE = (int) Errno.table().freebsd("ECAPMODE");
    private static final int ENOTCAPABLE = (int) Errno.table().freebsd("ENOTCAPABLE");
    /** FreeBSD AT_FDCWD (sys/sys/fcntl.h), the same value as Linux's. */
    private static final int AT_FDCWD = -100;
    private static final int PATH_MAX = 1024;

    private final byte[] rule;

    public CapabilityMode(SyscallTable table) {
        rule = new byte[table.maxNumber() + 1];
        for (String[] r : TsvTable.load("capability-mode.tsv").rows()) {
            SyscallRow row = table.byName(r[0]);
            if (row != null) {
                rule[row.number()] = switch (r[1]) {
                    case "allowed" -> ALLOWED;
                    case "beneath" -> BENEATH;
                    case "self" -> SELF;
                    default -> throw new IllegalStateException("capability-mode.tsv: rule " + r[1]);
                };
            }
        }
    }

    /** 0 when the call may run in capability mode, else the FreeBSD errno it fails with. */
    public int check(Call c) {
        long nr = c.number();
        if (nr < 0 || nr >= rule.length || rule[(int) nr] == DENIED) {
            return ECAPMODE;
        }
        switch (rule[(int) nr]) {
            case SELF:
                return c.arg(0) == c.process().guestPid() ? 0 : ECAPMODE;
            case BENEATH: {
                List<String> codecs = c.row().args();
                for (int i = 0; i + 1 < Math.min(codecs.size(), Call.REGISTER_ARGS); i++) {
                    if (codecs.get(i).equals("atfd") && codecs.get(i + 1).equals("path")) {
                        int e = beneath(c, c.arg(i), c.arg(i + 1));
                        if (e != 0) {
                            return e;
                        }
                    }
                }
                return 0;
            }
            default:
                return 0;
        }
    }

    private static int beneath(Call c, long dirfd, long path) {
        if ((int) dirfd == AT_FDCWD) {
            return ECAPMODE;
        }
        NativeBuffer b = c.buffer();
        long n = c.memory().readCString(path, b, 0, PATH_MAX);
        if (n < 0) {
            return 0; // the call itself reports EFAULT / ENAMETOOLONG
        }
        if (n > 0 && b.getByte(0) == '/') {
            return ENOTCAPABLE;
        }
        // Count depth component by component: ".." may not climb above the directory.
        int depth = 0;
        int start = 0;
        for (int i = 0; i <= n; i++) {
            if (i == n || b.getByte(i) == '/') {
                int len = i - start;
                if (len == 2 && b.getByte(start) == '.' && b.getByte(start + 1) == '.') {
                    if (--depth < 0) {
                        return ENOTCAPABLE;
                    }
                } else if (len > 0 && !(len == 1 && b.getByte(start) == '.')) {
                    depth++;
                }
                start = i + 1;
            }
        }
        return 0;
    }
}
