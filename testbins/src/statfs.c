/*
 * statfs - file system statistics.
 * Covers: statfs(555) fstatfs(556) getfsstat(557) freebsd11_statfs(396)
 *         freebsd11_fstatfs(397) freebsd11_getfsstat(395).
 * Expected results: statfs(2) and getfsstat(2), with sys/sys/mount.h for
 * the structures. statfs(2): f_version is STATFS_VERSION (0x20140518; the
 * FreeBSD 11 structure carries FREEBSD11_STATFS_VERSION 0x20030518),
 * f_bsize is the block size f_blocks/f_bfree/f_bavail count in, f_bavail
 * is at most f_bfree, f_mntonname is the directory the file system is
 * mounted on ("/" for a file under the root file system that is not under
 * another mount: /bin), f_flags has MNT_ROOTFS for the root file system
 * and MNT_LOCAL for a local one, f_owner is the user who mounted it (root,
 * 0, for "/"), f_fsid is zeroed for callers other than root
 * (kern_do_statfs, PRIV_VFS_GENERATION); the counters f_syncwrites..
 * f_asyncreads are the kernel's and are not checked;
 * errors ENOTDIR, ENOENT, EFAULT (path or buf), and for fstatfs EBADF; a
 * descriptor with no vnode (a pipe) is EINVAL (kern_fstatfs: getvnode).
 * getfsstat(2): with buf NULL (or bufsize 0) it returns the number of
 * mounted file systems; otherwise it fills at most bufsize / sizeof(struct
 * statfs) entries and returns how many it filled; mode other than
 * MNT_WAIT/MNT_NOWAIT and a negative bufsize are EINVAL; a bad buf is
 * EFAULT. The numbers (sizes, counts) vary by machine, so only relations
 * between them are printed. /proc is optional on FreeBSD: when present it
 * is procfs.
 * xrun-covers: close exit freebsd11_fstatfs freebsd11_getfsstat freebsd11_statfs
 * xrun-covers: fstatfs geteuid getfsstat open pipe2 statfs write
 */
#include "rt.h"

#define MAXFS 64

static struct statfs sf, sf2, all[MAXFS];
static struct freebsd11_statfs of, oall[MAXFS];

static long sys_statfs(const char *p, struct statfs *b) { return SC2(NR_statfs, p, b); }
static long sys_fstatfs(long fd, struct statfs *b) { return SC2(NR_fstatfs, fd, b); }
static long sys_getfsstat(void *b, long size, int mode) { return SC3(NR_getfsstat, b, size, mode); }
static long sys_statfs11(const char *p, struct freebsd11_statfs *b) { return SC2(NR_freebsd11_statfs, p, b); }
static long sys_fstatfs11(long fd, struct freebsd11_statfs *b) { return SC2(NR_freebsd11_fstatfs, fd, b); }
static long sys_getfsstat11(void *b, long size, int mode) { return SC3(NR_freebsd11_getfsstat, b, size, mode); }

/* the fields a FreeBSD 11 structure shares with a new one */
static int same11(const struct freebsd11_statfs *o, const struct statfs *n)
{
	return o->f_type == n->f_type && o->f_flags == n->f_flags && o->f_bsize == n->f_bsize
	    && o->f_iosize == n->f_iosize && o->f_blocks == n->f_blocks && o->f_files == n->f_files
	    && o->f_namemax == n->f_namemax && rt_strcmp(o->f_fstypename, n->f_fstypename) == 0
	    && rt_strcmp(o->f_mntonname, n->f_mntonname) == 0
	    && rt_strncmp(o->f_mntfromname, n->f_mntfromname, FREEBSD11_MNAMELEN - 1) == 0;
}

int main(int argc, char **argv, char **envp)
{
	(void)argc; (void)argv; (void)envp;

	/* statfs of the root file system */
	rt_expect_ret("statfs(\"/\", &sf)", sys_statfs("/", &sf), 0);
	rt_expect_hex("  f_version", sf.f_version, STATFS_VERSION);
	rt_expect_str("  f_mntonname", sf.f_mntonname, "/");
	rt_expect_true("  f_flags has MNT_ROOTFS", (sf.f_flags & MNT_ROOTFS) != 0);
	rt_expect_true("  f_fstypename is not empty", sf.f_fstypename[0] != 0);
	rt_expect_true("  f_mntfromname is not empty", sf.f_mntfromname[0] != 0);
	rt_expect_true("  f_bsize > 0", sf.f_bsize > 0);
	rt_expect_true("  f_iosize > 0", sf.f_iosize > 0);
	rt_expect_true("  f_blocks > 0", sf.f_blocks > 0);
	rt_expect_true("  f_blocks >= f_bfree", sf.f_blocks >= sf.f_bfree);
	rt_expect_true("  f_bavail <= f_bfree", sf.f_bavail <= (int64_t)sf.f_bfree);
	rt_expect_true("  f_namemax >= 255", sf.f_namemax >= 255);
	rt_expect_true("  f_flags has MNT_LOCAL", (sf.f_flags & MNT_LOCAL) != 0);
	rt_expect_eq("  f_owner", sf.f_owner, 0);
	rt_expect_true("  f_fsid is set for root, zero for other users",
	    sys_geteuid() == 0 ? (sf.f_fsid.val[0] | sf.f_fsid.val[1]) != 0 : (sf.f_fsid.val[0] | sf.f_fsid.val[1]) == 0);

	rt_expect_ret("statfs(\"/bin\", &sf2)", sys_statfs("/bin", &sf2), 0);
	rt_expect_str("  f_mntonname", sf2.f_mntonname, "/");
	rt_expect_true("  same f_fstypename and f_blocks as \"/\"",
	    rt_strcmp(sf2.f_fstypename, sf.f_fstypename) == 0 && sf2.f_blocks == sf.f_blocks);

	long fd = sys_open("/", O_RDONLY, 0);
	rt_expect_true("open(\"/\", O_RDONLY) >= 0", fd >= 0);
	memset(&sf2, 0x55, sizeof sf2);
	rt_expect_ret("fstatfs(fd, &sf2)", sys_fstatfs(fd, &sf2), 0);
	rt_expect_true("  same f_version, f_fstypename, f_mntonname, f_mntfromname, f_flags, f_bsize, f_blocks",
	    sf2.f_version == STATFS_VERSION && rt_strcmp(sf2.f_fstypename, sf.f_fstypename) == 0
	    && rt_strcmp(sf2.f_mntonname, "/") == 0 && rt_strcmp(sf2.f_mntfromname, sf.f_mntfromname) == 0
	    && sf2.f_flags == sf.f_flags && sf2.f_bsize == sf.f_bsize && sf2.f_blocks == sf.f_blocks);

	/* /dev is always a mount of its own; /proc is optional (procfs) */
	rt_expect_ret("statfs(\"/dev\", &sf2)", sys_statfs("/dev", &sf2), 0);
	rt_expect_str("  f_mntonname", sf2.f_mntonname, "/dev");
	rt_expect_true("  f_flags lacks MNT_ROOTFS", (sf2.f_flags & MNT_ROOTFS) == 0);
	long r = sys_statfs("/proc/self", &sf2);
	rt_expect_true("statfs(\"/proc/self\"): ENOENT, or procfs mounted on /proc",
	    r == -ENOENT || (r == 0 && rt_strcmp(sf2.f_fstypename, "procfs") == 0
	                     && rt_strcmp(sf2.f_mntonname, "/proc") == 0));

	/* errors */
	rt_expect_ret("statfs(\"/nonexistent\", &sf2)", sys_statfs("/nonexistent", &sf2), -ENOENT);
	rt_expect_ret("statfs(\"\", &sf2)", sys_statfs("", &sf2), -ENOENT);
	rt_expect_ret("statfs(\"/etc/passwd/x\", &sf2)", sys_statfs("/etc/passwd/x", &sf2), -ENOTDIR);
	rt_expect_ret("statfs(NULL, &sf2)", sys_statfs(0, &sf2), -EFAULT);
	rt_expect_ret("statfs(\"/\", NULL)", sys_statfs("/", 0), -EFAULT);
	rt_expect_ret("fstatfs(-1, &sf2)", sys_fstatfs(-1, &sf2), -EBADF);
	rt_expect_ret("fstatfs(99, &sf2)", sys_fstatfs(99, &sf2), -EBADF);
	rt_expect_ret("fstatfs(fd, NULL)", sys_fstatfs(fd, 0), -EFAULT);
	int p[2];
	sys_pipe2(p, 0);
	rt_expect_ret("fstatfs(pipe, &sf2)", sys_fstatfs(p[0], &sf2), -EINVAL);
	sys_close(p[0]);
	sys_close(p[1]);

	/* FreeBSD 11 layout */
	rt_expect_ret("freebsd11_statfs(\"/\", &of)", sys_statfs11("/", &of), 0);
	rt_expect_hex("  f_version", of.f_version, FREEBSD11_STATFS_VERSION);
	rt_expect_true("  agrees with statfs(\"/\")", same11(&of, &sf));
	memset(&of, 0x55, sizeof of);
	rt_expect_ret("freebsd11_fstatfs(fd, &of)", sys_fstatfs11(fd, &of), 0);
	rt_expect_true("  agrees with statfs(\"/\")", of.f_version == FREEBSD11_STATFS_VERSION && same11(&of, &sf));
	rt_expect_ret("freebsd11_statfs(\"/nonexistent\", &of)", sys_statfs11("/nonexistent", &of), -ENOENT);
	rt_expect_ret("freebsd11_fstatfs(-1, &of)", sys_fstatfs11(-1, &of), -EBADF);
	sys_close(fd);

	/* getfsstat */
	long n = sys_getfsstat(0, 0, MNT_NOWAIT);
	rt_expect_true("getfsstat(NULL, 0, MNT_NOWAIT) > 0", n > 0);
	long want = n < MAXFS ? n : MAXFS;
	rt_expect_true("getfsstat(all, sizeof all, MNT_NOWAIT) == min(count, 64)",
	    sys_getfsstat(all, sizeof all, MNT_NOWAIT) == want);
	int root = -1, versions = 1, named = 1;
	for (long i = 0; i < want; i++) {
		if (all[i].f_version != STATFS_VERSION) versions = 0;
		if (all[i].f_fstypename[0] == 0 || all[i].f_mntonname[0] != '/') named = 0;
		if (rt_strcmp(all[i].f_mntonname, "/") == 0) root = (int)i;
	}
	rt_expect_true("  every entry has f_version STATFS_VERSION", versions);
	rt_expect_true("  every entry has a type and an absolute f_mntonname", named);
	rt_expect_true("  one entry is mounted on \"/\"", root >= 0);
	rt_expect_true("  it has MNT_ROOTFS, the f_fstypename and f_blocks of statfs(\"/\")",
	    root >= 0 && (all[root].f_flags & MNT_ROOTFS) != 0
	    && rt_strcmp(all[root].f_fstypename, sf.f_fstypename) == 0 && all[root].f_blocks == sf.f_blocks);
	rt_expect_true("getfsstat(NULL, 0, MNT_WAIT) == count", sys_getfsstat(0, 0, MNT_WAIT) == n);
	rt_expect_true("getfsstat(all, 0, MNT_NOWAIT) == count", sys_getfsstat(all, 0, MNT_NOWAIT) == n);
	rt_expect_ret("getfsstat(all, sizeof(struct statfs), MNT_WAIT)", sys_getfsstat(all, sizeof(struct statfs), MNT_WAIT), 1);
	rt_expect_ret("getfsstat(all, sizeof(struct statfs) - 1, MNT_NOWAIT)", sys_getfsstat(all, sizeof(struct statfs) - 1, MNT_NOWAIT), 0);
	rt_expect_ret("getfsstat(NULL, 0, 0)", sys_getfsstat(0, 0, 0), -EINVAL);
	rt_expect_ret("getfsstat(all, sizeof all, 3)", sys_getfsstat(all, sizeof all, 3), -EINVAL);
	rt_expect_ret("getfsstat(all, -1, MNT_NOWAIT)", sys_getfsstat(all, -1, MNT_NOWAIT), -EINVAL);
	rt_expect_ret("getfsstat((void *)8, sizeof all, MNT_NOWAIT)", sys_getfsstat((void *)8, sizeof all, MNT_NOWAIT), -EFAULT);

	rt_expect_true("freebsd11_getfsstat(NULL, 0, MNT_NOWAIT) == count", sys_getfsstat11(0, 0, MNT_NOWAIT) == n);
	rt_expect_true("freebsd11_getfsstat(oall, sizeof oall, MNT_NOWAIT) == min(count, 64)",
	    sys_getfsstat11(oall, sizeof oall, MNT_NOWAIT) == want);
	int agree = 1;
	for (long i = 0; i < want; i++) {
		if (oall[i].f_version != FREEBSD11_STATFS_VERSION
		    || rt_strcmp(oall[i].f_fstypename, all[i].f_fstypename) != 0
		    || rt_strncmp(oall[i].f_mntonname, all[i].f_mntonname, FREEBSD11_MNAMELEN - 1) != 0)
			agree = 0;
	}
	rt_expect_true("  every entry has FREEBSD11_STATFS_VERSION and the type and mount point of getfsstat's", agree);

	return rt_finish();
}
