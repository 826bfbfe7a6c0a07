/*
 * ids - process identity, limits and usage.
 * Covers: getpid getppid getuid geteuid getgid getegid issetugid kill(sig 0)
 *         getrlimit setrlimit getrusage.
 * Expected results: getpid(2) getuid(2) issetugid(2) kill(2) getrlimit(2)
 * getrusage(2); and sys/kern/kern_resource.c (kern_proc_setrlimit): a
 * soft limit above the new hard limit is silently lowered to it, an
 * unknown resource number is EINVAL; RLIM_INFINITY is 2^63-1
 * (sys/sys/resource.h).
 * xrun-linux: yes
 * xrun-covers: exit getegid geteuid getgid getpid getppid getrlimit getrusage getuid
 * xrun-covers: issetugid kill setrlimit write
 * xrun-oracle: no: Linux accepts setrlimit with soft > hard by lowering nothing; FreeBSD fails it (kern_resource.c)
 */
#include "rt.h"

int main(int argc, char **argv, char **envp)
{
	struct rlimit rl, rl0;
	struct rusage ru;
	long pid;

	(void)argc; (void)argv; (void)envp;
	pid = sys_getpid();
	rt_expect_true("getpid() > 0", pid > 0);
	rt_expect_true("getpid() is stable", sys_getpid() == pid);
	rt_expect_true("getppid() > 0", sys_getppid() > 0);
	rt_expect_true("getppid() != getpid()", sys_getppid() != pid);
	rt_expect_true("getuid() == geteuid()", sys_getuid() == sys_geteuid());
	rt_expect_true("getgid() == getegid()", sys_getgid() == sys_getegid());
	rt_expect_true("getuid() >= 0 and getgid() >= 0", sys_getuid() >= 0 && sys_getgid() >= 0);
#ifndef XRUN_TARGET_LINUX
	rt_expect_ret("issetugid()", sys_issetugid(), 0);
#endif
	rt_expect_ret("kill(getpid(), 0)", sys_kill((int)pid, 0), 0);
	rt_expect_ret("kill(getpid(), 999)", sys_kill((int)pid, 999), -EINVAL);
	rt_expect_ret("kill(99999999, 0)", sys_kill(99999999, 0), -ESRCH);

	/* RLIMIT_NOFILE */
	rt_expect_ret("getrlimit(RLIMIT_NOFILE, &rl)", sys_getrlimit(RLIMIT_NOFILE, &rl0), 0);
	rt_expect_true("  3 <= rlim_cur <= rlim_max", rl0.rlim_cur >= 3 && rl0.rlim_cur <= rl0.rlim_max);
	rt_expect_true("  rlim_max >= 100", rl0.rlim_max >= 100);
	rl.rlim_cur = 64;
	rl.rlim_max = rl0.rlim_max;
	rt_expect_ret("setrlimit(RLIMIT_NOFILE, {64, rlim_max})", sys_setrlimit(RLIMIT_NOFILE, &rl), 0);
	rl.rlim_cur = rl.rlim_max = -2;
	rt_expect_ret("getrlimit(RLIMIT_NOFILE, &rl)", sys_getrlimit(RLIMIT_NOFILE, &rl), 0);
	rt_expect_eq("  rlim_cur", rl.rlim_cur, 64);
	rt_expect_true("  rlim_max unchanged", rl.rlim_max == rl0.rlim_max);
	rl.rlim_cur = 100;
	rl.rlim_max = 90;
	rt_expect_ret("setrlimit(RLIMIT_NOFILE, {100, 90}) [soft > hard]", sys_setrlimit(RLIMIT_NOFILE, &rl), 0);
	rt_expect_ret("getrlimit(RLIMIT_NOFILE, &rl)", sys_getrlimit(RLIMIT_NOFILE, &rl), 0);
	rt_expect_eq("  rlim_cur", rl.rlim_cur, 90);
	rt_expect_eq("  rlim_max", rl.rlim_max, 90);

	/* RLIMIT_STACK */
	rt_expect_ret("getrlimit(RLIMIT_STACK, &rl)", sys_getrlimit(RLIMIT_STACK, &rl), 0);
	rt_expect_true("  rlim_cur > 0", rl.rlim_cur > 0);
	rt_expect_true("  rlim_max > 0 (RLIM_INFINITY is 2^63-1)", rl.rlim_max > 0);
	rt_expect_true("  rlim_cur <= rlim_max", rl.rlim_cur <= rl.rlim_max);

	/* limit errors */
	rt_expect_ret("getrlimit(999, &rl)", sys_getrlimit(999, &rl), -EINVAL);
	rt_expect_ret("setrlimit(999, &rl)", sys_setrlimit(999, &rl), -EINVAL);
	rt_expect_ret("getrlimit(RLIMIT_NOFILE, (void *)8)", sys_getrlimit(RLIMIT_NOFILE, (struct rlimit *)8), -EFAULT);

	/* usage */
	memset(&ru, 0xff, sizeof ru);
	rt_expect_ret("getrusage(RUSAGE_SELF, &ru)", sys_getrusage(RUSAGE_SELF, &ru), 0);
	rt_expect_true("  ru_utime and ru_stime are valid timevals",
	    ru.ru_utime.tv_sec >= 0 && ru.ru_utime.tv_usec >= 0 && ru.ru_utime.tv_usec < 1000000 &&
	    ru.ru_stime.tv_sec >= 0 && ru.ru_stime.tv_usec >= 0 && ru.ru_stime.tv_usec < 1000000);
	rt_expect_true("  ru_utime below one hour", ru.ru_utime.tv_sec < 3600);
	rt_expect_true("  ru_maxrss > 0", ru.ru_maxrss > 0);
	memset(&ru, 0xff, sizeof ru);
	rt_expect_ret("getrusage(RUSAGE_CHILDREN, &ru)", sys_getrusage(RUSAGE_CHILDREN, &ru), 0);
	rt_expect_true("  no child time", ru.ru_utime.tv_sec == 0 && ru.ru_utime.tv_usec == 0 &&
	    ru.ru_stime.tv_sec == 0 && ru.ru_stime.tv_usec == 0);
	rt_expect_ret("getrusage(RUSAGE_THREAD, &ru)", sys_getrusage(RUSAGE_THREAD, &ru), 0);
	rt_expect_ret("getrusage(99, &ru)", sys_getrusage(99, &ru), -EINVAL);
	rt_expect_ret("getrusage(RUSAGE_SELF, (void *)8)", sys_getrusage(RUSAGE_SELF, (struct rusage *)8), -EFAULT);
	return rt_finish();
}
