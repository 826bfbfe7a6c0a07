package io.xrun.translator.fastpath;

import io.xrun.maps.ConstantTable;
import io.xrun.maps.LinuxSyscalls;
import io.xrun.maps.SyscallTable;
import io.xrun.translator.core.GuestMemory;
import io.xrun.translator.core.RegisterFile;
import io.xrun.translator.nativeapi.NativeBuffer;

/**
 * Rows that are not plain but whose common case a stub can still finish alone, at a rewritten
 * site whose FreeBSD number is fixed (mov $nr,%eax before the syscall: Go's runtime makes its
 * sleeps and wakes from such sites, FreeBSD libc from its stubs). Each does exactly what the
 * supervisor's handler does for that case and leaves every other case to it (the slow stub).
 *
 * <ul>
 * <li>NANOSLEEP: as TimeHandlers.Nanosleep. Linux nanosleep takes the same timespecs; the one
 *     difference is a negative tv_sec, which FreeBSD answers with 0 at once and Linux with
 *     EINVAL. So an EINVAL (which Linux returns before sleeping, without side effects) goes to
 *     the supervisor, which answers both EINVAL cases FreeBSD's way.</li>
 * <li>UMTX_PRIVATE: as UmtxOpHandler for UMTX_OP_WAKE_PRIVATE, futex(obj, FUTEX_WAKE_PRIVATE,
 *     count) and 0 on success, for counts below 2^31 (the handler masks larger ones to 31
 *     bits); and for UMTX_OP_WAIT_UINT_PRIVATE without a timeout (uaddr2 NULL), futex(obj,
 *     FUTEX_WAIT_PRIVATE, val, NULL), with EAGAIN (the word had changed) as 0. Other ops and
 *     waits with a timeout go to the handler. The registers the call needs different (the op,
 *     and r10, which Linux reads as the timeout) are put back after it: FreeBSD preserves
 *     argument registers.</li>
 * </ul>
 */
public enum SpecialRow {
    NANOSLEEP("nanosleep") {
        @Override
        void emit(StubCode.Code c, long at, long slow) {
            c.bytes(0xb8).int32(LINUX_NANOSLEEP);
            c.bytes(0x0f, 0x05);
            c.check(c.pos == 0x21);
            c.bytes(0x48, 0x83, 0xf8, -LINUX_EINVAL & 0xff);   // cmp $-EINVAL,%rax
            int je = c.pos;
            c.bytes(0x74, 0);                                    // je retry (patched below)
            StubCode.convention(c, at);
            c.patch8(je + 1, c.pos - (je + 2));
            c.bytes(0xb8).int32(freebsdNumber());               // retry: the FreeBSD call again,
            c.bytes(0xe9).rel32(at, slow);                      // through the supervisor
        }

        @Override
        boolean restore(int offset, RegisterFile regs, GuestMemory mem, NativeBuffer buf) {
            return offset == 0x21; // nothing was changed before the syscall
        }
    },
    UMTX_PRIVATE("_umtx_op") {
        @Override
        void emit(StubCode.Code c, long at, long slow) {
            c.bytes(0x83, 0xfe, UMTX_WAKE_FREEBSD);             // cmp $UMTX_OP_WAKE_PRIVATE,%esi
            int toWake = c.pos;
            c.bytes(0x74, 0);                                    // je wake
            c.bytes(0x83, 0xfe, UMTX_WAIT_FREEBSD);             // cmp $UMTX_OP_WAIT_UINT_PRIVATE,%esi
            c.bytes(0x0f, 0x85).rel32(at, slow);               // jne slow (rax still the FreeBSD number)
            c.bytes(0x4d, 0x85, 0xc0);                          // test %r8,%r8
            c.bytes(0x0f, 0x85).rel32(at, slow);               // jnz slow: a timeout is the handler's
            c.bytes(0x4c, 0x89, 0x94, 0x24).int32(SAVE);        // mov %r10,SAVE(%rsp): uaddr1, kept
            c.bytes(0x45, 0x31, 0xd2);                          // xor %r10d,%r10d: no timeout
            c.bytes(0xbe).int32(UMTX_WAIT_LINUX);               // mov $FUTEX_WAIT_PRIVATE,%esi
            c.bytes(0xb8).int32(LINUX_FUTEX);
            c.bytes(0x0f, 0x05);
            c.check(c.pos == AFTER_WAIT);
            c.bytes(0x4c, 0x8b, 0x94, 0x24).int32(SAVE);        // mov SAVE(%rsp),%r10
            c.bytes(0xbe).int32(UMTX_WAIT_FREEBSD);
            c.bytes(0x48, 0x83, 0xf8, -LINUX_EAGAIN & 0xff);   // cmp $-EAGAIN,%rax: the word had changed,
            int toZero = c.pos;                                  // which FreeBSD reports as success
            c.bytes(0x74, 0);
            c.bytes(0x48, 0x85, 0xc0);                          // test %rax,%rax
            int toErrno = c.pos;
            c.bytes(0x78, 0);                                    // js errno
            c.patch8(toZero + 1, c.pos - (toZero + 2));
            c.bytes(0x31, 0xc0);                                // xor %eax,%eax: 0, CF clear
            c.jmpBack();
            c.patch8(toWake + 1, c.pos - (toWake + 2));
            c.bytes(0x48, 0x89, 0xd1);                          // wake: mov %rdx,%rcx
            c.bytes(0x48, 0xc1, 0xe9, 0x1f);                    // shr $31,%rcx
            c.bytes(0x0f, 0x85).rel32(at, slow);               // jnz slow: a count of 2^31 or more
            c.bytes(0xbe).int32(UMTX_WAKE_LINUX);               // mov $FUTEX_WAKE_PRIVATE,%esi
            c.bytes(0xb8).int32(LINUX_FUTEX);
            c.bytes(0x0f, 0x05);
            c.check(c.pos == AFTER_WAKE);
            c.bytes(0xbe).int32(UMTX_WAKE_FREEBSD);             // the op register as the guest had it
            c.bytes(0x48, 0x85, 0xc0);                          // test %rax,%rax
            int toErrno2 = c.pos;
            c.bytes(0x78, 0);                                    // js errno
            c.bytes(0x31, 0xc0);
            c.jmpBack();
            c.patch8(toErrno + 1, c.pos - (toErrno + 2));
            c.patch8(toErrno2 + 1, c.pos - (toErrno2 + 2));
            StubCode.errno(c, at);
        }

        @Override
        boolean restore(int offset, RegisterFile regs, GuestMemory mem, NativeBuffer buf) {
            if (offset == AFTER_WAKE) {
                regs.setArg(1, UMTX_WAKE_FREEBSD);
                return true;
            }
            if (offset == AFTER_WAIT && mem.read(regs.rsp() + SAVE, buf, 0, 8) == 8) {
                regs.setArg(1, UMTX_WAIT_FREEBSD);
                regs.setArg(3, buf.getLong(0));
                return true;
            }
            return false;
        }
    },

    /** kevent(2) waits without changes, with the 64-byte struct kevent: {@link KeventStub}. */
    KEVENT("kevent", 64),
    /** The same for freebsd11_kevent, the 32-byte struct Go's runtime uses. */
    KEVENT11("freebsd11_kevent", 32);

    /**
     * Where UMTX_PRIVATE keeps uaddr1 (r10) while its wait runs with no timeout: below the
     * 128-byte red zone, which may hold the interrupted code's data. Signal frames that
     * SignalDelivery builds for a thread in the stub region start below it
     * ({@link StubCode#STACK_SCRATCH}).
     */
    static final int SAVE = -0x88;
    static final int AFTER_WAIT = 0x48, AFTER_WAKE = 0x7d;

    /** Linux numbers (asm/unistd_64.h via linux-x86_64-syscalls.tsv) and EINVAL (errno-base.h). */
    private static final int LINUX_NANOSLEEP = (int) LinuxSyscalls.require("nanosleep");
    private static final int LINUX_FUTEX = (int) LinuxSyscalls.require("futex");
    private static final int LINUX_EINVAL = 22, LINUX_EAGAIN = 11;
    /** umtx-ops.tsv: UMTX_OP_WAKE_PRIVATE on FreeBSD (sys/sys/umtx.h) and the Linux futex op it is. */
    private static final ConstantTable UMTX_OPS = ConstantTable.load("umtx-ops.tsv");
    private static final int UMTX_WAKE_FREEBSD = (int) UMTX_OPS.freebsd("UMTX_OP_WAKE_PRIVATE");
    private static final int UMTX_WAKE_LINUX = (int) UMTX_OPS.linux("UMTX_OP_WAKE_PRIVATE");
    private static final int UMTX_WAIT_FREEBSD = (int) UMTX_OPS.freebsd("UMTX_OP_WAIT_UINT_PRIVATE");
    private static final int UMTX_WAIT_LINUX = (int) UMTX_OPS.linux("UMTX_OP_WAIT_UINT_PRIVATE");
    private static final SyscallTable TABLE = SyscallTable.freebsdAmd64();

    private final String row;
    /** For the kevent rows: the size of their struct kevent; 0 for the others. */
    private final int keventSize;

    SpecialRow(String row) {
        this(row, 0);
    }

    SpecialRow(String row, int keventSize) {
        this.row = row;
        this.keventSize = keventSize;
    }

    public int freebsdNumber() {
        return TABLE.byName(row).number();
    }

    /** The code after the stub's prefix (the kevent rows': KeventStub's). */
    void emit(StubCode.Code c, long at, long slow) {
        KeventStub.emit(c, at, slow, freebsdNumber(), keventSize);
    }

    /**
     * A signal stopped the thread with rip at this offset of the stub, with a Linux restart
     * code: if it is just after one of the stub's syscalls, put back the argument registers the
     * stub changed for that call (the restart runs the stub again from its first byte, the
     * EINTR continuation returns to the site) and answer true; else false.
     */
    boolean restore(int offset, RegisterFile regs, GuestMemory mem, NativeBuffer buf) {
        return false; // the kevent rows: epoll_pwait2 and FIONREAD never ask for a restart
    }

    /** The special row a fixed FreeBSD number has, or null. */
    public static SpecialRow forNumber(long freebsdNumber) {
        for (SpecialRow r : values()) {
            if (r.freebsdNumber() == freebsdNumber) {
                return r;
            }
        }
        return null;
    }
}
