/*
 * indirect - the indirect system calls.
 * Covers: syscall(0) and __syscall(198), which take the real call number
 *         in %rdi and shift the arguments by one register
 *         (sys/amd64/amd64/trap.c cpu_fetch_syscall_args), dispatching
 *         getpid, getppid, write, close, clock_gettime.
 * Expected results: syscall(2).
 * xrun-covers: __syscall clock_gettime close exit getpid getppid syscall write
 */
#include "rt.h"

int main(int argc, char **argv, char **envp)
{
	struct timespec ts = { -1, -1 };
	const char *m1 = "written via syscall(0)\n";
	const char *m2 = "written via __syscall(198)\n";
	long pid = sys_getpid();

	(void)argc; (void)argv; (void)envp;
	rt_expect_true("syscall(SYS_getpid) == getpid()", SC1(NR_syscall, NR_getpid) == pid);
	rt_expect_true("__syscall(SYS_getpid) == getpid()", SC1(NR___syscall, NR_getpid) == pid);
	rt_expect_true("syscall(SYS_getppid) == getppid()", SC1(NR_syscall, NR_getppid) == sys_getppid());
	rt_expect_ret("syscall(SYS_write, 1, msg, 23)", SC4(NR_syscall, NR_write, 1, m1, rt_strlen(m1)), 23);
	rt_expect_ret("__syscall(SYS_write, 1, msg, 27)", SC4(NR___syscall, NR_write, 1, m2, rt_strlen(m2)), 27);
	rt_expect_ret("syscall(SYS_close, 999)", SC2(NR_syscall, NR_close, 999), -EBADF);
	rt_expect_ret("__syscall(SYS_close, 999)", SC2(NR___syscall, NR_close, 999), -EBADF);
	rt_expect_ret("syscall(SYS_clock_gettime, CLOCK_MONOTONIC, &ts)",
	    SC3(NR_syscall, NR_clock_gettime, CLOCK_MONOTONIC, &ts), 0);
	rt_expect_true("  valid timespec", ts.tv_sec >= 0 && ts.tv_nsec >= 0 && ts.tv_nsec < 1000000000L);
	rt_expect_ret("__syscall(SYS_clock_gettime, 99, &ts)", SC3(NR___syscall, NR_clock_gettime, 99, &ts), -EINVAL);
	return rt_finish();
}
