/*
 * fsconf - pathname configuration and file flags.
 * Covers: pathconf(191) fpathconf(192) lpathconf(513) chflags(34)
 *         fchflags(35) lchflags(391) chflagsat(540).
 * Expected results: pathconf(2) with sys/sys/unistd.h (_PC_* numbers) and
 * sys/sys/syslimits.h (PATH_MAX 1024, PIPE_BUF 512), answered as UFS does
 * (ufs_pathconf: NAME_MAX 255, FILESIZEBITS 64, SYMLINK_MAX MAXPATHLEN
 * 1024, CHOWN_RESTRICTED 1, NO_TRUNC 1, PIPE_BUF only for directories and
 * FIFOs, MAX_CANON only for terminals, else EINVAL), a pipe answering only
 * _PC_PIPE_BUF (kern_fpathconf), an unknown name EINVAL after the lookup
 * (kern_pathconf: namei first), lpathconf answering for a symlink itself
 * (dangling or not). LINK_MAX varies with the file system: only > 1 is
 * checked. chflags(2) with sys/sys/stat.h (UF_NODUMP 0x1, UF_IMMUTABLE 0x2,
 * SF_APPEND 0x40000): the owner may set UF_NODUMP; a bit UFS does not define
 * (0x40) is EOPNOTSUPP (ufs_setattr); an immutable file cannot be opened
 * for writing and an append-only one only with O_APPEND (EPERM), checked
 * as root only (Linux lets only a privileged user set them); chflagsat with
 * an unknown atflag is EINVAL.
 * xrun-covers: chdir chflags chflagsat close exit fchflags fpathconf getdirentries
 * xrun-covers: geteuid lchflags lpathconf mkdir mkfifo open pathconf pipe2 rmdir
 * xrun-covers: symlink unlink write
 */
#include "rt.h"

#define DIR "/tmp/xrun-tb-fsconf-scratch"
#define NR_pathconf 191
#define NR_fpathconf 192
#define NR_lpathconf 513
#define NR_chflags 34
#define NR_fchflags 35
#define NR_lchflags 391
#define NR_chflagsat 540
#define NR_symlink 57
#define NR_mkfifo 132
#define _PC_LINK_MAX 1
#define _PC_MAX_CANON 2
#define _PC_NAME_MAX 4
#define _PC_PATH_MAX 5
#define _PC_PIPE_BUF 6
#define _PC_CHOWN_RESTRICTED 7
#define _PC_NO_TRUNC 8
#define _PC_FILESIZEBITS 12
#define _PC_SYMLINK_MAX 18
#define UF_NODUMP 0x1
#define UF_IMMUTABLE 0x2
#define SF_APPEND 0x40000

int main(int argc, char **argv, char **envp)
{
	(void)argc; (void)argv; (void)envp;
	rt_rmtree(DIR);
	sys_mkdir(DIR, 0755);
	rt_expect_ret("chdir(DIR)", sys_chdir(DIR), 0);
	long fd = sys_open("f", O_RDWR | O_CREAT, 0644);
	rt_expect_true("open(\"f\", O_CREAT) >= 0", fd >= 0);
	SC2(NR_symlink, "f", "sym");
	SC2(NR_symlink, "nowhere", "dangling");
	SC2(NR_mkfifo, "fifo", 0644);

	/* pathconf */
	rt_expect_ret("pathconf(\"f\", _PC_NAME_MAX)", SC2(NR_pathconf, "f", _PC_NAME_MAX), 255);
	rt_expect_ret("pathconf(\"f\", _PC_PATH_MAX)", SC2(NR_pathconf, "f", _PC_PATH_MAX), 1024);
	rt_expect_true("pathconf(\"f\", _PC_LINK_MAX) > 1", SC2(NR_pathconf, "f", _PC_LINK_MAX) > 1);
	rt_expect_ret("pathconf(\"f\", _PC_CHOWN_RESTRICTED)", SC2(NR_pathconf, "f", _PC_CHOWN_RESTRICTED), 1);
	rt_expect_ret("pathconf(\"f\", _PC_NO_TRUNC)", SC2(NR_pathconf, "f", _PC_NO_TRUNC), 1);
	rt_expect_ret("pathconf(\"f\", _PC_FILESIZEBITS)", SC2(NR_pathconf, "f", _PC_FILESIZEBITS), 64);
	rt_expect_ret("pathconf(\"f\", _PC_SYMLINK_MAX)", SC2(NR_pathconf, "f", _PC_SYMLINK_MAX), 1024);
	rt_expect_ret("pathconf(\".\", _PC_PIPE_BUF)", SC2(NR_pathconf, ".", _PC_PIPE_BUF), 512);
	rt_expect_ret("pathconf(\"fifo\", _PC_PIPE_BUF)", SC2(NR_pathconf, "fifo", _PC_PIPE_BUF), 512);
	rt_expect_ret("pathconf(\"f\", _PC_PIPE_BUF)", SC2(NR_pathconf, "f", _PC_PIPE_BUF), -EINVAL);
	rt_expect_ret("pathconf(\"f\", _PC_MAX_CANON)", SC2(NR_pathconf, "f", _PC_MAX_CANON), -EINVAL);
	rt_expect_ret("pathconf(\"f\", 999)", SC2(NR_pathconf, "f", 999), -EINVAL);
	rt_expect_ret("pathconf(\"missing\", 999)", SC2(NR_pathconf, "missing", 999), -ENOENT);
	rt_expect_ret("pathconf(\"f/x\", _PC_NAME_MAX)", SC2(NR_pathconf, "f/x", _PC_NAME_MAX), -ENOTDIR);
	rt_expect_ret("pathconf(\"dangling\", _PC_NAME_MAX)", SC2(NR_pathconf, "dangling", _PC_NAME_MAX), -ENOENT);
	rt_expect_ret("lpathconf(\"dangling\", _PC_SYMLINK_MAX)", SC2(NR_lpathconf, "dangling", _PC_SYMLINK_MAX), 1024);
	rt_expect_ret("lpathconf(\"sym\", _PC_NAME_MAX)", SC2(NR_lpathconf, "sym", _PC_NAME_MAX), 255);
	rt_expect_ret("fpathconf(fd, _PC_NAME_MAX)", SC2(NR_fpathconf, fd, _PC_NAME_MAX), 255);
	rt_expect_ret("fpathconf(fd, _PC_PIPE_BUF)", SC2(NR_fpathconf, fd, _PC_PIPE_BUF), -EINVAL);
	rt_expect_ret("fpathconf(99, _PC_NAME_MAX)", SC2(NR_fpathconf, 99, _PC_NAME_MAX), -EBADF);
	int p[2];
	sys_pipe2(p, 0);
	rt_expect_ret("fpathconf(pipe, _PC_PIPE_BUF)", SC2(NR_fpathconf, p[0], _PC_PIPE_BUF), 512);
	rt_expect_ret("fpathconf(pipe, _PC_NAME_MAX)", SC2(NR_fpathconf, p[0], _PC_NAME_MAX), -EINVAL);
	sys_close(p[0]);
	sys_close(p[1]);

	/* chflags */
	rt_expect_ret("chflags(\"f\", UF_NODUMP)", SC2(NR_chflags, "f", UF_NODUMP), 0);
	rt_expect_ret("fchflags(fd, 0)", SC2(NR_fchflags, fd, 0), 0);
	rt_expect_ret("fchflags(fd, UF_NODUMP)", SC2(NR_fchflags, fd, UF_NODUMP), 0);
	rt_expect_ret("lchflags(\"f\", 0)", SC2(NR_lchflags, "f", 0), 0);
	rt_expect_ret("chflagsat(AT_FDCWD, \"f\", UF_NODUMP, 0)", SC4(NR_chflagsat, AT_FDCWD, "f", UF_NODUMP, 0), 0);
	rt_expect_ret("chflagsat(AT_FDCWD, \"sym\", 0, 0)", SC4(NR_chflagsat, AT_FDCWD, "sym", 0, 0), 0);
	rt_expect_ret("chflagsat(AT_FDCWD, \"f\", 0, 0x1)", SC4(NR_chflagsat, AT_FDCWD, "f", 0, 0x1), -EINVAL);
	rt_expect_ret("chflags(\"f\", 0x40) [not a UFS flag]", SC2(NR_chflags, "f", 0x40), -EOPNOTSUPP);
	rt_expect_ret("fchflags(fd, 0x40) [not a UFS flag]", SC2(NR_fchflags, fd, 0x40), -EOPNOTSUPP);
	rt_expect_ret("chflags(\"missing\", 0)", SC2(NR_chflags, "missing", 0), -ENOENT);
	rt_expect_ret("chflags(\"f/x\", 0)", SC2(NR_chflags, "f/x", 0), -ENOTDIR);
	rt_expect_ret("fchflags(99, 0)", SC2(NR_fchflags, 99, 0), -EBADF);
	rt_expect_ret("chflags(\"f\", 0)", SC2(NR_chflags, "f", 0), 0);

	long euid = sys_geteuid();
	int immutable = 1, append = 1;
	if (euid == 0) {
		long w;
		immutable = SC2(NR_chflags, "f", UF_IMMUTABLE) == 0
		    && (w = sys_open("f", O_WRONLY, 0)) == -EPERM
		    && SC2(NR_chflags, "f", 0) == 0
		    && (w = sys_open("f", O_WRONLY, 0)) >= 0 && sys_close((int)w) == 0;
		append = SC2(NR_fchflags, fd, SF_APPEND) == 0
		    && sys_open("f", O_WRONLY, 0) == -EPERM
		    && (w = sys_open("f", O_WRONLY | O_APPEND, 0)) >= 0 && sys_close((int)w) == 0
		    && SC2(NR_fchflags, fd, 0) == 0;
	}
	rt_expect_true("as root: chflags(UF_IMMUTABLE), open(O_WRONLY) EPERM, chflags(0), open(O_WRONLY) ok", immutable);
	rt_expect_true("as root: fchflags(SF_APPEND), open(O_WRONLY) EPERM, open(O_WRONLY|O_APPEND) ok, fchflags(0)", append);

	sys_close((int)fd);
	sys_chdir("/");
	rt_rmtree(DIR);
	return rt_finish();
}
