/*
 * stubsites - system calls made the way FreeBSD libc makes them: through out-of-line stubs
 * (rt/libcstub.h), each call site used several times. Under --intercept=fastpath such a site
 * is rewritten after its first use to jump into a stub xrun writes into the process, and its
 * plain calls (a renumbering) then run without stopping at the supervisor; the answers must
 * be FreeBSD's all the same, including errors, signals and restarts, fork, and capability
 * mode. Each check makes its call three times (first use, then through the rewritten site).
 * Expected results: getpid(2); write(2) EBADF (9) on a descriptor that is not open; read(2)
 * EAGAIN (35, sys/sys/errno.h) on an empty non-blocking pipe; a signal handler installed
 * without SA_RESTART makes a blocked read(2) fail with EINTR (4), with SA_RESTART the read is
 * restarted (sigaction(2): "the call is restarted", here it then returns the byte the handler
 * wrote); a fork(2) child runs the parent's code (the rewritten sites included) and its
 * getpid(2) is the pid fork returned to the parent; after cap_enter(2) access(2) fails with
 * ECAPMODE (94; capsicum(4): access to global namespaces is refused) even from a site that
 * succeeded before. nanosleep(2): 0 after the sleep; EINVAL (22) for tv_nsec outside
 * [0, 1e9); a negative tv_sec returns 0 at once (sys/kern/kern_time.c kern_clock_nanosleep);
 * interrupted by a handler: EINTR with the unslept time in rmtp. _umtx_op(2)
 * UMTX_OP_WAKE_PRIVATE (16): 0, whether or not anyone waited, for any count;
 * UMTX_OP_WAIT_UINT_PRIVATE (15) on a word that no longer holds val: 0 at once (kern_umtx.c
 * do_wait sleeps only while the word is val), and the argument registers are as they were
 * (FreeBSD restores the trapframe: only rax, rdx, rcx, r11 and the flags change). open(2) with
 * O_* flags (sys/sys/fcntl.h): O_CREAT|O_EXCL on an existing file is EEXIST (17); O_DIRECTORY on
 * a regular file ENOTDIR (20); O_CLOEXEC sets FD_CLOEXEC; O_APPEND shows in F_GETFL; and the
 * flags register comes back as it went.
 * xrun-covers: getpid write read pipe2 sigaction sigreturn setitimer fork wait4 exit
 * xrun-covers: access cap_enter nanosleep _umtx_op open close fcntl mkdir unlink rmdir
 */
#include "rt.h"
#include "libcstub.h"

#define NR_setitimer 83
#define NR_fork 2
#define NR_wait4 7
#define NR_cap_enter 516
#define SA_RESTART 0x2
#define ITIMER_REAL 0
#define ECAPMODE 94
#define UMTX_OP_WAKE_PRIVATE 16
#define UMTX_OP_WAIT_UINT_PRIVATE 15

LIBC_STUB(lc_getpid, 20, 39)   /* syscalls.master */
LIBC_STUB(lc_write, 4, 1)
LIBC_STUB(lc_read, 3, 0)
LIBC_STUB(lc_access, 33, 21)
LIBC_STUB(lc_nanosleep, 240, 35)
LIBC_STUB(lc_umtx_op, 454, -1)  /* no Linux build: Linux has no _umtx_op */
LIBC_STUB(lc_open, 5, 2)
long lc_getpid(void);
long lc_write(long fd, const void *buf, long n);
long lc_read(long fd, void *buf, long n);
long lc_access(const char *path, long mode);
long lc_nanosleep(const struct timespec *rqtp, struct timespec *rmtp);
long lc_umtx_op(void *obj, long op, unsigned long val, void *uaddr, void *uaddr2);

/*
 * _umtx_op through the same libc-shaped site, which then checks what FreeBSD guarantees of the
 * argument registers across the call: op (%rsi) and uaddr (%r10, here always 24) come back
 * unchanged. Returns the call's result (-errno), or -1000 when a register changed.
 */
__asm__(".text\n.globl lc_umtx_keep\nlc_umtx_keep:\n"
	"\tmov $454,%eax\n\tmov %rcx,%r10\n\tsyscall\n\tjnb 1f\n\tneg %rax\n"
	"1:\tcmp $24,%r10\n\tjne 2f\n\tcmp $15,%rsi\n\tjne 2f\n\tret\n"
	"2:\tmov $-1000,%rax\n\tret\n");
long lc_umtx_keep(void *obj, long op, unsigned long val, long uaddr, void *uaddr2);
long lc_open(const char *path, long flags, long mode);

/* open through the same libc-shaped site, then a check that %rsi (the flags, here always
 * O_WRONLY|O_CREAT|O_EXCL = 0xa01) came back unchanged: -1000 when it did not. */
__asm__(".text\n.globl lc_open_keep\nlc_open_keep:\n"
	"\tmov $5,%eax\n\tmov %rcx,%r10\n\tsyscall\n\tjnb 1f\n\tneg %rax\n"
	"1:\tcmp $0xa01,%rsi\n\tjne 2f\n\tret\n2:\tmov $-1000,%rax\n\tret\n");
long lc_open_keep(const char *path, long flags, long mode);

static const char scratch[] = "/tmp/xrun-tb-stubsites-scratch";
static const char file[] = "/tmp/xrun-tb-stubsites-scratch/f";

struct itimerval { struct timeval it_interval, it_value; };

static int blocking[2];
static volatile int alarms;

static void on_alarm(int sig)
{
	(void)sig;
	alarms++;
}

static void on_alarm_write(int sig)
{
	(void)sig;
	alarms++;
	sys_write(blocking[1], "r", 1);
}

static void alarm_in(long usec, void (*fn)(int), int flags)
{
	struct sigaction sa;
	struct itimerval it = { { 0, 0 }, { 0, usec } };
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = (void *)fn;
	sa.sa_flags = flags;
	sys_sigaction(SIGALRM, &sa, 0);
	SC3(NR_setitimer, ITIMER_REAL, &it, 0);
}

int main(void)
{
	int nb[2];
	char buf[8];
	long pid = sys_getpid();
	int same = 1, ebadf = 1, eagain = 1;

	for (int i = 0; i < 3; i++) {
		same &= lc_getpid() == pid;
		ebadf &= lc_write(-1, "x", 1) == -EBADF;
	}
	rt_expect_true("getpid() through the stub x3 is getpid()", same);
	rt_expect_true("write(-1, \"x\", 1) through the stub x3 is EBADF", ebadf);

	rt_expect_ret("pipe2(nb, O_NONBLOCK)", sys_pipe2(nb, O_NONBLOCK), 0);
	for (int i = 0; i < 3; i++)
		eagain &= lc_read(nb[0], buf, sizeof buf) == -EAGAIN;
	rt_expect_true("read(empty non-blocking pipe) x3 is EAGAIN", eagain);
	rt_expect_ret("write(pipe, \"ab\", 2)", lc_write(nb[1], "ab", 2), 2);
	rt_expect_ret("read(pipe, buf, 8)", lc_read(nb[0], buf, sizeof buf), 2);
	rt_expect_true("  read back \"ab\"", buf[0] == 'a' && buf[1] == 'b');

	rt_expect_ret("pipe2(blocking, 0)", sys_pipe2(blocking, 0), 0);
	alarm_in(100000, on_alarm, 0);
	rt_expect_ret("read(empty pipe) interrupted by SIGALRM (no SA_RESTART)", lc_read(blocking[0], buf, 1), -EINTR);
	rt_expect_eq("  handler ran", alarms, 1);
	alarm_in(100000, on_alarm_write, SA_RESTART);
	buf[0] = 0;
	rt_expect_ret("read(empty pipe) with an SA_RESTART handler that writes a byte", lc_read(blocking[0], buf, 1), 1);
	rt_expect_true("  the restarted read got the handler's byte", buf[0] == 'r' && alarms == 2);

	struct timespec ms = { 0, 1000000 }, neg = { -1, 0 }, badns = { 0, 1000000000 }, two = { 2, 0 }, rem = { 0, 0 };
	int slept = 1, woke = 1;
	unsigned int word = 0;
	for (int i = 0; i < 3; i++) {
		slept &= lc_nanosleep(&ms, 0) == 0;
		woke &= lc_umtx_op(&word, UMTX_OP_WAKE_PRIVATE, 1, 0, 0) == 0;
	}
	rt_expect_true("nanosleep({0, 1 ms}, NULL) x3 = 0", slept);
	rt_expect_true("_umtx_op(&word, UMTX_OP_WAKE_PRIVATE, 1) x3 = 0 (no waiter)", woke);
	rt_expect_ret("_umtx_op(&word, UMTX_OP_WAKE_PRIVATE, 2^31)", lc_umtx_op(&word, UMTX_OP_WAKE_PRIVATE, 1UL << 31, 0, 0), 0);
	word = 5;
	int waited = 1;
	for (int i = 0; i < 3; i++)
		waited &= lc_umtx_keep(&word, UMTX_OP_WAIT_UINT_PRIVATE, 4, 24, 0) == 0;
	rt_expect_true("_umtx_op(&word = 5, UMTX_OP_WAIT_UINT_PRIVATE, 4, 24, NULL) x3 = 0, %rsi and %r10 kept", waited);
	rt_expect_ret("nanosleep({-1, 0}, NULL)", lc_nanosleep(&neg, 0), 0);
	rt_expect_ret("nanosleep({0, 1000000000}, NULL)", lc_nanosleep(&badns, 0), -EINVAL);
	alarm_in(100000, on_alarm, 0);
	rt_expect_ret("nanosleep({2, 0}, &rem) interrupted by SIGALRM", lc_nanosleep(&two, &rem), -EINTR);
	rt_expect_true("  rem holds the unslept time (1 s < rem <= 2 s)",
	    (rem.tv_sec == 1 && rem.tv_nsec > 0) || (rem.tv_sec == 2 && rem.tv_nsec == 0));
	rt_expect_eq("  handler ran", alarms, 3);

	rt_rmtree(scratch);
	rt_expect_ret("mkdir(scratch)", sys_mkdir(scratch, 0700), 0);
	long fd = lc_open_keep(file, O_WRONLY | O_CREAT | O_EXCL, 0600);
	rt_expect_true("open(f, O_WRONLY|O_CREAT|O_EXCL, 0600) is a descriptor, %rsi kept", fd >= 0);
	sys_close((int)fd);
	int exists = 1;
	for (int i = 0; i < 3; i++)
		exists &= lc_open_keep(file, O_WRONLY | O_CREAT | O_EXCL, 0600) == -EEXIST;
	rt_expect_true("open(f, O_WRONLY|O_CREAT|O_EXCL) again x3 is EEXIST, %rsi kept", exists);
	rt_expect_ret("open(f, O_RDONLY|O_DIRECTORY)", lc_open(file, O_RDONLY | O_DIRECTORY, 0), -ENOTDIR);
	fd = lc_open(scratch, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);
	rt_expect_true("open(scratch, O_RDONLY|O_DIRECTORY|O_CLOEXEC) is a descriptor", fd >= 0);
	rt_expect_ret("  fcntl(F_GETFD) is FD_CLOEXEC", sys_fcntl((int)fd, F_GETFD, 0), 1);
	sys_close((int)fd);
	fd = lc_open(file, O_WRONLY | O_APPEND, 0);
	rt_expect_true("open(f, O_WRONLY|O_APPEND) is a descriptor", fd >= 0);
	rt_expect_hex("  fcntl(F_GETFL) & (O_ACCMODE|O_APPEND)", sys_fcntl((int)fd, F_GETFL, 0) & (O_ACCMODE | O_APPEND),
	    O_WRONLY | O_APPEND);
	sys_close((int)fd);
	sys_unlink(file);
	sys_rmdir(scratch);

	long second = 0;
	long child = rt_syscall6x(NR_fork, 0, 0, 0, 0, 0, 0, &second);
	if (child >= 0 && second) {
		/* the child: its exit status says whether the copied sites still answer right */
		int ok = lc_getpid() == sys_getpid() && lc_getpid() != pid && lc_write(-1, "x", 1) == -EBADF;
		sys_exit(ok ? 7 : 8);
	}
	int status = 0;
	rt_expect_true("fork()", child > 0);
	rt_expect_true("wait4(child)", SC4(NR_wait4, child, &status, 0, 0) == child);
	rt_expect_eq("  child's status (7: its stub calls answered as its own)", (status >> 8) & 0xff, 7);

	rt_expect_ret("access(\"/\", F_OK)", lc_access("/", 0), 0);
	rt_expect_ret("access(\"/\", F_OK) again", lc_access("/", 0), 0);
	rt_expect_ret("cap_enter()", SC0(NR_cap_enter), 0);
	rt_expect_ret("access(\"/\", F_OK) in capability mode", lc_access("/", 0), -ECAPMODE);
	rt_expect_true("getpid() through the stub in capability mode", lc_getpid() == pid);
	return rt_finish();
}
