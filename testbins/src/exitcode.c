/*
 * exitcode - exits with the status given as argv[1] (default 0) through
 * exit(1), printing nothing.  The e2e test passes 42 and expects 42.
 * xrun-linux: yes
 * xrun-covers: exit
 * xrun-oracle: yes (the native Linux build is the oracle: LinuxOracleTest)
 */
#include "rt.h"

int main(int argc, char **argv, char **envp)
{
	(void)envp;
	if (argc < 2)
		return 0;
	return (int)(rt_atol(argv[1]) & 0xff);
}
