/*
 * rand - kernel random bytes.
 * Covers: getrandom(563).
 * Expected results: getrandom(2); flag values from sys/sys/random.h
 * (GRND_NONBLOCK 1, GRND_RANDOM 2, GRND_INSECURE 4; anything else EINVAL).
 * xrun-linux: yes
 * xrun-covers: exit getrandom write
 * xrun-oracle: yes (the native Linux build is the oracle: LinuxOracleTest)
 */
#include "rt.h"

int main(int argc, char **argv, char **envp)
{
	unsigned char a[32], b[32], big[256];

	(void)argc; (void)argv; (void)envp;
	memset(a, 0, sizeof a);
	memset(b, 0, sizeof b);
	rt_expect_ret("getrandom(a, 32, 0)", sys_getrandom(a, 32, 0), 32);
	rt_expect_true("  not all zero", !rt_allzero(a, 32));
	rt_expect_ret("getrandom(b, 32, 0)", sys_getrandom(b, 32, 0), 32);
	rt_expect_true("  differs from the first 32 bytes", memcmp(a, b, 32) != 0);
	rt_expect_ret("getrandom(b, 32, GRND_NONBLOCK)", sys_getrandom(b, 32, GRND_NONBLOCK), 32);
	rt_expect_ret("getrandom(b, 32, GRND_RANDOM)", sys_getrandom(b, 32, GRND_RANDOM), 32);
	rt_expect_ret("getrandom(b, 32, GRND_INSECURE)", sys_getrandom(b, 32, GRND_INSECURE), 32);
	rt_expect_ret("getrandom(b, 0, 0)", sys_getrandom(b, 0, 0), 0);
	memset(big, 0, sizeof big);
	rt_expect_ret("getrandom(big, 256, 0)", sys_getrandom(big, 256, 0), 256);
	rt_expect_true("  last 32 bytes not all zero", !rt_allzero(big + 224, 32));
	rt_expect_ret("getrandom(b, 32, 0x8)", sys_getrandom(b, 32, 0x8), -EINVAL);
	rt_expect_ret("getrandom(b, 32, 0x100)", sys_getrandom(b, 32, 0x100), -EINVAL);
	rt_expect_ret("getrandom((void *)8, 32, 0)", sys_getrandom((void *)8, 32, 0), -EFAULT);
	return rt_finish();
}
