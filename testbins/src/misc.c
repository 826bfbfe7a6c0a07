/*
 * misc - uuidgen, kenv, sigqueue, membarrier, __specialfd and sigfastblock.
 * Covers: uuidgen(392) kenv(390) sigqueue(456) membarrier(584)
 *         __specialfd(577) sigfastblock(573).
 * Expected results, from FreeBSD's kernel:
 *  - kern_uuid.c: count 1..2048 (else EINVAL) version-1 UUIDs (time_hi's
 *    top nibble 1, clock_seq variant bits 10), consecutive 60-bit
 *    timestamps within a batch with one clock sequence and node, later
 *    batches later; copyout EFAULT.
 *  - kern_environment.c sys_kenv: KENV_GET of an unset name ENOENT, a name
 *    longer than KENV_MNAMELEN (128) ENAMETOOLONG, a bad name EFAULT;
 *    KENV_SET/UNSET need privilege (EPERM); GET returns the bytes copied,
 *    MIN(strlen + 1, len); UNSET of an unset name ENOENT; KENV_DUMP with no
 *    buffer returns the size needed (>= 0); another "what" EINVAL.
 *  - kern_sig.c kern_sigqueue: signal > _SIG_MAXSIG or pid <= 0 EINVAL, no
 *    such process ESRCH, signal 0 only checks; the signal arrives with
 *    si_code SI_QUEUE (0x10002), the value, the sender's pid and real uid.
 *  - kern_membarrier.c: QUERY gives MEMBARRIER_SUPPORTED_CMDS (0x7f: no
 *    RSEQ), flags or other commands EINVAL, expedited commands EPERM before
 *    their registration, 0 after.
 *  - kern_descrip.c sys___specialfd / sys_eventfd.c: SPECIALFD_EVENTFD (1)
 *    with struct specialfd_eventfd {initval, flags} of exactly 8 bytes;
 *    flags EFD_SEMAPHORE 0x1, EFD_NONBLOCK 0x4, EFD_CLOEXEC 0x100000
 *    (sys/sys/eventfd.h), others EINVAL; reads give the counter (1 at a time
 *    with EFD_SEMAPHORE), EAGAIN at 0 when non-blocking.
 *  - kern_sig.c sys_sigfastblock: SETPTR (1) needs a 4-byte-aligned word
 *    (EINVAL) and no word set yet (EBUSY); UNBLOCK (2) clears a word equal
 *    to SIGFASTBLOCK_PEND (1), else EBUSY; UNSETPTR (3) needs the word 0 or
 *    PEND (else EBUSY); without a word both are EINVAL; another cmd EINVAL.
 * xrun-covers: __specialfd close exit fcntl geteuid getpid getuid kenv membarrier
 * xrun-covers: read sigfastblock sigprocmask sigqueue sigtimedwait uuidgen write
 */
#include "rt.h"

#define NR_sigpending_ 343
#define NR_sigtimedwait 345
#define NR_kenv 390
#define NR_uuidgen 392
#define NR_sigqueue 456
#define NR_sigfastblock 573
#define NR___specialfd 577
#define NR_membarrier 584
#define KENV_GET 0
#define KENV_SET 1
#define KENV_UNSET 2
#define KENV_DUMP 3
#define SI_QUEUE 0x10002
#define SPECIALFD_EVENTFD 1
#define EFD_SEMAPHORE 0x1
#define EFD_NONBLOCK 0x4
#define EFD_CLOEXEC 0x100000
#define F_GETFD 1
#define SIGFASTBLOCK_SETPTR 1
#define SIGFASTBLOCK_UNBLOCK 2
#define SIGFASTBLOCK_UNSETPTR 3
#define SIGFASTBLOCK_PEND 0x1
#define SIGFASTBLOCK_INC 0x10
#define MEMBARRIER_CMD_QUERY 0
#define MEMBARRIER_CMD_GLOBAL 0x1
#define MEMBARRIER_CMD_GLOBAL_EXPEDITED 0x2
#define MEMBARRIER_CMD_REGISTER_GLOBAL_EXPEDITED 0x4
#define MEMBARRIER_CMD_PRIVATE_EXPEDITED 0x8
#define MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED 0x10
#define MEMBARRIER_CMD_PRIVATE_EXPEDITED_RSEQ 0x80

struct uuid { uint32_t time_low; uint16_t time_mid; uint16_t time_hi_and_version;
	uint8_t clock_seq_hi_and_reserved; uint8_t clock_seq_low; uint8_t node[6]; };
struct specialfd_eventfd { unsigned int initval; int flags; };

static uint64_t uuid_time(const struct uuid *u)
{
	return (uint64_t)u->time_low | ((uint64_t)u->time_mid << 32) | ((uint64_t)(u->time_hi_and_version & 0xfff) << 48);
}

static volatile uint32_t fastword[2] __attribute__((aligned(8)));

int main(int argc, char **argv, char **envp)
{
	struct uuid u[4], v[1];
	char buf[300];
	int root = sys_geteuid() == 0;
	long r;
	int i, ok;

	(void)argc; (void)argv; (void)envp;
	memset(u, 0, sizeof u);
	rt_expect_ret("uuidgen(u, 4)", SC2(NR_uuidgen, u, 4), 0);
	ok = 1;
	for (i = 0; i < 4; i++)
		ok &= (u[i].time_hi_and_version >> 12) == 1 && (u[i].clock_seq_hi_and_reserved & 0xc0) == 0x80;
	rt_expect_true("  version 1, variant 10 in all four", ok);
	ok = 1;
	for (i = 1; i < 4; i++)
		ok &= uuid_time(&u[i]) == uuid_time(&u[0]) + i && u[i].clock_seq_low == u[0].clock_seq_low &&
		    u[i].clock_seq_hi_and_reserved == u[0].clock_seq_hi_and_reserved && memcmp(u[i].node, u[0].node, 6) == 0;
	rt_expect_true("  consecutive timestamps, one clock sequence and node", ok);
	/* 2020-01-01 in 100 ns units since 1582-10-15 */
	rt_expect_true("  timestamp after 2020", uuid_time(&u[0]) > 1577836800ULL * 10000000ULL + 0x01B21DD213814000ULL);
	rt_expect_ret("uuidgen(v, 1)", SC2(NR_uuidgen, v, 1), 0);
	rt_expect_true("  later than the first batch", uuid_time(&v[0]) > uuid_time(&u[3]));
	rt_expect_ret("uuidgen(u, 0)", SC2(NR_uuidgen, u, 0), -EINVAL);
	rt_expect_ret("uuidgen(u, 2049)", SC2(NR_uuidgen, u, 2049), -EINVAL);
	rt_expect_ret("uuidgen((void *)8, 1)", SC2(NR_uuidgen, 8, 1), -EFAULT);

	rt_expect_ret("kenv(KENV_GET, \"xrun.test\", buf, 64)", SC4(NR_kenv, KENV_GET, "xrun.test", buf, 64), -ENOENT);
	rt_expect_true("kenv(KENV_DUMP, NULL, NULL, 0) >= 0", SC4(NR_kenv, KENV_DUMP, 0, 0, 0) >= 0);
	r = SC4(NR_kenv, KENV_SET, "xrun.test", "v1", 3);
	if (root) {
		ok = r == 0;
		memset(buf, 'x', sizeof buf);
		ok &= SC4(NR_kenv, KENV_GET, "xrun.test", buf, 64) == 3 && rt_strcmp(buf, "v1") == 0;
		memset(buf, 'x', sizeof buf);
		ok &= SC4(NR_kenv, KENV_GET, "xrun.test", buf, 2) == 2 && buf[0] == 'v' && buf[1] == '1' && buf[2] == 'x';
		ok &= SC4(NR_kenv, KENV_UNSET, "xrun.test", 0, 0) == 0;
		ok &= SC4(NR_kenv, KENV_UNSET, "xrun.test", 0, 0) == -ENOENT;
	} else {
		ok = r == -EPERM && SC4(NR_kenv, KENV_UNSET, "xrun.test", 0, 0) == -EPERM;
	}
	rt_expect_true("kenv(KENV_SET, \"xrun.test\", \"v1\", 3): as root GET gives 3 (2 when len is 2), UNSET 0 then ENOENT; else SET and UNSET EPERM", ok);
	rt_expect_ret("kenv(KENV_GET, \"xrun.test\", buf, 64) again", SC4(NR_kenv, KENV_GET, "xrun.test", buf, 64), -ENOENT);
	memset(buf, 'a', 200);
	buf[200] = 0;
	rt_expect_ret("kenv(KENV_GET, 200-byte name, buf, 64)", SC4(NR_kenv, KENV_GET, buf, buf, 64), -ENAMETOOLONG);
	rt_expect_ret("kenv(KENV_GET, (void *)8, buf, 64)", SC4(NR_kenv, KENV_GET, 8, buf, 64), -EFAULT);
	rt_expect_ret("kenv(99, \"x\", buf, 64)", SC4(NR_kenv, 99, "x", buf, 64), -EINVAL);

	{
		sigset_t set, old;
		struct fsiginfo si;
		struct timespec ts = { 1, 0 };
		memset(&set, 0, sizeof set);
		set.bits[0] = 1U << (SIGUSR1 - 1);
		sys_sigprocmask(SIG_BLOCK, &set, &old);
		rt_expect_ret("sigqueue(getpid(), SIGUSR1, 42) [blocked]", SC3(NR_sigqueue, sys_getpid(), SIGUSR1, 42), 0);
		memset(&si, 0, sizeof si);
		rt_expect_ret("  sigtimedwait({SIGUSR1}, &si, 1s)", SC3(NR_sigtimedwait, &set, &si, &ts), SIGUSR1);
		rt_expect_hex("  si_code (SI_QUEUE)", (unsigned)si.si_code, SI_QUEUE);
		rt_expect_eq("  si_value", si.si_value, 42);
		rt_expect_true("  si_pid == getpid(), si_uid == getuid()", si.si_pid == sys_getpid() && si.si_uid == (unsigned)sys_getuid());
		sys_sigprocmask(SIG_SETMASK, &old, 0);
	}
	rt_expect_ret("sigqueue(getpid(), 0, 0)", SC3(NR_sigqueue, sys_getpid(), 0, 0), 0);
	rt_expect_ret("sigqueue(0, SIGUSR1, 0)", SC3(NR_sigqueue, 0, SIGUSR1, 0), -EINVAL);
	rt_expect_ret("sigqueue(-1, 0, 0)", SC3(NR_sigqueue, -1, 0, 0), -EINVAL);
	rt_expect_ret("sigqueue(99999999, 0, 0)", SC3(NR_sigqueue, 99999999, 0, 0), -ESRCH);
	rt_expect_ret("sigqueue(getpid(), 200, 0)", SC3(NR_sigqueue, sys_getpid(), 200, 0), -EINVAL);

	rt_expect_hex("membarrier(QUERY, 0, 0)", (unsigned long)SC3(NR_membarrier, MEMBARRIER_CMD_QUERY, 0, 0), 0x7f);
	rt_expect_ret("membarrier(GLOBAL, 0, 0)", SC3(NR_membarrier, MEMBARRIER_CMD_GLOBAL, 0, 0), 0);
	rt_expect_ret("membarrier(PRIVATE_EXPEDITED, 0, 0) [unregistered]", SC3(NR_membarrier, MEMBARRIER_CMD_PRIVATE_EXPEDITED, 0, 0), -EPERM);
	rt_expect_ret("membarrier(REGISTER_PRIVATE_EXPEDITED, 0, 0)", SC3(NR_membarrier, MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED, 0, 0), 0);
	rt_expect_ret("membarrier(PRIVATE_EXPEDITED, 0, 0)", SC3(NR_membarrier, MEMBARRIER_CMD_PRIVATE_EXPEDITED, 0, 0), 0);
	rt_expect_ret("membarrier(GLOBAL_EXPEDITED, 0, 0) [unregistered]", SC3(NR_membarrier, MEMBARRIER_CMD_GLOBAL_EXPEDITED, 0, 0), -EPERM);
	rt_expect_ret("membarrier(REGISTER_GLOBAL_EXPEDITED, 0, 0)", SC3(NR_membarrier, MEMBARRIER_CMD_REGISTER_GLOBAL_EXPEDITED, 0, 0), 0);
	rt_expect_ret("membarrier(GLOBAL_EXPEDITED, 0, 0)", SC3(NR_membarrier, MEMBARRIER_CMD_GLOBAL_EXPEDITED, 0, 0), 0);
	rt_expect_ret("membarrier(QUERY, 1, 0)", SC3(NR_membarrier, MEMBARRIER_CMD_QUERY, 1, 0), -EINVAL);
	rt_expect_ret("membarrier(PRIVATE_EXPEDITED_RSEQ, 0, 0)", SC3(NR_membarrier, MEMBARRIER_CMD_PRIVATE_EXPEDITED_RSEQ, 0, 0), -EINVAL);

	{
		struct specialfd_eventfd req = { 5, 0 };
		uint64_t n = 0, one = 1;
		long fd = SC3(NR___specialfd, SPECIALFD_EVENTFD, &req, sizeof req);
		rt_expect_ret("__specialfd(SPECIALFD_EVENTFD, {5, 0}, 8)", fd, 3);
		rt_expect_ret("  read(fd, &n, 8)", sys_read((int)fd, &n, 8), 8);
		rt_expect_eq("  n", (long)n, 5);
		rt_expect_ret("  write(fd, &1, 8)", sys_write((int)fd, &one, 8), 8);
		rt_expect_ret("  read(fd, &n, 4)", sys_read((int)fd, &n, 4), -EINVAL);
		rt_expect_ret("  fcntl(fd, F_GETFD)", sys_fcntl((int)fd, F_GETFD, 0), 0);
		sys_close((int)fd);
		req.initval = 2;
		req.flags = EFD_SEMAPHORE | EFD_NONBLOCK | EFD_CLOEXEC;
		fd = SC3(NR___specialfd, SPECIALFD_EVENTFD, &req, sizeof req);
		rt_expect_ret("__specialfd(SPECIALFD_EVENTFD, {2, EFD_SEMAPHORE|EFD_NONBLOCK|EFD_CLOEXEC}, 8)", fd, 3);
		rt_expect_ret("  fcntl(fd, F_GETFD)", sys_fcntl((int)fd, F_GETFD, 0), 1);
		n = 0;
		rt_expect_ret("  read(fd, &n, 8)", sys_read((int)fd, &n, 8), 8);
		rt_expect_eq("  n", (long)n, 1);
		rt_expect_ret("  read(fd, &n, 8)", sys_read((int)fd, &n, 8), 8);
		rt_expect_ret("  read(fd, &n, 8) [counter 0]", sys_read((int)fd, &n, 8), -EAGAIN);
		sys_close((int)fd);
		req.flags = 0x2;
		rt_expect_ret("__specialfd(SPECIALFD_EVENTFD, {0, 0x2}, 8)", SC3(NR___specialfd, SPECIALFD_EVENTFD, &req, sizeof req), -EINVAL);
		req.flags = 0;
		rt_expect_ret("__specialfd(SPECIALFD_EVENTFD, &req, 4)", SC3(NR___specialfd, SPECIALFD_EVENTFD, &req, 4), -EINVAL);
		rt_expect_ret("__specialfd(2, &req, 8)", SC3(NR___specialfd, 2, &req, sizeof req), -EINVAL);
		rt_expect_ret("__specialfd(SPECIALFD_EVENTFD, (void *)8, 8)", SC3(NR___specialfd, SPECIALFD_EVENTFD, 8, 8), -EFAULT);
	}

	rt_expect_ret("sigfastblock(SIGFASTBLOCK_UNBLOCK, NULL) [no word]", SC2(NR_sigfastblock, SIGFASTBLOCK_UNBLOCK, 0), -EINVAL);
	rt_expect_ret("sigfastblock(SIGFASTBLOCK_UNSETPTR, NULL) [no word]", SC2(NR_sigfastblock, SIGFASTBLOCK_UNSETPTR, 0), -EINVAL);
	rt_expect_ret("sigfastblock(SIGFASTBLOCK_SETPTR, (char *)&w + 1)", SC2(NR_sigfastblock, SIGFASTBLOCK_SETPTR, (char *)fastword + 1), -EINVAL);
	fastword[0] = 0;
	rt_expect_ret("sigfastblock(SIGFASTBLOCK_SETPTR, &w)", SC2(NR_sigfastblock, SIGFASTBLOCK_SETPTR, fastword), 0);
	rt_expect_ret("sigfastblock(SIGFASTBLOCK_SETPTR, &w) again", SC2(NR_sigfastblock, SIGFASTBLOCK_SETPTR, fastword), -EBUSY);
	rt_expect_ret("sigfastblock(SIGFASTBLOCK_UNBLOCK, NULL) [w 0]", SC2(NR_sigfastblock, SIGFASTBLOCK_UNBLOCK, 0), -EBUSY);
	fastword[0] = SIGFASTBLOCK_PEND;
	rt_expect_ret("sigfastblock(SIGFASTBLOCK_UNBLOCK, NULL) [w PEND]", SC2(NR_sigfastblock, SIGFASTBLOCK_UNBLOCK, 0), 0);
	rt_expect_eq("  w", fastword[0], 0);
	fastword[0] = SIGFASTBLOCK_INC;
	rt_expect_ret("sigfastblock(SIGFASTBLOCK_UNSETPTR, NULL) [w blocked]", SC2(NR_sigfastblock, SIGFASTBLOCK_UNSETPTR, 0), -EBUSY);
	fastword[0] = 0;
	rt_expect_ret("sigfastblock(SIGFASTBLOCK_UNSETPTR, NULL) [w 0]", SC2(NR_sigfastblock, SIGFASTBLOCK_UNSETPTR, 0), 0);
	rt_expect_ret("sigfastblock(SIGFASTBLOCK_UNSETPTR, NULL) again", SC2(NR_sigfastblock, SIGFASTBLOCK_UNSETPTR, 0), -EINVAL);
	rt_expect_ret("sigfastblock(9, NULL)", SC2(NR_sigfastblock, 9, 0), -EINVAL);
	return rt_finish();
}
