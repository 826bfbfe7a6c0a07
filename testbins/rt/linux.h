/*
 * linux.h - Linux/x86-64 values for the native Linux build of the test
 * programs (-DXRUN_TARGET_LINUX).  It starts from fbsd.h, so errno
 * numbers and the neutral structures keep their FreeBSD definitions (the
 * runtime translates Linux errno values to FreeBSD ones, see
 * linux_errno.c), and then replaces the numbers that differ on Linux.
 * Sources: /usr/include/x86_64-linux-gnu/asm/unistd_64.h,
 * /usr/include/asm-generic/fcntl.h, asm-generic/mman-common.h,
 * linux/time.h, asm-generic/resource.h, asm-generic/ioctls.h.
 * Only programs whose source is marked "xrun-linux: yes" are built this way.
 */
#ifndef XRUN_LINUX_H
#define XRUN_LINUX_H
#include "fbsd.h"

#undef NR_exit
#undef NR_read
#undef NR_write
#undef NR_open
#undef NR_close
#undef NR_unlink
#undef NR_chdir
#undef NR_fchdir
#undef NR_getpid
#undef NR_getuid
#undef NR_geteuid
#undef NR_access
#undef NR_kill
#undef NR_getppid
#undef NR_dup
#undef NR_getegid
#undef NR_getgid
#undef NR_ioctl
#undef NR_readlink
#undef NR_munmap
#undef NR_mprotect
#undef NR_madvise
#undef NR_dup2
#undef NR_fcntl
#undef NR_gettimeofday
#undef NR_getrusage
#undef NR_readv
#undef NR_writev
#undef NR_rename
#undef NR_mkdir
#undef NR_rmdir
#undef NR_getrlimit
#undef NR_setrlimit
#undef NR_clock_gettime
#undef NR_clock_getres
#undef NR_nanosleep
#undef NR_pread
#undef NR_pwrite
#undef NR_mmap
#undef NR_lseek
#undef NR_faccessat
#undef NR_mkdirat
#undef NR_openat
#undef NR_readlinkat
#undef NR_renameat
#undef NR_unlinkat
#undef NR_pipe2
#undef NR_getrandom
#define NR_read            0
#define NR_write           1
#define NR_open            2
#define NR_close           3
#define NR_lseek           8
#define NR_mmap            9
#define NR_mprotect       10
#define NR_munmap         11
#define NR_ioctl          16
#define NR_pread          17
#define NR_pwrite         18
#define NR_readv          19
#define NR_writev         20
#define NR_access         21
#define NR_madvise        28
#define NR_dup            32
#define NR_dup2           33
#define NR_nanosleep      35
#define NR_getpid         39
#define NR_exit           60
#define NR_kill           62
#define NR_fcntl          72
#define NR_chdir          80
#define NR_fchdir         81
#define NR_rename         82
#define NR_mkdir          83
#define NR_rmdir          84
#define NR_unlink         87
#define NR_readlink       89
#define NR_gettimeofday   96
#define NR_getrlimit      97
#define NR_getrusage      98
#define NR_getuid        102
#define NR_getgid        104
#define NR_geteuid       107
#define NR_getegid       108
#define NR_getppid       110
#define NR_setrlimit     160
#define NR_clock_gettime 228
#define NR_clock_getres  229
#define NR_openat        257
#define NR_mkdirat       258
#define NR_unlinkat      263
#define NR_renameat      264
#define NR_readlinkat    267
#define NR_faccessat     269
#define NR_pipe2         293
#define NR_getrandom     318

#undef O_NONBLOCK
#undef O_APPEND
#undef O_CREAT
#undef O_TRUNC
#undef O_EXCL
#undef O_NOCTTY
#undef O_DIRECTORY
#undef O_CLOEXEC
#undef O_NOFOLLOW
#define O_CREAT      00000100
#define O_EXCL       00000200
#define O_NOCTTY     00000400
#define O_TRUNC      00001000
#define O_APPEND     00002000
#define O_NONBLOCK   00004000
#define O_DIRECTORY  00200000
#define O_NOFOLLOW   00400000
#define O_CLOEXEC    02000000

#undef AT_EACCESS
#undef AT_SYMLINK_NOFOLLOW
#undef AT_REMOVEDIR
#define AT_SYMLINK_NOFOLLOW 0x100
#define AT_REMOVEDIR        0x200
#define AT_EACCESS          0x200

#undef F_DUPFD_CLOEXEC
#define F_DUPFD_CLOEXEC 1030

#undef MAP_ANON
#undef MAP_STACK
#define MAP_ANON   0x20
#define MAP_STACK  0x20000

/* Linux clock ids; FreeBSD-only ones map to their closest Linux clock. */
#undef CLOCK_MONOTONIC
#undef CLOCK_UPTIME
#undef CLOCK_REALTIME_FAST
#undef CLOCK_MONOTONIC_FAST
#undef CLOCK_THREAD_CPUTIME_ID
#undef CLOCK_PROCESS_CPUTIME_ID
#undef CLOCK_UPTIME_PRECISE
#undef CLOCK_UPTIME_FAST
#undef CLOCK_REALTIME_PRECISE
#undef CLOCK_MONOTONIC_PRECISE
#undef CLOCK_SECOND
#undef CLOCK_VIRTUAL
#undef CLOCK_PROF
#define CLOCK_MONOTONIC          1
#define CLOCK_PROCESS_CPUTIME_ID 2
#define CLOCK_THREAD_CPUTIME_ID  3
#define CLOCK_REALTIME_FAST      5   /* CLOCK_REALTIME_COARSE */
#define CLOCK_MONOTONIC_FAST     6   /* CLOCK_MONOTONIC_COARSE */
#define CLOCK_UPTIME             7   /* CLOCK_BOOTTIME */

#undef RLIMIT_NOFILE
#undef RLIMIT_AS
#define RLIMIT_NOFILE 7
#define RLIMIT_AS     9

#undef SIGUSR1
#undef SIGUSR2
#undef SIGBUS
#undef SIGSYS
#undef SIGCHLD
#define SIGBUS  7
#define SIGUSR1 10
#define SIGUSR2 12
#define SIGCHLD 17
#define SIGSYS  31

#undef FIONREAD
#undef FIONBIO
#define FIONREAD 0x541B
#define FIONBIO  0x5421

#endif
