/*
 * sighandler - FreeBSD signal handlers on FreeBSD frames.
 * Covers: sigaction(416) with SA_SIGINFO handlers, sigreturn(417) (the
 *         handler's return through the sigcode trampoline), sigaltstack(53),
 *         sigprocmask(340), sigpending(343), sigsuspend(341),
 *         sigtimedwait(345), sigwaitinfo(346), sigwait(429), kill(37),
 *         thr_kill(433), and a SIGSEGV whose handler repairs the context.
 * Expected results: sigaction(2), sigaltstack(2), sigsuspend(2),
 * sigwait(2), sigtimedwait(2), siginfo(3) and sys/amd64/amd64/
 * exec_machdep.c sendsig(): handler(sig, &si, &uc) with si_signo set, the
 * handler's mask holds the signal, uc_sigmask the mask before delivery;
 * kill() gives si_code SI_USER (0x10001) and thr_kill SI_LWP (0x10007);
 * SA_ONSTACK handlers run on the alternate stack and see SS_ONSTACK; a
 * fault on page 0 gives SEGV_MAPERR (1) with si_addr the address; what the
 * handler writes to uc_mcontext is what execution resumes with;
 * sigsuspend returns EINTR (4) after a handler; sigwait returns the signal
 * and the error number, never -1; sigtimedwait on nothing pending times
 * out with EAGAIN (35).
 */
#include "rt.h"

#define NR_sigaltstack 53
#define NR_sigsuspend 341
#define NR_sigpending 343
#define NR_sigtimedwait 345
#define NR_sigwaitinfo 346
#define NR_sigwait 429
#define NR_thr_self 432
#define NR_thr_kill 433
#define SA_ONSTACK 0x1
#define SA_RESTART 0x2
#define SA_SIGINFO 0x40
#define SS_ONSTACK 1
#define SS_DISABLE 4
#define SI_USER 0x10001
#define SI_LWP 0x10007
#define SEGV_MAPERR 1

struct fstack { void *ss_sp; size_t ss_size; int ss_flags; };
/* ucontext_t (sys/sys/_ucontext.h, sys/x86/include/ucontext.h): mask 0, mcontext 16 */
#define UC_MASK(uc) ((sigset_t *)(uc))
#define MC(uc, off) (*(long *)((char *)(uc) + 16 + (off)))
#define MC_RIP 160
#define MC_RAX 56
#define MC_ONSTACK 0

static volatile int got_sig, got_code, got_pid_ok, mask_had_sig, onstack_seen, uc_mask_had_usr2;
static volatile long fault_addr;
static char altstack[65536] __attribute__((aligned(16)));

static int member(const sigset_t *s, int sig) { return (s->bits[(sig - 1) >> 5] >> ((sig - 1) & 31)) & 1; }

static void handler(int sig, struct fsiginfo *si, void *uc)
{
	sigset_t cur;
	long sp;
	__asm__ volatile ("mov %%rsp, %0" : "=r"(sp));
	got_sig = sig;
	got_code = si->si_code;
	got_pid_ok = si->si_signo == sig && si->si_pid == (int)sys_getpid();
	sys_sigprocmask(SIG_BLOCK, 0, &cur);
	mask_had_sig = member(&cur, sig);
	uc_mask_had_usr2 = member(UC_MASK(uc), SIGUSR2);
	onstack_seen = sp >= (long)altstack && sp < (long)altstack + (long)sizeof altstack && MC(uc, MC_ONSTACK) == 0;
}

/* Repairs a fault at the 2-byte instruction `mov %eax,(%rdx)` in faulter(): skip it, set rax. */
static void segv(int sig, struct fsiginfo *si, void *uc)
{
	got_sig = sig;
	got_code = si->si_code;
	fault_addr = (long)si->si_addr;
	MC(uc, MC_RIP) += 2;
	MC(uc, MC_RAX) = 77;
}

static long faulter(void)
{
	long rax = 5;
	__asm__ volatile ("mov %%eax, (%%rdx)" : "+a"(rax) : "d"(16L) : "memory");
	return rax;
}

static void install(int sig, void *fn, int flags)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = fn;
	sa.sa_flags = flags;
	rt_expect_ret(rt_desc("sigaction(%d, {handler, 0x%x}, NULL)", sig, flags), sys_sigaction(sig, &sa, 0), 0);
}

int main(int argc, char **argv, char **envp)
{
	sigset_t set, old;
	(void)argc; (void)argv; (void)envp;

	install(SIGUSR1, handler, SA_SIGINFO | SA_RESTART);
	struct sigaction back;
	rt_expect_ret("sigaction(SIGUSR1, NULL, &back)", sys_sigaction(SIGUSR1, 0, &back), 0);
	rt_expect_true("  handler and flags read back", back.sa_handler == (void *)handler && back.sa_flags == (SA_SIGINFO | SA_RESTART));

	/* SIGUSR2 blocked during the kill: the saved context keeps it blocked */
	memset(&set, 0, sizeof set);
	set.bits[(SIGUSR2 - 1) >> 5] |= 1u << ((SIGUSR2 - 1) & 31);
	sys_sigprocmask(SIG_BLOCK, &set, &old);
	rt_expect_ret("kill(getpid(), SIGUSR1)", sys_kill((int)sys_getpid(), SIGUSR1), 0);
	rt_expect_eq("  handler got signal", got_sig, SIGUSR1);
	rt_expect_hex("  si_code (SI_USER)", got_code, SI_USER);
	rt_expect_true("  si_signo and si_pid", got_pid_ok);
	rt_expect_true("  signal blocked inside its handler", mask_had_sig);
	rt_expect_true("  uc_sigmask is the mask before (SIGUSR2 blocked)", uc_mask_had_usr2);
	sigset_t now;
	sys_sigprocmask(SIG_BLOCK, 0, &now);
	rt_expect_true("  after sigreturn SIGUSR1 unblocked again", !member(&now, SIGUSR1));

	/* pending while blocked, sigpending, sigwait family */
	rt_expect_ret("kill(getpid(), SIGUSR2) [blocked]", sys_kill((int)sys_getpid(), SIGUSR2), 0);
	sigset_t pend;
	memset(&pend, 0, sizeof pend);
	rt_expect_ret("sigpending(&pend)", SC1(NR_sigpending, &pend), 0);
	rt_expect_true("  SIGUSR2 pending", member(&pend, SIGUSR2));
	int which = 0;
	rt_expect_ret("sigwait({SIGUSR2}, &which)", SC2(NR_sigwait, &set, &which), 0);
	rt_expect_eq("  which", which, SIGUSR2);
	struct fsiginfo si;
	sys_kill((int)sys_getpid(), SIGUSR2);
	memset(&si, 0, sizeof si);
	rt_expect_ret("sigwaitinfo({SIGUSR2}, &si)", SC2(NR_sigwaitinfo, &set, &si), SIGUSR2);
	rt_expect_true("  si_signo SIGUSR2, si_code SI_USER", si.si_signo == SIGUSR2 && si.si_code == SI_USER);
	struct timespec ts = { 0, 10 * 1000 * 1000 };
	rt_expect_ret("sigtimedwait({SIGUSR2}, &si, 10ms) [none pending]", SC3(NR_sigtimedwait, &set, &si, &ts), -EAGAIN);
	rt_expect_ret("sigwait(NULL, &which)", SC2(NR_sigwait, 0, &which), EFAULT);

	/* thr_kill: SI_LWP; on the alternate stack */
	struct fstack ss = { altstack, sizeof altstack, 0 }, oss;
	memset(&oss, 0, sizeof oss);
	rt_expect_ret("sigaltstack(NULL, &oss)", SC2(NR_sigaltstack, 0, &oss), 0);
	rt_expect_true("  SS_DISABLE before", oss.ss_flags == SS_DISABLE);
	rt_expect_ret("sigaltstack(&ss, NULL)", SC2(NR_sigaltstack, &ss, 0), 0);
	struct fstack tiny = { altstack, 1024, 0 };
	rt_expect_ret("sigaltstack({1024 bytes}, NULL)", SC2(NR_sigaltstack, &tiny, 0), -ENOMEM);
	struct fstack badf = { altstack, sizeof altstack, 2 };
	rt_expect_ret("sigaltstack({flags 2}, NULL)", SC2(NR_sigaltstack, &badf, 0), -EINVAL);
	install(SIGUSR1, handler, SA_SIGINFO | SA_ONSTACK);
	long self = 0;
	SC1(NR_thr_self, &self);
	rt_expect_ret("thr_kill(self, SIGUSR1)", SC2(NR_thr_kill, self, SIGUSR1), 0);
	rt_expect_hex("  si_code (SI_LWP)", got_code, SI_LWP);
	rt_expect_true("  handler ran on the alternate stack", onstack_seen);

	/* sigsuspend: unblock SIGUSR2 while waiting; the handler runs, EINTR */
	install(SIGUSR2, handler, SA_SIGINFO);
	sys_kill((int)sys_getpid(), SIGUSR2);   /* pending: SIGUSR2 is still blocked */
	sigset_t none;
	memset(&none, 0, sizeof none);
	got_sig = 0;
	rt_expect_ret("sigsuspend({}) with SIGUSR2 pending", SC1(NR_sigsuspend, &none), -EINTR);
	rt_expect_eq("  handler got signal", got_sig, SIGUSR2);
	sys_sigprocmask(SIG_BLOCK, 0, &now);
	rt_expect_true("  mask restored: SIGUSR2 blocked again", member(&now, SIGUSR2));

	/* a fault the handler repairs */
	install(SIGSEGV, segv, SA_SIGINFO);
	got_sig = 0;
	long r = faulter();
	rt_expect_eq("store to address 16: handler got signal", got_sig, SIGSEGV);
	rt_expect_eq("  si_code (SEGV_MAPERR)", got_code, SEGV_MAPERR);
	rt_expect_eq("  si_addr", fault_addr, 16);
	rt_expect_eq("  resumed past the store with the handler's rax", r, 77);
	return rt_finish();
}
