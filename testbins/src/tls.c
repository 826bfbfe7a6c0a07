/*
 * tls - the thread pointer: FS and GS base registers.
 * Covers: sysarch(165) with AMD64_GET_FSBASE 128, AMD64_SET_FSBASE 129,
 *         AMD64_GET_GSBASE 130, AMD64_SET_GSBASE 131; getpid and nanosleep
 *         to check the bases survive other system calls.
 * Expected results: sysarch(2) and sys/amd64/amd64/sys_machdep.c: the
 * argument points at the 64-bit base; unknown ops and bases at or above
 * VM_MAXUSER_ADDRESS are EINVAL, unreadable/unwritable arguments EFAULT;
 * exec_setregs starts a process with fs and gs bases 0.
 * xrun-covers: exit getpid nanosleep sysarch write
 */
#include "rt.h"

static uint64_t tcb[8] __attribute__((aligned(64)));
static uint64_t gsblk[4] __attribute__((aligned(64)));

static uint64_t fs_load(long off)
{
	uint64_t v;
	__asm__ volatile ("movq %%fs:(%1), %0" : "=r"(v) : "r"(off) : "memory");
	return v;
}

static void fs_store(long off, uint64_t v)
{
	__asm__ volatile ("movq %0, %%fs:(%1)" : : "r"(v), "r"(off) : "memory");
}

static uint64_t gs_load(long off)
{
	uint64_t v;
	__asm__ volatile ("movq %%gs:(%1), %0" : "=r"(v) : "r"(off) : "memory");
	return v;
}

int main(int argc, char **argv, char **envp)
{
	uint64_t base, got;
	struct timespec ts = { 0, 1000000 };

	(void)argc; (void)argv; (void)envp;
	got = 0xdeadbeef;
	rt_expect_ret("sysarch(AMD64_GET_FSBASE, &got)", sys_sysarch(AMD64_GET_FSBASE, &got), 0);
	rt_expect_true("  initial fs base is 0", got == 0);
	got = 0xdeadbeef;
	rt_expect_ret("sysarch(AMD64_GET_GSBASE, &got)", sys_sysarch(AMD64_GET_GSBASE, &got), 0);
	rt_expect_true("  initial gs base is 0", got == 0);

	/* a variant II TLS block: %fs:0 holds its own address */
	tcb[0] = (uint64_t)tcb;
	tcb[1] = 0x1122334455667788ULL;
	base = (uint64_t)tcb;
	rt_expect_ret("sysarch(AMD64_SET_FSBASE, &base)", sys_sysarch(AMD64_SET_FSBASE, &base), 0);
	rt_expect_true("  %fs:0 == &tcb", fs_load(0) == (uint64_t)tcb);
	rt_expect_hex("  %fs:8", fs_load(8), 0x1122334455667788ULL);
	fs_store(16, 0xabcdef);
	rt_expect_hex("  tcb[2] after storing through %fs:16", tcb[2], 0xabcdef);
	got = 0;
	rt_expect_ret("sysarch(AMD64_GET_FSBASE, &got)", sys_sysarch(AMD64_GET_FSBASE, &got), 0);
	rt_expect_true("  got == &tcb", got == (uint64_t)tcb);
	sys_getpid();
	sys_nanosleep(&ts, 0);
	rt_expect_true("%fs:0 == &tcb after getpid and nanosleep", fs_load(0) == (uint64_t)tcb);

	gsblk[1] = 0x8877665544332211ULL;
	base = (uint64_t)gsblk;
	rt_expect_ret("sysarch(AMD64_SET_GSBASE, &base)", sys_sysarch(AMD64_SET_GSBASE, &base), 0);
	rt_expect_hex("  %gs:8", gs_load(8), 0x8877665544332211ULL);
	got = 0;
	rt_expect_ret("sysarch(AMD64_GET_GSBASE, &got)", sys_sysarch(AMD64_GET_GSBASE, &got), 0);
	rt_expect_true("  got == &gsblk", got == (uint64_t)gsblk);
	rt_expect_true("%fs:0 still == &tcb", fs_load(0) == (uint64_t)tcb);

	/* errors */
	rt_expect_ret("sysarch(9999, &got)", sys_sysarch(9999, &got), -EINVAL);
	rt_expect_ret("sysarch(AMD64_GET_FSBASE, (void *)8)", sys_sysarch(AMD64_GET_FSBASE, (void *)8), -EFAULT);
	rt_expect_ret("sysarch(AMD64_SET_FSBASE, (void *)8)", sys_sysarch(AMD64_SET_FSBASE, (void *)8), -EFAULT);
	base = 0xffff800000000000ULL;
	rt_expect_ret("sysarch(AMD64_SET_FSBASE, &<kernel address>)", sys_sysarch(AMD64_SET_FSBASE, &base), -EINVAL);
	rt_expect_true("  fs base unchanged by the failed calls", fs_load(0) == (uint64_t)tcb);
	return rt_finish();
}
