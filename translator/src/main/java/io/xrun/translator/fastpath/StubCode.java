package io.xrun.translator.fastpath;

/**
 * The machine code of the stub region, an area xrun maps into every FreeBSD process at a fixed
 * address so that plain syscalls (a renumbering and FreeBSD's errno/carry convention, see
 * {@code TableDrivenHandler#plainLinuxNumber}) run without stopping at the supervisor.
 *
 * <p>Layout, from {@link #BASE}:
 * <pre>
 *   +0x0000  fast table: int32 per FreeBSD number below {@link #NUMBERS}, the Linux number or -1
 *   +0x1000  errno table: one byte per Linux errno 0..4095, the FreeBSD errno (sys/sys/errno.h)
 *   +0x2000  slow stubs, {@link #SLOW_SIZE} bytes per call site: "syscall; jmp stub+2"
 *   +0x10000 fast stubs, {@link #STUB_SIZE} bytes per call site (below)
 * </pre>
 * The seccomp filter (xrun-launch -Z) lets a syscall through only when it comes from the fast
 * stubs' range ({@link #FAST_LO}..{@link #FAST_HI}); every other syscall, the slow stubs' too,
 * stops at the supervisor. seccomp_data.instruction_pointer is the address after the syscall
 * instruction (Linux kernel/seccomp.c populate_seccomp_data: KSTK_EIP).
 *
 * <p>A fast stub, one per call site (the instruction after the site's syscall is {@code ret}):
 * <pre>
 *   00 eb 0e               jmp 0x10          restart point: the prefix reloads the number
 *   02 ff 25 00 00 00 00   jmp *0x08(%rip)   back to ret (EINTR continuation = restart + 2)
 *   08 ret                 8-byte address
 *   10 prefix, nop-padded  the instructions a patched site gave up (mov $nr,%eax ...)
 *   1a 48 3d NUMBERS       cmp $NUMBERS,%rax
 *   20 0f 83 rel32         jae slow
 *   26 48 8d 0d rel32      lea fasttab(%rip),%rcx
 *   2d 48 63 0c 81         movslq (%rcx,%rax,4),%rcx
 *   31 48 85 c9            test %rcx,%rcx
 *   34 0f 88 rel32         js slow
 *   3a 48 89 c8            mov %rcx,%rax
 *   3d 0f 05               syscall           the only syscall the filter allows
 *   3f 48 3d 01 f0 ff ff   cmp $-4095,%rax   Linux: -4095..-1 is -errno
 *   45 73 03               jae 0x4a
 *   47 f8                  clc               FreeBSD: success clears CF
 *   48 eb b8               jmp 0x02
 *   4a 48 f7 d8            neg %rax
 *   4d 48 8d 0d rel32      lea errtab(%rip),%rcx
 *   54 0f b6 04 01         movzbl (%rcx,%rax,1),%eax
 *   58 f9                  stc               FreeBSD: an error sets CF, rax = errno
 *   59 eb a7               jmp 0x02
 * </pre>
 * rcx and r11 are free: the syscall instruction clobbers them on both systems (FreeBSD
 * sys/amd64/amd64/exception.S fast_syscall returns with sysretq). No stack is touched, so a
 * leaf function's red zone survives.
 */
public final class StubCode {
    /** Below 2 GiB, so a site in a non-PIE program (FreeBSD links them at 0x200000) reaches it with a rel32 jmp. */
    public static final long BASE = 0x6000_0000L;
    public static final int SIZE = 0x10_0000;
    public static final int NUMBERS = 1024;
    public static final long FAST_TABLE = BASE;
    public static final long ERRNO_TABLE = BASE + 0x1000;
    public static final int ERRNO_ENTRIES = 4096;
    public static final long SLOW = BASE + 0x2000;
    public static final int SLOW_SIZE = 8;
    public static final long FAST_LO = BASE + 0x10000;
    public static final long FAST_HI = BASE + SIZE;
    public static final int STUB_SIZE = 0xc0;
    public static final int MAX_SITES = 4096;
    /**
     * Bytes below the red zone a stub may use for what must survive its syscall
     * (SpecialRow.SAVE): signal frames for a thread in the region start below them.
     */
    public static final long STACK_SCRATCH = 64;

    /** Whether rip is in the stub region (its stubs' code). */
    public static boolean holds(long rip) {
        return rip >= BASE && rip < BASE + SIZE;
    }

    /** Offsets in a fast stub. */
    public static final int RESTART = 0x00, RETURN = 0x02, RET_ADDR = 0x08, PREFIX = 0x10, PREFIX_MAX = 10,
            SYSCALL = 0x3d, AFTER_SYSCALL = 0x3f;

    private StubCode() {
    }

    public static long stub(int site) {
        return FAST_LO + (long) site * STUB_SIZE;
    }

    public static long slow(int site) {
        return SLOW + (long) site * SLOW_SIZE;
    }

    /** The site whose fast stub holds rip, or -1. */
    public static int siteOfFast(long rip) {
        if (rip < FAST_LO || rip >= FAST_LO + (long) MAX_SITES * STUB_SIZE) {
            return -1;
        }
        return (int) ((rip - FAST_LO) / STUB_SIZE);
    }

    /** The fast stub of a site: see the class comment. */
    public static byte[] fastStub(int site, long ret, byte[] prefix) {
        long at = stub(site);
        long slow = slow(site);
        Code c = frame(ret, prefix);
        c.bytes(0x48, 0x3d).int32(NUMBERS);
        c.bytes(0x0f, 0x83).rel32(at, slow);
        c.bytes(0x48, 0x8d, 0x0d).rel32(at, FAST_TABLE);
        c.bytes(0x48, 0x63, 0x0c, 0x81);
        c.bytes(0x48, 0x85, 0xc9);
        c.bytes(0x0f, 0x88).rel32(at, slow);
        c.bytes(0x48, 0x89, 0xc8);
        check(c.pos == SYSCALL);
        c.bytes(0x0f, 0x05);
        c.bytes(0x48, 0x3d).int32(-4095);
        c.bytes(0x73, 0x03);
        c.bytes(0xf8);
        c.bytes(0xeb, RETURN - (c.pos + 2));
        c.bytes(0x48, 0xf7, 0xd8);
        c.bytes(0x48, 0x8d, 0x0d).rel32(at, ERRNO_TABLE);
        c.bytes(0x0f, 0xb6, 0x04, 0x01);
        c.bytes(0xf9);
        c.bytes(0xeb, RETURN - (c.pos + 2));
        return c.padded();
    }

    /**
     * The fast stub of a rewritten site whose FreeBSD number is fixed and whose row is one of
     * the {@link SpecialRow}s: the same frame (restart point, return jump, ret, prefix) as
     * {@link #fastStub}, then the row's own code instead of the table lookup.
     */
    public static byte[] specialStub(int site, long ret, byte[] prefix, SpecialRow kind) {
        Code c = frame(ret, prefix);
        kind.emit(c, stub(site), slow(site));
        return c.padded();
    }

    /** Every stub's first 0x1a bytes: restart point, return jump, ret, the prefix padded with nops. */
    private static Code frame(long ret, byte[] prefix) {
        if (prefix.length > PREFIX_MAX) {
            throw new IllegalArgumentException("prefix of " + prefix.length + " bytes");
        }
        Code c = new Code(STUB_SIZE);
        c.bytes(0xeb, PREFIX - 2);
        c.bytes(0xff, 0x25).int32(0);
        c.int64(ret);
        c.bytes(prefix);
        while (c.pos < PREFIX + PREFIX_MAX) {
            c.bytes(0x90);
        }
        return c;
    }

    /**
     * FreeBSD's return convention for a Linux result in rax, then back to the site: success
     * clears CF, -errno becomes the FreeBSD errno with CF set (the tail of {@link #fastStub}).
     */
    static void convention(Code c, long at) {
        c.bytes(0x48, 0x3d).int32(-4095);
        c.bytes(0x73, 0x03);
        c.bytes(0xf8);
        c.jmpBack();
        errno(c, at);
    }

    /** -errno in rax to the FreeBSD errno with CF set, then back to the site. */
    static void errno(Code c, long at) {
        c.bytes(0x48, 0xf7, 0xd8);
        c.bytes(0x48, 0x8d, 0x0d).rel32(at, ERRNO_TABLE);
        c.bytes(0x0f, 0xb6, 0x04, 0x01);
        c.bytes(0xf9);
        c.jmpBack();
    }

    /** A site's slow stub: a syscall the filter traces, then back through the fast stub's return jump. */
    public static byte[] slowStub(int site) {
        long at = slow(site);
        Code c = new Code(SLOW_SIZE);
        c.bytes(0x0f, 0x05);
        c.bytes(0xe9).rel32(at, stub(site) + RETURN);
        c.bytes(0xcc);
        return c.out;
    }

    /** The 5-byte jmp that replaces a patched site's mov: to the fast stub's prefix. */
    public static byte[] siteJump(long movAddress, int site) {
        Code c = new Code(5);
        c.bytes(0xe9).rel32(movAddress, stub(site) + PREFIX);
        return c.out;
    }

    /** Whether a rel32 jmp at addr reaches the stub region. */
    public static boolean reachable(long addr) {
        long far = Math.max(Math.abs(FAST_HI - addr), Math.abs(addr - BASE));
        return far < Integer.MAX_VALUE - 16;
    }

    private static void check(boolean ok) {
        if (!ok) {
            throw new IllegalStateException("stub layout");
        }
    }

    /** A little-endian byte writer whose rel32 operands are relative to a base address. */
    static final class Code {
        final byte[] out;
        int pos;

        Code(int size) {
            out = new byte[size];
        }

        Code bytes(int... bs) {
            for (int b : bs) {
                out[pos++] = (byte) b;
            }
            return this;
        }

        Code bytes(byte[] bs) {
            System.arraycopy(bs, 0, out, pos, bs.length);
            pos += bs.length;
            return this;
        }

        Code int32(int v) {
            for (int i = 0; i < 4; i++) {
                out[pos++] = (byte) (v >>> (8 * i));
            }
            return this;
        }

        Code int64(long v) {
            for (int i = 0; i < 8; i++) {
                out[pos++] = (byte) (v >>> (8 * i));
            }
            return this;
        }

        /** The bytes, the rest filled with int3 (a stray jump into padding traps). */
        byte[] padded() {
            while (pos < out.length) {
                bytes(0xcc);
            }
            return out;
        }

        void patch8(int at, int v) {
            if (v < -128 || v > 127) {
                throw new IllegalArgumentException("rel8 out of range");
            }
            out[at] = (byte) v;
        }

        /** jmp to the stub's return jump: short when it reaches, else near (as GNU as relaxes it). */
        void jmpBack() {
            int rel8 = RETURN - (pos + 2);
            if (rel8 >= -128) {
                bytes(0xeb, rel8);
            } else {
                int rel32 = RETURN - (pos + 5);
                bytes(0xe9).int32(rel32);
            }
        }

        void check(boolean ok) {
            StubCode.check(ok);
        }

        /** The displacement from the end of this 4-byte operand (at base + pos + 4) to target. */
        Code rel32(long base, long target) {
            long d = target - (base + pos + 4);
            if (d != (int) d) {
                throw new IllegalArgumentException("rel32 out of range");
            }
            return int32((int) d);
        }
    }
}
