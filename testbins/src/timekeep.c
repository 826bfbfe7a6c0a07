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

/* sys/sys/time.h */
struct bintime {
	long sec;
	unsigned long frac;
};

/* sys/sys/vdso.h with VDSO_TIMEHANDS_MD of sys/x86/include/vdso.h */
struct vdso_timehands {
	unsigned int th_algo;
	unsigned int th_gen;
	unsigned long th_scale;
	unsigned int th_offset_count;
	unsigned int th_counter_mask;
	struct bintime th_offset;
	struct bintime th_boottime;
	unsigned int th_x86_shift;
	unsigned int th_x86_hpet_idx;
	unsigned int th_res[6];
};

struct vdso_timekeep {
	unsigned int tk_ver;
	unsigned int tk_enabled;
	unsigned int tk_current;
	struct vdso_timehands tk_th[];
};

#define VDSO_TK_VER_CURR     1
#define VDSO_TH_ALGO_X86_TSC 1
#define VDSO_TH_NUM          4   /* sys/sys/vdso.h, the kernel's ring */
#define TOLERANCE_NS         100000L

static volatile struct vdso_timekeep *tk;

/* __vdso_gettc.c rdtsc_low / rdtsc32 behind LFENCE (the Intel selector) */
static unsigned int gettc(const volatile struct vdso_timehands *th)
{
	unsigned int lo, hi;

	__asm__ __volatile__("lfence" ::: "memory");
	if (th->th_x86_shift > 0) {
		__asm__ __volatile__("rdtsc; shrd %%cl, %%edx, %0"
		    : "=a"(lo) : "c"(th->th_x86_shift) : "edx");
		return lo;
	}
	__asm__ __volatile__("rdtsc" : "=a"(lo), "=d"(hi));
	return lo;
}

/* __vdso_gettimeofday.c binuptime, with bintime_addx and bintime_add */
static void binuptime(struct bintime *bt, int abs)
{
	const volatile struct vdso_timehands *th;
	unsigned int curr, gen, delta;
	unsigned long u;

	do {
		curr = tk->tk_current;
		__asm__ __volatile__("" ::: "memory");   /* atomic_load_acq_32 */
		th = &tk->tk_th[curr];
		gen = th->th_gen;
		__asm__ __volatile__("" ::: "memory");
		bt->sec = th->th_offset.sec;
		bt->frac = th->th_offset.frac;
		delta = (gettc(th) - th->th_offset_count) & th->th_counter_mask;
		u = bt->frac;
		bt->frac += th->th_scale * delta;
		if (u > bt->frac)
			bt->sec++;
		if (abs) {
			u = bt->frac;
			bt->frac += th->th_boottime.frac;
			if (u > bt->frac)
				bt->sec++;
			bt->sec += th->th_boottime.sec;
		}
		__asm__ __volatile__("" ::: "memory");   /* atomic_thread_fence_acq */
	} while (curr != tk->tk_current || gen == 0 || gen != th->th_gen);
}

/* bintime2timespec (sys/sys/time.h), as nanoseconds */
static long page_ns(int abs)
{
	struct bintime bt;

	binuptime(&bt, abs);
	return bt.sec * 1000000000L + (long)((1000000000UL * (bt.frac >> 32)) >> 32);
}

static long sys_ns(int clock)
{
	struct timespec t;

	sys_clock_gettime(clock, &t);
	return t.tv_sec * 1000000000L + t.tv_nsec;
}

static void agrees(const char *when, const char *name, int clock, int abs)
{
	long a = sys_ns(clock);
	long p = page_ns(abs);
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
	tk = (volatile struct vdso_timekeep *)v;
	rt_expect_true("AT_TIMEKEEP is 8-byte aligned", (v & 7) == 0);
	rt_expect_eq("tk_ver", tk->tk_ver, VDSO_TK_VER_CURR);
	rt_expect_eq("tk_enabled", tk->tk_enabled, 1);
	rt_expect_true("tk_current < VDSO_TH_NUM", tk->tk_current < VDSO_TH_NUM);
	if (!rt_expect_eq("th_algo (VDSO_TH_ALGO_X86_TSC)", tk->tk_th[tk->tk_current].th_algo, VDSO_TH_ALGO_X86_TSC))
		return rt_finish();
	rt_expect_true("th_x86_shift < 32", tk->tk_th[tk->tk_current].th_x86_shift < 32);

	agrees("at start", "CLOCK_MONOTONIC", CLOCK_MONOTONIC, 0);
	agrees("at start", "CLOCK_UPTIME", CLOCK_UPTIME, 0);
	agrees("at start", "CLOCK_REALTIME", CLOCK_REALTIME, 1);

	/* 2 s of back-to-back reads, across the page's refreshes */
	start = last = page_ns(0);
	back = 0;
	reads = 0;
	do {
		now = page_ns(0);
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
	agrees("after 1.5 s asleep", "CLOCK_MONOTONIC", CLOCK_MONOTONIC, 0);
	agrees("after 1.5 s asleep", "CLOCK_REALTIME", CLOCK_REALTIME, 1);
	return rt_finish();
}
