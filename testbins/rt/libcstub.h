/*
 * libcstub.h - system calls through out-of-line stubs shaped like the C library's: the way
 * real programs make them, and the shape --intercept=fastpath recognises and rewrites.
 *   FreeBSD libc (lib/libc/amd64/SYS.h RSYSCALL): mov $SYS_x,%eax; mov %rcx,%r10; syscall;
 *                 jb cerror; ret                       (here -errno instead of cerror)
 *   glibc (sysdeps/unix/sysv/linux/x86_64/syscall.S, the same shape): mov $__NR_x,%eax;
 *                 mov %rcx,%r10; syscall; ret          (-errno as the kernel gives it)
 * Arguments arrive in %rdi %rsi %rdx %rcx (C calling convention); the fourth moves to %r10.
 *
 *   LIBC_STUB(lc_getpid, 20, 39)   defines long lc_getpid(...): FreeBSD number 20, Linux 39
 *
 * Declare each stub with its C prototype after the macro. Linux errnos are the kernel's, not
 * translated: callers of the Linux build compare only successes.
 */
#ifndef XRUN_LIBCSTUB_H
#define XRUN_LIBCSTUB_H

#ifdef XRUN_TARGET_LINUX
#define LIBC_STUB(name, fbsd, linux) __asm__(".text\n.globl " #name "\n" #name ":\n" \
	"\tmov $" #linux ",%eax\n\tmov %rcx,%r10\n\tsyscall\n\tret\n");
#else
#define LIBC_STUB(name, fbsd, linux) __asm__(".text\n.globl " #name "\n" #name ":\n" \
	"\tmov $" #fbsd ",%eax\n\tmov %rcx,%r10\n\tsyscall\n\tjb 1f\n\tret\n1:\tneg %rax\n\tret\n");
#endif

#endif
