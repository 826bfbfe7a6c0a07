package io.xrun.maps;

/**
 * errno both ways, as plain arrays (the Linuxulator keeps its map the same way:
 * sys/compat/linux/linux_errno.inc). Built from errno.tsv.
 */
public final class Errno {
    public static final String FILE = "errno.tsv";
    /** FreeBSD ENOSYS (sys/sys/errno.h). */
    public static final int FREEBSD_ENOSYS;
    /** FreeBSD EINVAL (sys/sys/errno.h). */
    public static final int FREEBSD_EINVAL;
    public static final int FREEBSD_EFAULT;
    public static final int FREEBSD_ENOMEM;
    public static final int FREEBSD_ENOTTY;
    public static final int FREEBSD_ENOENT;
    public static final int FREEBSD_ERANGE;
    public static final int FREEBSD_EPERM;
    public static final int FREEBSD_ENOTDIR;
    public static final int FREEBSD_EISDIR;
    public static final int FREEBSD_ENAMETOOLONG;
    public static final int FREEBSD_ESRCH;
    public static final int FREEBSD_EBADF;
    public static final int FREEBSD_EINTR;
    public static final int FREEBSD_EOPNOTSUPP;

    private static final int[] LINUX_TO_FREEBSD = new int[4096];
    private static final int[] FREEBSD_TO_LINUX = new int[256];
    private static final String[] FREEBSD_NAMES = new String[256];
    private static final ConstantTable TABLE = ConstantTable.load(FILE);

    static {
        for (ConstantTable.Entry e : TABLE.entries()) {
            // Aliases (EWOULDBLOCK, ENOTSUP) follow their canonical name: first row wins.
            if (e.freebsd() != ConstantTable.ABSENT && FREEBSD_NAMES[(int) e.freebsd()] == null) {
                FREEBSD_NAMES[(int) e.freebsd()] = e.name();
            }
        }
        for (ConstantTable.Entry e : TABLE.entries()) {
            if (e.freebsd() != ConstantTable.ABSENT) {
                long l = e.linux() != ConstantTable.ABSENT ? e.linux() : TABLE.linux(e.fallback());
                FREEBSD_TO_LINUX[(int) e.freebsd()] = (int) l;
            }
            if (e.linux() != ConstantTable.ABSENT) {
                long f = e.freebsd() != ConstantTable.ABSENT ? e.freebsd() : TABLE.freebsd(e.fallback());
                // Linux aliases (EWOULDBLOCK=EAGAIN, EDEADLOCK=EDEADLK) share a number: first row wins.
                if (LINUX_TO_FREEBSD[(int) e.linux()] == 0) {
                    LINUX_TO_FREEBSD[(int) e.linux()] = (int) f;
                }
            }
        }
        FREEBSD_ENOSYS = (int) TABLE.freebsd("ENOSYS");
        FREEBSD_EINVAL = (int) TABLE.freebsd("EINVAL");
        FREEBSD_EFAULT = (int) TABLE.freebsd("EFAULT");
        FREEBSD_ENOMEM = (int) TABLE.freebsd("ENOMEM");
        FREEBSD_ENOTTY = (int) TABLE.freebsd("ENOTTY");
        FREEBSD_ENOENT = (int) TABLE.freebsd("ENOENT");
        FREEBSD_ERANGE = (int) TABLE.freebsd("ERANGE");
        FREEBSD_EPERM = (int) TABLE.freebsd("EPERM");
        FREEBSD_ENOTDIR = (int) TABLE.freebsd("ENOTDIR");
        FREEBSD_EISDIR = (int) TABLE.freebsd("EISDIR");
        FREEBSD_EOPNOTSUPP = (int) TABLE.freebsd("EOPNOTSUPP");
        FREEBSD_ENAMETOOLONG = (int) TABLE.freebsd("ENAMETOOLONG");
        FREEBSD_ESRCH = (int) TABLE.freebsd("ESRCH");
        FREEBSD_EBADF = (int) TABLE.freebsd("EBADF");
        FREEBSD_EINTR = (int) TABLE.freebsd("EINTR");
    }

    private Errno() {
    }

    /** The FreeBSD errno for a Linux errno (positive). 0 when the Linux number is unknown. */
    public static int toFreebsd(int linuxErrno) {
        return linuxErrno > 0 && linuxErrno < LINUX_TO_FREEBSD.length ? LINUX_TO_FREEBSD[linuxErrno] : 0;
    }

    public static int toLinux(int freebsdErrno) {
        return freebsdErrno > 0 && freebsdErrno < FREEBSD_TO_LINUX.length ? FREEBSD_TO_LINUX[freebsdErrno] : 0;
    }

    public static String freebsdName(int freebsdErrno) {
        String n = freebsdErrno > 0 && freebsdErrno < FREEBSD_NAMES.length ? FREEBSD_NAMES[freebsdErrno] : null;
        return n != null ? n : "E" + freebsdErrno;
    }

    public static ConstantTable table() {
        return TABLE;
    }
}
