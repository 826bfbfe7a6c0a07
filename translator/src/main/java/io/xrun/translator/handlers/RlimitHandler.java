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
 */
public final class RlimitHandler implements SyscallHandler {
    private static final long FREEBSD_INFINITY = Abi.RLIMIT_VALUES.freebsd("RLIM_INFINITY");
    private static final long LINUX_INFINITY = Abi.RLIMIT_VALUES.linux("RLIM_INFINITY");
    private final long linuxNumber;
    private final boolean set;

    public RlimitHandler(SyscallRow row) {
        this.linuxNumber = row.linuxNumber();
        this.set = row.name().equals("setrlimit");
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
            if (!c.copyIn(c.arg(1), 0, 16)) {
                return;
            }
            long cur = b.getLong(0);
            long max = b.getLong(8);
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
            b.putLong(0, toFreebsd(b.getLong(0)));
            b.putLong(8, toFreebsd(b.getLong(8)));
            if (!c.copyOut(c.arg(1), 0, 16)) {
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
