/*
 * exec - execve(2) into another FreeBSD program.
 * Covers: execve(59). A failed exec returns its errno to the caller; a
 *         successful one replaces the image with testbins' "startup", which
 *         then checks the whole initial process state FreeBSD's kernel builds
 *         (%rdi, auxv, ps_strings...), proving that it is rebuilt at every exec.
 * Expected results: execve(2): [ENOENT] the new process file does not exist;
 *         [EACCES] the new process file is not an ordinary file (a directory).
 *         The rest of the output is startup's own (expected/startup.out).
 * xrun-covers: execve exit write
 */
#include "rt.h"

int main(int argc, char **argv, char **envp)
{
	char *args[] = { "startup", "from-exec", 0 };
	char path[1024];
	unsigned long ep = 0;
	size_t n;

	(void)argc; (void)argv;
	rt_expect_ret("execve(\"/nonexistent/x\", argv, envp)",
	    SC3(NR_execve, "/nonexistent/x", args, envp), -ENOENT);
	rt_expect_ret("execve(\"/tmp\", argv, envp) [a directory]",
	    SC3(NR_execve, "/tmp", args, envp), -EACCES);
	if (!rt_expect_true("AT_EXECPATH present", rt_auxv_get(AT_EXECPATH, &ep) && ep != 0))
		return rt_finish();
	rt_strcpy(path, (const char *)ep);
	n = rt_strlen(path);
	while (n > 0 && path[n - 1] != '/')
		n--;
	path[n] = 0;
	rt_strcat(path, "startup");
	rt_say("execve(<this directory>/startup, {\"startup\", \"from-exec\"}, envp): startup's output follows");
	SC3(NR_execve, path, args, envp);
	rt_say("execve returned");
	return 1;
}
