package io.xrun.translator.handlers;

import io.xrun.maps.Errno;
import io.xrun.maps.SyscallRow;
import io.xrun.translator.core.Call;
import io.xrun.translator.core.SyscallHandler;
import io.xrun.translator.nativeapi.NativeBuffer;

/** clock_gettime/clock_getres and nanosleep, where FreeBSD's rules differ from Linux's. */
public final class TimeHandlers {
    /** FreeBSD CLOCK_SECOND (sys/sys/_clock_id.h): whole seconds, resolution exactly 1 s. */
    private static final long CLOCK_SECOND = Abi.CLOCK_IDS_TABLE.freebsd("CLOCK_SECOND");

    private TimeHandlers() {
    }

    /**
     * clock_gettime(id, tp) and clock_getres(id, tp): ids through clock-ids.tsv;
     * CLOCK_SECOND reads the coarse realtime clock truncated to the second, and its
     * resolution is one second (sys/kern/kern_time.c kern_clock_gettime/getres).
     */
    public static final class Clock implements SyscallHandler {
        private final long linuxNumber;
        private final boolean getres;

        public Clock(SyscallRow row) {
            this.linuxNumber = row.linuxNumber();
            this.getres = row.name().equals("clock_getres");
        }

        @Override
        public void enter(Call c) {
            long id = ArgCodec.translate(ArgCodec.CLOCKID, c.arg(0));
            if (id == ArgCodec.INVALID) {
                c.emulateError(Errno.FREEBSD_EINVAL);
                return;
            }
            if (getres && c.arg(0) == CLOCK_SECOND) {
                if (c.arg(1) != 0) {
                    NativeBuffer b = c.buffer();
                    b.putLong(0, 1);
                    b.putLong(8, 0);
                    if (!c.copyOut(c.arg(1), 0, 16)) {
                        return;
                    }
                }
                c.emulate(0);
                return;
            }
            c.linuxArg(0, id);
            c.linuxArg(1, c.arg(1));
            c.runLinux(linuxNumber);
        }

        @Override
        public void exit(Call c) {
            if (!getres && c.arg(0) == CLOCK_SECOND) {
                NativeBuffer b = c.buffer();
                b.putLong(0, 0);
                if (!c.copyOut(c.arg(1) + 8, 0, 8)) {
                    return;
                }
            }
            c.returnValue(0);
        }
    }

    /**
     * nanosleep(rqtp, rmtp): FreeBSD returns at once with success for a negative or zero
     * interval (sys/kern/kern_time.c kern_nanosleep: tv_sec < 0 returns 0), where Linux
     * answers EINVAL; tv_nsec outside [0, 1e9) is EINVAL on both.
     */
    public static final class Nanosleep implements SyscallHandler {
        private final long linuxNumber;

        public Nanosleep(SyscallRow row) {
            this.linuxNumber = row.linuxNumber();
        }

        @Override
        public void enter(Call c) {
            NativeBuffer b = c.buffer();
            if (!c.copyIn(c.arg(0), 0, 16)) {
                return;
            }
            long sec = b.getLong(0);
            long nsec = b.getLong(8);
            if (nsec < 0 || nsec >= 1_000_000_000L) {
                c.emulateError(Errno.FREEBSD_EINVAL);
                return;
            }
            if (sec < 0) {
                c.emulate(0);
                return;
            }
            c.linuxArg(0, c.arg(0));
            c.linuxArg(1, c.arg(1));
            c.runLinux(linuxNumber);
        }
    }
}
