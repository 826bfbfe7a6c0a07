package io.xrun.translator.handlers;

import io.xrun.maps.AtFlags;
import io.xrun.maps.Errno;
import io.xrun.maps.SyscallRow;
import io.xrun.translator.convert.StatConverter;
import io.xrun.translator.core.Call;
import io.xrun.translator.core.StubShape;
import io.xrun.translator.core.SyscallHandler;
import io.xrun.translator.nativeapi.NativeBuffer;

/**
 * fstat, fstatat and the FreeBSD 11 stat family: the Linux call fills a Linux struct stat,
 * converted at exit. FreeBSD 12+'s struct (224 bytes) is larger than Linux's (144), so Linux
 * writes straight into the guest's buffer; the FreeBSD 11 struct (120) is smaller, so Linux
 * writes into guest scratch memory first, as for the 4.3BSD struct ostat (88) of ostat, olstat
 * and ofstat.
 */
public final class StatHandler implements SyscallHandler {
    private static final int EOVERFLOW = (int) io.xrun.maps.Errno.table().freebsd("EOVERFLOW");

    private final long linuxNumber;
    /** Index of the struct pointer among the arguments, and of the AT_ flags (or -1). */
    private final int statArg;
    private final int flagsArg;
    /**
     * The FreeBSD AT_* bits fstatat and freebsd11_fstatat accept (at-flags.tsv, vfs_syscalls.c
     * kern_statat: AT_SYMLINK_NOFOLLOW, AT_RESOLVE_BENEATH, AT_EMPTY_PATH); 0 without flags.
     */
    private final long flagsAccepted;
    private final boolean v11;
    /** The 4.3BSD struct ostat (ostat, olstat, ofstat): 88 bytes, also written through scratch. */
    private final boolean v43;
    /** The FreeBSD 11 struct nstat (freebsd11_nstat, nfstat, nlstat): 128 bytes, through scratch. */
    private final boolean vn;
    private final int argCount;

    public StatHandler(SyscallRow row) {
        this.linuxNumber = row.linuxNumber();
        this.statArg = Math.max(Math.max(row.args().indexOf("stat"), row.args().indexOf("stat11")),
                Math.max(row.args().indexOf("ostat"), row.args().indexOf("nstat")));
        this.flagsArg = row.args().indexOf("atflags");
        this.flagsAccepted = flagsArg >= 0 ? AtFlags.accepted(row.name()) : 0;
        this.v11 = row.args().contains("stat11");
        this.v43 = row.args().contains("ostat");
        this.vn = row.args().contains("nstat");
        this.argCount = row.args().size();
        if (statArg < 0) {
            throw new IllegalStateException(row.name() + ": no stat argument in the table");
        }
    }

    @Override
    public void enter(Call c) {
        for (int i = 0; i < argCount; i++) {
            long v = c.arg(i);
            if (i == flagsArg) {
                v = ArgCodec.atFlags(v, flagsAccepted);
                if (v == ArgCodec.INVALID) {
                    c.emulateError(Errno.FREEBSD_EINVAL);
                    return;
                }
            } else if (i == statArg && (v11 || v43 || vn)) {
                v = c.scratch();
            }
            c.linuxArg(i, v);
        }
        c.runLinux(linuxNumber);
    }

    /**
     * fstat and fstatat with FreeBSD 12+'s struct stat: the stub translates the AT_* flags,
     * lets Linux write its struct into the guest's buffer and converts it in place, as
     * {@link StatConverter#toFreebsd} does here.
     */
    @Override
    public StubShape stubShape() {
        return v11 || v43 || vn ? null : new StubShape(-1, flagsArg, flagsAccepted, statArg, false);
    }

    @Override
    public void exit(Call c) {
        NativeBuffer b = c.buffer();
        long guest = c.arg(statArg);
        long src = v11 || v43 || vn ? c.scratch() : guest;
        if (!c.copyIn(src, 0, StatConverter.LINUX_SIZE)) {
            return;
        }
        int size;
        if (v43) {
            StatConverter.toOstat(b, 0, 256);
            size = StatConverter.OSTAT_SIZE;
        } else if (vn) {
            if (!StatConverter.toNstat(b, 0, 512, 256)) {
                c.returnError(EOVERFLOW);
                return;
            }
            size = StatConverter.NSTAT_SIZE;
        } else if (v11) {
            if (!StatConverter.toFreebsd11(b, 0, 256)) {
                c.returnError(EOVERFLOW);
                return;
            }
            size = StatConverter.FREEBSD11_SIZE;
        } else {
            StatConverter.toFreebsd(b, 0, 256);
            size = StatConverter.FREEBSD_SIZE;
        }
        if (!c.copyOut(guest, 256, size)) {
            return;
        }
        c.returnValue(0);
    }
}
