/*
 * mknod - special files.
 * Covers: mknodat(559) freebsd11_mknod(14) freebsd11_mknodat(498).
 * Expected results: mknod(2) and kern_mknodat (sys/kern/vfs_syscalls.c):
 * S_IFIFO with dev 0 makes a FIFO (as mkfifo); S_IFIFO with another dev,
 * S_IFREG, S_IFDIR, S_IFSOCK are EINVAL, checked before the path is looked
 * up; S_IFCHR/S_IFBLK need privilege (EPERM) and dev VNOVAL (-1) is EINVAL;
 * the node gets mode & ALLPERMS less the umask; st_rdev reads back the
 * makedev() given (sys/sys/types.h: __makedev(1, 3) = 0x103); the usual
 * path errors EEXIST, ENOENT. The FreeBSD 11 forms take a 32-bit dev_t.
 * xrun-covers: chdir close exit freebsd11_mknod freebsd11_mknodat fstatat
 * xrun-covers: getdirentries geteuid mkdir mknodat open rmdir umask unlink write
 */
#include "rt.h"

#define DIR "/tmp/xrun-tb-mknod-scratch"
#define NR_umask 60
#define NR_mknodat 559
#define NR_freebsd11_mknod 14
#define NR_freebsd11_mknodat 498

static struct stat st;

static long mode_of(const char *p)
{
	return sys_fstatat(AT_FDCWD, p, &st, AT_SYMLINK_NOFOLLOW) == 0 ? (long)st.st_mode : -1;
}

int main(int argc, char **argv, char **envp)
{
	(void)argc; (void)argv; (void)envp;
	rt_rmtree(DIR);
	sys_mkdir(DIR, 0755);
	rt_expect_ret("chdir(DIR)", sys_chdir(DIR), 0);
	SC1(NR_umask, 022);
	long euid = sys_geteuid();

	rt_expect_ret("mknodat(AT_FDCWD, \"fifo\", S_IFIFO|0666, 0)", SC4(NR_mknodat, AT_FDCWD, "fifo", S_IFIFO | 0666, 0), 0);
	rt_expect_oct("  st_mode", (unsigned long)mode_of("fifo"), S_IFIFO | 0644);
	rt_expect_ret("mknodat(AT_FDCWD, \"fifo\", S_IFIFO|0666, 0) again", SC4(NR_mknodat, AT_FDCWD, "fifo", S_IFIFO | 0666, 0), -EEXIST);
	rt_expect_ret("mknodat(AT_FDCWD, \"no/fifo\", S_IFIFO|0666, 0)", SC4(NR_mknodat, AT_FDCWD, "no/fifo", S_IFIFO | 0666, 0), -ENOENT);
	rt_expect_ret("mknodat(AT_FDCWD, \"fifo2\", S_IFIFO|0666, 5)", SC4(NR_mknodat, AT_FDCWD, "fifo2", S_IFIFO | 0666, 5), -EINVAL);
	rt_expect_ret("mknodat(AT_FDCWD, \"reg\", S_IFREG|0644, 0)", SC4(NR_mknodat, AT_FDCWD, "reg", S_IFREG | 0644, 0), -EINVAL);
	rt_expect_ret("mknodat(AT_FDCWD, \"dir\", S_IFDIR|0755, 0)", SC4(NR_mknodat, AT_FDCWD, "dir", S_IFDIR | 0755, 0), -EINVAL);
	rt_expect_ret("mknodat(AT_FDCWD, \"sock\", S_IFSOCK|0644, 0)", SC4(NR_mknodat, AT_FDCWD, "sock", S_IFSOCK | 0644, 0), -EINVAL);
	rt_expect_ret("mknodat(AT_FDCWD, \"no/reg\", S_IFREG|0644, 0) [type checked first]", SC4(NR_mknodat, AT_FDCWD, "no/reg", S_IFREG | 0644, 0), -EINVAL);
	long d = sys_open(".", O_RDONLY | O_DIRECTORY, 0);
	rt_expect_ret("mknodat(dirfd, \"fifo3\", S_IFIFO|0640, 0)", SC4(NR_mknodat, d, "fifo3", S_IFIFO | 0640, 0), 0);
	rt_expect_oct("  st_mode", (unsigned long)mode_of("fifo3"), S_IFIFO | 0640);
	sys_close((int)d);

	long r = SC4(NR_mknodat, AT_FDCWD, "null", S_IFCHR | 0600, 0x103);
	int ok = euid == 0 ? r == 0 && mode_of("null") == (S_IFCHR | 0600) && st.st_rdev == 0x103 : r == -EPERM;
	rt_expect_true("mknodat(AT_FDCWD, \"null\", S_IFCHR|0600, makedev(1, 3)): as root a node with st_rdev 0x103, else EPERM", ok);
	r = SC4(NR_mknodat, AT_FDCWD, "blk", S_IFBLK | 0600, -1);
	rt_expect_true("mknodat(AT_FDCWD, \"blk\", S_IFBLK|0600, VNOVAL): EINVAL as root, else EPERM", r == (euid == 0 ? -EINVAL : -EPERM));

	rt_expect_ret("freebsd11_mknod(\"fifo4\", S_IFIFO|0600, 0)", SC3(NR_freebsd11_mknod, "fifo4", S_IFIFO | 0600, 0), 0);
	rt_expect_oct("  st_mode", (unsigned long)mode_of("fifo4"), S_IFIFO | 0600);
	rt_expect_ret("freebsd11_mknod(\"reg2\", S_IFREG|0600, 0)", SC3(NR_freebsd11_mknod, "reg2", S_IFREG | 0600, 0), -EINVAL);
	rt_expect_ret("freebsd11_mknodat(AT_FDCWD, \"fifo5\", S_IFIFO|0600, 0)", SC4(NR_freebsd11_mknodat, AT_FDCWD, "fifo5", S_IFIFO | 0600, 0), 0);
	rt_expect_ret("freebsd11_mknodat(AT_FDCWD, \"fifo5\", S_IFIFO|0600, 0) again", SC4(NR_freebsd11_mknodat, AT_FDCWD, "fifo5", S_IFIFO | 0600, 0), -EEXIST);

	sys_chdir("/");
	rt_rmtree(DIR);
	return rt_finish();
}
