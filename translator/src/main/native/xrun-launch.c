/*
 * xrun-launch: the first process of every guest, and the init of every container.
 *
 * The supervisor starts this tiny static Linux program with posix_spawn (never forking the
 * JVM). Without options it behaves as it always did: with -S it stops itself with SIGSTOP so
 * that the supervisor's tracer thread can PTRACE_SEIZE it, then it execs the guest program,
 * whose exec is the first event the supervisor translates.
 *
 * With -n it builds a container first (the Java side, io.xrun.translator.container, decides
 * every value; this program only carries it out):
 *
 *   outer (host pid namespace)   unshare(user, mount, pid, uts, ipc[, net]); write the id
 *                                maps; fork the init; forward signals to it; wait; end the
 *                                way the command ended (its exit code, or its signal).
 *   init (pid 1)                 mount the image root (an overlay whose upper layer is a
 *                                tmpfs: the container's writes vanish at exit), /proc, a
 *                                minimal /dev, a tmpfs /tmp, the volumes; pivot_root; fork the
 *                                command; forward signals to it; reap orphans; report the
 *                                command's wait status to the outer process through a pipe.
 *   command (pid 2)              take the user's ids, chdir, exec PROGRAM (PATH search in the
 *                                container, as execvp(3) does).
 *
 * An init that is pid 1 ignores every signal it has no handler for, so a Ctrl-C would never
 * reach a pid-1 command (hence docker's --init). Here the command is pid 2 and gets the
 * terminal's signals itself; init and the outer process forward only signals someone sent
 * them with kill(2) (si_code != SI_KERNEL), so a terminal signal is not delivered twice.
 *
 * usage: xrun-launch [-S] [-n CLONE_FLAGS -u UIDMAP -g GIDMAP [-D] -m SCRATCH -l LOWERDIR
 *                    [-H HOSTNAME] [-N] [-F] [-v KIND:SRC:DST]... [-W WORKDIR] [-I UID:GID[:G,G..]]]
 *                    -- PROGRAM ARGV0 [ARGS...]
 *   -v KIND is "rw", "ro" or "opt" (read-only, and only when DST's directory exists).
 *   -N brings up the loopback of a new network namespace; -F adds FreeBSD's /var/run.
 *   -Z LO:HI (hex) installs, just before the guest's execve, a seccomp filter that traces every
 *      syscall (SECCOMP_RET_TRACE) but those made from [LO, HI), the fast stubs xrun maps
 *      (translator/.../fastpath/StubCode.java): --intercept=seccomp|fastpath.
 *
 * Freestanding (no libc) so that it is a few kilobytes and needs nothing on the host.
 * Build: bash translator/src/main/native/build.sh
 */
typedef unsigned long u64;
typedef unsigned int u32;

/* Linux x86-64 syscall numbers: arch/x86/entry/syscalls/syscall_64.tbl */
#define NR_read 0
#define NR_write 1
#define NR_open 2
#define NR_close 3
#define NR_rt_sigaction 13
#define NR_rt_sigprocmask 14
#define NR_rt_sigreturn 15
#define NR_ioctl 16
#define NR_pipe2 293
#define NR_socket 41
#define NR_getpid 39
#define NR_clone 56
#define NR_fork 57
#define NR_execve 59
#define NR_exit 60
#define NR_wait4 61
#define NR_kill 62
#define NR_chdir 80
#define NR_mkdir 83
#define NR_symlink 88
#define NR_setrlimit 160
#define NR_setresuid 117
#define NR_setresgid 119
#define NR_setgroups 116
#define NR_pivot_root 155
#define NR_prctl 157
#define NR_mount 165
#define NR_umount2 166
#define NR_sethostname 170
#define NR_unshare 272
#define NR_lstat 6
#define NR_stat 4
#define NR_open_tree 428
#define NR_move_mount 429
#define NR_close_range 436
#define NR_mount_setattr 442
#define NR_seccomp 317

/* include/uapi/asm-generic/signal.h, errno-base.h, errno.h */
#define SIGHUP 1
#define SIGINT 2
#define SIGQUIT 3
#define SIGKILL 9
#define SIGUSR1 10
#define SIGUSR2 12
#define SIGALRM 14
#define SIGTERM 15
#define SIGSTOP 19
#define SIGCHLD 17
#define SIGWINCH 28
#define ENOENT 2
#define EINTR 4
#define EACCES 13
#define ENOTDIR 20
#define ECHILD 10
#define EEXIST 17
/* include/uapi/asm-generic/siginfo.h: sent by the kernel (a terminal's INT/QUIT) */
#define SI_KERNEL 0x80
/* include/uapi/asm-generic/signal-defs.h, arch/x86/include/uapi/asm/signal.h */
#define SA_SIGINFO 4
#define SA_RESTART 0x10000000
#define SA_RESTORER 0x04000000
#define SIG_DFL 0
/* include/uapi/asm-generic/fcntl.h */
#define O_RDONLY 0
#define O_WRONLY 1
#define O_CREAT 0100
#define O_CLOEXEC 02000000
#define AT_FDCWD -100
#define AT_EMPTY_PATH 0x1000
#define AT_RECURSIVE 0x8000
/* include/uapi/linux/mount.h */
#define MS_RDONLY 1
#define MS_NOSUID 2
#define MS_NODEV 4
#define MS_NOEXEC 8
#define MS_BIND 4096
#define MS_REC 16384
#define MS_PRIVATE (1 << 18)
#define MNT_DETACH 2
#define OPEN_TREE_CLONE 1
#define MOVE_MOUNT_F_EMPTY_PATH 4
#define MOUNT_ATTR_RDONLY 1
/* include/uapi/linux/prctl.h */
#define PR_SET_PDEATHSIG 1
/* include/uapi/linux/sockios.h, if.h */
#define SIOCGIFFLAGS 0x8913
#define SIOCSIFFLAGS 0x8914
#define IFF_UP 1
/* include/uapi/asm-generic/resource.h */
#define RLIMIT_CORE 4
/* include/uapi/asm-generic/stat.h: st_mode at offset 24 of struct stat (x86-64) */
#define S_IFMT 0170000
#define S_IFDIR 0040000

/* docker's exit convention: xrun's own failure 125, cannot execute 126, not found 127 */
#define EXIT_XRUN 125
#define EXIT_CANNOT_EXEC 126
#define EXIT_NOT_FOUND 127

static long sys6(long n, long a, long b, long c, long d, long e, long f) {
    long r;
    register long r10 __asm__("r10") = d;
    register long r8 __asm__("r8") = e;
    register long r9 __asm__("r9") = f;
    __asm__ volatile("syscall" : "=a"(r) : "a"(n), "D"(a), "S"(b), "d"(c), "r"(r10), "r"(r8), "r"(r9)
                     : "rcx", "r11", "memory");
    return r;
}
#define sys3(n, a, b, c) sys6(n, (long)(a), (long)(b), (long)(c), 0, 0, 0)
#define sys5(n, a, b, c, d, e) sys6(n, (long)(a), (long)(b), (long)(c), (long)(d), (long)(e), 0)

static u64 len(const char *s) {
    u64 n = 0;
    while (s[n]) n++;
    return n;
}

static int eq(const char *a, const char *b) {
    while (*a && *a == *b) a++, b++;
    return *a == *b;
}

static void say(const char *s) {
    sys3(NR_write, 2, s, len(s));
}

static const char *errname(long e) {
    switch (e) {
    case 1: return "EPERM";
    case 2: return "ENOENT";
    case 13: return "EACCES";
    case 16: return "EBUSY";
    case 17: return "EEXIST";
    case 20: return "ENOTDIR";
    case 22: return "EINVAL";
    case 28: return "ENOSPC";
    case 38: return "ENOSYS";
    case 40: return "ELOOP";
    default: return "errno";
    }
}

/* One line on stderr, then the exit status; the Java side prints nothing more. */
static void die(const char *what, const char *arg, long err, int status) {
    say("xrun: ");
    say(what);
    if (arg) {
        say(" ");
        say(arg);
    }
    if (err < 0) {
        say(": ");
        say(errname(-err));
    }
    say("\n");
    sys3(NR_exit, status, 0, 0);
}

static void check(long r, const char *what, const char *arg) {
    if (r < 0) die(what, arg, r, EXIT_XRUN);
}

/* ---- options ---- */
#define MAX_VOLUMES 64
static long clone_flags;
static const char *uid_map, *gid_map, *scratch, *lower, *hostname, *workdir, *ids;
static int deny_setgroups, stop_first, loopback_up, freebsd_views;
static u64 trace_lo, trace_hi; /* -Z: the untraced instruction-pointer range, 0 when no filter */
static const char *volumes[MAX_VOLUMES];
static int nvolumes;

/* ---- small path helpers (all paths are short and come from the Java side) ---- */
static char pathbuf[4096];

static const char *join(const char *a, const char *b) {
    u64 n = 0;
    for (u64 i = 0; a[i] && n < sizeof pathbuf - 1; i++) pathbuf[n++] = a[i];
    if (*b != '/' && n < sizeof pathbuf - 1) pathbuf[n++] = '/';
    for (u64 i = 0; b[i] && n < sizeof pathbuf - 1; i++) pathbuf[n++] = b[i];
    pathbuf[n] = 0;
    return pathbuf;
}

static void copy(char *dst, const char *src) {
    while ((*dst++ = *src++)) {
    }
}

static int is_dir(const char *p, int follow) {
    unsigned char st[144]; /* struct stat, arch/x86/include/uapi/asm/stat.h */
    if (sys3(follow ? NR_stat : NR_lstat, p, st, 0) < 0) return -1;
    return ((*(u32 *)(st + 24)) & S_IFMT) == S_IFDIR;
}

/* mkdir -p, inside the current root: symlinks resolve inside the container by now. */
static long mkdirs(const char *p, int mode) {
    char buf[4096];
    u64 n = len(p);
    if (n >= sizeof buf) return -36; /* ENAMETOOLONG */
    for (u64 i = 0; i <= n; i++) {
        buf[i] = p[i];
        if ((p[i] == '/' || p[i] == 0) && i > 0) {
            buf[i] = 0;
            long r = sys3(NR_mkdir, buf, mode, 0);
            if (r < 0 && r != -EEXIST) return r;
            buf[i] = p[i];
        }
    }
    return 0;
}

/* The directory part of p (p's own text when it has no '/'), into out[512]. */
static u64 parent_of(const char *p, char *out) {
    u64 k = len(p);
    while (k > 0 && p[k] != '/') k--;
    if (k > 511) k = 511;
    for (u64 j = 0; j < k; j++) out[j] = p[j];
    out[k] = 0;
    return k;
}

static long touch(const char *p) {
    long fd = sys3(NR_open, p, O_CREAT | O_WRONLY | O_CLOEXEC, 0644);
    if (fd >= 0) sys3(NR_close, fd, 0, 0);
    return fd < 0 ? fd : 0;
}

static void write_file(const char *path, const char *text) {
    long fd = sys3(NR_open, path, O_WRONLY | O_CLOEXEC, 0);
    check(fd, "cannot open", path);
    long r = sys3(NR_write, fd, text, len(text));
    check(r, "cannot write", path);
    sys3(NR_close, fd, 0, 0);
}

/* v >= 0 in decimal at out (no terminator); returns the digit count */
static u64 put_num(char *out, long v) {
    char digits[20];
    u64 nd = 0, n = 0;
    do digits[nd++] = (char)('0' + v % 10), v /= 10; while (v);
    while (nd) out[n++] = digits[--nd];
    return n;
}

static long parse_num(const char **s) {
    long v = 0;
    while (**s >= '0' && **s <= '9') v = v * 10 + (*(*s)++ - '0');
    return v;
}

static u64 parse_hex(const char **s) {
    u64 v = 0;
    for (;; (*s)++) {
        char c = **s;
        if (c >= '0' && c <= '9') v = v * 16 + (u64)(c - '0');
        else if (c >= 'a' && c <= 'f') v = v * 16 + (u64)(c - 'a' + 10);
        else return v;
    }
}

/* ---- the seccomp filter (-Z) ---- */
/* linux/filter.h, linux/seccomp.h, linux/audit.h */
struct sock_filter { unsigned short code; unsigned char jt, jf; u32 k; };
struct sock_fprog { unsigned short len; struct sock_filter *filter; };
#define BPF_LD_W_ABS 0x20
#define BPF_JEQ_K 0x15
#define BPF_JGE_K 0x35
#define BPF_RET_K 0x06
#define SECCOMP_RET_ALLOW 0x7fff0000U
#define SECCOMP_RET_TRACE 0x7ff00000U
#define AUDIT_ARCH_X86_64 0xc000003eU
#define PR_SET_NO_NEW_PRIVS 38
#define SECCOMP_SET_MODE_FILTER 1

/* struct seccomp_data: nr at 0, arch at 4, instruction_pointer at 8 (low word) and 12 (high). */
static void install_filter(void) {
    if (!trace_hi) return;
    struct sock_filter f[] = {
        {BPF_LD_W_ABS, 0, 0, 4},
        {BPF_JEQ_K, 0, 6, AUDIT_ARCH_X86_64},
        {BPF_LD_W_ABS, 0, 0, 12},
        {BPF_JEQ_K, 0, 4, (u32)(trace_lo >> 32)},
        {BPF_LD_W_ABS, 0, 0, 8},
        {BPF_JGE_K, 0, 2, (u32)trace_lo},
        {BPF_JGE_K, 1, 0, (u32)trace_hi},
        {BPF_RET_K, 0, 0, SECCOMP_RET_ALLOW},
        {BPF_RET_K, 0, 0, SECCOMP_RET_TRACE},
    };
    struct sock_fprog prog = {sizeof f / sizeof f[0], f};
    if ((trace_lo >> 32) != ((trace_hi - 1) >> 32)) die("launcher: -Z range crosses 4 GiB", 0, 0, EXIT_XRUN);
    check(sys3(NR_prctl, PR_SET_NO_NEW_PRIVS, 1, 0), "cannot set no_new_privs", 0);
    check(sys3(NR_seccomp, SECCOMP_SET_MODE_FILTER, 0, (long)&prog), "cannot install the seccomp filter", 0);
}

/* ---- signals ---- */
struct ksigaction {
    void (*handler)(int, void *, void *);
    u64 flags;
    void (*restorer)(void);
    u64 mask;
};
extern void xrun_restorer(void);
__asm__(".globl xrun_restorer\nxrun_restorer:\n  mov $15, %eax\n  syscall\n  hlt\n");

static volatile long forward_to;

static void forward(int sig, void *info, void *ctx) {
    (void)ctx;
    int code = ((int *)info)[2]; /* siginfo_t: si_signo, si_errno, si_code */
    if (code != SI_KERNEL && forward_to > 0) sys3(NR_kill, forward_to, sig, 0);
}

static const int forwarded[] = {SIGHUP, SIGINT, SIGQUIT, SIGUSR1, SIGUSR2, SIGALRM, SIGTERM, SIGWINCH};

static void set_action(int sig, void (*h)(int, void *, void *)) {
    struct ksigaction a = {h, SA_SIGINFO | SA_RESTART | SA_RESTORER, xrun_restorer, 0};
    sys6(NR_rt_sigaction, sig, (long)&a, 0, 8, 0, 0);
}

static void forward_signals(long pid) {
    forward_to = pid;
    for (u64 i = 0; i < sizeof forwarded / sizeof forwarded[0]; i++) set_action(forwarded[i], forward);
}

static void default_signals(void) {
    for (u64 i = 0; i < sizeof forwarded / sizeof forwarded[0]; i++) set_action(forwarded[i], 0);
    u64 none = 0;
    sys6(NR_rt_sigprocmask, 2 /* SIG_SETMASK */, (long)&none, 0, 8, 0, 0);
}

static long wait_for(long pid, int *status) {
    long r;
    do {
        r = sys6(NR_wait4, pid, (long)status, 0, 0, 0, 0);
    } while (r == -EINTR);
    return r;
}

/* ---- the command (pid 2) ---- */
static void exec_command(char **argv, char **envp) {
    const char *prog = argv[0];
    if (ids) {
        const char *s = ids;
        long uid = parse_num(&s);
        long gid = *s == ':' ? (s++, parse_num(&s)) : uid;
        u32 groups[64];
        long ng = 0;
        if (*s == ':') {
            s++;
            while (*s && ng < 64) {
                groups[ng++] = (u32)parse_num(&s);
                if (*s == ',') s++;
                else break;
            }
        }
        if (!deny_setgroups) check(sys3(NR_setgroups, ng, groups, 0), "cannot set supplementary groups", 0);
        check(sys3(NR_setresgid, gid, gid, gid), "cannot set the group id (is it mapped in the user namespace?)", 0);
        check(sys3(NR_setresuid, uid, uid, uid), "cannot set the user id (is it mapped in the user namespace?)", 0);
    }
    if (workdir) {
        long r = sys3(NR_chdir, workdir, 0, 0);
        if (r == -ENOENT) {
            mkdirs(workdir, 0755);
            r = sys3(NR_chdir, workdir, 0, 0);
        }
        if (r < 0) die("cannot enter the working directory", workdir, r, EXIT_CANNOT_EXEC);
    }
    default_signals();
    install_filter();
    long r;
    int has_slash = 0;
    for (const char *c = prog; *c; c++) has_slash |= *c == '/';
    if (has_slash) {
        r = sys3(NR_execve, prog, argv + 1, envp);
    } else {
        /* execvp(3): PATH from the container's environment, else the default */
        const char *path = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
        for (char **e = envp; *e; e++) {
            const char *v = *e;
            if (v[0] == 'P' && v[1] == 'A' && v[2] == 'T' && v[3] == 'H' && v[4] == '=') path = v + 5;
        }
        char cand[4096];
        long seen_eacces = 0;
        r = -ENOENT;
        while (1) {
            u64 n = 0;
            while (*path && *path != ':' && n < 3000) cand[n++] = *path++;
            if (n == 0) cand[n++] = '.';
            cand[n++] = '/';
            for (const char *c = prog; *c && n < sizeof cand - 1; c++) cand[n++] = *c;
            cand[n] = 0;
            r = sys3(NR_execve, cand, argv + 1, envp);
            if (r == -EACCES) seen_eacces = r;
            if (*path != ':') break;
            path++;
        }
        if (seen_eacces) r = seen_eacces;
    }
    if (r == -ENOENT || r == -ENOTDIR) {
        say("xrun: ");
        say(prog);
        say(has_slash ? ": no such file in the image\n" : ": command not found in the image\n");
        sys3(NR_exit, EXIT_NOT_FOUND, 0, 0);
    }
    die("cannot execute", prog, r, EXIT_CANNOT_EXEC);
}

/* ---- the container's mounts (init, before and after pivot_root) ---- */
static long clone_tree(const char *src) {
    return sys3(NR_open_tree, AT_FDCWD, src, OPEN_TREE_CLONE | O_CLOEXEC | AT_RECURSIVE);
}

static void set_readonly(long fd, const char *what) {
    u64 attr[4] = {MOUNT_ATTR_RDONLY, 0, 0, 0}; /* struct mount_attr, include/uapi/linux/mount.h */
    check(sys5(NR_mount_setattr, fd, "", AT_EMPTY_PATH | AT_RECURSIVE, attr, sizeof attr),
          "cannot make a volume read-only:", what);
}

static void attach(long fd, const char *dst) {
    check(sys5(NR_move_mount, fd, "", AT_FDCWD, dst, MOVE_MOUNT_F_EMPTY_PATH), "cannot mount on", dst);
    sys3(NR_close, fd, 0, 0);
}

static const char *const dev_nodes[] = {"null", "zero", "full", "random", "urandom", "tty"};
#define NDEV (sizeof dev_nodes / sizeof dev_nodes[0])

static void build_root(void) {
    check(sys5(NR_mount, "none", "/", 0, MS_REC | MS_PRIVATE, 0), "cannot make the mounts private", 0);
    /* The upper layer lives in a tmpfs only this mount namespace sees. */
    check(sys5(NR_mount, "xrun", scratch, "tmpfs", MS_NOSUID | MS_NODEV, "mode=0700"), "cannot mount a tmpfs on", scratch);
    char up[512], wk[512], mg[512], opts[4096];
    if (len(scratch) > 400) die("cache path too long:", scratch, 0, EXIT_XRUN);
    copy(up, join(scratch, "upper"));
    copy(wk, join(scratch, "work"));
    copy(mg, join(scratch, "root"));
    check(sys3(NR_mkdir, up, 0755, 0), "cannot create", up);
    check(sys3(NR_mkdir, wk, 0755, 0), "cannot create", wk);
    check(sys3(NR_mkdir, mg, 0755, 0), "cannot create", mg);
    /* overlayfs options: "lowerdir=L,upperdir=U,workdir=W" (Documentation/filesystems/overlayfs.rst);
       the Java side escapes ',' ':' and '\' in the lower path. */
    const char *parts[] = {"lowerdir=", lower, ",upperdir=", up, ",workdir=", wk, ",userxattr"};
    u64 o = 0;
    for (u64 i = 0; i < sizeof parts / sizeof parts[0]; i++)
        for (const char *c = parts[i]; *c && o < sizeof opts - 1; c++) opts[o++] = *c;
    opts[o] = 0;
    long r = sys5(NR_mount, "overlay", mg, "overlay", 0, opts);
    if (r < 0) die("cannot mount the image root with overlayfs (kernel 5.11+ in a user namespace):", lower, r, EXIT_XRUN);

    /* /proc first, while the host's /proc is still visible: the kernel lets a user namespace
       mount a new proc only then (fs/namespace.c mnt_already_visible). The image decides
       nothing here: a /proc that is not a plain directory is refused. */
    const char *proc = join(mg, "/proc");
    if (is_dir(proc, 0) < 0) check(sys3(NR_mkdir, proc, 0555, 0), "cannot create", proc);
    if (is_dir(proc, 0) != 1) die("the image's /proc is not a directory", 0, 0, EXIT_XRUN);
    check(sys5(NR_mount, "proc", proc, "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, 0), "cannot mount", "/proc");

    /* Everything taken from the host is cloned now, as a detached tree, and attached after
       pivot_root, where every target path resolves inside the container's root. */
    long devfd[NDEV];
    for (u64 i = 0; i < NDEV; i++) devfd[i] = clone_tree(join("/dev", dev_nodes[i]));
    long volfd[MAX_VOLUMES];
    const char *voldst[MAX_VOLUMES];
    int volkind[MAX_VOLUMES]; /* 0 rw, 1 ro, 2 optional ro */
    char volbuf[MAX_VOLUMES][512];
    for (int i = 0; i < nvolumes; i++) {
        const char *v = volumes[i];
        volkind[i] = v[0] == 'r' && v[1] == 'w' ? 0 : v[0] == 'r' ? 1 : 2;
        while (*v && *v != ':') v++;
        if (*v) v++;
        u64 k = 0;
        while (*v && *v != ':' && k < 511) volbuf[i][k++] = *v++;
        volbuf[i][k] = 0;
        voldst[i] = *v ? v + 1 : "";
        volfd[i] = clone_tree(volbuf[i]);
        if (volfd[i] < 0 && volkind[i] != 2) die("cannot mount the volume", volbuf[i], volfd[i], EXIT_XRUN);
        if (volfd[i] >= 0 && volkind[i] != 0) set_readonly(volfd[i], volbuf[i]);
    }

    check(sys3(NR_chdir, mg, 0, 0), "cannot enter", mg);
    check(sys3(NR_pivot_root, ".", ".", 0), "pivot_root into", lower);
    check(sys3(NR_umount2, ".", MNT_DETACH, 0), "cannot detach the host's root", 0);
    check(sys3(NR_chdir, "/", 0, 0), "chdir", "/");

    /* A minimal /dev: a tmpfs holding the host's character devices, bound one by one. */
    if (is_dir("/dev", 0) < 0) mkdirs("/dev", 0755);
    check(sys5(NR_mount, "xrun-dev", "/dev", "tmpfs", MS_NOSUID | MS_NOEXEC, "mode=0755,size=1024k"), "cannot mount", "/dev");
    for (u64 i = 0; i < NDEV; i++) {
        if (devfd[i] < 0) continue; /* e.g. no /dev/tty on the host */
        const char *d = join("/dev", dev_nodes[i]);
        check(touch(d), "cannot create", d);
        attach(devfd[i], d);
    }
    sys3(NR_symlink, "/proc/self/fd", "/dev/fd", 0);
    sys3(NR_symlink, "/proc/self/fd/0", "/dev/stdin", 0);
    sys3(NR_symlink, "/proc/self/fd/1", "/dev/stdout", 0);
    sys3(NR_symlink, "/proc/self/fd/2", "/dev/stderr", 0);
    /* Extras a shell or a pty user expects; a kernel that refuses them costs nothing. */
    if (sys3(NR_mkdir, "/dev/pts", 0755, 0) == 0 &&
        sys5(NR_mount, "devpts", "/dev/pts", "devpts", MS_NOSUID | MS_NOEXEC, "newinstance,ptmxmode=0666,mode=0620") == 0)
        sys3(NR_symlink, "pts/ptmx", "/dev/ptmx", 0);
    if (sys3(NR_mkdir, "/dev/shm", 01777, 0) == 0)
        sys5(NR_mount, "shm", "/dev/shm", "tmpfs", MS_NOSUID | MS_NODEV, "mode=1777");

    if (is_dir("/tmp", 0) < 0) mkdirs("/tmp", 01777);
    check(sys5(NR_mount, "xrun-tmp", "/tmp", "tmpfs", MS_NOSUID | MS_NODEV, "mode=1777"), "cannot mount", "/tmp");

    /* FreeBSD programs expect /var/run (pid files; rtld's ld-elf.so.hints, hier(7)) to exist. */
    if (freebsd_views) mkdirs("/var/run", 0755);

    for (int i = 0; i < nvolumes; i++) {
        if (volfd[i] < 0) continue;
        const char *dst = voldst[i];
        if (volkind[i] == 2) {
            /* optional: only where the image has the parent directory */
            char parent[512];
            if (parent_of(dst, parent) > 0 && is_dir(parent, 1) != 1) {
                sys3(NR_close, volfd[i], 0, 0);
                continue;
            }
        }
        char fdpath[64] = "/proc/self/fd/";
        u64 p = len(fdpath);
        p += put_num(fdpath + p, volfd[i]);
        fdpath[p] = 0;
        int dir = is_dir(fdpath, 1);
        long r;
        if (dir == 1) {
            r = mkdirs(dst, 0755);
        } else {
            char parent[512];
            r = parent_of(dst, parent) > 0 ? mkdirs(parent, 0755) : 0;
            if (r >= 0 && is_dir(dst, 1) < 0) r = touch(dst);
        }
        if (r < 0) die("cannot create the volume's mount point", dst, r, EXIT_XRUN);
        attach(volfd[i], dst);
    }

    if (hostname) check(sys3(NR_sethostname, hostname, len(hostname), 0), "cannot set the hostname", hostname);
    if (loopback_up) {
        /* --net none: a new network namespace whose loopback is up, as docker leaves it. */
        long s = sys3(NR_socket, 2 /* AF_INET */, 2 /* SOCK_DGRAM */, 0);
        char ifr[40] = {'l', 'o'}; /* struct ifreq: ifr_name[16], then ifr_flags */
        if (s >= 0 && sys3(NR_ioctl, s, SIOCGIFFLAGS, ifr) == 0) {
            *(short *)(ifr + 16) |= IFF_UP;
            sys3(NR_ioctl, s, SIOCSIFFLAGS, ifr);
        }
        if (s >= 0) sys3(NR_close, s, 0, 0);
    }
}

static void init_main(char **argv, char **envp, long status_fd) {
    /* If the outer process dies, so does the container (and init's death ends them all). */
    sys3(NR_prctl, PR_SET_PDEATHSIG, SIGKILL, 0);
    build_root();
    long child = sys3(NR_fork, 0, 0, 0);
    check(child, "fork", 0);
    if (child == 0) {
        sys3(NR_close, status_fd, 0, 0);
        exec_command(argv, envp);
    }
    forward_signals(child);
    int status = 0, st;
    while (1) {
        long r = wait_for(-1, &st);
        if (r == child) {
            status = st;
            break;
        }
        if (r == -ECHILD) break;
    }
    sys3(NR_write, status_fd, &status, 4);
    sys3(NR_exit, 0, 0, 0);
}

/* "/proc/PID/LEAF" into out */
static const char *proc_file(char *out, long pid, const char *leaf) {
    const char *head = "/proc/";
    u64 n = 0;
    while (*head) out[n++] = *head++;
    n += put_num(out + n, pid);
    out[n++] = '/';
    while (*leaf) out[n++] = *leaf++;
    out[n] = 0;
    return out;
}

static void container_main(char **argv, char **envp) {
    if (!scratch || !lower || !uid_map || !gid_map) die("launcher: -n needs -m, -l, -u and -g", 0, 0, EXIT_XRUN);
    int pfd[2], sync[2];
    check(sys3(NR_pipe2, pfd, O_CLOEXEC, 0), "pipe", 0);
    check(sys3(NR_pipe2, sync, O_CLOEXEC, 0), "pipe", 0);
    /* clone(2) with the namespace flags: the child is the new pid namespace's init. Only a
       process outside the new user namespace may write a map wider than its own id
       (kernel/user_namespace.c new_idmap_permitted), so this one writes the child's. */
    long init = sys6(NR_clone, clone_flags | SIGCHLD, 0, 0, 0, 0, 0);
    check(init, "cannot create the container's namespaces (clone)", 0);
    if (init == 0) {
        char go;
        sys3(NR_close, pfd[0], 0, 0);
        sys3(NR_close, sync[1], 0, 0);
        if (sys3(NR_read, sync[0], &go, 1) != 1) sys3(NR_exit, EXIT_XRUN, 0, 0);
        sys3(NR_close, sync[0], 0, 0);
        init_main(argv, envp, pfd[1]);
    }
    sys3(NR_close, sync[0], 0, 0);
    char path[64];
    /* user_namespaces(7): setgroups must be denied before an unprivileged gid_map */
    if (deny_setgroups) write_file(proc_file(path, init, "setgroups"), "deny");
    write_file(proc_file(path, init, "gid_map"), gid_map);
    write_file(proc_file(path, init, "uid_map"), uid_map);
    sys3(NR_write, sync[1], "x", 1);
    sys3(NR_close, sync[1], 0, 0);
    sys3(NR_close, pfd[1], 0, 0);
    forward_signals(init);
    int st = 0, cst = 0;
    wait_for(init, &st);
    if (sys3(NR_read, pfd[0], &cst, 4) != 4) {
        /* init failed before the command ran: it said why; its code is docker's */
        sys3(NR_exit, (st & 0x7f) == 0 ? (st >> 8) & 0xff : EXIT_XRUN, 0, 0);
    }
    if ((cst & 0x7f) == 0) sys3(NR_exit, (cst >> 8) & 0xff, 0, 0);
    /* The command was killed by a signal: die of the same one, so that xrun reports it. */
    int sig = cst & 0x7f;
    u64 nocore[2] = {0, 0};
    sys3(NR_setrlimit, RLIMIT_CORE, nocore, 0);
    set_action(sig, 0);
    u64 none = 0;
    sys6(NR_rt_sigprocmask, 2, (long)&none, 0, 8, 0, 0);
    sys3(NR_kill, sys3(NR_getpid, 0, 0, 0), sig, 0);
    sys3(NR_exit, 128 + sig, 0, 0);
}

__attribute__((used)) static void launch(long *sp) {
    long argc = sp[0];
    char **argv = (char **)(sp + 1);
    char **envp = argv + argc + 1;
    int i = 1;
    int legacy = argc > 1 && argv[1][0] != '-';
    if (!legacy) {
        for (; i < argc && !eq(argv[i], "--"); i++) {
            const char *o = argv[i];
            const char *v = i + 1 < argc ? argv[i + 1] : 0;
            if (o[0] != '-' || !o[1] || o[2]) die("launcher: bad option", o, 0, EXIT_XRUN);
            switch (o[1]) {
            case 'S': stop_first = 1; continue;
            case 'D': deny_setgroups = 1; continue;
            case 'N': loopback_up = 1; continue;
            case 'F': freebsd_views = 1; continue;
            default: break;
            }
            if (!v) die("launcher: option needs a value:", o, 0, EXIT_XRUN);
            i++;
            switch (o[1]) {
            case 'n': { const char *s = v; clone_flags = parse_num(&s); break; }
            case 'u': uid_map = v; break;
            case 'g': gid_map = v; break;
            case 'm': scratch = v; break;
            case 'l': lower = v; break;
            case 'H': hostname = v; break;
            case 'W': workdir = v; break;
            case 'I': ids = v; break;
            case 'Z': {
                const char *s = v;
                trace_lo = parse_hex(&s);
                if (*s++ != ':') die("launcher: -Z takes LO:HI", v, 0, EXIT_XRUN);
                trace_hi = parse_hex(&s);
                break;
            }
            case 'v':
                if (nvolumes == MAX_VOLUMES) die("launcher: too many volumes", 0, 0, EXIT_XRUN);
                volumes[nvolumes++] = v;
                break;
            default: die("launcher: unknown option", o, 0, EXIT_XRUN);
            }
        }
        i++; /* past "--" */
    } else {
        stop_first = 1; /* the original form: xrun-launch PROGRAM ARGV0 [ARGS...] */
    }
    if (argc - i < 2) {
        say("xrun-launch: usage: xrun-launch [OPTIONS] -- PROGRAM ARGV0 [ARGS...]\n");
        sys3(NR_exit, EXIT_XRUN, 0, 0);
    }
    /* The JVM's own descriptors must not leak into the guest: it starts with 0, 1 and 2. */
    sys3(NR_close_range, 3, ~0U, 0);
    if (stop_first) sys3(NR_kill, sys3(NR_getpid, 0, 0, 0), SIGSTOP, 0);
    if (clone_flags) container_main(argv + i, envp);
    if (workdir) {
        long w = sys3(NR_chdir, workdir, 0, 0);
        if (w < 0) die("cannot enter the working directory", workdir, w, EXIT_CANNOT_EXEC);
    }
    install_filter();
    long r = sys3(NR_execve, argv[i], argv + i + 1, envp);
    say("xrun: cannot execute ");
    say(argv[i]);
    say("\n");
    sys3(NR_exit, r == -ENOENT ? EXIT_NOT_FOUND : EXIT_CANNOT_EXEC, 0, 0);
}

__asm__(".globl _start\n"
        "_start:\n"
        "  mov %rsp, %rdi\n"
        "  and $-16, %rsp\n"
        "  call launch\n"
        "  hlt\n");
