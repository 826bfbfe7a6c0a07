/*
 * hello - the smallest end-to-end program: writes a greeting, its argc
 * and each argument, then exits 0.  Uses only write(4) and exit(1).
 * The e2e test runs it as "hello a b c".
 * xrun-linux: yes
 * xrun-covers: exit write
 * xrun-oracle: yes (the native Linux build is the oracle: LinuxOracleTest)
 */
#include "rt.h"

int main(int argc, char **argv, char **envp)
{
	int i;

	(void)envp;
	rt_puts("hello from FreeBSD");
	rt_say("argc=%d", argc);
	for (i = 1; i < argc; i++)
		rt_say("argv[%d]=%s", i, argv[i]);
	return 0;
}
