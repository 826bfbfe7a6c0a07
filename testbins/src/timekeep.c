/*
 * timekeep - the timekeeping page (AT_TIMEKEEP): time read without a syscall.
 * Covers: the auxv entry and struct vdso_timekeep / vdso_timehands
 *         (sys/sys/vdso.h, sys/x86/include/vdso.h), read exactly as FreeBSD
 *         libc's __vdso_clock_gettime does (lib/libc/sys/__vdso_gettimeofday.c
 *         binuptime, lib/libc/x86/sys/__vdso_gettc.c for VDSO_TH_ALGO_X86_TSC),
 *         against the clock_gettime syscall.
 * Expected results: FreeBSD's kernel passes AT_TIMEKEEP to every process
 * (sys/kern/imgact_elf.c __elfN(freebsd_copyout_auxargs), when the ABI has a
 * shared page with timekeeping, as amd64 does) with tk_ver VDSO_TK_VER_CURR 1
 * and tk_enabled 1 while kern.timecounter.fast_gettime is on (the default);
 * on a machine whose timecounter is the TSC, th_algo is VDSO_TH_ALGO_X86_TSC
 * (sys/x86/x86/tsc.c x86_tsc_vdso_timehands). libc serves CLOCK_MONOTONIC and
 * CLOCK_UPTIME from the page's uptime and CLOCK_REALTIME from uptime +
 * th_boottime; the syscall reads the same timecounter (kern_time.c
 * kern_clock_gettime: nanouptime / nanotime), so a page read lies between two
 * syscalls made around it. The bound allows 100 us either side: the page and
 * the syscall are the same clock on FreeBSD, but a translator that publishes
 * the page from a sampled TSC rate keeps it within microseconds of the host's
 * clock, not to the nanosecond. The kernel refreshes the page at every tick
 * (kern_tc.c tc_windup -> timekeep_push_vdso), so it still agrees after a
 * 1.5 s sleep, and readers never see time go back.
 * With the argument "absent" (xrun --timekeep=off) it checks instead that the
 * auxv has no AT_TIMEKEEP, so libc and Go fall back to the syscall.
 * xrun-covers: clock_gettime exit nanosleep write
 */
#include "rt.h"
#include "fastclock.h"

#define VDSO_TH_NUM  4   /* sys/sys/vdso.h, the kernel's ring of timehands */
#define TOLERANCE_NS 100000L

static long page_ns(int clock)
{
	struct timespec t;

	fc_clock_gettime(clock, &t);
	return t.tv_sec * 1000000000L + t.tv_nsec;
}

static long sys_ns(int clock)
{
	struct timespec t;

	sys_clock_gettime(clock, &t);
	return t.tv_sec * 1000000000L + t.tv_nsec;
}

static void agrees(const char *when, const char *name, int clock)
{
	long a = sys_ns(clock);
	long p = page_ns(clock);
	long b = sys_ns(clock);
	int ok = p >= a - TOLERANCE_NS && p <= b + TOLERANCE_NS;

	if (!ok)
		rt_say("  %s: syscall %ld, page %ld, syscall %ld", name, a, p, b);
	rt_expect_true(rt_desc("%s: %s from the page lies between two syscalls (+-100us)", when, name), ok);
}

int main(int argc, char **argv, char **envp)
{
	unsigned long v;
	struct timespec req;
	long start, last, now, reads;
	int back;

	(void)envp;
	if (argc > 1 && rt_strcmp(argv[1], "absent") == 0) {
		rt_expect_true("no AT_TIMEKEEP in the auxv", !rt_auxv_get(AT_TIMEKEEP, &v));
		return rt_finish();
	}
	if (!rt_expect_true("AT_TIMEKEEP in the auxv", rt_auxv_get(AT_TIMEKEEP, &v) && v != 0))
		return rt_finish();
	fc_init();
	rt_expect_true("AT_TIMEKEEP is 8-byte aligned", (v & 7) == 0);
	rt_expect_eq("tk_ver", fc_tk->tk_ver, VDSO_TK_VER_CURR);
	rt_expect_eq("tk_enabled", fc_tk->tk_enabled, 1);
	rt_expect_true("tk_current < VDSO_TH_NUM", fc_tk->tk_current < VDSO_TH_NUM);
	if (!rt_expect_eq("th_algo (VDSO_TH_ALGO_X86_TSC)", fc_tk->tk_th[fc_tk->tk_current].th_algo,
	    VDSO_TH_ALGO_X86_TSC))
		return rt_finish();
	rt_expect_true("th_x86_shift < 32", fc_tk->tk_th[fc_tk->tk_current].th_x86_shift < 32);

	agrees("at start", "CLOCK_MONOTONIC", CLOCK_MONOTONIC);
	agrees("at start", "CLOCK_UPTIME", CLOCK_UPTIME);
	agrees("at start", "CLOCK_REALTIME", CLOCK_REALTIME);

	/* 2 s of back-to-back reads, across the page's refreshes */
	start = last = page_ns(CLOCK_MONOTONIC);
	back = 0;
	reads = 0;
	do {
		now = page_ns(CLOCK_MONOTONIC);
		if (now < last)
			back = 1;
		last = now;
		reads++;
	} while (now - start < 2000000000L);
	rt_expect_true("2 s of back-to-back page reads never decrease", !back);
	rt_expect_true("more than 100000 page reads in 2 s (no syscall each)", reads > 100000);

	req.tv_sec = 1;
	req.tv_nsec = 500000000;
	rt_expect_ret("nanosleep(1.5 s)", sys_nanosleep(&req, 0), 0);
	agrees("after 1.5 s asleep", "CLOCK_MONOTONIC", CLOCK_MONOTONIC);
	agrees("after 1.5 s asleep", "CLOCK_REALTIME", CLOCK_REALTIME);
	return rt_finish();
}
