/*
 * cpuset - cpuset ids and NUMA domain policies.
 * Covers: cpuset(484) cpuset_setid(485) cpuset_getid(486)
 *         cpuset_getdomain(561) cpuset_setdomain(562).
 * Expected results: cpuset(2), cpuset_getdomain(2), sys/sys/cpuset.h
 * (CPU_LEVEL_ROOT 1, CPUSET 2, WHICH 3; CPU_WHICH_TID 1, PID 2, CPUSET 3,
 * IRQ 4, JAIL 5, DOMAIN 6), sys/sys/domainset.h (ROUNDROBIN 1, FIRSTTOUCH
 * 2, PREFER 3, INTERLEAVE 4) and sys/kern/kern_cpuset.c on a machine with
 * one memory domain, run as root outside any jail: set 0 is the root, set 1
 * the default every process starts in, set 2 the kernel's, so cpuset()
 * gives an id above 2 and moves the caller there (its root stays 0); a
 * forked child inherits the set; CPU_LEVEL_WHICH is only for
 * CPU_WHICH_CPUSET in cpuset_getid (EINVAL); unknown set ids and jails
 * ESRCH, IRQ/DOMAIN EINVAL; cpuset_setid takes CPU_WHICH_PID only
 * (EINVAL) and a known set (ESRCH); domains: a domainsetsize of 8..32
 * bytes (ERANGE otherwise), mask {0} with the default first-touch policy
 * (domainset0), a policy outside 1..4 EINVAL, PREFER with two domains
 * EINVAL, a mask without domain 0 interleave (domainset2), the root set's
 * domain writable by root outside a jail (cpuset_modify_domain), a
 * process's own policy at CPU_LEVEL_WHICH apart from its set's.
 * xrun-covers: cpuset cpuset_setid cpuset_getid cpuset_getdomain cpuset_setdomain
 * xrun-covers: exit fork getpid thr_self wait4 write
 */
#include "rt.h"

#define NR_fork 2
#define NR_wait4 7
#define NR_thr_self 432
#define NR_cpuset 484
#define NR_cpuset_setid 485
#define NR_cpuset_getid 486
#define NR_cpuset_getdomain 561
#define NR_cpuset_setdomain 562
#define ROOT 1
#define CPUSET 2
#define WHICH 3
#define W_TID 1
#define W_PID 2
#define W_CPUSET 3
#define W_IRQ 4
#define W_JAIL 5
#define W_DOMAIN 6
#define RR 1
#define FT 2
#define PREFER 3
#define IL 4

static int id;

static long getid(int level, int which, long who)
{
	id = -99;
	long r = SC4(NR_cpuset_getid, level, which, who, &id);
	return r < 0 ? r : id;
}

static void domain(const char *what, int level, int which, long who)
{
	unsigned char mask[32];
	int policy = -1;
	memset(mask, 0x55, sizeof mask);
	long r = SC6(NR_cpuset_getdomain, level, which, who, 32, mask, &policy);
	rt_expect_ret(what, r, 0);
	int rest = 1;
	for (int i = 1; i < 32; i++)
		rest &= mask[i] == 0;
	rt_say("  mask[0]=%d rest zero=%s policy=%d", mask[0], rest ? "yes" : "no", policy);
}

int main(int argc, char **argv, char **envp)
{
	(void)argc; (void)argv; (void)envp;
	long pid = sys_getpid();
	long tid = -1;
	SC1(NR_thr_self, &tid);
	unsigned long m8 = 1, m2 = 2, m3 = 3;
	unsigned char big[32];

	rt_expect_ret("cpuset_getid(CPU_LEVEL_CPUSET, CPU_WHICH_PID, -1)", getid(CPUSET, W_PID, -1), 1);
	rt_expect_ret("cpuset_getid(CPU_LEVEL_ROOT, CPU_WHICH_PID, -1)", getid(ROOT, W_PID, -1), 0);
	rt_expect_ret("cpuset_getid(CPU_LEVEL_CPUSET, CPU_WHICH_PID, getpid())", getid(CPUSET, W_PID, pid), 1);
	rt_expect_ret("cpuset_getid(CPU_LEVEL_CPUSET, CPU_WHICH_TID, thr_self())", getid(CPUSET, W_TID, tid), 1);
	rt_expect_ret("cpuset_getid(CPU_LEVEL_WHICH, CPU_WHICH_CPUSET, 1)", getid(WHICH, W_CPUSET, 1), 1);
	rt_expect_ret("cpuset_getid(CPU_LEVEL_ROOT, CPU_WHICH_CPUSET, 1)", getid(ROOT, W_CPUSET, 1), 0);
	rt_expect_ret("cpuset_getid(CPU_LEVEL_WHICH, CPU_WHICH_PID, -1)", getid(WHICH, W_PID, -1), -EINVAL);
	rt_expect_ret("cpuset_getid(CPU_LEVEL_CPUSET, CPU_WHICH_CPUSET, 12345)", getid(CPUSET, W_CPUSET, 12345), -ESRCH);
	rt_expect_ret("cpuset_getid(CPU_LEVEL_CPUSET, CPU_WHICH_JAIL, 1)", getid(CPUSET, W_JAIL, 1), -ESRCH);
	rt_expect_ret("cpuset_getid(CPU_LEVEL_CPUSET, CPU_WHICH_IRQ, 1)", getid(CPUSET, W_IRQ, 1), -EINVAL);
	rt_expect_ret("cpuset_getid(CPU_LEVEL_CPUSET, 99, -1)", getid(CPUSET, 99, -1), -EINVAL);
	rt_expect_ret("cpuset_getid(CPU_LEVEL_CPUSET, CPU_WHICH_PID, 99999)", getid(CPUSET, W_PID, 99999), -ESRCH);
	rt_expect_ret("cpuset_getid(CPU_LEVEL_CPUSET, CPU_WHICH_PID, -1, (void *)1)", SC4(NR_cpuset_getid, CPUSET, W_PID, -1, 1), -EFAULT);

	int newid = -1;
	rt_expect_ret("cpuset(&id)", SC1(NR_cpuset, &newid), 0);
	rt_expect_true("  id > 2", newid > 2);
	rt_expect_true("cpuset_getid(CPU_LEVEL_CPUSET, CPU_WHICH_PID, -1) == id", getid(CPUSET, W_PID, -1) == newid);
	rt_expect_ret("cpuset_getid(CPU_LEVEL_ROOT, CPU_WHICH_PID, -1)", getid(ROOT, W_PID, -1), 0);
	rt_expect_true("cpuset_getid(CPU_LEVEL_WHICH, CPU_WHICH_CPUSET, id) == id", getid(WHICH, W_CPUSET, newid) == newid);
	long child = SC0(NR_fork);
	if (child == 0)
		sys_exit(getid(CPUSET, W_PID, -1) == newid ? 0 : 1);
	int status = -1;
	SC4(NR_wait4, child, &status, 0, 0);
	rt_expect_eq("a forked child is in the same set (exit status)", status, 0);
	rt_expect_ret("cpuset_setid(CPU_WHICH_PID, -1, 1)", SC3(NR_cpuset_setid, W_PID, -1, 1), 0);
	rt_expect_ret("cpuset_getid(CPU_LEVEL_CPUSET, CPU_WHICH_PID, -1)", getid(CPUSET, W_PID, -1), 1);
	rt_expect_ret("cpuset_setid(CPU_WHICH_PID, -1, 12345)", SC3(NR_cpuset_setid, W_PID, -1, 12345), -ESRCH);
	rt_expect_ret("cpuset_setid(CPU_WHICH_TID, -1, 1)", SC3(NR_cpuset_setid, W_TID, -1, 1), -EINVAL);
	rt_expect_true("cpuset_setid(CPU_WHICH_PID, getpid(), id) == 0", SC3(NR_cpuset_setid, W_PID, pid, newid) == 0);
	rt_expect_true("cpuset_getid(CPU_LEVEL_CPUSET, CPU_WHICH_PID, -1) == id", getid(CPUSET, W_PID, -1) == newid);

	/* domains */
	domain("cpuset_getdomain(CPU_LEVEL_CPUSET, CPU_WHICH_PID, -1, 32, mask, &policy)", CPUSET, W_PID, -1);
	domain("cpuset_getdomain(CPU_LEVEL_ROOT, CPU_WHICH_PID, -1, 32, mask, &policy)", ROOT, W_PID, -1);
	int policy = 0;
	rt_expect_ret("cpuset_getdomain(CPU_LEVEL_CPUSET, CPU_WHICH_PID, -1, 4, ...)", SC6(NR_cpuset_getdomain, CPUSET, W_PID, -1, 4, big, &policy), -ERANGE);
	rt_expect_ret("cpuset_getdomain(CPU_LEVEL_CPUSET, CPU_WHICH_PID, -1, 33, ...)", SC6(NR_cpuset_getdomain, CPUSET, W_PID, -1, 33, big, &policy), -ERANGE);
	rt_expect_ret("cpuset_getdomain(CPU_LEVEL_CPUSET, CPU_WHICH_DOMAIN, 0, 8, ...)", SC6(NR_cpuset_getdomain, CPUSET, W_DOMAIN, 0, 8, big, &policy), -EINVAL);
	rt_expect_ret("cpuset_getdomain(9, CPU_WHICH_PID, -1, 8, ...)", SC6(NR_cpuset_getdomain, 9, W_PID, -1, 8, big, &policy), -EINVAL);
	rt_expect_ret("cpuset_getdomain(CPU_LEVEL_CPUSET, CPU_WHICH_PID, -1, 8, (void *)1, &policy)", SC6(NR_cpuset_getdomain, CPUSET, W_PID, -1, 8, 1, &policy), -EFAULT);
	rt_expect_ret("cpuset_setdomain(CPU_LEVEL_CPUSET, CPU_WHICH_PID, -1, 8, {0}, ROUNDROBIN)", SC6(NR_cpuset_setdomain, CPUSET, W_PID, -1, 8, &m8, RR), 0);
	domain("cpuset_getdomain(CPU_LEVEL_CPUSET, CPU_WHICH_PID, -1, 32, mask, &policy)", CPUSET, W_PID, -1);
	rt_expect_ret("cpuset_setdomain(CPU_LEVEL_WHICH, CPU_WHICH_PID, -1, 8, {0}, PREFER)", SC6(NR_cpuset_setdomain, WHICH, W_PID, -1, 8, &m8, PREFER), 0);
	domain("cpuset_getdomain(CPU_LEVEL_WHICH, CPU_WHICH_PID, -1, 32, mask, &policy)", WHICH, W_PID, -1);
	domain("cpuset_getdomain(CPU_LEVEL_CPUSET, CPU_WHICH_PID, -1, 32, mask, &policy) [the set's]", CPUSET, W_PID, -1);
	rt_expect_ret("cpuset_setdomain(CPU_LEVEL_WHICH, CPU_WHICH_PID, -1, 8, {1}, FIRSTTOUCH) [no domain 1]", SC6(NR_cpuset_setdomain, WHICH, W_PID, -1, 8, &m2, FT), 0);
	domain("cpuset_getdomain(CPU_LEVEL_WHICH, CPU_WHICH_PID, -1, 32, mask, &policy)", WHICH, W_PID, -1);
	rt_expect_ret("cpuset_setdomain(CPU_LEVEL_WHICH, CPU_WHICH_PID, -1, 8, {0,1}, PREFER)", SC6(NR_cpuset_setdomain, WHICH, W_PID, -1, 8, &m3, PREFER), -EINVAL);
	rt_expect_ret("cpuset_setdomain(CPU_LEVEL_CPUSET, CPU_WHICH_PID, -1, 8, {0}, 5)", SC6(NR_cpuset_setdomain, CPUSET, W_PID, -1, 8, &m8, 5), -EINVAL);
	rt_expect_ret("cpuset_setdomain(CPU_LEVEL_CPUSET, CPU_WHICH_PID, -1, 8, {0}, 0)", SC6(NR_cpuset_setdomain, CPUSET, W_PID, -1, 8, &m8, 0), -EINVAL);
	rt_expect_ret("cpuset_setdomain(CPU_LEVEL_CPUSET, CPU_WHICH_PID, -1, 4, {0}, FIRSTTOUCH)", SC6(NR_cpuset_setdomain, CPUSET, W_PID, -1, 4, &m8, FT), -ERANGE);
	memset(big, 0, sizeof big);
	big[0] = 1;
	big[9] = 1;
	rt_expect_ret("cpuset_setdomain(CPU_LEVEL_CPUSET, CPU_WHICH_PID, -1, 32, {0, byte 9 set}, FIRSTTOUCH)", SC6(NR_cpuset_setdomain, CPUSET, W_PID, -1, 32, big, FT), -EINVAL);
	rt_expect_ret("cpuset_setdomain(CPU_LEVEL_ROOT, CPU_WHICH_PID, -1, 8, {0}, FIRSTTOUCH) [as root]", SC6(NR_cpuset_setdomain, ROOT, W_PID, -1, 8, &m8, FT), 0);
	domain("cpuset_getdomain(CPU_LEVEL_ROOT, CPU_WHICH_PID, -1, 32, mask, &policy)", ROOT, W_PID, -1);
	rt_expect_ret("cpuset_setdomain(CPU_LEVEL_CPUSET, CPU_WHICH_PID, -1, 8, (void *)1, FIRSTTOUCH)", SC6(NR_cpuset_setdomain, CPUSET, W_PID, -1, 8, 1, FT), -EFAULT);
	return rt_finish();
}
