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
 *   +0xa000  the kinds' jump tables and code (StubKinds)
 *   +0xe000  the watched-descriptor bitmap, one bit per fd below {@link #FD_MAP_FDS} (WatchedFds)
 *   +0x10000 fast stubs, {@link #STUB_SIZE} bytes per call site (below), up to {@link #FAST_HI}
 *   +0x200000 the published kqueue (KqueueMirror), read by the kevent stubs (KeventStub)
 * </pre>
 * The seccomp filter (xrun-launch -Z) lets a syscall through only when it comes from the fast
 * stubs' range ({@link #FAST_LO}..{@link #FAST_HI}); every other syscall, the slow stubs' too,
 * stops at the supervisor. seccomp_data.instruction_pointer is the address after the syscall
 * instruction (Linux kernel/seccomp.c populate_seccomp_data: KSTK_EIP).
 *
 * <p>A fast stub, one per call site (ret is the instruction after the site's syscall; the full
 * listing, checked byte for byte against GNU as, is in StubCodeTest):
 * <pre>
 *   00 jmp 0x10                       restart point: the prefix reloads what it loads
 *   02 jmp *ret(%rip)                 back to the site (EINTR continuation = restart + 2)
 *   10 prefix, nop-padded             the instructions a rewritten site gave up (mov $nr,%eax ...)
 *   1a cmp $NUMBERS,%rax; jae slow    look the FreeBSD number up in the fast table:
 *      lea fasttab(%rip),%rcx; movslq (%rcx,%rax,4),%rcx; test %rcx,%rcx; js slow
 *   3a cmp $0xffff,%ecx; ja kinds     an entry above 0xffff carries a kind (StubKinds)
 *   46 mov %rcx,%rax; syscall         the Linux call, the only syscalls the filter allows
 *   4b cmp $-4095,%rax; jae 1f; clc; jmp 0x02           FreeBSD's convention: CF clear,
 *   56 1: neg %rax; lea errtab(%rip),%rcx; movzbl (%rcx,%rax,1),%eax; stc; jmp 0x02   or errno, CF set
 *   67 kinds: save rax, rcx and the six argument registers at -0x88..-0xc0(%rsp);
 *      lea after(%rip),%r11; shr $16,%ecx; jmp *KIND_TABLE(,%rcx,8)     the kind's code before
 *   b8 after: syscall                                                   the call, back through r11
 *   ba mov -0x90(%rsp),%rcx; shr $16,%ecx; lea back(%rip),%r11; jmp *POST_TABLE(,%rcx,8)
 *   d3 back: restore the six argument registers; jmp 0x4b               the kind's code after it
 *  108 slowpath: mov -0x88(%rsp),%rax; jmp slow                         a kind's way to the supervisor
 * </pre>
 * rcx and r11 are free: the syscall instruction clobbers them on both systems (FreeBSD
 * sys/amd64/amd64/exception.S fast_syscall returns with sysretq). The stack is touched only
 * below the red zone ({@link #STACK_SCRATCH}), so a leaf function's red zone survives.
 */
public final class StubCode {
    /** Below 2 GiB, so a site in a non-PIE program (FreeBSD links them at 0x200000) reaches it with a rel32 jmp. */
    public static final long BASE = 0x6000_0000L;
    public static final int SIZE = 0x40_0000;
    public static final int NUMBERS = 1024;
    public static final long FAST_TABLE = BASE;
    public static final long ERRNO_TABLE = BASE + 0x1000;
    public static final int ERRNO_ENTRIES = 4096;
    public static final long SLOW = BASE + 0x2000;
    public static final int SLOW_SIZE = 8;
    /**
     * The kinds' jump tables (8 bytes per kind, StubKinds): the code each kind runs before its
     * Linux call, then the code it runs after; the kinds' code follows them.
     */
    public static final long KIND_TABLE = BASE + 0xa000;
    public static final int KINDS = 32;
    public static final long POST_TABLE = KIND_TABLE + 8 * KINDS;
    public static final long KIND_CODE = POST_TABLE + 8 * KINDS;
    /** Bit fd set: the supervisor keeps state about descriptor fd (core.WatchedFds). */
    public static final long FD_MAP = BASE + 0xe000;
    public static final int FD_MAP_FDS = 0x2000 * 8;
    public static final long FAST_LO = BASE + 0x10000;
    public static final long FAST_HI = BASE + 0x20_0000;
    /** The published kqueue (KqueueMirror): its descriptor + 1, then 32 bytes per descriptor below KQ_FDS. */
    public static final long KQ_MIRROR = FAST_HI;
    public static final long KQ_ENTRIES = KQ_MIRROR + 0x1000;
    public static final int KQ_FDS = 0x8000;
    public static final int STUB_SIZE = 0x400;
    public static final int MAX_SITES = (int) ((FAST_HI - FAST_LO) / STUB_SIZE);
    /**
     * Bytes below the red zone a stub may use for what must survive its syscall
     * (SpecialRow.SAVE): signal frames for a thread in the region start below them.
     */
    public static final long STACK_SCRATCH = 0x140;

    /** Whether rip is in the stub region (its stubs' code). */
    public static boolean holds(long rip) {
        return rip >= BASE && rip < BASE + SIZE;
    }

    /** Offsets in a fast stub. */
    public static final int RESTART = 0x00, RETURN = 0x02, PREFIX = 0x10, PREFIX_MAX = 10,
            SYSCALL = 0x49, AFTER_SYSCALL = 0x4b, CONVENTION = 0x4b, KIND_SYSCALL = 0xb8, AFTER_KIND = 0xba,
            BACK = 0xd3, SLOWPATH = 0x108;
    /**
     * Where a fast stub keeps, below the red zone, what its kind path must restore after the
     * syscall: the FreeBSD number at -0x88(%rsp), the table entry at -0x90, then rdi, rsi, rdx,
     * r10, r8, r9 down to -0xc0 (StubKinds, StubRouter#interrupted).
     */
    public static final int SAVE_NUMBER = -0x88, SAVE_ENTRY = -0x90, SAVE_ARGS = -0x98;

    /**
     * The syscall argument registers rdi, rsi, rdx, r10, r8, r9 as ModRM reg fields (low 3
     * bits) and the REX.R bit they need.
     */
    static final int[] ARG_REG = {7, 6, 2, 2, 0, 1};
    static final int[] ARG_REX = {0x48, 0x48, 0x48, 0x4c, 0x4c, 0x4c};

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
        c.bytes(0x81, 0xf9).int32(0xffff);                     // cmp $0xffff,%ecx
        int ja = c.pos;
        c.bytes(0x0f, 0x87).int32(0);                           // ja kinds (patched below)
        c.bytes(0x48, 0x89, 0xc8);                              // mov %rcx,%rax
        check(c.pos == SYSCALL);
        c.bytes(0x0f, 0x05);
        check(c.pos == CONVENTION);
        convention(c, at);
        c.patch32(ja + 2, c.pos - (ja + 6));
        // kinds: keep the number, the entry and the six argument registers below the red zone
        c.bytes(0x48, 0x89, 0x84, 0x24).int32(SAVE_NUMBER);    // mov %rax,-0x88(%rsp)
        c.bytes(0x48, 0x89, 0x8c, 0x24).int32(SAVE_ENTRY);     // mov %rcx,-0x90(%rsp)
        for (int i = 0; i < 6; i++) {
            c.bytes(ARG_REX[i], 0x89, 0x84 | ARG_REG[i] << 3, 0x24).int32(SAVE_ARGS - 8 * i);
        }
        int lea = c.pos;
        c.bytes(0x4c, 0x8d, 0x1d).int32(0);                     // lea after(%rip),%r11 (patched below)
        c.bytes(0xc1, 0xe9, 0x10);                              // shr $16,%ecx: the kind
        c.bytes(0xff, 0x24, 0xcd).int32((int) KIND_TABLE);      // jmp *KIND_TABLE(,%rcx,8)
        c.patch32(lea + 3, c.pos - (lea + 7));
        check(c.pos == KIND_SYSCALL);
        c.bytes(0x0f, 0x05);                                    // after: the kind's Linux call
        check(c.pos == AFTER_KIND);
        c.bytes(0x48, 0x8b, 0x8c, 0x24).int32(SAVE_ENTRY);     // mov -0x90(%rsp),%rcx
        c.bytes(0xc1, 0xe9, 0x10);                              // shr $16,%ecx: the kind
        c.bytes(0x4c, 0x8d, 0x1d).int32(7);                     // lea back(%rip),%r11
        c.bytes(0xff, 0x24, 0xcd).int32((int) POST_TABLE);      // jmp *POST_TABLE(,%rcx,8)
        check(c.pos == BACK);
        for (int i = 0; i < 6; i++) {                           // back:
            c.bytes(ARG_REX[i], 0x8b, 0x84 | ARG_REG[i] << 3, 0x24).int32(SAVE_ARGS - 8 * i);
        }
        int back = CONVENTION - (c.pos + 5);
        c.bytes(0xe9).int32(back);                              // jmp conv
        check(c.pos == SLOWPATH);
        c.bytes(0x48, 0x8b, 0x84, 0x24).int32(SAVE_NUMBER);    // slowpath: mov -0x88(%rsp),%rax
        c.bytes(0xe9).rel32(at, slow);                          // jmp slow
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

        void patch32(int at, int v) {
            for (int i = 0; i < 4; i++) {
                out[at + i] = (byte) (v >>> (8 * i));
            }
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
