/*
 * bench_syscalls - end-to-end cost of a set of system calls, one source built
 * for FreeBSD (bin/, run under xrun) and for Linux (bin/linux/, run natively
 * and under strace -f): see benchmarks/syscall-overhead.sh.
 *
 *   bench_syscalls [ITERATIONS [CASE]]   timing: one line per case,
 *       case=NAME iterations=N ns_per_call=X
 *   bench_syscalls check [ITERATIONS]    every case run ITERATIONS times with
 *       its results checked: deterministic lines (the golden, expected/bench_syscalls.*)
 *
 * Cases (each iteration, timed with clock_gettime(CLOCK_MONOTONIC) around the loop,
 * after an untimed warm-up of ITERATIONS/10):
 *   getpid         getpid()
 *   write          a 1-byte write to /dev/null
 *   clock_gettime  clock_gettime(CLOCK_MONOTONIC) as a real system call (what libc
 *                  falls back to without a vDSO or timekeeping page)
 *   clock_vdso     clock_gettime(CLOCK_MONOTONIC) as the C library does it, without a
 *                  system call (rt/fastclock.h): the FreeBSD build reads the
 *                  AT_TIMEKEEP page with libc's algorithm, the Linux build calls the
 *                  vDSO's __vdso_clock_gettime (AT_SYSINFO_EHDR); counted as bad
 *                  when there is neither
 *   open_close     open(O_RDONLY) + close of a regular file in the scratch directory
 *   fstat          fstat() of that file, kept open
 *   pingpong       one round trip of a byte between two threads over two pipes
 *                  (main: write + read; peer thread: read + write; two thread switches;
 *                  the peer is started inside the timed loop's case: one thr_new/clone
 *                  per run, well under 1% of the time at the script's iteration counts)
 * ns_per_call is per iteration: for open_close a pair of calls, for pingpong a round trip.
 * Every call but clock_vdso's goes through an out-of-line stub shaped like the C library's
 * (rt/libcstub.h), as real programs make them (and as --intercept=fastpath recognises).
 * Works in /tmp/xrun-tb-bench_syscalls-scratch, removed at the end.
 * xrun-covers: getpid write clock_gettime open close fstat pipe2 read
 * xrun-covers: thr_new thr_exit mkdir unlink rmdir exit
 * (_umtx_op is called by rt_thread_join only when the peer has not ended yet: not named)
 * xrun-linux: yes
 * xrun-oracle: yes (in "check" mode; the native Linux build is the oracle: LinuxOracleTest)
 */
#include "rt.h"
#include "thread.h"
#include "libcstub.h"
#include "fastclock.h"

/* Every timed call goes through a libc-shaped stub (rt/libcstub.h), as real programs make them. */
LIBC_STUB(lc_getpid, 20, 39)         /* syscalls.master; asm/unistd_64.h */
LIBC_STUB(lc_write, 4, 1)
LIBC_STUB(lc_read, 3, 0)
LIBC_STUB(lc_clock_gettime, 232, 228)
LIBC_STUB(lc_open, 5, 2)
LIBC_STUB(lc_close, 6, 3)
LIBC_STUB(lc_fstat, 551, 5)          /* the ino64 fstat */
long lc_getpid(void);
long lc_write(long fd, const void *buf, long n);
long lc_read(long fd, void *buf, long n);
long lc_clock_gettime(int clock, struct timespec *ts);
long lc_open(const char *path, long flags, long mode);
long lc_close(long fd);
long lc_fstat(long fd, void *sb);

static const char scratch[] = "/tmp/xrun-tb-bench_syscalls-scratch";
static const char file[] = "/tmp/xrun-tb-bench_syscalls-scratch/file";
static int null_fd, file_fd;
static int ping[2], pong[2];    /* main -> peer, peer -> main */
static long peer_rounds;
static long bad;                /* results that were not what the case expects */
static char peer_stack[65536] __attribute__((aligned(16)));
static char statbuf[256];       /* Linux struct stat 144 bytes, FreeBSD 224 */

static void case_getpid(long n)
{
	for (long i = 0; i < n; i++)
		if (lc_getpid() <= 0)
			bad++;
}

static void case_write(long n)
{
	for (long i = 0; i < n; i++)
		if (lc_write(null_fd, "x", 1) != 1)
			bad++;
}

/* n CLOCK_MONOTONIC reads through get, each checked to succeed and never go back */
static void monotonic_reads(long n, long (*get)(int, struct timespec *))
{
	struct timespec ts, last = { 0, 0 };
	for (long i = 0; i < n; i++) {
		if (get(CLOCK_MONOTONIC, &ts) != 0)
			bad++;
		if (ts.tv_sec < last.tv_sec || (ts.tv_sec == last.tv_sec && ts.tv_nsec < last.tv_nsec))
			bad++;
		last = ts;
	}
}

static void case_clock_gettime(long n)
{
	monotonic_reads(n, lc_clock_gettime);
}

static void case_open_close(long n)
{
	for (long i = 0; i < n; i++) {
		long fd = lc_open(file, O_RDONLY, 0);
		if (fd < 0 || lc_close(fd) != 0)
			bad++;
	}
}

static void case_fstat(long n)
{
	for (long i = 0; i < n; i++)
		if (lc_fstat(file_fd, statbuf) != 0)
			bad++;
}

static void peer(void *arg)
{
	char c;
	(void)arg;
	for (long i = 0; i < peer_rounds; i++) {
		if (lc_read(ping[0], &c, 1) != 1)
			break;
		c++;
		if (lc_write(pong[1], &c, 1) != 1)
			break;
	}
}

static void case_pingpong(long n)
{
	static struct rt_thread t;
	char c = 0;
	peer_rounds = n;
	if (rt_thread_start(&t, peer, 0, peer_stack, sizeof peer_stack) != 0) {
		bad++;
		return;
	}
	for (long i = 0; i < n; i++) {
		char sent = c;
		if (lc_write(ping[1], &c, 1) != 1 || lc_read(pong[0], &c, 1) != 1 || c != (char)(sent + 1))
			bad++;
	}
	rt_thread_join(&t);
}

static void case_clock_vdso(long n)
{
	if (!fc_init()) {
		bad++;
		return;
	}
	monotonic_reads(n, fc_clock_gettime);
}

static const struct {
	const char *name;
	void (*run)(long n);
} cases[] = {
	{ "getpid", case_getpid },
	{ "write", case_write },
	{ "clock_gettime", case_clock_gettime },
	{ "clock_vdso", case_clock_vdso },
	{ "open_close", case_open_close },
	{ "fstat", case_fstat },
	{ "pingpong", case_pingpong },
};
#define NCASES (sizeof cases / sizeof cases[0])

static long now_ns(void)
{
	struct timespec t;
	sys_clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1000000000L + t.tv_nsec;
}

static int setup(void)
{
	long fd;
	rt_rmtree(scratch);
	if (sys_mkdir(scratch, 0700) != 0)
		return 0;
	fd = sys_open(file, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (fd < 0 || sys_write((int)fd, "0123456789", 10) != 10 || sys_close((int)fd) != 0)
		return 0;
	null_fd = (int)sys_open("/dev/null", O_WRONLY, 0);
	file_fd = (int)sys_open(file, O_RDONLY, 0);
	return null_fd >= 0 && file_fd >= 0 && sys_pipe2(ping, 0) == 0 && sys_pipe2(pong, 0) == 0;
}

static void teardown(void)
{
	sys_close(null_fd);
	sys_close(file_fd);
	sys_close(ping[0]);
	sys_close(ping[1]);
	sys_close(pong[0]);
	sys_close(pong[1]);
	sys_unlink(file);
	sys_rmdir(scratch);
}

int main(int argc, char **argv, char **envp)
{
	long n = 100000;
	const char *only = 0;
	int check = 0, ran = 0;

	(void)envp;
	if (argc > 1 && rt_strcmp(argv[1], "check") == 0) {
		check = 1;
		n = argc > 2 ? rt_atol(argv[2]) : 3;
	} else {
		if (argc > 1)
			n = rt_atol(argv[1]);
		if (argc > 2)
			only = argv[2];
	}
	if (n <= 0)
		n = 1;
	if (!setup()) {
		rt_say("bench_syscalls: cannot set up %s", scratch);
		return 2;
	}
	for (unsigned i = 0; i < NCASES; i++) {
		if (only && rt_strcmp(only, cases[i].name) != 0)
			continue;
		ran++;
		bad = 0;
		if (check) {
			cases[i].run(n);
			rt_expect_eq(rt_desc("case=%s iterations=%ld: unexpected results", cases[i].name, n), bad, 0);
			continue;
		}
		cases[i].run(n / 10 > 0 ? n / 10 : 1);
		long t0 = now_ns();
		cases[i].run(n);
		long total = now_ns() - t0;
		long tenths = total * 10 / n;
		rt_say("case=%s iterations=%ld ns_per_call=%ld.%ld%s", cases[i].name, n, tenths / 10, tenths % 10,
		    bad ? " ERRORS" : "");
	}
	teardown();
	if (!ran) {
		rt_say("bench_syscalls: no case named %s", only);
		return 2;
	}
	return check ? rt_finish() : 0;
}
