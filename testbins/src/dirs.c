/*
 * dirs - directories, names and the working directory.
 * Covers: mkdir mkdirat rmdir chdir fchdir __getcwd rename renameat unlink
 *         unlinkat(AT_REMOVEDIR) access faccessat readlink readlinkat
 *         getdirentries(554) freebsd11_getdirentries(196), open/close/lseek.
 * Expected results: the manual pages of those calls, except where the
 * kernel source says otherwise (noted inline):
 *   - unlink(2) of a directory returns EPERM (kern_funlinkat, "POSIX");
 *   - __getcwd returns 0 on success, ENOMEM when the buffer is too small
 *     and EINVAL when it is shorter than 2 bytes (vfs_cache.c); ERANGE is
 *     libc getcwd(3)'s translation, not the system call's;
 *   - getdirentries stores the offset the read started at in *basep;
 *   - the AT_* flags each *at call accepts (vfs_syscalls.c): faccessat
 *     AT_EACCESS, AT_RESOLVE_BENEATH, AT_EMPTY_PATH (kern_accessat);
 *     unlinkat AT_REMOVEDIR, AT_RESOLVE_BENEATH (kern_funlinkat_ex); any
 *     other bit EINVAL before the lookup. (Linux gives AT_EACCESS and
 *     AT_REMOVEDIR the same value: unlinkat with FreeBSD's AT_EACCESS must
 *     not remove a directory.)
 * xrun-covers: __getcwd access chdir close exit faccessat fchdir
 * xrun-covers: freebsd11_getdirentries getdirentries lseek mkdir mkdirat open
 * xrun-covers: readlink readlinkat rename renameat rmdir unlink unlinkat write
 */
#include "rt.h"

#define DIR "/tmp/xrun-tb-dirs-scratch"

static char dbuf[4096];

struct ent { char name[64]; int type; int namlen; int reclen_ok; };

static const char *tname(int t)
{
	switch (t) {
	case DT_DIR: return "DT_DIR";
	case DT_REG: return "DT_REG";
	case DT_UNKNOWN: return "DT_UNKNOWN";
	default: return "other";
	}
}

static void sort(struct ent *e, int n)
{
	int i, j;
	for (i = 1; i < n; i++)
		for (j = i; j > 0 && rt_strcmp(e[j - 1].name, e[j].name) > 0; j--) {
			struct ent t = e[j];
			e[j] = e[j - 1];
			e[j - 1] = t;
		}
}

static void show(struct ent *e, int n)
{
	int i;
	sort(e, n);
	rt_expect_eq("  entries", n, 5);
	for (i = 0; i < n; i++)
		rt_expect_true(rt_desc("  %q type=%s namlen=%d reclen-aligned", e[i].name,
		    tname(e[i].type), e[i].namlen), e[i].reclen_ok);
}

static void touch(const char *path)
{
	long fd = sys_open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (fd >= 0) {
		sys_write((int)fd, "hello", 5);
		sys_close((int)fd);
	}
}

int main(int argc, char **argv, char **envp)
{
	char buf[1100], longname[300];
	struct ent ents[16];
	long dfd, lfd, ffd, r, base;
	int n, off;

	(void)argc; (void)argv; (void)envp;
	rt_rmtree(DIR);

	/* creation */
	rt_expect_ret("mkdir(DIR, 0755)", sys_mkdir(DIR, 0755), 0);
	rt_expect_ret("mkdir(DIR, 0755) again", sys_mkdir(DIR, 0755), -EEXIST);
	rt_expect_ret("mkdir(\"/nonexistent/x\", 0755)", sys_mkdir("/nonexistent/x", 0755), -ENOENT);
	memset(longname, 'n', sizeof longname - 1);
	longname[sizeof longname - 1] = 0;
	rt_expect_ret("mkdir(<299-byte name>, 0755)", sys_mkdir(longname, 0755), -ENAMETOOLONG);

	/* working directory */
	rt_expect_ret("chdir(DIR)", sys_chdir(DIR), 0);
	memset(buf, 0, sizeof buf);
	rt_expect_ret("__getcwd(buf, 1024)", sys___getcwd(buf, 1024), 0);
	rt_expect_str("  buf", buf, DIR);
	rt_expect_ret("__getcwd(buf, 5)", sys___getcwd(buf, 5), -ENOMEM);
	rt_expect_ret("__getcwd(buf, 1)", sys___getcwd(buf, 1), -EINVAL);
	rt_expect_ret("chdir(\"/nonexistent\")", sys_chdir("/nonexistent"), -ENOENT);

	/* relative creation: mkdirat and files */
	rt_expect_ret("mkdirat(AT_FDCWD, \"sub\", 0755)", sys_mkdirat(AT_FDCWD, "sub", 0755), 0);
	dfd = sys_open(DIR, O_RDONLY | O_DIRECTORY, 0);
	rt_expect_ok("open(DIR, O_RDONLY|O_DIRECTORY)", dfd);
	rt_expect_ret("mkdirat(dirfd, \"list\", 0755)", sys_mkdirat((int)dfd, "list", 0755), 0);
	rt_expect_ret("mkdirat(dirfd, \"list\", 0755) again", sys_mkdirat((int)dfd, "list", 0755), -EEXIST);
	rt_expect_ret("mkdirat(999, \"x\", 0755)", sys_mkdirat(999, "x", 0755), -EBADF);
	touch("file");
	touch("list/alpha");
	touch("list/beta");
	rt_expect_ret("mkdir(\"list/gamma\", 0755)", sys_mkdir("list/gamma", 0755), 0);
	rt_expect_ret("chdir(\"file\")", sys_chdir("file"), -ENOTDIR);

	/* getdirentries: ino64 struct dirent */
	lfd = sys_open("list", O_RDONLY | O_DIRECTORY, 0);
	rt_expect_ok("open(\"list\", O_RDONLY|O_DIRECTORY)", lfd);
	base = -1;
	r = sys_getdirentries((int)lfd, dbuf, sizeof dbuf, &base);
	rt_expect_true("getdirentries(fd, buf, 4096, &base) > 0", r > 0);
	rt_expect_eq("  *basep (offset the read started at)", base, 0);
	for (n = 0, off = 0; r > 0 && off < r && n < 16; n++) {
		struct dirent *d = (struct dirent *)(dbuf + off);
		rt_strcpy(ents[n].name, d->d_namlen < 60 ? d->d_name : "?");
		ents[n].type = d->d_type;
		ents[n].namlen = d->d_namlen;
		ents[n].reclen_ok = d->d_reclen % 8 == 0 && d->d_reclen >= 24 + d->d_namlen + 1 &&
		    (int)rt_strlen(d->d_name) == d->d_namlen && d->d_fileno != 0;
		if (d->d_reclen == 0)
			break;
		off += d->d_reclen;
	}
	show(ents, n);
	rt_expect_ret("getdirentries(fd, buf, 4096, &base) at end", sys_getdirentries((int)lfd, dbuf, sizeof dbuf, &base), 0);

	/* freebsd11_getdirentries: the old 8-byte-header dirent */
	rt_expect_ret("lseek(fd, 0, SEEK_SET)", sys_lseek((int)lfd, 0, SEEK_SET), 0);
	base = -1;
	r = sys_freebsd11_getdirentries((int)lfd, dbuf, sizeof dbuf, &base);
	rt_expect_true("freebsd11_getdirentries(fd, buf, 4096, &base) > 0", r > 0);
	rt_expect_eq("  *basep", base, 0);
	for (n = 0, off = 0; r > 0 && off < r && n < 16; n++) {
		struct freebsd11_dirent *d = (struct freebsd11_dirent *)(dbuf + off);
		rt_strcpy(ents[n].name, d->d_namlen < 60 ? d->d_name : "?");
		ents[n].type = d->d_type;
		ents[n].namlen = d->d_namlen;
		ents[n].reclen_ok = d->d_reclen % 4 == 0 && d->d_reclen >= 8 + d->d_namlen + 1 &&
		    (int)rt_strlen(d->d_name) == d->d_namlen && d->d_fileno != 0;
		if (d->d_reclen == 0)
			break;
		off += d->d_reclen;
	}
	show(ents, n);
	rt_expect_ret("freebsd11_getdirentries(fd, buf, 4096, &base) at end",
	    sys_freebsd11_getdirentries((int)lfd, dbuf, sizeof dbuf, &base), 0);
	sys_close((int)lfd);
	ffd = sys_open("file", O_RDONLY, 0);
	rt_expect_ret("getdirentries(regular file fd, ...)", sys_getdirentries((int)ffd, dbuf, sizeof dbuf, &base), -EINVAL);
	rt_expect_ret("getdirentries(999, ...)", sys_getdirentries(999, dbuf, sizeof dbuf, &base), -EBADF);
	rt_expect_ret("freebsd11_getdirentries(999, ...)",
	    sys_freebsd11_getdirentries(999, dbuf, sizeof dbuf, &base), -EBADF);

	/* access / faccessat (file created 0600 by its owner) */
	rt_expect_ret("access(\"file\", F_OK)", sys_access("file", F_OK), 0);
	rt_expect_ret("access(\"file\", R_OK|W_OK)", sys_access("file", R_OK | W_OK), 0);
	rt_expect_ret("access(\"file\", X_OK)", sys_access("file", X_OK), -EACCES);
	rt_expect_ret("access(DIR, X_OK)", sys_access(DIR, X_OK), 0);
	rt_expect_ret("access(\"/nonexistent\", F_OK)", sys_access("/nonexistent", F_OK), -ENOENT);
	rt_expect_ret("access(\"file\", 0x100)", sys_access("file", 0x100), -EINVAL);
	rt_expect_ret("access(\"file/x\", F_OK)", sys_access("file/x", F_OK), -ENOTDIR);
	rt_expect_ret("faccessat(dirfd, \"file\", R_OK, 0)", sys_faccessat((int)dfd, "file", R_OK, 0), 0);
	rt_expect_ret("faccessat(dirfd, \"file\", R_OK, AT_EACCESS)",
	    sys_faccessat((int)dfd, "file", R_OK, AT_EACCESS), 0);
	rt_expect_ret("faccessat(dirfd, \"nope\", F_OK, 0)", sys_faccessat((int)dfd, "nope", F_OK, 0), -ENOENT);
	rt_expect_ret("faccessat(dirfd, \"file\", R_OK, 0x1)", sys_faccessat((int)dfd, "file", R_OK, 0x1), -EINVAL);
	rt_expect_ret("faccessat(dirfd, \"file\", R_OK, AT_REMOVEDIR)",
	    sys_faccessat((int)dfd, "file", R_OK, AT_REMOVEDIR), -EINVAL);
	rt_expect_ret("faccessat(dirfd, \"file\", R_OK, AT_SYMLINK_NOFOLLOW)",
	    sys_faccessat((int)dfd, "file", R_OK, AT_SYMLINK_NOFOLLOW), -EINVAL);
	rt_expect_ret("faccessat(999, \"file\", F_OK, 0)", sys_faccessat(999, "file", F_OK, 0), -EBADF);

	/* readlink on things that are not symbolic links */
	rt_expect_ret("readlink(\"file\", buf, 100)", sys_readlink("file", buf, 100), -EINVAL);
	rt_expect_ret("readlink(\"/nonexistent\", buf, 100)", sys_readlink("/nonexistent", buf, 100), -ENOENT);
	rt_expect_ret("readlinkat(dirfd, \"file\", buf, 100)", sys_readlinkat((int)dfd, "file", buf, 100), -EINVAL);
	rt_expect_ret("readlinkat(999, \"file\", buf, 100)", sys_readlinkat(999, "file", buf, 100), -EBADF);

	/* rename / renameat */
	rt_expect_ret("rename(\"file\", \"file2\")", sys_rename("file", "file2"), 0);
	rt_expect_ret("access(\"file\", F_OK)", sys_access("file", F_OK), -ENOENT);
	rt_expect_ret("rename(\"missing\", \"x\")", sys_rename("missing", "x"), -ENOENT);
	rt_expect_ret("rename(\"file2\", \"sub\") [file onto dir]", sys_rename("file2", "sub"), -EISDIR);
	rt_expect_ret("rename(\"sub\", \"file2\") [dir onto file]", sys_rename("sub", "file2"), -ENOTDIR);
	rt_expect_ret("rename(\"sub\", \"list\") [onto non-empty dir]", sys_rename("sub", "list"), -ENOTEMPTY);
	rt_expect_ret("rename(\"sub\", \"sub/inner\") [into itself]", sys_rename("sub", "sub/inner"), -EINVAL);
	rt_expect_ret("renameat(dirfd, \"file2\", dirfd, \"file3\")",
	    sys_renameat((int)dfd, "file2", (int)dfd, "file3"), 0);
	rt_expect_ret("renameat(999, \"file3\", dirfd, \"x\")", sys_renameat(999, "file3", (int)dfd, "x"), -EBADF);

	/* fchdir */
	rt_expect_ret("chdir(\"/\")", sys_chdir("/"), 0);
	rt_expect_ret("fchdir(dirfd)", sys_fchdir((int)dfd), 0);
	memset(buf, 0, sizeof buf);
	rt_expect_ret("__getcwd(buf, 1024)", sys___getcwd(buf, 1024), 0);
	rt_expect_str("  buf", buf, DIR);
	rt_expect_ret("fchdir(regular file fd)", sys_fchdir((int)ffd), -ENOTDIR);
	rt_expect_ret("fchdir(999)", sys_fchdir(999), -EBADF);
	sys_close((int)ffd);

	/* removal */
	touch("sub/f");
	rt_expect_ret("rmdir(\"sub\") [not empty]", sys_rmdir("sub"), -ENOTEMPTY);
	rt_expect_ret("rmdir(\"file3\")", sys_rmdir("file3"), -ENOTDIR);
	rt_expect_ret("rmdir(\"missing\")", sys_rmdir("missing"), -ENOENT);
	rt_expect_ret("rmdir(\"sub/.\")", sys_rmdir("sub/."), -EINVAL);
	rt_expect_ret("unlink(\"sub\") [a directory]", sys_unlink("sub"), -EPERM);
	rt_expect_ret("unlinkat(dirfd, \"sub\", 0) [a directory]", sys_unlinkat((int)dfd, "sub", 0), -EPERM);
	rt_expect_ret("unlinkat(dirfd, \"sub/f\", 0)", sys_unlinkat((int)dfd, "sub/f", 0), 0);
	rt_expect_ret("unlinkat(dirfd, \"file3\", AT_REMOVEDIR)",
	    sys_unlinkat((int)dfd, "file3", AT_REMOVEDIR), -ENOTDIR);
	rt_expect_ret("unlinkat(dirfd, \"sub\", 0x1)", sys_unlinkat((int)dfd, "sub", 0x1), -EINVAL);
	rt_expect_ret("unlinkat(dirfd, \"sub\", AT_EACCESS) [empty directory]",
	    sys_unlinkat((int)dfd, "sub", AT_EACCESS), -EINVAL);
	rt_expect_ret("unlinkat(dirfd, \"sub\", AT_EACCESS|AT_REMOVEDIR)",
	    sys_unlinkat((int)dfd, "sub", AT_EACCESS | AT_REMOVEDIR), -EINVAL);
	rt_expect_ret("unlinkat(dirfd, \"sub\", AT_SYMLINK_NOFOLLOW)",
	    sys_unlinkat((int)dfd, "sub", AT_SYMLINK_NOFOLLOW), -EINVAL);
	rt_expect_ret("  access(\"sub\", F_OK) (still there)", sys_access("sub", F_OK), 0);
	rt_expect_ret("unlinkat(dirfd, \"sub\", AT_REMOVEDIR)", sys_unlinkat((int)dfd, "sub", AT_REMOVEDIR), 0);
	rt_expect_ret("unlinkat(dirfd, \"list\", AT_REMOVEDIR) [not empty]",
	    sys_unlinkat((int)dfd, "list", AT_REMOVEDIR), -ENOTEMPTY);
	rt_expect_ret("unlink(\"file3\")", sys_unlink("file3"), 0);
	rt_expect_ret("unlink(\"file3\") again", sys_unlink("file3"), -ENOENT);
	rt_expect_ret("unlink(\"list/alpha\")", sys_unlink("list/alpha"), 0);
	rt_expect_ret("unlink(\"list/beta\")", sys_unlink("list/beta"), 0);
	rt_expect_ret("rmdir(\"list/gamma\")", sys_rmdir("list/gamma"), 0);
	rt_expect_ret("rmdir(\"list\")", sys_rmdir("list"), 0);
	sys_close((int)dfd);
	rt_expect_ret("chdir(\"/\")", sys_chdir("/"), 0);
	rt_expect_ret("rmdir(DIR)", sys_rmdir(DIR), 0);
	return rt_finish();
}
