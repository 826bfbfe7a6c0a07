/*
 * fileio - descriptors and plain file I/O.
 * Covers: open openat close read write pread pwrite readv writev lseek
 *         dup dup2 fcntl(F_GETFD/F_SETFD/F_GETFL/F_SETFL/F_DUPFD/
 *         F_DUPFD_CLOEXEC) pipe2 freebsd10_pipe mkdir rmdir unlink
 * Expected results: open(2) read(2) write(2) lseek(2) close(2) dup(2)
 * fcntl(2) pipe(2) manual pages; pipe flags from sys/kern/sys_pipe.c.
 * xrun-linux: yes
 * xrun-covers: close dup dup2 exit fcntl freebsd10_pipe lseek mkdir open openat pipe2
 * xrun-covers: pread pwrite read readv rmdir unlink write writev
 * xrun-oracle: no: F_GETFL shows O_LARGEFILE on Linux; FreeBSD reports only the access mode and status flags
 */
#include "rt.h"

#define DIR  "/tmp/xrun-tb-fileio-scratch"
#define FILE DIR "/a.txt"

int main(int argc, char **argv, char **envp)
{
	char buf[64], b1[8], b2[16];
	struct iovec iov[2];
	int p[2];
	long fd, fd2, r;

	(void)argc; (void)argv; (void)envp;
	rt_rmtree(DIR);
	rt_expect_ret("mkdir(DIR, 0755)", sys_mkdir(DIR, 0755), 0);

	/* creation, lowest-descriptor rule, exclusive create */
	fd = sys_open(FILE, O_WRONLY | O_CREAT | O_EXCL, 0644);
	rt_expect_ret("open(FILE, O_WRONLY|O_CREAT|O_EXCL, 0644)", fd, 3);
	rt_expect_ret("write(fd, \"hello\", 5)", sys_write((int)fd, "hello", 5), 5);
	rt_expect_ret("open(FILE, O_WRONLY|O_CREAT|O_EXCL, 0644) again",
	    sys_open(FILE, O_WRONLY | O_CREAT | O_EXCL, 0644), -EEXIST);
	rt_expect_ret("read(fd open O_WRONLY, buf, 1)", sys_read((int)fd, buf, 1), -EBADF);
	rt_expect_ret("close(fd)", sys_close((int)fd), 0);
	rt_expect_ret("close(fd) again", sys_close((int)fd), -EBADF);
	rt_expect_ret("close(999)", sys_close(999), -EBADF);
	rt_expect_ret("open(\"/nonexistent/xrun\", O_RDONLY)",
	    sys_open("/nonexistent/xrun", O_RDONLY, 0), -ENOENT);
	rt_expect_ret("open(DIR, O_WRONLY)", sys_open(DIR, O_WRONLY, 0), -EISDIR);
	rt_expect_ret("open(FILE \"/x\", O_RDONLY)", sys_open(FILE "/x", O_RDONLY, 0), -ENOTDIR);

	/* reading, seeking */
	fd = sys_open(FILE, O_RDWR, 0);
	rt_expect_ret("open(FILE, O_RDWR)", fd, 3);
	r = sys_read((int)fd, buf, sizeof buf);
	rt_expect_ret("read(fd, buf, 64)", r, 5);
	buf[r > 0 ? r : 0] = 0;
	rt_expect_str("  data", buf, "hello");
	rt_expect_ret("read(fd, buf, 64) at EOF", sys_read((int)fd, buf, sizeof buf), 0);
	rt_expect_ret("lseek(fd, 0, SEEK_SET)", sys_lseek((int)fd, 0, SEEK_SET), 0);
	rt_expect_ret("lseek(fd, 2, SEEK_CUR)", sys_lseek((int)fd, 2, SEEK_CUR), 2);
	r = sys_read((int)fd, buf, 3);
	rt_expect_ret("read(fd, buf, 3)", r, 3);
	buf[r > 0 ? r : 0] = 0;
	rt_expect_str("  data", buf, "llo");
	rt_expect_ret("lseek(fd, 0, SEEK_END)", sys_lseek((int)fd, 0, SEEK_END), 5);
	rt_expect_ret("lseek(fd, -10, SEEK_SET)", sys_lseek((int)fd, -10, SEEK_SET), -EINVAL);
	rt_expect_ret("lseek(fd, 0, 99)", sys_lseek((int)fd, 0, 99), -EINVAL);
	rt_expect_ret("lseek(999, 0, SEEK_SET)", sys_lseek(999, 0, SEEK_SET), -EBADF);

	/* positional I/O leaves the offset alone */
	rt_expect_ret("pwrite(fd, \"HE\", 2, 0)", sys_pwrite((int)fd, "HE", 2, 0), 2);
	r = sys_pread((int)fd, buf, 5, 0);
	rt_expect_ret("pread(fd, buf, 5, 0)", r, 5);
	buf[r > 0 ? r : 0] = 0;
	rt_expect_str("  data", buf, "HEllo");
	rt_expect_ret("lseek(fd, 0, SEEK_CUR)", sys_lseek((int)fd, 0, SEEK_CUR), 5);
	rt_expect_ret("pread(fd, buf, 5, -1)", sys_pread((int)fd, buf, 5, -1), -EINVAL);

	/* scatter/gather */
	iov[0].iov_base = " wo";
	iov[0].iov_len = 3;
	iov[1].iov_base = "rld";
	iov[1].iov_len = 3;
	rt_expect_ret("writev(fd, {\" wo\", \"rld\"}, 2)", sys_writev((int)fd, iov, 2), 6);
	rt_expect_ret("lseek(fd, 0, SEEK_SET)", sys_lseek((int)fd, 0, SEEK_SET), 0);
	memset(b1, 0, sizeof b1);
	memset(b2, 0, sizeof b2);
	iov[0].iov_base = b1;
	iov[0].iov_len = 4;
	iov[1].iov_base = b2;
	iov[1].iov_len = 15;
	rt_expect_ret("readv(fd, {4, 15}, 2)", sys_readv((int)fd, iov, 2), 11);
	rt_expect_str("  iov[0]", b1, "HEll");
	rt_expect_str("  iov[1]", b2, "o world");
	rt_expect_ret("readv(fd, iov, 1025) [> IOV_MAX]", sys_readv((int)fd, iov, 1025), -EINVAL);

	/* fcntl: status flags */
	rt_expect_ret("fcntl(fd, F_GETFL)", sys_fcntl((int)fd, F_GETFL, 0), O_RDWR);
	rt_expect_ret("fcntl(fd, F_SETFL, O_NONBLOCK)", sys_fcntl((int)fd, F_SETFL, O_NONBLOCK), 0);
	rt_expect_ret("fcntl(fd, F_GETFL)", sys_fcntl((int)fd, F_GETFL, 0), O_RDWR | O_NONBLOCK);
	rt_expect_ret("fcntl(fd, F_SETFL, O_APPEND)", sys_fcntl((int)fd, F_SETFL, O_APPEND), 0);
	rt_expect_ret("fcntl(fd, F_GETFL)", sys_fcntl((int)fd, F_GETFL, 0), O_RDWR | O_APPEND);
	rt_expect_ret("write(fd, \"!\", 1) with O_APPEND", sys_write((int)fd, "!", 1), 1);
	rt_expect_ret("lseek(fd, 0, SEEK_CUR)", sys_lseek((int)fd, 0, SEEK_CUR), 12);
	rt_expect_ret("fcntl(fd, F_SETFL, 0)", sys_fcntl((int)fd, F_SETFL, 0), 0);

	/* fcntl: descriptor flags and duplication */
	rt_expect_ret("fcntl(fd, F_GETFD)", sys_fcntl((int)fd, F_GETFD, 0), 0);
	rt_expect_ret("fcntl(fd, F_SETFD, FD_CLOEXEC)", sys_fcntl((int)fd, F_SETFD, FD_CLOEXEC), 0);
	rt_expect_ret("fcntl(fd, F_GETFD)", sys_fcntl((int)fd, F_GETFD, 0), FD_CLOEXEC);
	rt_expect_ret("fcntl(fd, F_DUPFD, 40)", sys_fcntl((int)fd, F_DUPFD, 40), 40);
	rt_expect_ret("fcntl(40, F_GETFD)", sys_fcntl(40, F_GETFD, 0), 0);
	rt_expect_ret("fcntl(fd, F_DUPFD_CLOEXEC, 50)", sys_fcntl((int)fd, F_DUPFD_CLOEXEC, 50), 50);
	rt_expect_ret("fcntl(50, F_GETFD)", sys_fcntl(50, F_GETFD, 0), FD_CLOEXEC);
	rt_expect_ret("fcntl(fd, F_DUPFD, -1)", sys_fcntl((int)fd, F_DUPFD, -1), -EINVAL);
	rt_expect_ret("fcntl(999, F_GETFD)", sys_fcntl(999, F_GETFD, 0), -EBADF);
	rt_expect_ret("fcntl(fd, 9999)", sys_fcntl((int)fd, 9999, 0), -EINVAL);
	rt_expect_ret("dup(fd)", sys_dup((int)fd), 4);
	rt_expect_ret("fcntl(4, F_GETFD)", sys_fcntl(4, F_GETFD, 0), 0);
	rt_expect_ret("dup2(fd, 60)", sys_dup2((int)fd, 60), 60);
	rt_expect_ret("dup2(fd, fd)", sys_dup2((int)fd, (int)fd), fd);
	rt_expect_ret("dup(999)", sys_dup(999), -EBADF);
	rt_expect_ret("dup2(999, 61)", sys_dup2(999, 61), -EBADF);
	rt_expect_ret("dup2(fd, -1)", sys_dup2((int)fd, -1), -EBADF);
	r = sys_lseek(60, 0, SEEK_SET);
	rt_expect_ret("lseek(60, 0, SEEK_SET) moves the shared offset", r, 0);
	rt_expect_ret("lseek(fd, 0, SEEK_CUR)", sys_lseek((int)fd, 0, SEEK_CUR), 0);
	sys_close(4);
	sys_close(40);
	sys_close(50);
	sys_close(60);
	rt_expect_ret("close(fd)", sys_close((int)fd), 0);

	/* truncation, close-on-exec at open, reading a directory */
	fd = sys_open(FILE, O_RDWR | O_TRUNC, 0);
	rt_expect_ok("open(FILE, O_RDWR|O_TRUNC)", fd);
	rt_expect_ret("lseek(fd, 0, SEEK_END) after O_TRUNC", sys_lseek((int)fd, 0, SEEK_END), 0);
	sys_close((int)fd);
	fd = sys_openat(AT_FDCWD, FILE, O_RDONLY | O_CLOEXEC, 0);
	rt_expect_ok("openat(AT_FDCWD, FILE, O_RDONLY|O_CLOEXEC)", fd);
	rt_expect_ret("fcntl(fd, F_GETFD)", sys_fcntl((int)fd, F_GETFD, 0), FD_CLOEXEC);
	rt_expect_ret("fcntl(fd, F_GETFL)", sys_fcntl((int)fd, F_GETFL, 0), O_RDONLY);
	rt_expect_ret("write(fd open O_RDONLY, \"x\", 1)", sys_write((int)fd, "x", 1), -EBADF);
	sys_close((int)fd);
	fd = sys_open(DIR, O_RDONLY | O_DIRECTORY, 0);
	rt_expect_ok("open(DIR, O_RDONLY|O_DIRECTORY)", fd);
	rt_expect_ret("read(dirfd, buf, 64)", sys_read((int)fd, buf, sizeof buf), -EISDIR);
	fd2 = sys_openat((int)fd, "a.txt", O_RDONLY, 0);
	rt_expect_ok("openat(dirfd, \"a.txt\", O_RDONLY)", fd2);
	sys_close((int)fd2);
	rt_expect_ret("openat(dirfd, \"missing\", O_RDONLY)", sys_openat((int)fd, "missing", O_RDONLY, 0), -ENOENT);
	rt_expect_ret("openat(999, \"a.txt\", O_RDONLY)", sys_openat(999, "a.txt", O_RDONLY, 0), -EBADF);
	rt_expect_ret("open(FILE, O_RDONLY|O_DIRECTORY)", sys_open(FILE, O_RDONLY | O_DIRECTORY, 0), -ENOTDIR);
	sys_close((int)fd);

	/* pipes */
	rt_expect_ret("pipe2(p, O_CLOEXEC|O_NONBLOCK)", sys_pipe2(p, O_CLOEXEC | O_NONBLOCK), 0);
	rt_expect_true("  p[0] and p[1] are 3 and 4", p[0] == 3 && p[1] == 4);
	rt_expect_ret("fcntl(p[0], F_GETFD)", sys_fcntl(p[0], F_GETFD, 0), FD_CLOEXEC);
	rt_expect_ret("fcntl(p[0], F_GETFL) & O_NONBLOCK", sys_fcntl(p[0], F_GETFL, 0) & O_NONBLOCK, O_NONBLOCK);
	rt_expect_ret("read(p[0], buf, 64) on empty pipe", sys_read(p[0], buf, sizeof buf), -EAGAIN);
	rt_expect_ret("write(p[1], \"xyz\", 3)", sys_write(p[1], "xyz", 3), 3);
	r = sys_read(p[0], buf, sizeof buf);
	rt_expect_ret("read(p[0], buf, 64)", r, 3);
	buf[r > 0 ? r : 0] = 0;
	rt_expect_str("  data", buf, "xyz");
	rt_expect_ret("lseek(p[0], 0, SEEK_CUR)", sys_lseek(p[0], 0, SEEK_CUR), -ESPIPE);
	rt_expect_ret("pread(p[0], buf, 1, 0)", sys_pread(p[0], buf, 1, 0), -ESPIPE);
	sys_close(p[0]);
	sys_close(p[1]);
	{
		int bad[2] = { -1, -1 };
		r = sys_pipe2(bad, 0x40000000);
		rt_expect_ret("pipe2(p, 0x40000000)", r, -EINVAL);
		if (r == 0) {           /* keep later descriptor numbers right */
			sys_close(bad[0]);
			sys_close(bad[1]);
		}
	}
#ifndef XRUN_TARGET_LINUX
	{
		int q[2] = { -1, -1 };
		rt_expect_ret("freebsd10_pipe() [fds in rax, rdx]", sys_freebsd10_pipe(q), 0);
		rt_expect_true("  q[0] and q[1] are 3 and 4", q[0] == 3 && q[1] == 4);
		rt_expect_ret("fcntl(q[0], F_GETFD)", sys_fcntl(q[0], F_GETFD, 0), 0);
		rt_expect_ret("write(q[1], \"ab\", 2)", sys_write(q[1], "ab", 2), 2);
		r = sys_read(q[0], buf, sizeof buf);
		rt_expect_ret("read(q[0], buf, 64)", r, 2);
		buf[r > 0 ? r : 0] = 0;
		rt_expect_str("  data", buf, "ab");
		/* FreeBSD pipes are bidirectional: both ends are FREAD|FWRITE */
		rt_expect_ret("fcntl(q[0], F_GETFL)", sys_fcntl(q[0], F_GETFL, 0), O_RDWR);
		sys_close(q[0]);
		sys_close(q[1]);
	}
#endif

	/* cleanup */
	rt_expect_ret("unlink(FILE)", sys_unlink(FILE), 0);
	rt_expect_ret("unlink(FILE) again", sys_unlink(FILE), -ENOENT);
	rt_expect_ret("rmdir(DIR)", sys_rmdir(DIR), 0);
	return rt_finish();
}
