/*
 * timers - interval timers, clock_nanosleep and POSIX timers.
 * Covers: setitimer(83) getitimer(86) clock_nanosleep(244) ktimer_create(235)
 *         ktimer_settime(237) ktimer_gettime(238) ktimer_getoverrun(239)
 *         ktimer_delete(236).
 * Expected results: setitimer(2) (ITIMER_REAL 0, ITIMER_VIRTUAL 1 in
 * sys/sys/time.h; a NULL itv reads the timer into oitv, sys_setitimer;
 * tv_usec outside 0..999999 and an unknown timer are EINVAL; ITIMER_REAL
 * sends SIGALRM); clock_nanosleep(2) returns its error number as the
 * value, not -1/errno (kern_posix_error): EINVAL for tv_nsec out of range,
 * flags other than TIMER_ABSTIME, CLOCK_THREAD_CPUTIME_ID and unknown
 * clocks; ENOTSUP (45) for CLOCK_VIRTUAL, CLOCK_PROF and
 * CLOCK_PROCESS_CPUTIME_ID; EFAULT (14) for a bad rqtp; 0 at once for a
 * time already past; EINTR (4) when a handler runs, with the remaining
 * time in rmtp for a relative sleep (kern_clock_nanosleep). timer_create(2)
 * and timer_settime(2) (ktimer_*): CLOCK_REALTIME, CLOCK_MONOTONIC and the
 * CPU clocks only, struct sigevent (SIGEV_NONE 0, SIGEV_SIGNAL 1,
 * SIGEV_THREAD_ID 4; SIGEV_KEVENT 3 and signal 0 EINVAL); the signal
 * arrives with si_code SI_TIMER (0x10003) and si_value the sigev_value;
 * a blocked periodic timer counts overruns; a deleted timer is EINVAL.
 * Times vary: only bounds are printed.
 * xrun-covers: clock_gettime clock_nanosleep exit getitimer ktimer_create
 * xrun-covers: ktimer_delete ktimer_getoverrun ktimer_gettime ktimer_settime
 * xrun-covers: nanosleep setitimer sigaction sigprocmask sigreturn sigtimedwait
 * xrun-covers: thr_self write
 */
#include "rt.h"

#define NR_setitimer 83
#define NR_getitimer 86
#define NR_clock_nanosleep 244
#define NR_ktimer_create 235
#define NR_ktimer_delete 236
#define NR_ktimer_settime 237
#define NR_ktimer_gettime 238
#define NR_ktimer_getoverrun 239
#define NR_sigtimedwait 345
#define NR_thr_self 432
#define ITIMER_REAL 0
#define ITIMER_VIRTUAL 1
#define TIMER_ABSTIME 1
#define SIGEV_NONE 0
#define SIGEV_SIGNAL 1
#define SIGEV_KEVENT 3
#define SIGEV_THREAD_ID 4
#define SI_TIMER 0x10003
#define SA_SIGINFO 0x40
#define ENOTSUP EOPNOTSUPP      /* sys/sys/errno.h: ENOTSUP is EOPNOTSUPP, 45 */

struct itimerval { struct timeval it_interval, it_value; };
struct itimerspec { struct timespec it_interval, it_value; };
struct fsigevent {              /* sys/sys/signal.h */
	int sigev_notify, sigev_signo;
	long sigev_value;
	union { int threadid; long spare[8]; } un;
};

static volatile int alarms;
static void on_alarm(int sig) { (void)sig; alarms++; }

static void sigset1(sigset_t *s, int sig) { memset(s, 0, sizeof *s); s->bits[(sig - 1) >> 5] |= 1u << ((sig - 1) & 31); }
static long waitsig(int sig, struct fsiginfo *si)
{
	sigset_t s;
	struct timespec two = { 2, 0 };
	sigset1(&s, sig);
	return SC3(NR_sigtimedwait, &s, si, &two);
}
static long usec(const struct timeval *t) { return t->tv_sec * 1000000 + t->tv_usec; }
static long nsec(const struct timespec *t) { return t->tv_sec * 1000000000L + t->tv_nsec; }
static long cns(int clock, const struct timespec *rq, struct timespec *rm) { return SC4(NR_clock_nanosleep, clock, 0, rq, rm); }

int main(int argc, char **argv, char **envp)
{
	(void)argc; (void)argv; (void)envp;
	struct itimerval it, old;
	sigset_t s;

	/* setitimer / getitimer */
	memset(&it, 0x55, sizeof it);
	rt_expect_ret("getitimer(ITIMER_REAL, &it)", SC2(NR_getitimer, ITIMER_REAL, &it), 0);
	rt_expect_true("  disarmed: all zero", rt_allzero(&it, sizeof it));
	sigset1(&s, SIGALRM);
	sys_sigprocmask(SIG_BLOCK, &s, 0);
	struct itimerval five = { { 0, 0 }, { 5, 0 } };
	memset(&old, 0x55, sizeof old);
	rt_expect_ret("setitimer(ITIMER_REAL, {0, 5 s}, &old)", SC3(NR_setitimer, ITIMER_REAL, &five, &old), 0);
	rt_expect_true("  old: all zero", rt_allzero(&old, sizeof old));
	rt_expect_ret("getitimer(ITIMER_REAL, &it)", SC2(NR_getitimer, ITIMER_REAL, &it), 0);
	rt_expect_true("  it_value in (0, 5 s], it_interval 0", usec(&it.it_value) > 0 && usec(&it.it_value) <= 5000000 && usec(&it.it_interval) == 0);
	rt_expect_ret("setitimer(ITIMER_REAL, NULL, &old) [reads the timer]", SC3(NR_setitimer, ITIMER_REAL, 0, &old), 0);
	rt_expect_true("  old.it_value in (0, 5 s]", usec(&old.it_value) > 0 && usec(&old.it_value) <= 5000000);
	SC2(NR_getitimer, ITIMER_REAL, &it);
	rt_expect_true("  still armed", usec(&it.it_value) > 0);
	struct itimerval zero = { { 0, 0 }, { 0, 0 } };
	rt_expect_ret("setitimer(ITIMER_REAL, {0, 0}, NULL)", SC3(NR_setitimer, ITIMER_REAL, &zero, 0), 0);
	SC2(NR_getitimer, ITIMER_REAL, &it);
	rt_expect_true("  disarmed", usec(&it.it_value) == 0);
	struct itimerval bad = { { 0, 0 }, { 0, 1000000 } };
	rt_expect_ret("setitimer(ITIMER_REAL, {0, 1000000 us}, NULL)", SC3(NR_setitimer, ITIMER_REAL, &bad, 0), -EINVAL);
	rt_expect_ret("setitimer(3, {0, 5 s}, NULL)", SC3(NR_setitimer, 3, &five, 0), -EINVAL);
	rt_expect_ret("getitimer(3, &it)", SC2(NR_getitimer, 3, &it), -EINVAL);
	rt_expect_ret("getitimer(ITIMER_REAL, (void *)1)", SC2(NR_getitimer, ITIMER_REAL, 1), -EFAULT);
	struct itimerval short_ = { { 0, 0 }, { 0, 20000 } };
	rt_expect_ret("setitimer(ITIMER_REAL, {0, 20 ms}, NULL)", SC3(NR_setitimer, ITIMER_REAL, &short_, 0), 0);
	rt_expect_ret("  sigtimedwait({SIGALRM}) [blocked]", waitsig(SIGALRM, 0), SIGALRM);
	struct itimerval onesec = { { 0, 0 }, { 1, 0 } };
	rt_expect_ret("setitimer(ITIMER_VIRTUAL, {0, 1 s}, NULL)", SC3(NR_setitimer, ITIMER_VIRTUAL, &onesec, 0), 0);
	SC2(NR_getitimer, ITIMER_VIRTUAL, &it);
	rt_expect_true("  getitimer(ITIMER_VIRTUAL): it_value in (0, 1 s + a 10 ms tick]", usec(&it.it_value) > 0 && usec(&it.it_value) <= 1010000);
	SC3(NR_setitimer, ITIMER_VIRTUAL, &zero, 0);

	/* clock_nanosleep: errors are the value */
	struct timespec ms = { 0, 1000000 }, past = { -1, 0 }, badns = { 0, 1000000000 }, now;
	rt_expect_ret("clock_nanosleep(CLOCK_MONOTONIC, 0, {0, 1 ms}, NULL)", cns(CLOCK_MONOTONIC, &ms, 0), 0);
	rt_expect_ret("clock_nanosleep(CLOCK_MONOTONIC_FAST, 0, {0, 1 ms}, NULL)", cns(CLOCK_MONOTONIC_FAST, &ms, 0), 0);
	rt_expect_ret("clock_nanosleep(CLOCK_UPTIME, 0, {0, 1 ms}, NULL)", cns(CLOCK_UPTIME, &ms, 0), 0);
	rt_expect_ret("clock_nanosleep(CLOCK_REALTIME_FAST, 0, {0, 1 ms}, NULL)", cns(CLOCK_REALTIME_FAST, &ms, 0), 0);
	rt_expect_ret("clock_nanosleep(CLOCK_SECOND, 0, {0, 1 ms}, NULL)", cns(CLOCK_SECOND, &ms, 0), 0);
	sys_clock_gettime(CLOCK_REALTIME, &now);
	now.tv_nsec += 10000000;
	if (now.tv_nsec >= 1000000000) { now.tv_sec++; now.tv_nsec -= 1000000000; }
	rt_expect_ret("clock_nanosleep(CLOCK_REALTIME, TIMER_ABSTIME, now + 10 ms, NULL)", SC4(NR_clock_nanosleep, CLOCK_REALTIME, TIMER_ABSTIME, &now, 0), 0);
	rt_expect_ret("clock_nanosleep(CLOCK_REALTIME, TIMER_ABSTIME, {-1, 0}, NULL) [past]", SC4(NR_clock_nanosleep, CLOCK_REALTIME, TIMER_ABSTIME, &past, 0), 0);
	rt_expect_ret("clock_nanosleep(CLOCK_MONOTONIC, 0, {-1, 0}, NULL)", cns(CLOCK_MONOTONIC, &past, 0), 0);
	rt_expect_eq("clock_nanosleep(CLOCK_MONOTONIC, 0, {0, 1000000000}, NULL) [EINVAL as the value]", cns(CLOCK_MONOTONIC, &badns, 0), EINVAL);
	rt_expect_eq("clock_nanosleep(CLOCK_MONOTONIC, 2, {0, 1 ms}, NULL) [EINVAL]", SC4(NR_clock_nanosleep, CLOCK_MONOTONIC, 2, &ms, 0), EINVAL);
	rt_expect_eq("clock_nanosleep(CLOCK_VIRTUAL, 0, {0, 1 ms}, NULL) [ENOTSUP]", cns(CLOCK_VIRTUAL, &ms, 0), ENOTSUP);
	rt_expect_eq("clock_nanosleep(CLOCK_PROCESS_CPUTIME_ID, 0, {0, 1 ms}, NULL) [ENOTSUP]", cns(CLOCK_PROCESS_CPUTIME_ID, &ms, 0), ENOTSUP);
	rt_expect_eq("clock_nanosleep(CLOCK_THREAD_CPUTIME_ID, 0, {0, 1 ms}, NULL) [EINVAL]", cns(CLOCK_THREAD_CPUTIME_ID, &ms, 0), EINVAL);
	rt_expect_eq("clock_nanosleep(99, 0, {0, 1 ms}, NULL) [EINVAL]", cns(99, &ms, 0), EINVAL);
	rt_expect_eq("clock_nanosleep(CLOCK_MONOTONIC, 0, (void *)1, NULL) [EFAULT]", cns(CLOCK_MONOTONIC, (void *)1, 0), EFAULT);
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = (void *)on_alarm;
	sys_sigaction(SIGALRM, &sa, 0);
	sys_sigprocmask(SIG_UNBLOCK, &s, 0);
	SC3(NR_setitimer, ITIMER_REAL, &short_, 0);
	struct timespec two = { 2, 0 }, rem = { 0, 0 };
	rt_expect_eq("clock_nanosleep(CLOCK_MONOTONIC, 0, {2 s}, &rem) with SIGALRM after 20 ms [EINTR]", cns(CLOCK_MONOTONIC, &two, &rem), EINTR);
	rt_expect_true("  the handler ran; rem in (1 s, 2 s)", alarms == 1 && nsec(&rem) > 1000000000L && nsec(&rem) < 2000000000L);

	/* POSIX timers */
	sigset1(&s, SIGUSR1);
	sys_sigprocmask(SIG_BLOCK, &s, 0);
	struct fsigevent ev;
	memset(&ev, 0, sizeof ev);
	ev.sigev_notify = SIGEV_SIGNAL;
	ev.sigev_signo = SIGUSR1;
	ev.sigev_value = 42;
	int id = -1;
	rt_expect_ret("ktimer_create(CLOCK_MONOTONIC, {SIGEV_SIGNAL, SIGUSR1, 42}, &id)", SC3(NR_ktimer_create, CLOCK_MONOTONIC, &ev, &id), 0);
	struct itimerspec its = { { 0, 0 }, { 0, 20000000 } }, got;
	rt_expect_ret("ktimer_settime(id, 0, {0, 20 ms}, NULL)", SC4(NR_ktimer_settime, id, 0, &its, 0), 0);
	rt_expect_ret("ktimer_gettime(id, &got)", SC2(NR_ktimer_gettime, id, &got), 0);
	rt_expect_true("  it_value in (0, 20 ms]", nsec(&got.it_value) > 0 && nsec(&got.it_value) <= 20000000);
	struct fsiginfo si;
	memset(&si, 0, sizeof si);
	rt_expect_ret("  sigtimedwait({SIGUSR1}, &si)", waitsig(SIGUSR1, &si), SIGUSR1);
	rt_expect_hex("  si_code [SI_TIMER]", (unsigned)si.si_code, SI_TIMER);
	rt_expect_eq("  si_value", si.si_value, 42);
	rt_expect_ret("ktimer_gettime(id, &got)", SC2(NR_ktimer_gettime, id, &got), 0);
	rt_expect_true("  expired: it_value 0", nsec(&got.it_value) == 0);
	struct itimerspec periodic = { { 0, 5000000 }, { 0, 5000000 } };
	rt_expect_ret("ktimer_settime(id, 0, {5 ms, 5 ms}, NULL)", SC4(NR_ktimer_settime, id, 0, &periodic, 0), 0);
	struct timespec fifty = { 0, 50000000 };
	sys_nanosleep(&fifty, 0);
	rt_expect_ret("  sigtimedwait({SIGUSR1}) after 50 ms", waitsig(SIGUSR1, 0), SIGUSR1);
	rt_expect_true("  ktimer_getoverrun(id) >= 1", SC1(NR_ktimer_getoverrun, id) >= 1);
	struct itimerspec old2;
	rt_expect_ret("ktimer_settime(id, 0, {0, 0}, &old2) [disarm]", SC4(NR_ktimer_settime, id, 0, &zero, &old2), 0);
	rt_expect_true("  old2.it_interval = 5 ms", nsec(&old2.it_interval) == 5000000);
	rt_expect_ret("ktimer_delete(id)", SC1(NR_ktimer_delete, id), 0);
	rt_expect_ret("ktimer_delete(id) again", SC1(NR_ktimer_delete, id), -EINVAL);
	rt_expect_ret("ktimer_gettime(id, &got) [deleted]", SC2(NR_ktimer_gettime, id, &got), -EINVAL);

	long self = 0;
	SC1(NR_thr_self, &self);
	ev.sigev_notify = SIGEV_THREAD_ID;
	ev.un.threadid = (int)self;
	ev.sigev_value = 7;
	rt_expect_ret("ktimer_create(CLOCK_REALTIME, {SIGEV_THREAD_ID, SIGUSR1, thr_self()}, &id)", SC3(NR_ktimer_create, CLOCK_REALTIME, &ev, &id), 0);
	SC4(NR_ktimer_settime, id, 0, &its, 0);
	memset(&si, 0, sizeof si);
	rt_expect_ret("  sigtimedwait({SIGUSR1}, &si)", waitsig(SIGUSR1, &si), SIGUSR1);
	rt_expect_eq("  si_value", si.si_value, 7);
	rt_expect_ret("ktimer_delete(id)", SC1(NR_ktimer_delete, id), 0);
	ev.sigev_notify = SIGEV_NONE;
	rt_expect_ret("ktimer_create(CLOCK_PROCESS_CPUTIME_ID, {SIGEV_NONE}, &id)", SC3(NR_ktimer_create, CLOCK_PROCESS_CPUTIME_ID, &ev, &id), 0);
	rt_expect_ret("ktimer_delete(id)", SC1(NR_ktimer_delete, id), 0);
	rt_expect_ret("ktimer_create(CLOCK_REALTIME, NULL, &id)", SC3(NR_ktimer_create, CLOCK_REALTIME, 0, &id), 0);
	rt_expect_ret("ktimer_delete(id)", SC1(NR_ktimer_delete, id), 0);
	rt_expect_ret("ktimer_create(CLOCK_UPTIME, NULL, &id)", SC3(NR_ktimer_create, CLOCK_UPTIME, 0, &id), -EINVAL);
	ev.sigev_notify = SIGEV_KEVENT;
	rt_expect_ret("ktimer_create(CLOCK_REALTIME, {SIGEV_KEVENT}, &id)", SC3(NR_ktimer_create, CLOCK_REALTIME, &ev, &id), -EINVAL);
	ev.sigev_notify = SIGEV_SIGNAL;
	ev.sigev_signo = 0;
	rt_expect_ret("ktimer_create(CLOCK_REALTIME, {SIGEV_SIGNAL, 0}, &id)", SC3(NR_ktimer_create, CLOCK_REALTIME, &ev, &id), -EINVAL);
	rt_expect_ret("ktimer_create(CLOCK_REALTIME, (void *)1, &id)", SC3(NR_ktimer_create, CLOCK_REALTIME, 1, &id), -EFAULT);
	return rt_finish();
}
