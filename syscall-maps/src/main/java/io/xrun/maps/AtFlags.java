package io.xrun.maps;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which AT_* flags each FreeBSD *at syscall accepts: the {@code syscalls} column of
 * at-flags.tsv. FreeBSD checks the flags argument against a per-call mask before anything else
 * and answers EINVAL for any other bit (sys/kern/vfs_syscalls.c: kern_accessat, kern_fchmodat,
 * kern_fchownat, kern_statat, kern_linkat, kern_funlinkat_ex, kern_chflagsat, kern_utimensat,
 * kern_getfhat). One table for all calls is not enough: Linux gives 0x200 to both AT_EACCESS
 * (faccessat) and AT_REMOVEDIR (unlinkat), so a flag must be refused by the calls that do not
 * accept it before it is translated.
 */
public final class AtFlags {
    public static final String FILE = "at-flags.tsv";
    private static final AtFlags TABLE = new AtFlags(TsvTable.load(FILE));

    /** Syscall name to the FreeBSD bits it accepts, in the order the table first names them. */
    private final Map<String, Long> accepted;

    private AtFlags(TsvTable t) {
        int cName = t.column("name");
        int cF = t.column("freebsd");
        int cS = t.column("syscalls");
        Map<String, Long> m = new LinkedHashMap<>();
        for (String[] r : t.rows()) {
            String cell = r[cS].trim();
            if (cell.equals("-")) {
                continue;
            }
            Long bit = TsvTable.parseNumber(r[cF]);
            if (bit == null) {
                throw new IllegalStateException(FILE + ": " + r[cName].trim() + " has no FreeBSD value but names syscalls");
            }
            for (String s : cell.split(",")) {
                String name = s.trim();
                if (name.isEmpty()) {
                    throw new IllegalStateException(FILE + ": " + r[cName].trim() + ": empty syscall name");
                }
                m.merge(name, bit, (a, b) -> a | b);
            }
        }
        this.accepted = Collections.unmodifiableMap(m);
    }

    /**
     * The FreeBSD AT_* bits syscall (a row name of freebsd-amd64-syscalls.tsv) accepts; any other
     * bit is EINVAL. Fails loudly for a syscall the table does not name: every row with an
     * atflags argument must be there (SyscallTableTest).
     */
    public static long accepted(String syscall) {
        Long m = TABLE.accepted.get(syscall);
        if (m == null) {
            throw new IllegalStateException(FILE + " names no syscall " + syscall + " (column syscalls)");
        }
        return m;
    }

    /** Whether the table says which flags syscall accepts. */
    public static boolean names(String syscall) {
        return TABLE.accepted.containsKey(syscall);
    }

    /** Every syscall the table names, with its accepted FreeBSD bits. */
    public static Map<String, Long> all() {
        return TABLE.accepted;
    }
}
