package io.xrun.translator.handlers;

import io.xrun.maps.AtFlags;
import io.xrun.maps.Errno;
import io.xrun.maps.SyscallRow;
import io.xrun.translator.core.Call;
import io.xrun.translator.core.StubShape;
import io.xrun.translator.core.SyscallHandler;

/**
 * Handles every row whose translation the table says completely: a Linux syscall number,
 * one value/flag codec per argument, and a result codec. Most of the table is this.
 */
public final class TableDrivenHandler implements SyscallHandler {
    private final long linuxNumber;
    private final int[] codecs;
    private final boolean zeroResult;
    /** Result codec posixerr: the FreeBSD errno is the call's value, CF clear (kern_posix_error). */
    private final boolean posixErr;
    /** The FreeBSD AT_* bits the row's syscall accepts (AtFlags), for its atflags argument; else 0. */
    private final long atAccepted;
    /** See {@link #plainLinuxNumber}: every argument passes unchanged and the FreeBSD and Linux calls are namesakes. */
    private final boolean plain;
    /** See {@link #stubShape}. */
    private final StubShape stubShape;

    private TableDrivenHandler(long linuxNumber, int[] codecs, boolean zeroResult, boolean posixErr, boolean namesake,
                               long atAccepted) {
        this.linuxNumber = linuxNumber;
        this.codecs = codecs;
        this.zeroResult = zeroResult;
        this.posixErr = posixErr;
        this.atAccepted = atAccepted;
        boolean pass = namesake && !zeroResult && !posixErr;
        int oflags = -1;
        int atflags = -1;
        int others = 0;
        for (int i = 0; i < codecs.length; i++) {
            if (codecs[i] == ArgCodec.OFLAGS && oflags < 0) {
                oflags = i;
            } else if (codecs[i] == ArgCodec.ATFLAGS && atflags < 0) {
                atflags = i;
            } else if (codecs[i] != ArgCodec.PASS) {
                others++;
            }
        }
        this.plain = pass && oflags < 0 && atflags < 0 && others == 0;
        this.stubShape = pass && others == 0 && (oflags >= 0 || atflags >= 0)
                ? new StubShape(oflags, atflags, atflags >= 0 ? atAccepted : 0, -1, false) : null;
    }

    /**
     * Rows plain but for one O_* and/or one AT_* flags argument (open, openat, unlinkat,
     * fchownat, linkat...): a stub refuses the AT_* bits the syscall does not accept and
     * translates the rest as {@link ArgCodec#translate} and {@link ArgCodec#atFlags} do.
     */
    @Override
    public StubShape stubShape() {
        return stubShape;
    }

    /**
     * The Linux number when this row is a pure renumbering: every argument passes unchanged,
     * the Linux call of the same name takes the same arguments (a namesake: FreeBSD read is
     * Linux read), and the value comes back as it is. Such a call needs nothing of the
     * supervisor but the number and FreeBSD's errno/carry convention, so the in-guest stubs
     * (fastpath.StubCode) may run it. -1 for every other row.
     */
    @Override
    public long plainLinuxNumber() {
        return plain ? linuxNumber : -1;
    }

    /** The handler for a row, or null when the row needs a dedicated handler. */
    public static SyscallHandler forRow(SyscallRow row) {
        if (!row.runsOnLinux()) {
            return null;
        }
        int[] codes = new int[row.args().size()];
        for (int i = 0; i < codes.length; i++) {
            codes[i] = ArgCodec.code(row.args().get(i));
            if (codes[i] == ArgCodec.NEEDS_HANDLER) {
                return null;
            }
        }
        boolean namesake = row.name().equals(row.linuxName());
        // an atflags argument: the bits this syscall accepts, from at-flags.tsv (fails loudly
        // for a row the table does not name)
        long at = row.args().contains("atflags") ? AtFlags.accepted(row.name()) : 0;
        switch (row.result()) {
            case "int": case "ssize": case "fd": case "ptr": case "off": case "pid": case "uid": case "void":
                return new TableDrivenHandler(row.linuxNumber(), codes, false, false, namesake, at);
            case "zero":
                return new TableDrivenHandler(row.linuxNumber(), codes, true, false, namesake, at);
            case "posixerr":
                return new TableDrivenHandler(row.linuxNumber(), codes, true, true, namesake, at);
            default:
                return null;
        }
    }

    @Override
    public void enter(Call c) {
        int j = 0;
        for (int i = 0; i < codecs.length; i++) {
            if (codecs[i] == ArgCodec.PAD) {
                continue;
            }
            long v = codecs[i] == ArgCodec.ATFLAGS ? ArgCodec.atFlags(c.arg(i), atAccepted)
                    : ArgCodec.translate(codecs[i], c.arg(i));
            if (v == ArgCodec.INVALID) {
                if (posixErr) {
                    c.emulate(Errno.FREEBSD_EINVAL);
                } else {
                    c.emulateError(Errno.FREEBSD_EINVAL);
                }
                return;
            }
            c.linuxArg(j++, v);
        }
        // Arguments the Linux call has and the FreeBSD one lacks (osend's sendto address) are 0,
        // not whatever the guest left in those registers.
        for (; j < 6; j++) {
            c.linuxArg(j, 0);
        }
        c.runLinux(linuxNumber);
    }

    @Override
    public void exit(Call c) {
        c.returnValue(zeroResult ? 0 : c.linuxResult());
    }

    @Override
    public void exitFailed(Call c) {
        if (posixErr) {
            c.returnLinuxErrorAsValue();
        } else {
            c.returnLinuxError();
        }
    }
}
