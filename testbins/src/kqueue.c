/*
 * kqueue - kqueue(2)/kevent(2) filters and flags, and vfork/wait4.
 * Covers: kqueuex(583) kqueue(362) kevent(560) freebsd11_kevent(363)
 *         vfork(66) rfork(251) wait4(7) pipe2(542) write(4) read(3) close(6).
 * Expected results: kqueue(2) and sys/kern/kern_event.c: a READ knote on
 * a pipe fires once data is there with the registered udata and ext[];
 * its data is the number of bytes readable (filt_piperead); EV_RECEIPT
 * returns EV_ERROR with data 0; EVFILT_SIGNAL counts deliveries of the
 * signal, ignored ones too, and is implicitly EV_CLEAR (filt_sigattach); a change that fails with room
 * in the eventlist comes back as EV_ERROR with the errno in data, and
 * without room kevent() fails with it; EVFILT_TIMER (ms by default) with
 * EV_ONESHOT fires once with data 1; EVFILT_USER fires on NOTE_TRIGGER
 * with NOTE_FFCOPY'd fflags; EVFILT_PROC NOTE_EXIT reports the exit status
 * with EV_EOF|EV_ONESHOT; a zero timeout polls; vfork returns the child's
 * pid in the parent and 0 in the child (vfork(2)); wait4 status 7 << 8.
 * rfork(2): with RFPROC a child like fork's (rdx 1 in the child,
 * cpu_fork), RFSPAWN alone is vfork, without RFPROC nothing happens for
 * flags 0, and RFFDG with RFCFDG is EINVAL (kern_fork.c fork1).
 * xrun-covers: close exit fcntl freebsd11_kevent getpid kevent kill kqueue kqueuex
 * xrun-covers: pipe2 rfork sigaction vfork wait4 write
 */
#include "rt.h"

#define NR_vfork 66
#define NR_rfork 251
#define RFFDG 0x4
#define RFPROC 0x10
#define RFMEM 0x20
#define RFCFDG 0x1000
#define RFSPAWN 0x80000000
#define NR_wait4 7
#define NR_kqueue_ 362
#define NR_kevent11 363
#define NR_kevent 560
#define NR_kqueuex 583
#define EVFILT_READ (-1)
#define EVFILT_WRITE (-2)
#define EVFILT_PROC (-5)
#define EVFILT_SIGNAL (-6)
#define EVFILT_TIMER (-7)
#define EVFILT_USER (-11)
#define EV_ADD 0x1
#define EV_DELETE 0x2
#define EV_ENABLE 0x4
#define EV_DISABLE 0x8
#define EV_ONESHOT 0x10
#define EV_CLEAR 0x20
#define EV_RECEIPT 0x40
#define EV_ERROR 0x4000
#define EV_EOF 0x8000
#define NOTE_TRIGGER 0x01000000
#define NOTE_FFCOPY 0xc0000000
#define NOTE_EXIT 0x80000000
#define KQUEUE_CLOEXEC 1
#define F_GETFD 1

struct kevent { uint64_t ident; int16_t filter; uint16_t flags; uint32_t fflags; int64_t data; void *udata; uint64_t ext[4]; };
struct kevent11 { uint64_t ident; int16_t filter; uint16_t flags; uint32_t fflags; int64_t data; void *udata; };

/* rfork(flags) whose child calls exit(code) at once, touching no memory: with RFMEM it shares
 * the parent's stack. Returns the child's pid (or -errno) in the parent. */
static long rfork_mem_exit(long flags, long code)
{
	long rax = NR_rfork;
	unsigned char cf;
	__asm__ volatile ("syscall\n\t"
	    "setc %1\n\t"
	    "test %%rdx, %%rdx\n\t"      /* rdx = 1 in the child (cpu_fork) */
	    "jz 1f\n\t"
	    "mov %3, %%rdi\n\t"
	    "mov $1, %%eax\n\t"           /* SYS_exit */
	    "syscall\n"
	    "1:"
	    : "+a"(rax), "=r"(cf)
	    : "D"(flags), "r"(code)
	    : "rcx", "r11", "rdx", "rsi", "r8", "r9", "r10", "memory", "cc");
	return cf ? -rax : rax;
}

static void set(struct kevent *k, uint64_t id, int f, int fl, uint32_t ff, long data, void *ud)
{
	memset(k, 0, sizeof *k);
	k->ident = id; k->filter = (int16_t)f; k->flags = (uint16_t)fl; k->fflags = ff; k->data = data; k->udata = ud;
}

int main(int argc, char **argv, char **envp)
{
	struct kevent ch[4], ev[8];
	struct timespec zero = { 0, 0 }, sec = { 5, 0 };
	int p[2];
	(void)argc; (void)argv; (void)envp;

	long kq = SC1(NR_kqueuex, KQUEUE_CLOEXEC);
	rt_expect_true("kqueuex(KQUEUE_CLOEXEC) >= 0", kq >= 0);
	rt_expect_eq("  close-on-exec", sys_fcntl((int)kq, F_GETFD, 0), 1);
	rt_expect_ret("kqueuex(2)", SC1(NR_kqueuex, 2), -EINVAL);
	rt_expect_ret("kevent(0 [not a kqueue], ...)", SC6(NR_kevent, 0, 0, 0, ev, 8, &zero), -EBADF);

	sys_pipe2(p, 0);
	set(&ch[0], p[0], EVFILT_READ, EV_ADD | EV_CLEAR, 0, 0, (void *)0x1234);
	ch[0].ext[2] = 0x77;
	rt_expect_ret("kevent(kq, {READ pipe, ADD|CLEAR}, 1, ev, 8, {0,0})", SC6(NR_kevent, kq, ch, 1, ev, 8, &zero), 0);
	sys_write(p[1], "abc", 3);
	rt_expect_ret("kevent(kq, NULL, 0, ev, 8, {5,0}) after write", SC6(NR_kevent, kq, 0, 0, ev, 8, &sec), 1);
	rt_expect_true("  ident, filter, flags EV_ADD-less, udata, ext[2]", ev[0].ident == (uint64_t)p[0] && ev[0].filter == EVFILT_READ
	    && ev[0].flags == EV_CLEAR && ev[0].udata == (void *)0x1234 && ev[0].ext[2] == 0x77);
	rt_expect_eq("  data (bytes readable)", ev[0].data, 3);
	rt_expect_ret("kevent(..., {0,0}) again [cleared]", SC6(NR_kevent, kq, 0, 0, ev, 8, &zero), 0);
	sys_close(p[1]);
	rt_expect_ret("kevent(..., {5,0}) after the writer closed", SC6(NR_kevent, kq, 0, 0, ev, 8, &sec), 1);
	rt_expect_true("  EV_EOF set", (ev[0].flags & EV_EOF) != 0);
	sys_close(p[0]);

	/* errors and receipts */
	set(&ch[0], 1, EVFILT_WRITE, EV_ADD | EV_RECEIPT, 0, 0, 0);
	set(&ch[1], 99, EVFILT_READ, EV_DELETE, 0, 0, 0);
	set(&ch[2], 0, -99, EV_ADD, 0, 0, 0);
	rt_expect_ret("kevent(kq, {RECEIPT, DELETE missing, bad filter}, 3, ev, 8)", SC6(NR_kevent, kq, ch, 3, ev, 8, &zero), 3);
	rt_expect_true("  receipt: EV_ERROR, data 0", ev[0].flags == EV_ERROR && ev[0].data == 0);
	rt_expect_true("  missing knote: EV_ERROR, data ENOENT", ev[1].flags == EV_ERROR && ev[1].data == ENOENT);
	rt_expect_true("  bad filter: EV_ERROR, data EINVAL", ev[2].flags == EV_ERROR && ev[2].data == EINVAL);
	rt_expect_ret("kevent(kq, {DELETE missing}, 1, NULL, 0)", SC6(NR_kevent, kq, &ch[1], 1, 0, 0, &zero), -ENOENT);
	set(&ch[0], 1, EVFILT_WRITE, EV_DELETE, 0, 0, 0);
	rt_expect_ret("kevent(kq, {WRITE 1, DELETE}, 1, NULL, 0)", SC6(NR_kevent, kq, ch, 1, 0, 0, &zero), 0);

	/* timer */
	set(&ch[0], 7, EVFILT_TIMER, EV_ADD | EV_ONESHOT, 0, 10, (void *)7);
	rt_expect_ret("kevent(kq, {TIMER 7, 10 ms, ONESHOT}, 1, ev, 8, {5,0})", SC6(NR_kevent, kq, ch, 1, ev, 8, &sec), 1);
	rt_expect_true("  ident 7, data 1 expiration", ev[0].ident == 7 && ev[0].filter == EVFILT_TIMER && ev[0].data == 1);
	rt_expect_ret("  gone after firing: kevent({0,0})", SC6(NR_kevent, kq, 0, 0, ev, 8, &zero), 0);

	/* user events */
	set(&ch[0], 3, EVFILT_USER, EV_ADD | EV_CLEAR, 0, 0, 0);
	rt_expect_ret("kevent(kq, {USER 3, ADD|CLEAR}, 1, ev, 8, {0,0})", SC6(NR_kevent, kq, ch, 1, ev, 8, &zero), 0);
	set(&ch[0], 3, EVFILT_USER, 0, NOTE_TRIGGER | NOTE_FFCOPY | 0x15, 0, 0);
	rt_expect_ret("kevent(kq, {USER 3, NOTE_TRIGGER|FFCOPY|0x15}, 1, ev, 8, {5,0})", SC6(NR_kevent, kq, ch, 1, ev, 8, &sec), 1);
	rt_expect_true("  USER 3 fired with fflags 0x15", ev[0].ident == 3 && ev[0].filter == EVFILT_USER && ev[0].fflags == 0x15);
	rt_expect_ret("  cleared: kevent({0,0})", SC6(NR_kevent, kq, 0, 0, ev, 8, &zero), 0);

	/* signals, even ignored ones, are counted */
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = SIG_IGN;
	sys_sigaction(SIGUSR1, &sa, 0);
	set(&ch[0], SIGUSR1, EVFILT_SIGNAL, EV_ADD, 0, 0, (void *)5);
	rt_expect_ret("kevent(kq, {SIGNAL SIGUSR1, ADD}, 1, ev, 8, {0,0})", SC6(NR_kevent, kq, ch, 1, ev, 8, &zero), 0);
	sys_kill((int)sys_getpid(), SIGUSR1);
	sys_kill((int)sys_getpid(), SIGUSR1);
	rt_expect_ret("kevent(..., {5,0}) after two kill(SIGUSR1) [ignored]", SC6(NR_kevent, kq, 0, 0, ev, 8, &sec), 1);
	rt_expect_true("  SIGNAL SIGUSR1, data 2, EV_CLEAR set", ev[0].ident == SIGUSR1 && ev[0].filter == EVFILT_SIGNAL
	    && ev[0].data == 2 && (ev[0].flags & EV_CLEAR) && ev[0].udata == (void *)5);
	rt_expect_ret("  cleared: kevent({0,0})", SC6(NR_kevent, kq, 0, 0, ev, 8, &zero), 0);
	set(&ch[0], 0, EVFILT_SIGNAL, EV_ADD, 0, 0, 0);
	rt_expect_ret("kevent(kq, {SIGNAL 0, ADD}, 1, NULL, 0)", SC6(NR_kevent, kq, ch, 1, 0, 0, &zero), -EINVAL);

	/* vfork, EVFILT_PROC NOTE_EXIT and wait4 */
	long pid = SC0(NR_vfork);
	if (pid == 0)
		sys_exit(7);
	rt_expect_true("vfork() in the parent: the child's pid", pid > 0);
	set(&ch[0], (uint64_t)pid, EVFILT_PROC, EV_ADD, NOTE_EXIT, 0, 0);
	long n = SC6(NR_kevent, kq, ch, 1, ev, 8, &sec);
	/* the child may be gone already: FreeBSD then fails the change with ESRCH */
	rt_expect_true("kevent(kq, {PROC child, NOTE_EXIT}) reports the exit", (n == 1 && ev[0].filter == EVFILT_PROC
	    && (ev[0].fflags & NOTE_EXIT) && (ev[0].flags & EV_EOF) && ev[0].data == (7 << 8))
	    || (n == 1 && ev[0].flags == EV_ERROR && ev[0].data == ESRCH));
	int status = 0;
	rt_expect_true("wait4(child, &status, 0, NULL) returns the child's pid", SC4(NR_wait4, pid, &status, 0, 0) == pid);
	rt_expect_eq("  status", status, 7 << 8);

	/* rfork */
	long rp = SC1(NR_rfork, RFPROC | RFFDG);
	if (rp == 0)
		sys_exit(5);
	status = 0;
	rt_expect_true("rfork(RFPROC|RFFDG): child's pid in the parent", rp > 0 && SC4(NR_wait4, rp, &status, 0, 0) == rp);
	rt_expect_eq("  child exit status", status, 5 << 8);
	rp = SC1(NR_rfork, RFSPAWN);
	if (rp == 0)
		sys_exit(6);
	status = 0;
	rt_expect_true("rfork(RFSPAWN): child's pid in the parent", rp > 0 && SC4(NR_wait4, rp, &status, 0, 0) == rp);
	rt_expect_eq("  child exit status", status, 6 << 8);
	/* RFMEM: the child shares the address space and this stack, so it exits at once */
	rp = rfork_mem_exit(RFPROC | RFMEM, 9);
	status = 0;
	rt_expect_true("rfork(RFPROC|RFMEM): child's pid in the parent", rp > 0 && SC4(NR_wait4, rp, &status, 0, 0) == rp);
	rt_expect_eq("  child exit status", status, 9 << 8);
	rt_expect_ret("rfork(0) [changes nothing]", SC1(NR_rfork, 0), 0);
	rt_expect_ret("rfork(RFFDG|RFCFDG)", SC1(NR_rfork, RFPROC | RFFDG | RFCFDG), -EINVAL);

	/* the FreeBSD 11 structure */
	struct kevent11 o[2], oe[2];
	long kq2 = SC0(NR_kqueue_);
	sys_pipe2(p, 0);
	memset(o, 0, sizeof o);
	o[0].ident = (uint64_t)p[1]; o[0].filter = EVFILT_WRITE; o[0].flags = EV_ADD; o[0].udata = (void *)9;
	rt_expect_ret("freebsd11_kevent(kq2, {WRITE pipe}, 1, ev, 2, {5,0})", SC6(NR_kevent11, kq2, o, 1, oe, 2, &sec), 1);
	rt_expect_true("  WRITE ready, udata 9", oe[0].filter == EVFILT_WRITE && oe[0].udata == (void *)9);
	rt_expect_ret("close(kq2)", sys_close((int)kq2), 0);
	rt_expect_ret("kevent(kq2 [closed], ...)", SC6(NR_kevent11, kq2, 0, 0, oe, 2, &zero), -EBADF);
	return rt_finish();
}
