/*
 * files - file calls beyond the first slice.
 * Covers: lchmod(274) fchmodat(490) futimesat(494) eaccess(376)
 *         preadv(289) pwritev(290) sync(36) funlinkat(568)
 *         __realpathat(574) undelete(205) bindat(538) connectat(539).
 * Expected results, from FreeBSD's kernel (sys/kern/vfs_syscalls.c unless
 * named):
 *  - sys_fchmodat: flags AT_SYMLINK_NOFOLLOW, AT_RESOLVE_BENEATH and
 *    AT_EMPTY_PATH (the descriptor itself for ""), other bits EINVAL; a
 *    relative path with a bad descriptor is EBADF. lchmod does not follow a
 *    last symlink (only regular files here: Linux has no symlink modes).
 *  - futimesat/getutimes: timevals, NULL for now, tv_usec outside
 *    [0, 1000000) EINVAL.
 *  - sys_eaccess: access(2) with the effective ids; X_OK on a file with no
 *    execute bit is EACCES even for root (vaccess); other mode bits EINVAL.
 *  - sys_generic.c preadv/pwritev: negative offset EINVAL, more than
 *    UIO_MAXIOV (1024) vectors EINVAL.
 *  - kern_funlinkat: fd FD_NONE (-200) is unlinkat; otherwise the name must
 *    be the file fd is open on, else EDEADLK; a directory without
 *    AT_REMOVEDIR is EPERM; other flags EINVAL.
 *  - vfs_cache.c kern___realpathat: flags must be 0; the path resolved
 *    (symlinks, "." and "..") to its full name; ENOMEM when the buffer is
 *    shorter than the name and its NUL.
 *  - sys_undelete: only a whiteout can be undeleted: with none, a name that
 *    exists or not is EEXIST once its directory is found (ENOENT, ENOTDIR).
 *  - uipc_syscalls.c kern_bindat/kern_connectat, uipc_usrreq.c: an AF_UNIX
 *    path relative to the directory descriptor, AT_FDCWD the plain call, an
 *    address in use EADDRINUSE, a missing socket ENOENT, a bad directory
 *    descriptor EBADF; other families EOPNOTSUPP (pr_bindat_notsupp).
 * xrun-covers: __realpathat bindat chdir close connectat eaccess exit fchmodat
 * xrun-covers: fstatat funlinkat futimesat getdirentries lchmod listen lseek mkdir
 * xrun-covers: open pipe2 pread preadv pwritev rmdir socket symlink sync umask
 * xrun-covers: undelete unlink write
 */
#include "rt.h"

#define DIR "/tmp/xrun-tb-files-scratch"
#define NR_sync 36
#define NR_symlink 57
#define NR_umask 60
#define NR_undelete 205
#define NR_lchmod 274
#define NR_preadv 289
#define NR_pwritev 290
#define NR_eaccess 376
#define NR_fchmodat 490
#define NR_futimesat 494
#define NR_bindat 538
#define NR_connectat 539
#define NR_funlinkat 568
#define NR___realpathat 574
#define FD_NONE (-200)
#define AT_EMPTY_PATH 0x4000
#define W_OK 0x02
#define F_OK 0

static struct stat st;

static long mode_of(const char *p) { return sys_fstatat(AT_FDCWD, p, &st, AT_SYMLINK_NOFOLLOW) == 0 ? (st.st_mode & 07777) : -1; }

static int unaddr(struct sockaddr_un *u, const char *path)
{
	memset(u, 0, sizeof *u);
	u->sun_family = AF_UNIX;
	rt_strcpy(u->sun_path, path);
	u->sun_len = (uint8_t)(2 + rt_strlen(path) + 1);
	return u->sun_len;
}

int main(int argc, char **argv, char **envp)
{
	char buf[1100];
	struct timeval tv[2];
	struct iovec iov[2];
	struct sockaddr_un sun;
	struct sockaddr_in sin;
	long r;

	(void)argc; (void)argv; (void)envp;
	rt_rmtree(DIR);
	sys_mkdir(DIR, 0755);
	sys_chdir(DIR);
	SC1(NR_umask, 022);
	long fd = sys_open("f", O_RDWR | O_CREAT, 0644);
	sys_write((int)fd, "0123456789", 10);
	long dfd = sys_open(".", O_RDONLY | O_DIRECTORY, 0);
	SC2(NR_symlink, "f", "sym");

	rt_expect_ret("lchmod(\"f\", 0600)", SC2(NR_lchmod, "f", 0600), 0);
	rt_expect_oct("  mode", (unsigned long)mode_of("f"), 0600);
	rt_expect_ret("lchmod(\"missing\", 0600)", SC2(NR_lchmod, "missing", 0600), -ENOENT);
	rt_expect_ret("fchmodat(AT_FDCWD, \"f\", 0640, 0)", SC4(NR_fchmodat, AT_FDCWD, "f", 0640, 0), 0);
	rt_expect_oct("  mode", (unsigned long)mode_of("f"), 0640);
	rt_expect_ret("fchmodat(dfd, \"f\", 0604, 0)", SC4(NR_fchmodat, dfd, "f", 0604, 0), 0);
	rt_expect_oct("  mode", (unsigned long)mode_of("f"), 0604);
	rt_expect_ret("fchmodat(AT_FDCWD, \"f\", 0600, AT_SYMLINK_NOFOLLOW)", SC4(NR_fchmodat, AT_FDCWD, "f", 0600, AT_SYMLINK_NOFOLLOW), 0);
	rt_expect_oct("  mode", (unsigned long)mode_of("f"), 0600);
	rt_expect_ret("fchmodat(AT_FDCWD, \"sym\", 0640, 0) [follows]", SC4(NR_fchmodat, AT_FDCWD, "sym", 0640, 0), 0);
	rt_expect_oct("  mode of \"f\"", (unsigned long)mode_of("f"), 0640);
	rt_expect_ret("fchmodat(fd, \"\", 0611, AT_EMPTY_PATH)", SC4(NR_fchmodat, fd, "", 0611, AT_EMPTY_PATH), 0);
	rt_expect_oct("  mode", (unsigned long)mode_of("f"), 0611);
	rt_expect_ret("fchmodat(AT_FDCWD, \"f\", 0644, 0x1)", SC4(NR_fchmodat, AT_FDCWD, "f", 0644, 0x1), -EINVAL);
	rt_expect_ret("fchmodat(99, \"f\", 0644, 0)", SC4(NR_fchmodat, 99, "f", 0644, 0), -EBADF);
	rt_expect_ret("fchmodat(AT_FDCWD, \"missing\", 0644, AT_SYMLINK_NOFOLLOW)", SC4(NR_fchmodat, AT_FDCWD, "missing", 0644, AT_SYMLINK_NOFOLLOW), -ENOENT);
	rt_expect_ret("fchmodat(AT_FDCWD, \"f\", 0644, 0)", SC4(NR_fchmodat, AT_FDCWD, "f", 0644, 0), 0);

	tv[0].tv_sec = 1000000000; tv[0].tv_usec = 0;
	tv[1].tv_sec = 1000000001; tv[1].tv_usec = 500000;
	rt_expect_ret("futimesat(AT_FDCWD, \"f\", {1000000000.0, 1000000001.5})", SC3(NR_futimesat, AT_FDCWD, "f", tv), 0);
	sys_fstatat(AT_FDCWD, "f", &st, 0);
	rt_expect_eq("  st_atim.tv_sec", st.st_atim.tv_sec, 1000000000);
	rt_expect_eq("  st_mtim.tv_sec", st.st_mtim.tv_sec, 1000000001);
	rt_expect_eq("  st_mtim.tv_nsec", st.st_mtim.tv_nsec, 500000000);
	rt_expect_ret("futimesat(dfd, \"f\", NULL)", SC3(NR_futimesat, dfd, "f", 0), 0);
	sys_fstatat(AT_FDCWD, "f", &st, 0);
	rt_expect_true("  st_mtim is now (after 2001)", st.st_mtim.tv_sec > 1000000001);
	tv[1].tv_usec = 1000000;
	rt_expect_ret("futimesat(AT_FDCWD, \"f\", {tv_usec 1000000})", SC3(NR_futimesat, AT_FDCWD, "f", tv), -EINVAL);
	rt_expect_ret("futimesat(AT_FDCWD, \"missing\", NULL)", SC3(NR_futimesat, AT_FDCWD, "missing", 0), -ENOENT);
	rt_expect_ret("futimesat(AT_FDCWD, \"f\", (void *)8)", SC3(NR_futimesat, AT_FDCWD, "f", 8), -EFAULT);
	rt_expect_ret("futimesat(AT_FDCWD, NULL, NULL)", SC3(NR_futimesat, AT_FDCWD, 0, 0), -EFAULT);

	rt_expect_ret("eaccess(\"f\", R_OK)", SC2(NR_eaccess, "f", R_OK), 0);
	rt_expect_ret("eaccess(\"f\", F_OK)", SC2(NR_eaccess, "f", F_OK), 0);
	rt_expect_ret("eaccess(\"f\", X_OK) [mode 0644]", SC2(NR_eaccess, "f", X_OK), -EACCES);
	rt_expect_ret("eaccess(\"missing\", F_OK)", SC2(NR_eaccess, "missing", F_OK), -ENOENT);
	rt_expect_ret("eaccess(\"f\", 0x100)", SC2(NR_eaccess, "f", 0x100), -EINVAL);

	memset(buf, 0, sizeof buf);
	iov[0].iov_base = buf; iov[0].iov_len = 3;
	iov[1].iov_base = buf + 10; iov[1].iov_len = 4;
	rt_expect_ret("preadv(fd, {3, 4}, 2, 2)", SC4(NR_preadv, fd, iov, 2, 2), 7);
	rt_expect_str("  first", buf, "234");
	rt_expect_str("  second", buf + 10, "5678");
	iov[0].iov_base = "ab"; iov[0].iov_len = 2;
	iov[1].iov_base = "cd"; iov[1].iov_len = 2;
	rt_expect_ret("pwritev(fd, {\"ab\", \"cd\"}, 2, 8)", SC4(NR_pwritev, fd, iov, 2, 8), 4);
	memset(buf, 0, sizeof buf);
	rt_expect_ret("  pread(fd, buf, 32, 0)", sys_pread((int)fd, buf, 32, 0), 12);
	rt_expect_str("  contents", buf, "01234567abcd");
	rt_expect_ret("  lseek(fd, 0, SEEK_CUR) (unmoved)", sys_lseek((int)fd, 0, SEEK_CUR), 10);
	rt_expect_ret("preadv(fd, iov, 2, -1)", SC4(NR_preadv, fd, iov, 2, -1), -EINVAL);
	rt_expect_ret("pwritev(fd, iov, 1025, 0)", SC4(NR_pwritev, fd, iov, 1025, 0), -EINVAL);
	rt_expect_ret("preadv(99, iov, 2, 0)", SC4(NR_preadv, 99, iov, 2, 0), -EBADF);
	{
		int p[2];
		sys_pipe2(p, 0);
		rt_expect_ret("pwritev(pipe, iov, 2, 0)", SC4(NR_pwritev, p[1], iov, 2, 0), -ESPIPE);
		sys_close(p[0]);
		sys_close(p[1]);
	}
	rt_expect_ret("sync()", SC0(NR_sync), 0);

	sys_close((int)sys_open("g", O_RDWR | O_CREAT, 0644));
	long gfd = sys_open("g", O_RDONLY, 0);
	rt_expect_ret("funlinkat(AT_FDCWD, \"g\", gfd, 0)", SC4(NR_funlinkat, AT_FDCWD, "g", gfd, 0), 0);
	rt_expect_ret("  fstatat(\"g\")", sys_fstatat(AT_FDCWD, "g", &st, 0), -ENOENT);
	sys_close((int)gfd);
	sys_close((int)sys_open("h", O_RDWR | O_CREAT, 0644));
	sys_close((int)sys_open("h2", O_RDWR | O_CREAT, 0644));
	long hfd = sys_open("h", O_RDONLY, 0);
	rt_expect_ret("funlinkat(AT_FDCWD, \"h2\", fd of \"h\", 0)", SC4(NR_funlinkat, AT_FDCWD, "h2", hfd, 0), -EDEADLK);
	rt_expect_ret("  fstatat(\"h2\") (still there)", sys_fstatat(AT_FDCWD, "h2", &st, 0), 0);
	rt_expect_ret("funlinkat(dfd, \"h\", fd of \"h\", 0)", SC4(NR_funlinkat, dfd, "h", hfd, 0), 0);
	rt_expect_ret("funlinkat(AT_FDCWD, \"h2\", 99, 0)", SC4(NR_funlinkat, AT_FDCWD, "h2", 99, 0), -EBADF);
	rt_expect_ret("funlinkat(AT_FDCWD, \"h2\", FD_NONE, 0x1)", SC4(NR_funlinkat, AT_FDCWD, "h2", FD_NONE, 0x1), -EINVAL);
	rt_expect_ret("funlinkat(AT_FDCWD, \"h2\", FD_NONE, 0)", SC4(NR_funlinkat, AT_FDCWD, "h2", FD_NONE, 0), 0);
	rt_expect_ret("funlinkat(AT_FDCWD, \"missing\", FD_NONE, 0)", SC4(NR_funlinkat, AT_FDCWD, "missing", FD_NONE, 0), -ENOENT);
	sys_mkdir("d", 0755);
	rt_expect_ret("funlinkat(AT_FDCWD, \"d\", FD_NONE, 0)", SC4(NR_funlinkat, AT_FDCWD, "d", FD_NONE, 0), -EPERM);
	rt_expect_ret("funlinkat(AT_FDCWD, \"d\", FD_NONE, AT_REMOVEDIR)", SC4(NR_funlinkat, AT_FDCWD, "d", FD_NONE, AT_REMOVEDIR), 0);
	sys_close((int)hfd);

	sys_mkdir("d2", 0755);
	memset(buf, 'x', sizeof buf);
	rt_expect_ret("__realpathat(AT_FDCWD, \"f\", buf, 1024, 0)", SC5(NR___realpathat, AT_FDCWD, "f", buf, 1024, 0), 0);
	rt_expect_str("  buf", buf, DIR "/f");
	rt_expect_ret("__realpathat(dfd, \"./d2/../sym\", buf, 1024, 0)", SC5(NR___realpathat, dfd, "./d2/../sym", buf, 1024, 0), 0);
	rt_expect_str("  buf", buf, DIR "/f");
	rt_expect_ret("__realpathat(AT_FDCWD, \"d2\", buf, 1024, 0)", SC5(NR___realpathat, AT_FDCWD, "d2", buf, 1024, 0), 0);
	rt_expect_str("  buf", buf, DIR "/d2");
	rt_expect_ret("__realpathat(AT_FDCWD, \"f\", buf, 5, 0)", SC5(NR___realpathat, AT_FDCWD, "f", buf, 5, 0), -ENOMEM);
	rt_expect_ret("__realpathat(AT_FDCWD, \"missing\", buf, 1024, 0)", SC5(NR___realpathat, AT_FDCWD, "missing", buf, 1024, 0), -ENOENT);
	rt_expect_ret("__realpathat(AT_FDCWD, \"f\", buf, 1024, 1)", SC5(NR___realpathat, AT_FDCWD, "f", buf, 1024, 1), -EINVAL);
	rt_expect_ret("__realpathat(99, \"f\", buf, 1024, 0)", SC5(NR___realpathat, 99, "f", buf, 1024, 0), -EBADF);
	rt_expect_ret("__realpathat(AT_FDCWD, \"f\", (void *)8, 1024, 0)", SC5(NR___realpathat, AT_FDCWD, "f", 8, 1024, 0), -EFAULT);
	rt_expect_true("  no descriptor left open (the next open is 5)", (r = sys_open("f", O_RDONLY, 0)) == 5);
	sys_close((int)r);

	rt_expect_ret("undelete(\"f\")", SC1(NR_undelete, "f"), -EEXIST);
	rt_expect_ret("undelete(\"missing\")", SC1(NR_undelete, "missing"), -EEXIST);
	rt_expect_ret("undelete(\"nodir/x\")", SC1(NR_undelete, "nodir/x"), -ENOENT);
	rt_expect_ret("undelete(\"f/x\")", SC1(NR_undelete, "f/x"), -ENOTDIR);
	rt_expect_ret("undelete(\"\")", SC1(NR_undelete, ""), -ENOENT);

	/* bindat/connectat relative to dfd, with the working directory elsewhere */
	sys_chdir("/");
	long s = sys_socket(AF_UNIX, SOCK_STREAM, 0);
	int len = unaddr(&sun, "sock");
	rt_expect_ret("bindat(dfd, s, \"sock\")", SC4(NR_bindat, dfd, s, &sun, len), 0);
	rt_expect_true("  " DIR "/sock is a socket", sys_fstatat(AT_FDCWD, DIR "/sock", &st, 0) == 0 && (st.st_mode & S_IFMT) == S_IFSOCK);
	sys_listen((int)s, 5);
	long cs = sys_socket(AF_UNIX, SOCK_STREAM, 0);
	rt_expect_ret("connectat(dfd, c, \"sock\")", SC4(NR_connectat, dfd, cs, &sun, len), 0);
	sys_close((int)cs);
	cs = sys_socket(AF_UNIX, SOCK_STREAM, 0);
	len = unaddr(&sun, DIR "/sock");
	rt_expect_ret("connectat(AT_FDCWD, c, \"" DIR "/sock\")", SC4(NR_connectat, AT_FDCWD, cs, &sun, len), 0);
	sys_close((int)cs);
	long s2 = sys_socket(AF_UNIX, SOCK_STREAM, 0);
	len = unaddr(&sun, "sock");
	rt_expect_ret("bindat(dfd, s2, \"sock\") [in use]", SC4(NR_bindat, dfd, s2, &sun, len), -EADDRINUSE);
	len = unaddr(&sun, DIR "/sock2");
	rt_expect_ret("bindat(AT_FDCWD, s2, \"" DIR "/sock2\")", SC4(NR_bindat, AT_FDCWD, s2, &sun, len), 0);
	cs = sys_socket(AF_UNIX, SOCK_STREAM, 0);
	len = unaddr(&sun, "nosock");
	rt_expect_ret("connectat(dfd, c, \"nosock\")", SC4(NR_connectat, dfd, cs, &sun, len), -ENOENT);
	rt_expect_ret("connectat(99, c, \"sock\")", SC4(NR_connectat, 99, cs, &sun, len), -EBADF);
	long is = sys_socket(AF_INET, SOCK_STREAM, 0);
	memset(&sin, 0, sizeof sin);
	sin.sin_len = sizeof sin;
	sin.sin_family = AF_INET;
	sin.sin_addr.s_addr = 0x0100007f;
	rt_expect_ret("bindat(dfd, inet socket, 127.0.0.1:0)", SC4(NR_bindat, dfd, is, &sin, sizeof sin), -EOPNOTSUPP);
	rt_expect_ret("bindat(AT_FDCWD, inet socket, 127.0.0.1:0)", SC4(NR_bindat, AT_FDCWD, is, &sin, sizeof sin), 0);
	sys_close((int)is);
	sys_close((int)cs);
	sys_close((int)s2);
	sys_close((int)s);
	sys_close((int)dfd);
	sys_close((int)fd);
	sys_unlink(DIR "/sock");
	sys_unlink(DIR "/sock2");
	sys_unlink(DIR "/sym");
	rt_rmtree(DIR);
	return rt_finish();
}
