/*
 * stat - file status, current (ino64, 224-byte) and FreeBSD 11 (120-byte)
 * struct stat layouts.
 * Covers: fstat(551) fstatat(552) freebsd11_stat(188) freebsd11_fstat(189)
 *         freebsd11_lstat(190) freebsd11_fstatat(493), plus open, write,
 *         pipe2, mkdir, unlink, rmdir for the fixtures.
 * Expected results: stat(2) and fstatat(2) manual pages; layouts from
 * ztypes_freebsd_amd64.go (Stat_t, stat_freebsd11_t). fstatat and
 * freebsd11_fstatat accept AT_SYMLINK_NOFOLLOW, AT_RESOLVE_BENEATH and
 * AT_EMPTY_PATH, any other flag EINVAL (vfs_syscalls.c kern_statat).
 * xrun-covers: close exit freebsd11_fstat freebsd11_fstatat freebsd11_lstat
 * xrun-covers: freebsd11_stat fstat fstatat geteuid mkdir open pipe2 rmdir unlink
 * xrun-covers: write
 */
#include "rt.h"

#define DIR  "/tmp/xrun-tb-stat-scratch"
#define FILE DIR "/f"

#define CANARY 0xA5

/* A stat buffer followed by canary bytes, to catch writes past the end. */
static union { struct stat st; unsigned char raw[sizeof(struct stat) + 32]; } sb;
static union { struct freebsd11_stat st; unsigned char raw[sizeof(struct freebsd11_stat) + 32]; } ob;

static void arm(void)
{
	memset(&sb, CANARY, sizeof sb);
	memset(&ob, CANARY, sizeof ob);
}

static int canary_ok(const unsigned char *p, size_t n)
{
	while (n--)
		if (*p++ != CANARY)
			return 0;
	return 1;
}

int main(int argc, char **argv, char **envp)
{
	struct stat st1;
	long fd, dfd;
	int p[2];

	(void)argc; (void)argv; (void)envp;
	rt_rmtree(DIR);
	rt_expect_ret("mkdir(DIR, 0700)", sys_mkdir(DIR, 0700), 0);
	fd = sys_open(FILE, O_RDWR | O_CREAT | O_EXCL, 0600);
	rt_expect_ok("open(FILE, O_RDWR|O_CREAT|O_EXCL, 0600)", fd);
	rt_expect_ret("write(fd, \"12345\", 5)", sys_write((int)fd, "12345", 5), 5);

	/* fstat on a regular file */
	arm();
	rt_expect_ret("fstat(fd, &st)", sys_fstat((int)fd, &sb.st), 0);
	rt_expect_eq("  st_size", sb.st.st_size, 5);
	rt_expect_true("  S_ISREG(st_mode)", S_ISREG(sb.st.st_mode));
	rt_expect_oct("  st_mode & 07777", sb.st.st_mode & 07777, 0600);
	rt_expect_eq("  st_nlink", (long)sb.st.st_nlink, 1);
	rt_expect_true("  st_uid == geteuid()", sb.st.st_uid == (uint32_t)sys_geteuid());
	rt_expect_true("  st_ino != 0", sb.st.st_ino != 0);
	rt_expect_true("  st_blksize > 0", sb.st.st_blksize > 0);
	rt_expect_true("  st_mtim after 2020 with tv_nsec < 1e9",
	    sb.st.st_mtim.tv_sec > 1577836800 && sb.st.st_mtim.tv_nsec >= 0 &&
	    sb.st.st_mtim.tv_nsec < 1000000000);
	rt_expect_true("  nothing written past the 224-byte struct",
	    canary_ok(sb.raw + sizeof(struct stat), 32));
	st1 = sb.st;

	/* fstatat, with and without a directory descriptor */
	arm();
	rt_expect_ret("fstatat(AT_FDCWD, FILE, &st, 0)", sys_fstatat(AT_FDCWD, FILE, &sb.st, 0), 0);
	rt_expect_true("  same st_dev, st_ino, st_size, st_mtim as fstat",
	    sb.st.st_dev == st1.st_dev && sb.st.st_ino == st1.st_ino &&
	    sb.st.st_size == 5 && sb.st.st_mtim.tv_sec == st1.st_mtim.tv_sec &&
	    sb.st.st_mtim.tv_nsec == st1.st_mtim.tv_nsec);
	rt_expect_ret("fstatat(AT_FDCWD, FILE, &st, AT_SYMLINK_NOFOLLOW)",
	    sys_fstatat(AT_FDCWD, FILE, &sb.st, AT_SYMLINK_NOFOLLOW), 0);
	rt_expect_true("  S_ISREG(st_mode)", S_ISREG(sb.st.st_mode));
	dfd = sys_open(DIR, O_RDONLY | O_DIRECTORY, 0);
	rt_expect_ok("open(DIR, O_RDONLY|O_DIRECTORY)", dfd);
	rt_expect_ret("fstatat(dirfd, \"f\", &st, 0)", sys_fstatat((int)dfd, "f", &sb.st, 0), 0);
	rt_expect_true("  same st_ino as fstat", sb.st.st_ino == st1.st_ino);
	rt_expect_ret("fstat(dirfd, &st)", sys_fstat((int)dfd, &sb.st), 0);
	rt_expect_true("  S_ISDIR(st_mode)", S_ISDIR(sb.st.st_mode));
	rt_expect_oct("  st_mode & 07777", sb.st.st_mode & 07777, 0700);
	rt_expect_ret("fstatat(AT_FDCWD, \"/\", &st, 0)", sys_fstatat(AT_FDCWD, "/", &sb.st, 0), 0);
	rt_expect_true("  S_ISDIR(st_mode)", S_ISDIR(sb.st.st_mode));
	rt_expect_ret("fstatat(AT_FDCWD, \"/dev/null\", &st, 0)", sys_fstatat(AT_FDCWD, "/dev/null", &sb.st, 0), 0);
	rt_expect_true("  S_ISCHR(st_mode)", S_ISCHR(sb.st.st_mode));
	rt_expect_ret("pipe2(p, 0)", sys_pipe2(p, 0), 0);
	rt_expect_ret("fstat(p[0], &st)", sys_fstat(p[0], &sb.st), 0);
	rt_expect_true("  S_ISFIFO(st_mode)", S_ISFIFO(sb.st.st_mode));
	sys_close(p[0]);
	sys_close(p[1]);

	/* errors */
	rt_expect_ret("fstatat(AT_FDCWD, \"/nonexistent\", &st, 0)",
	    sys_fstatat(AT_FDCWD, "/nonexistent", &sb.st, 0), -ENOENT);
	rt_expect_ret("fstatat(AT_FDCWD, FILE \"/x\", &st, 0)",
	    sys_fstatat(AT_FDCWD, FILE "/x", &sb.st, 0), -ENOTDIR);
	rt_expect_ret("fstatat(filefd, \"x\", &st, 0)", sys_fstatat((int)fd, "x", &sb.st, 0), -ENOTDIR);
	rt_expect_ret("fstatat(999, \"f\", &st, 0)", sys_fstatat(999, "f", &sb.st, 0), -EBADF);
	rt_expect_ret("fstatat(AT_FDCWD, FILE, &st, 0x1)", sys_fstatat(AT_FDCWD, FILE, &sb.st, 0x1), -EINVAL);
	rt_expect_ret("fstatat(AT_FDCWD, FILE, &st, AT_REMOVEDIR)",
	    sys_fstatat(AT_FDCWD, FILE, &sb.st, AT_REMOVEDIR), -EINVAL);
	rt_expect_ret("fstatat(AT_FDCWD, FILE, &st, AT_EACCESS)",
	    sys_fstatat(AT_FDCWD, FILE, &sb.st, AT_EACCESS), -EINVAL);
	rt_expect_ret("fstatat(AT_FDCWD, FILE, &st, AT_SYMLINK_FOLLOW)",
	    sys_fstatat(AT_FDCWD, FILE, &sb.st, AT_SYMLINK_FOLLOW), -EINVAL);
	rt_expect_ret("fstat(999, &st)", sys_fstat(999, &sb.st), -EBADF);
	rt_expect_ret("fstat(fd, (void *)8)", sys_fstat((int)fd, (struct stat *)8), -EFAULT);
	rt_expect_ret("fstatat(AT_FDCWD, (char *)8, &st, 0)",
	    sys_fstatat(AT_FDCWD, (const char *)8, &sb.st, 0), -EFAULT);

	/* the FreeBSD 11 compatibility calls and their 120-byte struct */
	arm();
	rt_expect_ret("freebsd11_stat(FILE, &ost)", sys_freebsd11_stat(FILE, &ob.st), 0);
	rt_expect_eq("  st_size", ob.st.st_size, 5);
	rt_expect_true("  S_ISREG(st_mode)", S_ISREG(ob.st.st_mode));
	rt_expect_oct("  st_mode & 07777", ob.st.st_mode & 07777, 0600);
	rt_expect_eq("  st_nlink", ob.st.st_nlink, 1);
	rt_expect_true("  st_ino == (uint32_t)ino64 st_ino", ob.st.st_ino == (uint32_t)st1.st_ino);
	rt_expect_true("  st_mtim == ino64 st_mtim",
	    ob.st.st_mtim.tv_sec == st1.st_mtim.tv_sec && ob.st.st_mtim.tv_nsec == st1.st_mtim.tv_nsec);
	rt_expect_true("  st_blksize > 0", ob.st.st_blksize > 0);
	rt_expect_true("  nothing written past the 120-byte struct",
	    canary_ok(ob.raw + sizeof(struct freebsd11_stat), 32));
	arm();
	rt_expect_ret("freebsd11_lstat(FILE, &ost)", sys_freebsd11_lstat(FILE, &ob.st), 0);
	rt_expect_eq("  st_size", ob.st.st_size, 5);
	rt_expect_ret("freebsd11_fstat(fd, &ost)", sys_freebsd11_fstat((int)fd, &ob.st), 0);
	rt_expect_eq("  st_size", ob.st.st_size, 5);
	rt_expect_ret("freebsd11_fstatat(dirfd, \"f\", &ost, 0)", sys_freebsd11_fstatat((int)dfd, "f", &ob.st, 0), 0);
	rt_expect_eq("  st_size", ob.st.st_size, 5);
	rt_expect_ret("freebsd11_fstatat(AT_FDCWD, DIR, &ost, 0)",
	    sys_freebsd11_fstatat(AT_FDCWD, DIR, &ob.st, 0), 0);
	rt_expect_true("  S_ISDIR(st_mode)", S_ISDIR(ob.st.st_mode));
	rt_expect_ret("freebsd11_fstatat(AT_FDCWD, DIR, &ost, AT_REMOVEDIR)",
	    sys_freebsd11_fstatat(AT_FDCWD, DIR, &ob.st, AT_REMOVEDIR), -EINVAL);
	rt_expect_ret("freebsd11_lstat(\"/dev/null\", &ost)", sys_freebsd11_lstat("/dev/null", &ob.st), 0);
	rt_expect_true("  S_ISCHR(st_mode)", S_ISCHR(ob.st.st_mode));
	rt_expect_true("  nothing written past the 120-byte struct",
	    canary_ok(ob.raw + sizeof(struct freebsd11_stat), 32));
	rt_expect_ret("freebsd11_stat(\"/nonexistent\", &ost)", sys_freebsd11_stat("/nonexistent", &ob.st), -ENOENT);
	rt_expect_ret("freebsd11_fstat(999, &ost)", sys_freebsd11_fstat(999, &ob.st), -EBADF);
	rt_expect_ret("freebsd11_stat(FILE, (void *)8)", sys_freebsd11_stat(FILE, (struct freebsd11_stat *)8), -EFAULT);

	/* cleanup */
	sys_close((int)dfd);
	rt_expect_ret("close(fd)", sys_close((int)fd), 0);
	rt_expect_ret("unlink(FILE)", sys_unlink(FILE), 0);
	rt_expect_ret("rmdir(DIR)", sys_rmdir(DIR), 0);
	return rt_finish();
}
