package io.xrun.maps;

/** Signal numbers both ways, as plain arrays, from signals.tsv (FreeBSD sys/sys/signal.h). */
public final class Signals {
    public static final String FILE = "signals.tsv";
    private static final ConstantTable TABLE = ConstantTable.load(FILE);
    private static final int[] LINUX_TO_FREEBSD = new int[65];
    private static final int[] FREEBSD_TO_LINUX = new int[129];
    private static final String[] FREEBSD_NAMES = new String[129];
    public static final int FREEBSD_SIGSYS;
    public static final int LINUX_SIGSYS;
    public static final int LINUX_SIGKILL;

    static {
        for (ConstantTable.Entry e : TABLE.entries()) {
            if (e.freebsd() != ConstantTable.ABSENT && FREEBSD_NAMES[(int) e.freebsd()] == null) {
                FREEBSD_NAMES[(int) e.freebsd()] = e.name();
            }
            if (e.onBoth()) {
                if (FREEBSD_TO_LINUX[(int) e.freebsd()] == 0) {
                    FREEBSD_TO_LINUX[(int) e.freebsd()] = (int) e.linux();
                }
                if (LINUX_TO_FREEBSD[(int) e.linux()] == 0) {
                    LINUX_TO_FREEBSD[(int) e.linux()] = (int) e.freebsd();
                }
            }
        }
        FREEBSD_SIGSYS = (int) TABLE.freebsd("SIGSYS");
        LINUX_SIGSYS = (int) TABLE.linux("SIGSYS");
        LINUX_SIGKILL = (int) TABLE.linux("SIGKILL");
    }

    private Signals() {
    }

    /** FreeBSD number of a Linux signal, 0 if it has none. */
    public static int toFreebsd(int linuxSig) {
        return linuxSig > 0 && linuxSig < LINUX_TO_FREEBSD.length ? LINUX_TO_FREEBSD[linuxSig] : 0;
    }

    /** Linux number of a FreeBSD signal, 0 if it has none. */
    public static int toLinux(int freebsdSig) {
        return freebsdSig > 0 && freebsdSig < FREEBSD_TO_LINUX.length ? FREEBSD_TO_LINUX[freebsdSig] : 0;
    }

    public static String freebsdName(int freebsdSig) {
        String n = freebsdSig > 0 && freebsdSig < FREEBSD_NAMES.length ? FREEBSD_NAMES[freebsdSig] : null;
        return n != null ? n : "SIG" + freebsdSig;
    }

    public static ConstantTable table() {
        return TABLE;
    }
}
