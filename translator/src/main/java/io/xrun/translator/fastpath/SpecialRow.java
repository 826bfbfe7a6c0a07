package io.xrun.translator.fastpath;

import io.xrun.maps.ConstantTable;
import io.xrun.maps.LinuxSyscalls;
import io.xrun.maps.SyscallTable;

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
 * <li>UMTX_WAKE_PRIVATE: as UmtxOpHandler for UMTX_OP_WAKE_PRIVATE: futex(obj,
 *     FUTEX_WAKE_PRIVATE, count) and 0 on success. Only counts below 2^31 (the handler masks
 *     them to 31 bits; larger ones go to it). The op register is translated for the call and
 *     restored after it: FreeBSD preserves argument registers.</li>
 * </ul>
 */
public enum SpecialRow {
    NANOSLEEP("nanosleep") {
        @Override
        void emit(StubCode.Code c, long at, long slow) {
            c.bytes(0xb8).int32(LINUX_NANOSLEEP);
            c.bytes(0x0f, 0x05);
            c.check(c.pos == afterSyscall());
            c.bytes(0x48, 0x83, 0xf8, -LINUX_EINVAL & 0xff);   // cmp $-EINVAL,%rax
            int je = c.pos;
            c.bytes(0x74, 0);                                    // je retry (patched below)
            StubCode.convention(c, at);
            c.patch8(je + 1, c.pos - (je + 2));
            c.bytes(0xb8).int32(freebsdNumber());               // retry: the FreeBSD call again,
            c.bytes(0xe9).rel32(at, slow);                      // through the supervisor
        }

        @Override
        int afterSyscall() {
            return 0x21;
        }
    },
    UMTX_WAKE_PRIVATE("_umtx_op") {
        @Override
        void emit(StubCode.Code c, long at, long slow) {
            c.bytes(0x83, 0xfe, UMTX_WAKE_PRIVATE_FREEBSD);     // cmp $UMTX_OP_WAKE_PRIVATE,%esi
            c.bytes(0x0f, 0x85).rel32(at, slow);               // jne slow (rax still the FreeBSD number)
            c.bytes(0x48, 0x89, 0xd1);                          // mov %rdx,%rcx
            c.bytes(0x48, 0xc1, 0xe9, 0x1f);                    // shr $31,%rcx
            c.bytes(0x0f, 0x85).rel32(at, slow);               // jnz slow: a count of 2^31 or more
            c.bytes(0xbe).int32(UMTX_WAKE_PRIVATE_LINUX);       // mov $FUTEX_WAKE_PRIVATE,%esi
            c.bytes(0xb8).int32(LINUX_FUTEX);
            c.bytes(0x0f, 0x05);
            c.check(c.pos == afterSyscall());
            c.bytes(0xbe).int32(UMTX_WAKE_PRIVATE_FREEBSD);     // the op register as the guest had it
            c.bytes(0x48, 0x85, 0xc0);                          // test %rax,%rax
            c.bytes(0x78, 0x04);                                // js errno
            c.bytes(0x31, 0xc0);                                // xor %eax,%eax: 0, CF clear
            c.bytes(0xeb, StubCode.RETURN - (c.pos + 2));
            StubCode.errno(c, at);
        }

        @Override
        int afterSyscall() {
            return 0x3c;
        }
    };

    /** Linux numbers (asm/unistd_64.h via linux-x86_64-syscalls.tsv) and EINVAL (errno-base.h). */
    private static final int LINUX_NANOSLEEP = (int) LinuxSyscalls.require("nanosleep");
    private static final int LINUX_FUTEX = (int) LinuxSyscalls.require("futex");
    private static final int LINUX_EINVAL = 22;
    /** umtx-ops.tsv: UMTX_OP_WAKE_PRIVATE on FreeBSD (sys/sys/umtx.h) and the Linux futex op it is. */
    private static final ConstantTable UMTX_OPS = ConstantTable.load("umtx-ops.tsv");
    private static final int UMTX_WAKE_PRIVATE_FREEBSD = (int) UMTX_OPS.freebsd("UMTX_OP_WAKE_PRIVATE");
    private static final int UMTX_WAKE_PRIVATE_LINUX = (int) UMTX_OPS.linux("UMTX_OP_WAKE_PRIVATE");
    private static final SyscallTable TABLE = SyscallTable.freebsdAmd64();

    private final String row;

    SpecialRow(String row) {
        this.row = row;
    }

    public int freebsdNumber() {
        return TABLE.byName(row).number();
    }

    /** The code after the stub's prefix. */
    abstract void emit(StubCode.Code c, long at, long slow);

    /** The offset, in the stub, just after its syscall instruction. */
    abstract int afterSyscall();

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
