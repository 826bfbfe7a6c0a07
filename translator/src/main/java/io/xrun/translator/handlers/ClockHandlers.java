package io.xrun.translator.handlers;

import io.xrun.maps.Errno;
import io.xrun.maps.LinuxSyscalls;
import io.xrun.maps.SyscallRow;
import io.xrun.translator.convert.TimexConverter;
import io.xrun.translator.core.Call;
import io.xrun.translator.core.SyscallHandler;
import io.xrun.translator.core.ThreadIds;
import io.xrun.translator.nativeapi.NativeBuffer;

/**
 * Setting and adjusting the clock, NTP state, CPU-time clock ids and timerfd
 * (sys/kern/kern_time.c, kern_ntptime.c, sys_timerfd.c).
 */
public final class ClockHandlers {
    private static final int NR_ADJTIMEX = LinuxSyscalls.require("adjtimex");
    private static final long CLOCK_REALTIME = Abi.CLOCK_IDS_TABLE.freebsd("CLOCK_REALTIME");
    private static final long CLOCK_MONOTONIC = Abi.CLOCK_IDS_TABLE.freebsd("CLOCK_MONOTONIC");
    private static final long NANOSECOND = 1_000_000_000L;

    private ClockHandlers() {
    }

    /**
     * clock_settime(id, tp) and settimeofday(tv, tz): the struct is copied in (EFAULT), then
     * FreeBSD's privilege check comes first (priv_check PRIV_CLOCK_SETTIME / PRIV_SETTIMEOFDAY:
     * EPERM unless euid 0, asked with a geteuid prelude), then the values: clock_settime only
     * sets CLOCK_REALTIME, and a negative tv_sec or a fraction out of range is EINVAL. tz is
     * ignored, and settimeofday(NULL, ...) changes nothing. The clock is set with Linux's call,
     * which may still refuse (EPERM without CAP_SYS_TIME).
     */
    public static final class Settime implements SyscallHandler {
        private final long linuxNumber;
        private final boolean timeval;

        public Settime(SyscallRow row) {
            this.linuxNumber = row.linuxNumber();
            this.timeval = row.name().equals("settimeofday");
        }

        @Override
        public void enter(Call c) {
            long tp = c.arg(timeval ? 0 : 1);
            if (!timeval && tp == 0) {
                c.emulateError(Errno.FREEBSD_EFAULT);
                return;
            }
            if (tp != 0 && !c.copyIn(tp, 0, 16)) {
                return;
            }
            // settimeofday's struct timezone (two ints) is copied in too, then ignored
            if (timeval && c.arg(1) != 0 && !c.copyIn(c.arg(1), 32, 8)) {
                return;
            }
            if (!Privilege.check(c)) {
                return;
            }
            if (!timeval && c.arg(0) != CLOCK_REALTIME) {
                c.emulateError(Errno.FREEBSD_EINVAL);
                return;
            }
            if (tp == 0) {
                c.emulate(0);
                return;
            }
            NativeBuffer b = c.buffer();
            long frac = b.getLong(8);
            if (b.getLong(0) < 0 || frac < 0 || frac >= (timeval ? 1_000_000 : NANOSECOND)) {
                c.emulateError(Errno.FREEBSD_EINVAL);
                return;
            }
            if (timeval) {
                c.runLinux(linuxNumber, tp, 0, 0, 0, 0, 0);
            } else {
                c.runLinux(linuxNumber, ArgCodec.translate(ArgCodec.CLOCKID, CLOCK_REALTIME), tp, 0, 0, 0, 0);
            }
        }

        @Override
        public void exit(Call c) {
            c.returnValue(0);
        }
    }

    /**
     * adjtime(delta, olddelta) on adjtimex, as glibc's adjtime(3): with a delta (copied in
     * first; then EPERM unless euid 0, kern_time.c kern_adjtime), ADJ_OFFSET_SINGLESHOT with its
     * microseconds; without, ADJ_OFFSET_SS_READ. olddelta receives the adjustment still to be
     * made, as a normalized timeval.
     */
    public static final class Adjtime implements SyscallHandler {
        /** include/uapi/linux/timex.h: ADJ_OFFSET_SINGLESHOT 0x8001, ADJ_OFFSET_SS_READ 0xa001. */
        private static final int ADJ_OFFSET_SINGLESHOT = 0x8001, ADJ_OFFSET_SS_READ = 0xa001;

        public Adjtime(SyscallRow row) {
        }

        @Override
        public void enter(Call c) {
            NativeBuffer b = c.buffer();
            long delta = c.arg(0);
            b.zero(0, TimexConverter.LINUX_TIMEX_SIZE);
            if (delta != 0) {
                if (!c.copyIn(delta, 256, 16) || !Privilege.check(c)) {
                    return;
                }
                b.putInt(0, ADJ_OFFSET_SINGLESHOT);
                b.putLong(8, b.getLong(256) * 1_000_000 + b.getLong(264));
            } else {
                b.putInt(0, ADJ_OFFSET_SS_READ);
            }
            if (!c.copyOut(c.scratch(), 0, TimexConverter.LINUX_TIMEX_SIZE)) {
                return;
            }
            c.runLinux(NR_ADJTIMEX, c.scratch(), 0, 0, 0, 0, 0);
        }

        @Override
        public void exit(Call c) {
            long old = c.arg(1);
            if (old != 0) {
                NativeBuffer b = c.buffer();
                if (!c.copyIn(c.scratch() + 8, 0, 8)) {
                    return;
                }
                long us = b.getLong(0);
                b.putLong(0, Math.floorDiv(us, 1_000_000));
                b.putLong(8, Math.floorMod(us, 1_000_000));
                if (!c.copyOut(old, 0, 16)) {
                    return;
                }
            }
            c.returnValue(0);
        }
    }

    /**
     * ntp_gettime(ntv) and ntp_adjtime(tp) on adjtimex (kern_ntptime.c). ntp_adjtime copies the
     * FreeBSD struct timex in, converts it (TimexConverter: mode bits through timex.tsv; MOD_PPSMAX
     * and MOD_CLKA/B are dropped) and writes the result back; both return the clock state
     * (TIME_ERROR when unsynchronized). Modes other than 0 need privilege on both (EPERM).
     */
    public static final class Ntp implements SyscallHandler {
        private final boolean adjtime;

        public Ntp(SyscallRow row) {
            this.adjtime = row.name().equals("ntp_adjtime");
        }

        @Override
        public void enter(Call c) {
            NativeBuffer b = c.buffer();
            if (adjtime) {
                if (!c.copyIn(c.arg(0), 0, TimexConverter.FREEBSD_TIMEX_SIZE)) {
                    return;
                }
                c.stash[0] = b.getInt(0);
                TimexConverter.toLinux(b, 0, 256);
            } else {
                b.zero(256, TimexConverter.LINUX_TIMEX_SIZE);
            }
            if (!c.copyOut(c.scratch(), 256, TimexConverter.LINUX_TIMEX_SIZE)) {
                return;
            }
            c.runLinux(NR_ADJTIMEX, c.scratch(), 0, 0, 0, 0, 0);
        }

        @Override
        public void exit(Call c) {
            NativeBuffer b = c.buffer();
            if (!c.copyIn(c.scratch(), 0, TimexConverter.LINUX_TIMEX_SIZE)) {
                return;
            }
            int size;
            if (adjtime) {
                TimexConverter.toFreebsd(b, 0, 256, (int) c.stash[0]);
                size = TimexConverter.FREEBSD_TIMEX_SIZE;
            } else {
                TimexConverter.toNtptimeval(b, 0, 256, (int) c.linuxResult());
                size = TimexConverter.NTPTIMEVAL_SIZE;
            }
            if (c.copyOut(c.arg(0), 256, size)) {
                c.returnValue(c.linuxResult());
            }
        }
    }

    /**
     * clock_getcpuclockid2(id, which, clock_id) (kern_time.c): CPUCLOCK_WHICH_PID (0) gives the
     * process clock of id (0: the caller; another pid must exist, looked up with getpgid:
     * ESRCH), CPUCLOCK_WHICH_TID (1) the thread clock of id (0: the calling thread; not
     * checked, as FreeBSD does not). The ids are FreeBSD's encoding, which clock_gettime and
     * clock_getres translate.
     */
    public static final class CpuClockId implements SyscallHandler {
        private static final int WHICH_PID = 0, WHICH_TID = 1;
        private static final int NR_GETPGID = LinuxSyscalls.require("getpgid");

        public CpuClockId(SyscallRow row) {
        }

        @Override
        public void enter(Call c) {
            long id = c.arg(0);
            int which = c.intArg(1);
            long clock;
            if (which == WHICH_PID) {
                if (id != 0 && id != c.process().guestPid()) {
                    if (id < 0 || id > Integer.MAX_VALUE) {
                        c.emulateError(Errno.FREEBSD_ESRCH);
                        return;
                    }
                    c.runLinux(NR_GETPGID, id, 0, 0, 0, 0, 0);
                    return;
                }
                clock = TimeHandlers.cpuClock(c.process().guestPid(), true);
            } else if (which == WHICH_TID) {
                clock = TimeHandlers.cpuClock(id != 0 ? id : ThreadIds.toFreebsd(c.thread().guestTid()), false);
            } else {
                c.emulateError(Errno.FREEBSD_EINVAL);
                return;
            }
            c.buffer().putInt(0, (int) clock);
            if (c.copyOut(c.arg(2), 0, 4)) {
                c.emulate(0);
            }
        }

        @Override
        public void exit(Call c) {
            c.buffer().putInt(0, (int) TimeHandlers.cpuClock(c.arg(0), true));
            if (c.copyOut(c.arg(2), 0, 4)) {
                c.returnValue(0);
            }
        }
    }

    /**
     * timerfd_create(clockid, flags) (sys_timerfd.c): CLOCK_REALTIME or CLOCK_MONOTONIC only,
     * flags TFD_CLOEXEC and TFD_NONBLOCK (= O_CLOEXEC, O_NONBLOCK on both, open-flags.tsv), else
     * EINVAL.
     */
    public static final class TimerfdCreate implements SyscallHandler {
        private final long linuxNumber;

        public TimerfdCreate(SyscallRow row) {
            this.linuxNumber = row.linuxNumber();
        }

        @Override
        public void enter(Call c) {
            long clock = c.arg(0);
            long flags = ArgCodec.translate(ArgCodec.PIPEFLAGS, c.arg(1) & 0xffffffffL);
            if ((clock != CLOCK_REALTIME && clock != CLOCK_MONOTONIC) || flags == ArgCodec.INVALID) {
                c.emulateError(Errno.FREEBSD_EINVAL);
                return;
            }
            c.runLinux(linuxNumber, ArgCodec.translate(ArgCodec.CLOCKID, clock), flags, 0, 0, 0, 0);
        }
    }
}
