/*
 * sched - effective ids, rtprio and the POSIX.1b scheduling calls.
 * Covers: setegid(182) seteuid(183) rtprio(166) yield(321)
 *         sched_setparam(327) sched_getparam(328) sched_setscheduler(329)
 *         sched_getscheduler(330) sched_get_priority_max(332)
 *         sched_get_priority_min(333) sched_rr_get_interval(334)
 *         sched_getcpu(581).
 * Expected results, from FreeBSD's kernel:
 *  - kern_prot.c sys_seteuid/sys_setegid: the real or saved id, else
 *    privilege (EPERM).
 *  - sys/sys/sched.h: SCHED_FIFO 1, SCHED_OTHER 2, SCHED_RR 3.
 *    ksched.c: priority ranges FIFO/RR 0..RTP_PRIO_MAX (31), SCHED_OTHER
 *    0..PRI_MAX_TIMESHARE-PRI_MIN_TIMESHARE (223-88 = 135, sys/sys/priority.h),
 *    another policy EINVAL; a time-sharing thread's policy is SCHED_OTHER;
 *    ksched_setscheduler: a FIFO/RR priority out of range is EPERM, a
 *    SCHED_OTHER one EINVAL. p1003_1b.c: sched_setscheduler copies the
 *    param in, then refuses non-root callers (EPERM) before anything else;
 *    sched_setparam keeps the current policy; pfind of a pid that does not
 *    exist (negative ones included) is ESRCH.
 *  - kern_resource.c sys_rtprio: RTP_SET copies in first; pid 0 is the
 *    caller, another pid must exist (ESRCH); RTP_LOOKUP of a time-sharing
 *    process is type RTP_PRIO_NORMAL (3); rtp_to_pri refuses a NORMAL
 *    priority above 135 and unknown types (EINVAL); another function EINVAL.
 *  - kern_switch/sched_ule: yield and sched_yield return 0; sched_getcpu
 *    returns the current CPU, below hw.ncpu.
 * xrun-covers: __sysctl exit getegid geteuid getgid getpid getuid rtprio
 * xrun-covers: sched_get_priority_max sched_get_priority_min sched_getcpu
 * xrun-covers: sched_getparam sched_getscheduler sched_rr_get_interval sched_setparam
 * xrun-covers: sched_setscheduler setegid seteuid write yield
 */
#include "rt.h"

#define NR_rtprio 166
#define NR_setegid 182
#define NR_seteuid 183
#define NR_yield 321
#define NR_sched_setparam 327
#define NR_sched_getparam 328
#define NR_sched_setscheduler 329
#define NR_sched_getscheduler 330
#define NR_sched_get_priority_max 332
#define NR_sched_get_priority_min 333
#define NR_sched_rr_get_interval 334
#define NR_sched_getcpu 581
#define SCHED_FIFO 1
#define SCHED_OTHER 2
#define SCHED_RR 3
#define RTP_LOOKUP 0
#define RTP_SET 1
#define RTP_PRIO_NORMAL 3

struct rtprio { uint16_t type; uint16_t prio; };

int main(int argc, char **argv, char **envp)
{
	int prm;
	struct timespec ts;
	struct rtprio rtp;
	long uid = sys_getuid(), gid = sys_getgid(), pid = sys_getpid(), r;
	int root = sys_geteuid() == 0;

	(void)argc; (void)argv; (void)envp;
	rt_expect_ret("seteuid(getuid())", SC1(NR_seteuid, uid), 0);
	rt_expect_ret("setegid(getgid())", SC1(NR_setegid, gid), 0);
	r = SC1(NR_setegid, gid + 1);
	rt_expect_true("setegid(getgid() + 1): 0 and getegid() follows as root, else EPERM",
	    root ? r == 0 && sys_getegid() == gid + 1 && SC1(NR_setegid, gid) == 0 && sys_getegid() == gid : r == -EPERM);
	r = SC1(NR_seteuid, uid + 1);
	rt_expect_true("seteuid(getuid() + 1): 0 and geteuid() follows as root, else EPERM",
	    root ? r == 0 && sys_geteuid() == uid + 1 && SC1(NR_seteuid, uid) == 0 && sys_geteuid() == uid : r == -EPERM);

	rt_expect_ret("sched_get_priority_max(SCHED_FIFO)", SC1(NR_sched_get_priority_max, SCHED_FIFO), 31);
	rt_expect_ret("sched_get_priority_max(SCHED_RR)", SC1(NR_sched_get_priority_max, SCHED_RR), 31);
	rt_expect_ret("sched_get_priority_max(SCHED_OTHER)", SC1(NR_sched_get_priority_max, SCHED_OTHER), 135);
	rt_expect_ret("sched_get_priority_max(0)", SC1(NR_sched_get_priority_max, 0), -EINVAL);
	rt_expect_ret("sched_get_priority_min(SCHED_FIFO)", SC1(NR_sched_get_priority_min, SCHED_FIFO), 0);
	rt_expect_ret("sched_get_priority_min(SCHED_RR)", SC1(NR_sched_get_priority_min, SCHED_RR), 0);
	rt_expect_ret("sched_get_priority_min(SCHED_OTHER)", SC1(NR_sched_get_priority_min, SCHED_OTHER), 0);
	rt_expect_ret("sched_get_priority_min(99)", SC1(NR_sched_get_priority_min, 99), -EINVAL);

	rt_expect_ret("sched_getscheduler(0)", SC1(NR_sched_getscheduler, 0), SCHED_OTHER);
	rt_expect_ret("sched_getscheduler(getpid())", SC1(NR_sched_getscheduler, pid), SCHED_OTHER);
	rt_expect_ret("sched_getscheduler(99999999)", SC1(NR_sched_getscheduler, 99999999), -ESRCH);
	rt_expect_ret("sched_getscheduler(-1)", SC1(NR_sched_getscheduler, -1), -ESRCH);

	prm = -1;
	rt_expect_ret("sched_getparam(0, &p)", SC2(NR_sched_getparam, 0, &prm), 0);
	rt_expect_true("  0 <= sched_priority <= 135", prm >= 0 && prm <= 135);
	rt_expect_ret("sched_getparam(99999999, &p)", SC2(NR_sched_getparam, 99999999, &prm), -ESRCH);
	rt_expect_ret("sched_getparam(-1, &p)", SC2(NR_sched_getparam, -1, &prm), -ESRCH);
	rt_expect_ret("sched_getparam(0, (void *)8)", SC2(NR_sched_getparam, 0, 8), -EFAULT);

	prm = 0;
	rt_expect_ret("sched_setparam(0, {0})", SC2(NR_sched_setparam, 0, &prm), 0);
	prm = 135;
	rt_expect_ret("sched_setparam(0, {135})", SC2(NR_sched_setparam, 0, &prm), 0);
	prm = 136;
	rt_expect_ret("sched_setparam(0, {136})", SC2(NR_sched_setparam, 0, &prm), -EINVAL);
	prm = -1;
	rt_expect_ret("sched_setparam(0, {-1})", SC2(NR_sched_setparam, 0, &prm), -EINVAL);
	prm = 0;
	rt_expect_ret("sched_setparam(99999999, {0})", SC2(NR_sched_setparam, 99999999, &prm), -ESRCH);
	rt_expect_ret("sched_setparam(0, (void *)8)", SC2(NR_sched_setparam, 0, 8), -EFAULT);
	rt_expect_ret("  sched_getscheduler(0) after sched_setparam", SC1(NR_sched_getscheduler, 0), SCHED_OTHER);

	prm = 0;
	r = SC3(NR_sched_setscheduler, 0, SCHED_OTHER, &prm);
	rt_expect_true("sched_setscheduler(0, SCHED_OTHER, {0}): 0 as root, else EPERM", root ? r == 0 : r == -EPERM);
	prm = 136;
	r = SC3(NR_sched_setscheduler, 0, SCHED_OTHER, &prm);
	rt_expect_true("sched_setscheduler(0, SCHED_OTHER, {136}): EINVAL as root, else EPERM", root ? r == -EINVAL : r == -EPERM);
	prm = 0;
	r = SC3(NR_sched_setscheduler, 0, 99, &prm);
	rt_expect_true("sched_setscheduler(0, 99, {0}): EINVAL as root, else EPERM", root ? r == -EINVAL : r == -EPERM);
	prm = 32;
	rt_expect_ret("sched_setscheduler(0, SCHED_FIFO, {32})", SC3(NR_sched_setscheduler, 0, SCHED_FIFO, &prm), -EPERM);
	prm = -1;
	rt_expect_ret("sched_setscheduler(0, SCHED_RR, {-1})", SC3(NR_sched_setscheduler, 0, SCHED_RR, &prm), -EPERM);
	rt_expect_ret("sched_setscheduler(0, SCHED_OTHER, (void *)8)", SC3(NR_sched_setscheduler, 0, SCHED_OTHER, 8), -EFAULT);
	rt_expect_ret("  sched_getscheduler(0) after sched_setscheduler", SC1(NR_sched_getscheduler, 0), SCHED_OTHER);

	ts.tv_sec = ts.tv_nsec = -1;
	rt_expect_ret("sched_rr_get_interval(0, &ts)", SC2(NR_sched_rr_get_interval, 0, &ts), 0);
	rt_expect_true("  tv_sec == 0, 0 <= tv_nsec < 1000000000", ts.tv_sec == 0 && ts.tv_nsec >= 0 && ts.tv_nsec < 1000000000);
	rt_expect_ret("sched_rr_get_interval(99999999, &ts)", SC2(NR_sched_rr_get_interval, 99999999, &ts), -ESRCH);
	rt_expect_ret("sched_rr_get_interval(-1, &ts)", SC2(NR_sched_rr_get_interval, -1, &ts), -ESRCH);
	rt_expect_ret("sched_rr_get_interval(0, (void *)8)", SC2(NR_sched_rr_get_interval, 0, 8), -EFAULT);

	{
		int mib[2] = {CTL_HW, HW_NCPU}, ncpu = 0;
		size_t len = sizeof ncpu;
		sys___sysctl(mib, 2, &ncpu, &len, 0, 0);
		r = SC0(NR_sched_getcpu);
		rt_expect_true("0 <= sched_getcpu() < hw.ncpu", r >= 0 && r < ncpu);
	}
	rt_expect_ret("yield()", SC0(NR_yield), 0);

	memset(&rtp, 0xff, sizeof rtp);
	rt_expect_ret("rtprio(RTP_LOOKUP, 0, &rtp)", SC3(NR_rtprio, RTP_LOOKUP, 0, &rtp), 0);
	rt_expect_eq("  type (RTP_PRIO_NORMAL)", rtp.type, RTP_PRIO_NORMAL);
	rt_expect_true("  prio <= 135", rtp.prio <= 135);
	rt_expect_ret("rtprio(RTP_LOOKUP, getpid(), &rtp)", SC3(NR_rtprio, RTP_LOOKUP, pid, &rtp), 0);
	rt_expect_eq("  type (RTP_PRIO_NORMAL)", rtp.type, RTP_PRIO_NORMAL);
	rt_expect_ret("rtprio(RTP_LOOKUP, 1, &rtp)", SC3(NR_rtprio, RTP_LOOKUP, 1, &rtp), 0);
	rt_expect_ret("rtprio(RTP_LOOKUP, 99999999, &rtp)", SC3(NR_rtprio, RTP_LOOKUP, 99999999, &rtp), -ESRCH);
	rt_expect_ret("rtprio(RTP_LOOKUP, 0, (void *)8)", SC3(NR_rtprio, RTP_LOOKUP, 0, 8), -EFAULT);
	rtp.type = RTP_PRIO_NORMAL;
	rtp.prio = 0;
	rt_expect_ret("rtprio(RTP_SET, 0, {RTP_PRIO_NORMAL, 0})", SC3(NR_rtprio, RTP_SET, 0, &rtp), 0);
	rtp.prio = 136;
	rt_expect_ret("rtprio(RTP_SET, 0, {RTP_PRIO_NORMAL, 136})", SC3(NR_rtprio, RTP_SET, 0, &rtp), -EINVAL);
	rtp.type = 99;
	rtp.prio = 0;
	rt_expect_ret("rtprio(RTP_SET, 0, {99, 0})", SC3(NR_rtprio, RTP_SET, 0, &rtp), -EINVAL);
	rt_expect_ret("rtprio(RTP_SET, 0, (void *)8)", SC3(NR_rtprio, RTP_SET, 0, 8), -EFAULT);
	rt_expect_ret("rtprio(7, 0, &rtp)", SC3(NR_rtprio, 7, 0, &rtp), -EINVAL);
	rt_expect_ret("rtprio(RTP_LOOKUP, 99999999, &rtp)", SC3(NR_rtprio, RTP_LOOKUP, 99999999, &rtp), -ESRCH);
	return rt_finish();
}
