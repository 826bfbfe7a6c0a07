package io.xrun.translator.fastpath;

import org.junit.jupiter.api.Test;

import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The stub bytes against GNU as (binutils 2.40): the listing of the StubCode class comment,
 * assembled for site 0 (stub at 0x60010000, its slow stub at 0x60002000, the fast table at
 * 0x60000000, the errno table at 0x60001000) with ret 0x201234 and FreeBSD libc's prefix
 * (mov $20,%eax; mov %rcx,%r10), then objcopy -O binary:
 * <pre>
 * stub:   jmp pre
 * back:   jmp *ret(%rip)
 * ret:    .quad 0x201234
 * pre:    mov $20, %eax; mov %rcx, %r10; nop; nop
 *         cmp $1024, %rax; jae.d32 slow
 *         lea fasttab(%rip), %rcx; movslq (%rcx,%rax,4), %rcx; test %rcx, %rcx; js.d32 slow
 *         cmp $0xffff, %ecx; ja.d32 kinds
 *         mov %rcx, %rax; syscall
 * conv:   cmp $-4095, %rax; jae 1f; clc; jmp back
 * 1:      neg %rax; lea errtab(%rip), %rcx; movzbl (%rcx,%rax,1), %eax; stc; jmp back
 * kinds:  mov %rax, -0x88(%rsp); mov %rcx, -0x90(%rsp); mov %rdi, -0x98(%rsp); mov %rsi, -0xa0(%rsp)
 *         mov %rdx, -0xa8(%rsp); mov %r10, -0xb0(%rsp); mov %r8, -0xb8(%rsp); mov %r9, -0xc0(%rsp)
 *         lea after(%rip), %r11; shr $16, %ecx; jmp *0x6000a000(,%rcx,8)
 * after:  syscall
 *         mov -0x98(%rsp), %rdi; mov -0xa0(%rsp), %rsi; mov -0xa8(%rsp), %rdx
 *         mov -0xb0(%rsp), %r10; mov -0xb8(%rsp), %r8; mov -0xc0(%rsp), %r9; jmp conv
 * slow:   syscall; jmp stub+2; int3          (at 0x60002000)
 * </pre>
 * The kinds' code (StubKinds) is checked the same way: the O_* translation of argument 1, as
 * GNU as encodes "xor %ecx,%ecx", then for each row of open-flags.tsv present on both systems
 * with Linux bits "mov %esi,%eax; and $MASK,%eax; cmp $VALUE,%eax; jne 1f; or $LINUX,%ecx; 1:",
 * then "mov %ecx,%esi; mov -0x90(%rsp),%rax; movzwl %ax,%eax; jmp *%r11".
 */
class StubCodeTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final String FAST_SITE0 = "eb0eff25000000003412200000000000b8140000004989ca9090483d000400000f83da1fffff488d0dd3fffeff48630c8148"
            + "85c90f88c61fffff81f9ffff00000f87210000004889c80f05483d01f0ffff7303f8ebac48f7d8488d0da00fffff0fb60401"
            + "f9eb9b4889842478ffffff48898c2470ffffff4889bc2468ffffff4889b42460ffffff4889942458ffffff4c89942450ffff"
            + "ff4c89842448ffffff4c898c2440ffffff4c8d1d0a000000c1e910ff24cd00a000600f05488bbc2468ffffff488bb42460ff"
            + "ffff488b942458ffffff4c8b942450ffffff4c8b842448ffffff4c8b8c2440ffffffe95cffffff";

    @Test
    void fastStubIsWhatTheAssemblerMakes() {
        byte[] prefix = HEX.parseHex("b8140000004989ca");
        byte[] b = StubCode.fastStub(0, 0x201234L, prefix);
        assertEquals(FAST_SITE0, HEX.formatHex(java.util.Arrays.copyOf(b, FAST_SITE0.length() / 2)));
        for (int i = FAST_SITE0.length() / 2; i < b.length; i++) {
            assertEquals(0xcc, b[i] & 0xff, "padding at " + i);
        }
    }

    /**
     * SpecialRow.NANOSLEEP for site 0 after FreeBSD libc's prefix, from GNU as:
     * <pre>
     *         mov $35, %eax; syscall; cmp $-22, %rax; je retry
     *         cmp $-4095, %rax; jae 1f; clc; jmp back
     * 1:      neg %rax; lea errtab(%rip), %rcx; movzbl (%rcx,%rax,1), %eax; stc; jmp back
     * retry:  mov $240, %eax; jmp.d32 slow
     * </pre>
     */
    @Test
    void nanosleepStubIsWhatTheAssemblerMakes() {
        String golden = "eb0eff25000000003412200000000000b8f00000004989ca9090b8230000000f054883f8ea741c483d01f0ffff7303f8"
                + "ebd048f7d8488d0dc40fffff0fb60401f9ebbfb8f0000000e9b31fffff";
        byte[] b = StubCode.specialStub(0, 0x201234L, HEX.parseHex("b8f00000004989ca"), SpecialRow.NANOSLEEP);
        assertEquals(golden, HEX.formatHex(java.util.Arrays.copyOf(b, golden.length() / 2)));
    }

    /**
     * SpecialRow.UMTX_PRIVATE for site 0 after Go's prefix (MOVL $454, AX), from GNU as:
     * <pre>
     *         cmp $16, %esi; je wake; cmp $15, %esi; jne.d32 slow; test %r8, %r8; jnz.d32 slow
     *         mov %r10, -0x88(%rsp); xor %r10d, %r10d; mov $128, %esi; mov $202, %eax; syscall
     *         mov -0x88(%rsp), %r10; mov $15, %esi; cmp $-11, %rax; je zero; test %rax, %rax; js errno
     * zero:   xor %eax, %eax; jmp back
     * wake:   mov %rdx, %rcx; shr $31, %rcx; jnz.d32 slow; mov $129, %esi; mov $202, %eax; syscall
     *         mov $16, %esi; test %rax, %rax; js errno; xor %eax, %eax; jmp back
     * errno:  neg %rax; lea errtab(%rip), %rcx; movzbl (%rcx,%rax,1), %eax; stc; jmp back
     * </pre>
     */
    @Test
    void umtxStubIsWhatTheAssemblerMakes() {
        String golden = "eb0eff25000000003412400000000000b8c6010000909090909083fe10744583fe0f0f85d81fffff4d85c00f85cf1fffff"
                + "4c89942478ffffff4531d2be80000000b8ca0000000f054c8b942478ffffffbe0f0000004883f8f574054885c0782e31c0"
                + "eb9e4889d148c1e91f0f858f1fffffbe81000000b8ca0000000f05be100000004885c0780731c0e974ffffff48f7d8488d"
                + "0d680fffff0fb60401f9e960ffffff";
        byte[] b = StubCode.specialStub(0, 0x401234L, HEX.parseHex("b8c6010000"), SpecialRow.UMTX_PRIVATE);
        assertEquals(golden, HEX.formatHex(java.util.Arrays.copyOf(b, golden.length() / 2)));
        assertEquals(SpecialRow.UMTX_PRIVATE, SpecialRow.forNumber(454));
        assertEquals(SpecialRow.NANOSLEEP, SpecialRow.forNumber(240));
        assertEquals(null, SpecialRow.forNumber(20));
    }

    private static final String OPEN_FLAGS_ARG1 = "31c989f083e00383f801750383c90189f083e00383f802750383c90289f083e00483f804750681c90008000089f083e00483"
            + "f804750681c90008000089f083e00883f808750681c90004000089f083e04083f840750681c90020000089f025800000003d"
            + "80000000750681c90010100089f025800000003d80000000750681c90010100089f025000100003d00010000750681c90000"
            + "020089f025000200003d00020000750383c94089f025000400003d00040000750681c90002000089f025000800003d000800"
            + "00750681c98000000089f025008000003d00800000750681c90001000089f025000001003d00000100750681c90040000089"
            + "f025000002003d00000200750681c90000010089f025000010003d00001000750681c90000080089f025000040003d000040"
            + "00750681c90000200089f025000000013d00000001750681c90010000089ce488b842470ffffff0fb7c041ffe3";

    @Test
    void theOpenFlagsKindIsWhatTheAssemblerMakes() {
        StubCode.Code c = new StubCode.Code(1024);
        StubKinds.openFlags(c, 1);
        assertEquals(OPEN_FLAGS_ARG1, HEX.formatHex(java.util.Arrays.copyOf(c.out, c.pos)));
    }

    @Test
    void theKindTableSendsEachKindToItsCode() {
        byte[] k = StubKinds.code();
        long open1 = java.nio.ByteBuffer.wrap(k).order(java.nio.ByteOrder.LITTLE_ENDIAN)
                .getLong(8 * (StubKinds.OPEN_FLAGS_KIND + 1));
        int at = (int) (open1 - StubCode.KIND_TABLE);
        assertEquals(OPEN_FLAGS_ARG1, HEX.formatHex(java.util.Arrays.copyOfRange(k, at, at + OPEN_FLAGS_ARG1.length() / 2)));
        long unused = java.nio.ByteBuffer.wrap(k).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong(0);
        assertEquals(0xcc, k[(int) (unused - StubCode.KIND_TABLE)] & 0xff, "kind 0 leads to a trap");
    }

    @Test
    void slowStubIsWhatTheAssemblerMakes() {
        assertEquals("0f05e9fbdf0000cc", HEX.formatHex(StubCode.slowStub(0)));
    }

    @Test
    void laterSitesKeepTheirTargetsRelative() {
        // Site 5: same code, every rel32 still lands on the same tables and its own slow stub.
        byte[] b = StubCode.fastStub(5, 0x401000L, new byte[0]);
        long at = StubCode.stub(5);
        assertEquals(StubCode.slow(5), at + 0x26 + rel(b, 0x22));
        assertEquals(StubCode.FAST_TABLE, at + 0x2d + rel(b, 0x29));
        assertEquals(StubCode.slow(5), at + 0x3a + rel(b, 0x36));
        assertEquals(StubCode.ERRNO_TABLE, at + 0x60 + rel(b, 0x5c));
        assertEquals(0x0f, b[StubCode.SYSCALL] & 0xff);
        assertEquals(0x05, b[StubCode.SYSCALL + 1] & 0xff);
        byte[] slow = StubCode.slowStub(5);
        assertEquals(at + StubCode.RETURN, StubCode.slow(5) + 7 + rel(slow, 3));
    }

    @Test
    void siteJumpGoesToThePrefix() {
        byte[] j = StubCode.siteJump(0x201230L, 3);
        assertEquals(0xe9, j[0] & 0xff);
        assertEquals(StubCode.stub(3) + StubCode.PREFIX, 0x201235L + rel(j, 1));
    }

    @Test
    void theFilterRangeHoldsOnlyTheFastStubs() {
        // The slow stubs must be outside the untraced range, the fast stubs' syscalls inside.
        assertTrue(StubCode.slow(StubCode.MAX_SITES - 1) + StubCode.SLOW_SIZE <= StubCode.FAST_LO);
        assertTrue(StubCode.stub(StubCode.MAX_SITES - 1) + StubCode.STUB_SIZE <= StubCode.FAST_HI);
        assertEquals(2, StubCode.siteOfFast(StubCode.stub(2) + StubCode.AFTER_SYSCALL));
        assertEquals(-1, StubCode.siteOfFast(StubCode.slow(2) + 2));
        assertTrue(StubCode.reachable(0x200000L));
        assertFalse(StubCode.reachable(0x7f00_0000_0000L));
    }

    @Test
    void aPrefixLongerThanItsAreaIsRefused() {
        assertThrowsIae(() -> StubCode.fastStub(0, 0, new byte[StubCode.PREFIX_MAX + 1]));
    }

    private static void assertThrowsIae(Runnable r) {
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, r::run);
    }

    private static long rel(byte[] b, int off) {
        return (b[off] & 0xff) | (b[off + 1] & 0xff) << 8 | (b[off + 2] & 0xff) << 16 | (b[off + 3]) << 24;
    }

    @Test
    void assemblerTablePrefixIsUnchanged() {
        assertArrayEquals(HEX.parseHex("eb0e"), java.util.Arrays.copyOf(StubCode.fastStub(1, 0, new byte[0]), 2));
    }
}
