package io.xrun.translator.handlers;

import io.xrun.maps.Errno;
import io.xrun.maps.LinuxSyscalls;
import io.xrun.maps.SyscallRow;
import io.xrun.maps.TsvTable;
import io.xrun.maps.ValueMap;
import io.xrun.translator.convert.SigeventConverter;
import io.xrun.translator.core.Call;
import io.xrun.translator.core.SyscallHandler;
import io.xrun.translator.nativeapi.NativeBuffer;

/** Interval timers, clock_nanosleep and POSIX timers (sys/kern/kern_time.c). */
public final class TimerHandlers {
    /** FreeBSD clock -> Linux clock for sleeping and for timers, or a FreeBSD errno (clock-use.tsv). */
    private static final long[][] CLOCK_USE = clockUse();
    private static final int SLEEP = 1, TIMER = 2;
    private static final ValueMap ITIMER = ValueMap.load("itimer-which.tsv");
    /** TIMER_ABSTIME: 1 on both (sys/sys/time.h, linux/time.h); FreeBSD refuses other flags. */
    private static final long TIMER_ABSTIME = 1;

    private TimerHandlers() {
    }

    private static long[][] clockUse() {
        TsvTable t = TsvTable.load("clock-use.tsv");
        int cF = t.column("freebsd"), cS = t.column("sleep"), cT = t.column("timer");
        long[][] out = new long[t.rows().size()][];
        int i = 0;
        for (String[] r : t.rows()) {
            out[i++] = new long[] {TsvTable.parseNumber(r[cF]), use(r[cS]), use(r[cT])};
        }
        return out;
    }

    /** A Linux clock number, or -(FreeBSD errno) - 1. */
    private static long use(String cell) {
        String s = cell.trim();
        if (s.startsWith("E")) {
            return -(long) Errno.table().freebsd(s) - 1;
        }
        return TsvTable.parseNumber(s);
    }

    /** The Linux clock for this use, or -(FreeBSD errno) - 1; unknown clocks are EINVAL. */
    static long clock(long freebsdClock, int use) {
        for (long[] r : CLOCK_USE) {
            if (r[0] == freebsdClock) {
                return r[use];
            }
        }
        return -(long) Errno.FREEBSD_EINVAL - 1;
    }

    /**
     * setitimer(which, itv, oitv) and getitimer(which, itv): the same structs on both. FreeBSD's
     * setitimer with a NULL itv is getitimer into oitv (kern_time.c sys_setitimer); Linux would
     * take NULL as a zero timer, so xrun runs getitimer then.
     */
    public static final class Itimer implements SyscallHandler {
        private static final long GETITIMER = LinuxSyscalls.require("getitimer");
        private final long linuxNumber;
        private final boolean set;

        public Itimer(SyscallRow row) {
            this.linuxNumber = row.linuxNumber();
            this.set = row.name().equals("setitimer");
        }

        @Override
        public void enter(Call c) {
            long which = ITIMER.toLinux((int) c.arg(0));
            if (which == ValueMap.NONE) {
                c.emulateError(Errno.FREEBSD_EINVAL);
                return;
            }
            if (set && c.arg(1) == 0) {
                c.runLinux(GETITIMER, which, c.arg(2), 0, 0, 0, 0);
            } else {
                c.runLinux(linuxNumber, which, c.arg(1), set ? c.arg(2) : 0, 0, 0, 0);
            }
        }

        @Override
        public void exit(Call c) {
            c.returnValue(0);
        }
    }

    /**
     * clock_nanosleep(clock, flags, rqtp, rmtp). FreeBSD returns its error as the call's value
     * (kern_posix_error; result codec posixerr), checks nsec, then flags, then the clock
     * (clock-use.tsv: the fast and precise variants sleep on Linux's precise clock; CPU clocks
     * are ENOTSUP or EINVAL), and returns 0 at once for a time already past (a relative
     * interval that is negative or zero, an absolute one before the epoch, which Linux would
     * call EINVAL). A relative sleep a signal interrupts writes the remaining time to rmtp on
     * both systems.
     */
    public static final class ClockNanosleep implements PosixErrorResult {
        private final long linuxNumber;

        public ClockNanosleep(SyscallRow row) {
            this.linuxNumber = row.linuxNumber();
        }

        @Override
        public void enter(Call c) {
            NativeBuffer b = c.buffer();
            if (c.memory().read(c.arg(2), b, 0, 16) != 16) {
                c.emulate(Errno.FREEBSD_EFAULT);
                return;
            }
            long sec = b.getLong(0);
            long nsec = b.getLong(8);
            long flags = c.arg(1) & 0xffffffffL;
            if (nsec < 0 || nsec >= 1_000_000_000L || (flags & ~TIMER_ABSTIME) != 0) {
                c.emulate(Errno.FREEBSD_EINVAL);
                return;
            }
            long clock = clock((int) c.arg(0), SLEEP);
            if (clock < 0) {
                c.emulate(-clock - 1);
                return;
            }
            if (sec < 0 || (flags == 0 && sec == 0 && nsec == 0)) {
                c.emulate(0);
                return;
            }
            c.runLinux(linuxNumber, clock, flags, c.arg(2), c.arg(3), 0, 0);
        }
    }

    /**
     * ktimer_create(clock, evp, timerid) on timer_create: the clock through clock-use.tsv (the
     * four FreeBSD registers for timers), the struct sigevent converted (SigeventConverter); a
     * NULL evp is SIGEV_SIGNAL with SIGALRM and the timer id as value on both systems. Timer ids
     * are Linux's (FreeBSD numbers them from 3, after the three itimers).
     */
    public static final class KtimerCreate implements SyscallHandler {
        private final long linuxNumber;

        public KtimerCreate(SyscallRow row) {
            this.linuxNumber = row.linuxNumber();
        }

        @Override
        public void enter(Call c) {
            long clock = clock((int) c.arg(0), TIMER);
            if (clock < 0) {
                c.emulateError((int) (-clock - 1));
                return;
            }
            long evp = 0;
            if (c.arg(1) != 0) {
                if (!c.copyIn(c.arg(1), 0, SigeventConverter.FREEBSD_SIZE)) {
                    return;
                }
                if (!SigeventConverter.toLinux(c.buffer(), 0, 128)) {
                    c.emulateError(Errno.FREEBSD_EINVAL);
                    return;
                }
                evp = c.scratch();
                if (!c.copyOut(evp, 128, SigeventConverter.LINUX_SIZE)) {
                    return;
                }
            }
            c.runLinux(linuxNumber, clock, evp, c.arg(2), 0, 0, 0);
        }

        @Override
        public void exit(Call c) {
            c.returnValue(0);
        }
    }
}
