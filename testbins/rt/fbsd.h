/*
 * fbsd.h - FreeBSD 14 amd64 ABI facts used by the xrun test programs.
 *
 * Every value below was looked up, not guessed.  Sources (abbreviated in
 * the comments beside each group):
 *   [go-sysnum]  /usr/lib/go/src/syscall/zsysnum_freebsd_amd64.go
 *   [go-err]     /usr/lib/go/src/syscall/zerrors_freebsd_amd64.go
 *   [go-types]   /usr/lib/go/src/syscall/ztypes_freebsd_amd64.go
 *   [go-rt]      /usr/lib/go/src/runtime/defs_freebsd_amd64.go, os_freebsd.go
 *   [master]     freebsd-src sys/kern/syscalls.master
 *   [h:<file>]   freebsd-src sys/sys/<file> (or the header named)
 *   [man:<page>] FreeBSD manual page
 * The values are restated here in our own layout; no header was copied.
 */
#ifndef XRUN_FBSD_H
#define XRUN_FBSD_H

#include <stdint.h>
#include <stddef.h>

/* ---- system call numbers [go-sysnum], [master] for 551 and up ---- */
#define NR_syscall               0    /* indirect, number in rdi */
#define NR_exit                  1
#define NR_read                  3
#define NR_write                 4
#define NR_open                  5
#define NR_close                 6
#define NR_unlink               10
#define NR_chdir                12
#define NR_fchdir               13
#define NR_getpid               20
#define NR_getuid               24
#define NR_geteuid              25
#define NR_access               33
#define NR_kill                 37
#define NR_execve               59   /* syscalls.master: int execve(char *fname, char **argv, char **envv) */
#define NR_getppid              39
#define NR_dup                  41
#define NR_freebsd10_pipe       42   /* fds come back in rax and rdx */
#define NR_getegid              43
#define NR_getgid               47
#define NR_ioctl                54
#define NR_readlink             58
#define NR_munmap               73
#define NR_mprotect             74
#define NR_madvise              75
#define NR_dup2                 90
#define NR_fcntl                92
#define NR_gettimeofday        116
#define NR_getrusage           117
#define NR_readv               120
#define NR_writev              121
#define NR_rename              128
#define NR_mkdir               136
#define NR_rmdir               137
#define NR_sysarch             165
#define NR___syscall           198  /* indirect, 64-bit number in rdi */
#define NR_freebsd11_stat      188
#define NR_freebsd11_fstat     189
#define NR_freebsd11_lstat     190
#define NR_getrlimit           194
#define NR_setrlimit           195
#define NR_freebsd11_getdirentries 196
#define NR___sysctl            202
#define NR_clock_gettime       232
#define NR_clock_getres        234
#define NR_nanosleep           240
#define NR_issetugid           253
#define NR___getcwd            326
#define NR_sigprocmask         340
#define NR_kqueue              362
#define NR_reserved_419        419  /* reserved in syscalls.master: nosys() on FreeBSD, used for the SIGSYS tests */
#define NR_sigaction           416
#define NR_thr_self            432  /* NOT translated by xrun */
#define NR_pread               475
#define NR_pwrite              476
#define NR_mmap                477
#define NR_lseek               478
#define NR_faccessat           489
#define NR_freebsd11_fstatat   493
#define NR_mkdirat             496
#define NR_openat              499
#define NR_readlinkat          500
#define NR_renameat            501
#define NR_unlinkat            503
#define NR_posix_openpt        504
#define NR_pipe2               542
#define NR_fstat               551  /* [master] */
#define NR_fstatat             552  /* [master] */
#define NR_getdirentries       554  /* [master] */
#define NR_getrandom           563  /* [master] */
#define NR___sysctlbyname      570  /* [master] */
#define NR_recvmsg              27
#define NR_sendmsg              28
#define NR_recvfrom             29
#define NR_accept               30
#define NR_getpeername          31
#define NR_getsockname          32
#define NR_select               93
#define NR_socket               97
#define NR_connect              98
#define NR_bind                104
#define NR_setsockopt          105
#define NR_listen              106
#define NR_getsockopt          118
#define NR_sendto              133
#define NR_shutdown            134
#define NR_socketpair          135
#define NR_poll                209
#define NR_pselect             522  /* [master] */
#define NR_accept4             541  /* [master] */
#define NR_ppoll               545  /* [master] */

/* ---- errno values [go-err]; EINTEGRITY from [h:errno.h] ---- */
#define EPERM            1
#define ENOENT           2
#define ESRCH            3
#define EINTR            4
#define EIO              5
#define ENXIO            6
#define E2BIG            7
#define ENOEXEC          8
#define EBADF            9
#define ECHILD          10
#define EDEADLK         11
#define ENOMEM          12
#define EACCES          13
#define EFAULT          14
#define ENOTBLK         15
#define EBUSY           16
#define EEXIST          17
#define EXDEV           18
#define ENODEV          19
#define ENOTDIR         20
#define EISDIR          21
#define EINVAL          22
#define ENFILE          23
#define EMFILE          24
#define ENOTTY          25
#define ETXTBSY         26
#define EFBIG           27
#define ENOSPC          28
#define ESPIPE          29
#define EROFS           30
#define EMLINK          31
#define EPIPE           32
#define EDOM            33
#define ERANGE          34
#define EAGAIN          35
#define EINPROGRESS     36
#define EALREADY        37
#define ENOTSOCK        38
#define EDESTADDRREQ    39
#define EMSGSIZE        40
#define EPROTOTYPE      41
#define ENOPROTOOPT     42
#define EPROTONOSUPPORT 43
#define ESOCKTNOSUPPORT 44
#define EOPNOTSUPP      45
#define EPFNOSUPPORT    46
#define EAFNOSUPPORT    47
#define EADDRINUSE      48
#define EADDRNOTAVAIL   49
#define ENETDOWN        50
#define ENETUNREACH     51
#define ENETRESET       52
#define ECONNABORTED    53
#define ECONNRESET      54
#define ENOBUFS         55
#define EISCONN         56
#define ENOTCONN        57
#define ESHUTDOWN       58
#define ETOOMANYREFS    59
#define ETIMEDOUT       60
#define ECONNREFUSED    61
#define ELOOP           62
#define ENAMETOOLONG    63
#define EHOSTDOWN       64
#define EHOSTUNREACH    65
#define ENOTEMPTY       66
#define EPROCLIM        67
#define EUSERS          68
#define EDQUOT          69
#define ESTALE          70
#define EREMOTE         71
#define EBADRPC         72
#define ERPCMISMATCH    73
#define EPROGUNAVAIL    74
#define EPROGMISMATCH   75
#define EPROCUNAVAIL    76
#define ENOLCK          77
#define ENOSYS          78
#define EFTYPE          79
#define EAUTH           80
#define ENEEDAUTH       81
#define EIDRM           82
#define ENOMSG          83
#define EOVERFLOW       84
#define ECANCELED       85
#define EILSEQ          86
#define ENOATTR         87
#define EDOOFUS         88
#define EBADMSG         89
#define EMULTIHOP       90
#define ENOLINK         91
#define EPROTO          92
#define ENOTCAPABLE     93
#define ECAPMODE        94
#define ENOTRECOVERABLE 95
#define EOWNERDEAD      96
#define EINTEGRITY      97   /* [h:errno.h] */
#define XRUN_ELAST      97

/* ---- open(2) flags [go-err] ---- */
#define O_RDONLY     0x0000
#define O_WRONLY     0x0001
#define O_RDWR       0x0002
#define O_ACCMODE    0x0003
#define O_NONBLOCK   0x0004
#define O_APPEND     0x0008
#define O_SHLOCK     0x0010
#define O_EXLOCK     0x0020
#define O_ASYNC      0x0040
#define O_SYNC       0x0080
#define O_NOFOLLOW   0x0100
#define O_CREAT      0x0200
#define O_TRUNC      0x0400
#define O_EXCL       0x0800
#define O_NOCTTY     0x8000
#define O_DIRECT     0x10000
#define O_DIRECTORY  0x20000
#define O_EXEC       0x40000
#define O_CLOEXEC    0x100000

/* ---- *at() [h:fcntl.h] ---- */
#define AT_FDCWD            (-100)
#define AT_EACCESS          0x0100
#define AT_SYMLINK_NOFOLLOW 0x0200
#define AT_SYMLINK_FOLLOW   0x0400
#define AT_REMOVEDIR        0x0800

/* ---- fcntl(2) [go-err] ---- */
#define F_DUPFD          0
#define F_GETFD          1
#define F_SETFD          2
#define F_GETFL          3
#define F_SETFL          4
#define F_DUPFD_CLOEXEC  17
#define FD_CLOEXEC       1

/* ---- access(2) [go-err F_OK; h:unistd.h for the rest] ---- */
#define F_OK 0
#define X_OK 0x01
#define W_OK 0x02
#define R_OK 0x04

/* ---- lseek whence [h:unistd.h] ---- */
#define SEEK_SET 0
#define SEEK_CUR 1
#define SEEK_END 2

/* ---- mmap(2) and friends [go-err], [go-rt] ---- */
#define PROT_NONE   0x0
#define PROT_READ   0x1
#define PROT_WRITE  0x2
#define PROT_EXEC   0x4
#define MAP_SHARED  0x0001
#define MAP_PRIVATE 0x0002
#define MAP_FIXED   0x0010
#define MAP_STACK   0x0400
#define MAP_ANON    0x1000
#define MAP_FAILED  ((void *)-1)
#define MADV_NORMAL     0
#define MADV_RANDOM     1
#define MADV_SEQUENTIAL 2
#define MADV_WILLNEED   3
#define MADV_DONTNEED   4
#define MADV_FREE       5

/* ---- clocks [h:_clock_id.h] ---- */
#define CLOCK_REALTIME           0
#define CLOCK_VIRTUAL            1
#define CLOCK_PROF               2
#define CLOCK_MONOTONIC          4
#define CLOCK_UPTIME             5
#define CLOCK_UPTIME_PRECISE     7
#define CLOCK_UPTIME_FAST        8
#define CLOCK_REALTIME_PRECISE   9
#define CLOCK_REALTIME_FAST      10
#define CLOCK_MONOTONIC_PRECISE  11
#define CLOCK_MONOTONIC_FAST     12
#define CLOCK_SECOND             13
#define CLOCK_THREAD_CPUTIME_ID  14
#define CLOCK_PROCESS_CPUTIME_ID 15

/* ---- resource limits / usage [go-err] ---- */
#define RLIMIT_CPU     0
#define RLIMIT_FSIZE   1
#define RLIMIT_DATA    2
#define RLIMIT_STACK   3
#define RLIMIT_CORE    4
#define RLIMIT_NOFILE  8
#define RLIMIT_AS      10
#define RUSAGE_SELF      0
#define RUSAGE_CHILDREN (-1)
#define RUSAGE_THREAD    1

/* ---- getrandom(2) flags [h:random.h] ---- */
#define GRND_NONBLOCK 0x1
#define GRND_RANDOM   0x2
#define GRND_INSECURE 0x4

/* ---- sysarch(2) ops [h:x86/include/sysarch.h] ---- */
#define AMD64_GET_FSBASE 128
#define AMD64_SET_FSBASE 129
#define AMD64_GET_GSBASE 130
#define AMD64_SET_GSBASE 131

/* ---- signals [go-rt] ---- */
#define SIGHUP   1
#define SIGINT   2
#define SIGQUIT  3
#define SIGILL   4
#define SIGTRAP  5
#define SIGABRT  6
#define SIGEMT   7
#define SIGFPE   8
#define SIGKILL  9
#define SIGBUS   10
#define SIGSEGV  11
#define SIGSYS   12
#define SIGPIPE  13
#define SIGALRM  14
#define SIGTERM  15
#define SIGURG   16
#define SIGSTOP  17
#define SIGTSTP  18
#define SIGCONT  19
#define SIGCHLD  20
#define SIGUSR1  30
#define SIGUSR2  31
#define SIG_DFL  ((void *)0)   /* [go-rt signal_unix.go] */
#define SIG_IGN  ((void *)1)
#define SIG_BLOCK   1          /* [h:signal.h] */
#define SIG_UNBLOCK 2
#define SIG_SETMASK 3          /* [go-rt os2_freebsd.go] */

/* ---- sysctl MIBs [h:sysctl.h] ---- */
#define CTL_UNSPEC   0
#define CTL_KERN     1
#define CTL_VM       2
#define CTL_HW       6
#define CTL_MAXNAME  24        /* [go-err] */
#define KERN_OSTYPE     1
#define KERN_OSRELEASE  2
#define KERN_OSREV      3
#define KERN_VERSION    4
#define KERN_HOSTNAME   10
#define KERN_PROC       14
#define KERN_OSRELDATE  24
#define KERN_PS_STRINGS 32
#define KERN_USRSTACK   33
#define KERN_IOV_MAX    35
#define KERN_ARND       37
#define KERN_PROC_PATHNAME 12
#define HW_MACHINE      1
#define HW_MODEL        2
#define HW_NCPU         3
#define HW_PHYSMEM      5
#define HW_PAGESIZE     7
#define HW_MACHINE_ARCH 11
/* sysctl "magic" node 0: {0,3} is name2oid (kern_sysctl.c) */
#define SYSCTL_NAME2OID 3

/* ---- ioctls [go-err]; FIO* from [h:filio.h] via _IOR/_IOW of [h:ioccom.h] ---- */
#define TIOCGETA   0x402c7413UL
#define TIOCSETA   0x802c7414UL
#define TIOCSETAW  0x802c7415UL
#define TIOCSETAF  0x802c7416UL
#define TIOCGWINSZ 0x40087468UL
#define TIOCSWINSZ 0x80087467UL
#define TIOCGPTN   0x4004740fUL
#define FIONREAD   0x4004667fUL   /* _IOR('f', 127, int) */
#define FIONBIO    0x8004667eUL   /* _IOW('f', 126, int) */

/* ---- termios bits [go-err] ---- */
#define ECHO    0x00000008
#define ECHOE   0x00000002
#define ISIG    0x00000080
#define ICANON  0x00000100
#define IEXTEN  0x00000400
#define CSIZE   0x00000300
#define CS8     0x00000300
#define B9600   9600
#define B38400  38400
#define VMIN    16
#define VTIME   17
#define NCCS    20

/* ---- file types [go-types] ---- */
#define S_IFMT   0170000
#define S_IFIFO  0010000
#define S_IFCHR  0020000
#define S_IFDIR  0040000
#define S_IFBLK  0060000
#define S_IFREG  0100000
#define S_IFLNK  0120000
#define S_IFSOCK 0140000
#define S_ISREG(m) (((m) & S_IFMT) == S_IFREG)
#define S_ISDIR(m) (((m) & S_IFMT) == S_IFDIR)
#define S_ISCHR(m) (((m) & S_IFMT) == S_IFCHR)
#define S_ISFIFO(m) (((m) & S_IFMT) == S_IFIFO)

/* ---- dirent types [go-err] ---- */
#define DT_UNKNOWN 0
#define DT_FIFO    1
#define DT_CHR     2
#define DT_DIR     4
#define DT_BLK     6
#define DT_REG     8
#define DT_LNK     10
#define DT_SOCK    12

/* ---- ELF auxiliary vector types [h:elf_common.h], FreeBSD 14 ---- */
#define AT_NULL          0
#define AT_IGNORE        1
#define AT_EXECFD        2
#define AT_PHDR          3
#define AT_PHENT         4
#define AT_PHNUM         5
#define AT_PAGESZ        6
#define AT_BASE          7
#define AT_FLAGS         8
#define AT_ENTRY         9
#define AT_NOTELF        10
#define AT_UID           11
#define AT_EUID          12
#define AT_GID           13
#define AT_EGID          14
#define AT_EXECPATH      15
#define AT_CANARY        16
#define AT_CANARYLEN     17
#define AT_OSRELDATE     18
#define AT_NCPUS         19
#define AT_PAGESIZES     20
#define AT_PAGESIZESLEN  21
#define AT_TIMEKEEP      22
#define AT_STACKPROT     23
#define AT_EHDRFLAGS     24
#define AT_HWCAP         25
#define AT_HWCAP2        26
#define AT_BSDFLAGS      27
#define AT_ARGC          28
#define AT_ARGV          29
#define AT_ENVC          30
#define AT_ENVV          31
#define AT_PS_STRINGS    32
#define AT_FXRNG         33
#define AT_KPRELOAD      34
#define AT_USRSTACKBASE  35
#define AT_USRSTACKLIM   36
#define AT_COUNT         37   /* one past the last defined type */

/* ---- sockets [go-err]; [h:socket.h] [h:netinet/in.h] [h:netinet6/in6.h] ---- */
#define AF_UNSPEC      0
#define AF_UNIX        1
#define AF_INET        2
#define AF_INET6       28
#define SOCK_STREAM    1
#define SOCK_DGRAM     2
#define SOCK_SEQPACKET 5
#define SOCK_CLOEXEC   0x10000000
#define SOCK_NONBLOCK  0x20000000
#define SOL_SOCKET     0xffff
#define IPPROTO_IP     0
#define IPPROTO_TCP    6
#define IPPROTO_UDP    17
#define IPPROTO_IPV6   41
#define SO_ACCEPTCONN  0x0002
#define SO_REUSEADDR   0x0004
#define SO_KEEPALIVE   0x0008
#define SO_BROADCAST   0x0020
#define SO_LINGER      0x0080
#define SO_SNDBUF      0x1001
#define SO_RCVBUF      0x1002
#define SO_RCVTIMEO    0x1006
#define SO_ERROR       0x1007
#define SO_TYPE        0x1008
#define TCP_NODELAY    0x01
#define TCP_KEEPIDLE   0x100
#define TCP_KEEPINTVL  0x200
#define TCP_KEEPCNT    0x400
#define TF_NODELAY     0x0004   /* [h:netinet/tcp_var.h]: getsockopt(TCP_NODELAY) reads t_flags & TF_NODELAY */
#define IP_TTL         4
#define IPV6_V6ONLY    27
#define MSG_OOB        0x1
#define MSG_PEEK       0x2
#define MSG_EOR        0x8
#define MSG_TRUNC      0x10
#define MSG_CTRUNC     0x20
#define MSG_WAITALL    0x40
#define MSG_DONTWAIT   0x80
#define MSG_NOSIGNAL   0x20000
#define MSG_CMSG_CLOEXEC 0x40000
#define SCM_RIGHTS     1
#define SHUT_RD        0
#define SHUT_WR        1
#define SHUT_RDWR      2
#define INADDR_LOOPBACK 0x7f000001
typedef uint32_t socklen_t;
struct sockaddr     { uint8_t sa_len; uint8_t sa_family; char sa_data[14]; };
struct in_addr      { uint32_t s_addr; };
struct sockaddr_in  { uint8_t sin_len; uint8_t sin_family; uint16_t sin_port; struct in_addr sin_addr; char sin_zero[8]; };   /* 16 */
struct in6_addr     { uint8_t s6_addr[16]; };
struct sockaddr_in6 { uint8_t sin6_len; uint8_t sin6_family; uint16_t sin6_port; uint32_t sin6_flowinfo;
                      struct in6_addr sin6_addr; uint32_t sin6_scope_id; };                                                 /* 28 */
struct sockaddr_un  { uint8_t sun_len; uint8_t sun_family; char sun_path[104]; };                                           /* 106 */
struct sockaddr_storage { uint8_t ss_len; uint8_t ss_family; char ss_pad1[6]; int64_t ss_align; char ss_pad2[112]; };     /* 128 */
struct linger       { int l_onoff; int l_linger; };
/* [go-types] Msghdr (48 bytes), Cmsghdr (12 bytes; data at _ALIGN(12) = 16) */
struct msghdr {
	void *msg_name; socklen_t msg_namelen;
	struct iovec *msg_iov; int msg_iovlen;
	void *msg_control; socklen_t msg_controllen;
	int msg_flags;
};
struct cmsghdr { socklen_t cmsg_len; int cmsg_level; int cmsg_type; };
#define XRUN_ALIGN8(n)  (((unsigned long)(n) + 7) & ~7UL)
#define CMSG_DATA(c)    ((unsigned char *)(c) + XRUN_ALIGN8(sizeof(struct cmsghdr)))
#define CMSG_LEN(l)     (XRUN_ALIGN8(sizeof(struct cmsghdr)) + (l))
#define CMSG_SPACE(l)   (XRUN_ALIGN8(sizeof(struct cmsghdr)) + XRUN_ALIGN8(l))

/* ---- poll/select [h:poll.h] [h:select.h] ---- */
#define POLLIN     0x0001
#define POLLPRI    0x0002
#define POLLOUT    0x0004
#define POLLERR    0x0008
#define POLLHUP    0x0010
#define POLLNVAL   0x0020
#define POLLRDNORM 0x0040
#define POLLWRNORM POLLOUT
#define POLLRDBAND 0x0080
#define POLLWRBAND 0x0100
#define POLLRDHUP  0x4000
struct pollfd { int fd; short events; short revents; };
#define FD_SETSIZE 1024
typedef struct { uint64_t fds_bits[FD_SETSIZE / 64]; } fd_set;
#define FD_SET(n, p)   ((p)->fds_bits[(n) / 64] |= 1UL << ((n) % 64))
#define FD_ISSET(n, p) (((p)->fds_bits[(n) / 64] >> ((n) % 64)) & 1)

/* ---- structures [go-types], [go-rt] ---- */
struct timespec { int64_t tv_sec; int64_t tv_nsec; };
struct timeval  { int64_t tv_sec; int64_t tv_usec; };
struct rlimit   { int64_t rlim_cur; int64_t rlim_max; };
struct iovec    { void *iov_base; size_t iov_len; };

struct rusage {
	struct timeval ru_utime;
	struct timeval ru_stime;
	int64_t ru_maxrss, ru_ixrss, ru_idrss, ru_isrss, ru_minflt, ru_majflt;
	int64_t ru_nswap, ru_inblock, ru_oublock, ru_msgsnd, ru_msgrcv;
	int64_t ru_nsignals, ru_nvcsw, ru_nivcsw;
};

/* FreeBSD 12+ ("ino64") struct stat, 224 bytes: [go-types] Stat_t */
struct stat {
	uint64_t st_dev;
	uint64_t st_ino;
	uint64_t st_nlink;
	uint16_t st_mode;
	int16_t  st_padding0;
	uint32_t st_uid;
	uint32_t st_gid;
	int32_t  st_padding1;
	uint64_t st_rdev;
	struct timespec st_atim;
	struct timespec st_mtim;
	struct timespec st_ctim;
	struct timespec st_birthtim;
	int64_t  st_size;
	int64_t  st_blocks;
	int32_t  st_blksize;
	uint32_t st_flags;
	uint64_t st_gen;
	uint64_t st_spare[10];
};

/* pre-12 layout used by freebsd11_*stat*: [go-types] stat_freebsd11_t, 120 bytes */
struct freebsd11_stat {
	uint32_t st_dev;
	uint32_t st_ino;
	uint16_t st_mode;
	uint16_t st_nlink;
	uint32_t st_uid;
	uint32_t st_gid;
	uint32_t st_rdev;
	struct timespec st_atim;
	struct timespec st_mtim;
	struct timespec st_ctim;
	int64_t  st_size;
	int64_t  st_blocks;
	int32_t  st_blksize;
	uint32_t st_flags;
	uint32_t st_gen;
	int32_t  st_lspare;
	struct timespec st_birthtim;
};

/* ino64 dirent: [go-types] Dirent; fixed header is 24 bytes */
struct dirent {
	uint64_t d_fileno;
	int64_t  d_off;
	uint16_t d_reclen;
	uint8_t  d_type;
	uint8_t  d_pad0;
	uint16_t d_namlen;
	uint16_t d_pad1;
	char     d_name[256];
};

/* pre-12 dirent: [go-types] dirent_freebsd11; fixed header is 8 bytes */
struct freebsd11_dirent {
	uint32_t d_fileno;
	uint16_t d_reclen;
	uint8_t  d_type;
	uint8_t  d_namlen;
	char     d_name[256];
};

/* [go-types] Termios: 44 bytes */
struct termios {
	uint32_t c_iflag;
	uint32_t c_oflag;
	uint32_t c_cflag;
	uint32_t c_lflag;
	uint8_t  c_cc[NCCS];
	uint32_t c_ispeed;
	uint32_t c_ospeed;
};

/* [h:ttycom.h] four unsigned shorts; TIOCGWINSZ encodes size 8 */
struct winsize {
	uint16_t ws_row;
	uint16_t ws_col;
	uint16_t ws_xpixel;
	uint16_t ws_ypixel;
};

/* [go-rt] sigset (4 x uint32) and sigactiont: handler, int flags, mask */
typedef struct { uint32_t bits[4]; } sigset_t;
/* sys/sys/signal.h struct __siginfo (siginfo_t) */
struct fsiginfo {
	int si_signo, si_errno, si_code, si_pid;
	unsigned si_uid;
	int si_status;
	void *si_addr;
	long si_value;
	long reason[5];
};
struct sigaction {
	void    *sa_handler;
	int32_t  sa_flags;
	sigset_t sa_mask;
};

#include "elf64.h"
#define PT_LOAD 1
#define PT_PHDR 6
#define PT_NOTE 4

/* What the dynamic-linking pair (ld_elf, dynhello) reads of a loaded image:
 * sys/sys/elf64.h (Elf64_Dyn in elf64.h, Elf64_Rela, ELF64_R_TYPE), sys/sys/elf_common.h
 * (EI_OSABI, ELFOSABI_FREEBSD, ET_DYN, PT_*, DT_*, R_X86_64_RELATIVE). */
typedef struct {
	uint64_t r_offset, r_info;
	int64_t r_addend;
} Elf64_Rela;
#define ELF64_R_TYPE(info) ((info) & 0xffffffffUL)
#define EI_OSABI 7
#define ELFOSABI_FREEBSD 9
#define ET_DYN 3
#define PT_DYNAMIC 2
#define PT_INTERP 3
#define DT_NULL 0
#define DT_RELA 7
#define DT_RELASZ 8
#define DT_RELAENT 9
#define R_X86_64_RELATIVE 8

/* statfs family: numbers [master]; layouts [go-types] Statfs_t (2344 bytes) and
 * statfs_freebsd11_t (472 bytes); versions, MNT_* and getfsstat modes [h:mount.h] */
#define NR_freebsd11_getfsstat 395
#define NR_freebsd11_statfs    396
#define NR_freebsd11_fstatfs   397
#define NR_statfs              555
#define NR_fstatfs             556
#define NR_getfsstat           557
#define STATFS_VERSION           0x20140518
#define FREEBSD11_STATFS_VERSION 0x20030518
#define MNT_WAIT    1
#define MNT_NOWAIT  2
#define MNT_RDONLY  0x1ULL
#define MNT_NOEXEC  0x4ULL
#define MNT_NOSUID  0x8ULL
#define MNT_LOCAL   0x1000ULL
#define MNT_ROOTFS  0x4000ULL
#define MFSNAMELEN  16
#define MNAMELEN    1024
#define FREEBSD11_MNAMELEN 88
typedef struct { int32_t val[2]; } fsid_t;
#define STATFS_HEAD \
	uint32_t f_version; uint32_t f_type; uint64_t f_flags; uint64_t f_bsize; uint64_t f_iosize; \
	uint64_t f_blocks; uint64_t f_bfree; int64_t f_bavail; uint64_t f_files; int64_t f_ffree; \
	uint64_t f_syncwrites; uint64_t f_asyncwrites; uint64_t f_syncreads; uint64_t f_asyncreads; \
	uint64_t f_spare[10]; uint32_t f_namemax; uint32_t f_owner; fsid_t f_fsid; char f_charspare[80]; \
	char f_fstypename[MFSNAMELEN];
struct statfs           { STATFS_HEAD char f_mntfromname[MNAMELEN]; char f_mntonname[MNAMELEN]; };
struct freebsd11_statfs { STATFS_HEAD char f_mntfromname[FREEBSD11_MNAMELEN]; char f_mntonname[FREEBSD11_MNAMELEN]; };
_Static_assert(sizeof(struct statfs) == 2344, "struct statfs");
_Static_assert(sizeof(struct freebsd11_statfs) == 472, "struct freebsd11_statfs");
_Static_assert(offsetof(struct statfs, f_fstypename) == 280, "f_fstypename");

/* ---- kernel threads: [master] numbers, sys/sys/thr.h struct thr_param, sys/sys/umtx.h ---- */
#define NR_thr_exit            431
#define NR__umtx_op            454
#define NR_thr_new             455
#define UMTX_OP_WAIT             2
struct thr_param {
	void (*start_func)(void *);
	void *arg;
	char *stack_base;
	size_t stack_size;
	char *tls_base;
	size_t tls_size;
	long *child_tid;
	long *parent_tid;
	int flags;
	void *rtp;
	void *spare[3];
};
_Static_assert(sizeof(struct thr_param) == 104, "struct thr_param");

#endif /* XRUN_FBSD_H */
