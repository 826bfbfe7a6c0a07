package io.xrun.translator.fastpath;

import io.xrun.maps.Errno;

/**
 * The start of the stub region up to the fast stubs (see {@link StubCode}): which FreeBSD
 * numbers the fast stubs may run and as which Linux call (plain, or a {@link StubKinds} kind),
 * Linux errno to FreeBSD errno, and the kinds' code. The slow stubs' area between them is
 * written per site.
 * Both come from the tables the supervisor uses, so a stub answers exactly what the
 * supervisor would: the fast table holds only rows whose handler is a plain renumbering
 * without errno overrides in a process that has just exec'ed (core.Dispatcher#plainNumber), or
 * a StubKinds kind;
 * {@link StubRouter} closes an entry when the process's state makes it need the supervisor
 * (close, once the process has a kqueue, becomes a kind that leaves watched descriptors to it).
 * The watched-descriptor bitmap after the kinds' code starts empty. An errno the table cannot map is
 * EINVAL, as {@code Call.returnLinuxError} makes it.
 */
public final class StubTables {
    public static final int SIZE = (int) (StubCode.FAST_LO - StubCode.BASE);

    private StubTables() {
    }

    public static byte[] build(StubKinds kinds) {
        byte[] b = new byte[SIZE];
        for (int nr = 0; nr < StubCode.NUMBERS; nr++) {
            putInt(b, 4 * nr, kinds.entry(nr, null));
        }
        int errOff = (int) (StubCode.ERRNO_TABLE - StubCode.BASE);
        for (int le = 1; le < StubCode.ERRNO_ENTRIES; le++) {
            int fb = Errno.toFreebsd(le);
            b[errOff + le] = (byte) (fb != 0 ? fb : Errno.FREEBSD_EINVAL);
        }
        byte[] code = kinds.code();
        System.arraycopy(code, 0, b, (int) (StubCode.KIND_TABLE - StubCode.BASE), code.length);
        return b;
    }

    /** The fast table with every entry -1: every call through a stub goes to the supervisor. */
    public static byte[] closedFastTable() {
        byte[] b = new byte[4 * StubCode.NUMBERS];
        java.util.Arrays.fill(b, (byte) 0xff);
        return b;
    }

    private static void putInt(byte[] b, int off, int v) {
        for (int i = 0; i < 4; i++) {
            b[off + i] = (byte) (v >>> (8 * i));
        }
    }
}
