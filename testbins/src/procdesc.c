/*
 * procdesc - process descriptors.
 * Covers: pdfork(518) pdkill(519) pdgetpid(520) (with wait4(7)).
 * Expected results, from FreeBSD's kernel (sys/kern/kern_fork.c sys_pdfork,
 * sys/kern/sys_procdesc.c) and pdfork(2): pdfork returns the child's pid in
 * the parent, 0 in the child, and stores a process descriptor in *fdp,
 * close-on-exec only with PD_CLOEXEC; flags other than PD_DAEMON (1) and
 * PD_CLOEXEC (2) are EINVAL. pdgetpid gives the child's pid; pdkill sends
 * a signal (signal 0 only checks, above _SIG_MAXSIG EINVAL); both are
 * EBADF on a descriptor that is not a process descriptor. A child killed
 * with pdkill(SIGTERM) is reported by wait4 as killed by signal 15.
 * xrun-covers: close exit fcntl pdfork pdgetpid pdkill wait4 write
 */
#include "rt.h"

#define NR_fork_ 2
#define NR_wait4 7
#define NR_pdfork 518
#define NR_pdkill 519
#define NR_pdgetpid 520
#define PD_DAEMON 0x1
#define PD_CLOEXEC 0x2
#define F_GETFD 1

static long pdfork(int *fdp, int flags, int exitcode)
{
	long second = 0;
	long pid = rt_syscall6x(NR_pdfork, (long)fdp, flags, 0, 0, 0, 0, &second);
	if (pid >= 0 && second) {
		if (exitcode < 0) {
			struct timespec ts = { 30, 0 };
			sys_nanosleep(&ts, 0);   /* until pdkill */
		}
		sys_exit(exitcode < 0 ? 0 : exitcode);
	}
	return pid;
}

int main(int argc, char **argv, char **envp)
{
	int fd = -1, status = 0, pid2 = 0;
	long pid, r;
	(void)argc; (void)argv; (void)envp;

	pid = pdfork(&fd, 0, 5);
	rt_expect_true("pdfork(&fd, 0) > 0 in the parent", pid > 0);
	rt_expect_ret("  fd", fd, 3);
	rt_expect_ret("  fcntl(fd, F_GETFD) [no PD_CLOEXEC]", sys_fcntl(fd, F_GETFD, 0), 0);
	rt_expect_ret("pdgetpid(fd, &pid)", SC2(NR_pdgetpid, fd, &pid2), 0);
	rt_expect_true("  == pdfork's result", pid2 == pid);
	r = SC4(NR_wait4, pid, &status, 0, 0);
	rt_expect_true("wait4(pid, &status, 0, NULL) == pid", r == pid);
	rt_expect_hex("  status (exit 5)", (unsigned)status, 5 << 8);
	sys_close(fd);

	pid = pdfork(&fd, PD_CLOEXEC, -1);
	rt_expect_true("pdfork(&fd, PD_CLOEXEC) > 0", pid > 0);
	rt_expect_ret("  fcntl(fd, F_GETFD)", sys_fcntl(fd, F_GETFD, 0), 1);
	rt_expect_ret("pdkill(fd, 0)", SC2(NR_pdkill, fd, 0), 0);
	rt_expect_ret("pdkill(fd, 999)", SC2(NR_pdkill, fd, 999), -EINVAL);
	rt_expect_ret("pdkill(fd, SIGTERM)", SC2(NR_pdkill, fd, SIGTERM), 0);
	r = SC4(NR_wait4, pid, &status, 0, 0);
	rt_expect_true("wait4(pid): killed by SIGTERM", r == pid && (status & 0x7f) == SIGTERM);
	sys_close(fd);

	rt_expect_ret("pdfork(&fd, 0x4)", SC2(NR_pdfork, &fd, 0x4), -EINVAL);
	rt_expect_ret("pdkill(0, SIGTERM) [not a process descriptor]", SC2(NR_pdkill, 0, SIGTERM), -EBADF);
	rt_expect_ret("pdkill(99, SIGTERM)", SC2(NR_pdkill, 99, SIGTERM), -EBADF);
	rt_expect_ret("pdgetpid(0, &pid) [not a process descriptor]", SC2(NR_pdgetpid, 0, &pid2), -EBADF);
	rt_expect_ret("pdgetpid(99, &pid)", SC2(NR_pdgetpid, 99, &pid2), -EBADF);
	return rt_finish();
}
