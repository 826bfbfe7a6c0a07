/*
 * fh - file handles.
 * Covers: getfh(161) lgetfh(160) getfhat(564) fhopen(298) fhstat(553)
 *         fhstatfs(558) fhreadlink(567) fhlink(565) fhlinkat(566).
 * Expected results: getfh(2), fhopen(2), fhreadlink(2), fhlink(2),
 * sys/sys/mount.h (fhandle_t: fsid_t fh_fsid; struct fid { u_short
 * fid_len, fid_data0; char fid_data[16]; }, 28 bytes) and
 * sys/kern/vfs_syscalls.c: every call needs privilege (PRIV_VFS_GETFH,
 * PRIV_VFS_FHOPEN, PRIV_VFS_FHSTAT), so the program runs as root and a
 * forked child that became uid 65534 checks EPERM; fh_fsid is the mount's
 * f_fsid (statfs shows it to root); lgetfh and getfhat with
 * AT_SYMLINK_NOFOLLOW name the link itself; fhopen needs read or write
 * access and refuses O_CREAT (EINVAL); fhreadlink of a file that is not a
 * fhstatfs gives what statfs of the file gives; fhreadlink of a file that is not a
 * symlink is EINVAL and returns the length otherwise; fhlink of an existing
 * name EEXIST; getfhat's unknown flags EINVAL; a handle of a removed file
 * ESTALE. The contents of fid_data are the file system's and not printed.
 * xrun-covers: getfh lgetfh getfhat fhopen fhstat fhstatfs fhreadlink fhlink fhlinkat
 * xrun-covers: chdir close exit fork fstatat geteuid mkdir open read rmdir setuid
 * xrun-covers: statfs symlink unlink wait4 write getdirentries
 */
#include "rt.h"

#define DIR "/tmp/xrun-tb-fh-scratch"
#define NR_fork 2
#define NR_wait4 7
#define NR_setuid 23
#define NR_symlink 57
#define NR_lgetfh 160
#define NR_getfh 161
#define NR_fhopen 298
#define NR_fhstat 553
#define NR_getfhat 564
#define NR_fhlink 565
#define NR_fhlinkat 566
#define NR_fhreadlink 567
#define NR_fhstatfs 558
#define AT_SYMLINK_NOFOLLOW_ 0x200
#define O_ACCMODE_ 3
#define ESTALE_ 70

struct fhandle { int fsid[2]; unsigned short fid_len, fid_data0; char fid_data[16]; };
_Static_assert(sizeof(struct fhandle) == 28, "fhandle_t");

static struct fhandle fh, lfh, afh;
static char sfs[2344], hfs[2344];

static long ino_of(const char *p)
{
	struct stat st;
	return SC4(NR_fstatat, AT_FDCWD, p, &st, 0) == 0 ? (long)st.st_ino : -1;
}

static long nlink_of(const char *p)
{
	struct stat st;
	return SC4(NR_fstatat, AT_FDCWD, p, &st, 0) == 0 ? (long)st.st_nlink : -1;
}

int main(int argc, char **argv, char **envp)
{
	(void)argc; (void)argv; (void)envp;
	char buf[64];
	rt_rmtree(DIR);
	sys_mkdir(DIR, 0755);
	rt_expect_ret("chdir(DIR)", sys_chdir(DIR), 0);
	long fd = sys_open("f", O_RDWR | O_CREAT, 0644);
	sys_write((int)fd, "handle", 6);
	sys_close((int)fd);
	SC2(NR_symlink, "f", "sym");
	rt_expect_ret("geteuid()", sys_geteuid(), 0);

	rt_expect_ret("getfh(\"f\", &fh)", SC2(NR_getfh, "f", &fh), 0);
	SC2(NR_statfs, "f", sfs);
	rt_expect_true("  fh_fsid == statfs(\"f\").f_fsid", memcmp(fh.fsid, sfs + 192, 8) == 0);
	rt_expect_true("  0 < fid_len <= 16", fh.fid_len > 0 && fh.fid_len <= 16);
	long h = SC2(NR_fhopen, &fh, O_RDONLY);
	rt_expect_true("fhopen(&fh, O_RDONLY) >= 0", h >= 0);
	memset(buf, 0, sizeof buf);
	rt_expect_ret("  read(fd, buf, 64)", sys_read((int)h, buf, 64), 6);
	rt_expect_str("  buf", buf, "handle");
	sys_close((int)h);
	rt_expect_ret("fhopen(&fh, O_RDWR|O_CREAT)", SC2(NR_fhopen, &fh, O_RDWR | O_CREAT), -EINVAL);
	rt_expect_ret("fhopen(&fh, O_ACCMODE)", SC2(NR_fhopen, &fh, O_ACCMODE_), -EINVAL);
	rt_expect_ret("fhopen((void *)1, O_RDONLY)", SC2(NR_fhopen, 1, O_RDONLY), -EFAULT);
	struct stat st;
	rt_expect_ret("fhstat(&fh, &st)", SC2(NR_fhstat, &fh, &st), 0);
	rt_expect_true("  st_ino == ino of \"f\"", (long)st.st_ino == ino_of("f"));
	rt_expect_eq("  st_size", st.st_size, 6);
	memset(hfs, 0x55, sizeof hfs);
	rt_expect_ret("fhstatfs(&fh, &sfs)", SC2(NR_fhstatfs, &fh, hfs), 0);
	rt_expect_true("  the same as statfs(\"f\") (version, type, flags, fsid, fstypename, mount names)",
	    memcmp(hfs, sfs, 16) == 0 && memcmp(hfs + 184, sfs + 184, 16) == 0 && memcmp(hfs + 280, sfs + 280, 2344 - 280) == 0);
	rt_expect_ret("fhstatfs(&fh, (void *)1)", SC2(NR_fhstatfs, &fh, 1), -EFAULT);
	rt_expect_ret("fhreadlink(&fh, buf, 64) [not a link]", SC3(NR_fhreadlink, &fh, buf, 64), -EINVAL);

	rt_expect_ret("lgetfh(\"sym\", &lfh)", SC2(NR_lgetfh, "sym", &lfh), 0);
	memset(buf, 0, sizeof buf);
	rt_expect_ret("fhreadlink(&lfh, buf, 64)", SC3(NR_fhreadlink, &lfh, buf, 64), 1);
	rt_expect_str("  buf", buf, "f");
	rt_expect_ret("getfh(\"sym\", &afh)", SC2(NR_getfh, "sym", &afh), 0);
	rt_expect_ret("fhstat(&afh, &st)", SC2(NR_fhstat, &afh, &st), 0);
	rt_expect_true("  st_ino == ino of \"f\"", (long)st.st_ino == ino_of("f"));
	rt_expect_ret("getfhat(AT_FDCWD, \"sym\", &afh, AT_SYMLINK_NOFOLLOW)", SC4(NR_getfhat, AT_FDCWD, "sym", &afh, AT_SYMLINK_NOFOLLOW_), 0);
	memset(buf, 0, sizeof buf);
	rt_expect_ret("fhreadlink(&afh, buf, 64)", SC3(NR_fhreadlink, &afh, buf, 64), 1);
	long dfd = sys_open(".", O_RDONLY | O_DIRECTORY, 0);
	rt_expect_ret("getfhat(dfd, \"f\", &afh, 0)", SC4(NR_getfhat, dfd, "f", &afh, 0), 0);
	rt_expect_true("  the same handle as getfh(\"f\")", memcmp(&afh, &fh, sizeof fh) == 0);
	rt_expect_ret("getfhat(dfd, \"f\", &afh, 0x4)", SC4(NR_getfhat, dfd, "f", &afh, 4), -EINVAL);
	rt_expect_ret("getfh(\"nofile\", &afh)", SC2(NR_getfh, "nofile", &afh), -ENOENT);
	rt_expect_ret("getfh(\"f\", (void *)1)", SC2(NR_getfh, "f", 1), -EFAULT);

	rt_expect_ret("fhlink(&fh, \"f2\")", SC2(NR_fhlink, &fh, "f2"), 0);
	rt_expect_eq("  nlink of \"f\"", nlink_of("f"), 2);
	rt_expect_ret("fhlink(&fh, \"f2\") again", SC2(NR_fhlink, &fh, "f2"), -EEXIST);
	rt_expect_ret("fhlinkat(&fh, dfd, \"f3\")", SC3(NR_fhlinkat, &fh, dfd, "f3"), 0);
	rt_expect_eq("  nlink of \"f\"", nlink_of("f"), 3);
	sys_close((int)dfd);

	long child = SC0(NR_fork);
	if (child == 0) {
		int ok = SC1(NR_setuid, 65534) == 0;
		ok = ok && SC2(NR_getfh, "f", &afh) == -EPERM && SC2(NR_lgetfh, "f", &afh) == -EPERM;
		ok = ok && SC2(NR_fhopen, &fh, O_RDONLY) == -EPERM && SC2(NR_fhstat, &fh, &st) == -EPERM;
		ok = ok && SC3(NR_fhreadlink, &lfh, buf, 64) == -EPERM && SC2(NR_fhlink, &fh, "f4") == -EPERM;
		ok = ok && SC2(NR_fhstatfs, &fh, hfs) == -EPERM;
		sys_exit(ok ? 0 : 1);
	}
	int status = -1;
	SC4(NR_wait4, child, &status, 0, 0);
	rt_expect_eq("as uid 65534: getfh lgetfh fhopen fhstat fhreadlink fhlink fhstatfs EPERM (exit status)", status, 0);

	sys_unlink("f");
	sys_unlink("f2");
	sys_unlink("f3");
	rt_expect_ret("fhopen(&fh, O_RDONLY) [file removed]", SC2(NR_fhopen, &fh, O_RDONLY), -ESTALE_);
	rt_expect_ret("fhstat(&fh, &st) [file removed]", SC2(NR_fhstat, &fh, &st), -ESTALE_);
	rt_expect_ret("fhstatfs(&fh, &sfs) [file removed]", SC2(NR_fhstatfs, &fh, hfs), -ESTALE_);

	sys_chdir("/");
	rt_rmtree(DIR);
	return rt_finish();
}
