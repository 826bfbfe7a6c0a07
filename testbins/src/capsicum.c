/*
 * capsicum - capability mode: cap_enter(2), cap_getmode(2), and what a
 * process in capability mode may and may not do.
 * Covers: cap_enter(516) cap_getmode(517).
 * Expected results: cap_enter(2), cap_getmode(2), capsicum(4) and
 * sys/kern/capabilities.conf: after cap_enter, *modep is 1 (0 before); calls
 * reaching a global namespace fail with ECAPMODE (94): open(2), mkdir(2),
 * openat(AT_FDCWD, ...), kill(2) of another process, connect(2); calls on
 * descriptors opened before still work (read, write, fstat, socket(2) which
 * creates an unconnected socket); openat(dirfd, relative) works, while an
 * absolute path or a ".." above dirfd is ENOTCAPABLE (93,
 * sys/kern/vfs_lookup.c); a fork child is in capability mode too; there is
 * no way back (a second cap_enter succeeds and changes nothing).
 * xrun-covers: cap_enter cap_getmode close connect exit fork fstat getdirentries
 * xrun-covers: getpid getppid kill mkdir open openat pipe2 read rmdir socket unlink
 * xrun-covers: write
 */
#include "rt.h"

#define DIR "/tmp/xrun-tb-capsicum-scratch"
#define NR_cap_enter 516
#define NR_cap_getmode 517
#define NR_fork_ 2

int main(int argc, char **argv, char **envp)
{
	(void)argc; (void)argv; (void)envp;
	unsigned int mode = 7;
	rt_expect_ret("cap_getmode(&mode)", SC1(NR_cap_getmode, &mode), 0);
	rt_expect_eq("  mode", mode, 0);
	rt_rmtree(DIR);
	sys_mkdir(DIR, 0755);
	sys_mkdir(DIR "/sub", 0755);
	long f = sys_open(DIR "/sub/file", O_RDWR | O_CREAT, 0644);
	sys_write((int)f, "capsicum", 8);
	long dir = sys_open(DIR, O_RDONLY | O_DIRECTORY, 0);
	rt_expect_true("open(DIR) and a file in it before cap_enter", f >= 0 && dir >= 0);

	rt_expect_ret("cap_enter()", SC0(NR_cap_enter), 0);
	mode = 7;
	rt_expect_ret("cap_getmode(&mode)", SC1(NR_cap_getmode, &mode), 0);
	rt_expect_eq("  mode", mode, 1);
	rt_expect_ret("cap_getmode(NULL)", SC1(NR_cap_getmode, 0), -EFAULT);

	rt_expect_ret("open(\"/etc/passwd\", O_RDONLY)", sys_open("/etc/passwd", O_RDONLY, 0), -ECAPMODE);
	rt_expect_ret("open(\"sub/file\", O_RDONLY) [relative to the cwd]", sys_open("sub/file", O_RDONLY, 0), -ECAPMODE);
	rt_expect_ret("mkdir(DIR \"/new\", 0755)", sys_mkdir(DIR "/new", 0755), -ECAPMODE);
	rt_expect_ret("openat(AT_FDCWD, \"x\", O_RDONLY)", sys_openat(AT_FDCWD, "x", O_RDONLY, 0), -ECAPMODE);
	long g = sys_openat((int)dir, "sub/file", O_RDONLY, 0);
	rt_expect_true("openat(dir, \"sub/file\", O_RDONLY) >= 0", g >= 0);
	char buf[16];
	memset(buf, 0, sizeof buf);
	sys_read((int)g, buf, 8);
	rt_expect_str("  read", buf, "capsicum");
	long h = sys_openat((int)dir, "sub/../sub/./file", O_RDONLY, 0);
	rt_expect_true("openat(dir, \"sub/../sub/./file\", O_RDONLY) >= 0 [\"..\" that stays beneath]", h >= 0);
	rt_expect_ret("openat(dir, \"/etc/passwd\", O_RDONLY)", sys_openat((int)dir, "/etc/passwd", O_RDONLY, 0), -ENOTCAPABLE);
	rt_expect_ret("openat(dir, \"../x\", O_RDONLY)", sys_openat((int)dir, "../x", O_RDONLY, 0), -ENOTCAPABLE);
	rt_expect_ret("openat(dir, \"sub/../../x\", O_RDONLY)", sys_openat((int)dir, "sub/../../x", O_RDONLY, 0), -ENOTCAPABLE);
	struct stat st;
	rt_expect_ret("fstat(f, &st)", sys_fstat((int)f, &st), 0);
	rt_expect_eq("  st_size", st.st_size, 8);
	rt_expect_ret("write(f, \"!\", 1)", sys_write((int)f, "!", 1), 1);
	rt_expect_ret("kill(getpid(), 0)", sys_kill((int)sys_getpid(), 0), 0);
	rt_expect_ret("kill(getppid(), 0)", sys_kill((int)SC0(NR_getppid), 0), -ECAPMODE);
	long s = SC3(NR_socket, AF_INET, SOCK_STREAM, 0);
	rt_expect_true("socket(AF_INET, SOCK_STREAM, 0) >= 0", s >= 0);
	struct sockaddr_in sin;
	memset(&sin, 0, sizeof sin);
	sin.sin_len = sizeof sin;
	sin.sin_family = AF_INET;
	sin.sin_port = 0x5000; /* port 80, network order */
	sin.sin_addr.s_addr = 0x0100007f;
	rt_expect_ret("connect(s, 127.0.0.1:80)", SC3(NR_connect, s, &sin, sizeof sin), -ECAPMODE);
	rt_expect_ret("cap_enter() [again]", SC0(NR_cap_enter), 0);

	/* the child reports through a pipe, which needs no global namespace */
	int p[2];
	sys_pipe2(p, 0);
	long pid = SC0(NR_fork_);
	if (pid == 0) {
		unsigned int m = 0;
		SC1(NR_cap_getmode, &m);
		char ok = m == 1 && sys_open("/etc/passwd", O_RDONLY, 0) == -ECAPMODE ? 'y' : 'n';
		sys_write(p[1], &ok, 1);
		sys_exit(0);
	}
	char verdict = 0;
	sys_read(p[0], &verdict, 1);
	rt_expect_true("fork(): the child is in capability mode", verdict == 'y');
	/* no rmtree: unlinking needs the global namespace now; the next run starts with rt_rmtree */
	return rt_finish();
}
