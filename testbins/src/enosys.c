/*
 * enosys - untranslated and nonexistent system calls with SIGSYS ignored,
 * plus the signal-disposition calls xrun provides.
 * Covers: sigaction(416) with SIG_DFL/SIG_IGN, sigprocmask(340), kill(37),
 *         a reserved number (419) and a number beyond the table.
 * Expected results: sigaction(2) sigprocmask(2) kill(2); struct sigaction
 * layout (handler, int sa_flags, 4 x uint32 sa_mask) from the Go runtime's
 * os_freebsd.go sigactiont / sys/sys/signal.h; nosys() in
 * sys/kern/kern_sig.c: with SIGSYS ignored the call just fails with
 * ENOSYS (78).  419 is reserved in syscalls.master, so FreeBSD's own table
 * sends it to nosys(): the line holds on a real kernel too.
 * xrun-covers: exit getpid kill sigaction sigprocmask write
 */
#include "rt.h"

static int member(const sigset_t *s, int sig)
{
	return (s->bits[(sig - 1) >> 5] >> ((sig - 1) & 31)) & 1;
}

int main(int argc, char **argv, char **envp)
{
	struct sigaction sa, old;
	sigset_t set, cur;

	(void)argc; (void)argv; (void)envp;
	memset(&sa, 0, sizeof sa);
	memset(&old, 0xff, sizeof old);
	sa.sa_handler = SIG_IGN;
	rt_expect_ret("sigaction(SIGSYS, {SIG_IGN}, &old)", sys_sigaction(SIGSYS, &sa, &old), 0);
	rt_expect_true("  old handler was SIG_DFL", old.sa_handler == SIG_DFL);
	memset(&old, 0xff, sizeof old);
	rt_expect_ret("sigaction(SIGSYS, NULL, &old)", sys_sigaction(SIGSYS, 0, &old), 0);
	rt_expect_true("  handler is SIG_IGN", old.sa_handler == SIG_IGN);
	rt_expect_ret("syscall 419 [reserved]", SC0(NR_reserved_419), -ENOSYS);
	rt_expect_ret("syscall 1023 [no such call]", SC0(1023), -ENOSYS);
	rt_expect_ret("kill(getpid(), SIGSYS) while ignored", sys_kill((int)sys_getpid(), SIGSYS), 0);
	rt_puts("still running after SIGSYS");

	/* dispositions that cannot be changed, bad numbers */
	rt_expect_ret("sigaction(SIGKILL, {SIG_IGN}, NULL)", sys_sigaction(SIGKILL, &sa, 0), -EINVAL);
	rt_expect_ret("sigaction(SIGSTOP, {SIG_IGN}, NULL)", sys_sigaction(SIGSTOP, &sa, 0), -EINVAL);
	rt_expect_ret("sigaction(0, {SIG_IGN}, NULL)", sys_sigaction(0, &sa, 0), -EINVAL);
	rt_expect_ret("sigaction(129, {SIG_IGN}, NULL)", sys_sigaction(129, &sa, 0), -EINVAL);
	rt_expect_ret("sigaction(SIGSYS, (void *)8, NULL)", sys_sigaction(SIGSYS, (struct sigaction *)8, 0), -EFAULT);

	/* back to the default */
	sa.sa_handler = SIG_DFL;
	rt_expect_ret("sigaction(SIGUSR1, {SIG_DFL}, NULL)", sys_sigaction(SIGUSR1, &sa, 0), 0);
	sa.sa_handler = SIG_IGN;
	rt_expect_ret("sigaction(SIGUSR1, {SIG_IGN}, NULL)", sys_sigaction(SIGUSR1, &sa, 0), 0);
	rt_expect_ret("kill(getpid(), SIGUSR1) while ignored", sys_kill((int)sys_getpid(), SIGUSR1), 0);

	/* the signal mask */
	memset(&set, 0, sizeof set);
	set.bits[(SIGUSR2 - 1) >> 5] |= 1u << ((SIGUSR2 - 1) & 31);
	memset(&cur, 0xff, sizeof cur);
	rt_expect_ret("sigprocmask(SIG_BLOCK, {SIGUSR2}, &old)", sys_sigprocmask(SIG_BLOCK, &set, &cur), 0);
	rt_expect_true("  SIGUSR2 was not blocked before", !member(&cur, SIGUSR2));
	memset(&cur, 0, sizeof cur);
	rt_expect_ret("sigprocmask(SIG_SETMASK, NULL, &cur)", sys_sigprocmask(SIG_SETMASK, 0, &cur), 0);
	rt_expect_true("  SIGUSR2 blocked", member(&cur, SIGUSR2));
	rt_expect_true("  SIGUSR1 not blocked", !member(&cur, SIGUSR1));
	rt_expect_ret("sigprocmask(SIG_UNBLOCK, {SIGUSR2}, NULL)", sys_sigprocmask(SIG_UNBLOCK, &set, 0), 0);
	memset(&cur, 0xff, sizeof cur);
	rt_expect_ret("sigprocmask(SIG_SETMASK, NULL, &cur)", sys_sigprocmask(SIG_SETMASK, 0, &cur), 0);
	rt_expect_true("  SIGUSR2 no longer blocked", !member(&cur, SIGUSR2));
	rt_expect_ret("sigprocmask(99, {SIGUSR2}, NULL)", sys_sigprocmask(99, &set, 0), -EINVAL);
	return rt_finish();
}
