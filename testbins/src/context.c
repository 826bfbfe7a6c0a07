/*
 * context - getcontext, setcontext and swapcontext.
 * Covers: getcontext(421) setcontext(422) swapcontext(423).
 * Expected results, from FreeBSD's kernel (sys/kern/kern_context.c,
 * sys/amd64/amd64/machdep.c get_mcontext/set_mcontext): getcontext saves the
 * caller's registers with rax cleared (GET_MC_CLEAR_RET), so setcontext of
 * that context resumes after the getcontext call with a result of 0; the
 * signal mask is saved and restored; mc_len is sizeof(mcontext_t) (800)
 * and set_mcontext refuses another (EINVAL); NULL pointers are EINVAL, bad
 * ones EFAULT. swapcontext saves into oucp and runs ucp: here a function on
 * its own stack, which switches back with setcontext(oucp), after which
 * swapcontext returns 0. ucontext_t: uc_sigmask at 0, uc_mcontext at 16
 * (sys/sys/_ucontext.h, sys/x86/include/ucontext.h: mc_rdi at 8, mc_rip at
 * 160, mc_rsp at 184, mc_len at 200).
 * xrun-covers: exit getcontext setcontext sigprocmask swapcontext write
 */
#include "rt.h"

#define NR_getcontext 421
#define NR_setcontext 422
#define NR_swapcontext 423
#define MC_RDI 8
#define MC_RIP 160
#define MC_RSP 184
#define MC_LEN 200

struct uctx { sigset_t uc_sigmask; long mc[100]; char rest[64]; };  /* 880 bytes */
#define MCL(u, off) ((u)->mc[(off) / 8])

static struct uctx main_ctx, fn_ctx, uc;
static volatile int count, fn_ran, fn_arg;
static char fn_stack[16384] __attribute__((aligned(16)));

static void fn(long arg)
{
	long sp;
	__asm__ volatile ("mov %%rsp, %0" : "=r"(sp));
	fn_arg = (int)arg;
	fn_ran = sp > (long)fn_stack && sp < (long)fn_stack + (long)sizeof fn_stack;
	SC1(NR_setcontext, &main_ctx);
	rt_puts("setcontext returned  <-- FAIL");
	sys_exit(1);
}

int main(int argc, char **argv, char **envp)
{
	sigset_t set, cur;
	long r;

	(void)argc; (void)argv; (void)envp;
	count = 0;
	r = SC1(NR_getcontext, &uc);
	count++;
	if (count == 1) {
		rt_expect_ret("getcontext(&uc)", r, 0);
		rt_expect_eq("  mc_len", MCL(&uc, MC_LEN), 800);
		rt_expect_true("  mc_rsp is near this frame", MCL(&uc, MC_RSP) <= (long)&set + 4096 && MCL(&uc, MC_RSP) >= (long)&set - 4096);
		memset(&set, 0, sizeof set);
		set.bits[0] = 1U << (SIGUSR1 - 1);
		sys_sigprocmask(SIG_BLOCK, &set, 0);
	}
	if (count < 3)
		SC1(NR_setcontext, &uc);
	rt_expect_true("setcontext(&uc) twice resumed getcontext with result 0", count == 3 && r == 0);
	memset(&cur, 0xff, sizeof cur);
	sys_sigprocmask(SIG_BLOCK, 0, &cur);
	rt_expect_true("  the signal mask is getcontext's (SIGUSR1 unblocked again)", (cur.bits[0] & (1U << (SIGUSR1 - 1))) == 0);

	rt_expect_ret("getcontext(&fn_ctx)", SC1(NR_getcontext, &fn_ctx), 0);
	MCL(&fn_ctx, MC_RIP) = (long)fn;
	MCL(&fn_ctx, MC_RSP) = (long)fn_stack + (long)sizeof fn_stack - 8;   /* as after a call */
	MCL(&fn_ctx, MC_RDI) = 42;
	fn_ran = 0;
	rt_expect_ret("swapcontext(&main_ctx, &fn_ctx)", SC2(NR_swapcontext, &main_ctx, &fn_ctx), 0);
	rt_expect_true("  fn ran on its own stack with rdi 42", fn_ran == 1 && fn_arg == 42);

	rt_expect_ret("getcontext(NULL)", SC1(NR_getcontext, 0), -EINVAL);
	rt_expect_ret("getcontext((void *)8)", SC1(NR_getcontext, 8), -EFAULT);
	rt_expect_ret("setcontext(NULL)", SC1(NR_setcontext, 0), -EINVAL);
	rt_expect_ret("setcontext((void *)8)", SC1(NR_setcontext, 8), -EFAULT);
	SC1(NR_getcontext, &uc);
	MCL(&uc, MC_LEN) = 0;
	rt_expect_ret("setcontext(&{mc_len 0})", SC1(NR_setcontext, &uc), -EINVAL);
	rt_expect_ret("swapcontext(NULL, &uc)", SC2(NR_swapcontext, 0, &uc), -EINVAL);
	rt_expect_ret("swapcontext(&main_ctx, NULL)", SC2(NR_swapcontext, &main_ctx, 0), -EINVAL);
	return rt_finish();
}
