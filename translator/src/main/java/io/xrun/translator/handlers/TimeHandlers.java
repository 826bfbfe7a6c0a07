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

    /**
     * FreeBSD's CPU-time clock ids (sys/kern/kern_time.c): CPUCLOCK_BIT | tid for a thread,
     * CPUCLOCK_BIT | CPUCLOCK_PROCESS_BIT | pid for a process (clock_getcpuclockid2).
     */
    static final long CPUCLOCK_BIT = 0x80000000L, CPUCLOCK_PROCESS_BIT = 0x40000000L,
            CPUCLOCK_ID_MASK = ~(CPUCLOCK_BIT | CPUCLOCK_PROCESS_BIT) & 0xffffffffL;
    /**
     * Linux's CPU clock encoding (include/linux/posix-timers_types.h): ~id << 3 | clock type,
     * CPUCLOCK_SCHED 2, CPUCLOCK_PERTHREAD_MASK 4.
     */
    private static final long L_CPUCLOCK_SCHED = 2, L_CPUCLOCK_PERTHREAD = 4;

    private TimeHandlers() {
    }

    /** The Linux clock id of a FreeBSD CPU-time clock id, or INVALID for a thread id that is not one. */
    static long cpuClockToLinux(long freebsdId) {
        long id = freebsdId & CPUCLOCK_ID_MASK;
        if ((freebsdId & CPUCLOCK_PROCESS_BIT) != 0) {
            return (int) ((~id << 3) | L_CPUCLOCK_SCHED);
        }
        int tid = io.xrun.translator.core.ThreadIds.toLinux(id);
        return tid < 0 ? ArgCodec.INVALID : (int) ((~(long) tid << 3) | L_CPUCLOCK_SCHED | L_CPUCLOCK_PERTHREAD);
    }

    /** The FreeBSD CPU-time clock of a process (MAKE_PROCESS_CPUCLOCK) or of a FreeBSD thread id. */
    static long cpuClock(long id, boolean process) {
        return (int) (CPUCLOCK_BIT | (process ? CPUCLOCK_PROCESS_BIT : 0) | (id & CPUCLOCK_ID_MASK));
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
            long id = (int) c.arg(0) < 0 ? cpuClockToLinux(c.arg(0)) : ArgCodec.translate(ArgCodec.CLOCKID, c.arg(0));
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
