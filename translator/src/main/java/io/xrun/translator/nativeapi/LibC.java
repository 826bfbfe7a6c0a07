package io.xrun.translator.nativeapi;

/**
 * The few libc entry points the supervisor needs, bound with jnr-ffi. Pointer arguments are
 * plain {@code long} addresses into memory xrun allocated itself ({@link NativeBuffer}), so a
 * call marshals nothing and allocates nothing on the Java heap.
 *
 * <p>ptrace, process_vm_readv/writev and tgkill go through {@code syscall(2)} rather than
 * glibc's variadic wrappers: glibc's ptrace() returns PEEK results differently from the kernel,
 * the raw syscall is unambiguous.
 */
public interface LibC {
    long syscall(long number, long a1, long a2, long a3, long a4, long a5, long a6);

    int waitpid(int pid, long statusAddr, int options);

    int kill(int pid, int sig);

    /** sched_setaffinity(2): pid 0 is the calling thread. */
    int sched_setaffinity(int pid, long cpusetsize, long mask);

    int sched_getcpu();

    int getpid();

    int geteuid();

    int getegid();

    int posix_spawn(long pidAddr, String path, long fileActions, long attr, long argv, long envp);

    int posix_spawnattr_init(long attr);

    int posix_spawnattr_destroy(long attr);

    int posix_spawnattr_setflags(long attr, short flags);

    int posix_spawnattr_setsigmask(long attr, long sigset);

    int posix_spawnattr_setsigdefault(long attr, long sigset);

    int sigemptyset(long set);

    int sigfillset(long set);

    String strerror(int errnum);

    int open(String path, int flags);

    long pwrite(int fd, long buf, long count, long offset);

    int close(int fd);
}
