/*
 * priority - scheduling priority and the session's login name.
 * Covers: getpriority(100) setpriority(96) getlogin(49) setlogin(50).
 * Expected results: getpriority(2) (PRIO_PROCESS 0, PRIO_PGRP 1, PRIO_USER 2
 * in sys/sys/resource.h): the nice value itself, -20..20, is returned (a
 * negative one is not an error); who 0 is the caller (its group, its user);
 * raising the nice value is allowed to anyone, lowering it needs privilege
 * (donice: EACCES); PRIO_PGRP gives the lowest nice value in the group and
 * PRIO_USER the lowest of the user's processes; an unknown which is
 * EINVAL, no such process ESRCH. getlogin(2)/setlogin(2) (kern_prot.c): the
 * name belongs to the session (the program first makes its own with
 * setsid, so that setlogin does not change its caller's session); getlogin
 * is ERANGE when the name and its NUL exceed namelen, EFAULT for a bad
 * buffer; setlogin needs root (EPERM, checked first), and a name of
 * MAXLOGNAME (33) bytes or more is EINVAL; a child inherits the session and
 * a new session made by setsid keeps the name (enterpgrp copies s_login).
 * xrun-covers: exit fork geteuid getlogin getpid getpriority setlogin setpriority
 * xrun-covers: setsid wait4 write
 */
#include "rt.h"

#define NR_fork 2
#define NR_wait4 7
#define NR_setsid 147
#define NR_getpriority 100
#define NR_setpriority 96
#define NR_getlogin 49
#define NR_setlogin 50
#define PRIO_PROCESS 0
#define PRIO_PGRP 1
#define PRIO_USER 2

int main(int argc, char **argv, char **envp)
{
	(void)argc; (void)argv; (void)envp;
	long pid = sys_getpid();
	long euid = sys_geteuid();
	rt_expect_true("setsid() == getpid()", SC0(NR_setsid) == pid);

	/* priorities */
	long p0 = SC2(NR_getpriority, PRIO_PROCESS, 0);
	rt_expect_true("getpriority(PRIO_PROCESS, 0) in -20..10", p0 >= -20 && p0 <= 10);
	rt_expect_ret("setpriority(PRIO_PROCESS, 0, 10)", SC3(NR_setpriority, PRIO_PROCESS, 0, 10), 0);
	rt_expect_ret("getpriority(PRIO_PROCESS, 0)", SC2(NR_getpriority, PRIO_PROCESS, 0), 10);
	rt_expect_ret("setpriority(PRIO_PROCESS, getpid(), 15)", SC3(NR_setpriority, PRIO_PROCESS, pid, 15), 0);
	rt_expect_ret("getpriority(PRIO_PROCESS, getpid())", SC2(NR_getpriority, PRIO_PROCESS, pid), 15);
	rt_expect_ret("getpriority(PRIO_PGRP, 0) [a group of its own]", SC2(NR_getpriority, PRIO_PGRP, 0), 15);
	rt_expect_true("getpriority(PRIO_USER, 0) <= 15", SC2(NR_getpriority, PRIO_USER, 0) <= 15);
	long r = SC3(NR_setpriority, PRIO_PROCESS, 0, 12);
	rt_expect_true("setpriority(PRIO_PROCESS, 0, 12) [lower]: 0 as root, else EACCES", euid == 0 ? r == 0 : r == -EACCES);
	rt_expect_ret("getpriority(3, 0)", SC2(NR_getpriority, 3, 0), -EINVAL);
	rt_expect_ret("setpriority(3, 0, 0)", SC3(NR_setpriority, 3, 0, 0), -EINVAL);
	rt_expect_ret("getpriority(PRIO_PROCESS, 999999)", SC2(NR_getpriority, PRIO_PROCESS, 999999), -ESRCH);
	rt_expect_ret("setpriority(PRIO_PROCESS, 999999, 15)", SC3(NR_setpriority, PRIO_PROCESS, 999999, 15), -ESRCH);
	if (euid == 0)
		SC3(NR_setpriority, PRIO_PROCESS, 0, -5);
	r = SC2(NR_getpriority, PRIO_PROCESS, 0);
	rt_expect_true("as root: setpriority(PRIO_PROCESS, 0, -5), getpriority = -5", euid != 0 || r == -5);

	/* login name */
	char buf[64];
	memset(buf, 'x', sizeof buf);
	rt_expect_ret("getlogin(buf, 33)", SC2(NR_getlogin, buf, 33), 0);
	int nul = 0;
	for (int i = 0; i < 33; i++)
		if (buf[i] == 0) { nul = 1; break; }
	rt_expect_true("  NUL-terminated within 33 bytes", nul);
	rt_expect_ret("getlogin(buf, 0)", SC2(NR_getlogin, buf, 0), -ERANGE);
	rt_expect_ret("getlogin((char *)1, 33)", SC2(NR_getlogin, 1, 33), -EFAULT);
	r = SC1(NR_setlogin, "xrun-tb");
	rt_expect_true("setlogin(\"xrun-tb\"): 0 as root, else EPERM", euid == 0 ? r == 0 : r == -EPERM);
	char longname[40];
	memset(longname, 'a', sizeof longname);
	longname[33] = 0;
	r = SC1(NR_setlogin, longname);
	rt_expect_true("setlogin(<33 bytes>): EINVAL as root, else EPERM", r == (euid == 0 ? -EINVAL : -EPERM));
	r = SC1(NR_setlogin, 1);
	rt_expect_true("setlogin((char *)1): EFAULT as root, else EPERM", r == (euid == 0 ? -EFAULT : -EPERM));
	int ok = 1;
	if (euid == 0) {
		memset(buf, 0, sizeof buf);
		ok = SC2(NR_getlogin, buf, 33) == 0 && rt_strcmp(buf, "xrun-tb") == 0
		    && SC2(NR_getlogin, buf, 7) == -ERANGE && SC2(NR_getlogin, buf, 8) == 0;
	}
	rt_expect_true("as root: getlogin gives \"xrun-tb\"; ERANGE with 7 bytes, 0 with 8", ok);
	long child = SC0(NR_fork);
	if (child == 0) {
		char b[64];
		int same = euid != 0 || (SC2(NR_getlogin, b, 33) == 0 && rt_strcmp(b, "xrun-tb") == 0);
		int after = SC0(NR_setsid) > 0 && (euid != 0 || (SC2(NR_getlogin, b, 33) == 0 && rt_strcmp(b, "xrun-tb") == 0));
		sys_exit(same && after ? 0 : 1);
	}
	int status = -1;
	SC4(NR_wait4, child, &status, 0, 0);
	rt_expect_eq("a child, then in a new session of its own, sees the same name (exit status)", status, 0);
	return rt_finish();
}
