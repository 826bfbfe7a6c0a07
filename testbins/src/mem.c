/*
 * mem - memory mappings.
 * Covers: mmap(477) munmap(73) mprotect(74) madvise(75), with open, write,
 *         pread, mkdir, unlink, rmdir for the file-backed cases.
 * Expected results: mmap(2) munmap(2) mprotect(2) madvise(2), and where
 * the kernel is more lenient than the page, sys/vm/vm_mmap.c:
 *   - kern_munmap and kern_mprotect round an unaligned address down to
 *     its page instead of failing (the pages say EINVAL);
 *   - MADV_DONTNEED is only a hint on FreeBSD: the data stays (madvise(2)
 *     promises nothing else; only MADV_FREE may discard contents).
 * xrun-linux: yes
 * xrun-covers: close exit madvise mkdir mmap mprotect munmap open pread rmdir unlink
 * xrun-covers: write
 * xrun-oracle: no: FreeBSD rounds unaligned mprotect/munmap addresses down and keeps MADV_DONTNEED data; Linux does neither
 */
#include "rt.h"

#define DIR  "/tmp/xrun-tb-mem-scratch"
#define FILE DIR "/data"
#define PG 4096
#define KERNEL_ADDR ((void *)0xffff800000000000UL)

static int all(const unsigned char *p, size_t n, unsigned char v)
{
	while (n--)
		if (*p++ != v)
			return 0;
	return 1;
}

int main(int argc, char **argv, char **envp)
{
	unsigned char *p, *q, *r;
	long fd, wfd, dfd, v;
	char c;

	(void)argc; (void)argv; (void)envp;
	rt_rmtree(DIR);
	sys_mkdir(DIR, 0755);

	/* anonymous private memory */
	v = sys_mmap(0, 2 * PG, PROT_READ | PROT_WRITE, MAP_ANON | MAP_PRIVATE, -1, 0);
	rt_expect_ok("mmap(NULL, 8192, PROT_READ|PROT_WRITE, MAP_ANON|MAP_PRIVATE, -1, 0)", v);
	if (v < 0)
		return rt_finish();
	p = (unsigned char *)v;
	rt_expect_true("  page aligned", ((unsigned long)p & (PG - 1)) == 0);
	rt_expect_true("  reads as zero", all(p, 2 * PG, 0));
	memset(p, 0x11, PG);
	memset(p + PG, 0x22, PG);
	rt_expect_true("  writes read back", all(p, PG, 0x11) && all(p + PG, PG, 0x22));

	/* MAP_FIXED replaces part of an existing mapping */
	v = sys_mmap(p + PG, PG, PROT_READ | PROT_WRITE, MAP_ANON | MAP_PRIVATE | MAP_FIXED, -1, 0);
	rt_expect_true("mmap(p + 4096, 4096, RW, MAP_ANON|MAP_PRIVATE|MAP_FIXED, -1, 0) == p + 4096",
	    v == (long)(p + PG));
	rt_expect_true("  replaced page reads as zero", all(p + PG, PG, 0));
	rt_expect_true("  first page untouched", all(p, PG, 0x11));

	/* protection changes */
	rt_expect_ret("mprotect(p, 4096, PROT_READ)", sys_mprotect(p, PG, PROT_READ), 0);
	rt_expect_true("  still readable with the same data", all(p, PG, 0x11));
	rt_expect_ret("mprotect(p, 4096, PROT_READ|PROT_WRITE)", sys_mprotect(p, PG, PROT_READ | PROT_WRITE), 0);
	p[0] = 0x33;
	rt_expect_true("  writable again", p[0] == 0x33);
	rt_expect_ret("mprotect(p + 1, 10, PROT_READ|PROT_WRITE) [unaligned: rounded down]",
	    sys_mprotect(p + 1, 10, PROT_READ | PROT_WRITE), 0);
	rt_expect_ret("mprotect(p, 4096, 0x40)", sys_mprotect(p, PG, 0x40), -EINVAL);

	/* advice */
	rt_expect_ret("madvise(p, 8192, MADV_WILLNEED)", sys_madvise(p, 2 * PG, MADV_WILLNEED), 0);
	rt_expect_ret("madvise(p, 8192, MADV_SEQUENTIAL)", sys_madvise(p, 2 * PG, MADV_SEQUENTIAL), 0);
	rt_expect_ret("madvise(p, 8192, MADV_NORMAL)", sys_madvise(p, 2 * PG, MADV_NORMAL), 0);
	p[1] = 0x5a;
	rt_expect_ret("madvise(p, 4096, MADV_DONTNEED)", sys_madvise(p, PG, MADV_DONTNEED), 0);
	rt_expect_true("  data kept after MADV_DONTNEED", p[0] == 0x33 && p[1] == 0x5a && p[2] == 0x11);
	rt_expect_ret("madvise(p, 4096, 99)", sys_madvise(p, PG, 99), -EINVAL);
	rt_expect_ret("madvise(<kernel address>, 4096, MADV_WILLNEED)",
	    sys_madvise(KERNEL_ADDR, PG, MADV_WILLNEED), -EINVAL);

	/* unmapping */
	rt_expect_ret("munmap(p + 4097, 4095) [unaligned: rounded down]", sys_munmap(p + PG + 1, PG - 1), 0);
	rt_expect_ret("munmap(p, 4096)", sys_munmap(p, PG), 0);
	rt_expect_ret("munmap(p, 0)", sys_munmap(p, 0), -EINVAL);
	rt_expect_ret("munmap(<kernel address>, 4096)", sys_munmap(KERNEL_ADDR, PG), -EINVAL);

	/* file mappings */
	fd = sys_open(FILE, O_RDWR | O_CREAT | O_TRUNC, 0600);
	rt_expect_ok("open(FILE, O_RDWR|O_CREAT|O_TRUNC, 0600)", fd);
	rt_expect_ret("write(fd, \"0123456789\", 10)", sys_write((int)fd, "0123456789", 10), 10);
	v = sys_mmap(0, PG, PROT_READ, MAP_PRIVATE, (int)fd, 0);
	rt_expect_ok("mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, fd, 0)", v);
	q = (unsigned char *)(v < 0 ? 0 : v);
	rt_expect_true("  first 10 bytes are the file", q && memcmp(q, "0123456789", 10) == 0);
	rt_expect_true("  rest of the page is zero", q && all(q + 10, PG - 10, 0));
	rt_expect_ret("munmap(q, 4096)", q ? sys_munmap(q, PG) : -1, 0);
	v = sys_mmap(0, PG, PROT_READ | PROT_WRITE, MAP_SHARED, (int)fd, 0);
	rt_expect_ok("mmap(NULL, 4096, PROT_READ|PROT_WRITE, MAP_SHARED, fd, 0)", v);
	r = (unsigned char *)(v < 0 ? 0 : v);
	if (r)
		r[0] = 'X';
	c = 0;
	rt_expect_ret("pread(fd, &c, 1, 0) after storing 'X' through the mapping", sys_pread((int)fd, &c, 1, 0), 1);
	rt_expect_true("  c == 'X'", c == 'X');
	rt_expect_ret("munmap(r, 4096)", r ? sys_munmap(r, PG) : -1, 0);

	/* errors */
	rt_expect_ret("mmap(NULL, 0, PROT_READ, MAP_ANON|MAP_PRIVATE, -1, 0)",
	    sys_mmap(0, 0, PROT_READ, MAP_ANON | MAP_PRIVATE, -1, 0), -EINVAL);
	rt_expect_ret("mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, 999, 0)",
	    sys_mmap(0, PG, PROT_READ, MAP_PRIVATE, 999, 0), -EBADF);
	rt_expect_ret("mmap(NULL, 4096, PROT_READ, MAP_SHARED|MAP_PRIVATE, fd, 0)",
	    sys_mmap(0, PG, PROT_READ, MAP_SHARED | MAP_PRIVATE, (int)fd, 0), -EINVAL);
	rt_expect_ret("mmap(NULL, 4096, PROT_READ, MAP_ANON|MAP_PRIVATE, fd, 0) [fd not -1]",
	    sys_mmap(0, PG, PROT_READ, MAP_ANON | MAP_PRIVATE, (int)fd, 0), -EINVAL);
	rt_expect_ret("mmap(NULL, 4096, PROT_READ, MAP_ANON|MAP_PRIVATE, -1, 4096) [offset not 0]",
	    sys_mmap(0, PG, PROT_READ, MAP_ANON | MAP_PRIVATE, -1, PG), -EINVAL);
	rt_expect_ret("mmap((void *)0x10001000 + 1, 4096, RW, MAP_ANON|MAP_PRIVATE|MAP_FIXED, -1, 0)",
	    sys_mmap((void *)0x10001001UL, PG, PROT_READ | PROT_WRITE, MAP_ANON | MAP_PRIVATE | MAP_FIXED, -1, 0),
	    -EINVAL);
	wfd = sys_open(FILE, O_WRONLY, 0);
	rt_expect_ret("mmap(NULL, 4096, PROT_READ, MAP_SHARED, O_WRONLY fd, 0)",
	    sys_mmap(0, PG, PROT_READ, MAP_SHARED, (int)wfd, 0), -EACCES);
	dfd = sys_open(DIR, O_RDONLY, 0);
	rt_expect_ret("mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, directory fd, 0)",
	    sys_mmap(0, PG, PROT_READ, MAP_PRIVATE, (int)dfd, 0), -ENODEV);

	sys_close((int)dfd);
	sys_close((int)wfd);
	sys_close((int)fd);
	rt_expect_ret("unlink(FILE)", sys_unlink(FILE), 0);
	rt_expect_ret("rmdir(DIR)", sys_rmdir(DIR), 0);
	return rt_finish();
}
