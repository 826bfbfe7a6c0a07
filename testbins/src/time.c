/*
 * time - clocks and sleeping.
 * Covers: clock_gettime(232) clock_getres(234) gettimeofday(116)
 *         nanosleep(240).
 * Expected results: clock_gettime(2) nanosleep(2) gettimeofday(2); clock
 * ids from sys/sys/_clock_id.h; and sys/kern/kern_time.c: CLOCK_SECOND has
 * a resolution of exactly one second, and nanosleep with a negative
 * tv_sec (but valid tv_nsec) returns 0 at once (kern_clock_nanosleep).
 * xrun-linux: yes
 * xrun-covers: clock_getres clock_gettime exit gettimeofday nanosleep write
 * xrun-oracle: no: the two kernels round and report clock resolutions differently
 */
#include "rt.h"

static long ns(const struct timespec *t)
{
	return t->tv_sec * 1000000000L + t->tv_nsec;
}

static int valid(const struct timespec *t)
{
	return t->tv_sec >= 0 && t->tv_nsec >= 0 && t->tv_nsec < 1000000000L;
}

static void clock_check(const char *name, int id)
{
	struct timespec t;
	t.tv_sec = -1;
	t.tv_nsec = -1;
	rt_expect_ret(rt_desc("clock_gettime(%s, &ts)", name), sys_clock_gettime(id, &t), 0);
	rt_expect_true("  valid timespec", valid(&t));
}

int main(int argc, char **argv, char **envp)
{
	struct timespec a, b, req, res;
	struct timeval tv;
	long d;
	int i, mono;

	(void)argc; (void)argv; (void)envp;
	clock_check("CLOCK_REALTIME", CLOCK_REALTIME);
	clock_check("CLOCK_MONOTONIC", CLOCK_MONOTONIC);
	clock_check("CLOCK_UPTIME", CLOCK_UPTIME);
	clock_check("CLOCK_REALTIME_FAST", CLOCK_REALTIME_FAST);
	clock_check("CLOCK_MONOTONIC_FAST", CLOCK_MONOTONIC_FAST);
	clock_check("CLOCK_PROCESS_CPUTIME_ID", CLOCK_PROCESS_CPUTIME_ID);
	clock_check("CLOCK_THREAD_CPUTIME_ID", CLOCK_THREAD_CPUTIME_ID);
#ifndef XRUN_TARGET_LINUX
	clock_check("CLOCK_REALTIME_PRECISE", CLOCK_REALTIME_PRECISE);
	clock_check("CLOCK_MONOTONIC_PRECISE", CLOCK_MONOTONIC_PRECISE);
	clock_check("CLOCK_UPTIME_FAST", CLOCK_UPTIME_FAST);
	clock_check("CLOCK_SECOND", CLOCK_SECOND);
#endif

	sys_clock_gettime(CLOCK_REALTIME, &a);
	rt_expect_true("CLOCK_REALTIME is after 2020-01-01", a.tv_sec > 1577836800L);
	mono = 1;
	sys_clock_gettime(CLOCK_MONOTONIC, &a);
	for (i = 0; i < 1000; i++) {
		sys_clock_gettime(CLOCK_MONOTONIC, &b);
		if (ns(&b) < ns(&a))
			mono = 0;
		a = b;
	}
	rt_expect_true("CLOCK_MONOTONIC never goes back over 1000 reads", mono);

	/* resolutions */
	res.tv_sec = res.tv_nsec = -1;
	rt_expect_ret("clock_getres(CLOCK_REALTIME, &res)", sys_clock_getres(CLOCK_REALTIME, &res), 0);
	rt_expect_true("  0 < res <= 1s", valid(&res) && ns(&res) > 0 && ns(&res) <= 1000000000L);
	res.tv_sec = res.tv_nsec = -1;
	rt_expect_ret("clock_getres(CLOCK_MONOTONIC, &res)", sys_clock_getres(CLOCK_MONOTONIC, &res), 0);
	rt_expect_true("  0 < res <= 1s", valid(&res) && ns(&res) > 0 && ns(&res) <= 1000000000L);
	rt_expect_ret("clock_getres(CLOCK_PROCESS_CPUTIME_ID, &res)",
	    sys_clock_getres(CLOCK_PROCESS_CPUTIME_ID, &res), 0);
#ifndef XRUN_TARGET_LINUX
	res.tv_sec = res.tv_nsec = -1;
	rt_expect_ret("clock_getres(CLOCK_SECOND, &res)", sys_clock_getres(CLOCK_SECOND, &res), 0);
	rt_expect_true("  res == 1s exactly", res.tv_sec == 1 && res.tv_nsec == 0);
#endif

	/* gettimeofday agrees with CLOCK_REALTIME */
	tv.tv_sec = tv.tv_usec = -1;
	rt_expect_ret("gettimeofday(&tv, NULL)", sys_gettimeofday(&tv, 0), 0);
	sys_clock_gettime(CLOCK_REALTIME, &a);
	rt_expect_true("  0 <= tv_usec < 1000000", tv.tv_usec >= 0 && tv.tv_usec < 1000000);
	d = a.tv_sec - tv.tv_sec;
	rt_expect_true("  within 5 s of CLOCK_REALTIME", d >= -5 && d <= 5);

	/* sleeping */
	req.tv_sec = 0;
	req.tv_nsec = 10000000;
	sys_clock_gettime(CLOCK_MONOTONIC, &a);
	rt_expect_ret("nanosleep({0, 10000000}, NULL)", sys_nanosleep(&req, 0), 0);
	sys_clock_gettime(CLOCK_MONOTONIC, &b);
	d = ns(&b) - ns(&a);
	rt_expect_true("  slept at least 10 ms", d >= 10000000L);
	rt_expect_true("  slept less than 5 s", d < 5000000000L);
	req.tv_sec = 0;
	req.tv_nsec = 0;
	rt_expect_ret("nanosleep({0, 0}, NULL)", sys_nanosleep(&req, 0), 0);
#ifndef XRUN_TARGET_LINUX
	req.tv_sec = -1;
	req.tv_nsec = 0;
	rt_expect_ret("nanosleep({-1, 0}, NULL)", sys_nanosleep(&req, 0), 0);
#endif

	/* errors */
	req.tv_sec = 0;
	req.tv_nsec = 1000000000L;
	rt_expect_ret("nanosleep({0, 1000000000}, NULL)", sys_nanosleep(&req, 0), -EINVAL);
	req.tv_nsec = -1;
	rt_expect_ret("nanosleep({0, -1}, NULL)", sys_nanosleep(&req, 0), -EINVAL);
	rt_expect_ret("nanosleep((void *)8, NULL)", sys_nanosleep((struct timespec *)8, 0), -EFAULT);
	rt_expect_ret("clock_gettime(99, &ts)", sys_clock_gettime(99, &a), -EINVAL);
	rt_expect_ret("clock_getres(99, &res)", sys_clock_getres(99, &res), -EINVAL);
	rt_expect_ret("clock_gettime(CLOCK_REALTIME, (void *)8)",
	    sys_clock_gettime(CLOCK_REALTIME, (struct timespec *)8), -EFAULT);
	rt_expect_ret("gettimeofday((void *)8, NULL)", sys_gettimeofday((struct timeval *)8, 0), -EFAULT);
	return rt_finish();
}
