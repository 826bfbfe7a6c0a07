package io.xrun.translator.handlers;

import io.xrun.maps.ConstantTable;
import io.xrun.maps.Errno;
import io.xrun.maps.LinuxSyscalls;
import io.xrun.maps.SyscallRow;
import io.xrun.maps.TsvTable;
import io.xrun.maps.ValueMap;
import io.xrun.translator.core.Call;
import io.xrun.translator.core.SyscallHandler;

/**
 * The POSIX.1b scheduling calls (sys/kern/p1003_1b.c, ksched.c) on Linux's. Policy numbers and
 * FreeBSD's priority ranges come from sched-policies.tsv. FreeBSD's FIFO/RR priorities 0..31
 * are Linux's 1..32 (both numerically higher = more urgent); SCHED_OTHER's 0..135 (a
 * timeshare priority on FreeBSD) has no Linux counterpart and is 0 there, read back as 0.
 * A negative pid names no process (pfind fails: ESRCH); Linux would say EINVAL.
 * struct sched_param is one int on both (sys/sys/sched.h, linux/sched/types.h).
 */
public final class SchedHandlers {
    static final ConstantTable POLICY_TABLE = ConstantTable.load("sched-policies.tsv");
    static final ValueMap POLICIES = ValueMap.of(POLICY_TABLE);
    private static final long F_OTHER = POLICY_TABLE.freebsd("SCHED_OTHER");
    private static final long F_FIFO = POLICY_TABLE.freebsd("SCHED_FIFO");
    private static final long F_RR = POLICY_TABLE.freebsd("SCHED_RR");
    /** Linux's flag or'ed into sched_getscheduler's result (include/uapi/linux/sched.h). */
    private static final long SCHED_RESET_ON_FORK = 0x40000000L;
    private static final int NR_GETSCHEDULER = LinuxSyscalls.require("sched_getscheduler");
    private static final long[] PRIO_MIN = new long[8];
    private static final long[] PRIO_MAX = new long[8];

    static {
        TsvTable t = TsvTable.load("sched-policies.tsv");
        int cF = t.column("freebsd"), cMin = t.column("prio_min"), cMax = t.column("prio_max");
        java.util.Arrays.fill(PRIO_MIN, -1);
        java.util.Arrays.fill(PRIO_MAX, -1);
        for (String[] r : t.rows()) {
            Long f = TsvTable.parseNumber(r[cF]);
            if (f != null) {
                PRIO_MIN[f.intValue()] = TsvTable.parseNumber(r[cMin]);
                PRIO_MAX[f.intValue()] = TsvTable.parseNumber(r[cMax]);
            }
        }
    }

    private SchedHandlers() {
    }

    /** A FreeBSD policy with a priority range, or -1. */
    private static int known(long policy) {
        return policy >= 0 && policy < PRIO_MIN.length && PRIO_MIN[(int) policy] >= 0 ? (int) policy : -1;
    }

    /** The FreeBSD policy a Linux one reads as (ksched.c getscheduler: all but FIFO/RR are SCHED_OTHER). */
    static long policyToFreebsd(long linuxPolicy) {
        long f = POLICIES.toFreebsd(linuxPolicy & ~SCHED_RESET_ON_FORK);
        return f == ValueMap.NONE ? F_OTHER : f;
    }

    private static boolean realtime(long freebsdPolicy) {
        return freebsdPolicy == F_FIFO || freebsdPolicy == F_RR;
    }

    /**
     * The Linux sched_priority for a FreeBSD one under a FreeBSD policy, or -1 when out of the
     * policy's range: ksched_setscheduler answers EPERM for FIFO/RR and EINVAL for SCHED_OTHER.
     */
    private static long linuxPriority(long policy, long prio) {
        if (prio < PRIO_MIN[(int) policy] || prio > PRIO_MAX[(int) policy]) {
            return -1;
        }
        return realtime(policy) ? prio + 1 : 0;
    }

    private static int rangeError(long policy) {
        return realtime(policy) ? Errno.FREEBSD_EPERM : Errno.FREEBSD_EINVAL;
    }

    private static void preludeError(Call c) {
        int e = Errno.toFreebsd((int) -c.preludeResult());
        c.emulateError(e != 0 ? e : Errno.FREEBSD_EINVAL);
    }

    /** sched_get_priority_max/min(policy): the table's range; EINVAL for another policy. */
    public static final class PriorityRange implements SyscallHandler {
        private final boolean max;

        public PriorityRange(SyscallRow row) {
            this.max = row.name().endsWith("max");
        }

        @Override
        public void enter(Call c) {
            int p = known(c.intArg(0));
            if (p < 0) {
                c.emulateError(Errno.FREEBSD_EINVAL);
            } else {
                c.emulate(max ? PRIO_MAX[p] : PRIO_MIN[p]);
            }
        }
    }

    /** sched_getscheduler(pid): Linux's policy through the table. */
    public static final class GetScheduler implements SyscallHandler {
        public GetScheduler(SyscallRow row) {
        }

        @Override
        public void enter(Call c) {
            if (c.intArg(0) < 0) {
                c.emulateError(Errno.FREEBSD_ESRCH);
                return;
            }
            c.runLinux(NR_GETSCHEDULER, c.intArg(0), 0, 0, 0, 0, 0);
        }

        @Override
        public void exit(Call c) {
            c.returnValue(policyToFreebsd(c.linuxResult()));
        }
    }

    /**
     * sched_setscheduler(pid, policy, param): copyin, then the privilege check FreeBSD makes
     * first ("Don't allow non root user to set a scheduler policy", p1003_1b.c: EPERM unless
     * euid 0, asked with a geteuid prelude), then policy and priority (ksched_setscheduler).
     * sched_setparam(pid, param): the priority under the target's current policy (a
     * sched_getscheduler prelude), no privilege check (p_cansched is Linux's own).
     */
    public static final class Set implements SyscallHandler {
        private static final int NR_SETSCHEDULER = LinuxSyscalls.require("sched_setscheduler");
        private static final int NR_SETPARAM = LinuxSyscalls.require("sched_setparam");
        private final boolean scheduler;

        public Set(SyscallRow row) {
            this.scheduler = row.name().equals("sched_setscheduler");
        }

        @Override
        public void enter(Call c) {
            int pid = c.intArg(0);
            long param = c.arg(scheduler ? 2 : 1);
            if (!c.copyIn(param, 0, 4)) {
                return;
            }
            if (!scheduler && !c.hasPreludeResult()) {
                if (pid < 0) {
                    c.emulateError(Errno.FREEBSD_ESRCH);
                    return;
                }
                c.linuxArg(0, pid);
                c.prelude(NR_GETSCHEDULER);
                return;
            }
            long policy;
            if (scheduler) {
                if (!Privilege.check(c)) {
                    return;
                }
                if (pid < 0) {
                    c.emulateError(Errno.FREEBSD_ESRCH);
                    return;
                }
                policy = known(c.intArg(1));
                if (policy < 0) {
                    c.emulateError(Errno.FREEBSD_EINVAL);
                    return;
                }
            } else {
                if (c.preludeResult() < 0) {
                    preludeError(c);
                    return;
                }
                policy = policyToFreebsd(c.preludeResult());
            }
            long prio = linuxPriority(policy, c.buffer().getInt(0));
            if (prio < 0) {
                c.emulateError(rangeError(policy));
                return;
            }
            c.buffer().putInt(0, (int) prio);
            if (!c.copyOut(c.scratch(), 0, 4)) {
                return;
            }
            if (scheduler) {
                // SCHED_OTHER onto Linux's SCHED_OTHER with its only priority, 0
                c.runLinux(NR_SETSCHEDULER, pid, POLICIES.toLinux(policy), c.scratch(), 0, 0, 0);
            } else {
                c.runLinux(NR_SETPARAM, pid, c.scratch(), 0, 0, 0, 0);
            }
        }

        @Override
        public void exit(Call c) {
            c.returnValue(0);
        }
    }

    /** sched_getparam(pid, param): Linux's priority read back under the target's policy. */
    public static final class GetParam implements SyscallHandler {
        private static final int NR_GETPARAM = LinuxSyscalls.require("sched_getparam");

        public GetParam(SyscallRow row) {
        }

        @Override
        public void enter(Call c) {
            int pid = c.intArg(0);
            if (pid < 0) {
                c.emulateError(Errno.FREEBSD_ESRCH);
                return;
            }
            if (!c.hasPreludeResult()) {
                c.linuxArg(0, pid);
                c.prelude(NR_GETSCHEDULER);
                return;
            }
            if (c.preludeResult() < 0) {
                preludeError(c);
                return;
            }
            c.stash[0] = policyToFreebsd(c.preludeResult());
            c.runLinux(NR_GETPARAM, pid, c.scratch(), 0, 0, 0, 0);
        }

        @Override
        public void exit(Call c) {
            if (!c.copyIn(c.scratch(), 0, 4)) {
                return;
            }
            int lprio = c.buffer().getInt(0);
            c.buffer().putInt(0, realtime(c.stash[0]) ? lprio - 1 : 0);
            if (c.copyOut(c.arg(1), 0, 4)) {
                c.returnValue(0);
            }
        }
    }

    /** sched_rr_get_interval(pid, ts): Linux's, straight into the guest's timespec. */
    public static final class RrInterval implements SyscallHandler {
        private static final int NR_RR = LinuxSyscalls.require("sched_rr_get_interval");

        public RrInterval(SyscallRow row) {
        }

        @Override
        public void enter(Call c) {
            if (c.intArg(0) < 0) {
                c.emulateError(Errno.FREEBSD_ESRCH);
                return;
            }
            c.runLinux(NR_RR, c.intArg(0), c.arg(1), 0, 0, 0, 0);
        }

        @Override
        public void exit(Call c) {
            c.returnValue(0);
        }
    }

    /** sched_getcpu(): Linux getcpu(&cpu, NULL, NULL) into scratch. */
    public static final class Getcpu implements SyscallHandler {
        private static final int NR_GETCPU = LinuxSyscalls.require("getcpu");

        public Getcpu(SyscallRow row) {
        }

        @Override
        public void enter(Call c) {
            c.runLinux(NR_GETCPU, c.scratch(), 0, 0, 0, 0, 0);
        }

        @Override
        public void exit(Call c) {
            if (c.copyIn(c.scratch(), 0, 4)) {
                c.returnValue(c.buffer().getInt(0));
            }
        }
    }

    /**
     * seteuid(euid)/setegid(egid) on setresuid(-1, euid, -1)/setresgid: the same rule
     * (kern_prot.c: the real or saved id, else privilege; Linux also allows the current
     * effective id, which FreeBSD only allows when it is the real or saved one too).
     */
    public static final class SetEffective implements SyscallHandler {
        private final long linuxNumber;

        public SetEffective(SyscallRow row) {
            this.linuxNumber = row.linuxNumber();
        }

        @Override
        public void enter(Call c) {
            c.runLinux(linuxNumber, -1, c.arg(0) & 0xffffffffL, -1, 0, 0, 0);
        }

        @Override
        public void exit(Call c) {
            c.returnValue(0);
        }
    }

    /**
     * rtprio(function, pid, rtp) for a process (kern_resource.c sys_rtprio), in the model of
     * {@link RtprioThreadHandler}: every thread is time-sharing. RTP_SET accepts RTP_PRIO_NORMAL with
 * a timeshare priority (a no-op), refuses the real-time, FIFO and idle classes with EPERM (an
 * unprivileged caller's answer) and other types with EINVAL. RTP_SET's struct is copied in
     * first; pid 0 (or the caller's) is answered at once, another pid is looked up with
     * kill(pid, 0) (ESRCH when there is none; EPERM, another user's process, is p_cansched's
     * EPERM for RTP_SET and fine for RTP_LOOKUP, as p_cansee lets any process be seen).
     */
    public static final class Rtprio implements SyscallHandler {
        private static final int NR_KILL = LinuxSyscalls.require("kill");
        private static final int LINUX_EPERM = (int) Errno.table().linux("EPERM");
        /** sys/sys/rtprio.h: RTP_PRIO_REALTIME 2, RTP_PRIO_IDLE 4, RTP_PRIO_FIFO (REALTIME | RTP_PRIO_FIFO_BIT 8) 10. */
        private static final int RTP_PRIO_REALTIME = 2, RTP_PRIO_IDLE = 4, RTP_PRIO_FIFO = 10;

        public Rtprio(SyscallRow row) {
        }

        @Override
        public void enter(Call c) {
            int function = c.intArg(0);
            int pid = c.intArg(1);
            c.stash[0] = 0;
            if (function == RtprioThreadHandler.RTP_SET && !c.copyIn(c.arg(2), 0, 4)) {
                return;
            }
            if (pid == 0 || pid == c.process().guestPid()) {
                answer(c, function, false);
                return;
            }
            if (pid < 0) {
                c.emulateError(Errno.FREEBSD_ESRCH);
                return;
            }
            c.stash[0] = c.buffer().getInt(0);
            c.runLinux(NR_KILL, pid, 0, 0, 0, 0, 0);
        }

        @Override
        public void exit(Call c) {
            c.buffer().putInt(0, (int) c.stash[0]);
            answerAtExit(c, c.intArg(0), false);
        }

        @Override
        public void exitFailed(Call c) {
            if (c.linuxResult() == -LINUX_EPERM) {
                c.buffer().putInt(0, (int) c.stash[0]);
                answerAtExit(c, c.intArg(0), true);
            } else {
                c.returnLinuxError();
            }
        }

        private static void answer(Call c, int function, boolean foreign) {
            int e = decide(c, function, foreign);
            if (e > 0) {
                c.emulateError(e);
            } else if (e == 0 && (function != RtprioThreadHandler.RTP_LOOKUP || c.copyOut(c.arg(2), 0, 4))) {
                c.emulate(0);
            }
        }

        private static void answerAtExit(Call c, int function, boolean foreign) {
            int e = decide(c, function, foreign);
            if (e > 0) {
                c.returnError(e);
            } else if (e == 0 && (function != RtprioThreadHandler.RTP_LOOKUP || c.copyOut(c.arg(2), 0, 4))) {
                c.returnValue(0);
            }
        }

        /** 0, or a FreeBSD errno; a lookup leaves the answer in the buffer at 0. */
        private static int decide(Call c, int function, boolean foreign) {
            if (function == RtprioThreadHandler.RTP_LOOKUP) {
                c.buffer().putShort(0, (short) RtprioThreadHandler.RTP_PRIO_NORMAL);
                c.buffer().putShort(2, (short) 0);
                return 0;
            }
            if (function != RtprioThreadHandler.RTP_SET) {
                return Errno.FREEBSD_EINVAL;
            }
            if (foreign) {
                return Errno.FREEBSD_EPERM;
            }
            int type = c.buffer().getShort(0) & 0xffff;
            int prio = c.buffer().getShort(2) & 0xffff;
            if (type == RtprioThreadHandler.RTP_PRIO_NORMAL) {
                // rtp_to_pri: a timeshare priority up to PRI_MAX_TIMESHARE - PRI_MIN_TIMESHARE
                return prio <= PRIO_MAX[(int) F_OTHER] ? 0 : Errno.FREEBSD_EINVAL;
            }
            // real-time, FIFO and idle classes need privilege, which xrun never grants; another type is EINVAL
            return type == RTP_PRIO_REALTIME || type == RTP_PRIO_FIFO || type == RTP_PRIO_IDLE
                    ? Errno.FREEBSD_EPERM : Errno.FREEBSD_EINVAL;
        }
    }
}
