/*
 * exec_linux - a FreeBSD program that execs a Linux program (/bin/echo).
 * Covers: execve(59) into an image of the other personality: xrun decides
 *         the personality at every exec, as FreeBSD's image activator brands
 *         each binary, and lets a Linux image run natively.
 * Expected results: echo's own output; its exit status 0.
 * xrun-covers: write
 */
#include "rt.h"

int main(int argc, char **argv, char **envp)
{
	char *args[] = { "echo", "a Linux echo, exec'ed by a FreeBSD program", 0 };

	(void)argc; (void)argv;
	rt_say("execve(\"/bin/echo\", ...): echo's output follows");
	SC3(NR_execve, "/bin/echo", args, envp);
	rt_say("execve returned");
	return 1;
}
