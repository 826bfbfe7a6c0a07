/*
 * signals_exit - a program killed by a signal: stores through a NULL
 * pointer.  FreeBSD delivers SIGSEGV (page 0 is never mapped) and, with
 * the default action, the process terminates with that signal.
 * Expected: one line of output, then death by SIGSEGV.
 * xrun-linux: yes
 * xrun-covers: write
 * xrun-oracle: yes (the native Linux build is the oracle: LinuxOracleTest)
 */
#include "rt.h"

int main(int argc, char **argv, char **envp)
{
	(void)argc; (void)argv; (void)envp;
	rt_puts("about to store through a NULL pointer");
	*(volatile int *)0 = 1;
	rt_puts("still alive (wrong)");
	return 0;
}
