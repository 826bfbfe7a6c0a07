/*
 * posixshm - POSIX shared memory objects.
 * Covers: shm_open2(571) freebsd12_shm_open(482) shm_unlink(483)
 *         shm_rename(572).
 * Expected results: shm_open(2) (shm_open2, memfd_create(3) and
 * shm_rename are in the same page on FreeBSD 14) and sys/kern/uipc_shm.c:
 * SHM_ANON ((char *)1) makes an anonymous object, refused with O_RDONLY
 * (EINVAL); the access mode must be O_RDONLY or O_RDWR and the only other
 * flags O_CREAT, O_EXCL, O_TRUNC, O_CLOEXEC (EINVAL); unknown shmflags are
 * EINVAL; the descriptor is close-on-exec only with O_CLOEXEC (libc's
 * shm_open adds it; FreeBSD 12's shm_open, syscall 482, always set it); a new object is a regular file of size 0 with mode
 * less the umask; names must begin with '/' (EINVAL: shm_copyin_path);
 * O_CREAT|O_EXCL on an existing name EEXIST, a missing name ENOENT;
 * shm_rename with SHM_RENAME_NOREPLACE (1) onto an existing name EEXIST,
 * with unknown flags EINVAL. Names carry the pid, so runs do not collide.
 * xrun-covers: close exit fcntl freebsd12_shm_open fstat ftruncate getpid mmap munmap
 * xrun-covers: pread pwrite shm_open2 shm_rename shm_unlink umask write
 */
#include "rt.h"

#define NR_freebsd12_shm_open 482
#define NR_shm_unlink 483
#define NR_shm_open2 571
#define NR_shm_rename 572
#define SHM_ANON ((char *)1)
#define SHM_ALLOW_SEALING 0x1
#define SHM_GROW_ON_WRITE 0x2
#define SHM_RENAME_NOREPLACE 0x1
#define NR_umask 60
#define NR_ftruncate 480

static long shm_open2(const char *p, int flags, int mode, int shmflags, const char *name)
{
	return SC5(NR_shm_open2, p, flags, mode, shmflags, name);
}

int main(int argc, char **argv, char **envp)
{
	(void)argc; (void)argv; (void)envp;
	struct stat st;
	char n1[64], n2[64], n3[64], buf[8];
	long pid = sys_getpid();
	rt_format(n1, sizeof n1, "/xrun-tb-shm-%ld-a", pid);
	rt_format(n2, sizeof n2, "/xrun-tb-shm-%ld-b", pid);
	rt_format(n3, sizeof n3, "/xrun-tb-shm-%ld-c", pid);

	/* anonymous */
	long fd = shm_open2(SHM_ANON, O_RDWR | O_CLOEXEC, 0600, 0, "xrun");
	rt_expect_true("shm_open2(SHM_ANON, O_RDWR|O_CLOEXEC, 0600, 0, \"xrun\") >= 0", fd >= 0);
	rt_expect_eq("  fcntl(F_GETFD)", sys_fcntl((int)fd, F_GETFD, 0), FD_CLOEXEC);
	rt_expect_ret("  fstat", sys_fstat((int)fd, &st), 0);
	rt_expect_true("  a regular file of size 0", S_ISREG(st.st_mode) && st.st_size == 0);
	rt_expect_ret("  ftruncate(fd, 4096)", SC2(NR_ftruncate, fd, 4096), 0);
	rt_expect_ret("  pwrite(fd, \"data\", 4, 100)", sys_pwrite((int)fd, "data", 4, 100), 4);
	char *m = (char *)sys_mmap(0, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, (int)fd, 0);
	rt_expect_true("  mmap(MAP_SHARED) sees the data", (long)m > 0 && memcmp(m + 100, "data", 4) == 0);
	sys_munmap(m, 4096);
	sys_close((int)fd);
	fd = shm_open2(SHM_ANON, O_RDWR, 0600, SHM_ALLOW_SEALING | SHM_GROW_ON_WRITE, 0);
	rt_expect_true("shm_open2(SHM_ANON, O_RDWR, 0600, SHM_ALLOW_SEALING|SHM_GROW_ON_WRITE, NULL) >= 0", fd >= 0);
	rt_expect_eq("  fcntl(F_GETFD)", sys_fcntl((int)fd, F_GETFD, 0), 0);
	sys_close((int)fd);
	rt_expect_ret("shm_open2(SHM_ANON, O_RDONLY, 0600, 0, NULL)", shm_open2(SHM_ANON, O_RDONLY, 0600, 0, 0), -EINVAL);
	rt_expect_ret("shm_open2(SHM_ANON, O_RDWR|O_APPEND, 0600, 0, NULL)", shm_open2(SHM_ANON, O_RDWR | O_APPEND, 0600, 0, 0), -EINVAL);
	rt_expect_ret("shm_open2(SHM_ANON, O_WRONLY, 0600, 0, NULL)", shm_open2(SHM_ANON, O_WRONLY, 0600, 0, 0), -EINVAL);
	rt_expect_ret("shm_open2(SHM_ANON, O_RDWR, 0600, 0x80, NULL)", shm_open2(SHM_ANON, O_RDWR, 0600, 0x80, 0), -EINVAL);

	/* named */
	SC1(NR_umask, 022);
	fd = shm_open2(n1, O_RDWR | O_CREAT | O_EXCL, 0660, 0, 0);
	rt_expect_true("shm_open2(\"/...-a\", O_RDWR|O_CREAT|O_EXCL, 0660, 0, NULL) >= 0", fd >= 0);
	sys_fstat((int)fd, &st);
	rt_expect_oct("  st_mode (umask 022)", st.st_mode, S_IFREG | 0640);
	rt_expect_ret("shm_open2(\"/...-a\", O_RDWR|O_CREAT|O_EXCL, 0660, 0, NULL) again", shm_open2(n1, O_RDWR | O_CREAT | O_EXCL, 0660, 0, 0), -EEXIST);
	long fd2 = shm_open2(n1, O_RDWR, 0, 0, 0);
	rt_expect_true("shm_open2(\"/...-a\", O_RDWR, 0, 0, NULL) opens it", fd2 >= 0);
	SC2(NR_ftruncate, fd, 16);
	sys_pwrite((int)fd, "shared", 6, 0);
	memset(buf, 0, sizeof buf);
	sys_pread((int)fd2, buf, 6, 0);
	rt_expect_str("  pread through the second descriptor", buf, "shared");
	sys_close((int)fd2);
	rt_expect_ret("shm_open2(\"xrun-no-slash\", O_RDWR|O_CREAT, 0600, 0, NULL)", shm_open2("xrun-no-slash", O_RDWR | O_CREAT, 0600, 0, 0), -EINVAL);
	rt_expect_ret("shm_open2(\"/...-b\" [missing], O_RDWR, 0, 0, NULL)", shm_open2(n2, O_RDWR, 0, 0, 0), -ENOENT);
	rt_expect_ret("shm_open2((char *)8, O_RDWR, 0, 0, NULL)", shm_open2((char *)8, O_RDWR, 0, 0, 0), -EFAULT);
	rt_expect_ret("shm_rename(\"/...-a\", \"/...-b\", 0)", SC3(NR_shm_rename, n1, n2, 0), 0);
	rt_expect_ret("  shm_open2(\"/...-a\", O_RDWR, 0, 0, NULL)", shm_open2(n1, O_RDWR, 0, 0, 0), -ENOENT);
	long fd3 = SC3(NR_freebsd12_shm_open, n3, O_RDWR | O_CREAT, 0600);
	rt_expect_true("freebsd12_shm_open(\"/...-c\", O_RDWR|O_CREAT, 0600) >= 0", fd3 >= 0);
	rt_expect_eq("  fcntl(F_GETFD) [always close-on-exec]", sys_fcntl((int)fd3, F_GETFD, 0), FD_CLOEXEC);
	sys_close((int)fd3);
	rt_expect_ret("shm_rename(\"/...-b\", \"/...-c\", SHM_RENAME_NOREPLACE)", SC3(NR_shm_rename, n2, n3, SHM_RENAME_NOREPLACE), -EEXIST);
	rt_expect_ret("shm_rename(\"/...-b\", \"/...-c\", 0x4)", SC3(NR_shm_rename, n2, n3, 0x4), -EINVAL);
	rt_expect_ret("shm_unlink(\"/...-b\")", SC1(NR_shm_unlink, n2), 0);
	rt_expect_ret("shm_unlink(\"/...-b\") again", SC1(NR_shm_unlink, n2), -ENOENT);
	rt_expect_ret("shm_unlink(\"/...-c\")", SC1(NR_shm_unlink, n3), 0);
	rt_expect_ret("shm_unlink(\"xrun-no-slash\")", SC1(NR_shm_unlink, "xrun-no-slash"), -EINVAL);
	memset(buf, 0, sizeof buf);
	sys_pread((int)fd, buf, 6, 0);
	rt_expect_str("  the unlinked object lives on through its descriptor", buf, "shared");
	sys_close((int)fd);
	return rt_finish();
}
