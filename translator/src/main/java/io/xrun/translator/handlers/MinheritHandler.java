package io.xrun.translator.handlers;

import io.xrun.maps.Errno;
import io.xrun.maps.SyscallRow;
import io.xrun.maps.TsvTable;
import io.xrun.translator.core.Call;
import io.xrun.translator.core.SyscallHandler;

/**
 * minherit(addr, len, inherit) as two Linux madvise calls (minherit.tsv): whether the child
 * gets the range at all (MADV_DOFORK / MADV_DONTFORK) and whether it gets it zeroed
 * (MADV_WIPEONFORK / MADV_KEEPONFORK). INHERIT_COPY is DOFORK + KEEPONFORK, INHERIT_NONE
 * DONTFORK + KEEPONFORK, INHERIT_ZERO DOFORK + WIPEONFORK. The range is rounded to pages as
 * FreeBSD's kern_minherit does. INHERIT_SHARE (a private mapping shared with the child) has no
 * Linux counterpart and, like an unknown inheritance, is EINVAL; Linux's WIPEONFORK takes
 * private anonymous mappings only (EINVAL for others, where FreeBSD says EACCES), and an
 * unmapped range is ENOMEM on Linux where FreeBSD skips the hole: partial.
 */
public final class MinheritHandler implements SyscallHandler {
    /** {freebsd, first advice, second advice} of minherit.tsv; '-' rows are left out. */
    private static final long[][] INHERIT = load();
    private final long linuxNumber;

    public MinheritHandler(SyscallRow row) {
        this.linuxNumber = row.linuxNumber();
    }

    private static long[][] load() {
        TsvTable t = TsvTable.load("minherit.tsv");
        int cF = t.column("freebsd"), cL = t.column("linux"), cL2 = t.column("linux2");
        return t.rows().stream().filter(r -> !r[cL].trim().equals("-"))
                .map(r -> new long[] {TsvTable.parseNumber(r[cF]), TsvTable.parseNumber(r[cL]), TsvTable.parseNumber(r[cL2])})
                .toArray(long[][]::new);
    }

    private static long[] advices(long inherit) {
        for (long[] r : INHERIT) {
            if (r[0] == inherit) {
                return r;
            }
        }
        return null;
    }

    @Override
    public void enter(Call c) {
        long[] a = advices(c.arg(2));
        if (a == null) {
            c.emulateError(Errno.FREEBSD_EINVAL);
            return;
        }
        if (!PageRangeHandler.pageRange(c, false)) {
            return;
        }
        c.stash[0] = c.registers().arg(0);
        c.stash[1] = c.registers().arg(1);
        c.linuxArg(2, a[1]);
        c.runLinux(linuxNumber);
    }

    @Override
    public void exit(Call c) {
        if (c.step() == 0) {
            c.then(linuxNumber, c.stash[0], c.stash[1], advices(c.arg(2))[2], 0, 0, 0);
            return;
        }
        c.returnValue(0);
    }
}
