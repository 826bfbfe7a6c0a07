/*
 * bench_getpid - system call round-trip cost: calls getpid N times
 * (N = argv[1], default 1000000) and reports the mean time per call
 * measured with clock_gettime(CLOCK_MONOTONIC).  Output varies by design:
 * there is no golden file.  Built for FreeBSD (bin/) and for Linux
 * natively (bin/linux/) so the translator's overhead can be compared.
 * xrun-linux: yes
 * xrun-oracle: no: it prints timings
 */
#include "rt.h"

int main(int argc, char **argv, char **envp)
{
	struct timespec a, b;
	long n = 1000000, i, total;

	(void)envp;
	if (argc > 1)
		n = rt_atol(argv[1]);
	if (n <= 0)
		n = 1;
	sys_clock_gettime(CLOCK_MONOTONIC, &a);
	for (i = 0; i < n; i++)
		sys_getpid();
	sys_clock_gettime(CLOCK_MONOTONIC, &b);
	total = (b.tv_sec - a.tv_sec) * 1000000000L + (b.tv_nsec - a.tv_nsec);
	rt_say("getpid iterations=%ld ns_per_call=%ld", n, total / n);
	return 0;
}
