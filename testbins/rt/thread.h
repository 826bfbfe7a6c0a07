/*
 * thread.h - a header-only thread helper for the test programs that need a
 * second thread on both targets (bench_syscalls): header-only, so that the
 * programs that do not include it (and their committed binaries) stay as they are.
 *
 * FreeBSD: thr_new(2) starts rt_thread_main(t), which runs fn(arg) and ends with
 * thr_exit(&t->word) (the kernel stores 1 there and wakes it, kern_thr.c
 * kern_thr_exit); rt_thread_join waits with _umtx_op(UMTX_OP_WAIT) while it is 0.
 * Linux: clone(2) with the flags of a thread sharing everything and
 * CLONE_CHILD_CLEARTID on t->word, so the kernel zeroes it and futex-wakes it when
 * the thread has exited (exit(2), this thread only); rt_thread_join waits with
 * FUTEX_WAIT while it is not 0. No TLS is set up: the thread shares the creator's.
 */
#ifndef XRUN_THREAD_H
#define XRUN_THREAD_H
#include "rt.h"

struct rt_thread {
	void (*fn)(void *);
	void *arg;
	volatile long word;     /* the thread's exit word: rt_thread_join waits on it */
};

#ifdef XRUN_TARGET_LINUX
#define RT_NR_clone 56          /* asm/unistd_64.h */
#define RT_NR_futex 202
/* CLONE_VM FS FILES SIGHAND THREAD SYSVSEM CHILD_CLEARTID (linux/sched.h) */
#define RT_CLONE_THREAD_FLAGS (0x100 | 0x200 | 0x400 | 0x800 | 0x10000 | 0x40000 | 0x200000)
#define RT_FUTEX_WAIT 0
#endif

/* The new thread's first frame: run the function, then end this thread only. */
static __attribute__((noreturn, used)) void rt_thread_main(struct rt_thread *t)
{
	t->fn(t->arg);
#ifdef XRUN_TARGET_LINUX
	SC1(NR_exit, 0);                     /* Linux exit(2): the calling thread */
#else
	SC1(NR_thr_exit, &t->word);          /* stores 1 in t->word and wakes it */
#endif
	for (;;)
		__asm__ volatile ("hlt");
}

/* Runs fn(arg) on a new thread of this process, on the given stack; 0 or -errno. */
static inline int rt_thread_start(struct rt_thread *t, void (*fn)(void *), void *arg, char *stack, size_t size)
{
	t->fn = fn;
	t->arg = arg;
#ifdef XRUN_TARGET_LINUX
	unsigned long *sp = (unsigned long *)(((unsigned long)stack + size) & ~15UL);
	register long r10 __asm__("r10") = (long)&t->word;   /* child_tid */
	register long r8 __asm__("r8") = 0;                  /* tls (unused: no CLONE_SETTLS) */
	long rax = RT_NR_clone;
	t->word = 1;                                          /* running; the kernel clears it */
	*--sp = (unsigned long)t;
	*--sp = 0;
	/* the child starts on sp: it pops the padding and t, and calls rt_thread_main(t)
	 * with the stack 16-aligned before the call, as the ABI wants */
	__asm__ volatile (
	    "syscall\n\t"
	    "test %%rax, %%rax\n\t"
	    "jnz 1f\n\t"
	    "xor %%ebp, %%ebp\n\t"
	    "pop %%rdi\n\t"
	    "pop %%rdi\n\t"
	    "call rt_thread_main\n\t"
	    "hlt\n"
	    "1:"
	    : "+a"(rax)
	    : "D"((long)RT_CLONE_THREAD_FLAGS), "S"(sp), "d"(0L), "r"(r10), "r"(r8)
	    : "rcx", "r11", "memory", "cc");
	if ((unsigned long)rax >= (unsigned long)-4095L)
		return (int)-rt_errno_from_linux(-rax);
	return 0;
#else
	struct thr_param p;
	t->word = 0;                                          /* running; thr_exit stores 1 */
	memset(&p, 0, sizeof p);
	p.start_func = (void (*)(void *))rt_thread_main;
	p.arg = t;
	p.stack_base = stack;
	p.stack_size = size;
	return (int)SC2(NR_thr_new, &p, sizeof p);
#endif
}

/* Waits until the thread has returned from fn and ended. */
static inline void rt_thread_join(struct rt_thread *t)
{
#ifdef XRUN_TARGET_LINUX
	long w;
	while ((w = t->word) != 0)
		SC4(RT_NR_futex, &t->word, RT_FUTEX_WAIT, w, 0);
#else
	while (t->word == 0)
		SC5(NR__umtx_op, &t->word, UMTX_OP_WAIT, 0, 0, 0);
#endif
}

#endif /* XRUN_THREAD_H */
