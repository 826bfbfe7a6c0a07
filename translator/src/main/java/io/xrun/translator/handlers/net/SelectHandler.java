package io.xrun.translator.handlers.net;

import io.xrun.maps.SyscallRow;
import io.xrun.translator.convert.SigsetConverter;
import io.xrun.translator.core.Call;
import io.xrun.translator.core.SyscallHandler;
import io.xrun.translator.nativeapi.NativeBuffer;

/**
 * select(nd, in, ou, ex, tv) and pselect(nd, in, ou, ex, ts, sm). fd_set has the same bit layout
 * on both (an array of 64-bit masks, fd n at bit n%64 of word n/64; FreeBSD FD_SETSIZE 1024,
 * sys/sys/select.h), so the guest's sets are handed over as they are. FreeBSD never writes the
 * timeout back (kern_select copies it in only), Linux does: Linux gets a copy in scratch.
 * FreeBSD rejects a timeval with tv_sec or tv_usec negative or tv_usec >= 1000000 with EINVAL
 * (kern_select) where Linux normalizes it; pselect's timespec is converted to such a timeval
 * first (kern_pselect), so tv_nsec out of [0, 1e9) is EINVAL as well. pselect's sigmask
 * (128-bit FreeBSD sigset) becomes Linux pselect6's {sigset *, 8}.
 */
public final class SelectHandler implements SyscallHandler {
    private static final int TV_OFF = 0;
    private static final int SIGSET_OFF = 16;
    private static final int SIGARG_OFF = 32;

    private final long linuxNumber;
    private final boolean pselect;

    public SelectHandler(SyscallRow row) {
        this.linuxNumber = row.linuxNumber();
        this.pselect = row.name().equals("pselect");
    }

    @Override
    public void enter(Call c) {
        NativeBuffer b = c.buffer();
        long scratch = c.scratch();
        if (c.intArg(0) < 0) {
            c.emulateError(NetAbi.EINVAL);
            return;
        }
        for (int i = 0; i < 4; i++) {
            c.linuxArg(i, c.arg(i));
        }
        long tv = c.arg(4);
        if (tv != 0) {
            if (!c.copyIn(tv, 0, 16)) {
                return;
            }
            long sec = b.getLong(0);
            long frac = b.getLong(8);
            long limit = pselect ? 1_000_000_000L : 1_000_000L;
            if (sec < 0 || frac < 0 || frac >= limit) {
                c.emulateError(NetAbi.EINVAL);
                return;
            }
            if (!c.copyOut(scratch + TV_OFF, 0, 16)) {
                return;
            }
            c.linuxArg(4, scratch + TV_OFF);
        } else {
            c.linuxArg(4, 0);
        }
        if (pselect) {
            long set = c.arg(5);
            if (set != 0) {
                if (!c.copyIn(set, 0, SigsetConverter.FREEBSD_SIZE)) {
                    return;
                }
                b.putLong(16, SigsetConverter.toLinux(b, 0));
                b.putLong(24, scratch + SIGSET_OFF);
                b.putLong(32, SigsetConverter.LINUX_SIZE);
                // the set at SIGSET_OFF, then {const sigset_t *ss; size_t ss_len} at SIGARG_OFF
                if (!c.copyOut(scratch + SIGSET_OFF, 16, 8) || !c.copyOut(scratch + SIGARG_OFF, 24, 16)) {
                    return;
                }
                c.linuxArg(5, scratch + SIGARG_OFF);
            } else {
                c.linuxArg(5, 0);
            }
        }
        c.runLinux(linuxNumber);
    }
}
