/*
 * hostadmin - calls that administer a FreeBSD host: kernel modules, jails,
 * audit, MAC labels, resource limits (rctl), mounts, reboot, swap, process
 * accounting, quotas, routing tables (setfib), login classes.
 * Covers: kldload(304) kldunload(305) kldfind(306) kldnext(307)
 *         kldunloadf(444) jail(338) jail_attach(436) jail_get(506)
 *         jail_set(507) jail_remove(508) audit(445) auditon(446)
 *         getauid(447) setauid(448) getaudit(449) setaudit(450)
 *         getaudit_addr(451) setaudit_addr(452) auditctl(453)
 *         __mac_get_proc(384) __mac_set_proc(385) __mac_get_fd(386)
 *         __mac_get_file(387) __mac_set_fd(388) __mac_set_file(389)
 *         mac_syscall(394) __mac_get_pid(409) __mac_get_link(410)
 *         __mac_set_link(411) __mac_execve(415) rctl_get_racct(525) rctl_get_rules(526)
 *         rctl_get_limits(527) rctl_add_rule(528) rctl_remove_rule(529)
 *         getloginclass(523) setloginclass(524) setfib(175) mount(21)
 *         unmount(22) nmount(378) reboot(55) swapon(85) swapoff(582)
 *         quotactl(148) acct(51).
 * Expected results: what FreeBSD's kernel answers a root process in a jail
 * (the default jail parameters: no allow.mount, allow.quotas) on a system
 * whose only linker file is the kernel, with no MAC policy loaded,
 * kern.racct.enable=0 and net.fibs=1:
 *   kern_linker.c: kldload/kldunload fail priv_check (EPERM); kldunloadf
 *     checks flags first (EINVAL); kldfind matches the basename "kernel"
 *     (id 1) else ENOENT; kldnext(0) = 1, kldnext(1) = 0, unknown ENOENT.
 *   kern_jail.c: jail, jail_set, jail_attach, jail_remove EPERM
 *     (priv_check); jail_get/jail_set: odd iovec count EINVAL; jail_get
 *     flags beyond JAIL_DYING EINVAL, else ENOENT (no child jail).
 *   audit_syscalls.c: every call ENOSYS when jailed.
 *   mac_syscalls.c: mac_syscall ENOSYS (no policy); __mac_{get,set}_{file,link}
 *     EINVAL (mac_labeled 0); struct mac { size_t m_buflen; char *m_string; }
 *     checked first: m_buflen <= 1 or > 8192 EINVAL, bad pointer EFAULT;
 *     __mac_execve with a label EINVAL before the path is looked up
 *     (mac_execve_enter), without one it is execve (ENOENT);
 *     __mac_get_proc/pid: an element without '?' EINVAL, "?biba,?mls"
 *     gives "" and 0; __mac_get_pid of a missing pid ESRCH; __mac_set_proc
 *     EINVAL; __mac_get_fd/__mac_set_fd EBADF for a closed descriptor, else
 *     EINVAL.
 *   kern_rctl.c: ENOSYS (racct disabled).
 *   vfs_mount.c, vfs_syscalls.c, kern_shutdown.c, swap_pager.c, kern_acct.c:
 *     EPERM (priv_check / prison_allow).
 *   route_tables.c sys_setfib: 0 ok, 1 and -1 EINVAL.
 *   kern_loginclass.c: getloginclass "default"; ERANGE when namelen is
 *     short; setloginclass EPERM for non-root, else the name of 1..32 bytes
 *     (empty EINVAL, 33 bytes ENAMETOOLONG) is read back, and a forked child
 *     inherits it (the class is in the credential).
 * xrun-covers: kldload kldunload kldfind kldnext kldunloadf jail jail_attach
 * xrun-covers: jail_get jail_set jail_remove audit auditon getauid setauid
 * xrun-covers: getaudit setaudit getaudit_addr setaudit_addr auditctl
 * xrun-covers: __mac_get_proc __mac_set_proc __mac_get_fd __mac_get_file
 * xrun-covers: __mac_set_fd __mac_set_file mac_syscall __mac_get_pid
 * xrun-covers: __mac_get_link __mac_set_link __mac_execve rctl_get_racct rctl_get_rules
 * xrun-covers: rctl_get_limits rctl_add_rule rctl_remove_rule getloginclass
 * xrun-covers: setloginclass setfib mount unmount nmount reboot swapon swapoff
 * xrun-covers: quotactl acct exit fork wait4 geteuid getpid write
 */
#include "rt.h"

#define NR_fork 2
#define NR_wait4 7
#define NR_mount 21
#define NR_unmount 22
#define NR_acct 51
#define NR_reboot 55
#define NR_swapon 85
#define NR_quotactl 148
#define NR_setfib 175
#define NR_kldload 304
#define NR_kldunload 305
#define NR_kldfind 306
#define NR_kldnext 307
#define NR_jail 338
#define NR_nmount 378
#define NR___mac_get_proc 384
#define NR___mac_set_proc 385
#define NR___mac_get_fd 386
#define NR___mac_get_file 387
#define NR___mac_set_fd 388
#define NR___mac_set_file 389
#define NR_mac_syscall 394
#define NR___mac_get_pid 409
#define NR___mac_get_link 410
#define NR___mac_set_link 411
#define NR___mac_execve 415
#define NR_jail_attach 436
#define NR_kldunloadf 444
#define NR_audit 445
#define NR_auditon 446
#define NR_getauid 447
#define NR_setauid 448
#define NR_getaudit 449
#define NR_setaudit 450
#define NR_getaudit_addr 451
#define NR_setaudit_addr 452
#define NR_auditctl 453
#define NR_jail_get 506
#define NR_jail_set 507
#define NR_jail_remove 508
#define NR_getloginclass 523
#define NR_setloginclass 524
#define NR_rctl_get_racct 525
#define NR_rctl_get_rules 526
#define NR_rctl_get_limits 527
#define NR_rctl_add_rule 528
#define NR_rctl_remove_rule 529
#define NR_swapoff 582
#define JAIL_DYING 0x08
#define JAIL_CREATE 0x01
#define A_GETPOLICY 33          /* bsm/audit.h */
#define Q_QUOTAON 0x0100        /* ufs/ufs/quota.h QCMD(Q_QUOTAON, USRQUOTA) */
#define RB_HALT 0x8             /* sys/reboot.h */

struct mac { size_t m_buflen; char *m_string; };           /* sys/sys/mac.h */
struct jail_v2 {                                           /* sys/sys/jail.h */
	unsigned int version; char *path; char *hostname; char *jailname;
	unsigned int ip4s, ip6s; void *ip4, *ip6;
};
struct iovec2 { void *base; size_t len; };

static char lbuf[64];

static long mac_call(long nr, long a, struct mac *m) { return nr == NR___mac_get_proc || nr == NR___mac_set_proc ? SC1(nr, m) : SC2(nr, a, m); }

int main(int argc, char **argv, char **envp)
{
	(void)argc; (void)argv; (void)envp;
	long euid = sys_geteuid();

	/* kernel modules */
	rt_expect_ret("kldload(\"/boot/kernel/zfs.ko\")", SC1(NR_kldload, "/boot/kernel/zfs.ko"), -EPERM);
	rt_expect_ret("kldunload(1)", SC1(NR_kldunload, 1), -EPERM);
	rt_expect_ret("kldunloadf(1, LINKER_UNLOAD_FORCE)", SC2(NR_kldunloadf, 1, 1), -EPERM);
	rt_expect_ret("kldunloadf(1, 2)", SC2(NR_kldunloadf, 1, 2), -EINVAL);
	rt_expect_ret("kldfind(\"kernel\")", SC1(NR_kldfind, "kernel"), 1);
	rt_expect_ret("kldfind(\"/boot/kernel/kernel\")", SC1(NR_kldfind, "/boot/kernel/kernel"), 1);
	rt_expect_ret("kldfind(\"zfs.ko\")", SC1(NR_kldfind, "zfs.ko"), -ENOENT);
	rt_expect_ret("kldfind((char *)1)", SC1(NR_kldfind, 1), -EFAULT);
	rt_expect_ret("kldnext(0)", SC1(NR_kldnext, 0), 1);
	rt_expect_ret("kldnext(1)", SC1(NR_kldnext, 1), 0);
	rt_expect_ret("kldnext(7)", SC1(NR_kldnext, 7), -ENOENT);

	/* jails */
	struct jail_v2 j = { 2, "/", "h", "j", 0, 0, 0, 0 };
	rt_expect_ret("jail({version 2, \"/\", \"h\", \"j\"})", SC1(NR_jail, &j), -EPERM);
	rt_expect_ret("jail_attach(1)", SC1(NR_jail_attach, 1), -EPERM);
	rt_expect_ret("jail_remove(1)", SC1(NR_jail_remove, 1), -EPERM);
	int jid = 0;
	struct iovec2 iov[2] = { { "jid", 4 }, { &jid, sizeof jid } };
	rt_expect_ret("jail_get({\"jid\", 0}, 2, 0)", SC3(NR_jail_get, iov, 2, 0), -ENOENT);
	rt_expect_ret("jail_get({\"jid\", 0}, 2, JAIL_DYING)", SC3(NR_jail_get, iov, 2, JAIL_DYING), -ENOENT);
	rt_expect_ret("jail_get({\"jid\", 0}, 2, JAIL_CREATE)", SC3(NR_jail_get, iov, 2, JAIL_CREATE), -EINVAL);
	rt_expect_ret("jail_get(iov, 1, 0)", SC3(NR_jail_get, iov, 1, 0), -EINVAL);
	rt_expect_ret("jail_get((void *)1, 2, 0)", SC3(NR_jail_get, 1, 2, 0), -EFAULT);
	rt_expect_ret("jail_set({\"jid\", 0}, 2, JAIL_CREATE)", SC3(NR_jail_set, iov, 2, JAIL_CREATE), -EPERM);
	rt_expect_ret("jail_set(iov, 3, JAIL_CREATE)", SC3(NR_jail_set, iov, 3, JAIL_CREATE), -EINVAL);

	/* audit */
	int auid = 0;
	char ai[64];
	memset(ai, 0, sizeof ai);
	rt_expect_ret("audit(\"x\", 1)", SC2(NR_audit, "x", 1), -ENOSYS);
	rt_expect_ret("auditon(A_GETPOLICY, &v, 4)", SC3(NR_auditon, A_GETPOLICY, &auid, 4), -ENOSYS);
	rt_expect_ret("getauid(&auid)", SC1(NR_getauid, &auid), -ENOSYS);
	rt_expect_ret("setauid(&auid)", SC1(NR_setauid, &auid), -ENOSYS);
	rt_expect_ret("getaudit(&ai)", SC1(NR_getaudit, ai), -ENOSYS);
	rt_expect_ret("setaudit(&ai)", SC1(NR_setaudit, ai), -ENOSYS);
	rt_expect_ret("getaudit_addr(&aia, 48)", SC2(NR_getaudit_addr, ai, 48), -ENOSYS);
	rt_expect_ret("setaudit_addr(&aia, 48)", SC2(NR_setaudit_addr, ai, 48), -ENOSYS);
	rt_expect_ret("auditctl(\"/var/audit/x\")", SC1(NR_auditctl, "/var/audit/x"), -ENOSYS);

	/* MAC */
	char label[64];
	struct mac m = { sizeof label, label };
	rt_strcpy(label, "?biba,?mls");
	rt_expect_ret("__mac_get_proc({64, \"?biba,?mls\"})", SC1(NR___mac_get_proc, &m), 0);
	rt_expect_str("  label", label, "");
	rt_strcpy(label, "biba");
	rt_expect_ret("__mac_get_proc({64, \"biba\"})", SC1(NR___mac_get_proc, &m), -EINVAL);
	rt_strcpy(label, "?biba");
	struct mac small = { 1, label }, big = { 8193, label }, bad = { 64, (char *)1 };
	rt_expect_ret("__mac_get_proc({1, ...})", SC1(NR___mac_get_proc, &small), -EINVAL);
	rt_expect_ret("__mac_get_proc({8193, ...})", SC1(NR___mac_get_proc, &big), -EINVAL);
	rt_expect_ret("__mac_get_proc({64, (char *)1})", SC1(NR___mac_get_proc, &bad), -EFAULT);
	rt_expect_ret("__mac_get_proc((struct mac *)1)", SC1(NR___mac_get_proc, 1), -EFAULT);
	rt_expect_ret("__mac_get_pid(getpid(), {64, \"?biba\"})", SC2(NR___mac_get_pid, sys_getpid(), &m), 0);
	rt_expect_ret("__mac_get_pid(99999, {64, \"?biba\"})", SC2(NR___mac_get_pid, 99999, &m), -ESRCH);
	rt_strcpy(label, "biba/high");
	rt_expect_ret("__mac_set_proc({64, \"biba/high\"})", mac_call(NR___mac_set_proc, 0, &m), -EINVAL);
	rt_expect_ret("__mac_get_fd(1, {64, \"biba/high\"})", mac_call(NR___mac_get_fd, 1, &m), -EINVAL);
	rt_expect_ret("__mac_get_fd(99, {64, \"biba/high\"})", mac_call(NR___mac_get_fd, 99, &m), -EBADF);
	rt_expect_ret("__mac_set_fd(1, {64, \"biba/high\"})", mac_call(NR___mac_set_fd, 1, &m), -EINVAL);
	rt_expect_ret("__mac_set_fd(99, {64, \"biba/high\"})", mac_call(NR___mac_set_fd, 99, &m), -EBADF);
	rt_expect_ret("__mac_get_file(\"/\", {64, \"biba/high\"})", SC2(NR___mac_get_file, "/", &m), -EINVAL);
	rt_expect_ret("__mac_set_file(\"/\", {64, \"biba/high\"})", SC2(NR___mac_set_file, "/", &m), -EINVAL);
	rt_expect_ret("__mac_get_link(\"/\", {64, \"biba/high\"})", SC2(NR___mac_get_link, "/", &m), -EINVAL);
	rt_expect_ret("__mac_set_link(\"/\", {64, \"biba/high\"})", SC2(NR___mac_set_link, "/", &m), -EINVAL);
	char *nargv[2] = { "x", 0 };
	rt_expect_ret("__mac_execve(\"/nonexistent\", argv, envp, {64, \"biba/high\"})", SC4(NR___mac_execve, "/nonexistent", nargv, envp, &m), -EINVAL);
	rt_expect_ret("__mac_execve(\"/nonexistent\", argv, envp, NULL)", SC4(NR___mac_execve, "/nonexistent", nargv, envp, 0), -ENOENT);
	rt_expect_ret("mac_syscall(\"biba\", 0, NULL)", SC3(NR_mac_syscall, "biba", 0, 0), -ENOSYS);

	/* rctl */
	char out[256];
	rt_expect_ret("rctl_get_racct(\"user:root\", 10, out, 256)", SC4(NR_rctl_get_racct, "user:root", 10, out, 256), -ENOSYS);
	rt_expect_ret("rctl_get_rules(\"\", 1, out, 256)", SC4(NR_rctl_get_rules, "", 1, out, 256), -ENOSYS);
	rt_expect_ret("rctl_get_limits(\"process:1\", 10, out, 256)", SC4(NR_rctl_get_limits, "process:1", 10, out, 256), -ENOSYS);
	rt_expect_ret("rctl_add_rule(\"user:root:maxproc:deny=100\", 27, NULL, 0)", SC4(NR_rctl_add_rule, "user:root:maxproc:deny=100", 27, 0, 0), -ENOSYS);
	rt_expect_ret("rctl_remove_rule(\"user:root\", 10, NULL, 0)", SC4(NR_rctl_remove_rule, "user:root", 10, 0, 0), -ENOSYS);

	/* mounts, reboot, swap, accounting, quotas */
	struct iovec2 mopts[4] = { { "fstype", 7 }, { "tmpfs", 6 }, { "fspath", 7 }, { "/mnt", 5 } };
	rt_expect_ret("mount(\"tmpfs\", \"/mnt\", 0, NULL)", SC4(NR_mount, "tmpfs", "/mnt", 0, 0), -EPERM);
	rt_expect_ret("nmount({fstype tmpfs fspath /mnt}, 4, 0)", SC3(NR_nmount, mopts, 4, 0), -EPERM);
	rt_expect_ret("unmount(\"/\", 0)", SC2(NR_unmount, "/", 0), -EPERM);
	rt_expect_ret("quotactl(\"/\", Q_QUOTAON, 0, \"/quota.user\")", SC4(NR_quotactl, "/", Q_QUOTAON, 0, "/quota.user"), -EPERM);
	rt_expect_ret("reboot(RB_HALT)", SC1(NR_reboot, RB_HALT), -EPERM);
	rt_expect_ret("swapon(\"/dev/null\")", SC1(NR_swapon, "/dev/null"), -EPERM);
	rt_expect_ret("swapoff(\"/dev/null\", 0)", SC2(NR_swapoff, "/dev/null", 0), -EPERM);
	rt_expect_ret("acct(\"/tmp/xrun-tb-hostadmin-acct\")", SC1(NR_acct, "/tmp/xrun-tb-hostadmin-acct"), -EPERM);

	/* routing tables */
	rt_expect_ret("setfib(0)", SC1(NR_setfib, 0), 0);
	rt_expect_ret("setfib(1)", SC1(NR_setfib, 1), -EINVAL);
	rt_expect_ret("setfib(-1)", SC1(NR_setfib, -1), -EINVAL);

	/* login classes */
	memset(lbuf, 'x', sizeof lbuf);
	rt_expect_ret("getloginclass(buf, 64)", SC2(NR_getloginclass, lbuf, 64), 0);
	rt_expect_str("  class", lbuf, "default");
	rt_expect_ret("getloginclass(buf, 7)", SC2(NR_getloginclass, lbuf, 7), -ERANGE);
	rt_expect_ret("getloginclass(buf, 8)", SC2(NR_getloginclass, lbuf, 8), 0);
	rt_expect_ret("getloginclass((char *)1, 64)", SC2(NR_getloginclass, 1, 64), -EFAULT);
	long r = SC1(NR_setloginclass, "staff");
	rt_expect_true("setloginclass(\"staff\"): 0 as root, else EPERM", euid == 0 ? r == 0 : r == -EPERM);
	SC2(NR_getloginclass, lbuf, 64);
	rt_expect_true("getloginclass(buf, 64): \"staff\" as root, else \"default\"", rt_strcmp(lbuf, euid == 0 ? "staff" : "default") == 0);
	char longname[40];
	memset(longname, 'c', sizeof longname);
	longname[33] = 0;
	r = SC1(NR_setloginclass, "");
	rt_expect_true("setloginclass(\"\"): EINVAL as root, else EPERM", r == (euid == 0 ? -EINVAL : -EPERM));
	r = SC1(NR_setloginclass, longname);
	rt_expect_true("setloginclass(<33 bytes>): ENAMETOOLONG as root, else EPERM", r == (euid == 0 ? -ENAMETOOLONG : -EPERM));
	long child = SC0(NR_fork);
	if (child == 0) {
		char b[64];
		int ok = SC2(NR_getloginclass, b, 64) == 0 && rt_strcmp(b, euid == 0 ? "staff" : "default") == 0;
		sys_exit(ok ? 0 : 1);
	}
	int status = -1;
	SC4(NR_wait4, child, &status, 0, 0);
	rt_expect_eq("a forked child has its parent's login class (exit status)", status, 0);
	return rt_finish();
}
