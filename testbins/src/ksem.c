/*
 * ksem - kernel POSIX semaphores (the anonymous ones).
 * Covers: ksem_init(404) ksem_post(401) ksem_wait(402) ksem_trywait(403)
 *         ksem_timedwait(441) ksem_getvalue(407) ksem_destroy(408)
 *         ksem_close(400).
 * Expected results: sys/kern/uipc_sem.c (semid_t is the semaphore's
 * descriptor, 8 bytes; the descriptor is close-on-exec; values above
 * SEM_VALUE_MAX (INT_MAX) EINVAL; an id that is not a semaphore, or a
 * destroyed one, EINVAL (ksem_get); ksem_trywait EAGAIN at 0;
 * ksem_timedwait checks tv_nsec first (EINVAL) and is ETIMEDOUT (60) once
 * the CLOCK_REALTIME deadline has passed; ksem_wait sleeps until another
 * thread of control posts; ksem_close is for named semaphores: EINVAL for
 * an anonymous one; ksem_post EOVERFLOW at SEM_VALUE_MAX) and sem_init(3),
 * sem_wait(3), sem_getvalue(3).
 * xrun-covers: ksem_init ksem_post ksem_wait ksem_trywait ksem_timedwait
 * xrun-covers: ksem_getvalue ksem_destroy ksem_close exit fcntl fork wait4
 * xrun-covers: nanosleep write
 */
#include "rt.h"

#define NR_fork 2
#define NR_wait4 7
#define NR_nanosleep 240
#define NR_ksem_close 400
#define NR_ksem_post 401
#define NR_ksem_wait 402
#define NR_ksem_trywait 403
#define NR_ksem_init 404
#define NR_ksem_getvalue 407
#define NR_ksem_destroy 408
#define NR_ksem_timedwait 441
#define ETIMEDOUT_ 60
#define EOVERFLOW_ 84

static long value(long id)
{
	int v = -1;
	long r = SC2(NR_ksem_getvalue, id, &v);
	return r < 0 ? r : v;
}

int main(int argc, char **argv, char **envp)
{
	(void)argc; (void)argv; (void)envp;
	long id = -1;
	rt_expect_ret("ksem_init(&id, 2)", SC2(NR_ksem_init, &id, 2), 0);
	rt_expect_true("  id >= 3", id >= 3);
	rt_expect_ret("  fcntl(id, F_GETFD)", sys_fcntl((int)id, F_GETFD, 0), FD_CLOEXEC);
	rt_expect_ret("ksem_getvalue(id, &v)", value(id), 2);
	rt_expect_ret("ksem_trywait(id)", SC1(NR_ksem_trywait, id), 0);
	rt_expect_ret("ksem_wait(id)", SC1(NR_ksem_wait, id), 0);
	rt_expect_ret("ksem_getvalue(id, &v)", value(id), 0);
	rt_expect_ret("ksem_trywait(id)", SC1(NR_ksem_trywait, id), -EAGAIN);
	rt_expect_ret("ksem_post(id)", SC1(NR_ksem_post, id), 0);
	rt_expect_ret("ksem_post(id)", SC1(NR_ksem_post, id), 0);
	rt_expect_ret("ksem_getvalue(id, &v)", value(id), 2);
	struct timespec past = { 1, 0 }, bad = { 1, 1000000000 };
	rt_expect_ret("ksem_timedwait(id, {1, 0}) [value 2]", SC2(NR_ksem_timedwait, id, &past), 0);
	rt_expect_ret("ksem_timedwait(id, NULL) [value 1]", SC2(NR_ksem_timedwait, id, 0), 0);
	rt_expect_ret("ksem_timedwait(id, {1, 0}) [value 0, deadline passed]", SC2(NR_ksem_timedwait, id, &past), -ETIMEDOUT_);
	rt_expect_ret("ksem_timedwait(id, {1, 1000000000})", SC2(NR_ksem_timedwait, id, &bad), -EINVAL);
	rt_expect_ret("ksem_timedwait(id, (void *)1)", SC2(NR_ksem_timedwait, id, 1), -EFAULT);
	rt_expect_ret("ksem_getvalue(id, (int *)1)", SC2(NR_ksem_getvalue, id, 1), -EFAULT);

	/* a child posts while the parent waits */
	long child = SC0(NR_fork);
	if (child == 0) {
		struct timespec d = { 0, 50000000 };
		SC2(NR_nanosleep, &d, 0);
		sys_exit(SC1(NR_ksem_post, id) == 0 ? 0 : 1);
	}
	rt_expect_ret("ksem_wait(id) [a forked child posts after 50 ms]", SC1(NR_ksem_wait, id), 0);
	int status = -1;
	SC4(NR_wait4, child, &status, 0, 0);
	rt_expect_eq("  the child's ksem_post (exit status)", status, 0);
	rt_expect_ret("ksem_getvalue(id, &v)", value(id), 0);

	/* ids that are not semaphores */
	rt_expect_ret("ksem_post(1) [stdout]", SC1(NR_ksem_post, 1), -EINVAL);
	rt_expect_ret("ksem_wait(99)", SC1(NR_ksem_wait, 99), -EINVAL);
	rt_expect_ret("ksem_getvalue(-1, &v)", value(-1), -EINVAL);
	rt_expect_ret("ksem_close(id) [anonymous]", SC1(NR_ksem_close, id), -EINVAL);
	rt_expect_ret("ksem_close(1)", SC1(NR_ksem_close, 1), -EINVAL);
	rt_expect_ret("ksem_init(&id2, 0x80000000)", SC2(NR_ksem_init, &id, 0x80000000UL), -EINVAL);
	long big = -1;
	rt_expect_ret("ksem_init(&big, 0x7fffffff)", SC2(NR_ksem_init, &big, 0x7fffffff), 0);
	rt_expect_ret("ksem_post(big) [at SEM_VALUE_MAX]", SC1(NR_ksem_post, big), -EOVERFLOW_);
	rt_expect_ret("ksem_destroy(big)", SC1(NR_ksem_destroy, big), 0);
	rt_expect_ret("ksem_init((void *)1, 0)", SC2(NR_ksem_init, 1, 0), -EFAULT);

	rt_expect_ret("ksem_destroy(id)", SC1(NR_ksem_destroy, id), 0);
	rt_expect_ret("ksem_post(id) [destroyed]", SC1(NR_ksem_post, id), -EINVAL);
	rt_expect_ret("ksem_destroy(id) again", SC1(NR_ksem_destroy, id), -EINVAL);
	rt_expect_ret("fcntl(id, F_GETFD) [closed]", sys_fcntl((int)id, F_GETFD, 0), -EBADF);
	return rt_finish();
}
