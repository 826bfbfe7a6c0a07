/*
 * xrun-launch: the first process of every guest.
 *
 * The supervisor starts this tiny static Linux program with posix_spawn (never forking the
 * JVM). It stops itself with SIGSTOP so that the supervisor's tracer thread can PTRACE_SEIZE
 * it, then, once continued, execs the guest program. The exec is the first event the
 * supervisor translates: everything after it runs under the FreeBSD personality.
 *
 * usage: xrun-launch PROGRAM ARGV0 [ARGS...]
 *
 * Freestanding (no libc) so that it is a few hundred bytes and needs nothing on the host.
 * Build: gcc -Os -static -nostdlib -fno-stack-protector -fno-asynchronous-unwind-tables \
 *            -o xrun-launch xrun-launch.c
 */
typedef unsigned long u64;

/* Linux x86-64 syscall numbers: arch/x86/entry/syscalls/syscall_64.tbl */
#define NR_write 1
#define NR_getpid 39
#define NR_execve 59
#define NR_exit 60
#define NR_kill 62
#define NR_close_range 436
/* Linux signal and errno numbers: include/uapi/asm-generic/signal.h, errno-base.h */
#define SIGSTOP 19
#define ENOENT 2

static long sys3(long n, long a, long b, long c) {
    long r;
    __asm__ volatile("syscall" : "=a"(r) : "a"(n), "D"(a), "S"(b), "d"(c) : "rcx", "r11", "memory");
    return r;
}

static u64 len(const char *s) {
    u64 n = 0;
    while (s[n]) n++;
    return n;
}

static void say(const char *s) {
    sys3(NR_write, 2, (long)s, (long)len(s));
}

__attribute__((used)) static void launch(long *sp) {
    long argc = sp[0];
    char **argv = (char **)(sp + 1);
    char **envp = argv + argc + 1;
    if (argc < 3) {
        say("xrun-launch: usage: xrun-launch PROGRAM ARGV0 [ARGS...]\n");
        sys3(NR_exit, 125, 0, 0);
    }
    /* The JVM's own descriptors must not leak into the guest: it starts with 0, 1 and 2. */
    sys3(NR_close_range, 3, ~0U, 0);
    sys3(NR_kill, sys3(NR_getpid, 0, 0, 0), SIGSTOP, 0);
    long r = sys3(NR_execve, (long)argv[1], (long)(argv + 2), (long)envp);
    say("xrun: cannot execute ");
    say(argv[1]);
    say("\n");
    /* docker's convention: 127 not found, 126 found but not executable */
    sys3(NR_exit, r == -ENOENT ? 127 : 126, 0, 0);
}

__asm__(".globl _start\n"
        "_start:\n"
        "  mov %rsp, %rdi\n"
        "  and $-16, %rsp\n"
        "  call launch\n"
        "  hlt\n");
