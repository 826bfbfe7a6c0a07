/*
 * sigsys - calling a system call the translator does not provide.
 * 419 is reserved in syscalls.master: FreeBSD's table sends it to nosys()
 * (sys/kern/kern_sig.c: SIGSYS, default action terminate), and xrun answers
 * every call it does not provide the same way.  Expected: one line, then
 * death by SIGSYS.
 * xrun-covers: write
 */
#include "rt.h"

int main(int argc, char **argv, char **envp)
{
	(void)argc; (void)argv; (void)envp;
	rt_puts("calling syscall 419 (reserved)");
	SC0(NR_reserved_419);
	rt_puts("still alive (wrong)");
	return 0;
}
