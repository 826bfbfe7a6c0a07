/*
 * abort2 - abort2(2) ends the process whatever it does about SIGABRT.
 * Covers: abort2(463) (with fork(2) and wait4(7) to watch each child die).
 * Expected results, from FreeBSD's kernel (sys/kern/kern_sig.c sys_abort2,
 * kern_abort2) and abort2(2): the process is terminated by SIGABRT (6) even
 * with a SIGABRT handler installed and SIGABRT blocked (sigexit); when
 * nargs is outside 0..16, args is NULL for nargs > 0, or the reason or the
 * arguments cannot be read, it is killed with SIGKILL (9) instead. A NULL
 * reason is fine ("(null)"). The message goes to the kernel log, not to the
 * process's output, so this program's stdout shows only the wait statuses.
 * xrun-covers: abort2 exit fork sigaction sigprocmask wait4 write
 */
#include "rt.h"

#define NR_fork 2
#define NR_wait4 7
#define NR_abort2 463

static void handler(int sig)
{
	(void)sig;
	rt_puts("SIGABRT handler ran  <-- FAIL");
	sys_exit(1);
}

static long child(const char *why, int nargs, void **args)
{
	long second = 0;
	long pid = rt_syscall6x(NR_fork, 0, 0, 0, 0, 0, 0, &second);
	if (pid >= 0 && second) {
		struct sigaction sa;
		sigset_t set;
		memset(&sa, 0, sizeof sa);
		sa.sa_handler = handler;
		SC3(NR_sigaction, SIGABRT, &sa, 0);
		memset(&set, 0, sizeof set);
		set.bits[0] = 1U << (SIGABRT - 1);
		sys_sigprocmask(SIG_BLOCK, &set, 0);
		SC3(NR_abort2, why, nargs, args);
		rt_puts("abort2 returned  <-- FAIL");
		sys_exit(1);
	}
	int status = 0;
	if (SC4(NR_wait4, pid, &status, 0, 0) != pid)
		return -1;
	return status;
}

static void expect_killed(const char *what, long status, int sig)
{
	rt_expect_true(rt_desc("%s: killed by signal %d", what, sig),
	    status >= 0 && (status & 0x7f) == sig && (status & 0x7f) != 0x7f);
}

int main(int argc, char **argv, char **envp)
{
	void *args[2] = { (void *)1, (void *)2 };
	(void)argc; (void)argv; (void)envp;
	expect_killed("abort2(\"xrun test\", 2, {0x1, 0x2}) [SIGABRT caught and blocked]", child("xrun test", 2, args), SIGABRT);
	expect_killed("abort2(NULL, 0, NULL)", child(0, 0, 0), SIGABRT);
	expect_killed("abort2(\"x\", -1, NULL)", child("x", -1, 0), SIGKILL);
	expect_killed("abort2(\"x\", 17, args)", child("x", 17, args), SIGKILL);
	expect_killed("abort2(\"x\", 1, NULL)", child("x", 1, 0), SIGKILL);
	expect_killed("abort2(\"x\", 1, (void *)8)", child("x", 1, (void **)8), SIGKILL);
	expect_killed("abort2((char *)8, 0, NULL)", child((const char *)8, 0, 0), SIGKILL);
	return rt_finish();
}
