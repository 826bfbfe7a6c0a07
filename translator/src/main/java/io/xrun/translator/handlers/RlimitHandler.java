package io.xrun.translator.handlers;

import io.xrun.maps.Errno;
import io.xrun.maps.SyscallRow;
import io.xrun.maps.ValueMap;
import io.xrun.translator.core.Call;
import io.xrun.translator.core.SyscallHandler;
import io.xrun.translator.nativeapi.NativeBuffer;

/**
 * getrlimit/setrlimit on prlimit64(0, resource, new, old). Resource numbers differ
 * (rlimits.tsv), and so does RLIM_INFINITY: FreeBSD's is 2^63-1 (sys/sys/resource.h), Linux's
 * is ~0 (include/uapi/linux/resource.h), so both struct rlimit fields are converted.
 * ogetrlimit/osetrlimit take the 4.3BSD {@code struct orlimit} (two int32s, sys/kern/kern_resource.c):
 * reads clamp values above 0x7fffffff to it, writes sign-extend (a negative limit is
 * RLIM_INFINITY, kern_proc_setrlimit).
 */
public final class RlimitHandler implements SyscallHandler {
    private static final long FREEBSD_INFINITY = Abi.RLIMIT_VALUES.freebsd("RLIM_INFINITY");
    private static final long LINUX_INFINITY = Abi.RLIMIT_VALUES.linux("RLIM_INFINITY");
    private final long linuxNumber;
    private static final long ORLIM_MAX = 0x7fffffffL;
    private final boolean set;
    /** struct orlimit {int32 rlim_cur, rlim_max} instead of struct rlimit. */
    private final boolean old;

    public RlimitHandler(SyscallRow row) {
        this.linuxNumber = row.linuxNumber();
        this.set = row.name().endsWith("setrlimit");
        this.old = row.args().contains("orlimit");
    }

    @Override
    public void enter(Call c) {
        long res = Abi.RLIMITS.toLinux(c.arg(0));
        if (res == ValueMap.NONE) {
            c.emulateError(Errno.FREEBSD_EINVAL);
            return;
        }
        long scratch = c.scratch();
        c.linuxArg(0, 0);
        c.linuxArg(1, res);
        if (set) {
            NativeBuffer b = c.buffer();
            if (!c.copyIn(c.arg(1), 0, old ? 8 : 16)) {
                return;
            }
            long cur = old ? b.getInt(0) : b.getLong(0);
            long max = old ? b.getInt(4) : b.getLong(8);
            // FreeBSD clamps a soft limit above the hard one instead of failing
            // (sys/kern/kern_resource.c kern_proc_setrlimit); Linux returns EINVAL.
            if (Long.compareUnsigned(cur, max) > 0) {
                cur = max;
            }
            b.putLong(0, toLinux(cur));
            b.putLong(8, toLinux(max));
            if (!c.copyOut(scratch, 0, 16)) {
                return;
            }
            c.linuxArg(2, scratch);
            c.linuxArg(3, 0);
        } else {
            c.linuxArg(2, 0);
            c.linuxArg(3, scratch);
        }
        c.runLinux(linuxNumber);
    }

    @Override
    public void exit(Call c) {
        if (!set) {
            NativeBuffer b = c.buffer();
            if (!c.copyIn(c.scratch(), 0, 16)) {
                return;
            }
            long cur = toFreebsd(b.getLong(0));
            long max = toFreebsd(b.getLong(8));
            if (old) {
                b.putInt(0, (int) Math.min(cur, ORLIM_MAX));
                b.putInt(4, (int) Math.min(max, ORLIM_MAX));
            } else {
                b.putLong(0, cur);
                b.putLong(8, max);
            }
            if (!c.copyOut(c.arg(1), 0, old ? 8 : 16)) {
                return;
            }
        }
        c.returnValue(0);
    }

    static long toLinux(long v) {
        return v == FREEBSD_INFINITY || v < 0 ? LINUX_INFINITY : v;
    }

    static long toFreebsd(long v) {
        return v == LINUX_INFINITY || v < 0 ? FREEBSD_INFINITY : v;
    }
}
