/*
 * mqueue - POSIX message queues.
 * Covers: kmq_open(457) kmq_setattr(458) kmq_timedreceive(459)
 *         kmq_timedsend(460) kmq_notify(461) kmq_unlink(462).
 * Expected results: mq_open(2) mq_send(2) mq_receive(2) mq_setattr(2)
 * mq_notify(2) mq_unlink(2) and sys/kern/uipc_mqueue.c: a name must be at
 * least 2 bytes, start with '/' and hold no other '/' (EINVAL); a new
 * queue's mq_maxmsg must be 1..kern.mqueue.maxmsg (100) and mq_msgsize
 * 1..kern.mqueue.maxmsgsize (16384) (EINVAL), checked before the name; a
 * queue created without attributes gets default_maxmsg 10 and
 * default_msgsize 1024; the descriptor is close-on-exec (falloc O_CLOEXEC);
 * O_CREAT|O_EXCL of an existing queue EEXIST, a missing one ENOENT;
 * kmq_timedsend's priority must be below MQ_PRIO_MAX (64, EINVAL); messages
 * come out highest priority first, the length as the result and the
 * priority through msg_prio; a buffer shorter than mq_msgsize EMSGSIZE
 * (sys/sys/mqueue.h struct mq_attr: flags, maxmsg, msgsize, curmsgs);
 * kmq_setattr accepts only O_NONBLOCK (4) in mq_flags (EINVAL) and
 * returns the old attributes; an empty non-blocking queue EAGAIN; a past
 * absolute timeout on an empty blocking queue ETIMEDOUT (60); a descriptor
 * that is not a queue EBADF; kmq_notify with SIGEV_SIGNAL queues the
 * signal when a message arrives on an empty queue (seen with it blocked,
 * through sigpending), a NULL sigevent removes the registration, a bad
 * signal number EINVAL.
 * xrun-covers: kmq_open kmq_setattr kmq_timedreceive kmq_timedsend kmq_notify
 * xrun-covers: kmq_unlink close fcntl sigprocmask sigpending exit write
 */
#include "rt.h"

#define NR_kmq_open 457
#define NR_kmq_setattr 458
#define NR_kmq_timedreceive 459
#define NR_kmq_timedsend 460
#define NR_kmq_notify 461
#define NR_kmq_unlink 462
#define NR_sigpending 343
#define ETIMEDOUT_ 60
#define EMSGSIZE_ 40
#define SIGEV_SIGNAL 1
#define SIGUSR1_ 30

struct mq_attr { long mq_flags, mq_maxmsg, mq_msgsize, mq_curmsgs, reserved[4]; };
struct sigevent_ { int notify, signo; long value; int tid; int pad[15]; };   /* sys/sys/signal.h, 80 bytes */

static void attrs(const char *what, struct mq_attr *a)
{
	rt_say("%s: flags=%ld maxmsg=%ld msgsize=%ld curmsgs=%ld", what, a->mq_flags, a->mq_maxmsg, a->mq_msgsize, a->mq_curmsgs);
}

int main(int argc, char **argv, char **envp)
{
	(void)argc; (void)argv; (void)envp;
	struct mq_attr a, o;
	char buf[2048];
	unsigned prio = 99;
	SC1(NR_kmq_unlink, "/xrun-tb-mq");
	SC1(NR_kmq_unlink, "/xrun-tb-mq2");

	long q = SC4(NR_kmq_open, "/xrun-tb-mq", O_RDWR | O_CREAT | O_EXCL, 0600, 0);
	rt_expect_true("kmq_open(\"/xrun-tb-mq\", O_RDWR|O_CREAT|O_EXCL, 0600, NULL) >= 0", q >= 0);
	rt_expect_ret("  fcntl(q, F_GETFD)", sys_fcntl((int)q, F_GETFD, 0), FD_CLOEXEC);
	memset(&o, 0x55, sizeof o);
	rt_expect_ret("kmq_setattr(q, NULL, &o)", SC3(NR_kmq_setattr, q, 0, &o), 0);
	attrs("  o", &o);
	rt_expect_true("  o reserved zero", o.reserved[0] == 0 && o.reserved[3] == 0);
	rt_expect_ret("kmq_open(\"/xrun-tb-mq\", O_RDWR|O_CREAT|O_EXCL, 0600, NULL) again", SC4(NR_kmq_open, "/xrun-tb-mq", O_RDWR | O_CREAT | O_EXCL, 0600, 0), -EEXIST);
	rt_expect_ret("kmq_open(\"/xrun-tb-none\", O_RDWR, 0, NULL)", SC4(NR_kmq_open, "/xrun-tb-none", O_RDWR, 0, 0), -ENOENT);
	rt_expect_ret("kmq_open(\"noslash\", O_RDWR|O_CREAT, 0600, NULL)", SC4(NR_kmq_open, "noslash", O_RDWR | O_CREAT, 0600, 0), -EINVAL);
	rt_expect_ret("kmq_open(\"/a/b\", O_RDWR|O_CREAT, 0600, NULL)", SC4(NR_kmq_open, "/a/b", O_RDWR | O_CREAT, 0600, 0), -EINVAL);
	rt_expect_ret("kmq_open(\"/\", O_RDWR|O_CREAT, 0600, NULL)", SC4(NR_kmq_open, "/", O_RDWR | O_CREAT, 0600, 0), -EINVAL);
	rt_expect_ret("kmq_open((char *)1, O_RDWR, 0, NULL)", SC4(NR_kmq_open, 1, O_RDWR, 0, 0), -EFAULT);
	struct mq_attr bad0 = { 0, 0, 64, 0, {0} }, bad1 = { 0, 101, 64, 0, {0} }, bad2 = { 0, 5, 16385, 0, {0} };
	rt_expect_ret("kmq_open(\"/xrun-tb-mq2\", O_CREAT, 0600, {maxmsg 0})", SC4(NR_kmq_open, "/xrun-tb-mq2", O_RDWR | O_CREAT, 0600, &bad0), -EINVAL);
	rt_expect_ret("kmq_open(\"/xrun-tb-mq2\", O_CREAT, 0600, {maxmsg 101})", SC4(NR_kmq_open, "/xrun-tb-mq2", O_RDWR | O_CREAT, 0600, &bad1), -EINVAL);
	rt_expect_ret("kmq_open(\"/xrun-tb-mq2\", O_CREAT, 0600, {msgsize 16385})", SC4(NR_kmq_open, "/xrun-tb-mq2", O_RDWR | O_CREAT, 0600, &bad2), -EINVAL);
	rt_expect_ret("kmq_open(\"bad\", O_CREAT, 0600, {maxmsg 0}) [attributes first]", SC4(NR_kmq_open, "bad", O_RDWR | O_CREAT, 0600, &bad0), -EINVAL);

	struct mq_attr small = { 0, 4, 64, 0, {0} };
	long q2 = SC4(NR_kmq_open, "/xrun-tb-mq2", O_RDWR | O_CREAT, 0600, &small);
	rt_expect_true("kmq_open(\"/xrun-tb-mq2\", O_RDWR|O_CREAT, 0600, {maxmsg 4, msgsize 64}) >= 0", q2 >= 0);
	SC3(NR_kmq_setattr, q2, 0, &o);
	attrs("  attributes", &o);

	rt_expect_ret("kmq_timedsend(q2, \"low\", 3, 1, NULL)", SC5(NR_kmq_timedsend, q2, "low", 3, 1, 0), 0);
	rt_expect_ret("kmq_timedsend(q2, \"high\", 4, 20, NULL)", SC5(NR_kmq_timedsend, q2, "high", 4, 20, 0), 0);
	rt_expect_ret("kmq_timedsend(q2, \"mid\", 3, 5, NULL)", SC5(NR_kmq_timedsend, q2, "mid", 3, 5, 0), 0);
	rt_expect_ret("kmq_timedsend(q2, \"x\", 1, 64, NULL)", SC5(NR_kmq_timedsend, q2, "x", 1, 64, 0), -EINVAL);
	rt_expect_ret("kmq_timedsend(q2, <65 bytes>, 65, 0, NULL)", SC5(NR_kmq_timedsend, q2, buf, 65, 0, 0), -EMSGSIZE_);
	SC3(NR_kmq_setattr, q2, 0, &o);
	rt_expect_eq("  curmsgs", o.mq_curmsgs, 3);
	memset(buf, 0, sizeof buf);
	rt_expect_ret("kmq_timedreceive(q2, buf, 64, &prio, NULL)", SC5(NR_kmq_timedreceive, q2, buf, 64, &prio, 0), 4);
	rt_expect_str("  buf", buf, "high");
	rt_expect_eq("  prio", prio, 20);
	memset(buf, 0, sizeof buf);
	rt_expect_ret("kmq_timedreceive(q2, buf, 64, &prio, NULL)", SC5(NR_kmq_timedreceive, q2, buf, 64, &prio, 0), 3);
	rt_expect_str("  buf", buf, "mid");
	rt_expect_eq("  prio", prio, 5);
	rt_expect_ret("kmq_timedreceive(q2, buf, 63, &prio, NULL)", SC5(NR_kmq_timedreceive, q2, buf, 63, &prio, 0), -EMSGSIZE_);
	memset(buf, 0, sizeof buf);
	rt_expect_ret("kmq_timedreceive(q2, buf, 64, NULL, NULL)", SC5(NR_kmq_timedreceive, q2, buf, 64, 0, 0), 3);
	rt_expect_str("  buf", buf, "low");
	struct timespec past = { 1, 0 };
	rt_expect_ret("kmq_timedreceive(q2, buf, 64, NULL, {1, 0}) [empty]", SC5(NR_kmq_timedreceive, q2, buf, 64, 0, &past), -ETIMEDOUT_);

	a.mq_flags = O_NONBLOCK;
	memset(&o, 0x55, sizeof o);
	rt_expect_ret("kmq_setattr(q2, {O_NONBLOCK}, &o)", SC3(NR_kmq_setattr, q2, &a, &o), 0);
	attrs("  o", &o);
	rt_expect_ret("kmq_setattr(q2, NULL, &o)", SC3(NR_kmq_setattr, q2, 0, &o), 0);
	attrs("  o", &o);
	rt_expect_ret("kmq_timedreceive(q2, buf, 64, NULL, NULL) [empty, non-blocking]", SC5(NR_kmq_timedreceive, q2, buf, 64, 0, 0), -EAGAIN);
	a.mq_flags = O_NONBLOCK | O_APPEND;
	rt_expect_ret("kmq_setattr(q2, {O_NONBLOCK|O_APPEND}, &o)", SC3(NR_kmq_setattr, q2, &a, &o), -EINVAL);
	a.mq_flags = 0;
	rt_expect_ret("kmq_setattr(q2, {0}, NULL)", SC3(NR_kmq_setattr, q2, &a, 0), 0);
	rt_expect_ret("kmq_setattr(1, NULL, &o)", SC3(NR_kmq_setattr, 1, 0, &o), -EBADF);
	rt_expect_ret("kmq_timedsend(99, \"x\", 1, 0, NULL)", SC5(NR_kmq_timedsend, 99, "x", 1, 0, 0), -EBADF);

	/* notification */
	unsigned set[4] = { 1u << (SIGUSR1_ - 1), 0, 0, 0 }, pend[4] = { 0, 0, 0, 0 };
	SC3(NR_sigprocmask, SIG_BLOCK, set, 0);
	struct sigevent_ sev;
	memset(&sev, 0, sizeof sev);
	sev.notify = SIGEV_SIGNAL;
	sev.signo = 0;
	rt_expect_ret("kmq_notify(q2, {SIGEV_SIGNAL, 0})", SC2(NR_kmq_notify, q2, &sev), -EINVAL);
	sev.signo = SIGUSR1_;
	rt_expect_ret("kmq_notify(q2, {SIGEV_SIGNAL, SIGUSR1})", SC2(NR_kmq_notify, q2, &sev), 0);
	rt_expect_ret("kmq_notify(q2, NULL)", SC2(NR_kmq_notify, q2, 0), 0);
	rt_expect_ret("kmq_notify(q2, {SIGEV_SIGNAL, SIGUSR1}) again", SC2(NR_kmq_notify, q2, &sev), 0);
	rt_expect_ret("kmq_timedsend(q2, \"n\", 1, 0, NULL)", SC5(NR_kmq_timedsend, q2, "n", 1, 0, 0), 0);
	SC1(NR_sigpending, pend);
	rt_expect_true("  SIGUSR1 pending", (pend[0] & set[0]) != 0);
	rt_expect_ret("kmq_notify(99, NULL)", SC2(NR_kmq_notify, 99, 0), -EBADF);

	rt_expect_ret("close(q2)", sys_close((int)q2), 0);
	rt_expect_ret("close(q)", sys_close((int)q), 0);
	rt_expect_ret("kmq_unlink(\"/xrun-tb-mq\")", SC1(NR_kmq_unlink, "/xrun-tb-mq"), 0);
	rt_expect_ret("kmq_unlink(\"/xrun-tb-mq2\")", SC1(NR_kmq_unlink, "/xrun-tb-mq2"), 0);
	rt_expect_ret("kmq_unlink(\"/xrun-tb-mq\") again", SC1(NR_kmq_unlink, "/xrun-tb-mq"), -ENOENT);
	rt_expect_ret("kmq_unlink(\"x\")", SC1(NR_kmq_unlink, "x"), -EINVAL);
	return rt_finish();
}
