/*
 * sendfile - FreeBSD's sendfile(2): a file to a stream socket, with
 * headers and trailers.
 * Covers: sendfile(393).
 * Expected results: sendfile(2) and sys/kern/kern_sendfile.c: the headers
 * (struct sf_hdtr, sys/sys/socket.h), nbytes of the file from offset (0:
 * to the end of the file), then the trailers are written to the socket;
 * *sbytes is every byte sent, headers and trailers included; the file's
 * own offset does not move. A descriptor that is not a socket is ENOTSOCK
 * (38), a socket that is not SOCK_STREAM EINVAL, a bad file descriptor
 * EBADF, a negative offset EINVAL. The socket here is one end of an
 * AF_UNIX stream socketpair; the other end is read back.
 * xrun-covers: sendfile
 */
#include "rt.h"

#define DIR "/tmp/xrun-tb-sendfile-scratch"
#define NR_sendfile 393

struct sf_hdtr {
	struct iovec *headers;
	int hdr_cnt;
	struct iovec *trailers;
	int trl_cnt;
};

/* flags, the seventh argument, travels on the stack (amd64 cpu_fetch_syscall_args); these
 * calls pass six: the flags only tune FreeBSD's page cache and are not exercised here */
static long sf(long fd, long s, long off, long n, struct sf_hdtr *h, long *sbytes)
{
	return SC6(NR_sendfile, fd, s, off, n, h, sbytes);
}

/* reads what the socket got (the writes are complete: a local stream socket) */
static void got(int s, const char *want)
{
	char buf[64];
	memset(buf, 0, sizeof buf);
	sys_read(s, buf, rt_strlen(want));
	rt_expect_str("  the peer reads", buf, want);
}

int main(int argc, char **argv, char **envp)
{
	(void)argc; (void)argv; (void)envp;
	rt_rmtree(DIR);
	sys_mkdir(DIR, 0755);
	rt_expect_ret("chdir(DIR)", sys_chdir(DIR), 0);
	long f = sys_open("data", O_RDWR | O_CREAT, 0644);
	sys_write((int)f, "0123456789", 10);
	sys_lseek((int)f, 1, SEEK_SET);
	int sv[2];
	rt_expect_ret("socketpair(AF_UNIX, SOCK_STREAM, 0, sv)", SC4(NR_socketpair, AF_UNIX, SOCK_STREAM, 0, sv), 0);

	long sbytes = -1;
	rt_expect_ret("sendfile(f, sv[0], 2, 5, NULL, &sbytes)", sf(f, sv[0], 2, 5, 0, &sbytes), 0);
	rt_expect_eq("  sbytes", sbytes, 5);
	got(sv[1], "23456");
	rt_expect_eq("  the file's own offset is still", sys_lseek((int)f, 0, SEEK_CUR), 1);

	struct iovec hdr[2] = {{"HDR", 3}, {":", 1}}, trl[1] = {{":TRL", 4}};
	struct sf_hdtr h = {hdr, 2, trl, 1};
	sbytes = -1;
	rt_expect_ret("sendfile(f, sv[0], 7, 0 [to EOF], {2 headers, 1 trailer}, &sbytes)", sf(f, sv[0], 7, 0, &h, &sbytes), 0);
	rt_expect_eq("  sbytes: 4 + 3 + 4", sbytes, 11);
	got(sv[1], "HDR:789:TRL");
	struct sf_hdtr none = {0, 0, 0, 0};
	rt_expect_ret("sendfile(f, sv[0], 0, 3, {no headers, no trailers}, NULL)", sf(f, sv[0], 0, 3, &none, 0), 0);
	got(sv[1], "012");

	long g = sys_open("other", O_RDWR | O_CREAT, 0644);
	rt_expect_ret("sendfile(f, <a file>, 0, 3, NULL, NULL)", sf(f, g, 0, 3, 0, 0), -ENOTSOCK);
	rt_expect_ret("sendfile(99, sv[0], 0, 3, NULL, NULL)", sf(99, sv[0], 0, 3, 0, 0), -EBADF);
	rt_expect_ret("sendfile(f, 99, 0, 3, NULL, NULL)", sf(f, 99, 0, 3, 0, 0), -EBADF);
	rt_expect_ret("sendfile(f, sv[0], -1, 3, NULL, NULL)", sf(f, sv[0], -1, 3, 0, 0), -EINVAL);
	int dg[2];
	SC4(NR_socketpair, AF_UNIX, SOCK_DGRAM, 0, dg);
	rt_expect_ret("sendfile(f, <SOCK_DGRAM socket>, 0, 3, NULL, NULL)", sf(f, dg[0], 0, 3, 0, 0), -EINVAL);

	sys_chdir("/");
	rt_rmtree(DIR);
	return rt_finish();
}
