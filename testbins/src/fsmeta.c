/*
 * fsmeta - file metadata and process identity calls that Linux has with the
 * same arguments and results.
 * Covers: link(9) symlink(57) linkat(495) symlinkat(502) chmod(15)
 *         fchmod(124) chown(16) fchown(123) lchown(254) fchownat(491)
 *         truncate(479) ftruncate(480) fsync(95) fdatasync(550) flock(131)
 *         umask(60) chroot(61) getpgrp(81) setpgid(82) getpgid(207)
 *         setsid(147) getsid(310) setuid(23) setgid(181) setreuid(126)
 *         setregid(127) setresuid(311) setresgid(312) getresuid(360)
 *         getresgid(361) getgroups(79) setgroups(80) mkfifo(132)
 *         mkfifoat(497) utimes(138) futimes(206) lutimes(276) futimens(546)
 *         utimensat(547) procctl(544) ptrace(26).
 * Expected results: the manual pages of those calls. Identity changes
 * only ever set the ids the process already has, which succeeds for any
 * user; chown/fchown keep the owner (-1 means "unchanged", chown(2));
 * setsid(2) makes the caller leader of a new session and process group,
 * and fails with EPERM when it already leads a group; flock(2) with
 * LOCK_EX|LOCK_NB on a second descriptor of a locked file is EWOULDBLOCK
 * (EAGAIN, 35); truncate(2) of a directory is EISDIR (21). getgroups(2):
 * the first entry is the effective gid (FreeBSD 14 cr_groups[0]), 0 asks
 * for the count, a short list or a negative count is EINVAL; setgroups(2) with the same list
 * succeeds for root and is EPERM otherwise. utimensat(2): UTIME_OMIT (-2)
 * leaves a time alone, UTIME_NOW (-1) sets the current time; a NULL path is
 * EFAULT. mkfifo(2) makes a FIFO (S_IFIFO 0010000) with the permission bits.
 * The AT_* flags each *at call accepts, any other bit EINVAL before the
 * lookup (vfs_syscalls.c): linkat AT_SYMLINK_FOLLOW, AT_RESOLVE_BENEATH,
 * AT_EMPTY_PATH (kern_linkat); fchownat and utimensat AT_SYMLINK_NOFOLLOW,
 * AT_RESOLVE_BENEATH, AT_EMPTY_PATH (kern_fchownat, kern_utimensat).
 * procctl(2): PROC_PDEATHSIG_CTL sets the parent-death signal of the caller
 * (P_PID, id 0 or getpid()), PROC_PDEATHSIG_STATUS reads it back, another
 * process or a bad signal is EINVAL; PROC_REAP_ACQUIRE/RELEASE succeed for
 * the caller. Under xrun a process's tracing is disabled, as after
 * procctl(PROC_TRACE_CTL, PROC_TRACE_CTL_DISABLE): PROC_TRACE_STATUS gives -1
 * and ptrace(2), PT_TRACE_ME included, fails with EPERM (sys_process.c).
 * xrun-covers: chdir chmod chown chroot close exit fchmod fchown fchownat fdatasync
 * xrun-covers: flock fstat fstatat fsync ftruncate futimens futimes getdirentries
 * xrun-covers: getegid geteuid getgid getgroups getpgid getpgrp getpid getresgid
 * xrun-covers: getresuid getsid getuid lchown link linkat lutimes mkdir mkfifo
 * xrun-covers: mkfifoat open procctl ptrace readlink rmdir setgid setgroups setpgid
 * xrun-covers: setregid setresgid setresuid setreuid setsid setuid symlink symlinkat
 * xrun-covers: truncate umask unlink utimensat utimes write
 */
#include "rt.h"

#define DIR "/tmp/xrun-tb-fsmeta-scratch"
#define NR_link 9
#define NR_chmod 15
#define NR_chown 16
#define NR_setuid 23
#define NR_symlink 57
#define NR_umask 60
#define NR_chroot 61
#define NR_getpgrp 81
#define NR_setpgid 82
#define NR_fsync 95
#define NR_fchown 123
#define NR_fchmod 124
#define NR_setreuid 126
#define NR_setregid 127
#define NR_flock 131
#define NR_setsid 147
#define NR_setgid 181
#define NR_getpgid 207
#define NR_lchown 254
#define NR_getsid 310
#define NR_setresuid 311
#define NR_setresgid 312
#define NR_getresuid 360
#define NR_getresgid 361
#define NR_truncate 479
#define NR_ftruncate 480
#define NR_fchownat 491
#define NR_linkat 495
#define NR_symlinkat 502
#define NR_fdatasync 550
#define NR_procctl 544
#define NR_ptrace 26
#define PROC_TRACE_STATUS 8
#define P_PID 0
#define PROC_REAP_ACQUIRE 2
#define PROC_REAP_RELEASE 3
#define PROC_PDEATHSIG_CTL 11
#define PROC_PDEATHSIG_STATUS 12
#define NR_getgroups 79
#define NR_setgroups 80
#define NR_mkfifo 132
#define NR_utimes 138
#define NR_futimes 206
#define NR_lutimes 276
#define NR_mkfifoat 497
#define NR_futimens 546
#define NR_utimensat 547
#define UTIME_NOW (-1)
#define UTIME_OMIT (-2)
#define LOCK_SH 1
#define LOCK_EX 2
#define LOCK_NB 4
#define LOCK_UN 8

static struct stat st;

static long mode_of(const char *p) { return sys_fstatat(AT_FDCWD, p, &st, AT_SYMLINK_NOFOLLOW) == 0 ? (st.st_mode & 07777) : -1; }

int main(int argc, char **argv, char **envp)
{
	char buf[64];
	(void)argc; (void)argv; (void)envp;
	rt_rmtree(DIR);
	sys_mkdir(DIR, 0755);
	rt_expect_ret("chdir(DIR)", sys_chdir(DIR), 0);

	rt_expect_ret("umask(022)", SC1(NR_umask, 022) >= 0 ? 0 : -1, 0);
	rt_expect_oct("umask(027) returns the previous mask", (unsigned long)SC1(NR_umask, 027), 022);
	long fd = sys_open("f", O_RDWR | O_CREAT, 0666);
	rt_expect_true("open(\"f\", O_CREAT, 0666) >= 0", fd >= 0);
	rt_expect_oct("  mode with umask 027", (unsigned long)mode_of("f"), 0640);
	SC1(NR_umask, 022);

	rt_expect_ret("chmod(\"f\", 0604)", SC2(NR_chmod, "f", 0604), 0);
	rt_expect_oct("  mode", (unsigned long)mode_of("f"), 0604);
	rt_expect_ret("fchmod(fd, 0600)", SC2(NR_fchmod, fd, 0600), 0);
	rt_expect_oct("  mode", (unsigned long)mode_of("f"), 0600);
	rt_expect_ret("chmod(\"missing\", 0600)", SC2(NR_chmod, "missing", 0600), -ENOENT);
	rt_expect_ret("chown(\"f\", -1, -1)", SC3(NR_chown, "f", -1, -1), 0);
	rt_expect_ret("fchown(fd, -1, -1)", SC3(NR_fchown, fd, -1, -1), 0);
	rt_expect_ret("fchown(99, -1, -1)", SC3(NR_fchown, 99, -1, -1), -EBADF);

	rt_expect_ret("link(\"f\", \"hard\")", SC2(NR_link, "f", "hard"), 0);
	sys_fstatat(AT_FDCWD, "f", &st, 0);
	rt_expect_eq("  st_nlink", (long)st.st_nlink, 2);
	rt_expect_ret("link(\"f\", \"hard\") again", SC2(NR_link, "f", "hard"), -EEXIST);
	rt_expect_ret("linkat(AT_FDCWD, \"hard\", AT_FDCWD, \"hard2\", 0)", SC5(NR_linkat, AT_FDCWD, "hard", AT_FDCWD, "hard2", 0), 0);
	rt_expect_ret("linkat(AT_FDCWD, \"hard\", AT_FDCWD, \"hard3\", AT_SYMLINK_NOFOLLOW)",
	    SC5(NR_linkat, AT_FDCWD, "hard", AT_FDCWD, "hard3", AT_SYMLINK_NOFOLLOW), -EINVAL);
	rt_expect_ret("linkat(AT_FDCWD, \"hard\", AT_FDCWD, \"hard3\", AT_REMOVEDIR)",
	    SC5(NR_linkat, AT_FDCWD, "hard", AT_FDCWD, "hard3", AT_REMOVEDIR), -EINVAL);
	rt_expect_ret("  fstatat(\"hard3\") (not made)", sys_fstatat(AT_FDCWD, "hard3", &st, 0), -ENOENT);
	rt_expect_ret("symlink(\"f\", \"sym\")", SC2(NR_symlink, "f", "sym"), 0);
	long n = sys_readlink("sym", buf, sizeof buf);
	buf[n > 0 ? n : 0] = 0;
	rt_expect_str("  readlink(\"sym\")", buf, "f");
	rt_expect_ret("symlinkat(\"hard\", AT_FDCWD, \"sym2\")", SC3(NR_symlinkat, "hard", AT_FDCWD, "sym2"), 0);
	rt_expect_ret("linkat(AT_FDCWD, \"sym\", AT_FDCWD, \"viasym\", AT_SYMLINK_FOLLOW)", SC5(NR_linkat, AT_FDCWD, "sym", AT_FDCWD, "viasym", AT_SYMLINK_FOLLOW), 0);
	sys_fstatat(AT_FDCWD, "viasym", &st, AT_SYMLINK_NOFOLLOW);
	rt_expect_true("  the link is to the file, not the symlink", (st.st_mode & 0170000) == 0100000);
	rt_expect_ret("lchown(\"sym\", -1, -1)", SC3(NR_lchown, "sym", -1, -1), 0);
	rt_expect_ret("fchownat(AT_FDCWD, \"sym\", -1, -1, AT_SYMLINK_NOFOLLOW)", SC5(NR_fchownat, AT_FDCWD, "sym", -1, -1, AT_SYMLINK_NOFOLLOW), 0);
	rt_expect_ret("fchownat(AT_FDCWD, \"f\", -1, -1, AT_REMOVEDIR)", SC5(NR_fchownat, AT_FDCWD, "f", -1, -1, AT_REMOVEDIR), -EINVAL);
	rt_expect_ret("fchownat(AT_FDCWD, \"f\", -1, -1, AT_EACCESS)", SC5(NR_fchownat, AT_FDCWD, "f", -1, -1, AT_EACCESS), -EINVAL);

	rt_expect_ret("ftruncate(fd, 1000)", SC2(NR_ftruncate, fd, 1000), 0);
	sys_fstat((int)fd, &st);
	rt_expect_eq("  st_size", st.st_size, 1000);
	rt_expect_ret("truncate(\"f\", 10)", SC2(NR_truncate, "f", 10), 0);
	sys_fstat((int)fd, &st);
	rt_expect_eq("  st_size", st.st_size, 10);
	rt_expect_ret("truncate(\".\", 0)", SC2(NR_truncate, ".", 0), -EISDIR);
	rt_expect_ret("ftruncate(fd, -1)", SC2(NR_ftruncate, fd, -1), -EINVAL);
	rt_expect_ret("fsync(fd)", SC1(NR_fsync, fd), 0);
	rt_expect_ret("fdatasync(fd)", SC1(NR_fdatasync, fd), 0);

	long fd2 = sys_open("f", O_RDONLY, 0);
	rt_expect_ret("flock(fd, LOCK_EX)", SC2(NR_flock, fd, LOCK_EX), 0);
	rt_expect_ret("flock(fd2, LOCK_SH|LOCK_NB) [locked]", SC2(NR_flock, fd2, LOCK_SH | LOCK_NB), -EAGAIN);
	rt_expect_ret("flock(fd, LOCK_UN)", SC2(NR_flock, fd, LOCK_UN), 0);
	rt_expect_ret("flock(fd2, LOCK_SH|LOCK_NB)", SC2(NR_flock, fd2, LOCK_SH | LOCK_NB), 0);
	sys_close((int)fd2);
	sys_close((int)fd);
	rt_expect_ret("chroot(\"/nonexistent\")", SC1(NR_chroot, "/nonexistent"), -ENOENT);

	/* process groups and sessions */
	long pid = sys_getpid();
	rt_expect_true("getpgid(0) == getpgrp()", SC1(NR_getpgid, 0) == SC0(NR_getpgrp));
	rt_expect_ret("setsid()", SC0(NR_setsid) == pid ? 0 : -1, 0);
	rt_expect_true("  getsid(0) == getpid()", SC1(NR_getsid, 0) == pid);
	rt_expect_true("  getpgrp() == getpid()", SC0(NR_getpgrp) == pid);
	rt_expect_ret("setsid() again [already a group leader]", SC0(NR_setsid), -EPERM);
	rt_expect_ret("setpgid(0, 0) [a session leader]", SC2(NR_setpgid, 0, 0), -EPERM);
	rt_expect_ret("getpgid(999999)", SC1(NR_getpgid, 999999), -ESRCH);
	rt_expect_ret("getsid(999999)", SC1(NR_getsid, 999999), -ESRCH);

	/* identities: set what we already have */
	long uid = sys_getuid(), gid = sys_getgid(), euid = sys_geteuid(), egid = sys_getegid();
	rt_expect_ret("setgid(getgid())", SC1(NR_setgid, gid), 0);
	rt_expect_ret("setuid(getuid())", SC1(NR_setuid, uid), 0);
	rt_expect_ret("setregid(-1, -1)", SC2(NR_setregid, -1, -1), 0);
	rt_expect_ret("setreuid(-1, -1)", SC2(NR_setreuid, -1, -1), 0);
	rt_expect_ret("setresgid(-1, getegid(), -1)", SC3(NR_setresgid, -1, egid, -1), 0);
	rt_expect_ret("setresuid(-1, geteuid(), -1)", SC3(NR_setresuid, -1, euid, -1), 0);
	uint32_t r = 7, e = 7, s = 7;
	rt_expect_ret("getresuid(&r, &e, &s)", SC3(NR_getresuid, &r, &e, &s), 0);
	rt_expect_true("  r, e == getuid(), geteuid()", r == (uint32_t)uid && e == (uint32_t)euid);
	rt_expect_ret("getresgid(&r, &e, &s)", SC3(NR_getresgid, &r, &e, &s), 0);
	rt_expect_true("  r, e == getgid(), getegid()", r == (uint32_t)gid && e == (uint32_t)egid);
	rt_expect_ret("getresuid(NULL, ...)", SC3(NR_getresuid, 0, &e, &s), -EFAULT);

	/* procctl */
	int dsig = SIGUSR1, got = -1;
	rt_expect_ret("procctl(P_PID, 0, PROC_PDEATHSIG_CTL, &SIGUSR1)", SC4(NR_procctl, P_PID, 0, PROC_PDEATHSIG_CTL, &dsig), 0);
	rt_expect_ret("procctl(P_PID, getpid(), PROC_PDEATHSIG_STATUS, &got)", SC4(NR_procctl, P_PID, pid, PROC_PDEATHSIG_STATUS, &got), 0);
	rt_expect_eq("  got", got, SIGUSR1);
	dsig = 0;
	rt_expect_ret("procctl(P_PID, 0, PROC_PDEATHSIG_CTL, &0)", SC4(NR_procctl, P_PID, 0, PROC_PDEATHSIG_CTL, &dsig), 0);
	dsig = 200;
	rt_expect_ret("procctl(P_PID, 0, PROC_PDEATHSIG_CTL, &200)", SC4(NR_procctl, P_PID, 0, PROC_PDEATHSIG_CTL, &dsig), -EINVAL);
	rt_expect_ret("procctl(P_PID, 1, PROC_PDEATHSIG_STATUS, &got) [not the caller]", SC4(NR_procctl, P_PID, 1, PROC_PDEATHSIG_STATUS, &got), -EINVAL);
	rt_expect_ret("procctl(P_PID, getpid(), PROC_REAP_ACQUIRE, NULL)", SC4(NR_procctl, P_PID, pid, PROC_REAP_ACQUIRE, 0), 0);
	int tstat = 0;
	rt_expect_ret("procctl(P_PID, getpid(), PROC_TRACE_STATUS, &tstat)", SC4(NR_procctl, P_PID, pid, PROC_TRACE_STATUS, &tstat), 0);
	rt_expect_eq("  tstat [-1: tracing disabled]", tstat, -1);
	rt_expect_ret("ptrace(PT_TRACE_ME, 0, NULL, 0) [tracing disabled]", SC4(NR_ptrace, 0, 0, 0, 0), -EPERM);
	rt_expect_ret("procctl(P_PID, getpid(), PROC_REAP_RELEASE, NULL)", SC4(NR_procctl, P_PID, pid, PROC_REAP_RELEASE, 0), 0);

	/* groups */
	uint32_t groups[1100];
	long ng = SC2(NR_getgroups, 0, 0);
	rt_expect_true("getgroups(0, NULL) >= 1", ng >= 1);
	rt_expect_ret("getgroups(n, groups) == n", SC2(NR_getgroups, ng, groups) == ng ? 0 : -1, 0);
	rt_expect_true("  groups[0] == getegid()", groups[0] == (uint32_t)egid);
	rt_expect_ret("getgroups(-1, groups)", SC2(NR_getgroups, -1, groups), -EINVAL);
	long sg = SC2(NR_setgroups, ng, groups);
	rt_expect_true("setgroups(n, same groups): 0 as root, else EPERM", euid == 0 ? sg == 0 : sg == -EPERM);
	rt_expect_ret("setgroups(2000, groups)", SC2(NR_setgroups, 2000, groups), -EINVAL);

	/* times */
	sys_chdir(DIR);
	struct timespec ts[2] = { { 1000000000, 5 }, { 1200000000, 7 } };
	rt_expect_ret("utimensat(AT_FDCWD, \"f\", {1e9 s, 1.2e9 s})", SC4(NR_utimensat, AT_FDCWD, "f", ts, 0), 0);
	sys_fstatat(AT_FDCWD, "f", &st, 0);
	rt_expect_true("  st_atim, st_mtim as set", st.st_atim.tv_sec == 1000000000 && st.st_atim.tv_nsec == 5
	    && st.st_mtim.tv_sec == 1200000000 && st.st_mtim.tv_nsec == 7);
	ts[0].tv_nsec = UTIME_OMIT;
	ts[1].tv_nsec = UTIME_NOW;
	rt_expect_ret("utimensat(AT_FDCWD, \"f\", {UTIME_OMIT, UTIME_NOW})", SC4(NR_utimensat, AT_FDCWD, "f", ts, 0), 0);
	sys_fstatat(AT_FDCWD, "f", &st, 0);
	rt_expect_true("  atime kept, mtime now", st.st_atim.tv_sec == 1000000000 && st.st_mtim.tv_sec > 1600000000);
	rt_expect_ret("utimensat(AT_FDCWD, NULL, ts, 0)", SC4(NR_utimensat, AT_FDCWD, 0, ts, 0), -EFAULT);
	rt_expect_ret("utimensat(AT_FDCWD, \"f\", ts, AT_EACCESS)", SC4(NR_utimensat, AT_FDCWD, "f", ts, AT_EACCESS), -EINVAL);
	rt_expect_ret("utimensat(AT_FDCWD, NULL, ts, AT_REMOVEDIR) [flags first]",
	    SC4(NR_utimensat, AT_FDCWD, 0, ts, AT_REMOVEDIR), -EINVAL);
	struct timeval tv[2] = { { 1300000000, 3 }, { 1400000000, 4 } };
	rt_expect_ret("utimes(\"f\", {1.3e9 s 3 us, 1.4e9 s 4 us})", SC2(NR_utimes, "f", tv), 0);
	sys_fstatat(AT_FDCWD, "f", &st, 0);
	rt_expect_true("  st_mtim = 1.4e9 s 4000 ns", st.st_mtim.tv_sec == 1400000000 && st.st_mtim.tv_nsec == 4000);
	long f3 = sys_open("f", O_RDONLY, 0);
	tv[1].tv_sec = 1500000000;
	rt_expect_ret("futimes(fd, {.., 1.5e9 s})", SC2(NR_futimes, f3, tv), 0);
	sys_fstat((int)f3, &st);
	rt_expect_eq("  st_mtim.tv_sec", st.st_mtim.tv_sec, 1500000000);
	ts[0].tv_sec = 1; ts[0].tv_nsec = 0; ts[1].tv_sec = 2; ts[1].tv_nsec = 0;
	rt_expect_ret("futimens(fd, {1 s, 2 s})", SC2(NR_futimens, f3, ts), 0);
	sys_fstat((int)f3, &st);
	rt_expect_eq("  st_mtim.tv_sec", st.st_mtim.tv_sec, 2);
	sys_close((int)f3);
	tv[1].tv_sec = 1600000000;
	rt_expect_ret("lutimes(\"sym\", ...)", SC2(NR_lutimes, "sym", tv), 0);
	sys_fstatat(AT_FDCWD, "sym", &st, AT_SYMLINK_NOFOLLOW);
	rt_expect_eq("  the link's own st_mtim.tv_sec", st.st_mtim.tv_sec, 1600000000);
	tv[0].tv_usec = 1000000;
	rt_expect_ret("futimes(0, {tv_usec 1000000})", SC2(NR_futimes, 0, tv), -EINVAL);

	/* FIFOs */
	rt_expect_ret("mkfifo(\"fifo\", 0640)", SC2(NR_mkfifo, "fifo", 0640), 0);
	sys_fstatat(AT_FDCWD, "fifo", &st, 0);
	rt_expect_oct("  st_mode", st.st_mode, 0010640);
	rt_expect_ret("mkfifoat(AT_FDCWD, \"fifo2\", 0100600) [type bits dropped]", SC3(NR_mkfifoat, AT_FDCWD, "fifo2", 0100600), 0);
	sys_fstatat(AT_FDCWD, "fifo2", &st, 0);
	rt_expect_oct("  st_mode", st.st_mode, 0010600);
	rt_expect_ret("mkfifo(\"fifo\", 0640) again", SC2(NR_mkfifo, "fifo", 0640), -EEXIST);

	sys_chdir("/");
	rt_rmtree(DIR);
	return rt_finish();
}
