/*
 * fastclock.h - reading the clock without a system call, the way each system's C
 * library does: on FreeBSD from the timekeeping page AT_TIMEKEEP points at, with
 * libc's algorithm; on Linux by calling the vDSO's __vdso_clock_gettime, found
 * through AT_SYSINFO_EHDR. Header-only; used by timekeep and bench_syscalls.
 *
 *   int fc_init(void)                         1 when the fast clock is there
 *   long fc_clock_gettime(int id, struct timespec *ts)   0, or -1 for an unknown clock
 */
#ifndef XRUN_FASTCLOCK_H
#define XRUN_FASTCLOCK_H

#include "rt.h"

#ifndef XRUN_TARGET_LINUX

/* sys/sys/time.h */
struct bintime {
	long sec;
	unsigned long frac;
};

/* sys/sys/vdso.h with VDSO_TIMEHANDS_MD of sys/x86/include/vdso.h */
struct vdso_timehands {
	unsigned int th_algo;
	unsigned int th_gen;
	unsigned long th_scale;
	unsigned int th_offset_count;
	unsigned int th_counter_mask;
	struct bintime th_offset;
	struct bintime th_boottime;
	unsigned int th_x86_shift;
	unsigned int th_x86_hpet_idx;
	unsigned int th_res[6];
};

struct vdso_timekeep {
	unsigned int tk_ver;
	unsigned int tk_enabled;
	unsigned int tk_current;
	struct vdso_timehands tk_th[];
};

#define VDSO_TK_VER_CURR     1
#define VDSO_TH_ALGO_X86_TSC 1

static volatile struct vdso_timekeep *fc_tk;

static inline int fc_init(void)
{
	unsigned long v;

	if (!rt_auxv_get(AT_TIMEKEEP, &v) || v == 0)
		return 0;
	fc_tk = (volatile struct vdso_timekeep *)v;
	return fc_tk->tk_ver == VDSO_TK_VER_CURR && fc_tk->tk_enabled
	    && fc_tk->tk_th[fc_tk->tk_current].th_algo == VDSO_TH_ALGO_X86_TSC;
}

/* lib/libc/x86/sys/__vdso_gettc.c: rdtsc_low / rdtsc32 behind LFENCE (the Intel selector) */
static inline unsigned int fc_gettc(const volatile struct vdso_timehands *th)
{
	unsigned int lo, hi;

	__asm__ __volatile__("lfence" ::: "memory");
	if (th->th_x86_shift > 0) {
		__asm__ __volatile__("rdtsc; shrd %%cl, %%edx, %0"
		    : "=a"(lo) : "c"(th->th_x86_shift) : "edx");
		return lo;
	}
	__asm__ __volatile__("rdtsc" : "=a"(lo), "=d"(hi));
	return lo;
}

/* lib/libc/sys/__vdso_gettimeofday.c binuptime, with bintime_addx and bintime_add inlined */
static inline void fc_binuptime(struct bintime *bt, int abs)
{
	const volatile struct vdso_timehands *th;
	unsigned int curr, gen, delta;
	unsigned long u;

	do {
		curr = fc_tk->tk_current;
		__asm__ __volatile__("" ::: "memory");   /* atomic_load_acq_32 */
		th = &fc_tk->tk_th[curr];
		gen = th->th_gen;
		__asm__ __volatile__("" ::: "memory");
		bt->sec = th->th_offset.sec;
		bt->frac = th->th_offset.frac;
		delta = (fc_gettc(th) - th->th_offset_count) & th->th_counter_mask;
		u = bt->frac;
		bt->frac += th->th_scale * delta;
		if (u > bt->frac)
			bt->sec++;
		if (abs) {
			u = bt->frac;
			bt->frac += th->th_boottime.frac;
			if (u > bt->frac)
				bt->sec++;
			bt->sec += th->th_boottime.sec;
		}
		__asm__ __volatile__("" ::: "memory");   /* atomic_thread_fence_acq */
	} while (curr != fc_tk->tk_current || gen == 0 || gen != th->th_gen);
}

/* __vdso_clock_gettime: which clocks are uptime, which realtime; bintime2timespec */
static inline long fc_clock_gettime(int id, struct timespec *ts)
{
	struct bintime bt;
	int abs;

	switch (id) {
	case CLOCK_REALTIME: case CLOCK_REALTIME_PRECISE: case CLOCK_REALTIME_FAST: case CLOCK_SECOND:
		abs = 1;
		break;
	case CLOCK_MONOTONIC: case CLOCK_MONOTONIC_PRECISE: case CLOCK_MONOTONIC_FAST:
	case CLOCK_UPTIME: case CLOCK_UPTIME_PRECISE: case CLOCK_UPTIME_FAST:
		abs = 0;
		break;
	default:
		return -1;
	}
	fc_binuptime(&bt, abs);
	ts->tv_sec = bt.sec;
	ts->tv_nsec = (long)((1000000000UL * (bt.frac >> 32)) >> 32);
	if (id == CLOCK_SECOND)
		ts->tv_nsec = 0;
	return 0;
}

#else /* XRUN_TARGET_LINUX */

#define FC_AT_SYSINFO_EHDR 33          /* include/uapi/linux/auxvec.h */
#define FC_PT_LOAD 1                   /* elf.h */
#define FC_PT_DYNAMIC 2
#define FC_DT_HASH 4
#define FC_DT_STRTAB 5
#define FC_DT_SYMTAB 6

#include "elf64.h"

/* elf.h Elf64_Sym */
struct fc_sym {
	uint32_t st_name;
	unsigned char st_info, st_other;
	uint16_t st_shndx;
	uint64_t st_value, st_size;
};

static long (*fc_vdso_clock_gettime)(int, struct timespec *);

/* Finds __vdso_clock_gettime in the vDSO's dynamic symbol table (DT_HASH gives its size). */
static inline int fc_init(void)
{
	unsigned long base, bias = 0;
	const Elf64_Ehdr *eh;
	const Elf64_Phdr *ph;
	const Elf64_Dyn *dyn = 0;
	const struct fc_sym *sym = 0;
	const char *str = 0;
	const uint32_t *hash = 0;

	if (!rt_auxv_get(FC_AT_SYSINFO_EHDR, &base) || base == 0)
		return 0;
	eh = (const Elf64_Ehdr *)base;
	ph = (const Elf64_Phdr *)(base + eh->e_phoff);
	for (int i = 0; i < eh->e_phnum; i++)
		if (ph[i].p_type == FC_PT_LOAD && bias == 0)
			bias = base + ph[i].p_offset - ph[i].p_vaddr;
	for (int i = 0; i < eh->e_phnum; i++)
		if (ph[i].p_type == FC_PT_DYNAMIC)
			dyn = (const Elf64_Dyn *)(bias + ph[i].p_vaddr);
	if (!dyn)
		return 0;
	for (; dyn->d_tag != 0; dyn++) {
		if (dyn->d_tag == FC_DT_SYMTAB)
			sym = (const struct fc_sym *)(bias + dyn->d_un.d_val);
		else if (dyn->d_tag == FC_DT_STRTAB)
			str = (const char *)(bias + dyn->d_un.d_val);
		else if (dyn->d_tag == FC_DT_HASH)
			hash = (const uint32_t *)(bias + dyn->d_un.d_val);
	}
	if (!sym || !str || !hash)
		return 0;
	for (uint32_t i = 0; i < hash[1]; i++)   /* nchain = number of symbols */
		if (sym[i].st_value && rt_strcmp(str + sym[i].st_name, "__vdso_clock_gettime") == 0)
			fc_vdso_clock_gettime = (long (*)(int, struct timespec *))(bias + sym[i].st_value);
	return fc_vdso_clock_gettime != 0;
}

static inline long fc_clock_gettime(int id, struct timespec *ts)
{
	return fc_vdso_clock_gettime(id, ts);
}

#endif
#endif
