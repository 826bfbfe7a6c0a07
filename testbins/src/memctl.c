/*
 * memctl - residency, syncing, locking and fork inheritance of memory.
 * Covers: mincore(78) msync(65) mlock(203) munlock(204) mlockall(324)
 *         munlockall(325) minherit(250).
 * Expected results: mincore(2) (MINCORE_INCORE 0x1 in sys/sys/mman.h for a
 * resident page; an untouched anonymous page is not resident; ENOMEM for
 * an unmapped range, EFAULT for a bad vector); msync(2) (MS_SYNC 0,
 * MS_ASYNC 1, MS_INVALIDATE 2; MS_ASYNC|MS_INVALIDATE EINVAL; other bits are
 * not checked by kern_msync; ENOMEM unmapped); mlock(2)/munlock(2) and
 * mlockall(2)/munlockall(2) (security.bsd.unprivileged_mlock is 1 by
 * default, so any user within RLIMIT_MEMLOCK; ENOMEM for an unmapped
 * range; mlockall of 0 or an unknown bit is EINVAL); minherit(2)
 * (INHERIT_COPY 1, INHERIT_NONE 2: the child has no mapping there,
 * INHERIT_ZERO 3: the child sees zeros; an unknown value is EINVAL). The
 * kernel, not the manual pages, rounds an unaligned start down to a page
 * (vm_mmap.c: addr -= pageoff).
 * xrun-covers: close exit fork getdirentries mincore minherit mkdir mlock mlockall
 * xrun-covers: mmap msync munlock munlockall munmap open pread rmdir unlink wait4
 * xrun-covers: write
 */
#include "rt.h"

#define DIR "/tmp/xrun-tb-memctl-scratch"
#define NR_fork 2
#define NR_wait4 7
#define NR_msync 65
#define NR_mincore 78
#define NR_mlock 203
#define NR_munlock 204
#define NR_minherit 250
#define NR_mlockall 324
#define NR_munlockall 325
#define MINCORE_INCORE 0x1
#define MS_SYNC 0x0
#define MS_ASYNC 0x1
#define MS_INVALIDATE 0x2
#define MCL_CURRENT 0x1
#define MCL_FUTURE 0x2
#define INHERIT_COPY 1
#define INHERIT_NONE 2
#define INHERIT_ZERO 3
#define PG 4096

int main(int argc, char **argv, char **envp)
{
	(void)argc; (void)argv; (void)envp;
	unsigned char vec[8];
	char *p = (char *)sys_mmap(0, 4 * PG, PROT_READ | PROT_WRITE, MAP_ANON | MAP_PRIVATE, -1, 0);
	rt_expect_true("mmap(4 pages, anonymous)", (long)p > 0);
	p[0] = 1;
	p[PG] = 1;
	memset(vec, 0xee, sizeof vec);
	rt_expect_ret("mincore(p, 4 pages, vec)", SC3(NR_mincore, p, 4 * PG, vec), 0);
	rt_expect_true("  pages 0, 1 (touched) MINCORE_INCORE; 2, 3 (untouched) not",
	    (vec[0] & MINCORE_INCORE) && (vec[1] & MINCORE_INCORE) && !(vec[2] & MINCORE_INCORE) && !(vec[3] & MINCORE_INCORE));
	rt_expect_true("  vec[4] untouched", vec[4] == 0xee);
	memset(vec, 0, sizeof vec);
	rt_expect_ret("mincore(p + 100, 10, vec) [start rounded down]", SC3(NR_mincore, p + 100, 10, vec), 0);
	rt_expect_true("  vec[0] MINCORE_INCORE", vec[0] & MINCORE_INCORE);
	rt_expect_ret("mincore(p, 1 page, (char *)1)", SC3(NR_mincore, p, PG, 1), -EFAULT);
	sys_munmap(p + 3 * PG, PG);
	rt_expect_ret("mincore(p + 3 pages [unmapped], 1 page, vec)", SC3(NR_mincore, p + 3 * PG, PG, vec), -ENOMEM);

	/* locking */
	rt_expect_ret("mlock(p, 1 page)", SC2(NR_mlock, p, PG), 0);
	rt_expect_ret("mlock(p + 100, 10) [start rounded down]", SC2(NR_mlock, p + 100, 10), 0);
	rt_expect_ret("munlock(p, 1 page)", SC2(NR_munlock, p, PG), 0);
	rt_expect_ret("mlock(p + 3 pages [unmapped], 1 page)", SC2(NR_mlock, p + 3 * PG, PG), -ENOMEM);
	rt_expect_ret("mlockall(0)", SC1(NR_mlockall, 0), -EINVAL);
	rt_expect_ret("mlockall(0x4)", SC1(NR_mlockall, 0x4), -EINVAL);
	rt_expect_ret("mlockall(MCL_FUTURE)", SC1(NR_mlockall, MCL_FUTURE), 0);
	rt_expect_ret("munlockall()", SC0(NR_munlockall), 0);

	/* msync of a shared file mapping */
	rt_rmtree(DIR);
	sys_mkdir(DIR, 0755);
	long fd = sys_open(DIR "/f", O_RDWR | O_CREAT, 0644);
	char z[PG];
	memset(z, 0, sizeof z);
	sys_write((int)fd, z, PG);
	char *m = (char *)sys_mmap(0, PG, PROT_READ | PROT_WRITE, MAP_SHARED, (int)fd, 0);
	rt_expect_true("mmap(file, 1 page, MAP_SHARED)", (long)m > 0);
	m[0] = 'x';
	rt_expect_ret("msync(m, 1 page, MS_SYNC)", SC3(NR_msync, m, PG, MS_SYNC), 0);
	char r = 0;
	sys_pread((int)fd, &r, 1, 0);
	rt_expect_eq("  pread(fd, 1, 0) sees the store", r, 'x');
	rt_expect_ret("msync(m, 1 page, MS_ASYNC)", SC3(NR_msync, m, PG, MS_ASYNC), 0);
	rt_expect_ret("msync(m, 1 page, MS_INVALIDATE)", SC3(NR_msync, m, PG, MS_INVALIDATE), 0);
	rt_expect_ret("msync(m, 1 page, MS_ASYNC|MS_INVALIDATE)", SC3(NR_msync, m, PG, MS_ASYNC | MS_INVALIDATE), -EINVAL);
	rt_expect_ret("msync(m, 1 page, 0x8) [other bits ignored]", SC3(NR_msync, m, PG, 0x8), 0);
	sys_munmap(m, PG);
	rt_expect_ret("msync(m [unmapped], 1 page, MS_SYNC)", SC3(NR_msync, m, PG, MS_SYNC), -ENOMEM);
	sys_close((int)fd);
	rt_rmtree(DIR);

	/* inheritance across fork */
	char *q = (char *)sys_mmap(0, 3 * PG, PROT_READ | PROT_WRITE, MAP_ANON | MAP_PRIVATE, -1, 0);
	q[0] = 'A';
	q[PG] = 'B';
	q[2 * PG] = 'C';
	rt_expect_ret("minherit(q, 1 page, INHERIT_NONE)", SC3(NR_minherit, q, PG, INHERIT_NONE), 0);
	rt_expect_ret("minherit(q + 1 page, 1 page, INHERIT_ZERO)", SC3(NR_minherit, q + PG, PG, INHERIT_ZERO), 0);
	rt_expect_ret("minherit(q + 2 pages + 8, 8, INHERIT_COPY) [start rounded down]", SC3(NR_minherit, q + 2 * PG + 8, 8, INHERIT_COPY), 0);
	rt_expect_ret("minherit(q, 1 page, 7)", SC3(NR_minherit, q, PG, 7), -EINVAL);
	long child = SC0(NR_fork);
	if (child == 0) {
		unsigned char v[1];
		int code = 0;
		if (SC3(NR_mincore, q, PG, v) != -ENOMEM)
			code |= 1;
		if (q[PG] != 0)
			code |= 2;
		if (q[2 * PG] != 'C')
			code |= 4;
		sys_exit(code);
	}
	int status = -1;
	SC4(NR_wait4, child, &status, 0, 0);
	rt_expect_eq("  child: page 0 unmapped, page 1 zero, page 2 'C' (exit status 0)", status, 0);
	rt_expect_true("  parent keeps A, B, C", q[0] == 'A' && q[PG] == 'B' && q[2 * PG] == 'C');
	rt_expect_ret("minherit(q, 2 pages, INHERIT_COPY)", SC3(NR_minherit, q, 2 * PG, INHERIT_COPY), 0);
	child = SC0(NR_fork);
	if (child == 0)
		sys_exit(q[0] == 'A' && q[PG] == 'B' ? 0 : 1);
	status = -1;
	SC4(NR_wait4, child, &status, 0, 0);
	rt_expect_eq("  child sees A, B again (exit status 0)", status, 0);
	return rt_finish();
}
