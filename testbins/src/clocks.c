/*
 * clocks - setting and adjusting the clock, NTP state, CPU-time clocks and
 * timerfd. Nothing here changes the clock: the calls that would are made
 * only with values FreeBSD refuses, or without privilege.
 * Covers: clock_settime(233) settimeofday(122) adjtime(140)
 *         ntp_gettime(248) ntp_adjtime(176) clock_getcpuclockid2(247)
 *         timerfd_create(585) timerfd_gettime(586) timerfd_settime(587).
 * Expected results, from FreeBSD's kernel:
 *  - kern_time.c: sys_clock_settime copies the timespec in (EFAULT), then
 *    kern_clock_settime checks privilege (EPERM), then only CLOCK_REALTIME
 *    and a timespec with 0 <= tv_nsec < 1e9 and tv_sec >= 0 (EINVAL);
 *    sys_settimeofday copies tv and tz in, kern_settimeofday checks
 *    privilege, then tv_usec in [0, 1e6) and tv_sec >= 0; with no tv it
 *    sets nothing. sys_adjtime copies the delta in; kern_adjtime needs
 *    privilege for a delta and returns the adjustment left in olddelta.
 *  - kern_ntptime.c: ntp_gettime returns the clock state (TIME_OK ..
 *    TIME_ERROR, sys/sys/timex.h) and fills struct ntptimeval (time in
 *    nanoseconds); ntp_adjtime with modes 0 reads the same state.
 *  - kern_time.c kern_clock_getcpuclockid2: CPUCLOCK_WHICH_PID 0 and
 *    CPUCLOCK_WHICH_TID 1 (sys/sys/time.h); clock ids CPUCLOCK_BIT
 *    (0x80000000) | CPUCLOCK_PROCESS_BIT (0x40000000) | pid and
 *    CPUCLOCK_BIT | tid; a missing pid ESRCH (pget), another "which" EINVAL;
 *    clock_gettime of such an id reads that CPU time, EINVAL for a process
 *    that does not exist (get_cputime).
 *  - sys_timerfd.c: CLOCK_REALTIME or CLOCK_MONOTONIC, flags TFD_CLOEXEC
 *    (O_CLOEXEC) and TFD_NONBLOCK (O_NONBLOCK) (sys/sys/timerfd.h), else
 *    EINVAL; settime flags TFD_TIMER_ABSTIME 1, TFD_TIMER_CANCEL_ON_SET 2,
 *    else EINVAL; a descriptor that is no timerfd EINVAL; read returns the
 *    8-byte expiration count, EAGAIN when non-blocking and none.
 * xrun-covers: adjtime clock_getcpuclockid2 clock_getres clock_gettime clock_settime
 * xrun-covers: close exit fcntl geteuid getpid getppid ntp_adjtime ntp_gettime read
 * xrun-covers: settimeofday thr_self timerfd_create timerfd_gettime timerfd_settime
 * xrun-covers: write
 */
#include "rt.h"

#define NR_settimeofday 122
#define NR_adjtime 140
#define NR_ntp_adjtime 176
#define NR_clock_settime 233
#define NR_clock_getcpuclockid2 247
#define NR_ntp_gettime 248
#define NR_thr_self_ 432
#define NR_timerfd_create 585
#define NR_timerfd_gettime 586
#define NR_timerfd_settime 587
#define CPUCLOCK_WHICH_PID 0
#define CPUCLOCK_WHICH_TID 1
#define CPUCLOCK_BIT 0x80000000U
#define CPUCLOCK_PROCESS_BIT 0x40000000U
#define TFD_NONBLOCK 0x0004
#define TFD_CLOEXEC 0x00100000
#define TFD_TIMER_ABSTIME 1
#define TIME_ERROR 5
#define F_GETFD 1
#define FD_CLOEXEC 1

struct ntptimeval { struct timespec time; long maxerror, esterror, tai; int time_state; };
struct timex {
	unsigned int modes;
	long offset, freq, maxerror, esterror;
	int status;
	long constant, precision, tolerance, ppsfreq, jitter;
	int shift;
	long stabil, jitcnt, calcnt, errcnt, stbcnt;
};
struct itimerspec { struct timespec it_interval, it_value; };

int main(int argc, char **argv, char **envp)
{
	struct timespec ts, ts2;
	struct timeval tv[2];
	struct ntptimeval ntv;
	struct timex tx;
	struct itimerspec its, old;
	int clk;
	long r, state;
	uint64_t n;
	int root = sys_geteuid() == 0;

	(void)argc; (void)argv; (void)envp;
	sys_clock_gettime(CLOCK_REALTIME, &ts);
	rt_expect_ret("clock_settime(CLOCK_REALTIME, NULL)", SC2(NR_clock_settime, CLOCK_REALTIME, 0), -EFAULT);
	rt_expect_ret("clock_settime(CLOCK_REALTIME, (void *)8)", SC2(NR_clock_settime, CLOCK_REALTIME, 8), -EFAULT);
	r = SC2(NR_clock_settime, CLOCK_MONOTONIC, &ts);
	rt_expect_true("clock_settime(CLOCK_MONOTONIC, &now): EINVAL as root, else EPERM", r == (root ? -EINVAL : -EPERM));
	ts2.tv_sec = -1; ts2.tv_nsec = 0;
	r = SC2(NR_clock_settime, CLOCK_REALTIME, &ts2);
	rt_expect_true("clock_settime(CLOCK_REALTIME, {-1, 0}): EINVAL as root, else EPERM", r == (root ? -EINVAL : -EPERM));
	ts2 = ts; ts2.tv_nsec = 1000000000;
	r = SC2(NR_clock_settime, CLOCK_REALTIME, &ts2);
	rt_expect_true("clock_settime(CLOCK_REALTIME, {now, 1000000000}): EINVAL as root, else EPERM", r == (root ? -EINVAL : -EPERM));
	rt_expect_ret("settimeofday((void *)8, NULL)", SC2(NR_settimeofday, 8, 0), -EFAULT);
	rt_expect_ret("settimeofday(NULL, (void *)8)", SC2(NR_settimeofday, 0, 8), -EFAULT);
	tv[0].tv_sec = ts.tv_sec; tv[0].tv_usec = 1000000;
	r = SC2(NR_settimeofday, tv, 0);
	rt_expect_true("settimeofday({now, 1000000}, NULL): EINVAL as root, else EPERM", r == (root ? -EINVAL : -EPERM));
	r = SC2(NR_settimeofday, 0, 0);
	rt_expect_true("settimeofday(NULL, NULL): 0 as root, else EPERM", r == (root ? 0 : -EPERM));

	tv[1].tv_sec = tv[1].tv_usec = -7;
	rt_expect_ret("adjtime(NULL, &olddelta)", SC2(NR_adjtime, 0, &tv[1]), 0);
	rt_expect_true("  olddelta a normalized timeval (0 <= tv_usec < 1000000)", tv[1].tv_usec >= 0 && tv[1].tv_usec < 1000000);
	rt_expect_ret("adjtime((void *)8, NULL)", SC2(NR_adjtime, 8, 0), -EFAULT);
	rt_expect_ret("adjtime(NULL, (void *)8)", SC2(NR_adjtime, 0, 8), -EFAULT);

	memset(&ntv, 0xff, sizeof ntv);
	state = SC1(NR_ntp_gettime, &ntv);
	rt_expect_true("ntp_gettime(&ntv) returns a clock state (TIME_OK..TIME_ERROR)", state >= 0 && state <= TIME_ERROR);
	rt_expect_true("  time_state is the result", ntv.time_state == state);
	sys_clock_gettime(CLOCK_REALTIME, &ts2);
	rt_expect_true("  time: 0 <= tv_nsec < 1e9, within a second of CLOCK_REALTIME",
	    ntv.time.tv_nsec >= 0 && ntv.time.tv_nsec < 1000000000 &&
	    ntv.time.tv_sec <= ts2.tv_sec && ntv.time.tv_sec >= ts2.tv_sec - 1);
	rt_expect_true("  maxerror >= 0, esterror >= 0", ntv.maxerror >= 0 && ntv.esterror >= 0);
	rt_expect_ret("ntp_gettime((void *)8)", SC1(NR_ntp_gettime, 8), -EFAULT);
	memset(&tx, 0, sizeof tx);
	r = SC1(NR_ntp_adjtime, &tx);
	rt_expect_true("ntp_adjtime(&{modes = 0}) == ntp_gettime()", r == state);
	rt_expect_true("  tolerance > 0, precision >= 0", tx.tolerance > 0 && tx.precision >= 0);
	rt_expect_ret("ntp_adjtime((void *)8)", SC1(NR_ntp_adjtime, 8), -EFAULT);

	clk = 0;
	rt_expect_ret("clock_getcpuclockid2(0, CPUCLOCK_WHICH_PID, &clk)", SC3(NR_clock_getcpuclockid2, 0, CPUCLOCK_WHICH_PID, &clk), 0);
	rt_expect_true("  clk == CPUCLOCK_BIT | CPUCLOCK_PROCESS_BIT | getpid()",
	    (unsigned)clk == (CPUCLOCK_BIT | CPUCLOCK_PROCESS_BIT | (unsigned)sys_getpid()));
	rt_expect_ret("  clock_gettime(clk, &ts)", sys_clock_gettime(clk, &ts), 0);
	sys_clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts2);
	rt_expect_true("  0 < CPU time <= CLOCK_PROCESS_CPUTIME_ID read after",
	    (ts.tv_sec > 0 || ts.tv_nsec > 0) && (ts.tv_sec < ts2.tv_sec || (ts.tv_sec == ts2.tv_sec && ts.tv_nsec <= ts2.tv_nsec)));
	rt_expect_ret("  clock_getres(clk, &ts)", sys_clock_getres(clk, &ts), 0);
	rt_expect_ret("clock_getcpuclockid2(getpid(), CPUCLOCK_WHICH_PID, &clk)", SC3(NR_clock_getcpuclockid2, sys_getpid(), CPUCLOCK_WHICH_PID, &clk), 0);
	rt_expect_ret("clock_getcpuclockid2(getppid(), CPUCLOCK_WHICH_PID, &clk)", SC3(NR_clock_getcpuclockid2, sys_getppid(), CPUCLOCK_WHICH_PID, &clk), 0);
	rt_expect_true("  clk == CPUCLOCK_BIT | CPUCLOCK_PROCESS_BIT | getppid()",
	    (unsigned)clk == (CPUCLOCK_BIT | CPUCLOCK_PROCESS_BIT | (unsigned)sys_getppid()));
	rt_expect_ret("  clock_gettime(clk, &ts)", sys_clock_gettime(clk, &ts), 0);
	{
		long tid = 0;
		SC1(NR_thr_self_, &tid);
		rt_expect_ret("clock_getcpuclockid2(0, CPUCLOCK_WHICH_TID, &clk)", SC3(NR_clock_getcpuclockid2, 0, CPUCLOCK_WHICH_TID, &clk), 0);
		rt_expect_true("  clk == CPUCLOCK_BIT | thr_self()", (unsigned)clk == (CPUCLOCK_BIT | (unsigned)tid));
		rt_expect_ret("  clock_gettime(clk, &ts)", sys_clock_gettime(clk, &ts), 0);
		sys_clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts2);
		rt_expect_true("  0 < CPU time <= CLOCK_THREAD_CPUTIME_ID read after",
		    (ts.tv_sec > 0 || ts.tv_nsec > 0) && (ts.tv_sec < ts2.tv_sec || (ts.tv_sec == ts2.tv_sec && ts.tv_nsec <= ts2.tv_nsec)));
	}
	rt_expect_ret("clock_getcpuclockid2(99999999, CPUCLOCK_WHICH_PID, &clk)", SC3(NR_clock_getcpuclockid2, 99999999, CPUCLOCK_WHICH_PID, &clk), -ESRCH);
	rt_expect_ret("clock_getcpuclockid2(0, 5, &clk)", SC3(NR_clock_getcpuclockid2, 0, 5, &clk), -EINVAL);
	rt_expect_ret("clock_getcpuclockid2(0, CPUCLOCK_WHICH_PID, (void *)8)", SC3(NR_clock_getcpuclockid2, 0, CPUCLOCK_WHICH_PID, 8), -EFAULT);
	rt_expect_ret("clock_gettime(CPUCLOCK_BIT | CPUCLOCK_PROCESS_BIT | 99999999, &ts)",
	    sys_clock_gettime((int)(CPUCLOCK_BIT | CPUCLOCK_PROCESS_BIT | 99999999), &ts), -EINVAL);

	long fd = SC2(NR_timerfd_create, CLOCK_MONOTONIC, 0);
	rt_expect_ret("timerfd_create(CLOCK_MONOTONIC, 0)", fd, 3);
	memset(&its, 0, sizeof its);
	its.it_value.tv_nsec = 20000000;
	rt_expect_ret("timerfd_settime(fd, 0, {0, 20 ms}, NULL)", SC4(NR_timerfd_settime, fd, 0, &its, 0), 0);
	memset(&old, 0xff, sizeof old);
	rt_expect_ret("timerfd_gettime(fd, &cur)", SC2(NR_timerfd_gettime, fd, &old), 0);
	rt_expect_true("  0 < it_value <= 20 ms, it_interval 0",
	    old.it_value.tv_sec == 0 && old.it_value.tv_nsec > 0 && old.it_value.tv_nsec <= 20000000 &&
	    old.it_interval.tv_sec == 0 && old.it_interval.tv_nsec == 0);
	n = 0;
	rt_expect_ret("read(fd, &n, 8) [waits for the expiry]", sys_read((int)fd, &n, 8), 8);
	rt_expect_eq("  n", (long)n, 1);
	rt_expect_ret("timerfd_gettime(fd, &cur)", SC2(NR_timerfd_gettime, fd, &old), 0);
	rt_expect_true("  disarmed: it_value 0", old.it_value.tv_sec == 0 && old.it_value.tv_nsec == 0);
	its.it_value.tv_sec = 100;
	its.it_value.tv_nsec = 0;
	SC4(NR_timerfd_settime, fd, 0, &its, 0);
	its.it_value.tv_sec = 0;
	memset(&old, 0, sizeof old);
	rt_expect_ret("timerfd_settime(fd, 0, {0, 0}, &old) [disarm]", SC4(NR_timerfd_settime, fd, 0, &its, &old), 0);
	rt_expect_true("  old it_value: 99 s < left <= 100 s", old.it_value.tv_sec == 99 || (old.it_value.tv_sec == 100 && old.it_value.tv_nsec == 0));
	sys_clock_gettime(CLOCK_MONOTONIC, &its.it_value);
	rt_expect_ret("timerfd_settime(fd, TFD_TIMER_ABSTIME, {now}, NULL)", SC4(NR_timerfd_settime, fd, TFD_TIMER_ABSTIME, &its, 0), 0);
	rt_expect_ret("  read(fd, &n, 8)", sys_read((int)fd, &n, 8), 8);
	rt_expect_eq("  n", (long)n, 1);
	rt_expect_ret("timerfd_settime(fd, 0x4, &its, NULL)", SC4(NR_timerfd_settime, fd, 0x4, &its, 0), -EINVAL);
	its.it_value.tv_nsec = 1000000000;
	rt_expect_ret("timerfd_settime(fd, 0, {tv_nsec 1000000000}, NULL)", SC4(NR_timerfd_settime, fd, 0, &its, 0), -EINVAL);
	rt_expect_ret("timerfd_settime(fd, 0, (void *)8, NULL)", SC4(NR_timerfd_settime, fd, 0, 8, 0), -EFAULT);
	rt_expect_ret("timerfd_gettime(99, &cur)", SC2(NR_timerfd_gettime, 99, &old), -EBADF);
	rt_expect_ret("timerfd_gettime(0, &cur) [not a timerfd]", SC2(NR_timerfd_gettime, 0, &old), -EINVAL);
	sys_close((int)fd);
	rt_expect_ret("timerfd_create(CLOCK_UPTIME, 0)", SC2(NR_timerfd_create, CLOCK_UPTIME, 0), -EINVAL);
	rt_expect_ret("timerfd_create(CLOCK_MONOTONIC, 0x1)", SC2(NR_timerfd_create, CLOCK_MONOTONIC, 0x1), -EINVAL);
	fd = SC2(NR_timerfd_create, CLOCK_REALTIME, TFD_NONBLOCK | TFD_CLOEXEC);
	rt_expect_ret("timerfd_create(CLOCK_REALTIME, TFD_NONBLOCK|TFD_CLOEXEC)", fd, 3);
	rt_expect_ret("  fcntl(fd, F_GETFD)", sys_fcntl((int)fd, F_GETFD, 0), FD_CLOEXEC);
	rt_expect_ret("  read(fd, &n, 8) [not armed]", sys_read((int)fd, &n, 8), -EAGAIN);
	sys_close((int)fd);
	return rt_finish();
}
