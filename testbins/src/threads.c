/*
 * threads - FreeBSD kernel threads and umtx, the way libthr and the Go
 * runtime use them.
 * Covers: thr_new(455) thr_self(432) thr_exit(431) thr_kill(433)
 *         thr_kill2(481) thr_set_name(464) _umtx_op(454) rtprio_thread(466)
 *         cpuset_getaffinity(487) cpuset_setaffinity(488) sched_yield(331).
 * Expected results: thr_new(2), thr_exit(2), thr_self(2), thr_kill(2),
 * thr_set_name(2), _umtx_op(2), rtprio(2), cpuset_getaffinity(2) and
 * sys/kern/kern_thr.c, kern_umtx.c, kern_cpuset.c: thread ids lie above
 * PID_MAX (99999); thr_new writes the new id to *child_tid and
 * *parent_tid before it returns; thr_exit stores 1 to *state and wakes it
 * (kern_thr_exit); a WAIT_UINT whose word already differs returns 0; a
 * timed-out wait is ETIMEDOUT (60); cpuset calls take exactly
 * sizeof(cpuset_t) = 128 bytes (else ERANGE, 34); rtprio_thread lookup of
 * a time-sharing thread is {RTP_PRIO_NORMAL (3), 0}; signal 0 checks only;
 * an id that is no thread of the process is ESRCH (3). A read(2) interrupted
 * by a caught signal restarts when the handler has SA_RESTART and fails with
 * EINTR (4) when it has not (sigaction(2), kern_sig.c).
 * xrun-covers: _umtx_op clock_gettime cpuset_getaffinity cpuset_setaffinity exit
 * xrun-covers: getpid nanosleep pipe2 read rtprio_thread sched_yield sigaction
 * xrun-covers: sigreturn thr_exit thr_kill thr_kill2 thr_new thr_self thr_set_name
 * xrun-covers: write
 */
#include "rt.h"

#define NR_sched_yield 331
#define NR_thr_self 432
#define NR_thr_kill 433
#define NR_thr_set_name 464
#define NR_rtprio_thread 466
#define NR_thr_kill2 481
#define NR_cpuset_getaffinity 487
#define NR_cpuset_setaffinity 488
/* sys/sys/umtx.h */
#define UMTX_OP_WAKE 3
#define UMTX_OP_WAIT_UINT 11
#define UMTX_OP_WAIT_UINT_PRIVATE 15
#define UMTX_OP_WAKE_PRIVATE 16
#define UMTX_OP_NWAKE_PRIVATE 21
#define UMTX_OP_RW_RDLOCK 12
#define UMTX_ABSTIME 1
/* sys/sys/cpuset.h */
#define CPU_LEVEL_WHICH 3
#define CPU_WHICH_TID 1
#define CPU_WHICH_PID 2

struct umtx_time { struct timespec timeout; uint32_t flags; uint32_t clockid; };
struct rtprio { uint16_t type; uint16_t prio; };

static char stack1[65536] __attribute__((aligned(16)));
static char stack2[65536] __attribute__((aligned(16)));
static long tls_block[4];
static long child_tid, parent_tid, child_tid2;
static volatile long exit_state;       /* thr_exit stores 1 here */
static volatile uint32_t go_word;      /* the child waits on it */
static volatile long child_self;
static volatile long child_fs_ok;
static volatile long child_rsp_mod16;
static volatile uint32_t done_word;

static long thr_self(void) { long id = 0; SC1(NR_thr_self, &id); return id; }

/* SA_RESTART: a pipe read interrupted by a handled signal */
static char stack3[65536] __attribute__((aligned(16)));
static int kpipe[2];
static long main_tid;
static volatile int handled;
static void on_usr1(int sig) { (void)sig; handled++; }
static void kicker(void *arg)
{
	struct timespec d = { 0, 100 * 1000 * 1000 };
	(void)arg;
	sys_nanosleep(&d, 0);                   /* the main thread is in read() by now */
	SC2(NR_thr_kill, main_tid, SIGUSR1);
	sys_nanosleep(&d, 0);
	sys_write(kpipe[1], "x", 1);
	SC1(NR_thr_exit, 0);
}
static long read_with_kick(int flags)
{
	struct sigaction sa;
	struct thr_param p;
	char c;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = (void *)on_usr1;
	sa.sa_flags = flags;
	sys_sigaction(SIGUSR1, &sa, 0);
	memset(&p, 0, sizeof p);
	p.start_func = kicker;
	p.stack_base = stack3;
	p.stack_size = sizeof stack3;
	SC2(NR_thr_new, &p, sizeof p);
	long r = sys_read(kpipe[0], &c, 1);
	if (r < 0)                             /* EINTR: collect the byte the kicker writes */
		sys_read(kpipe[0], &c, 1);
	return r;
}

static void child(void *arg)
{
	long rsp;
	__asm__ volatile ("mov %%rsp, %0" : "=r"(rsp));
	child_rsp_mod16 = rsp > (long)stack1 && rsp < (long)stack1 + (long)sizeof stack1; /* on the given stack */
	child_self = thr_self();
	long fs;
	__asm__ volatile ("mov %%fs:0, %0" : "=r"(fs));
	child_fs_ok = (fs == 0x5eed) && (long)arg == 42;
	/* wait until the parent says go (private umtx word) */
	while (go_word == 0)
		SC5(NR__umtx_op, &go_word, UMTX_OP_WAIT_UINT_PRIVATE, 0, 0, 0);
	SC1(NR_thr_exit, &exit_state);
}

static void child2(void *arg)
{
	(void)arg;
	done_word = 1;
	SC3(NR__umtx_op, &done_word, UMTX_OP_WAKE, 1);
	SC1(NR_thr_exit, 0);
}

int main(int argc, char **argv, char **envp)
{
	struct thr_param p;
	(void)argc; (void)argv; (void)envp;

	long self = thr_self();
	rt_expect_true("thr_self() > PID_MAX (99999)", self > 99999);
	rt_expect_true("thr_self() != getpid()", self != sys_getpid());

	tls_block[0] = 0x5eed;
	memset(&p, 0, sizeof p);
	p.start_func = child;
	p.arg = (void *)42;
	p.stack_base = stack1;
	p.stack_size = sizeof stack1;
	p.tls_base = (char *)tls_block;
	p.tls_size = sizeof tls_block;
	p.child_tid = &child_tid;
	p.parent_tid = &parent_tid;
	rt_expect_ret("thr_new(&param, sizeof param)", SC2(NR_thr_new, &p, sizeof p), 0);
	rt_expect_true("  *child_tid == *parent_tid", child_tid == parent_tid);
	rt_expect_true("  new id > PID_MAX and != mine", child_tid > 99999 && child_tid != self);
	rt_expect_ret("thr_new(&param, sizeof param + 8)", SC2(NR_thr_new, &p, sizeof p + 8), -EINVAL);
	rt_expect_ret("thr_kill(child, 0)", SC2(NR_thr_kill, child_tid, 0), 0);
	rt_expect_ret("thr_kill2(getpid(), child, 0)", SC3(NR_thr_kill2, sys_getpid(), child_tid, 0), 0);
	rt_expect_ret("thr_kill(12345, 0) [a pid, not a thread]", SC2(NR_thr_kill, 12345, 0), -ESRCH);
	rt_expect_ret("thr_kill(child, 200)", SC2(NR_thr_kill, child_tid, 200), -EINVAL);
	rt_expect_ret("thr_set_name(child, \"worker\")", SC2(NR_thr_set_name, child_tid, "worker"), 0);
	rt_expect_ret("thr_set_name(-1, \"main\")", SC2(NR_thr_set_name, -1, "main"), 0);
	rt_expect_ret("thr_set_name(99, \"x\")", SC2(NR_thr_set_name, 99, "x"), -ESRCH);

	/* umtx waits that return at once */
	uint32_t w = 5;
	rt_expect_ret("_umtx_op(&w, WAIT_UINT_PRIVATE, 4) [differs]", SC5(NR__umtx_op, &w, UMTX_OP_WAIT_UINT_PRIVATE, 4, 0, 0), 0);
	long lw = 0x100000005L;
	rt_expect_ret("_umtx_op(&lw, WAIT, 5) [u_long differs]", SC5(NR__umtx_op, &lw, UMTX_OP_WAIT, 5, 0, 0), 0);
	struct timespec rel = { 0, 20 * 1000 * 1000 };
	rt_expect_ret("_umtx_op(&w, WAIT_UINT, 5, 16, {0, 20ms})", SC5(NR__umtx_op, &w, UMTX_OP_WAIT_UINT, 5, sizeof rel, &rel), -ETIMEDOUT);
	struct umtx_time ut = { { 0, 10 * 1000 * 1000 }, 0, 4 /* CLOCK_MONOTONIC */ };
	rt_expect_ret("_umtx_op(&w, WAIT_UINT_PRIVATE, 5, 24, {10ms, rel, MONOTONIC})", SC5(NR__umtx_op, &w, UMTX_OP_WAIT_UINT_PRIVATE, 5, sizeof ut, &ut), -ETIMEDOUT);
	struct timespec now;
	sys_clock_gettime(4, &now);
	ut.timeout.tv_sec = now.tv_sec;
	ut.timeout.tv_nsec = now.tv_nsec + 10 * 1000 * 1000;
	if (ut.timeout.tv_nsec >= 1000000000) { ut.timeout.tv_sec++; ut.timeout.tv_nsec -= 1000000000; }
	ut.flags = UMTX_ABSTIME;
	rt_expect_ret("_umtx_op(&w, WAIT_UINT_PRIVATE, 5, 24, {now+10ms, ABSTIME})", SC5(NR__umtx_op, &w, UMTX_OP_WAIT_UINT_PRIVATE, 5, sizeof ut, &ut), -ETIMEDOUT);
	struct timespec bad = { 0, 1000000000 };
	rt_expect_ret("_umtx_op(&w, WAIT_UINT, 5, 16, {0, 1e9 ns})", SC5(NR__umtx_op, &w, UMTX_OP_WAIT_UINT, 5, sizeof bad, &bad), -EINVAL);
	rt_expect_ret("_umtx_op(&w, WAKE_PRIVATE, 1) [nobody waits]", SC5(NR__umtx_op, &w, UMTX_OP_WAKE_PRIVATE, 1, 0, 0), 0);
	void *addrs[2] = { &w, &lw };
	rt_expect_ret("_umtx_op(addrs, NWAKE_PRIVATE, 2)", SC5(NR__umtx_op, addrs, UMTX_OP_NWAKE_PRIVATE, 2, 0, 0), 0);
	rt_expect_ret("_umtx_op(NULL, WAIT, 0) [bad address]", SC5(NR__umtx_op, 0, UMTX_OP_WAIT, 0, 0, 0), -EFAULT);
	rt_expect_ret("_umtx_op(&w, 99, 0)", SC5(NR__umtx_op, &w, 99, 0, 0, 0), -EINVAL);

	/* let the child go and join it through thr_exit's state word */
	rt_expect_ret("sched_yield()", SC0(NR_sched_yield), 0);
	go_word = 1;
	rt_expect_ret("_umtx_op(&go, WAKE_PRIVATE, INT_MAX)", SC5(NR__umtx_op, &go_word, UMTX_OP_WAKE_PRIVATE, 0x7fffffff, 0, 0), 0);
	while (exit_state == 0)
		SC5(NR__umtx_op, &exit_state, UMTX_OP_WAIT, 0, 0, 0);
	rt_expect_eq("after thr_exit(&state): state", exit_state, 1);
	rt_expect_true("child ran start_func(arg) with its TLS base", child_fs_ok);
	rt_expect_true("child ran on the stack it was given", child_rsp_mod16);
	rt_expect_true("child's thr_self() == *child_tid", child_self == child_tid);

	/* a second thread wakes the main thread through the shared key */
	memset(&p, 0, sizeof p);
	p.start_func = child2;
	p.stack_base = stack2;
	p.stack_size = sizeof stack2;
	p.child_tid = &child_tid2;
	rt_expect_ret("thr_new(child2)", SC2(NR_thr_new, &p, sizeof p), 0);
	while (done_word == 0)
		SC5(NR__umtx_op, &done_word, UMTX_OP_WAIT_UINT, 0, 0, 0);
	rt_expect_eq("child2 set the word", done_word, 1);

	/* SA_RESTART (sigaction(2), kern_sig.c): the read goes on after the handler; without it, EINTR */
	main_tid = self;
	sys_pipe2(kpipe, 0);
	handled = 0;
	rt_expect_ret("read(pipe) while a thread sends SIGUSR1 [SA_RESTART handler]", read_with_kick(0x2), 1);
	rt_expect_eq("  handler ran", handled, 1);
	rt_expect_ret("read(pipe) while a thread sends SIGUSR1 [handler without SA_RESTART]", read_with_kick(0), -EINTR);
	rt_expect_eq("  handler ran", handled, 2);

	/* scheduling */
	struct rtprio rp = { 9, 9 };
	rt_expect_ret("rtprio_thread(RTP_LOOKUP, 0, &rp)", SC3(NR_rtprio_thread, 0, 0, &rp), 0);
	rt_expect_true("  type RTP_PRIO_NORMAL, prio 0", rp.type == 3 && rp.prio == 0);
	rt_expect_ret("rtprio_thread(RTP_SET, 0, {NORMAL, 0})", SC3(NR_rtprio_thread, 1, 0, &rp), 0);
	rt_expect_ret("rtprio_thread(RTP_LOOKUP, 12345, &rp) [no such thread]", SC3(NR_rtprio_thread, 0, 12345, &rp), -ESRCH);

	unsigned char mask[128], small[8];
	memset(mask, 0xee, sizeof mask);
	rt_expect_ret("cpuset_getaffinity(WHICH, PID, -1, 128, mask)", SC5(NR_cpuset_getaffinity, CPU_LEVEL_WHICH, CPU_WHICH_PID, -1, sizeof mask, mask), 0);
	/* Which CPUs depends on where the process may run (xrun --pin binds it to one): some CPU. */
	rt_expect_true("  at least one CPU in the mask", !rt_allzero(mask, 8));
	rt_expect_true("  bytes beyond 8 are zero", rt_allzero(mask + 8, sizeof mask - 8));
	rt_expect_ret("cpuset_getaffinity(WHICH, PID, -1, 8, small)", SC5(NR_cpuset_getaffinity, CPU_LEVEL_WHICH, CPU_WHICH_PID, -1, sizeof small, small), -ERANGE);
	rt_expect_ret("cpuset_getaffinity(WHICH, TID, self, 128, mask)", SC5(NR_cpuset_getaffinity, CPU_LEVEL_WHICH, CPU_WHICH_TID, self, sizeof mask, mask), 0);
	rt_expect_ret("cpuset_setaffinity(WHICH, TID, -1, 128, mask)", SC5(NR_cpuset_setaffinity, CPU_LEVEL_WHICH, CPU_WHICH_TID, -1, sizeof mask, mask), 0);
	return rt_finish();
}
