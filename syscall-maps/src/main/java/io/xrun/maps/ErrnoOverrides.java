package io.xrun.maps;

/**
 * Per-syscall errno differences (errno-overrides.tsv): where FreeBSD answers the same
 * situation with another errno than Linux does (unlink on a directory: EPERM, not EISDIR).
 * Indexed by FreeBSD syscall number; lookups scan a tiny int array and allocate nothing.
 */
public final class ErrnoOverrides {
    public static final String FILE = "errno-overrides.tsv";
    private final int[][] linux;
    private final int[][] freebsd;

    public ErrnoOverrides(SyscallTable table) {
        TsvTable t = TsvTable.load(FILE);
        int n = table.maxNumber() + 1;
        linux = new int[n][];
        freebsd = new int[n][];
        ConstantTable errno = Errno.table();
        for (String[] r : t.rows()) {
            SyscallRow row = table.byName(r[t.column("syscall")].trim());
            if (row == null) {
                throw new IllegalStateException(FILE + ": no syscall " + r[0]);
            }
            int nr = row.number();
            int l = (int) errno.linux(r[t.column("linux")].trim());
            int f = (int) errno.freebsd(r[t.column("freebsd")].trim());
            linux[nr] = append(linux[nr], l);
            freebsd[nr] = append(freebsd[nr], f);
        }
    }

    private static int[] append(int[] a, int v) {
        if (a == null) {
            return new int[] {v};
        }
        int[] b = java.util.Arrays.copyOf(a, a.length + 1);
        b[a.length] = v;
        return b;
    }

    /** Whether FreeBSD syscall nr has any override (then only the supervisor may translate its errors). */
    public boolean has(long nr) {
        return nr >= 0 && nr < linux.length && linux[(int) nr] != null;
    }

    /** The Linux errnos FreeBSD syscall nr overrides (a copy; empty for none), in table order. */
    public int[] linuxErrnos(long nr) {
        return has(nr) ? linux[(int) nr].clone() : new int[0];
    }

    /** The FreeBSD errno each of {@link #linuxErrnos} becomes, in the same order. */
    public int[] freebsdErrnos(long nr) {
        return has(nr) ? freebsd[(int) nr].clone() : new int[0];
    }

    /** The FreeBSD errno for a Linux errno returned by FreeBSD syscall nr, or 0 when no override applies. */
    public int override(long nr, int linuxErrno) {
        if (nr < 0 || nr >= linux.length || linux[(int) nr] == null) {
            return 0;
        }
        int[] l = linux[(int) nr];
        for (int i = 0; i < l.length; i++) {
            if (l[i] == linuxErrno) {
                return freebsd[(int) nr][i];
            }
        }
        return 0;
    }
}
