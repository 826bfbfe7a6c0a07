package io.xrun.translator.handlers;

import io.xrun.maps.ConstantTable;
import io.xrun.maps.Errno;
import io.xrun.maps.LinuxSyscalls;
import io.xrun.maps.SyscallRow;
import io.xrun.translator.core.Call;
import io.xrun.translator.core.SyscallHandler;
import io.xrun.translator.nativeapi.NativeBuffer;

/**
 * _umtx_op(obj, op, val, uaddr1, uaddr2) on Linux futexes (FreeBSD sys/kern/kern_umtx.c; op
 * numbers and their futex operation in umtx-ops.tsv).
 *
 * <ul>
 * <li>WAIT (u_long word), WAIT_UINT, WAIT_UINT_PRIVATE: sleep while *obj == val. A mismatch is
 * success (0), not EAGAIN; a timeout is ETIMEDOUT. The timeout is uaddr2, and uaddr1 its size:
 * up to sizeof(struct timespec) a relative timespec, else a struct _umtx_time {timespec
 * _timeout; u32 _flags; u32 _clockid} whose UMTX_ABSTIME flag makes it absolute on _clockid
 * (umtx_copyin_umtx_time). Relative waits hand the guest's timespec to FUTEX_WAIT (same
 * layout); absolute ones use FUTEX_WAIT_BITSET, with FUTEX_CLOCK_REALTIME for realtime clocks.
 * <li>WAKE, WAKE_PRIVATE: wake val waiters, result 0. FreeBSD's WAKE uses an AUTO_SHARE key,
 * which on private memory matches private waiters too; Linux keys shared and private futexes
 * apart, so WAKE wakes both keys.
 * <li>NWAKE_PRIVATE: obj is an array of val addresses; each gets a private wake-all.
 * <li>MUTEX_WAIT (struct umutex: u32 m_owner at 0, u32 m_flags at 4): returns at once if the
 * mutex is free (owner 0 or UMUTEX_CONTESTED), else sets UMUTEX_CONTESTED atomically and
 * sleeps until the owner word changes. MUTEX_WAKE2: wake one waiter. The contested bit is
 * left set (FreeBSD clears it when the last waiter goes): unlockers then always make the
 * wake call, which is correct and only slower. Priority-inheriting/protecting mutexes
 * need kernel-owned locking: EINVAL.
 * <li>SEM2_WAIT (struct _usem2: u32 _count, u32 _flags): sets USEM_HAS_WAITERS and sleeps while
 * the count is zero; SEM2_WAKE wakes one.
 * </ul>
 */
public final class UmtxOpHandler implements SyscallHandler {
    static final ConstantTable OPS = ConstantTable.load("umtx-ops.tsv");
    static final int WAIT = op("UMTX_OP_WAIT"), WAKE = op("UMTX_OP_WAKE"), WAIT_UINT = op("UMTX_OP_WAIT_UINT"),
            WAIT_UINT_PRIVATE = op("UMTX_OP_WAIT_UINT_PRIVATE"), WAKE_PRIVATE = op("UMTX_OP_WAKE_PRIVATE"),
            MUTEX_WAIT = op("UMTX_OP_MUTEX_WAIT"), NWAKE_PRIVATE = op("UMTX_OP_NWAKE_PRIVATE"),
            MUTEX_WAKE2 = op("UMTX_OP_MUTEX_WAKE2"), SEM2_WAIT = op("UMTX_OP_SEM2_WAIT"),
            SEM2_WAKE = op("UMTX_OP_SEM2_WAKE");
    static final long UMTX_ABSTIME = OPS.freebsd("UMTX_ABSTIME");
    static final long USYNC_PROCESS_SHARED = OPS.freebsd("USYNC_PROCESS_SHARED");
    static final long UMUTEX_CONTESTED = OPS.freebsd("UMUTEX_CONTESTED");
    static final long UMUTEX_PRIO = OPS.freebsd("UMUTEX_PRIO_INHERIT") | OPS.freebsd("UMUTEX_PRIO_PROTECT");
    static final long USEM_HAS_WAITERS = OPS.freebsd("USEM_HAS_WAITERS");
    /** Linux include/uapi/linux/futex.h */
    static final long FUTEX_WAIT = 0, FUTEX_WAKE = 1, FUTEX_WAKE_OP = 5, FUTEX_WAIT_BITSET = 9,
            FUTEX_PRIVATE_FLAG = 128, FUTEX_CLOCK_REALTIME = 256, FUTEX_BITSET_MATCH_ANY = 0xffffffffL;
    /** FUTEX_OP(FUTEX_OP_OR | FUTEX_OP_OPARG_SHIFT, 31, FUTEX_OP_CMP_EQ, 0): *uaddr2 |= 1 << 31. */
    static final long OR_BIT31 = ((2L | 8L) << 28) | (31L << 12);
    private static final int FUTEX = LinuxSyscalls.require("futex");
    /** sizeof(struct timespec) and sizeof(struct _umtx_time), sys/sys/umtx.h. */
    private static final int TIMESPEC = 16, UMTX_TIME = 24;
    private static final int NWAKE_MAX = 4096;
    /** FreeBSD clock ids whose Linux clock is CLOCK_REALTIME (0). */
    private static final int LINUX_CLOCK_REALTIME = 0;

    public UmtxOpHandler(SyscallRow row) {
    }

    private static int op(String name) {
        return (int) OPS.freebsd(name);
    }

    @Override
    public void enter(Call c) {
        int op = c.intArg(1);
        long obj = c.arg(0);
        c.stash[0] = op;
        if (op == WAIT_UINT || op == WAIT_UINT_PRIVATE || op == WAIT) {
            if (op == WAIT) {
                // u_long compare: the futex only sees the low word, so check all 64 bits first.
                if (!c.copyIn(obj, 0, 8)) {
                    return;
                }
                if (c.buffer().getLong(0) != c.arg(2)) {
                    c.emulate(0);
                    return;
                }
            }
            wait(c, obj, c.arg(2) & 0xffffffffL, op == WAIT_UINT_PRIVATE);
        } else if (op == WAKE || op == WAKE_PRIVATE) {
            futex(c, obj, FUTEX_WAKE | (op == WAKE_PRIVATE ? FUTEX_PRIVATE_FLAG : 0), c.arg(2) & 0x7fffffffL);
        } else if (op == NWAKE_PRIVATE) {
            long count = c.arg(2);
            if (count <= 0) {
                c.emulate(0);
                return;
            }
            if (count > NWAKE_MAX) {
                c.emulateError(Errno.FREEBSD_EINVAL);
                return;
            }
            c.stash[1] = 1;
            if (!c.copyIn(obj, 0, 8)) {
                return;
            }
            futex(c, c.buffer().getLong(0), FUTEX_WAKE | FUTEX_PRIVATE_FLAG, Integer.MAX_VALUE);
        } else if (op == MUTEX_WAIT) {
            if (!c.copyIn(obj, 0, 8)) {
                return;
            }
            long owner = c.buffer().getInt(0) & 0xffffffffL;
            long flags = c.buffer().getInt(4) & 0xffffffffL;
            if ((flags & UMUTEX_PRIO) != 0) {
                c.emulateError(Errno.FREEBSD_EINVAL);
                return;
            }
            if ((owner & ~UMUTEX_CONTESTED) == 0) {
                c.emulate(0);
                return;
            }
            c.stash[1] = owner | UMUTEX_CONTESTED;
            c.stash[3] = 0;
            c.stash[4] = FUTEX_WAIT;
            c.stash[2] = shared(flags) ? 0 : FUTEX_PRIVATE_FLAG;
            setTopBit(c, obj);
        } else if (op == MUTEX_WAKE2) {
            futex(c, obj, FUTEX_WAKE | (shared(c.arg(2)) ? 0 : FUTEX_PRIVATE_FLAG), 1);
        } else if (op == SEM2_WAIT) {
            if (!c.copyIn(obj, 0, 8)) {
                return;
            }
            long count = c.buffer().getInt(0) & 0xffffffffL;
            long flags = c.buffer().getInt(4) & 0xffffffffL;
            if ((count & ~USEM_HAS_WAITERS) != 0) {
                c.emulate(0);
                return;
            }
            long fop = timeoutOp(c);
            if (fop < 0) {
                return;
            }
            c.stash[1] = USEM_HAS_WAITERS;
            c.stash[2] = shared(flags) ? 0 : FUTEX_PRIVATE_FLAG;
            c.stash[4] = fop;
            setTopBit(c, obj);
        } else if (op == SEM2_WAKE) {
            if (!c.copyIn(obj, 0, 8)) {
                return;
            }
            futex(c, obj, FUTEX_WAKE | (shared(c.buffer().getInt(4)) ? 0 : FUTEX_PRIVATE_FLAG), 1);
        } else {
            c.emulateError(Errno.FREEBSD_EINVAL);
        }
    }

    private static boolean shared(long flags) {
        return (flags & USYNC_PROCESS_SHARED) != 0;
    }

    private static void futex(Call c, long addr, long fop, long val) {
        c.runLinux(FUTEX, addr, fop, val, 0, 0, 0);
    }

    /** FUTEX_WAKE_OP with no one to wake: an atomic *obj |= 0x80000000. */
    private static void setTopBit(Call c, long obj) {
        c.runLinux(FUTEX, obj, FUTEX_WAKE_OP | c.stash[2], 0, 0, obj, OR_BIT31);
    }

    /** Sets up the futex wait for WAIT/WAIT_UINT(_PRIVATE), or answers EINVAL/EFAULT. */
    private static void wait(Call c, long addr, long val, boolean priv) {
        long fop = timeoutOp(c);
        if (fop < 0) {
            return;
        }
        c.runLinux(FUTEX, addr, fop | (priv ? FUTEX_PRIVATE_FLAG : 0), val, c.arg(4), 0, c.stash[3]);
    }

    /**
     * The futex wait operation for this call's timeout (uaddr1 = size, uaddr2 = timeout), with
     * the bitset it needs in stash[3]; -1 when the call was answered (EFAULT, EINVAL).
     */
    private static long timeoutOp(Call c) {
        long size = c.arg(3);
        long ts = c.arg(4);
        c.stash[3] = 0;
        if (ts == 0) {
            return FUTEX_WAIT;
        }
        NativeBuffer b = c.buffer();
        int n = size <= TIMESPEC ? TIMESPEC : UMTX_TIME;
        b.zero(0, UMTX_TIME);
        if (!c.copyIn(ts, 0, n)) {
            return -1;
        }
        long sec = b.getLong(0);
        long nsec = b.getLong(8);
        if (sec < 0 || nsec < 0 || nsec >= 1_000_000_000L) {
            c.emulateError(Errno.FREEBSD_EINVAL);
            return -1;
        }
        if (n == UMTX_TIME && (b.getInt(16) & UMTX_ABSTIME) != 0) {
            long clock = Abi.CLOCK_IDS.toLinux(b.getInt(20));
            c.stash[3] = FUTEX_BITSET_MATCH_ANY;
            return FUTEX_WAIT_BITSET | (clock == LINUX_CLOCK_REALTIME ? FUTEX_CLOCK_REALTIME : 0);
        }
        return FUTEX_WAIT;
    }

    @Override
    public void exit(Call c) {
        int op = (int) c.stash[0];
        c.returnValue(0);
        if (op == WAKE && c.step() == 0) {
            c.then(FUTEX, c.arg(0), FUTEX_WAKE | FUTEX_PRIVATE_FLAG, c.arg(2) & 0x7fffffffL, 0, 0, 0);
        } else if (op == NWAKE_PRIVATE) {
            int i = (int) c.stash[1];
            if (i < c.arg(2)) {
                c.stash[1] = i + 1;
                if (!c.copyIn(c.arg(0) + 8L * i, 0, 8)) {
                    return;
                }
                c.then(FUTEX, c.buffer().getLong(0), FUTEX_WAKE | FUTEX_PRIVATE_FLAG, Integer.MAX_VALUE, 0, 0, 0);
            }
        } else if ((op == MUTEX_WAIT || op == SEM2_WAIT) && c.step() == 0) {
            // The bit is set: sleep while the word still holds what was seen, with it.
            c.then(FUTEX, c.arg(0), c.stash[4] | c.stash[2], c.stash[1], op == SEM2_WAIT ? c.arg(4) : 0, 0, c.stash[3]);
        }
    }

    @Override
    public void exitFailed(Call c) {
        long e = -c.linuxResult();
        // EAGAIN: the word changed before the sleep, which FreeBSD reports as success.
        if (e == 11) {
            c.returnValue(0);
            return;
        }
        c.returnLinuxError();
    }
}
