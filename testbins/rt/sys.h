/*
 * sys.h - raw system calls for the xrun test programs.
 *
 * FreeBSD/amd64 convention (sys/amd64/amd64/trap.c, cpu_fetch_syscall_args
 * and cpu_set_syscall_retval; lib/libc/amd64/SYS.h):
 *   number in %rax, arguments in %rdi %rsi %rdx %r10 %r8 %r9, `syscall`;
 *   %rcx and %r11 are clobbered; on failure the carry flag is set and %rax
 *   holds a positive errno; on success carry is clear, %rax is the result
 *   and %rdx may hold a second result (e.g. the old pipe(2)).
 * Every wrapper here returns the result, or -errno on failure.
 *
 * With -DXRUN_TARGET_LINUX the same wrappers issue Linux system calls
 * (Linux reports errors as %rax in [-4095,-1]) and translate the Linux
 * errno to the FreeBSD number, so that a native Linux build prints the
 * same lines as the FreeBSD build wherever the two systems agree.
 */
#ifndef XRUN_SYS_H
#define XRUN_SYS_H

#ifdef XRUN_TARGET_LINUX
#include "linux.h"
#else
#include "fbsd.h"
#endif

long rt_errno_from_linux(long e);   /* linux_errno.c; Linux build only */

/* Six-argument primitive; *second receives %rdx after the call. */
static inline long rt_syscall6x(long n, long a1, long a2, long a3, long a4,
                                long a5, long a6, long *second)
{
	register long r10 __asm__("r10") = a4;
	register long r8  __asm__("r8")  = a5;
	register long r9  __asm__("r9")  = a6;
	long rax = n;
#ifdef XRUN_TARGET_LINUX
	__asm__ volatile ("syscall"
	    : "+a"(rax), "+D"(a1), "+S"(a2), "+d"(a3), "+r"(r10), "+r"(r8), "+r"(r9)
	    :
	    : "rcx", "r11", "memory", "cc");
	if (second)
		*second = a3;
	if ((unsigned long)rax >= (unsigned long)-4095L)
		return -rt_errno_from_linux(-rax);
	return rax;
#else
	unsigned char cf;
	__asm__ volatile ("syscall\n\tsetc %1"
	    : "+a"(rax), "=r"(cf), "+D"(a1), "+S"(a2), "+d"(a3), "+r"(r10), "+r"(r8), "+r"(r9)
	    :
	    : "rcx", "r11", "memory", "cc");
	if (second)
		*second = a3;
	if (cf)
		return -rax;
	return rax;
#endif
}

static inline long rt_syscall6(long n, long a1, long a2, long a3, long a4, long a5, long a6)
{ return rt_syscall6x(n, a1, a2, a3, a4, a5, a6, 0); }
#define SC0(n)                 rt_syscall6((n), 0, 0, 0, 0, 0, 0)
#define SC1(n,a)               rt_syscall6((n), (long)(a), 0, 0, 0, 0, 0)
#define SC2(n,a,b)             rt_syscall6((n), (long)(a), (long)(b), 0, 0, 0, 0)
#define SC3(n,a,b,c)           rt_syscall6((n), (long)(a), (long)(b), (long)(c), 0, 0, 0)
#define SC4(n,a,b,c,d)         rt_syscall6((n), (long)(a), (long)(b), (long)(c), (long)(d), 0, 0)
#define SC5(n,a,b,c,d,e)       rt_syscall6((n), (long)(a), (long)(b), (long)(c), (long)(d), (long)(e), 0)
#define SC6(n,a,b,c,d,e,f)     rt_syscall6((n), (long)(a), (long)(b), (long)(c), (long)(d), (long)(e), (long)(f))

/* ---- wrappers common to both targets ---- */
static inline __attribute__((noreturn)) void sys_exit(int status)
{
	SC1(NR_exit, status);
	for (;;)
		__asm__ volatile ("hlt");
}
static inline long sys_read(int fd, void *buf, size_t n)          { return SC3(NR_read, fd, buf, n); }
static inline long sys_write(int fd, const void *buf, size_t n)   { return SC3(NR_write, fd, buf, n); }
static inline long sys_open(const char *p, int flags, int mode)   { return SC3(NR_open, p, flags, mode); }
static inline long sys_close(int fd)                              { return SC1(NR_close, fd); }
static inline long sys_unlink(const char *p)                      { return SC1(NR_unlink, p); }
static inline long sys_chdir(const char *p)                       { return SC1(NR_chdir, p); }
static inline long sys_fchdir(int fd)                             { return SC1(NR_fchdir, fd); }
static inline long sys_getpid(void)                               { return SC0(NR_getpid); }
static inline long sys_getppid(void)                              { return SC0(NR_getppid); }
static inline long sys_getuid(void)                               { return SC0(NR_getuid); }
static inline long sys_geteuid(void)                              { return SC0(NR_geteuid); }
static inline long sys_getgid(void)                               { return SC0(NR_getgid); }
static inline long sys_getegid(void)                              { return SC0(NR_getegid); }
static inline long sys_access(const char *p, int mode)            { return SC2(NR_access, p, mode); }
static inline long sys_kill(int pid, int sig)                     { return SC2(NR_kill, pid, sig); }
static inline long sys_dup(int fd)                                { return SC1(NR_dup, fd); }
static inline long sys_dup2(int a, int b)                         { return SC2(NR_dup2, a, b); }
static inline long sys_ioctl(int fd, unsigned long req, void *arg){ return SC3(NR_ioctl, fd, req, arg); }
static inline long sys_readlink(const char *p, char *b, size_t n) { return SC3(NR_readlink, p, b, n); }
static inline long sys_munmap(void *a, size_t n)                  { return SC2(NR_munmap, a, n); }
static inline long sys_mprotect(void *a, size_t n, int prot)      { return SC3(NR_mprotect, a, n, prot); }
static inline long sys_madvise(void *a, size_t n, int adv)        { return SC3(NR_madvise, a, n, adv); }
static inline long sys_fcntl(int fd, int cmd, long arg)           { return SC3(NR_fcntl, fd, cmd, arg); }
static inline long sys_gettimeofday(struct timeval *tv, void *tz) { return SC2(NR_gettimeofday, tv, tz); }
static inline long sys_getrusage(int who, struct rusage *ru)      { return SC2(NR_getrusage, who, ru); }
static inline long sys_readv(int fd, const struct iovec *v, int n){ return SC3(NR_readv, fd, v, n); }
static inline long sys_writev(int fd, const struct iovec *v, int n){ return SC3(NR_writev, fd, v, n); }
static inline long sys_rename(const char *a, const char *b)       { return SC2(NR_rename, a, b); }
static inline long sys_mkdir(const char *p, int mode)             { return SC2(NR_mkdir, p, mode); }
static inline long sys_rmdir(const char *p)                       { return SC1(NR_rmdir, p); }
static inline long sys_getrlimit(int r, struct rlimit *l)         { return SC2(NR_getrlimit, r, l); }
static inline long sys_setrlimit(int r, const struct rlimit *l)   { return SC2(NR_setrlimit, r, l); }
static inline long sys_clock_gettime(int id, struct timespec *t)  { return SC2(NR_clock_gettime, id, t); }
static inline long sys_clock_getres(int id, struct timespec *t)   { return SC2(NR_clock_getres, id, t); }
static inline long sys_nanosleep(const struct timespec *a, struct timespec *b) { return SC2(NR_nanosleep, a, b); }
static inline long sys_pread(int fd, void *b, size_t n, long off) { return SC4(NR_pread, fd, b, n, off); }
static inline long sys_pwrite(int fd, const void *b, size_t n, long off) { return SC4(NR_pwrite, fd, b, n, off); }
static inline long sys_mmap(void *a, size_t n, int prot, int flags, int fd, long off)
{ return SC6(NR_mmap, a, n, prot, flags, fd, off); }
static inline long sys_lseek(int fd, long off, int whence)        { return SC3(NR_lseek, fd, off, whence); }
static inline long sys_faccessat(int d, const char *p, int m, int f) { return SC4(NR_faccessat, d, p, m, f); }
static inline long sys_mkdirat(int d, const char *p, int mode)    { return SC3(NR_mkdirat, d, p, mode); }
static inline long sys_openat(int d, const char *p, int fl, int mode) { return SC4(NR_openat, d, p, fl, mode); }
static inline long sys_readlinkat(int d, const char *p, char *b, size_t n) { return SC4(NR_readlinkat, d, p, b, n); }
static inline long sys_renameat(int a, const char *p, int b, const char *q) { return SC4(NR_renameat, a, p, b, q); }
static inline long sys_unlinkat(int d, const char *p, int f)      { return SC3(NR_unlinkat, d, p, f); }
static inline long sys_pipe2(int *fds, int flags)                 { return SC2(NR_pipe2, fds, flags); }
static inline long sys_getrandom(void *b, size_t n, unsigned f)   { return SC3(NR_getrandom, b, n, f); }

#ifndef XRUN_TARGET_LINUX
/* ---- FreeBSD-only calls ---- */
/* old pipe(2): read end in %rax, write end in %rdx */
static inline long sys_freebsd10_pipe(int fds[2])
{
	long second = -1;
	long r = rt_syscall6x(NR_freebsd10_pipe, 0, 0, 0, 0, 0, 0, &second);
	if (r >= 0) {
		fds[0] = (int)r;
		fds[1] = (int)second;
		return 0;
	}
	return r;
}
static inline long sys_sysarch(int op, void *parms)               { return SC2(NR_sysarch, op, parms); }
static inline long sys_freebsd11_stat(const char *p, struct freebsd11_stat *s)  { return SC2(NR_freebsd11_stat, p, s); }
static inline long sys_freebsd11_lstat(const char *p, struct freebsd11_stat *s) { return SC2(NR_freebsd11_lstat, p, s); }
static inline long sys_freebsd11_fstat(int fd, struct freebsd11_stat *s)        { return SC2(NR_freebsd11_fstat, fd, s); }
static inline long sys_freebsd11_fstatat(int d, const char *p, struct freebsd11_stat *s, int f)
{ return SC4(NR_freebsd11_fstatat, d, p, s, f); }
static inline long sys_fstat(int fd, struct stat *s)              { return SC2(NR_fstat, fd, s); }
static inline long sys_fstatat(int d, const char *p, struct stat *s, int f) { return SC4(NR_fstatat, d, p, s, f); }
static inline long sys_freebsd11_getdirentries(int fd, void *buf, unsigned n, long *basep)
{ return SC4(NR_freebsd11_getdirentries, fd, buf, n, basep); }
static inline long sys_getdirentries(int fd, void *buf, size_t n, long *basep)
{ return SC4(NR_getdirentries, fd, buf, n, basep); }
static inline long sys___sysctl(const int *name, unsigned namelen, void *old, size_t *oldlenp,
                                const void *new_, size_t newlen)
{ return SC6(NR___sysctl, name, namelen, old, oldlenp, new_, newlen); }
static inline long sys___sysctlbyname(const char *name, size_t namelen, void *old, size_t *oldlenp,
                                      const void *new_, size_t newlen)
{ return SC6(NR___sysctlbyname, name, namelen, old, oldlenp, new_, newlen); }
static inline long sys_issetugid(void)                            { return SC0(NR_issetugid); }
static inline long sys___getcwd(char *buf, size_t n)              { return SC2(NR___getcwd, buf, n); }
/* sockets, poll, select ([master] prototypes) */
static inline long sys_socket(int d, int t, int p)                { return SC3(NR_socket, d, t, p); }
static inline long sys_socketpair(int d, int t, int p, int *sv)   { return SC4(NR_socketpair, d, t, p, sv); }
static inline long sys_bind(int s, const void *a, socklen_t n)    { return SC3(NR_bind, s, a, n); }
static inline long sys_connect(int s, const void *a, socklen_t n) { return SC3(NR_connect, s, a, n); }
static inline long sys_listen(int s, int backlog)                 { return SC2(NR_listen, s, backlog); }
static inline long sys_accept(int s, void *a, socklen_t *n)       { return SC3(NR_accept, s, a, n); }
static inline long sys_accept4(int s, void *a, socklen_t *n, int f) { return SC4(NR_accept4, s, a, n, f); }
static inline long sys_getsockname(int s, void *a, socklen_t *n)  { return SC3(NR_getsockname, s, a, n); }
static inline long sys_getpeername(int s, void *a, socklen_t *n)  { return SC3(NR_getpeername, s, a, n); }
static inline long sys_setsockopt(int s, int l, int o, const void *v, socklen_t n)
{ return SC5(NR_setsockopt, s, l, o, v, n); }
static inline long sys_getsockopt(int s, int l, int o, void *v, socklen_t *n)
{ return SC5(NR_getsockopt, s, l, o, v, n); }
static inline long sys_sendto(int s, const void *b, size_t n, int f, const void *to, socklen_t tl)
{ return SC6(NR_sendto, s, b, n, f, to, tl); }
static inline long sys_recvfrom(int s, void *b, size_t n, int f, void *from, socklen_t *fl)
{ return SC6(NR_recvfrom, s, b, n, f, from, fl); }
static inline long sys_sendmsg(int s, const struct msghdr *m, int f) { return SC3(NR_sendmsg, s, m, f); }
static inline long sys_recvmsg(int s, struct msghdr *m, int f)    { return SC3(NR_recvmsg, s, m, f); }
static inline long sys_shutdown(int s, int how)                   { return SC2(NR_shutdown, s, how); }
static inline long sys_poll(struct pollfd *p, unsigned n, int t)  { return SC3(NR_poll, p, n, t); }
static inline long sys_ppoll(struct pollfd *p, unsigned n, const struct timespec *ts, const void *set)
{ return SC4(NR_ppoll, p, n, ts, set); }
static inline long sys_select(int nd, fd_set *r, fd_set *w, fd_set *e, struct timeval *tv)
{ return SC5(NR_select, nd, r, w, e, tv); }
static inline long sys_pselect(int nd, fd_set *r, fd_set *w, fd_set *e, const struct timespec *ts, const void *set)
{ return SC6(NR_pselect, nd, r, w, e, ts, set); }
static inline long sys_sigprocmask(int how, const sigset_t *s, sigset_t *o) { return SC3(NR_sigprocmask, how, s, o); }
static inline long sys_sigaction(int sig, const struct sigaction *a, struct sigaction *o)
{ return SC3(NR_sigaction, sig, a, o); }
static inline long sys_posix_openpt(int flags)                    { return SC1(NR_posix_openpt, flags); }
#endif

#endif /* XRUN_SYS_H */
