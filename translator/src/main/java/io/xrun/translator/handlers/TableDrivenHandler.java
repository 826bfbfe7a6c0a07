package io.xrun.translator.handlers;

import io.xrun.maps.Errno;
import io.xrun.maps.SyscallRow;
import io.xrun.translator.core.Call;
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

    private TableDrivenHandler(long linuxNumber, int[] codecs, boolean zeroResult, boolean posixErr) {
        this.linuxNumber = linuxNumber;
        this.codecs = codecs;
        this.zeroResult = zeroResult;
        this.posixErr = posixErr;
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
        switch (row.result()) {
            case "int": case "ssize": case "fd": case "ptr": case "off": case "pid": case "uid": case "void":
                return new TableDrivenHandler(row.linuxNumber(), codes, false, false);
            case "zero":
                return new TableDrivenHandler(row.linuxNumber(), codes, true, false);
            case "posixerr":
                return new TableDrivenHandler(row.linuxNumber(), codes, true, true);
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
            long v = ArgCodec.translate(codecs[i], c.arg(i));
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
