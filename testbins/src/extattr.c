/*
 * extattr - extended attributes.
 * Covers: extattr_set_file(356) extattr_get_file(357) extattr_delete_file(358)
 *         extattr_set_fd(371) extattr_get_fd(372) extattr_delete_fd(373)
 *         extattr_set_link(412) extattr_get_link(413) extattr_delete_link(414)
 *         extattr_list_fd(437) extattr_list_file(438) extattr_list_link(439).
 * Expected results: extattr(2) and sys/kern/vfs_extattr.c, sys/sys/extattr.h
 * (EXTATTR_NAMESPACE_USER 1, EXTATTR_NAMESPACE_SYSTEM 2). set returns the
 * bytes written; get and list read "in the style of read(2)": a short
 * buffer gets its first nbytes (uiomove stops at uio_resid), a NULL buffer
 * returns the size; a list entry is one length byte and the name, no NUL,
 * for the namespace asked only (the program sorts the entries: their order
 * is the file system's). A missing attribute is ENOATTR (87); an unknown
 * namespace is EPERM (extattr_check_cred); a name of EXTATTR_MAXNAMELEN
 * (255) bytes or more is ENAMETOOLONG (copyinstr); a bad name pointer is
 * EFAULT; the _link calls do not follow a symbolic link (the link itself
 * has no attributes: ENOATTR, empty list); the system namespace needs
 * privilege (PRIV_VFS_EXTATTR_SYSTEM: EPERM for other users).
 * The scratch directory must be on a file system with extended attributes
 * (UFS, ZFS; under xrun, one with Linux user xattrs).
 * xrun-covers: chdir close exit extattr_delete_fd extattr_delete_file
 * xrun-covers: extattr_delete_link extattr_get_fd extattr_get_file extattr_get_link
 * xrun-covers: extattr_list_fd extattr_list_file extattr_list_link extattr_set_fd
 * xrun-covers: extattr_set_file extattr_set_link getdirentries geteuid mkdir open
 * xrun-covers: rmdir symlink unlink write
 */
#include "rt.h"

#define DIR "/tmp/xrun-tb-extattr-scratch"
#define NR_extattr_set_file 356
#define NR_extattr_get_file 357
#define NR_extattr_delete_file 358
#define NR_extattr_set_fd 371
#define NR_extattr_get_fd 372
#define NR_extattr_delete_fd 373
#define NR_extattr_set_link 412
#define NR_extattr_get_link 413
#define NR_extattr_delete_link 414
#define NR_extattr_list_fd 437
#define NR_extattr_list_file 438
#define NR_extattr_list_link 439
#define USER 1
#define SYSTEM 2
#define NR_symlink 57

static char buf[512];

/* "  entries: a b c" with the names of a FreeBSD list, sorted */
static void entries(const char *what, const char *list, long n, const char *want)
{
	char names[16][64];
	int count = 0;
	for (long i = 0; i < n && count < 16;) {
		int len = (unsigned char)list[i];
		memcpy(names[count], list + i + 1, len);
		names[count][len] = 0;
		count++;
		i += 1 + len;
	}
	for (int i = 0; i < count; i++)
		for (int j = i + 1; j < count; j++)
			if (rt_strcmp(names[j], names[i]) < 0) {
				char t[64];
				rt_strcpy(t, names[i]);
				rt_strcpy(names[i], names[j]);
				rt_strcpy(names[j], t);
			}
	char line[512];
	line[0] = 0;
	for (int i = 0; i < count; i++) {
		if (i)
			rt_strcat(line, " ");
		rt_strcat(line, names[i]);
	}
	rt_expect_str(what, line, want);
}

int main(int argc, char **argv, char **envp)
{
	(void)argc; (void)argv; (void)envp;
	rt_rmtree(DIR);
	sys_mkdir(DIR, 0755);
	rt_expect_ret("chdir(DIR)", sys_chdir(DIR), 0);
	long fd = sys_open("f", O_RDWR | O_CREAT, 0644);
	rt_expect_true("open(\"f\", O_CREAT) >= 0", fd >= 0);
	SC2(NR_symlink, "f", "sym");

	rt_expect_ret("extattr_set_file(\"f\", USER, \"color\", \"blue\", 4)", SC5(NR_extattr_set_file, "f", USER, "color", "blue", 4), 4);
	rt_expect_ret("extattr_get_file(\"f\", USER, \"color\", NULL, 0)", SC5(NR_extattr_get_file, "f", USER, "color", 0, 0), 4);
	memset(buf, 0, sizeof buf);
	rt_expect_ret("extattr_get_file(\"f\", USER, \"color\", buf, 64)", SC5(NR_extattr_get_file, "f", USER, "color", buf, 64), 4);
	rt_expect_str("  buf", buf, "blue");
	memset(buf, 0, sizeof buf);
	rt_expect_ret("extattr_get_file(\"f\", USER, \"color\", buf, 2)", SC5(NR_extattr_get_file, "f", USER, "color", buf, 2), 2);
	rt_expect_str("  buf", buf, "bl");
	rt_expect_ret("extattr_get_file(\"f\", USER, \"color\", buf, 0)", SC5(NR_extattr_get_file, "f", USER, "color", buf, 0), 0);
	rt_expect_ret("extattr_set_fd(fd, USER, \"size\", \"large\", 5)", SC5(NR_extattr_set_fd, fd, USER, "size", "large", 5), 5);
	memset(buf, 0, sizeof buf);
	rt_expect_ret("extattr_get_fd(fd, USER, \"size\", buf, 64)", SC5(NR_extattr_get_fd, fd, USER, "size", buf, 64), 5);
	rt_expect_str("  buf", buf, "large");

	rt_expect_ret("extattr_list_file(\"f\", USER, NULL, 0)", SC4(NR_extattr_list_file, "f", USER, 0, 0), 11);
	long n = SC4(NR_extattr_list_fd, fd, USER, buf, 64);
	rt_expect_ret("extattr_list_fd(fd, USER, buf, 64)", n, 11);
	entries("  user entries", buf, n, "color size");
	rt_expect_ret("extattr_list_file(\"f\", USER, buf, 3)", SC4(NR_extattr_list_file, "f", USER, buf, 3), 3);
	rt_expect_ret("extattr_list_fd(fd, USER, buf, 0)", SC4(NR_extattr_list_fd, fd, USER, buf, 0), 0);

	/* errors */
	rt_expect_ret("extattr_get_file(\"f\", USER, \"missing\", buf, 64)", SC5(NR_extattr_get_file, "f", USER, "missing", buf, 64), -ENOATTR);
	rt_expect_ret("extattr_get_file(\"nofile\", USER, \"color\", buf, 64)", SC5(NR_extattr_get_file, "nofile", USER, "color", buf, 64), -ENOENT);
	rt_expect_ret("extattr_get_fd(99, USER, \"color\", buf, 64)", SC5(NR_extattr_get_fd, 99, USER, "color", buf, 64), -EBADF);
	rt_expect_ret("extattr_get_file(\"f\", 3, \"color\", buf, 64)", SC5(NR_extattr_get_file, "f", 3, "color", buf, 64), -EPERM);
	rt_expect_ret("extattr_set_file(\"f\", 3, \"color\", \"x\", 1)", SC5(NR_extattr_set_file, "f", 3, "color", "x", 1), -EPERM);
	rt_expect_ret("extattr_list_file(\"f\", 3, NULL, 0)", SC4(NR_extattr_list_file, "f", 3, 0, 0), -EPERM);
	char longname[300];
	memset(longname, 'n', sizeof longname);
	longname[255] = 0;
	rt_expect_ret("extattr_set_file(\"f\", USER, <255 bytes>, \"x\", 1)", SC5(NR_extattr_set_file, "f", USER, longname, "x", 1), -ENAMETOOLONG);
	rt_expect_ret("extattr_get_file(\"f\", USER, (char *)1, buf, 64)", SC5(NR_extattr_get_file, "f", USER, 1, buf, 64), -EFAULT);

	/* links: the _link calls act on the symbolic link itself */
	rt_expect_ret("extattr_get_file(\"sym\", USER, \"color\", buf, 64)", SC5(NR_extattr_get_file, "sym", USER, "color", buf, 64), 4);
	rt_expect_ret("extattr_get_link(\"sym\", USER, \"color\", buf, 64)", SC5(NR_extattr_get_link, "sym", USER, "color", buf, 64), -ENOATTR);
	rt_expect_ret("extattr_list_link(\"sym\", USER, NULL, 0)", SC4(NR_extattr_list_link, "sym", USER, 0, 0), 0);
	rt_expect_ret("extattr_list_link(\"f\", USER, NULL, 0)", SC4(NR_extattr_list_link, "f", USER, 0, 0), 11);
	rt_expect_ret("extattr_set_link(\"f\", USER, \"l\", \"x\", 1)", SC5(NR_extattr_set_link, "f", USER, "l", "x", 1), 1);
	rt_expect_ret("extattr_get_link(\"f\", USER, \"l\", buf, 64)", SC5(NR_extattr_get_link, "f", USER, "l", buf, 64), 1);
	rt_expect_ret("extattr_delete_link(\"f\", USER, \"l\")", SC3(NR_extattr_delete_link, "f", USER, "l"), 0);

	/* the system namespace: privileged, and listed apart from the user one */
	long euid = sys_geteuid();
	long r = SC5(NR_extattr_set_file, "f", SYSTEM, "sys", "1", 1);
	rt_expect_true("extattr_set_file(\"f\", SYSTEM, \"sys\", \"1\", 1): 1 as root, else EPERM", euid == 0 ? r == 1 : r == -EPERM);
	n = SC4(NR_extattr_list_file, "f", USER, buf, sizeof buf);
	rt_expect_ret("extattr_list_file(\"f\", USER, buf, 512)", n, 11);
	entries("  user entries", buf, n, "color size");
	n = SC4(NR_extattr_list_file, "f", SYSTEM, buf, sizeof buf);
	rt_expect_true("extattr_list_file(\"f\", SYSTEM, buf, 512): \\3sys as root, else EPERM",
	    euid == 0 ? n == 4 && buf[0] == 3 && memcmp(buf + 1, "sys", 3) == 0 : n == -EPERM);
	r = SC3(NR_extattr_delete_file, "f", SYSTEM, "sys");
	rt_expect_true("extattr_delete_file(\"f\", SYSTEM, \"sys\"): 0 as root, else EPERM", euid == 0 ? r == 0 : r == -EPERM);

	/* delete */
	rt_expect_ret("extattr_delete_file(\"f\", USER, \"color\")", SC3(NR_extattr_delete_file, "f", USER, "color"), 0);
	rt_expect_ret("extattr_delete_fd(fd, USER, \"size\")", SC3(NR_extattr_delete_fd, fd, USER, "size"), 0);
	rt_expect_ret("extattr_delete_file(\"f\", USER, \"color\") again", SC3(NR_extattr_delete_file, "f", USER, "color"), -ENOATTR);
	rt_expect_ret("extattr_delete_fd(99, USER, \"size\")", SC3(NR_extattr_delete_fd, 99, USER, "size"), -EBADF);
	n = SC4(NR_extattr_list_file, "f", USER, buf, 64);
	rt_expect_ret("extattr_list_file(\"f\", USER, buf, 64)", n, 0);
	entries("  no entries", buf, n, "");

	sys_close((int)fd);
	sys_chdir("/");
	rt_rmtree(DIR);
	return rt_finish();
}
