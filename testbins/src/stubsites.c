/*
 * stubsites - system calls made the way FreeBSD libc makes them: through out-of-line stubs
 * (rt/libcstub.h), each call site used several times. Under --intercept=fastpath such a site
 * is rewritten after its first use to jump into a stub xrun writes into the process, and its
 * plain calls (a renumbering) then run without stopping at the supervisor; the answers must
 * be FreeBSD's all the same, including errors, signals and restarts, fork, and capability
 * mode. Each check makes its call three times (first use, then through the rewritten site).
 * Expected results: getpid(2); write(2) EBADF (9) on a descriptor that is not open; read(2)
 * EAGAIN (35, sys/sys/errno.h) on an empty non-blocking pipe; a signal handler installed
 * without SA_RESTART makes a blocked read(2) fail with EINTR (4), with SA_RESTART the read is
 * restarted (sigaction(2): "the call is restarted", here it then returns the byte the handler
 * wrote); a fork(2) child runs the parent's code (the rewritten sites included) and its
 * getpid(2) is the pid fork returned to the parent; after cap_enter(2) access(2) fails with
 * ECAPMODE (94; capsicum(4): access to global namespaces is refused) even from a site that
 * succeeded before. nanosleep(2): 0 after the sleep; EINVAL (22) for tv_nsec outside
 * [0, 1e9); a negative tv_sec returns 0 at once (sys/kern/kern_time.c kern_clock_nanosleep);
 * interrupted by a handler: EINTR with the unslept time in rmtp. _umtx_op(2)
 * UMTX_OP_WAKE_PRIVATE (16): 0, whether or not anyone waited, for any count;
 * UMTX_OP_WAIT_UINT_PRIVATE (15) on a word that no longer holds val: 0 at once (kern_umtx.c
 * do_wait sleeps only while the word is val), and the argument registers are as they were
 * (FreeBSD restores the trapframe: only rax, rdx, rcx, r11 and the flags change). open(2) with
 * O_* flags (sys/sys/fcntl.h): O_CREAT|O_EXCL on an existing file is EEXIST (17); O_DIRECTORY on
 * a regular file ENOTDIR (20); O_CLOEXEC sets FD_CLOEXEC; O_APPEND shows in F_GETFL; and the
 * flags register comes back as it went.
 * fstat(2) and fstatat(2) fill all 224 bytes of FreeBSD 12+'s struct stat (sys/sys/stat.h):
 * vop_stdstat (sys/kern/vfs_default.c) sets every field, vop_stat_helper_pre (sys/sys/vnode.h)
 * zeroes st_padding0, st_padding1 and st_spare, vop_stat_helper_post zeroes st_gen unless the
 * caller has PRIV_VFS_GENERATION (root, not jailed); pipe_stat (sys/kern/sys_pipe.c) zeroes the
 * whole struct first; devfs_getattr (sys/fs/devfs/devfs_vnops.c) gives st_flags and st_gen 0; a
 * new file has no st_flags but UF_ARCHIVE (0x800), which ZFS sets on a write. A file written
 * with 5 bytes at mode 0600: S_ISREG, 0600, st_size 5, st_nlink 1, st_uid getuid(); /dev/null
 * S_ISCHR with st_rdev != 0; on failure nothing is copied out (sys_fstat, sys_fstatat copy out
 * only on success): EBADF (9) for fd -1. fstatat: AT_SYMLINK_NOFOLLOW (0x200) gives the link
 * itself (S_ISLNK, st_size the target's length), without it the target; a missing path is
 * ENOENT (2); a flag outside AT_SYMLINK_NOFOLLOW|AT_RESOLVE_BENEATH|AT_EMPTY_PATH is EINVAL (22)
 * (sys/kern/vfs_syscalls.c kern_statat), AT_REMOVEDIR (0x800) included. Every struct is checked
 * byte for byte against the one a call site xrun never rewrites gets (ref_syscall). unlinkat(2):
 * a flag outside AT_REMOVEDIR|AT_RESOLVE_BENEATH is EINVAL before any lookup (vfs_syscalls.c
 * kern_funlinkat_ex), AT_EACCESS (0x100, faccessat's flag) included, and the directory named
 * stays; a directory without AT_REMOVEDIR (0x800) is EPERM (1) (kern_funlinkat,
 * "POSIX"; unlink(2) [EPERM] "The named file is a directory"); with AT_REMOVEDIR a directory is
 * removed and anything else is ENOTDIR (20) (kern_frmdirat). close(2) of a descriptor a kqueue
 * watches drops its knotes (sys/kern/kern_descrip.c closefp calls sys/kern/kern_event.c
 * knote_fdclose, by descriptor number, even while a dup keeps the file open): kevent(2) then
 * reports nothing for it, nor for a new pipe given the same number; kevent(2) on a closed
 * kqueue is EBADF (9).
 * kevent(2) waits with no changes (kevent(kq, NULL, 0, eventlist, nevents, timeout)) through a
 * libc-shaped site, on the process's only kqueue, whose knotes are EVFILT_READ (-1) and
 * EVFILT_WRITE (-2) on pipes and a socketpair (sys/kern/kern_event.c kqueue_register,
 * kqueue_scan; sys/kern/sys_pipe.c filt_piperead, filt_pipewrite; sys/kern/uipc_socket.c
 * filt_soread, filt_sowrite): an event is the knote's kn_kevent, its flags those registered
 * without EV_ADD (kqueue_register clears EV_ADD|EV_DELETE|EV_ENABLE|EV_DISABLE|EV_FORCEONESHOT),
 * EV_CLEAR kept; fflags 0; udata and ext[] as registered; READ data the bytes readable (the
 * whole count, not what arrived since the last report); EV_EOF (0x8000) once the write end is
 * closed, data then the bytes still unread. With EV_CLEAR a knote is reported once per
 * activation; a level-triggered knote at every wait, so both knotes of a socketpair end come
 * back together once the peer has written. kqueue_scan checks the timeout first: tv_sec < 0 or
 * tv_nsec outside [0, 1e9) is EINVAL (22) even with events ready, which stay for the next
 * wait; {0, 0} polls; {0, 1 ms} with nothing ready returns 0 after the timeout; a signal is
 * EINTR (4) even with SA_RESTART ("don't restart after signals"); only the returned events are
 * copied out (kevent_copyout of the nkev collected), which the reference site shows. A second
 * kqueue in the process changes none of the answers. (The write end's WRITE data, the free
 * space on FreeBSD, is not checked.)
 * getdirentries(2) (sys/kern/vfs_syscalls.c sys_getdirentries, kern_getdirentries) on a directory
 * holding a, bbbb/, ccccc -> a and names of 12, 200 and 255 bytes: each record is FreeBSD 12+'s
 * struct dirent (sys/sys/dirent.h: d_fileno, d_off, d_reclen = GENERIC_DIRSIZ = (24 + d_namlen +
 * 1 + 7) & ~7, d_type, d_pad0, d_namlen, d_pad1, the name NUL-padded to the record's end:
 * dirent_terminate), d_type DT_DIR (4), DT_REG (8), DT_LNK (10); the 8 records take 5 x 32 + 40 +
 * 232 + 280 = 712 bytes, all returned at once into 4096 bytes, over several calls into 512,
 * then 0 at the end. *basep gets the offset the read started at (loff), 0 first and then the
 * offset the previous call reached, its last record's d_off; basep may be NULL (copied out
 * only when given); lseek(2) back to a *basep reads the same records again. A record larger
 * than the whole buffer is EINVAL when nothing was copied yet (sys/ufs/ufs/ufs_vnops.c
 * ufs_readdir, sys/fs/tmpfs/tmpfs_vnops.c tmpfs_readdir: EJUSTRETURN with uio_resid ==
 * startresid), so 64 bytes never get past the 200- and 255-byte names, and a failing call
 * copies nothing out, *basep included. EINVAL (22) for a descriptor that is not a directory
 * (v_type != VDIR) or not a vnode (a pipe: getvnode), and for a count over IOSIZE_MAX
 * (SSIZE_MAX on amd64: a count negative as a long), checked before the descriptor; EBADF (9)
 * for a descriptor not open. Each answer through a libc-shaped site (lc_getdirentries) is
 * compared with the reference site's: result, *basep, and the records byte for byte. Only the
 * records are copied out (uiomove of each), so the bytes past the count keep theirs: checked on
 * the reference site only, since xrun's stub has Linux write its records into the buffer's tail
 * before converting them (fastpath/DirentsKind), and leaves some of those bytes there.
 * xrun-covers: getpid write read pipe2 sigaction sigreturn setitimer fork wait4 exit
 * xrun-covers: access cap_enter nanosleep _umtx_op open close fcntl mkdir unlink rmdir
 * xrun-covers: fstat fstatat unlinkat kqueue kevent symlink dup getuid socketpair clock_gettime
 * xrun-covers: getdirentries lseek
 */
#include "rt.h"
#include "libcstub.h"

#define NR_setitimer 83
#define NR_fork 2
#define NR_wait4 7
#define NR_cap_enter 516
#define SA_RESTART 0x2
#define ITIMER_REAL 0
#define ECAPMODE 94
#define UMTX_OP_WAKE_PRIVATE 16
#define UMTX_OP_WAIT_UINT_PRIVATE 15
#define NR_symlink 57
#define NR_kevent 560
#define UF_ARCHIVE 0x00000800      /* sys/sys/stat.h */
#define EVFILT_READ (-1)           /* sys/sys/event.h */
#define EVFILT_WRITE (-2)
#define EV_ADD 0x0001
#define EV_DELETE 0x0002
#define EV_CLEAR 0x0020
#define EV_EOF 0x8000
#define S_ISLNK(m) (((m) & S_IFMT) == S_IFLNK)

LIBC_STUB(lc_getpid, 20, 39)   /* syscalls.master */
LIBC_STUB(lc_write, 4, 1)
LIBC_STUB(lc_read, 3, 0)
LIBC_STUB(lc_access, 33, 21)
LIBC_STUB(lc_nanosleep, 240, 35)
LIBC_STUB(lc_umtx_op, 454, -1)  /* no Linux build: Linux has no _umtx_op */
LIBC_STUB(lc_open, 5, 2)
LIBC_STUB(lc_fstat, 551, 5)
LIBC_STUB(lc_fstatat, 552, 262)
LIBC_STUB(lc_unlinkat, 503, 263)
LIBC_STUB(lc_close, 6, 3)
LIBC_STUB(lc_kevent, 560, -1)   /* no Linux build: Linux has no kevent */
LIBC_STUB(lc_getdirentries, 554, -1)  /* no Linux build: Linux has getdents64 */
long lc_getpid(void);
long lc_write(long fd, const void *buf, long n);
long lc_read(long fd, void *buf, long n);
long lc_access(const char *path, long mode);
long lc_nanosleep(const struct timespec *rqtp, struct timespec *rmtp);
long lc_umtx_op(void *obj, long op, unsigned long val, void *uaddr, void *uaddr2);

/*
 * _umtx_op through the same libc-shaped site, which then checks what FreeBSD guarantees of the
 * argument registers across the call: op (%rsi) and uaddr (%r10, here always 24) come back
 * unchanged. Returns the call's result (-errno), or -1000 when a register changed.
 */
__asm__(".text\n.globl lc_umtx_keep\nlc_umtx_keep:\n"
	"\tmov $454,%eax\n\tmov %rcx,%r10\n\tsyscall\n\tjnb 1f\n\tneg %rax\n"
	"1:\tcmp $24,%r10\n\tjne 2f\n\tcmp $15,%rsi\n\tjne 2f\n\tret\n"
	"2:\tmov $-1000,%rax\n\tret\n");
long lc_umtx_keep(void *obj, long op, unsigned long val, long uaddr, void *uaddr2);
long lc_open(const char *path, long flags, long mode);

/* open through the same libc-shaped site, then a check that %rsi (the flags, here always
 * O_WRONLY|O_CREAT|O_EXCL = 0xa01) came back unchanged: -1000 when it did not. */
__asm__(".text\n.globl lc_open_keep\nlc_open_keep:\n"
	"\tmov $5,%eax\n\tmov %rcx,%r10\n\tsyscall\n\tjnb 1f\n\tneg %rax\n"
	"1:\tcmp $0xa01,%rsi\n\tjne 2f\n\tret\n2:\tmov $-1000,%rax\n\tret\n");
long lc_open_keep(const char *path, long flags, long mode);
long lc_fstat(long fd, struct stat *sb);
long lc_fstatat(long fd, const char *path, struct stat *sb, long flag);
long lc_unlinkat(long fd, const char *path, long flag);
long lc_close(long fd);

/*
 * The reference: a call site xrun never rewrites, so that its calls always reach the
 * supervisor's own handler (under --intercept=ptrace every call does). fastpath rewrites only
 * a site whose syscall follows "mov $nr,%eax [; mov %rcx,%r10]" or "mov d8(%rsp),%reg"
 * (translator/.../fastpath/SitePattern.java); here the number arrives in a register and the
 * 8 bytes before the syscall are register moves: 89 d6 48 89 ca 4d 89 c2.
 * ref_syscall(nr, a, b, c, d) makes FreeBSD call nr(a, b, c, d): the result, or -errno.
 */
__asm__(".text\n.globl ref_syscall\nref_syscall:\n"
	"\tmov %rdi,%rax\n\tmov %rsi,%rdi\n\tmov %rdx,%rsi\n\tmov %rcx,%rdx\n\tmov %r8,%r10\n"
	"\tsyscall\n\tjb 1f\n\tret\n1:\tneg %rax\n\tret\n");
long ref_syscall(long nr, long a, long b, long c, long d);

/*
 * The same for six arguments: ref_syscall6(nr, a, b, c, d, e, f) makes FreeBSD call
 * nr(a, b, c, d, e, f). The seventh C argument comes from the stack into %r11 first, so that
 * again only register moves precede the syscall: 4d 89 c2 4d 89 c8 4d 89 d9.
 */
__asm__(".text\n.globl ref_syscall6\nref_syscall6:\n"
	"\tmov 8(%rsp),%r11\n\tmov %rdi,%rax\n\tmov %rsi,%rdi\n\tmov %rdx,%rsi\n\tmov %rcx,%rdx\n"
	"\tmov %r8,%r10\n\tmov %r9,%r8\n\tmov %r11,%r9\n"
	"\tsyscall\n\tjb 1f\n\tret\n1:\tneg %rax\n\tret\n");
long ref_syscall6(long nr, long a, long b, long c, long d, long e, long f);

static const char scratch[] = "/tmp/xrun-tb-stubsites-scratch";
static const char file[] = "/tmp/xrun-tb-stubsites-scratch/f";

static const char sfile[] = "/tmp/xrun-tb-stubsites-scratch/s";
static const char slink[] = "/tmp/xrun-tb-stubsites-scratch/l";
static const char sdir[] = "/tmp/xrun-tb-stubsites-scratch/d";
static const char sgone[] = "/tmp/xrun-tb-stubsites-scratch/missing";

struct itimerval { struct timeval it_interval, it_value; };

/* FreeBSD 12+ struct stat (sys/sys/stat.h; rt/fbsd.h restates it) */
_Static_assert(sizeof(struct stat) == 224, "struct stat is 224 bytes");
_Static_assert(__builtin_offsetof(struct stat, st_padding0) == 26, "st_padding0");
_Static_assert(__builtin_offsetof(struct stat, st_padding1) == 36, "st_padding1");
_Static_assert(__builtin_offsetof(struct stat, st_size) == 112, "st_size");
_Static_assert(__builtin_offsetof(struct stat, st_blksize) == 128, "st_blksize");
_Static_assert(__builtin_offsetof(struct stat, st_flags) == 132, "st_flags");
_Static_assert(__builtin_offsetof(struct stat, st_gen) == 136, "st_gen");
_Static_assert(__builtin_offsetof(struct stat, st_spare) == 144, "st_spare");

/* FreeBSD 12+ struct kevent (sys/sys/event.h), 64 bytes */
struct kevent { uint64_t ident; int16_t filter; uint16_t flags; uint32_t fflags; int64_t data; void *udata; uint64_t ext[4]; };
_Static_assert(sizeof(struct kevent) == 64, "struct kevent is 64 bytes");

union statbuf { struct stat st; unsigned char b[sizeof(struct stat)]; };

/* One fstat (nr NR_fstat: fd) or fstatat (NR_fstatat: fd, path, flag) query. */
struct statq { long nr, fd; const char *path; long flag; };

/* The answers to a query: three calls through the stub site, one through ref_syscall. */
struct stat4 {
	long ret;            /* the first stub call's result */
	int same_ret;        /* the other two stub calls returned it too */
	int bytes;           /* on success every byte written (buffers filled with 0xAA, 0x55 and
	                      * 0xAA get the same 224 bytes), on failure none */
	int as_ref;          /* the reference site answers the same, byte for byte */
	union statbuf sb;    /* the first stub call's struct */
};

static long stat_call(int ref, const struct statq *q, union statbuf *sb, int fill)
{
	memset(sb, fill, sizeof *sb);
	if (q->nr == NR_fstat)
		return ref ? ref_syscall(NR_fstat, q->fd, (long)sb, 0, 0) : lc_fstat(q->fd, &sb->st);
	return ref ? ref_syscall(NR_fstatat, q->fd, (long)q->path, (long)sb, q->flag)
	    : lc_fstatat(q->fd, q->path, &sb->st, q->flag);
}

static int all_bytes(const union statbuf *sb, int c)
{
	for (size_t i = 0; i < sizeof sb->b; i++)
		if (sb->b[i] != (unsigned char)c)
			return 0;
	return 1;
}

static void stat4(const struct statq *q, struct stat4 *r)
{
	static union statbuf b, c, ref;
	r->ret = stat_call(0, q, &r->sb, 0xAA);
	long r1 = stat_call(0, q, &b, 0x55);
	long r2 = stat_call(0, q, &c, 0xAA);
	long rr = stat_call(1, q, &ref, 0x55);
	r->same_ret = r1 == r->ret && r2 == r->ret;
	if (r->ret == 0) {
		r->bytes = memcmp(&r->sb, &b, sizeof b) == 0 && memcmp(&r->sb, &c, sizeof c) == 0;
		r->as_ref = rr == 0 && memcmp(&r->sb, &ref, sizeof ref) == 0;
	} else {
		r->bytes = all_bytes(&r->sb, 0xAA) && all_bytes(&b, 0x55) && all_bytes(&c, 0xAA);
		r->as_ref = rr == r->ret && all_bytes(&ref, 0x55);
	}
}

/* vop_stat_helper_pre (sys/sys/vnode.h) zeroes these; pipe_stat the whole struct */
static int pads_zero(const union statbuf *sb)
{
	return sb->st.st_padding0 == 0 && sb->st.st_padding1 == 0 && rt_allzero(sb->st.st_spare, sizeof sb->st.st_spare);
}

/* the result of a query's three stub calls, or 1000 (no errno) when they disagree */
static long ret3(const struct stat4 *r)
{
	return r->same_ret ? r->ret : 1000;
}

static long kevent_poll(long kq, struct kevent *out)
{
	struct timespec zero = { 0, 0 };
	memset(out, 0, 4 * sizeof *out);
	return SC6(NR_kevent, kq, 0, 0, out, 4, &zero);
}

/*
 * fstat, fstatat and unlinkat through their stub sites, each answer checked against FreeBSD's
 * and, byte for byte, against the reference site's; close through its stub of a descriptor a
 * kqueue watches.
 */
static void stat_unlink_close(void)
{
	struct stat4 fs, r;
	struct statq q;
	long uid = sys_getuid();

	rt_expect_ret("mkdir(scratch) again", sys_mkdir(scratch, 0700), 0);
	long sfd = sys_open(sfile, O_WRONLY | O_CREAT | O_EXCL, 0600);
	rt_expect_true("open(s, O_WRONLY|O_CREAT|O_EXCL, 0600) is a descriptor", sfd >= 0);
	rt_expect_ret("write(s, \"hello\", 5)", sys_write((int)sfd, "hello", 5), 5);

	q = (struct statq){ NR_fstat, sfd, 0, 0 };
	stat4(&q, &fs);
	rt_expect_ret("fstat(s) through the stub x3", ret3(&fs), 0);
	rt_expect_true("  S_ISREG(st_mode)", S_ISREG(fs.sb.st.st_mode));
	rt_expect_oct("  st_mode & 07777", fs.sb.st.st_mode & 07777, 0600);
	rt_expect_eq("  st_size", fs.sb.st.st_size, 5);
	rt_expect_eq("  st_nlink", (long)fs.sb.st.st_nlink, 1);
	rt_expect_true("  st_uid is getuid()", fs.sb.st.st_uid == (uint32_t)uid);
	rt_expect_true("  st_blksize > 0", fs.sb.st.st_blksize > 0);
	rt_expect_true("  st_flags: none but UF_ARCHIVE (ZFS sets it on a write)", (fs.sb.st.st_flags & ~UF_ARCHIVE) == 0);
	rt_expect_true("  st_gen is 0 unless the caller is root", uid == 0 || fs.sb.st.st_gen == 0);
	rt_expect_true("  st_padding0, st_padding1 and st_spare[10] are 0", pads_zero(&fs.sb));
	rt_expect_true("  every byte written (0xAA- and 0x55-filled buffers get the same 224 bytes)", fs.bytes);
	rt_expect_true("  the same 224 bytes from a site never rewritten", fs.as_ref);

	long dfd = sys_open(scratch, O_RDONLY | O_DIRECTORY, 0);
	rt_expect_true("open(scratch, O_RDONLY|O_DIRECTORY) is a descriptor", dfd >= 0);
	q = (struct statq){ NR_fstat, dfd, 0, 0 };
	stat4(&q, &r);
	rt_expect_ret("fstat(scratch) through the stub x3", ret3(&r), 0);
	rt_expect_true("  S_ISDIR(st_mode)", S_ISDIR(r.sb.st.st_mode));
	rt_expect_oct("  st_mode & 07777", r.sb.st.st_mode & 07777, 0700);
	rt_expect_true("  st_flags: none but UF_ARCHIVE", (r.sb.st.st_flags & ~UF_ARCHIVE) == 0);
	rt_expect_true("  st_padding0, st_padding1 and st_spare[10] are 0", pads_zero(&r.sb));
	rt_expect_true("  every byte written", r.bytes);
	rt_expect_true("  the same 224 bytes from a site never rewritten", r.as_ref);

	long nfd = sys_open("/dev/null", O_RDONLY, 0);
	rt_expect_true("open(/dev/null, O_RDONLY) is a descriptor", nfd >= 0);
	q = (struct statq){ NR_fstat, nfd, 0, 0 };
	stat4(&q, &r);
	rt_expect_ret("fstat(/dev/null) through the stub x3", ret3(&r), 0);
	rt_expect_true("  S_ISCHR(st_mode) and st_rdev != 0", S_ISCHR(r.sb.st.st_mode) && r.sb.st.st_rdev != 0);
	rt_expect_eq("  st_size", r.sb.st.st_size, 0);
	rt_expect_true("  st_flags and st_gen are 0 (devfs_getattr)", r.sb.st.st_flags == 0 && r.sb.st.st_gen == 0);
	rt_expect_true("  st_padding0, st_padding1 and st_spare[10] are 0", pads_zero(&r.sb));
	rt_expect_true("  every byte written", r.bytes);
	rt_expect_true("  the same 224 bytes from a site never rewritten", r.as_ref);

	int p[2];
	rt_expect_ret("pipe2(p, 0)", sys_pipe2(p, 0), 0);
	q = (struct statq){ NR_fstat, p[0], 0, 0 };
	stat4(&q, &r);
	rt_expect_ret("fstat(pipe) through the stub x3", ret3(&r), 0);
	rt_expect_true("  S_ISFIFO(st_mode)", S_ISFIFO(r.sb.st.st_mode));
	rt_expect_true("  st_flags and st_gen are 0 (pipe_stat zeroes the struct)", r.sb.st.st_flags == 0 && r.sb.st.st_gen == 0);
	rt_expect_true("  st_padding0, st_padding1 and st_spare[10] are 0", pads_zero(&r.sb));
	rt_expect_true("  every byte written", r.bytes);
	rt_expect_true("  the same 224 bytes from a site never rewritten", r.as_ref);

	q = (struct statq){ NR_fstat, -1, 0, 0 };
	stat4(&q, &r);
	rt_expect_ret("fstat(-1) through the stub x3", ret3(&r), -EBADF);
	rt_expect_true("  nothing written, and the same from a site never rewritten", r.bytes && r.as_ref);

	/* close through its stub: the site's first uses, no kqueue yet */
	int closed = lc_close(sfd) == 0;
	closed &= lc_close(nfd) == 0;
	closed &= lc_close(p[0]) == 0;
	closed &= lc_close(p[1]) == 0;
	rt_expect_true("close(s), close(/dev/null), close(pipe) x2 through the stub = 0", closed);
	rt_expect_ret("  close(s) again", lc_close(sfd), -EBADF);

	rt_expect_ret("symlink(\"s\", l)", SC2(NR_symlink, "s", slink), 0);
	q = (struct statq){ NR_fstatat, AT_FDCWD, sfile, 0 };
	stat4(&q, &r);
	rt_expect_ret("fstatat(AT_FDCWD, s, &sb, 0) through the stub x3", ret3(&r), 0);
	rt_expect_true("  the same 224 bytes as fstat(s)", memcmp(&r.sb, &fs.sb, sizeof r.sb) == 0);
	rt_expect_true("  every byte written", r.bytes);
	rt_expect_true("  the same 224 bytes from a site never rewritten", r.as_ref);
	q = (struct statq){ NR_fstatat, dfd, "s", 0 };
	stat4(&q, &r);
	rt_expect_ret("fstatat(scratch fd, \"s\", &sb, 0) through the stub x3", ret3(&r), 0);
	rt_expect_true("  the same 224 bytes as fstat(s), and from a site never rewritten",
	    memcmp(&r.sb, &fs.sb, sizeof r.sb) == 0 && r.bytes && r.as_ref);
	q = (struct statq){ NR_fstatat, AT_FDCWD, slink, AT_SYMLINK_NOFOLLOW };
	stat4(&q, &r);
	rt_expect_ret("fstatat(AT_FDCWD, l, &sb, AT_SYMLINK_NOFOLLOW) through the stub x3", ret3(&r), 0);
	rt_expect_true("  S_ISLNK(st_mode)", S_ISLNK(r.sb.st.st_mode));
	rt_expect_eq("  st_size (the length of \"s\")", r.sb.st.st_size, 1);
	rt_expect_true("  st_padding0, st_padding1 and st_spare[10] are 0", pads_zero(&r.sb));
	rt_expect_true("  every byte written", r.bytes);
	rt_expect_true("  the same 224 bytes from a site never rewritten", r.as_ref);
	q = (struct statq){ NR_fstatat, AT_FDCWD, slink, 0 };
	stat4(&q, &r);
	rt_expect_ret("fstatat(AT_FDCWD, l, &sb, 0) through the stub x3", ret3(&r), 0);
	rt_expect_true("  S_ISREG: the same 224 bytes as fstat(s), and from a site never rewritten",
	    memcmp(&r.sb, &fs.sb, sizeof r.sb) == 0 && r.bytes && r.as_ref);
	q = (struct statq){ NR_fstatat, AT_FDCWD, sgone, 0 };
	stat4(&q, &r);
	rt_expect_ret("fstatat(AT_FDCWD, missing, &sb, 0) through the stub x3", ret3(&r), -ENOENT);
	rt_expect_true("  nothing written, and the same from a site never rewritten", r.bytes && r.as_ref);
	q = (struct statq){ NR_fstatat, AT_FDCWD, sfile, 0x1 };
	stat4(&q, &r);
	rt_expect_ret("fstatat(AT_FDCWD, s, &sb, 0x1) through the stub x3", ret3(&r), -EINVAL);
	rt_expect_true("  nothing written, and the same from a site never rewritten", r.bytes && r.as_ref);
	q = (struct statq){ NR_fstatat, AT_FDCWD, scratch, AT_REMOVEDIR };
	stat4(&q, &r);
	rt_expect_ret("fstatat(AT_FDCWD, scratch, &sb, AT_REMOVEDIR) through the stub x3", ret3(&r), -EINVAL);
	rt_expect_true("  nothing written, and the same from a site never rewritten", r.bytes && r.as_ref);

	/* unlinkat: three rounds, each on a fresh directory and file */
	int eperm = 1, rmdir_ok = 1, enotdir = 1, unlink_ok = 1, enoent = 1, einval = 1, einval_first = 1, at_ok = 1;
	for (int round = 0; round < 3; round++) {
		sys_mkdir(sdir, 0700);
		for (int i = 0; i < 3; i++)
			eperm &= lc_unlinkat(AT_FDCWD, sdir, 0) == -EPERM;
		eperm &= sys_access(sdir, 0) == 0;
		rmdir_ok &= lc_unlinkat(AT_FDCWD, sdir, AT_REMOVEDIR) == 0 && sys_access(sdir, 0) == -ENOENT;
		sys_close((int)sys_open(sfile, O_WRONLY | O_CREAT, 0600));
		for (int i = 0; i < 3; i++) {
			enotdir &= lc_unlinkat(AT_FDCWD, sfile, AT_REMOVEDIR) == -ENOTDIR;
			einval &= lc_unlinkat(AT_FDCWD, sfile, 0x1) == -EINVAL;
			enoent &= lc_unlinkat(AT_FDCWD, sgone, 0) == -ENOENT;
			einval_first &= lc_unlinkat(AT_FDCWD, sgone, 0x1) == -EINVAL;
		}
		enotdir &= sys_access(sfile, 0) == 0;
		einval &= sys_access(sfile, 0) == 0;
		unlink_ok &= lc_unlinkat(AT_FDCWD, sfile, 0) == 0 && sys_access(sfile, 0) == -ENOENT;
		sys_mkdir(sdir, 0700);
		at_ok &= lc_unlinkat(dfd, "d", AT_REMOVEDIR) == 0 && sys_access(sdir, 0) == -ENOENT;
	}
	rt_expect_true("unlinkat(AT_FDCWD, d, 0) x9 is EPERM (a directory), d still there", eperm);
	rt_expect_true("unlinkat(AT_FDCWD, d, AT_REMOVEDIR) x3 = 0, d gone", rmdir_ok);
	rt_expect_true("unlinkat(AT_FDCWD, s, AT_REMOVEDIR) x9 is ENOTDIR, s still there", enotdir);
	rt_expect_true("unlinkat(AT_FDCWD, s, 0x1) x9 is EINVAL, s still there", einval);
	rt_expect_true("unlinkat(AT_FDCWD, s, 0) x3 = 0, s gone", unlink_ok);
	rt_expect_true("unlinkat(AT_FDCWD, missing, 0) x9 is ENOENT", enoent);
	rt_expect_true("unlinkat(AT_FDCWD, missing, 0x1) x9 is EINVAL (flags checked before the lookup)", einval_first);
	rt_expect_true("unlinkat(scratch fd, \"d\", AT_REMOVEDIR) x3 = 0, d gone", at_ok);

	/* AT_EACCESS is accessat's flag (faccessat(2)), not unlinkat's: EINVAL, nothing removed */
	rt_expect_ret("mkdir(d)", sys_mkdir(sdir, 0700), 0);
	long ea = lc_unlinkat(AT_FDCWD, sdir, AT_EACCESS);
	int ea_same = lc_unlinkat(AT_FDCWD, sdir, AT_EACCESS) == ea && lc_unlinkat(AT_FDCWD, sdir, AT_EACCESS) == ea;
	rt_expect_ret("unlinkat(AT_FDCWD, d, AT_EACCESS) through the stub x3", ea_same ? ea : 1000, -EINVAL);
	rt_expect_true("  d still there", sys_access(sdir, 0) == 0);
	rt_expect_true("  the same from a site never rewritten, d still there",
	    ref_syscall(NR_unlinkat, AT_FDCWD, (long)sdir, AT_EACCESS, 0) == -EINVAL && sys_access(sdir, 0) == 0);
	rt_expect_ret("rmdir(d)", sys_rmdir(sdir), 0);
	sys_close((int)dfd);

	/*
	 * close through the stub of a descriptor a kqueue watches, three rounds. A dup of the read
	 * end keeps the pipe open, so writes still succeed and only the descriptor number goes.
	 */
	int armed = 1, fired = 1, closed_ok = 1, dropped = 1, reused = 1, still_none = 1, kq_closed = 1, ebadf = 1;
	for (int round = 0; round < 3; round++) {
		struct kevent ev, out[4];
		int pp[2], qq[2];
		long kq = SC0(NR_kqueue);
		sys_pipe2(pp, 0);
		long keep = sys_dup(pp[0]);
		memset(&ev, 0, sizeof ev);
		ev.ident = (uint64_t)pp[0];
		ev.filter = EVFILT_READ;
		ev.flags = EV_ADD | EV_CLEAR;
		armed &= kq >= 0 && keep >= 0 && SC6(NR_kevent, kq, &ev, 1, 0, 0, 0) == 0;
		sys_write(pp[1], "x", 1);
		fired &= kevent_poll(kq, out) == 1 && out[0].ident == (uint64_t)pp[0] && out[0].filter == EVFILT_READ
		    && out[0].data == 1;
		closed_ok &= lc_close(pp[0]) == 0;
		dropped &= sys_write(pp[1], "y", 1) == 1 && kevent_poll(kq, out) == 0;
		reused &= sys_pipe2(qq, 0) == 0 && qq[0] == pp[0];
		still_none &= sys_write(qq[1], "z", 1) == 1 && kevent_poll(kq, out) == 0;
		kq_closed &= lc_close(kq) == 0;
		ebadf &= kevent_poll(kq, out) == -EBADF;
		sys_close(pp[1]);
		sys_close((int)keep);
		sys_close(qq[0]);
		sys_close(qq[1]);
	}
	rt_expect_true("kqueue(), pipe, EV_SET(read end, EVFILT_READ, EV_ADD|EV_CLEAR) x3 = 0", armed);
	rt_expect_true("  a byte written: kevent returns the knote (ident, EVFILT_READ, data 1)", fired);
	rt_expect_true("close(read end) through the stub x3 = 0", closed_ok);
	rt_expect_true("  a byte written (a dup keeps the pipe open): kevent returns 0 events", dropped);
	rt_expect_true("  a new pipe's read end gets the closed descriptor's number", reused);
	rt_expect_true("  a byte written to it: kevent still returns 0 events", still_none);
	rt_expect_true("close(kq) through the stub x3 = 0", kq_closed);
	rt_expect_true("  kevent(kq) after the close is EBADF", ebadf);

	sys_unlink(slink);
	rt_rmtree(scratch);
}

static int blocking[2];
static volatile int alarms;

static void on_alarm(int sig)
{
	(void)sig;
	alarms++;
}

static void on_alarm_write(int sig)
{
	(void)sig;
	alarms++;
	sys_write(blocking[1], "r", 1);
}

static void alarm_in(long usec, void (*fn)(int), int flags)
{
	struct sigaction sa;
	struct itimerval it = { { 0, 0 }, { 0, usec } };
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = (void *)fn;
	sa.sa_flags = flags;
	sys_sigaction(SIGALRM, &sa, 0);
	SC3(NR_setitimer, ITIMER_REAL, &it, 0);
}

/* ---- kevent(2) waits through a libc-shaped site ---- */

long lc_kevent(long kq, const struct kevent *changes, long nchanges, struct kevent *events, long nevents,
    const struct timespec *timeout);

static long ref_kevent(long kq, const struct kevent *changes, long nchanges, struct kevent *events, long nevents,
    const struct timespec *timeout)
{
	return ref_syscall6(NR_kevent, kq, (long)changes, nchanges, (long)events, nevents, (long)timeout);
}

static struct kevent kev(long fd, int filter, int flags, unsigned long udata)
{
	struct kevent e;
	memset(&e, 0, sizeof e);
	e.ident = (uint64_t)fd;
	e.filter = (int16_t)filter;
	e.flags = (uint16_t)flags;
	e.udata = (void *)udata;
	return e;
}

/* A wait with no changes, through the stub site or (ref) the reference, into an eventlist of n
 * entries filled with 0xAA first. */
static long kwait(int ref, long kq, struct kevent *ev, int n, const struct timespec *ts)
{
	memset(ev, 0xAA, n * sizeof *ev);
	return ref ? ref_kevent(kq, 0, 0, ev, n, ts) : lc_kevent(kq, 0, 0, ev, n, ts);
}

/* entries [from, to) still hold the 0xAA kwait filled them with */
static int untouched(const struct kevent *ev, int from, int to)
{
	const unsigned char *p = (const unsigned char *)&ev[from];
	for (size_t i = 0; i < (size_t)(to - from) * sizeof *ev; i++)
		if (p[i] != 0xAA)
			return 0;
	return 1;
}

/* e is knote (fd, filter)'s event: these flags, fflags 0, this udata, ext[] 0 */
static int is_event(const struct kevent *e, long fd, int filter, int flags, unsigned long udata)
{
	return e->ident == (uint64_t)fd && e->filter == filter && e->flags == flags && e->fflags == 0
	    && (unsigned long)e->udata == udata && rt_allzero(e->ext, sizeof e->ext);
}

/* ev[0..1] are sv0's READ event (data 4, udata 0x3333) and its WRITE event (udata 0x4444), once each */
static int read_and_write(const struct kevent *ev, long sv0)
{
	int r = 0, w = 0;
	for (int i = 0; i < 2; i++) {
		r += is_event(&ev[i], sv0, EVFILT_READ, 0, 0x3333) && ev[i].data == 4;
		w += is_event(&ev[i], sv0, EVFILT_WRITE, 0, 0x4444);
	}
	return r == 1 && w == 1;
}

static long elapsed_ns(const struct timespec *a, const struct timespec *b)
{
	return (b->tv_sec - a->tv_sec) * 1000000000L + (b->tv_nsec - a->tv_nsec);
}

/*
 * kevent waits with no changes through lc_kevent, a libc-shaped site: its first call stops at
 * the supervisor, later ones run in the site's stub under --intercept=fastpath while the
 * process has one kqueue whose knotes are all READ/WRITE knotes on descriptors (calls with
 * changes, nevents < 2, or with a second kqueue go to the supervisor from the same site).
 * Registrations go through the stub site or the reference site. Only the returned events are
 * written (kevent_copyout of the nkev collected), through either site.
 */
static void kevent_waits(void)
{
	static const struct timespec zero = { 0, 0 }, ms = { 0, 1000000 }, badns = { 0, 1000000000 }, negs = { -1, 0 },
	    two = { 2, 0 };
	const unsigned long ud = 0x5eedc0de12345678UL;
	struct kevent ch, chs[2], ev[8];
	struct timespec t0, t1;
	int a[2], b[2], c[2], sv[2];
	long n;

	/* 1. a pipe's read end, EV_CLEAR */
	long kq = SC0(NR_kqueue);
	rt_expect_true("kqueue() (the process's only one) and pipe2(a, 0)", kq >= 0 && sys_pipe2(a, 0) == 0);
	ch = kev(a[0], EVFILT_READ, EV_ADD | EV_CLEAR, ud);
	rt_expect_ret("kevent(kq, {a[0], EVFILT_READ, EV_ADD|EV_CLEAR, udata 0x5eedc0de12345678}, 1, NULL, 0, NULL) through the stub site",
	    lc_kevent(kq, &ch, 1, 0, 0, 0), 0);
	int none = 1;
	for (int i = 0; i < 3; i++)
		none &= kwait(0, kq, ev, 2, &zero) == 0 && untouched(ev, 0, 2);
	rt_expect_true("kevent(kq, NULL, 0, ev, 2, {0, 0}) x3 through the stub, nothing written = 0, ev[] untouched", none);
	rt_expect_ret("write(a[1], \"abc\", 3)", sys_write(a[1], "abc", 3), 3);
	rt_expect_ret("kevent(kq, NULL, 0, ev, 2, {0, 0}) through the stub", kwait(0, kq, ev, 2, &zero), 1);
	rt_expect_true("  ev[0].ident is a[0]", ev[0].ident == (uint64_t)a[0]);
	rt_expect_eq("  ev[0].filter (EVFILT_READ)", ev[0].filter, EVFILT_READ);
	rt_expect_hex("  ev[0].flags (EV_CLEAR kept, EV_ADD not reported)", ev[0].flags, EV_CLEAR);
	rt_expect_eq("  ev[0].fflags", ev[0].fflags, 0);
	rt_expect_eq("  ev[0].data (bytes readable)", ev[0].data, 3);
	rt_expect_true("  ev[0].udata is the registered 0x5eedc0de12345678", (unsigned long)ev[0].udata == ud);
	rt_expect_true("  ev[0].ext[0..3] are 0", rt_allzero(ev[0].ext, sizeof ev[0].ext));
	none = 1;
	for (int i = 0; i < 3; i++)
		none &= kwait(0, kq, ev, 2, &zero) == 0;
	rt_expect_true("  EV_CLEAR, nothing new written: kevent x3 through the stub = 0", none);
	sys_write(a[1], "de", 2);
	n = kwait(0, kq, ev, 2, &zero);
	rt_expect_true("write(a[1], \"de\", 2): kevent through the stub = 1, the same event with data 5 (all bytes readable)",
	    n == 1 && is_event(&ev[0], a[0], EVFILT_READ, EV_CLEAR, ud) && ev[0].data == 5);
	sys_write(a[1], "f", 1);
	n = kwait(0, kq, ev, 8, &zero);
	rt_expect_true("write(a[1], \"f\", 1): kevent(kq, NULL, 0, ev, 8, {0, 0}) through the stub = 1, data 6, ev[1..7] keep their bytes",
	    n == 1 && is_event(&ev[0], a[0], EVFILT_READ, EV_CLEAR, ud) && ev[0].data == 6 && untouched(ev, 1, 8));
	sys_write(a[1], "g", 1);
	n = kwait(1, kq, ev, 8, &zero);
	rt_expect_true("write(a[1], \"g\", 1): kevent(kq, NULL, 0, ev, 8, {0, 0}) from a site never rewritten = 1, data 7",
	    n == 1 && is_event(&ev[0], a[0], EVFILT_READ, EV_CLEAR, ud) && ev[0].data == 7);
	rt_expect_true("  ev[1..7] keep their bytes (only the returned events are copied out)", untouched(ev, 1, 8));
	rt_expect_ret("  then through the stub (EV_CLEAR)", kwait(0, kq, ev, 2, &zero), 0);

	/* timeouts */
	int slept = 1;
	for (int i = 0; i < 3; i++) {
		sys_clock_gettime(CLOCK_MONOTONIC, &t0);
		n = kwait(0, kq, ev, 2, &ms);
		sys_clock_gettime(CLOCK_MONOTONIC, &t1);
		slept &= n == 0 && elapsed_ns(&t0, &t1) >= 1000000 && untouched(ev, 0, 2);
	}
	rt_expect_true("kevent(kq, NULL, 0, ev, 2, {0, 1 ms}) x3 through the stub, nothing ready = 0 after at least 1 ms", slept);
	sys_write(a[1], "h", 1);
	int einval = 1;
	for (int i = 0; i < 3; i++) {
		einval &= kwait(0, kq, ev, 2, &badns) == -EINVAL && untouched(ev, 0, 2);
		einval &= kwait(0, kq, ev, 2, &negs) == -EINVAL && untouched(ev, 0, 2);
	}
	rt_expect_true("write(a[1], \"h\", 1): kevent(..., {0, 1000000000}) and (..., {-1, 0}) x3 through the stub: EINVAL, nothing written",
	    einval);
	rt_expect_true("  the same from a site never rewritten",
	    kwait(1, kq, ev, 2, &badns) == -EINVAL && kwait(1, kq, ev, 2, &negs) == -EINVAL && untouched(ev, 0, 2));
	n = kwait(0, kq, ev, 2, &zero);
	rt_expect_true("  the event waited: kevent(kq, NULL, 0, ev, 2, {0, 0}) through the stub = 1, data 8",
	    n == 1 && is_event(&ev[0], a[0], EVFILT_READ, EV_CLEAR, ud) && ev[0].data == 8);
	int before = alarms;
	alarm_in(100000, on_alarm, SA_RESTART);
	rt_expect_ret("kevent(kq, NULL, 0, ev, 2, {2, 0}) through the stub, interrupted by SIGALRM (SA_RESTART)",
	    kwait(0, kq, ev, 2, &two), -EINTR);
	rt_expect_true("  the handler ran once, and the wait was not restarted", alarms == before + 1);

	/* 2. a WRITE knote on another pipe's write end */
	rt_expect_ret("pipe2(b, 0)", sys_pipe2(b, 0), 0);
	ch = kev(b[1], EVFILT_WRITE, EV_ADD | EV_CLEAR, 0x77);
	rt_expect_ret("kevent(kq, {b[1], EVFILT_WRITE, EV_ADD|EV_CLEAR, udata 0x77}, 1, NULL, 0, NULL) from a site never rewritten",
	    ref_kevent(kq, &ch, 1, 0, 0, 0), 0);
	n = kwait(0, kq, ev, 2, &zero);
	rt_expect_true("kevent(kq, NULL, 0, ev, 2, {0, 0}) through the stub: one event, b[1]'s WRITE event",
	    n == 1 && ev[0].ident == (uint64_t)b[1] && ev[0].filter == EVFILT_WRITE);
	rt_expect_true("  flags EV_CLEAR, fflags 0, udata 0x77, ext[] 0", is_event(&ev[0], b[1], EVFILT_WRITE, EV_CLEAR, 0x77));
	none = 1;
	for (int i = 0; i < 3; i++)
		none &= kwait(0, kq, ev, 2, &zero) == 0;
	rt_expect_true("  EV_CLEAR, nothing done to b: kevent x3 through the stub = 0", none);
	ch.flags = EV_DELETE;
	rt_expect_ret("kevent(kq, {b[1], EVFILT_WRITE, EV_DELETE}, 1, NULL, 0, NULL) through the stub site",
	    lc_kevent(kq, &ch, 1, 0, 0, 0), 0);
	sys_close(b[0]);
	sys_close(b[1]);

	/* 3. end of file */
	rt_expect_ret("close(a[1]) through the stub, 8 bytes unread", lc_close(a[1]), 0);
	rt_expect_ret("kevent(kq, NULL, 0, ev, 2, {0, 0}) through the stub", kwait(0, kq, ev, 2, &zero), 1);
	rt_expect_true("  a[0]'s READ event: fflags 0, udata 0x5eedc0de12345678, ext[] 0",
	    is_event(&ev[0], a[0], EVFILT_READ, ev[0].flags, ud));
	rt_expect_hex("  ev[0].flags (EV_CLEAR|EV_EOF)", ev[0].flags, EV_CLEAR | EV_EOF);
	rt_expect_eq("  ev[0].data (bytes still unread)", ev[0].data, 8);
	rt_expect_ret("  again, nothing read: kevent through the stub", kwait(0, kq, ev, 2, &zero), 0);

	/* 4. both filters of one socketpair end, level-triggered */
	rt_expect_ret("socketpair(AF_UNIX, SOCK_STREAM, 0, sv)", sys_socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
	chs[0] = kev(sv[0], EVFILT_READ, EV_ADD, 0x3333);
	chs[1] = kev(sv[0], EVFILT_WRITE, EV_ADD, 0x4444);
	rt_expect_ret("kevent(kq, {sv[0] EVFILT_READ udata 0x3333, sv[0] EVFILT_WRITE udata 0x4444; EV_ADD}, 2, NULL, 0, NULL) through the stub site",
	    lc_kevent(kq, chs, 2, 0, 0, 0), 0);
	none = 1;
	for (int i = 0; i < 3; i++)
		none &= kwait(0, kq, ev, 2, &zero) == 1 && is_event(&ev[0], sv[0], EVFILT_WRITE, 0, 0x4444);
	rt_expect_true("kevent(kq, NULL, 0, ev, 2, {0, 0}) x3 through the stub, nothing sent = 1: the WRITE event (flags 0, udata 0x4444)",
	    none);
	rt_expect_ret("write(sv[1], \"wxyz\", 4)", sys_write(sv[1], "wxyz", 4), 4);
	int both = 1;
	for (int i = 0; i < 3; i++)
		both &= kwait(0, kq, ev, 2, &zero) == 2 && read_and_write(ev, sv[0]);
	rt_expect_true("kevent(kq, NULL, 0, ev, 2, {0, 0}) x3 through the stub = 2: READ (data 4, udata 0x3333) and WRITE (udata 0x4444), each once",
	    both);
	n = kwait(1, kq, ev, 8, &zero);
	rt_expect_true("  kevent(kq, NULL, 0, ev, 8, {0, 0}) from a site never rewritten: the same 2, ev[2..7] keep their bytes",
	    n == 2 && read_and_write(ev, sv[0]) && untouched(ev, 2, 8));
	n = kwait(0, kq, ev, 1, &zero);
	rt_expect_true("  kevent(kq, NULL, 0, ev, 1, {0, 0}) through the stub site = 1: one of the two",
	    n == 1 && ((is_event(&ev[0], sv[0], EVFILT_READ, 0, 0x3333) && ev[0].data == 4)
	    || is_event(&ev[0], sv[0], EVFILT_WRITE, 0, 0x4444)));
	rt_expect_true("close(sv[0]) through the stub, close(sv[1])", lc_close(sv[0]) == 0 && sys_close(sv[1]) == 0);
	rt_expect_ret("  kevent through the stub: their knotes are gone", kwait(0, kq, ev, 2, &zero), 0);

	/* 5. a second kqueue in the process */
	long kq2 = SC0(NR_kqueue);
	ch = kev(0, EVFILT_READ, EV_ADD | EV_CLEAR, 0x5555);
	rt_expect_true("a second kqueue kq2; pipe2(c, 0); kevent(kq, {c[0], EVFILT_READ, EV_ADD|EV_CLEAR, udata 0x5555}, ...) through the stub site = 0",
	    kq2 >= 0 && sys_pipe2(c, 0) == 0 && (ch.ident = (uint64_t)c[0], lc_kevent(kq, &ch, 1, 0, 0, 0)) == 0);
	none = 1;
	for (int i = 0; i < 3; i++)
		none &= kwait(0, kq, ev, 2, &zero) == 0 && kwait(0, kq2, ev, 2, &zero) == 0 && untouched(ev, 0, 2);
	rt_expect_true("  kevent(kq, ...) and kevent(kq2, ...) x3 through the stub site, nothing written = 0", none);
	sys_write(c[1], "xy", 2);
	n = kwait(0, kq, ev, 2, &zero);
	rt_expect_true("write(c[1], \"xy\", 2): kevent(kq, NULL, 0, ev, 2, {0, 0}) through the stub site = 1: c[0]'s event, data 2",
	    n == 1 && is_event(&ev[0], c[0], EVFILT_READ, EV_CLEAR, 0x5555) && ev[0].data == 2);
	rt_expect_ret("  again (EV_CLEAR)", kwait(0, kq, ev, 2, &zero), 0);
	ch = kev(c[0], EVFILT_READ, EV_ADD, 0x6666);
	rt_expect_ret("kevent(kq2, {c[0], EVFILT_READ, EV_ADD, udata 0x6666}, 1, NULL, 0, NULL) through the stub site",
	    lc_kevent(kq2, &ch, 1, 0, 0, 0), 0);
	none = 1;
	for (int i = 0; i < 3; i++) {
		none &= kwait(0, kq2, ev, 2, &zero) == 1 && is_event(&ev[0], c[0], EVFILT_READ, 0, 0x6666) && ev[0].data == 2;
		none &= kwait(0, kq, ev, 2, &zero) == 0;
	}
	rt_expect_true("  kevent(kq2) x3 through the stub site = 1 (level-triggered, data 2); kevent(kq) = 0 each time", none);
	rt_expect_ret("close(kq2): one kqueue again", sys_close((int)kq2), 0);
	sys_write(c[1], "z", 1);
	n = kwait(0, kq, ev, 2, &zero);
	rt_expect_true("write(c[1], \"z\", 1): kevent(kq) through the stub = 1, data 3",
	    n == 1 && is_event(&ev[0], c[0], EVFILT_READ, EV_CLEAR, 0x5555) && ev[0].data == 3);
	rt_expect_ret("  again (EV_CLEAR)", kwait(0, kq, ev, 2, &zero), 0);

	sys_close(c[0]);
	sys_close(c[1]);
	sys_close(a[0]);
	sys_close((int)kq);
}

/* ---- getdirentries(2) through a libc-shaped site ---- */

long lc_getdirentries(long fd, void *buf, long nbytes, long *basep);

static const char ddir[] = "/tmp/xrun-tb-stubsites-scratch/dents";

/* The entries of ddir: each name is namlen copies of c ("." and ".." included), with its d_type. */
static const struct { int namlen; char c; int type; } dwant[] = {
	{ 1, '.', DT_DIR }, { 2, '.', DT_DIR }, { 1, 'a', DT_REG }, { 4, 'b', DT_DIR }, { 5, 'c', DT_LNK },
	{ 12, 'd', DT_REG }, { 200, 'e', DT_REG }, { 255, 'f', DT_REG },
};
#define NDWANT ((int)(sizeof dwant / sizeof dwant[0]))
#define DIRSIZ(namlen) ((24 + (namlen) + 1 + 7) & ~7)   /* sys/sys/dirent.h GENERIC_DIRSIZ */
#define DBUF 4096
#define NOBASE 0x5a5a5a5a5a5a5a5aL                      /* *basep before a call */

/* ddir's entry i as a path */
static const char *dpath(int i)
{
	static char p[sizeof ddir + 1 + 256];
	rt_strcpy(p, ddir);
	rt_strcat(p, "/");
	size_t n = rt_strlen(p);
	memset(p + n, dwant[i].c, dwant[i].namlen);
	p[n + dwant[i].namlen] = 0;
	return p;
}

/* getdirentries through the stub site, or (ref) through the site never rewritten */
static long dents(int ref, long fd, void *buf, long nbytes, long *basep)
{
	return ref ? ref_syscall(NR_getdirentries, fd, (long)buf, nbytes, (long)basep)
	    : lc_getdirentries(fd, buf, nbytes, basep);
}

static int all_aa(const unsigned char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i] != 0xAA)
			return 0;
	return 1;
}

/* What the records returned say, call after call. */
struct dscan {
	int records;
	int wellformed;   /* d_reclen GENERIC_DIRSIZ(d_namlen), d_pad0 and d_pad1 0, a name of d_namlen
	                   * bytes without NUL, NUL bytes to the record's end, records filling the count */
	int unknown;      /* records that are none of dwant[] (name or d_type) */
	unsigned seen, twice;
	int maxname;
	long last_off;    /* d_off of the last record */
};

static void dscan(struct dscan *s, const unsigned char *buf, long n)
{
	long off = 0;
	while (off < n) {
		const struct dirent *d = (const struct dirent *)(const void *)(buf + off);
		int nl, k = -1;
		if (off + 24 > n)
			goto bad;
		nl = d->d_namlen;
		if (nl < 1 || nl > 255 || d->d_reclen != DIRSIZ(nl) || off + d->d_reclen > n || d->d_pad0 != 0
		    || d->d_pad1 != 0 || !rt_allzero(d->d_name + nl, d->d_reclen - 24 - nl))
			goto bad;
		for (int i = 0; i < nl; i++)
			if (d->d_name[i] == 0)
				goto bad;
		for (int i = 0; i < NDWANT && k < 0; i++) {
			if (dwant[i].namlen != nl)
				continue;
			k = i;
			for (int j = 0; j < nl; j++)
				if (d->d_name[j] != dwant[i].c)
					k = -1;
		}
		if (k < 0 || d->d_type != dwant[k].type)
			s->unknown++;
		else {
			if (s->seen & (1u << k))
				s->twice |= 1u << k;
			s->seen |= 1u << k;
		}
		if (nl > s->maxname)
			s->maxname = nl;
		s->last_off = d->d_off;
		s->records++;
		off += d->d_reclen;
	}
	return;
bad:
	s->wellformed = 0;
}

/* ddir read to its end (or to an error) with buffers of nbytes, through both sites side by side. */
struct dread {
	long fd[2];        /* the stub site's descriptor, the reference's; at ddir's end after */
	int calls;         /* the last (0 or an error) included */
	long first, last;  /* the stub site's first and last results */
	int same;          /* every call: the same result, *basep and bytes from both sites */
	int chained;       /* *basep 0 first, then the previous call's last d_off (the offset reached) */
	int ref_tail;      /* the reference site left the bytes past its count as filled */
	int err_untouched; /* a failing call left the buffer and *basep as they were, on both sites */
	long total, most;  /* bytes returned in all, the most in one call */
	struct dscan s;
	long base[16], len[16];
	unsigned char all[1024];  /* the stub site's records, call after call */
};

static unsigned char dbuf[2][DBUF];

static void dread(long nbytes, struct dread *r)
{
	long prev_off = 0;
	memset(r, 0, sizeof *r);
	r->same = r->chained = r->ref_tail = r->err_untouched = r->s.wellformed = 1;
	r->fd[0] = sys_open(ddir, O_RDONLY | O_DIRECTORY, 0);
	r->fd[1] = sys_open(ddir, O_RDONLY | O_DIRECTORY, 0);
	for (int i = 0; i < 16; i++) {
		long got[2], base[2];
		for (int k = 0; k < 2; k++) {
			memset(dbuf[k], 0xAA, sizeof dbuf[k]);
			base[k] = NOBASE;
			got[k] = dents(k, r->fd[k], dbuf[k], nbytes, &base[k]);
		}
		r->calls++;
		r->last = got[0];
		if (i == 0)
			r->first = got[0];
		r->same &= got[0] == got[1] && base[0] == base[1] && (got[0] <= 0 || memcmp(dbuf[0], dbuf[1], got[0]) == 0);
		if (got[1] >= 0)
			r->ref_tail &= all_aa(dbuf[1] + got[1], sizeof dbuf[1] - got[1]);
		for (int k = 0; k < 2; k++)
			if (got[k] < 0)
				r->err_untouched &= all_aa(dbuf[k], sizeof dbuf[k]) && base[k] == NOBASE;
		if (got[0] < 0)
			break;
		r->chained &= base[0] == prev_off;
		if (got[0] == 0)
			break;
		dscan(&r->s, dbuf[0], got[0]);
		prev_off = r->s.last_off;
		r->base[i] = base[0];
		r->len[i] = got[0];
		if (got[0] > r->most)
			r->most = got[0];
		if (r->total + got[0] <= (long)sizeof r->all)
			memcpy(r->all + r->total, dbuf[0], got[0]);
		r->total += got[0];
	}
}

/* every entry of ddir once, nothing else */
static int all_once(const struct dscan *s)
{
	return s->seen == (1u << NDWANT) - 1 && s->twice == 0 && s->unknown == 0 && s->records == NDWANT;
}

/*
 * getdirentries through lc_getdirentries, a libc-shaped site (its first call stops at the
 * supervisor, later ones run in the site's stub under --intercept=fastpath), each answer
 * compared with the reference site's: result, *basep, and the records byte for byte. Only
 * stable facts are printed: counts, errnos, which entries came back, never d_fileno or d_off.
 * The reference site's bytes past the count are checked untouched; the stub site's are not:
 * xrun's stub has getdents64 write Linux's records into the tail of the buffer (up to
 * min(nbytes, 32 KiB)) and converts them forward from its start, which FreeBSD never does.
 */
static void dirents(void)
{
	static struct dread r4, r5, r6;
	long base, got;
	int ok = 1;

	rt_rmtree(scratch);
	ok &= sys_mkdir(scratch, 0700) == 0 && sys_mkdir(ddir, 0700) == 0;
	for (int i = 2; i < NDWANT; i++) {
		const char *p = dpath(i);
		if (dwant[i].type == DT_DIR)
			ok &= sys_mkdir(p, 0700) == 0;
		else if (dwant[i].type == DT_LNK)
			ok &= SC2(NR_symlink, "a", p) == 0;
		else {
			long fd = sys_open(p, O_WRONLY | O_CREAT | O_EXCL, 0600);
			ok &= fd >= 0 && sys_close((int)fd) == 0;
		}
	}
	rt_expect_true("mkdir(dents); in it a, bbbb/, ccccc -> a, and files named 12 d, 200 e and 255 f", ok);

	/* 4096 bytes: every record at once (GENERIC_DIRSIZ: 5 x 32 + 40 + 232 + 280 = 712), then 0 */
	dread(DBUF, &r4);
	rt_expect_ret("getdirentries(dents, buf, 4096, &base) through the stub", r4.first, 712);
	rt_expect_ret("  again: the end", r4.last, 0);
	rt_expect_eq("  calls", r4.calls, 2);
	rt_expect_true("  each call the same result, *basep and bytes as from a site never rewritten", r4.same);
	rt_expect_eq("  records", r4.s.records, NDWANT);
	rt_expect_true("  every record: d_reclen GENERIC_DIRSIZ(d_namlen), d_pad0 and d_pad1 0, the name then NULs to its end",
	    r4.s.wellformed);
	rt_expect_true("  . .. a bbbb ccccc dddddddddddd e*200 f*255 once each, d_type DIR DIR REG DIR LNK REG REG REG",
	    all_once(&r4.s));
	rt_expect_true("  *basep 0, then the first call's last d_off", r4.chained);
	rt_expect_true("  a site never rewritten leaves the bytes past the count as they were", r4.ref_tail);

	/* 512 bytes: several calls until 0 */
	dread(512, &r5);
	rt_expect_true("getdirentries(dents, buf, 512, &base) through the stub until 0: each call the same result, *basep and bytes as from a site never rewritten",
	    r5.same);
	rt_expect_ret("  the last call", r5.last, 0);
	rt_expect_true("  more than one call returned records, none more than 512 bytes", r5.calls > 2 && r5.most <= 512);
	rt_expect_eq("  bytes in all", r5.total, 712);
	rt_expect_true("  the records well-formed, every entry once with its d_type", r5.s.wellformed && all_once(&r5.s));
	rt_expect_true("  the records are the 4096-byte call's, byte for byte",
	    r5.total == r4.total && memcmp(r5.all, r4.all, 712) == 0);
	rt_expect_true("  *basep 0, then each time the previous call's last d_off", r5.chained);
	rt_expect_true("  a site never rewritten leaves the bytes past the count as they were", r5.ref_tail);
	int again = 1;
	for (int i = 0; i < 3; i++) {
		for (int k = 0; k < 2; k++) {
			memset(dbuf[k], 0xAA, sizeof dbuf[k]);
			base = NOBASE;
			again &= sys_lseek((int)r5.fd[k], r5.base[1], SEEK_SET) == r5.base[1];
			got = dents(k, r5.fd[k], dbuf[k], 512, &base);
			again &= got == r5.len[1] && base == r5.base[1] && memcmp(dbuf[k], r5.all + r5.len[0], got) == 0;
		}
	}
	rt_expect_true("  lseek(fd, the second call's *basep, SEEK_SET): the next call returns its records again, x3 through the stub and from a site never rewritten",
	    again);

	/* 64 bytes: the short names fit, the 200- and 255-byte ones (232 and 280 bytes) never do */
	dread(64, &r6);
	rt_expect_true("getdirentries(dents, buf, 64, &base) through the stub until it fails: each call the same result, *basep and bytes as from a site never rewritten",
	    r6.same);
	rt_expect_ret("  the last call (the next record is larger than 64 bytes)", r6.last, -EINVAL);
	rt_expect_true("  the records before it (if any) well-formed, none with a name over 12 bytes, at most 64 bytes a call",
	    r6.s.wellformed && r6.s.unknown == 0 && r6.s.twice == 0 && r6.s.maxname <= 12 && r6.most <= 64);
	rt_expect_true("  the failing call wrote nothing, not even *basep, on both sites", r6.err_untouched);
	int einval = 1;
	for (int i = 0; i < 3; i++) {
		for (int k = 0; k < 2; k++) {
			memset(dbuf[k], 0xAA, sizeof dbuf[k]);
			base = NOBASE;
			einval &= dents(k, r6.fd[k], dbuf[k], 64, &base) == -EINVAL && all_aa(dbuf[k], sizeof dbuf[k]) && base == NOBASE;
		}
	}
	rt_expect_true("  again x3 through the stub and from a site never rewritten: EINVAL, nothing written", einval);
	/*
	 * FreeBSD's *basep here is the offset the failing call left, the last d_off (0 when the
	 * first record was already too large). Not checked: Linux's ext4 moves the offset to the
	 * cookie of the entry that did not fit even when nothing was returned, so after a failure
	 * at the start xrun's *basep is that cookie, not 0 (the same entry either way).
	 */
	long rbase[2];
	got = dents(0, r6.fd[0], dbuf[0], DBUF, &rbase[0]);
	long rgot = dents(1, r6.fd[1], dbuf[1], DBUF, &rbase[1]);
	rt_expect_true("  then with 4096 bytes, on both sites: the same, the rest of the 712 bytes",
	    got > 0 && got == 712 - r6.total && rgot == got && rbase[0] == rbase[1] && memcmp(dbuf[0], dbuf[1], got) == 0
	    && memcmp(dbuf[0], r4.all + r6.total, got) == 0);

	/* basep NULL (sys_getdirentries copies *basep out only when basep != NULL) */
	int nobase = 1;
	for (int i = 0; i < 3; i++) {
		for (int k = 0; k < 2; k++) {
			memset(dbuf[k], 0xAA, sizeof dbuf[k]);
			nobase &= sys_lseek((int)r4.fd[k], 0, SEEK_SET) == 0;
			nobase &= dents(k, r4.fd[k], dbuf[k], DBUF, 0) == 712 && memcmp(dbuf[k], r4.all, 712) == 0;
		}
	}
	rt_expect_true("lseek(fd, 0, SEEK_SET); getdirentries(dents, buf, 4096, NULL) x3 through the stub and from a site never rewritten: 712, the same records",
	    nobase);

	/* errors: nothing written (sys/kern/vfs_syscalls.c kern_getdirentries) */
	long ffd = sys_open(dpath(2), O_RDONLY, 0);
	int pp[2];
	rt_expect_true("open(dents/a, O_RDONLY), pipe2(p, 0)", ffd >= 0 && sys_pipe2(pp, 0) == 0);
	static const struct { const char *what; long fd, nbytes; int nobasep; long want; } errs[] = {
		{ "getdirentries(regular file, buf, 4096, &base)", -2, DBUF, 0, -EINVAL },
		{ "getdirentries(regular file, buf, 4096, NULL)", -2, DBUF, 1, -EINVAL },
		{ "getdirentries(pipe, buf, 4096, &base)", -3, DBUF, 0, -EINVAL },
		{ "getdirentries(77 (not open), buf, 4096, &base)", 77, DBUF, 0, -EBADF },
		{ "getdirentries(77 (not open), buf, 4096, NULL)", 77, DBUF, 1, -EBADF },
		{ "getdirentries(dents, buf, -1 (SIZE_MAX), &base)", -4, -1L, 0, -EINVAL },
		{ "getdirentries(dents, buf, LONG_MIN (2^63), &base)", -4, (long)(1UL << 63), 0, -EINVAL },
		{ "getdirentries(77 (not open), buf, -1, &base): the count first", 77, -1L, 0, -EINVAL },
	};
	for (size_t e = 0; e < sizeof errs / sizeof errs[0]; e++) {
		long fd = errs[e].fd == -2 ? ffd : errs[e].fd == -3 ? pp[0] : errs[e].fd == -4 ? r4.fd[0] : errs[e].fd;
		long res[4];
		int untouched = 1;
		for (int i = 0; i < 4; i++) {
			int k = i == 3;
			memset(dbuf[k], 0xAA, sizeof dbuf[k]);
			base = NOBASE;
			res[i] = dents(k, k ? (errs[e].fd == -4 ? r4.fd[1] : fd) : fd, dbuf[k], errs[e].nbytes, errs[e].nobasep ? 0 : &base);
			untouched &= all_aa(dbuf[k], sizeof dbuf[k]) && base == NOBASE;
		}
		rt_expect_ret(rt_desc("%s x3 through the stub", errs[e].what), res[0] == res[1] && res[1] == res[2] ? res[0] : 1000,
		    errs[e].want);
		rt_expect_true("  nothing written, and the same from a site never rewritten", untouched && res[3] == res[0]);
	}
	rt_expect_true("  the directory's offset unchanged: the next call through the stub returns all 712 bytes",
	    sys_lseek((int)r4.fd[0], 0, SEEK_SET) == 0 && sys_lseek((int)r4.fd[1], 0, SEEK_SET) == 0
	    && dents(0, r4.fd[0], dbuf[0], DBUF, &base) == 712 && base == 0);
	sys_close((int)ffd);
	sys_close(pp[0]);
	sys_close(pp[1]);
	struct dread *rs[] = { &r4, &r5, &r6 };
	for (int i = 0; i < 3; i++) {
		sys_close((int)rs[i]->fd[0]);
		sys_close((int)rs[i]->fd[1]);
	}
	rt_rmtree(scratch);
}

int main(void)
{
	int nb[2];
	char buf[8];
	long pid = sys_getpid();
	int same = 1, ebadf = 1, eagain = 1;

	for (int i = 0; i < 3; i++) {
		same &= lc_getpid() == pid;
		ebadf &= lc_write(-1, "x", 1) == -EBADF;
	}
	rt_expect_true("getpid() through the stub x3 is getpid()", same);
	rt_expect_true("write(-1, \"x\", 1) through the stub x3 is EBADF", ebadf);

	rt_expect_ret("pipe2(nb, O_NONBLOCK)", sys_pipe2(nb, O_NONBLOCK), 0);
	for (int i = 0; i < 3; i++)
		eagain &= lc_read(nb[0], buf, sizeof buf) == -EAGAIN;
	rt_expect_true("read(empty non-blocking pipe) x3 is EAGAIN", eagain);
	rt_expect_ret("write(pipe, \"ab\", 2)", lc_write(nb[1], "ab", 2), 2);
	rt_expect_ret("read(pipe, buf, 8)", lc_read(nb[0], buf, sizeof buf), 2);
	rt_expect_true("  read back \"ab\"", buf[0] == 'a' && buf[1] == 'b');

	rt_expect_ret("pipe2(blocking, 0)", sys_pipe2(blocking, 0), 0);
	alarm_in(100000, on_alarm, 0);
	rt_expect_ret("read(empty pipe) interrupted by SIGALRM (no SA_RESTART)", lc_read(blocking[0], buf, 1), -EINTR);
	rt_expect_eq("  handler ran", alarms, 1);
	alarm_in(100000, on_alarm_write, SA_RESTART);
	buf[0] = 0;
	rt_expect_ret("read(empty pipe) with an SA_RESTART handler that writes a byte", lc_read(blocking[0], buf, 1), 1);
	rt_expect_true("  the restarted read got the handler's byte", buf[0] == 'r' && alarms == 2);

	struct timespec ms = { 0, 1000000 }, neg = { -1, 0 }, badns = { 0, 1000000000 }, two = { 2, 0 }, rem = { 0, 0 };
	int slept = 1, woke = 1;
	unsigned int word = 0;
	for (int i = 0; i < 3; i++) {
		slept &= lc_nanosleep(&ms, 0) == 0;
		woke &= lc_umtx_op(&word, UMTX_OP_WAKE_PRIVATE, 1, 0, 0) == 0;
	}
	rt_expect_true("nanosleep({0, 1 ms}, NULL) x3 = 0", slept);
	rt_expect_true("_umtx_op(&word, UMTX_OP_WAKE_PRIVATE, 1) x3 = 0 (no waiter)", woke);
	rt_expect_ret("_umtx_op(&word, UMTX_OP_WAKE_PRIVATE, 2^31)", lc_umtx_op(&word, UMTX_OP_WAKE_PRIVATE, 1UL << 31, 0, 0), 0);
	word = 5;
	int waited = 1;
	for (int i = 0; i < 3; i++)
		waited &= lc_umtx_keep(&word, UMTX_OP_WAIT_UINT_PRIVATE, 4, 24, 0) == 0;
	rt_expect_true("_umtx_op(&word = 5, UMTX_OP_WAIT_UINT_PRIVATE, 4, 24, NULL) x3 = 0, %rsi and %r10 kept", waited);
	rt_expect_ret("nanosleep({-1, 0}, NULL)", lc_nanosleep(&neg, 0), 0);
	rt_expect_ret("nanosleep({0, 1000000000}, NULL)", lc_nanosleep(&badns, 0), -EINVAL);
	alarm_in(100000, on_alarm, 0);
	rt_expect_ret("nanosleep({2, 0}, &rem) interrupted by SIGALRM", lc_nanosleep(&two, &rem), -EINTR);
	rt_expect_true("  rem holds the unslept time (1 s < rem <= 2 s)",
	    (rem.tv_sec == 1 && rem.tv_nsec > 0) || (rem.tv_sec == 2 && rem.tv_nsec == 0));
	rt_expect_eq("  handler ran", alarms, 3);

	rt_rmtree(scratch);
	rt_expect_ret("mkdir(scratch)", sys_mkdir(scratch, 0700), 0);
	long fd = lc_open_keep(file, O_WRONLY | O_CREAT | O_EXCL, 0600);
	rt_expect_true("open(f, O_WRONLY|O_CREAT|O_EXCL, 0600) is a descriptor, %rsi kept", fd >= 0);
	sys_close((int)fd);
	int exists = 1;
	for (int i = 0; i < 3; i++)
		exists &= lc_open_keep(file, O_WRONLY | O_CREAT | O_EXCL, 0600) == -EEXIST;
	rt_expect_true("open(f, O_WRONLY|O_CREAT|O_EXCL) again x3 is EEXIST, %rsi kept", exists);
	rt_expect_ret("open(f, O_RDONLY|O_DIRECTORY)", lc_open(file, O_RDONLY | O_DIRECTORY, 0), -ENOTDIR);
	fd = lc_open(scratch, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);
	rt_expect_true("open(scratch, O_RDONLY|O_DIRECTORY|O_CLOEXEC) is a descriptor", fd >= 0);
	rt_expect_ret("  fcntl(F_GETFD) is FD_CLOEXEC", sys_fcntl((int)fd, F_GETFD, 0), 1);
	sys_close((int)fd);
	fd = lc_open(file, O_WRONLY | O_APPEND, 0);
	rt_expect_true("open(f, O_WRONLY|O_APPEND) is a descriptor", fd >= 0);
	rt_expect_hex("  fcntl(F_GETFL) & (O_ACCMODE|O_APPEND)", sys_fcntl((int)fd, F_GETFL, 0) & (O_ACCMODE | O_APPEND),
	    O_WRONLY | O_APPEND);
	sys_close((int)fd);
	sys_unlink(file);
	sys_rmdir(scratch);

	stat_unlink_close();
	kevent_waits();
	dirents();

	long second = 0;
	long child = rt_syscall6x(NR_fork, 0, 0, 0, 0, 0, 0, &second);
	if (child >= 0 && second) {
		/* the child: its exit status says whether the copied sites still answer right */
		int ok = lc_getpid() == sys_getpid() && lc_getpid() != pid && lc_write(-1, "x", 1) == -EBADF;
		sys_exit(ok ? 7 : 8);
	}
	int status = 0;
	rt_expect_true("fork()", child > 0);
	rt_expect_true("wait4(child)", SC4(NR_wait4, child, &status, 0, 0) == child);
	rt_expect_eq("  child's status (7: its stub calls answered as its own)", (status >> 8) & 0xff, 7);

	rt_expect_ret("access(\"/\", F_OK)", lc_access("/", 0), 0);
	rt_expect_ret("access(\"/\", F_OK) again", lc_access("/", 0), 0);
	rt_expect_ret("cap_enter()", SC0(NR_cap_enter), 0);
	rt_expect_ret("access(\"/\", F_OK) in capability mode", lc_access("/", 0), -ECAPMODE);
	rt_expect_true("getpid() through the stub in capability mode", lc_getpid() == pid);
	return rt_finish();
}
