package io.xrun.translator.handlers;

import io.xrun.maps.Signals;
import io.xrun.maps.ValueMap;

/**
 * The argument codecs of the syscall table (column "args") that need no guest memory: plain
 * values pass, flag sets and enumerations are translated through their tables. Codecs that
 * name structs (stat, dirents, sigset...) belong to dedicated handlers. Codes are ints so that
 * the table-driven handler switches without allocating.
 */
public final class ArgCodec {
    public static final int PASS = 0;
    public static final int OFLAGS = 1;
    public static final int ATFLAGS = 2;
    public static final int PROT = 3;
    public static final int MADVICE = 4;
    public static final int CLOCKID = 5;
    public static final int RLIMITRES = 6;
    public static final int WHENCE = 7;
    public static final int SIGNO = 8;
    public static final int SIGHOW = 9;
    public static final int RUSAGEWHO = 10;
    public static final int GRNDFLAGS = 11;
    public static final int PIPEFLAGS = 12;
    public static final int MSYNCFLAGS = 13;
    public static final int MLOCKALLFLAGS = 14;
    /** FreeBSD's msync refuses MS_ASYNC together with MS_INVALIDATE (vm_mmap.c kern_msync). */
    private static final long MS_ASYNC_INVALIDATE = Abi.MSYNC_FLAG_TABLE.freebsd("MS_ASYNC")
            | Abi.MSYNC_FLAG_TABLE.freebsd("MS_INVALIDATE");
    public static final int MSGFLAGS = 15;
    /**
     * A FreeBSD argument with no Linux counterpart: the alignment pad of the FreeBSD 6 calls
     * with an off_t (freebsd6_pread, freebsd6_lseek...). The table-driven handler drops it and
     * shifts the later arguments down.
     */
    public static final int PAD = 16;
    private static final long PIPE2_ALLOWED = Abi.OPEN_FLAG_TABLE.freebsd("O_CLOEXEC")
            | Abi.OPEN_FLAG_TABLE.freebsd("O_NONBLOCK");
    /** Returned by {@link #code} for a codec the table-driven handler cannot apply. */
    public static final int NEEDS_HANDLER = -1;
    /** Returned by {@link #translate} for a value with no Linux counterpart: the call fails with EINVAL. */
    public static final long INVALID = Long.MIN_VALUE;

    private ArgCodec() {
    }

    public static int code(String codec) {
        switch (codec) {
            case "int": case "uint": case "long": case "ulong": case "size": case "off": case "fd":
            case "atfd": case "path": case "str": case "ibuf": case "obuf": case "ptr": case "iovec":
            case "mode": case "amode": case "pid": case "timespec": case "timeval": case "rusage":
            case "pipefds":
                return PASS;
            case "oflags": return OFLAGS;
            case "atflags": return ATFLAGS;
            case "prot": return PROT;
            case "madvice": return MADVICE;
            case "clockid": return CLOCKID;
            case "rlimitres": return RLIMITRES;
            case "whence": return WHENCE;
            case "signo": return SIGNO;
            case "sigprocmaskhow": return SIGHOW;
            case "rusagewho": return RUSAGEWHO;
            case "grndflags": return GRNDFLAGS;
            case "pipeflags": return PIPEFLAGS;
            case "msyncflags": return MSYNCFLAGS;
            case "mlockallflags": return MLOCKALLFLAGS;
            case "msgflags": return MSGFLAGS;
            case "pad": return PAD;
            default: return NEEDS_HANDLER;
        }
    }

    public static long translate(int code, long v) {
        switch (code) {
            case PASS: return v;
            case OFLAGS: return Abi.OPEN_FLAGS.toLinux(v);
            case ATFLAGS:
                // which AT_* bits are valid depends on the syscall: atFlags(v, accepted)
                throw new IllegalArgumentException("atflags are translated per syscall: ArgCodec.atFlags");
            case PROT:
                // unknown protection bits are EINVAL on FreeBSD (vm_mmap.c kern_mprotect)
                return Abi.MMAP_PROT.unknownFreebsd(v) != 0 ? INVALID : Abi.MMAP_PROT.toLinux(v);
            case PIPEFLAGS:
                // pipe2(2): only O_CLOEXEC and O_NONBLOCK, anything else is EINVAL
                return (v & ~PIPE2_ALLOWED) != 0 ? INVALID : Abi.OPEN_FLAGS.toLinux(v);
            case GRNDFLAGS: {
                long unknown = Abi.GRND_FLAGS.unknownFreebsd(v);
                return unknown != 0 ? INVALID : Abi.GRND_FLAGS.toLinux(v);
            }
            case MSYNCFLAGS:
                // kern_msync checks only this pair; other bits are ignored (dropped here)
                return (v & MS_ASYNC_INVALIDATE) == MS_ASYNC_INVALIDATE ? INVALID : Abi.MSYNC_FLAGS.toLinux(v);
            case MLOCKALLFLAGS:
                // sys_mlockall: 0 or an unknown bit is EINVAL
                return v == 0 || Abi.MLOCKALL_FLAGS.unknownFreebsd(v) != 0 ? INVALID : Abi.MLOCKALL_FLAGS.toLinux(v);
            case MSGFLAGS: return Abi.MSG_FLAGS.toLinux(v & 0xffffffffL);
            case PAD: return v;
            case MADVICE: return value(Abi.MADVISE, v);
            case CLOCKID: return value(Abi.CLOCK_IDS, v);
            case RLIMITRES: return value(Abi.RLIMITS, v);
            case WHENCE: return value(Abi.WHENCE, v);
            case SIGHOW: return value(Abi.SIGPROCMASK_HOW, v);
            case RUSAGEWHO: return value(Abi.RUSAGE_WHO, (int) v);
            case SIGNO: {
                int s = (int) v;
                if (s == 0) {
                    return 0;
                }
                int l = Signals.toLinux(s);
                return l == 0 ? INVALID : l;
            }
            default: throw new IllegalArgumentException("codec " + code);
        }
    }

    /**
     * The AT_* flags argument of a syscall that accepts the FreeBSD bits {@code accepted}
     * ({@link io.xrun.maps.AtFlags#accepted}, at-flags.tsv's syscalls column): any other bit is
     * EINVAL ({@link #INVALID}), as each of FreeBSD's *at calls checks first (vfs_syscalls.c
     * kern_accessat, kern_funlinkat_ex...); the accepted bits are translated with at-flags.tsv.
     * The check must come first: Linux gives 0x200 to AT_EACCESS and AT_REMOVEDIR alike, so
     * FreeBSD AT_EACCESS given to unlinkat would otherwise remove a directory. Once the bits
     * outside the mask are refused, the whole table translates each call right (FreeBSD
     * AT_EACCESS becomes Linux AT_EACCESS only for faccessat, AT_REMOVEDIR becomes Linux
     * AT_REMOVEDIR only for unlinkat). AT_RESOLVE_BENEATH, accepted by most of them, has no
     * Linux AT_ flag: it is dropped (not enforced).
     */
    public static long atFlags(long v, long accepted) {
        return (v & ~accepted) != 0 ? INVALID : Abi.AT_FLAGS.toLinux(v);
    }

    private static long value(ValueMap m, long v) {
        long r = m.toLinux(v);
        return r == ValueMap.NONE ? INVALID : r;
    }
}
