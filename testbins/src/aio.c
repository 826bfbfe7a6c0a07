/*
 * aio - POSIX asynchronous I/O.
 * Covers: aio_read(255) aio_write(256) lio_listio(257) aio_return(314)
 *         aio_suspend(315) aio_cancel(316) aio_error(317)
 *         aio_waitcomplete(359) aio_fsync(465) aio_mlock(543)
 *         aio_writev(578) aio_readv(579).
 * Expected results: aio(4), aio_read(2), aio_write(2), aio_readv(2),
 * aio_error(2), aio_return(2), aio_suspend(2), aio_cancel(2),
 * aio_waitcomplete(2), aio_fsync(2), aio_mlock(2), lio_listio(2),
 * sys/sys/aio.h (struct aiocb: fildes 0, offset 8, buf/iov 16,
 * nbytes/iovcnt 24, lio_opcode 48, reqprio 52, private status/error/
 * kernelinfo 56, sigevent 80; LIO_NOP 0, LIO_WRITE 1, LIO_READ 2,
 * LIO_WAIT 1, LIO_NOWAIT 0, AIO_ALLDONE 3) and sys/kern/vfs_aio.c. A
 * request may finish before the call that queues it returns, so the
 * program waits (aio_suspend, aio_waitcomplete) where FreeBSD could still
 * be working, and never expects EINPROGRESS. aio_error's result is a value
 * (EINVAL 22 in a process that never used AIO, the job's error, or the
 * error the aiocb kept from a refused submission); aio_return gives the
 * byte count or fails with the job's error, and EINVAL once the job is
 * freed; aio_suspend is EAGAIN before any AIO; a descriptor not open is
 * EBADF, a negative offset EINVAL, a pipe EOPNOTSUPP (vfs.aio.enable_unsafe
 * 0), a bad buffer is the job's EFAULT; aio_fsync takes O_SYNC or O_DSYNC
 * (EINVAL otherwise); lio_listio is EIO when one request was refused;
 * aio_cancel of finished requests AIO_ALLDONE; aio_waitcomplete hands out
 * finished jobs oldest first and is EAGAIN (EWOULDBLOCK) when none is
 * left; SIGEV_SIGNAL queues the signal with si_code SI_ASYNCIO (0x10004)
 * and the sigevent's value, for a request and for a LIO_NOWAIT list.
 * xrun-covers: aio_read aio_write lio_listio aio_return aio_suspend aio_cancel
 * xrun-covers: aio_error aio_waitcomplete aio_fsync aio_mlock aio_writev aio_readv
 * xrun-covers: chdir close exit mkdir open pipe2 rmdir sigprocmask sigwaitinfo
 * xrun-covers: unlink write getdirentries
 */
#include "rt.h"

#define DIR "/tmp/xrun-tb-aio-scratch"
#define NR_aio_read 255
#define NR_aio_write 256
#define NR_lio_listio 257
#define NR_aio_return 314
#define NR_aio_suspend 315
#define NR_aio_cancel 316
#define NR_aio_error 317
#define NR_aio_waitcomplete 359
#define NR_aio_fsync 465
#define NR_aio_mlock 543
#define NR_aio_writev 578
#define NR_aio_readv 579
#define NR_sigwaitinfo 346
#define LIO_NOP 0
#define LIO_WRITE 1
#define LIO_READ 2
#define LIO_NOWAIT 0
#define LIO_WAIT 1
#define O_SYNC_ 0x80
#define O_DSYNC_ 0x1000000
#define SIGEV_SIGNAL 1
#define SI_ASYNCIO 0x10004
#define EOPNOTSUPP_ 45

struct sigev { int notify, signo; long value; int tid; int pad[15]; };
struct aiocb {
	int fildes; long offset; void *buf; size_t nbytes; int spare[2]; void *spare2;
	int lio_opcode, reqprio; long status, error, kernelinfo; struct sigev sigevent;
};

static struct aiocb cb, cb2, cb3;
static char data[64], page[4096] __attribute__((aligned(4096)));

static void setup(struct aiocb *a, int fd, long off, void *buf, size_t n, int op)
{
	memset(a, 0, sizeof *a);
	a->fildes = fd;
	a->offset = off;
	a->buf = buf;
	a->nbytes = n;
	a->lio_opcode = op;
}

int main(int argc, char **argv, char **envp)
{
	(void)argc; (void)argv; (void)envp;
	struct aiocb *list[4];
	struct aiocb *done = (struct aiocb *)&cb;
	struct timespec zero = { 0, 0 }, ms = { 0, 1000000 }, bad = { 0, -1 };
	rt_rmtree(DIR);
	sys_mkdir(DIR, 0755);
	rt_expect_ret("chdir(DIR)", sys_chdir(DIR), 0);
	long fd = sys_open("f", O_RDWR | O_CREAT, 0644);
	rt_expect_true("open(\"f\", O_RDWR|O_CREAT) >= 0", fd >= 0);

	/* before any request */
	setup(&cb, fd, 0, data, 4, LIO_READ);
	list[0] = &cb;
	rt_expect_ret("aio_error(&cb) [no AIO yet]", SC1(NR_aio_error, &cb), EINVAL);
	rt_expect_ret("aio_return(&cb) [no AIO yet]", SC1(NR_aio_return, &cb), -EINVAL);
	rt_expect_ret("aio_suspend({&cb}, 1, NULL) [no AIO yet]", SC3(NR_aio_suspend, list, 1, 0), -EAGAIN);
	rt_expect_ret("aio_waitcomplete(&p, {0, 0}) [none]", SC2(NR_aio_waitcomplete, &done, &zero), -EAGAIN);
	rt_expect_true("  p == NULL", done == 0);

	/* write, then read back */
	setup(&cb, fd, 0, "0123456789abcdef", 16, LIO_WRITE);
	rt_expect_ret("aio_write({f, 0, \"0123456789abcdef\", 16})", SC1(NR_aio_write, &cb), 0);
	rt_expect_ret("aio_suspend({&cb}, 1, NULL)", SC3(NR_aio_suspend, list, 1, 0), 0);
	rt_expect_ret("aio_error(&cb)", SC1(NR_aio_error, &cb), 0);
	rt_expect_ret("aio_return(&cb)", SC1(NR_aio_return, &cb), 16);
	rt_expect_ret("aio_return(&cb) again", SC1(NR_aio_return, &cb), -EINVAL);
	rt_expect_ret("aio_error(&cb) [freed, status 16]", SC1(NR_aio_error, &cb), EINVAL);
	memset(data, 0, sizeof data);
	setup(&cb, fd, 4, data, 6, LIO_READ);
	rt_expect_ret("aio_read({f, 4, buf, 6})", SC1(NR_aio_read, &cb), 0);
	rt_expect_ret("aio_suspend({&cb}, 1, {0, 1000000})", SC3(NR_aio_suspend, list, 1, &ms), 0);
	rt_expect_ret("aio_error(&cb)", SC1(NR_aio_error, &cb), 0);
	rt_expect_ret("aio_return(&cb)", SC1(NR_aio_return, &cb), 6);
	rt_expect_str("  buf", data, "456789");
	setup(&cb, fd, 14, data, 10, LIO_READ);
	SC1(NR_aio_read, &cb);
	SC3(NR_aio_suspend, list, 1, 0);
	rt_expect_ret("aio_read({f, 14, buf, 10}) then aio_return [2 bytes to EOF]", SC1(NR_aio_return, &cb), 2);

	/* refused at submission: the aiocb keeps the error */
	setup(&cb, 99, 0, data, 4, LIO_READ);
	rt_expect_ret("aio_read({99, ...})", SC1(NR_aio_read, &cb), -EBADF);
	rt_expect_ret("aio_error(&cb)", SC1(NR_aio_error, &cb), EBADF);
	rt_expect_ret("aio_return(&cb)", SC1(NR_aio_return, &cb), -EINVAL);
	setup(&cb, fd, -1, data, 4, LIO_READ);
	rt_expect_ret("aio_read({f, -1, ...})", SC1(NR_aio_read, &cb), -EINVAL);
	int p[2];
	sys_pipe2(p, 0);
	setup(&cb, p[0], 0, data, 4, LIO_READ);
	rt_expect_ret("aio_read({pipe, ...})", SC1(NR_aio_read, &cb), -EOPNOTSUPP_);
	rt_expect_ret("aio_error(&cb)", SC1(NR_aio_error, &cb), EOPNOTSUPP_);
	setup(&cb, fd, 0, data, 4, LIO_READ);
	cb.sigevent.notify = 99;
	rt_expect_ret("aio_read({..., sigev_notify 99})", SC1(NR_aio_read, &cb), -EINVAL);
	cb.sigevent.notify = SIGEV_SIGNAL;
	rt_expect_ret("aio_read({..., SIGEV_SIGNAL, signo 0})", SC1(NR_aio_read, &cb), -EINVAL);
	rt_expect_ret("aio_read((struct aiocb *)1)", SC1(NR_aio_read, 1), -EFAULT);

	/* an I/O error is the job's */
	setup(&cb, fd, 0, (void *)1, 4, LIO_READ);
	rt_expect_ret("aio_read({f, 0, (void *)1, 4})", SC1(NR_aio_read, &cb), 0);
	SC3(NR_aio_suspend, list, 1, 0);
	rt_expect_ret("aio_error(&cb)", SC1(NR_aio_error, &cb), EFAULT);
	rt_expect_ret("aio_return(&cb)", SC1(NR_aio_return, &cb), -EFAULT);

	/* vectors */
	char v1[4], v2[5];
	memset(v1, 0, sizeof v1);
	memset(v2, 0, sizeof v2);
	struct iovec iov[2] = { { v1, 3 }, { v2, 4 } };
	setup(&cb, fd, 1, iov, 0, 0);
	*(int *)&cb.nbytes = 2;
	rt_expect_ret("aio_readv({f, 1, {3, 4}, 2})", SC1(NR_aio_readv, &cb), 0);
	SC3(NR_aio_suspend, list, 1, 0);
	rt_expect_ret("aio_return(&cb)", SC1(NR_aio_return, &cb), 7);
	rt_expect_true("  v1 == \"123\" && v2 == \"4567\"", memcmp(v1, "123", 3) == 0 && memcmp(v2, "4567", 4) == 0);
	struct iovec wv[2] = { { "XY", 2 }, { "Z", 1 } };
	setup(&cb, fd, 16, wv, 0, 0);
	*(int *)&cb.nbytes = 2;
	rt_expect_ret("aio_writev({f, 16, {\"XY\", \"Z\"}, 2})", SC1(NR_aio_writev, &cb), 0);
	SC3(NR_aio_suspend, list, 1, 0);
	rt_expect_ret("aio_return(&cb)", SC1(NR_aio_return, &cb), 3);

	/* sync and mlock */
	setup(&cb, fd, 0, 0, 0, 0);
	rt_expect_ret("aio_fsync(O_SYNC, {f})", SC2(NR_aio_fsync, O_SYNC_, &cb), 0);
	SC3(NR_aio_suspend, list, 1, 0);
	rt_expect_ret("aio_return(&cb)", SC1(NR_aio_return, &cb), 0);
	rt_expect_ret("aio_fsync(O_DSYNC, {f})", SC2(NR_aio_fsync, O_DSYNC_, &cb), 0);
	SC3(NR_aio_suspend, list, 1, 0);
	rt_expect_ret("aio_return(&cb)", SC1(NR_aio_return, &cb), 0);
	rt_expect_ret("aio_fsync(0, {f})", SC2(NR_aio_fsync, 0, &cb), -EINVAL);
	setup(&cb, p[1], 0, 0, 0, 0);
	rt_expect_ret("aio_fsync(O_SYNC, {pipe})", SC2(NR_aio_fsync, O_SYNC_, &cb), -EINVAL);
	setup(&cb, -1, 0, page, sizeof page, 0);
	rt_expect_ret("aio_mlock({buf page, 4096})", SC1(NR_aio_mlock, &cb), 0);
	SC3(NR_aio_suspend, list, 1, 0);
	rt_expect_ret("aio_return(&cb)", SC1(NR_aio_return, &cb), 0);

	/* lists */
	memset(data, 0, sizeof data);
	setup(&cb, fd, 0, "ab", 2, LIO_WRITE);
	setup(&cb2, fd, 0, data, 8, LIO_READ);
	list[0] = &cb; list[1] = 0; list[2] = &cb2;
	rt_expect_ret("lio_listio(LIO_WAIT, {write \"ab\" at 0, NULL, read 8 at 0}, 3, NULL)", SC4(NR_lio_listio, LIO_WAIT, list, 3, 0), 0);
	rt_expect_ret("aio_return(&write)", SC1(NR_aio_return, &cb), 2);
	rt_expect_ret("aio_return(&read)", SC1(NR_aio_return, &cb2), 8);
	rt_expect_str("  buf", data, "ab234567");
	setup(&cb, 99, 0, data, 4, LIO_READ);
	setup(&cb2, fd, 0, data, 4, LIO_READ);
	setup(&cb3, fd, 0, 0, 0, LIO_NOP);
	list[0] = &cb; list[1] = &cb2; list[2] = &cb3;
	rt_expect_ret("lio_listio(LIO_NOWAIT, {read fd 99, read f, nop}, 3, NULL)", SC4(NR_lio_listio, LIO_NOWAIT, list, 3, 0), -EIO);
	rt_expect_ret("aio_error(&read99)", SC1(NR_aio_error, &cb), EBADF);
	list[0] = &cb2;
	SC3(NR_aio_suspend, list, 1, 0);
	rt_expect_ret("aio_error(&readf)", SC1(NR_aio_error, &cb2), 0);
	rt_expect_ret("aio_return(&readf)", SC1(NR_aio_return, &cb2), 4);
	rt_expect_ret("aio_return(&nop)", SC1(NR_aio_return, &cb3), -EINVAL);
	rt_expect_ret("lio_listio(5, list, 1, NULL)", SC4(NR_lio_listio, 5, list, 1, 0), -EINVAL);
	rt_expect_ret("lio_listio(LIO_WAIT, list, 257, NULL)", SC4(NR_lio_listio, LIO_WAIT, list, 257, 0), -EINVAL);
	rt_expect_ret("lio_listio(LIO_WAIT, list, -1, NULL)", SC4(NR_lio_listio, LIO_WAIT, list, -1, 0), -EINVAL);
	rt_expect_ret("lio_listio(LIO_WAIT, (void *)1, 1, NULL)", SC4(NR_lio_listio, LIO_WAIT, 1, 1, 0), -EFAULT);
	rt_expect_ret("lio_listio(LIO_WAIT, list, 0, NULL)", SC4(NR_lio_listio, LIO_WAIT, list, 0, 0), 0);

	/* aio_waitcomplete: oldest first */
	setup(&cb, fd, 0, data, 3, LIO_READ);
	setup(&cb2, fd, 3, data + 8, 5, LIO_READ);
	SC1(NR_aio_read, &cb);
	SC1(NR_aio_read, &cb2);
	done = 0;
	rt_expect_ret("aio_waitcomplete(&p, NULL) [after reads of 3 and 5]", SC2(NR_aio_waitcomplete, &done, 0), 3);
	rt_expect_true("  p == &cb", done == &cb);
	rt_expect_ret("aio_waitcomplete(&p, NULL)", SC2(NR_aio_waitcomplete, &done, 0), 5);
	rt_expect_true("  p == &cb2", done == &cb2);
	rt_expect_ret("aio_return(&cb2) [taken]", SC1(NR_aio_return, &cb2), -EINVAL);
	rt_expect_ret("aio_waitcomplete(&p, {0, 0})", SC2(NR_aio_waitcomplete, &done, &zero), -EAGAIN);
	rt_expect_ret("aio_waitcomplete(&p, {0, 1000000})", SC2(NR_aio_waitcomplete, &done, &ms), -EAGAIN);
	rt_expect_ret("aio_waitcomplete(&p, {0, -1})", SC2(NR_aio_waitcomplete, &done, &bad), -EINVAL);
	rt_expect_ret("aio_suspend(list, 1, {0, -1})", SC3(NR_aio_suspend, list, 1, &bad), -EINVAL);
	rt_expect_ret("aio_suspend(list, -1, NULL)", SC3(NR_aio_suspend, list, -1, 0), -EINVAL);

	/* aio_cancel: everything is done */
	setup(&cb, fd, 0, data, 3, LIO_READ);
	SC1(NR_aio_read, &cb);
	rt_expect_ret("aio_cancel(f, &cb)", SC2(NR_aio_cancel, fd, &cb), 3);
	rt_expect_ret("aio_cancel(f, NULL)", SC2(NR_aio_cancel, fd, 0), 3);
	rt_expect_ret("aio_cancel(99, NULL)", SC2(NR_aio_cancel, 99, 0), -EBADF);
	SC1(NR_aio_return, &cb);

	/* completion signals */
	sigset_t set;
	memset(&set, 0, sizeof set);
	set.bits[0] = (1u << (SIGUSR1 - 1)) | (1u << (SIGUSR2 - 1));
	sys_sigprocmask(SIG_BLOCK, &set, 0);
	struct fsiginfo si;
	setup(&cb, fd, 0, data, 2, LIO_READ);
	cb.sigevent.notify = SIGEV_SIGNAL;
	cb.sigevent.signo = SIGUSR1;
	cb.sigevent.value = 0x1234;
	rt_expect_ret("aio_read({..., SIGEV_SIGNAL SIGUSR1, value 0x1234})", SC1(NR_aio_read, &cb), 0);
	sigset_t one;
	memset(&one, 0, sizeof one);
	one.bits[0] = 1u << (SIGUSR1 - 1);
	memset(&si, 0, sizeof si);
	rt_expect_ret("sigwaitinfo({SIGUSR1}, &si)", SC2(NR_sigwaitinfo, &one, &si), SIGUSR1);
	rt_expect_hex("  si_code", si.si_code, SI_ASYNCIO);
	rt_expect_hex("  si_value", si.si_value, 0x1234);
	SC1(NR_aio_return, &cb);
	struct sigev ls;
	memset(&ls, 0, sizeof ls);
	ls.notify = SIGEV_SIGNAL;
	ls.signo = SIGUSR2;
	ls.value = 0x77;
	setup(&cb, fd, 0, data, 2, LIO_READ);
	list[0] = &cb;
	rt_expect_ret("lio_listio(LIO_NOWAIT, {read}, 1, {SIGEV_SIGNAL SIGUSR2, value 0x77})", SC4(NR_lio_listio, LIO_NOWAIT, list, 1, &ls), 0);
	one.bits[0] = 1u << (SIGUSR2 - 1);
	memset(&si, 0, sizeof si);
	rt_expect_ret("sigwaitinfo({SIGUSR2}, &si)", SC2(NR_sigwaitinfo, &one, &si), SIGUSR2);
	rt_expect_hex("  si_code", si.si_code, SI_ASYNCIO);
	rt_expect_hex("  si_value", si.si_value, 0x77);
	rt_expect_ret("aio_return(&cb)", SC1(NR_aio_return, &cb), 2);
	ls.signo = 0;
	rt_expect_ret("lio_listio(LIO_NOWAIT, {read}, 1, {SIGEV_SIGNAL 0})", SC4(NR_lio_listio, LIO_NOWAIT, list, 1, &ls), -EINVAL);

	sys_close(p[0]);
	sys_close(p[1]);
	sys_close((int)fd);
	sys_chdir("/");
	rt_rmtree(DIR);
	return rt_finish();
}
