/*
 * compat - the 4.3BSD (COMPAT_43) and FreeBSD 4/6 compatibility system calls
 * that old binaries make, each against its modern form.
 * Covers: ocreat(8) olseek(19) ostat(38) olstat(40) ofstat(62)
 *         ogetpagesize(64) ogethostname(87) osethostname(88)
 *         getdtablesize(89) oaccept(99) osend(101) orecv(102)
 *         orecvfrom(125) otruncate(129) oftruncate(130) ogetpeername(141)
 *         ogethostid(142) ogetrlimit(144) osetrlimit(145) okillpg(146)
 *         ogetsockname(150) freebsd4_getdomainname(162)
 *         freebsd4_setdomainname(163) freebsd4_uname(164) freebsd6_pread(173)
 *         freebsd6_pwrite(174) freebsd6_mmap(197) freebsd6_lseek(199)
 *         freebsd6_truncate(200) freebsd6_ftruncate(201) osigprocmask(48)
 *         osigpending(52) osigblock(109) osigsetmask(110) oquota(149)
 *         freebsd11_nstat(278) freebsd11_nfstat(279) freebsd11_nlstat(280)
 *         freebsd11_getdents(272) freebsd4_statfs(157) freebsd4_fstatfs(158)
 *         freebsd4_getfsstat(18) osigsuspend(111) owait(84) ommap(71)
 *         osigstack(112).
 * Expected results, from FreeBSD's kernel (sys/kern/syscalls.master for the
 * numbers and argument lists):
 *  - vfs_syscalls.c: ocreat is open(O_WRONLY|O_CREAT|O_TRUNC); olseek,
 *    otruncate, oftruncate take a long; ostat/olstat/ofstat (kern_descrip.c)
 *    fill struct ostat (sys/sys/stat.h: 88 bytes, 16-bit dev/nlink/uid/gid/rdev,
 *    32-bit ino, size, blksize, blocks) with cvtstat, which truncates and
 *    clamps st_size to INT32_MAX; freebsd6_lseek/truncate/ftruncate,
 *    sys_generic.c freebsd6_pread/pwrite and vm_mmap.c freebsd6_mmap are the
 *    modern calls with an ignored int pad before the off_t (mmap's pos is
 *    the seventh argument, on the stack above the return address:
 *    amd64 cpu_fetch_syscall_args).
 *  - vm_mmap.c ogetpagesize: PAGE_SIZE. kern_descrip.c getdtablesize:
 *    min(RLIMIT_NOFILE soft limit, maxfilesperproc).
 *  - kern_resource.c: struct orlimit is two int32s; ogetrlimit clamps values
 *    above 0x7fffffff to it, EINVAL for which >= RLIM_NLIMITS; osetrlimit
 *    sign-extends (negative = RLIM_INFINITY) and kern_proc_setrlimit lowers a
 *    soft limit above the hard one.
 *  - kern_sig.c okillpg: killpg1 on the group pgid (0 = the caller's);
 *    signal > _SIG_MAXSIG (128) EINVAL, no such group ESRCH.
 *  - kern_xxx.c: ogethostname/freebsd4_getdomainname/ogethostid are the
 *    kern.hostname, kern.nisdomainname and kern.hostid sysctls
 *    (sysctl_handle_string: MIN(len, strlen + 1) bytes, ENOMEM when the NUL
 *    does not fit); osethostname/freebsd4_setdomainname write them (EPERM
 *    without privilege, EINVAL for 256 bytes or more); freebsd4_uname fills
 *    five 32-byte fields (kern.ostype, kern.hostname, kern.osrelease,
 *    kern.version from '#' up to ':', hw.machine), each ending in a NUL.
 *  - kern_sig.c: osigprocmask/osigblock/osigsetmask take an osigset_t (bit
 *    n-1 for signal n, 1..32) by value and return the old mask, SIGKILL and
 *    SIGSTOP never blocked, a bad "how" EINVAL; osigpending returns the
 *    pending set; osigsuspend(mask) waits with that mask until a handler
 *    ran (EINTR) and then has the old mask again. kern_xxx.c oquota: ENOSYS.
 *    kern_exit.c owait: wait4(WAIT_ANY, &status, 0, NULL) with the pid in
 *    rax and the status in rdx; ECHILD without children. vm_mmap.c
 *    kern_ommap: int len (negative EINVAL), protection bits 1 exec, 2
 *    write, 4 read, flags OMAP_ANON 0x2, OMAP_SHARED 0x10 (else private),
 *    OMAP_FIXED 0x100, then kern_mmap. kern_sig.c osigstack: struct
 *    sigstack {ss_sp, ss_onstack}; the old ss_sp (0 at first) and whether the
 *    thread is on it come back; the new ss_sp becomes the alternate stack
 *    with ss_size 0 (sigaltstack reports it enabled) and an SA_ONSTACK
 *    handler runs just below it.
 *  - vfs_syscalls.c freebsd11_nstat/nfstat/nlstat: struct nstat (128 bytes,
 *    _WANT_FREEBSD11_STAT) with freebsd11_stat's values (freebsd11_cvtnstat);
 *    freebsd11_getdents is freebsd11_getdirentries without basep: struct
 *    freebsd11_dirent records, 0 at the end, EINVAL for a descriptor that
 *    is not a directory, EBADF.
 *  - vfs_syscalls.c freebsd4_statfs/fstatfs/getfsstat: struct ostatfs
 *    (sys/sys/mount.h: longs, 16-byte type name, 72-byte names, 304 bytes)
 *    filled by freebsd4_cvtstatfs from struct statfs (names strlcpy'd, so
 *    cut to 71 bytes); getfsstat's count is bufsize / sizeof(struct
 *    ostatfs), a bad mode or negative bufsize EINVAL.
 *  - uipc_syscalls.c: osend/orecv are sendto/recvfrom without an address;
 *    oaccept, ogetsockname, ogetpeername and orecvfrom write the old
 *    struct osockaddr only for a.out processes (SV_AOUT): an ELF program
 *    gets the modern sockaddr, sa_len included.
 * xrun-covers: __sysctl bind chdir close connect exit fork freebsd11_fstat
 * xrun-covers: freebsd11_fstatfs freebsd11_getdents freebsd11_getfsstat
 * xrun-covers: freebsd11_nfstat freebsd11_nlstat freebsd11_nstat freebsd11_stat
 * xrun-covers: freebsd11_statfs freebsd4_fstatfs freebsd4_getdomainname
 * xrun-covers: freebsd4_getfsstat freebsd4_setdomainname freebsd4_statfs
 * xrun-covers: freebsd4_uname freebsd6_ftruncate freebsd6_lseek freebsd6_mmap
 * xrun-covers: freebsd6_pread freebsd6_pwrite freebsd6_truncate fstat fstatat
 * xrun-covers: ftruncate getdirentries getdtablesize getpgrp getpid getrlimit
 * xrun-covers: getsockname kill listen mkdir munmap oaccept ocreat ofstat oftruncate
 * xrun-covers: ogethostid ogethostname ogetpagesize ogetpeername ogetrlimit
 * xrun-covers: ogetsockname okillpg olseek olstat open oquota orecv orecvfrom osend
 * xrun-covers: osethostname osetrlimit osigblock osigpending osigprocmask osigsetmask
 * xrun-covers: osigsuspend ostat otruncate owait pwrite read rmdir sendto setrlimit
 * xrun-covers: sigaction sigreturn sigtimedwait socket symlink umask unlink write
 * xrun-covers: ommap osigstack
 */
#include "rt.h"

#define DIR "/tmp/xrun-tb-compat-scratch"
#define NR_ocreat 8
#define NR_olseek 19
#define NR_ostat 38
#define NR_olstat 40
#define NR_symlink 57
#define NR_umask 60
#define NR_ofstat 62
#define NR_ogetpagesize 64
#define NR_getpgrp 81
#define NR_ogethostname 87
#define NR_osethostname 88
#define NR_getdtablesize 89
#define NR_oaccept 99
#define NR_osend 101
#define NR_orecv 102
#define NR_orecvfrom 125
#define NR_otruncate 129
#define NR_oftruncate 130
#define NR_ogetpeername 141
#define NR_ogethostid 142
#define NR_ogetrlimit 144
#define NR_osetrlimit 145
#define NR_okillpg 146
#define NR_ogetsockname 150
#define NR_freebsd4_getdomainname 162
#define NR_freebsd4_setdomainname 163
#define NR_freebsd4_uname 164
#define NR_freebsd6_pread 173
#define NR_freebsd6_pwrite 174
#define NR_freebsd6_mmap 197
#define NR_freebsd6_lseek 199
#define NR_freebsd6_truncate 200
#define NR_freebsd6_ftruncate 201
#define NR_ftruncate 480
#define NR_osigprocmask 48
#define NR_osigpending 52
#define NR_osigblock 109
#define NR_osigsetmask 110
#define NR_oquota 149
#define NR_freebsd11_nstat 278
#define NR_freebsd11_nfstat 279
#define NR_freebsd11_nlstat 280
#define NR_sigtimedwait 345
#define NR_freebsd11_getdents 272
#define NR_osigsuspend 111
#define NR_owait 84
#define NR_fork 2
#define NR_ommap 71
#define NR_osigstack 112
#define NR_sigaltstack 53
#define SA_ONSTACK 0x1
#define SS_DISABLE 4
#define OPROT_WRITE 2
#define OPROT_READ 4
#define OMAP_ANON 0x2
#define OMAP_SHARED 0x10
#define NR_freebsd4_getfsstat 18
#define NR_freebsd4_statfs 157
#define NR_freebsd4_fstatfs 158

#define BIT(sig) (1UL << ((sig) - 1))
#define KERN_HOSTID 11
#define PAD 0x5a5a5a5a   /* the ignored pad argument of the FreeBSD 6 calls */
#define OINT_MAX 0x7fffffffL   /* INT32_MAX */

/* sys/sys/stat.h struct ostat (COMPAT_43), 88 bytes on amd64 */
struct ostat {
	uint16_t st_dev;
	uint32_t st_ino;
	uint16_t st_mode;
	uint16_t st_nlink;
	uint16_t st_uid;
	uint16_t st_gid;
	uint16_t st_rdev;
	int32_t st_size;
	struct timespec st_atim, st_mtim, st_ctim;
	int32_t st_blksize;
	int32_t st_blocks;
	uint32_t st_flags;
	uint32_t st_gen;
};
/* kern_resource.c struct orlimit */
struct orlimit { int32_t rlim_cur; int32_t rlim_max; };
/* sys/sys/utsname.h with SYS_NMLN 32, FreeBSD 1.1's uname (kern_xxx.c freebsd4_uname) */
struct outsname { char sysname[32], nodename[32], release[32], version[32], machine[32]; };

/*
 * A system call with arguments beyond the six registers: r1..r6 in
 * rdi rsi rdx r10 r8 r9, s1 and s2 at 8(%rsp) and 16(%rsp) when the syscall
 * instruction runs, above a return-address slot, as a libc wrapper leaves them.
 */
long sc_stack(long n, long r1, long r2, long r3, long r4, long r5, long r6, long s1, long s2);
__asm__(".text\n.globl sc_stack\nsc_stack:\n"
	"\tmov %rdi,%rax\n\tmov %rsi,%rdi\n\tmov %rdx,%rsi\n\tmov %rcx,%rdx\n"
	"\tmov %r8,%r10\n\tmov %r9,%r8\n\tmov 8(%rsp),%r9\n"
	"\tmov 24(%rsp),%r11\n\tpush %r11\n"      /* s2 */
	"\tmov 24(%rsp),%r11\n\tpush %r11\n"      /* s1 (was at 16, now 24) */
	"\tsub $8,%rsp\n"                         /* the return-address slot */
	"\tsyscall\n\tjnc 1f\n\tneg %rax\n1:\tadd $24,%rsp\n\tret\n");

static struct ostat os;
static struct stat st;

/* sys/sys/stat.h struct nstat (_WANT_FREEBSD11_STAT), 128 bytes */
struct nstat {
	uint32_t st_dev, st_ino, st_mode, st_nlink, st_uid, st_gid, st_rdev;
	struct timespec st_atim, st_mtim, st_ctim;
	int64_t st_size, st_blocks;
	uint32_t st_blksize, st_flags, st_gen;
	struct timespec st_birthtim;
};

static int nstat_matches(const struct nstat *n, const struct freebsd11_stat *s)
{
	return n->st_dev == s->st_dev && n->st_ino == s->st_ino && n->st_mode == s->st_mode &&
	    n->st_nlink == s->st_nlink && n->st_uid == s->st_uid && n->st_gid == s->st_gid &&
	    n->st_rdev == s->st_rdev && n->st_atim.tv_sec == s->st_atim.tv_sec &&
	    n->st_atim.tv_nsec == s->st_atim.tv_nsec && n->st_mtim.tv_sec == s->st_mtim.tv_sec &&
	    n->st_mtim.tv_nsec == s->st_mtim.tv_nsec && n->st_ctim.tv_sec == s->st_ctim.tv_sec &&
	    n->st_ctim.tv_nsec == s->st_ctim.tv_nsec && n->st_size == s->st_size &&
	    n->st_blocks == s->st_blocks && (int32_t)n->st_blksize == s->st_blksize &&
	    n->st_flags == s->st_flags && n->st_gen == s->st_gen &&
	    n->st_birthtim.tv_sec == s->st_birthtim.tv_sec && n->st_birthtim.tv_nsec == s->st_birthtim.tv_nsec;
}

static volatile int got_usr1;
static void on_usr1(int sig) { (void)sig; got_usr1++; }

static char alt_stack[65536] __attribute__((aligned(16)));
static volatile long handler_sp;
static void on_usr2(int sig) { long x; (void)sig; handler_sp = (long)&x; }

struct osigstack_s { void *ss_sp; int ss_onstack; };
struct stack_s { void *ss_sp; size_t ss_size; int ss_flags; };

static void osigstack_tests(void)
{
	struct osigstack_s nss, oss;
	struct stack_s ss;
	struct sigaction sa;
	char *top = alt_stack + sizeof alt_stack;

	memset(&oss, 0xff, sizeof oss);
	rt_expect_ret("osigstack(NULL, &oss)", SC2(NR_osigstack, 0, &oss), 0);
	rt_expect_true("  ss_sp NULL, ss_onstack 0", oss.ss_sp == 0 && oss.ss_onstack == 0);
	nss.ss_sp = top;
	nss.ss_onstack = 0;
	rt_expect_ret("osigstack(&{top, 0}, NULL)", SC2(NR_osigstack, &nss, 0), 0);
	memset(&ss, 0xff, sizeof ss);
	rt_expect_ret("  sigaltstack(NULL, &ss)", SC2(NR_sigaltstack, 0, &ss), 0);
	rt_expect_true("  ss_sp top, ss_size 0, ss_flags 0 (enabled, not on it)", ss.ss_sp == top && ss.ss_size == 0 && ss.ss_flags == 0);
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_usr2;
	sa.sa_flags = SA_ONSTACK;
	SC3(NR_sigaction, SIGUSR2, &sa, 0);
	handler_sp = 0;
	sys_kill((int)sys_getpid(), SIGUSR2);
	rt_expect_true("  an SA_ONSTACK handler runs below top, within 64 KiB", handler_sp < (long)top && handler_sp > (long)alt_stack);
	sa.sa_handler = SIG_DFL;
	sa.sa_flags = 0;
	SC3(NR_sigaction, SIGUSR2, &sa, 0);
	rt_expect_ret("osigstack(&nss, &oss)", SC2(NR_osigstack, &nss, &oss), 0);
	rt_expect_true("  oss.ss_sp == top", oss.ss_sp == top);
	rt_expect_ret("osigstack((void *)8, NULL)", SC2(NR_osigstack, 8, 0), -EFAULT);
	rt_expect_ret("osigstack(NULL, (void *)8)", SC2(NR_osigstack, 0, 8), -EFAULT);
	ss.ss_sp = 0;
	ss.ss_size = 0;
	ss.ss_flags = SS_DISABLE;
	SC2(NR_sigaltstack, &ss, 0);
}

static void osigsuspend_owait_tests(void)
{
	struct sigaction sa;
	long second = 0, pid, r;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_usr1;
	SC3(NR_sigaction, SIGUSR1, &sa, 0);
	SC1(NR_osigblock, BIT(SIGUSR1));
	sys_kill((int)sys_getpid(), SIGUSR1);
	got_usr1 = 0;
	rt_expect_ret("osigsuspend(0) [SIGUSR1 pending]", SC1(NR_osigsuspend, 0), -EINTR);
	rt_expect_eq("  the handler ran", got_usr1, 1);
	rt_expect_hex("  osigsetmask(0): the mask before osigsuspend again", (unsigned long)SC1(NR_osigsetmask, 0), BIT(SIGUSR1));
	sa.sa_handler = SIG_DFL;
	SC3(NR_sigaction, SIGUSR1, &sa, 0);

	pid = rt_syscall6x(NR_fork, 0, 0, 0, 0, 0, 0, &second);
	if (pid >= 0 && second)
		sys_exit(7);
	second = -1;
	r = rt_syscall6x(NR_owait, 0, 0, 0, 0, 0, 0, &second);
	rt_expect_true("owait() = the child's pid", r == pid && pid > 0);
	rt_expect_hex("  rdx: the status (exit 7)", (unsigned long)second, 7 << 8);
	rt_expect_ret("owait() [no children]", SC0(NR_owait), -ECHILD);

	long p = SC6(NR_ommap, 0, 4096, OPROT_READ | OPROT_WRITE, OMAP_ANON, -1, 0);
	rt_expect_true("ommap(NULL, 4096, read|write, OMAP_ANON, -1, 0) maps", p > 0);
	if (p > 0) {
		*(volatile char *)p = 'z';
		rt_expect_true("  writable, zero-filled after the byte written", *(volatile char *)p == 'z' && *(volatile char *)(p + 1) == 0);
		sys_munmap((void *)p, 4096);
	}
	long fd = sys_open("f", O_RDWR | O_TRUNC, 0);
	sys_write((int)fd, "mapped", 6);
	p = SC6(NR_ommap, 0, 4096, OPROT_READ, OMAP_SHARED, fd, 0);
	rt_expect_true("ommap(NULL, 4096, read, OMAP_SHARED, fd, 0): the file's bytes", p > 0 && rt_strncmp((const char *)p, "mapped", 6) == 0);
	if (p > 0)
		sys_munmap((void *)p, 4096);
	rt_expect_ret("ommap(NULL, -1, read, OMAP_ANON, -1, 0)", SC6(NR_ommap, 0, -1, OPROT_READ, OMAP_ANON, -1, 0), -EINVAL);
	rt_expect_ret("ommap(NULL, 4096, read, OMAP_SHARED, 99, 0)", SC6(NR_ommap, 0, 4096, OPROT_READ, OMAP_SHARED, 99, 0), -EBADF);
	sys_close((int)fd);
}

static void oldsig_nstat_tests(void)
{
	unsigned char raw[136];
	struct nstat ns;
	struct freebsd11_stat s11;
	sigset_t set;
	struct timespec ts = { 1, 0 };

	rt_expect_ret("oquota()", SC0(NR_oquota), -ENOSYS);
	rt_expect_hex("osigblock(SIGUSR1) [the old mask]", (unsigned long)SC1(NR_osigblock, BIT(SIGUSR1)), 0);
	rt_expect_hex("osigblock(SIGUSR2)", (unsigned long)SC1(NR_osigblock, BIT(SIGUSR2)), BIT(SIGUSR1));
	rt_expect_hex("osigsetmask(0)", (unsigned long)SC1(NR_osigsetmask, 0), BIT(SIGUSR1) | BIT(SIGUSR2));
	rt_expect_hex("osigprocmask(SIG_BLOCK, SIGUSR1)", (unsigned long)SC2(NR_osigprocmask, SIG_BLOCK, BIT(SIGUSR1)), 0);
	rt_expect_hex("osigprocmask(SIG_UNBLOCK, SIGUSR1)", (unsigned long)SC2(NR_osigprocmask, SIG_UNBLOCK, BIT(SIGUSR1)), BIT(SIGUSR1));
	rt_expect_ret("osigprocmask(99, 0)", SC2(NR_osigprocmask, 99, 0), -EINVAL);
	SC1(NR_osigblock, BIT(SIGKILL) | BIT(SIGSTOP));
	rt_expect_hex("osigblock(SIGKILL|SIGSTOP) then osigsetmask(0) [never blocked]", (unsigned long)SC1(NR_osigsetmask, 0), 0);
	rt_expect_hex("osigpending() [nothing]", (unsigned long)SC0(NR_osigpending), 0);
	SC1(NR_osigblock, BIT(SIGUSR1));
	sys_kill((int)sys_getpid(), SIGUSR1);
	rt_expect_hex("osigpending() [SIGUSR1 blocked and sent]", (unsigned long)SC0(NR_osigpending), BIT(SIGUSR1));
	memset(&set, 0, sizeof set);
	set.bits[0] = BIT(SIGUSR1);
	rt_expect_ret("  sigtimedwait({SIGUSR1})", SC3(NR_sigtimedwait, &set, 0, &ts), SIGUSR1);
	rt_expect_hex("osigsetmask(0)", (unsigned long)SC1(NR_osigsetmask, 0), BIT(SIGUSR1));

	memset(raw, 0xa5, sizeof raw);
	rt_expect_ret("freebsd11_nstat(\"f\", &ns)", SC2(NR_freebsd11_nstat, "f", raw), 0);
	rt_expect_true("  128 bytes written, the canary after them intact", raw[128] == 0xa5 && raw[135] == 0xa5);
	memcpy(&ns, raw, sizeof ns);
	sys_freebsd11_stat("f", &s11);
	rt_expect_true("  every field is freebsd11_stat's", nstat_matches(&ns, &s11));
	rt_expect_oct("  st_mode", ns.st_mode, 0100644);
	rt_expect_ret("freebsd11_nlstat(\"sym\", &ns)", SC2(NR_freebsd11_nlstat, "sym", &ns), 0);
	rt_expect_oct("  st_mode & S_IFMT", ns.st_mode & S_IFMT, S_IFLNK);
	long fd = sys_open("f", O_RDONLY, 0);
	rt_expect_ret("freebsd11_nfstat(fd, &ns)", SC2(NR_freebsd11_nfstat, fd, &ns), 0);
	sys_freebsd11_fstat((int)fd, &s11);
	rt_expect_true("  every field is freebsd11_fstat's", nstat_matches(&ns, &s11));
	sys_close((int)fd);
	rt_expect_ret("freebsd11_nfstat(99, &ns)", SC2(NR_freebsd11_nfstat, 99, &ns), -EBADF);
	rt_expect_ret("freebsd11_nstat(\"missing\", &ns)", SC2(NR_freebsd11_nstat, "missing", &ns), -ENOENT);
	rt_expect_ret("freebsd11_nstat(\"f\", (void *)8)", SC2(NR_freebsd11_nstat, "f", 8), -EFAULT);

	{
		static char dbuf[4096];
		long dfd = sys_open(".", O_RDONLY | O_DIRECTORY, 0), n, off;
		int names = 0, dots = 0, ok = 1;
		n = SC3(NR_freebsd11_getdents, dfd, dbuf, sizeof dbuf);
		rt_expect_true("freebsd11_getdents(dfd, buf, 4096) > 0", n > 0);
		for (off = 0; off < n; ) {
			struct freebsd11_dirent *d = (struct freebsd11_dirent *)(dbuf + off);
			ok &= d->d_reclen > 0 && d->d_reclen % 4 == 0 && d->d_fileno != 0 && rt_strlen(d->d_name) == d->d_namlen;
			if (rt_strcmp(d->d_name, ".") == 0 || rt_strcmp(d->d_name, "..") == 0)
				dots++;
			else if ((rt_strcmp(d->d_name, "f") == 0 && d->d_type == DT_REG) ||
			    (rt_strcmp(d->d_name, "sym") == 0 && d->d_type == DT_LNK))
				names++;
			off += d->d_reclen ? d->d_reclen : n;
		}
		rt_expect_true("  records well formed (d_reclen, d_fileno, d_namlen)", ok);
		rt_expect_true("  \".\", \"..\", \"f\" (DT_REG) and \"sym\" (DT_LNK)", dots == 2 && names == 2);
		rt_expect_ret("freebsd11_getdents(dfd, buf, 4096) [at the end]", SC3(NR_freebsd11_getdents, dfd, dbuf, sizeof dbuf), 0);
		sys_close((int)dfd);
		long ffd = sys_open("f", O_RDONLY, 0);
		rt_expect_ret("freebsd11_getdents(fd of a file, buf, 4096)", SC3(NR_freebsd11_getdents, ffd, dbuf, sizeof dbuf), -EINVAL);
		sys_close((int)ffd);
		rt_expect_ret("freebsd11_getdents(99, buf, 4096)", SC3(NR_freebsd11_getdents, 99, dbuf, sizeof dbuf), -EBADF);
	}
}

/* sys/sys/mount.h struct ostatfs (COMPAT_FREEBSD4), 304 bytes on amd64 */
struct ostatfs {
	long f_spare2, f_bsize, f_iosize, f_blocks, f_bfree, f_bavail, f_files, f_ffree;
	fsid_t f_fsid;
	uint32_t f_owner;
	int f_type, f_flags;
	long f_syncwrites, f_asyncwrites;
	char f_fstypename[16], f_mntonname[72];
	long f_syncreads, f_asyncreads;
	short f_spares1;
	char f_mntfromname[72];
	short f_spares2;
	long f_spare[2];
};
_Static_assert(sizeof(struct ostatfs) == 304, "struct ostatfs");

/* The stable fields of an ostatfs against the freebsd11_statfs of the same file system. */
static int ostatfs_matches(const struct ostatfs *o, const struct freebsd11_statfs *n)
{
	char on[72], from[72];
	memcpy(on, n->f_mntonname, 71); on[71] = 0;
	memcpy(from, n->f_mntfromname, 71); from[71] = 0;
	return o->f_bsize == (long)n->f_bsize && o->f_iosize == (long)n->f_iosize && o->f_blocks == (long)n->f_blocks &&
	    o->f_fsid.val[0] == n->f_fsid.val[0] && o->f_fsid.val[1] == n->f_fsid.val[1] &&
	    o->f_owner == n->f_owner && o->f_type == (int)n->f_type && o->f_flags == (int)n->f_flags &&
	    rt_strcmp(o->f_fstypename, n->f_fstypename) == 0 && rt_strcmp(o->f_mntonname, on) == 0 &&
	    rt_strcmp(o->f_mntfromname, from) == 0 && o->f_spare2 == 0 && o->f_spare[0] == 0 && o->f_spare[1] == 0;
}

static void statfs4_tests(void)
{
	static struct ostatfs os4[3];
	static struct freebsd11_statfs n11[2];
	unsigned char raw[320];
	long fd;

	memset(raw, 0xa5, sizeof raw);
	rt_expect_ret("freebsd4_statfs(\"/\", &os)", SC2(NR_freebsd4_statfs, "/", raw), 0);
	rt_expect_true("  304 bytes written, the canary after them intact", raw[304] == 0xa5 && raw[319] == 0xa5);
	memcpy(&os4[0], raw, sizeof os4[0]);
	SC2(NR_freebsd11_statfs, "/", &n11[0]);
	rt_expect_true("  the fields of freebsd11_statfs(\"/\"), names cut to 71 bytes", ostatfs_matches(&os4[0], &n11[0]));
	rt_expect_str("  f_mntonname", os4[0].f_mntonname, "/");
	fd = sys_open(".", O_RDONLY, 0);
	rt_expect_ret("freebsd4_fstatfs(fd, &os)", SC2(NR_freebsd4_fstatfs, fd, &os4[0]), 0);
	SC2(NR_freebsd11_fstatfs, fd, &n11[0]);
	rt_expect_true("  the fields of freebsd11_fstatfs(fd)", ostatfs_matches(&os4[0], &n11[0]));
	sys_close((int)fd);
	rt_expect_ret("freebsd4_statfs(\"missing\", &os)", SC2(NR_freebsd4_statfs, "missing", &os4[0]), -ENOENT);
	rt_expect_ret("freebsd4_statfs(\"/\", (void *)8)", SC2(NR_freebsd4_statfs, "/", 8), -EFAULT);
	rt_expect_ret("freebsd4_fstatfs(99, &os)", SC2(NR_freebsd4_fstatfs, 99, &os4[0]), -EBADF);
	long n = SC3(NR_freebsd4_getfsstat, 0, 0, MNT_NOWAIT);
	rt_expect_true("freebsd4_getfsstat(NULL, 0, MNT_NOWAIT) == freebsd11_getfsstat's count", n > 0 && n == SC3(NR_freebsd11_getfsstat, 0, 0, MNT_NOWAIT));
	memset(os4, 0xa5, sizeof os4);
	long got = SC3(NR_freebsd4_getfsstat, os4, 2 * sizeof(struct ostatfs), MNT_NOWAIT);
	SC3(NR_freebsd11_getfsstat, n11, sizeof n11, MNT_NOWAIT);
	rt_expect_true("freebsd4_getfsstat(buf, 2 * 304, MNT_NOWAIT) == min(2, count)", got == (n < 2 ? n : 2));
	rt_expect_true("  the first entry's names are freebsd11_getfsstat's, cut to 71 bytes", got >= 1 &&
	    rt_strcmp(os4[0].f_fstypename, n11[0].f_fstypename) == 0 && rt_strncmp(os4[0].f_mntonname, n11[0].f_mntonname, 71) == 0);
	rt_expect_true("  nothing written past 2 entries", ((unsigned char *)&os4[2])[0] == 0xa5);
	rt_expect_ret("freebsd4_getfsstat(buf, 304, 99)", SC3(NR_freebsd4_getfsstat, os4, sizeof os4[0], 99), -EINVAL);
	rt_expect_ret("freebsd4_getfsstat(buf, -1, MNT_NOWAIT)", SC3(NR_freebsd4_getfsstat, os4, -1, MNT_NOWAIT), -EINVAL);
}

static int ostat_matches(const struct ostat *o, const struct stat *s)
{
	return o->st_dev == (uint16_t)s->st_dev && o->st_ino == (uint32_t)s->st_ino &&
	    o->st_mode == s->st_mode && o->st_nlink == (uint16_t)s->st_nlink &&
	    o->st_uid == (uint16_t)s->st_uid && o->st_gid == (uint16_t)s->st_gid &&
	    o->st_rdev == (uint16_t)s->st_rdev &&
	    o->st_atim.tv_sec == s->st_atim.tv_sec && o->st_atim.tv_nsec == s->st_atim.tv_nsec &&
	    o->st_mtim.tv_sec == s->st_mtim.tv_sec && o->st_mtim.tv_nsec == s->st_mtim.tv_nsec &&
	    o->st_ctim.tv_sec == s->st_ctim.tv_sec && o->st_ctim.tv_nsec == s->st_ctim.tv_nsec &&
	    o->st_blksize == s->st_blksize && o->st_blocks == (int32_t)s->st_blocks &&
	    o->st_flags == s->st_flags;
}

static long sysctl_str(int a, int b, char *buf, size_t n)
{
	int mib[2] = {a, b};
	size_t len = n;
	return sys___sysctl(mib, 2, buf, &len, 0, 0);
}

static uint16_t port_of(const void *sa) { return ((const struct sockaddr_in *)sa)->sin_port; }

static void file_tests(void)
{
	char buf[64];
	unsigned char raw[96];

	long fd = SC2(NR_ocreat, "f", 0644);
	rt_expect_ret("ocreat(\"f\", 0644)", fd, 3);
	rt_expect_ret("  write(fd, \"hello world\", 11)", sys_write((int)fd, "hello world", 11), 11);
	rt_expect_ret("  read(fd, buf, 1) [O_WRONLY]", sys_read((int)fd, buf, 1), -EBADF);
	rt_expect_ret("ocreat(\"nodir/f\", 0644)", SC2(NR_ocreat, "nodir/f", 0644), -ENOENT);

	rt_expect_ret("olseek(fd, 5, SEEK_SET)", SC3(NR_olseek, fd, 5, SEEK_SET), 5);
	rt_expect_ret("olseek(fd, -2, SEEK_END)", SC3(NR_olseek, fd, -2, SEEK_END), 9);
	rt_expect_ret("olseek(fd, 0, 99)", SC3(NR_olseek, fd, 0, 99), -EINVAL);
	rt_expect_ret("olseek(fd, -20, SEEK_SET)", SC3(NR_olseek, fd, -20, SEEK_SET), -EINVAL);
	rt_expect_ret("olseek(99, 0, SEEK_SET)", SC3(NR_olseek, 99, 0, SEEK_SET), -EBADF);

	memset(raw, 0xa5, sizeof raw);
	rt_expect_ret("ostat(\"f\", &os)", SC2(NR_ostat, "f", raw), 0);
	memcpy(&os, raw, sizeof os);
	rt_expect_true("  88 bytes written, the canary after them intact", raw[88] == 0xa5 && raw[95] == 0xa5);
	rt_expect_oct("  st_mode", os.st_mode, 0100644);
	rt_expect_eq("  st_nlink", os.st_nlink, 1);
	rt_expect_eq("  st_size", os.st_size, 11);
	sys_fstatat(AT_FDCWD, "f", &st, 0);
	rt_expect_true("  every field is fstatat's, truncated to its old width", ostat_matches(&os, &st));
	rt_expect_ret("ostat(\"missing\", &os)", SC2(NR_ostat, "missing", &os), -ENOENT);
	rt_expect_ret("ostat(\"f\", (void *)8)", SC2(NR_ostat, "f", 8), -EFAULT);
	rt_expect_ret("symlink(\"f\", \"sym\")", SC2(NR_symlink, "f", "sym"), 0);
	rt_expect_ret("olstat(\"sym\", &os)", SC2(NR_olstat, "sym", &os), 0);
	rt_expect_oct("  st_mode & S_IFMT", os.st_mode & S_IFMT, S_IFLNK);
	rt_expect_eq("  st_size (the target's length)", os.st_size, 1);
	rt_expect_ret("ostat(\"sym\", &os)", SC2(NR_ostat, "sym", &os), 0);
	rt_expect_oct("  st_mode & S_IFMT", os.st_mode & S_IFMT, S_IFREG);
	rt_expect_ret("olstat(\"missing\", &os)", SC2(NR_olstat, "missing", &os), -ENOENT);
	rt_expect_ret("ofstat(fd, &os)", SC2(NR_ofstat, fd, &os), 0);
	sys_fstat((int)fd, &st);
	rt_expect_true("  every field is fstat's, truncated to its old width", ostat_matches(&os, &st));
	rt_expect_ret("ofstat(99, &os)", SC2(NR_ofstat, 99, &os), -EBADF);
	rt_expect_ret("ftruncate(fd, 3 GiB)", SC2(NR_ftruncate, fd, 3L << 30), 0);
	rt_expect_ret("ofstat(fd, &os)", SC2(NR_ofstat, fd, &os), 0);
	rt_expect_eq("  st_size (clamped to INT32_MAX)", os.st_size, OINT_MAX);

	rt_expect_ret("otruncate(\"f\", 4)", SC2(NR_otruncate, "f", 4), 0);
	sys_fstat((int)fd, &st);
	rt_expect_eq("  st_size", st.st_size, 4);
	rt_expect_ret("oftruncate(fd, 2)", SC2(NR_oftruncate, fd, 2), 0);
	sys_fstat((int)fd, &st);
	rt_expect_eq("  st_size", st.st_size, 2);
	rt_expect_ret("otruncate(\".\", 0)", SC2(NR_otruncate, ".", 0), -EISDIR);
	rt_expect_ret("otruncate(\"missing\", 0)", SC2(NR_otruncate, "missing", 0), -ENOENT);
	rt_expect_ret("oftruncate(fd, -1)", SC2(NR_oftruncate, fd, -1), -EINVAL);
	rt_expect_ret("oftruncate(99, 0)", SC2(NR_oftruncate, 99, 0), -EBADF);
	sys_close((int)fd);

	/* the FreeBSD 6 calls with a pad argument */
	fd = sys_open("f", O_RDWR, 0);
	rt_expect_ret("open(\"f\", O_RDWR)", fd, 3);
	rt_expect_ret("freebsd6_ftruncate(fd, PAD, 0)", SC3(NR_freebsd6_ftruncate, fd, PAD, 0), 0);
	rt_expect_ret("freebsd6_pwrite(fd, \"abcdef\", 6, PAD, 2)", SC5(NR_freebsd6_pwrite, fd, "abcdef", 6, PAD, 2), 6);
	sys_fstat((int)fd, &st);
	rt_expect_eq("  st_size", st.st_size, 8);
	memset(buf, 0, sizeof buf);
	rt_expect_ret("freebsd6_pread(fd, buf, 4, PAD, 4)", SC5(NR_freebsd6_pread, fd, buf, 4, PAD, 4), 4);
	rt_expect_str("  buf", buf, "cdef");
	rt_expect_ret("freebsd6_pread(fd, buf, 4, PAD, -1)", SC5(NR_freebsd6_pread, fd, buf, 4, PAD, -1), -EINVAL);
	rt_expect_ret("freebsd6_pwrite(99, \"x\", 1, PAD, 0)", SC5(NR_freebsd6_pwrite, 99, "x", 1, PAD, 0), -EBADF);
	rt_expect_ret("freebsd6_lseek(fd, PAD, 3, SEEK_SET)", SC4(NR_freebsd6_lseek, fd, PAD, 3, SEEK_SET), 3);
	rt_expect_ret("freebsd6_lseek(fd, PAD, -1, SEEK_CUR)", SC4(NR_freebsd6_lseek, fd, PAD, -1, SEEK_CUR), 2);
	rt_expect_ret("freebsd6_lseek(fd, PAD, 0, SEEK_END)", SC4(NR_freebsd6_lseek, fd, PAD, 0, SEEK_END), 8);
	rt_expect_ret("freebsd6_lseek(fd, PAD, 0, 7)", SC4(NR_freebsd6_lseek, fd, PAD, 0, 7), -EINVAL);
	rt_expect_ret("freebsd6_truncate(\"f\", PAD, 5)", SC3(NR_freebsd6_truncate, "f", PAD, 5), 0);
	sys_fstat((int)fd, &st);
	rt_expect_eq("  st_size", st.st_size, 5);
	rt_expect_ret("freebsd6_truncate(\"missing\", PAD, 0)", SC3(NR_freebsd6_truncate, "missing", PAD, 0), -ENOENT);
	rt_expect_ret("freebsd6_ftruncate(fd, PAD, 1)", SC3(NR_freebsd6_ftruncate, fd, PAD, 1), 0);
	sys_fstat((int)fd, &st);
	rt_expect_eq("  st_size", st.st_size, 1);
	rt_expect_ret("freebsd6_ftruncate(99, PAD, 0)", SC3(NR_freebsd6_ftruncate, 99, PAD, 0), -EBADF);

	/* freebsd6_mmap: pos is the seventh argument */
	rt_expect_ret("pwrite(fd, \"B\", 1, 4096)", sys_pwrite((int)fd, "B", 1, 4096), 1);
	long p = sc_stack(NR_freebsd6_mmap, 0, 4096, PROT_READ, MAP_SHARED, fd, PAD, 4096, 0);
	rt_expect_true("freebsd6_mmap(NULL, 4096, PROT_READ, MAP_SHARED, fd, PAD, 4096) maps", p > 0);
	rt_expect_true("  the page at offset 4096: 'B'", p > 0 && *(volatile char *)p == 'B');
	rt_expect_ret("  munmap", sys_munmap((void *)p, 4096), 0);
	/* the same through __syscall(2): number in rdi, pad and pos on the stack */
	p = sc_stack(NR___syscall, NR_freebsd6_mmap, 0, 4096, PROT_READ, MAP_SHARED, fd, PAD, 4096);
	rt_expect_true("__syscall(freebsd6_mmap, ..., PAD, 4096): the page at offset 4096", p > 0 && *(volatile char *)p == 'B');
	sys_munmap((void *)p, 4096);
	rt_expect_ret("freebsd6_mmap(NULL, 4096, PROT_READ, MAP_ANON|MAP_PRIVATE, -1, PAD, 4096)",
	    sc_stack(NR_freebsd6_mmap, 0, 4096, PROT_READ, MAP_ANON | MAP_PRIVATE, -1, PAD, 4096, 0), -EINVAL);
	rt_expect_ret("freebsd6_mmap(NULL, 4096, PROT_READ, MAP_SHARED, 99, PAD, 0)",
	    sc_stack(NR_freebsd6_mmap, 0, 4096, PROT_READ, MAP_SHARED, 99, PAD, 0, 0), -EBADF);
	sys_close((int)fd);
}

static void limit_tests(void)
{
	struct rlimit rl0, rl, cpu;
	struct orlimit orl;
	unsigned long pagesz = 0;

	rt_auxv_get(AT_PAGESZ, &pagesz);
	rt_expect_ret("ogetpagesize()", SC0(NR_ogetpagesize), 4096);
	rt_expect_true("  == AT_PAGESZ", SC0(NR_ogetpagesize) == (long)pagesz);

	sys_getrlimit(RLIMIT_NOFILE, &rl0);
	rt_expect_true("getdtablesize() == RLIMIT_NOFILE rlim_cur", SC0(NR_getdtablesize) == (long)rl0.rlim_cur);
	rl.rlim_cur = 100;
	rl.rlim_max = rl0.rlim_max;
	rt_expect_ret("setrlimit(RLIMIT_NOFILE, {100, rlim_max})", sys_setrlimit(RLIMIT_NOFILE, &rl), 0);
	rt_expect_ret("getdtablesize()", SC0(NR_getdtablesize), 100);

	memset(&orl, 0xff, sizeof orl);
	rt_expect_ret("ogetrlimit(RLIMIT_NOFILE, &orl)", SC2(NR_ogetrlimit, RLIMIT_NOFILE, &orl), 0);
	rt_expect_eq("  rlim_cur", orl.rlim_cur, 100);
	rt_expect_true("  rlim_max is rlim_max clamped to 0x7fffffff",
	    orl.rlim_max == (int32_t)(rl0.rlim_max > OINT_MAX ? OINT_MAX : (long)rl0.rlim_max));
	sys_getrlimit(RLIMIT_CPU, &cpu);
	rt_expect_ret("ogetrlimit(RLIMIT_CPU, &orl)", SC2(NR_ogetrlimit, RLIMIT_CPU, &orl), 0);
	rt_expect_true("  both fields getrlimit's clamped to 0x7fffffff (RLIM_INFINITY reads as 0x7fffffff)",
	    orl.rlim_cur == (int32_t)(cpu.rlim_cur > OINT_MAX ? OINT_MAX : (long)cpu.rlim_cur) &&
	    orl.rlim_max == (int32_t)(cpu.rlim_max > OINT_MAX ? OINT_MAX : (long)cpu.rlim_max));
	rt_expect_ret("ogetrlimit(999, &orl)", SC2(NR_ogetrlimit, 999, &orl), -EINVAL);
	rt_expect_ret("ogetrlimit(RLIMIT_NOFILE, (void *)8)", SC2(NR_ogetrlimit, RLIMIT_NOFILE, 8), -EFAULT);

	SC2(NR_ogetrlimit, RLIMIT_NOFILE, &orl);
	orl.rlim_cur = 64;
	rt_expect_ret("osetrlimit(RLIMIT_NOFILE, {64, rlim_max})", SC2(NR_osetrlimit, RLIMIT_NOFILE, &orl), 0);
	sys_getrlimit(RLIMIT_NOFILE, &rl);
	rt_expect_eq("  getrlimit: rlim_cur", rl.rlim_cur, 64);
	orl.rlim_cur = -1;
	rt_expect_ret("osetrlimit(RLIMIT_NOFILE, {-1, rlim_max})", SC2(NR_osetrlimit, RLIMIT_NOFILE, &orl), 0);
	sys_getrlimit(RLIMIT_NOFILE, &rl);
	rt_expect_true("  getrlimit: rlim_cur == rlim_max (-1 is RLIM_INFINITY, lowered to the hard limit)",
	    rl.rlim_cur == rl.rlim_max);
	rt_expect_ret("osetrlimit(999, &orl)", SC2(NR_osetrlimit, 999, &orl), -EINVAL);
	rt_expect_ret("osetrlimit(RLIMIT_NOFILE, (void *)8)", SC2(NR_osetrlimit, RLIMIT_NOFILE, 8), -EFAULT);
	sys_setrlimit(RLIMIT_NOFILE, &rl0);

	long pg = SC0(NR_getpgrp);
	rt_expect_ret("okillpg(0, 0)", SC2(NR_okillpg, 0, 0), 0);
	rt_expect_ret("okillpg(getpgrp(), 0)", SC2(NR_okillpg, pg, 0), 0);
	rt_expect_ret("okillpg(0, 999)", SC2(NR_okillpg, 0, 999), -EINVAL);
	rt_expect_ret("okillpg(99999999, 0)", SC2(NR_okillpg, 99999999, 0), -ESRCH);
	rt_expect_ret("okillpg(-5, 0)", SC2(NR_okillpg, -5, 0), -ESRCH);
}

static void name_tests(void)
{
	char host[300], buf[300], ver[300];
	struct outsname u;
	long r;

	sysctl_str(CTL_KERN, KERN_HOSTNAME, host, sizeof host);
	memset(buf, 0, sizeof buf);
	rt_expect_ret("ogethostname(buf, 256)", SC2(NR_ogethostname, buf, 256), 0);
	rt_expect_true("  == sysctl kern.hostname", rt_strcmp(buf, host) == 0);
	memset(buf, 'x', sizeof buf);
	rt_expect_ret("ogethostname(buf, 1)", SC2(NR_ogethostname, buf, 1), -ENOMEM);
	rt_expect_true("  one byte copied, no NUL", buf[0] == host[0] && buf[1] == 'x');
	rt_expect_ret("ogethostname(NULL, 256)", SC2(NR_ogethostname, 0, 256), 0);
	rt_expect_ret("ogethostname((void *)8, 256)", SC2(NR_ogethostname, 8, 256), -EFAULT);
	memset(buf, 'x', sizeof buf);
	r = SC2(NR_osethostname, buf, 300);
	rt_expect_true("osethostname(name, 300): EINVAL (privileged) or EPERM", r == -EINVAL || r == -EPERM);

	long id = SC0(NR_ogethostid);
	long want = -1;
	size_t len = sizeof want;
	int mib[2] = {CTL_KERN, KERN_HOSTID};
	sys___sysctl(mib, 2, &want, &len, 0, 0);
	rt_expect_true("ogethostid() == sysctl kern.hostid", id == want);

	memset(buf, 'x', sizeof buf);
	rt_expect_ret("freebsd4_getdomainname(buf, 256)", SC2(NR_freebsd4_getdomainname, buf, 256), 0);
	rt_expect_true("  a NUL-terminated name", rt_strlen(buf) < 256);
	rt_expect_ret("freebsd4_getdomainname(buf, 0)", SC2(NR_freebsd4_getdomainname, buf, 0), -ENOMEM);
	rt_expect_ret("freebsd4_getdomainname((void *)8, 256)", SC2(NR_freebsd4_getdomainname, 8, 256), -EFAULT);
	r = SC2(NR_freebsd4_setdomainname, buf, 300);
	rt_expect_true("freebsd4_setdomainname(name, 300): EINVAL (privileged) or EPERM", r == -EINVAL || r == -EPERM);

	memset(&u, 'x', sizeof u);
	r = SC1(NR_freebsd4_uname, &u);
	if (rt_strlen(host) < 32) {
		rt_expect_ret("freebsd4_uname(&u)", r, 0);
		rt_expect_true("  nodename == kern.hostname", rt_strcmp(u.nodename, host) == 0);
	} else {
		rt_expect_ret("freebsd4_uname(&u)", r == -ENOMEM ? 0 : r, 0);
		rt_expect_true("  nodename == kern.hostname", 1);
	}
	rt_expect_str("  sysname", u.sysname, "FreeBSD");
	sysctl_str(CTL_KERN, KERN_OSRELEASE, buf, sizeof buf);
	rt_expect_true("  release == kern.osrelease", rt_strcmp(u.release, buf) == 0);
	rt_expect_str("  machine", u.machine, "amd64");
	sysctl_str(CTL_KERN, KERN_VERSION, buf, sizeof buf);
	{
		char *s = buf, *d = ver;
		while (*s && *s != '#')
			s++;
		while (*s && *s != ':')
			*d++ = *s++;
		*d = 0;
	}
	rt_expect_true("  version == kern.version from '#' to ':'", rt_strcmp(u.version, ver) == 0);
	rt_expect_true("  sysname[31], release[31] and machine[31] are NUL",
	    u.sysname[31] == 0 && u.release[31] == 0 && u.machine[31] == 0);
	rt_expect_ret("freebsd4_uname((void *)8)", SC1(NR_freebsd4_uname, 8), -EFAULT);
}

static void socket_tests(void)
{
	struct sockaddr_in sin, peer, self;
	socklen_t len;
	char buf[32];

	long ls = sys_socket(AF_INET, SOCK_STREAM, 0);
	memset(&sin, 0, sizeof sin);
	sin.sin_len = sizeof sin;
	sin.sin_family = AF_INET;
	sin.sin_addr.s_addr = 0x0100007f; /* 127.0.0.1 in network order */
	rt_expect_ret("bind(ls, 127.0.0.1:0)", sys_bind((int)ls, &sin, sizeof sin), 0);
	rt_expect_ret("listen(ls, 5)", sys_listen((int)ls, 5), 0);
	memset(&self, 0xff, sizeof self);
	len = sizeof self;
	rt_expect_ret("ogetsockname(ls, &sa, &len)", SC3(NR_ogetsockname, ls, &self, &len), 0);
	rt_expect_eq("  len", len, 16);
	rt_expect_true("  sa_len 16, sa_family AF_INET (an ELF program gets the modern sockaddr)",
	    self.sin_len == 16 && self.sin_family == AF_INET);
	long c = sys_socket(AF_INET, SOCK_STREAM, 0);
	rt_expect_ret("connect(c, listener)", sys_connect((int)c, &self, sizeof self), 0);
	memset(&peer, 0xff, sizeof peer);
	len = sizeof peer;
	long a = SC3(NR_oaccept, ls, &peer, &len);
	rt_expect_true("oaccept(ls, &sa, &len) >= 0", a >= 0);
	rt_expect_eq("  len", len, 16);
	rt_expect_true("  sa_len 16, sa_family AF_INET", peer.sin_len == 16 && peer.sin_family == AF_INET);
	memset(&sin, 0, sizeof sin);
	len = sizeof sin;
	sys_getsockname((int)c, &sin, &len);
	rt_expect_true("  the peer is the client", port_of(&peer) == port_of(&sin));
	memset(&peer, 0xff, sizeof peer);
	len = 4;
	rt_expect_ret("ogetpeername(c, &sa, &len = 4)", SC3(NR_ogetpeername, c, &peer, &len), 0);
	rt_expect_eq("  len (MIN(4, sa_len))", len, 4);
	rt_expect_true("  sa_len 16, AF_INET, the listener's port; nothing past 4 bytes",
	    peer.sin_len == 16 && peer.sin_family == AF_INET && peer.sin_port == self.sin_port &&
	    peer.sin_addr.s_addr == 0xffffffff);
	rt_expect_ret("ogetpeername(ls, &sa, &len)", SC3(NR_ogetpeername, ls, &peer, &len), -ENOTCONN);
	rt_expect_ret("ogetsockname(99, &sa, &len)", SC3(NR_ogetsockname, 99, &peer, &len), -EBADF);
	rt_expect_ret("oaccept(c, &sa, &len) [not listening]", SC3(NR_oaccept, c, &peer, &len), -EINVAL);

	rt_expect_ret("osend(c, \"ping\", 4, 0)", SC4(NR_osend, c, "ping", 4, 0), 4);
	memset(buf, 0, sizeof buf);
	rt_expect_ret("orecv(a, buf, 2, MSG_PEEK)", SC4(NR_orecv, a, buf, 2, MSG_PEEK), 2);
	rt_expect_ret("orecv(a, buf, 16, 0)", SC4(NR_orecv, a, buf, 16, 0), 4);
	rt_expect_str("  buf", buf, "ping");
	rt_expect_ret("orecv(a, buf, 16, MSG_DONTWAIT) [nothing queued]", SC4(NR_orecv, a, buf, 16, MSG_DONTWAIT), -EAGAIN);
	rt_expect_ret("osend(99, \"x\", 1, 0)", SC4(NR_osend, 99, "x", 1, 0), -EBADF);
	sys_close((int)a);
	sys_close((int)c);
	sys_close((int)ls);

	long u = sys_socket(AF_INET, SOCK_DGRAM, 0);
	memset(&sin, 0, sizeof sin);
	sin.sin_len = sizeof sin;
	sin.sin_family = AF_INET;
	sin.sin_addr.s_addr = 0x0100007f;
	sys_bind((int)u, &sin, sizeof sin);
	len = sizeof self;
	sys_getsockname((int)u, &self, &len);
	long s = sys_socket(AF_INET, SOCK_DGRAM, 0);
	sys_bind((int)s, &sin, sizeof sin);
	len = sizeof sin;
	sys_getsockname((int)s, &sin, &len);
	rt_expect_ret("sendto(s, \"dgram\", 5, 0, udp)", SC6(NR_sendto, s, "dgram", 5, 0, &self, sizeof self), 5);
	memset(buf, 0, sizeof buf);
	memset(&peer, 0xff, sizeof peer);
	len = sizeof peer;
	rt_expect_ret("orecvfrom(u, buf, 32, 0, &sa, &len)", SC6(NR_orecvfrom, u, buf, 32, 0, &peer, &len), 5);
	rt_expect_str("  buf", buf, "dgram");
	rt_expect_eq("  len", len, 16);
	rt_expect_true("  sa_len 16, AF_INET, the sender's port",
	    peer.sin_len == 16 && peer.sin_family == AF_INET && peer.sin_port == sin.sin_port);
	rt_expect_ret("orecvfrom(u, buf, 32, MSG_DONTWAIT, &sa, &len)", SC6(NR_orecvfrom, u, buf, 32, MSG_DONTWAIT, &peer, &len), -EAGAIN);
	sys_close((int)s);
	sys_close((int)u);
}

int main(int argc, char **argv, char **envp)
{
	(void)argc; (void)argv; (void)envp;
	rt_rmtree(DIR);
	sys_mkdir(DIR, 0755);
	sys_chdir(DIR);
	SC1(NR_umask, 022);
	file_tests();
	sys_close((int)sys_open("f", O_RDWR | O_CREAT | O_TRUNC, 0644));
	oldsig_nstat_tests();
	statfs4_tests();
	osigsuspend_owait_tests();
	osigstack_tests();
	limit_tests();
	name_tests();
	socket_tests();
	sys_chdir("/");
	rt_rmtree(DIR);
	return rt_finish();
}
