/*
 * sigsys - calling a system call the translator does not provide.
 * kqueue (362) is a real FreeBSD system call that xrun deliberately does
 * not translate; xrun answers such calls the way FreeBSD answers a call it
 * does not implement (sys/kern/kern_sig.c nosys(): SIGSYS, default action
 * terminate).  Expected: one line, then death by SIGSYS.
 * NOTE: on a real FreeBSD kernel kqueue succeeds; this expectation
 * describes xrun's policy for untranslated calls.
 */
#include "rt.h"

int main(int argc, char **argv, char **envp)
{
	(void)argc; (void)argv; (void)envp;
	rt_puts("calling kqueue (362), not translated by xrun");
	SC0(NR_kqueue);
	rt_puts("still alive (wrong)");
	return 0;
}
