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
 *         mov -0x90(%rsp), %rcx; shr $16, %ecx; lea backk(%rip), %r11; jmp *0x6000a100(,%rcx,8)
 * backk:  mov -0x98(%rsp), %rdi; mov -0xa0(%rsp), %rsi; mov -0xa8(%rsp), %rdx
 *         mov -0xb0(%rsp), %r10; mov -0xb8(%rsp), %r8; mov -0xc0(%rsp), %r9; jmp.d32 conv
 * slowp:  mov -0x88(%rsp), %rax; jmp.d32 slow
 * slow:   syscall; jmp stub+2; int3          (at 0x60002000)
 * </pre>
 * The kinds' code (StubKinds) is checked the same way: the O_* translation of argument 1, as
 * GNU as encodes "xor %ecx,%ecx", then for each row of open-flags.tsv present on both systems
 * with Linux bits "mov %esi,%eax; and $MASK,%eax; cmp $VALUE,%eax; jne 1f; or $LINUX,%ecx; 1:",
 * then "mov %ecx,%esi"; the other kinds' code with the listings at their tests.
 */
class StubCodeTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final String FAST_SITE0 = "eb0eff25000000003412200000000000b8140000004989ca9090483d000400000f83da1fffff488d0dd3fffeff48630c8148"
            + "85c90f88c61fffff81f9ffff00000f87210000004889c80f05483d01f0ffff7303f8ebac48f7d8488d0da00fffff0fb60401"
            + "f9eb9b4889842478ffffff48898c2470ffffff4889bc2468ffffff4889b42460ffffff4889942458ffffff4c89942450ffff"
            + "ff4c89842448ffffff4c898c2440ffffff4c8d1d0a000000c1e910ff24cd00a000600f05488b8c2470ffffffc1e9104c8d1d"
            + "07000000ff24cd00a10060488bbc2468ffffff488bb42460ffffff488b942458ffffff4c8b942450ffffff4c8b842448ffff"
            + "ff4c8b8c2440ffffffe943ffffff488b842478ffffffe9eb1effff";

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
            + "00750681c90000200089f025000000013d00000001750681c90010000089ce";

    @Test
    void theOpenFlagsKindIsWhatTheAssemblerMakes() {
        StubCode.Code c = new StubCode.Code(1024);
        StubKinds.flags(c, io.xrun.translator.handlers.Abi.OPEN_FLAGS, 1);
        assertEquals(OPEN_FLAGS_ARG1, HEX.formatHex(java.util.Arrays.copyOf(c.out, c.pos)));
    }

    /**
     * close once the process has a kqueue: descriptors in the watched bitmap (or past it) go to
     * the supervisor. GNU as:
     * <pre>
     *         cmp $0x10000, %edi; jae.d32 1f; bt %edi, 0x6000e000; jc.d32 1f
     *         mov -0x90(%rsp), %rax; movzwl %ax, %eax; jmp *%r11
     * 1:      add $0x50, %r11; jmp *%r11
     * </pre>
     */
    @Test
    void theWatchedDescriptorCheckIsWhatTheAssemblerMakes() {
        StubCode.Code c = new StubCode.Code(1024);
        StubKinds.before(c, io.xrun.translator.core.StubShape.plain(true));
        assertEquals("81ff000001000f831c0000000fa33c2500e000600f820e000000488b842470ffffff0fb7c041ffe34983c35041ffe3",
                HEX.formatHex(java.util.Arrays.copyOf(c.out, c.pos)));
    }

    /**
     * The AT_* check tests the syscall's own accepted bits: linkat (argument 4, %r8) accepts
     * AT_SYMLINK_FOLLOW | AT_RESOLVE_BENEATH | AT_EMPTY_PATH (kern_linkat), fchownat (also %r8)
     * AT_SYMLINK_NOFOLLOW | AT_RESOLVE_BENEATH | AT_EMPTY_PATH (kern_fchownat), so their kinds
     * differ in the immediate. GNU as: "test $~0x6400, %r8", "test $~0x6200, %r8".
     */
    @Test
    void theAtFlagsCheckTestsTheSyscallsOwnMask() {
        StubKinds kinds = new StubKinds(StubTablesTest.dispatcher());
        byte[] k = kinds.code();
        int linkat = codeAt(k, kinds.kindOf(495), 0);
        int fchownat = codeAt(k, kinds.kindOf(491), 0);
        assertEquals("49f7c0ff9bffff", HEX.formatHex(java.util.Arrays.copyOfRange(k, linkat, linkat + 7)));
        assertEquals("49f7c0ff9dffff", HEX.formatHex(java.util.Arrays.copyOfRange(k, fchownat, fchownat + 7)));
    }

    /**
     * unlinkat's AT_* flags (argument 2): a bit unlinkat does not accept (at-flags.tsv,
     * FreeBSD kern_funlinkat_ex: AT_REMOVEDIR 0x800 | AT_RESOLVE_BENEATH 0x2000) goes to the
     * supervisor (EINVAL), the rest is translated with every row of at-flags.tsv as
     * ArgCodec#atFlags does; then its errno override EISDIR (21) to EPERM (carried as Linux
     * EPERM, 1). GNU as (binutils 2.40, as --64; objcopy -O binary -j .text):
     * <pre>
     *         test $~0x2800, %rdx; jnz.d32 9f; xor %ecx,%ecx
     *         mov %edx,%eax; and $0x100,%eax; cmp $0x100,%eax; jne 1f; or $0x200,%ecx     AT_EACCESS
     * 1:      (the same for 0x200 to 0x100, 0x400 to 0x400, 0x800 to 0x200, 0x4000 to 0x1000)
     *         mov %ecx,%edx; mov -0x90(%rsp), %rax; movzwl %ax, %eax; jmp *%r11
     * 9:      add $0x50, %r11; jmp *%r11
     * after:  cmp $-21, %rax; jne 1f; mov $-1, %rax
     * 1:      jmp *%r11
     * </pre>
     */
    @Test
    void unlinkatsKindIsWhatTheAssemblerMakes() {
        StubKinds kinds = new StubKinds(StubTablesTest.dispatcher());
        int kind = kinds.kindOf(503);
        byte[] k = kinds.code();
        String golden = "48f7c2ffd7ffff0f857600000031c989d025000100003d00010000750681c90002000089d025000200003d0002000075"
                + "0681c90001000089d025000400003d00040000750681c90004000089d025000800003d00080000750681c90002000089d0"
                + "25004000003d00400000750681c90010000089ca488b842470ffffff0fb7c041ffe34983c35041ffe34883f8eb750748c7"
                + "c0ffffffff41ffe3";
        assertEquals(golden, HEX.formatHex(java.util.Arrays.copyOfRange(k, codeAt(k, kind, 0), codeAt(k, kind, 0) + golden.length() / 2)));
        assertEquals(codeAt(k, kind, 0) + 0x8a, codeAt(k, kind, 1), "its code after the call follows");
    }

    /**
     * fstat's struct stat conversion (argument 1, %rsi) after the call, and fstatat's (argument
     * 2, %rdx), against GNU as. The listing, for base B:
     * <pre>
     *         test %rax,%rax; jne.d32 9f
     *         for st_dev (0) and st_rdev (40):
     *         mov OFF(B),%rax
     *         mov %rax,%rcx; shr $8,%rcx; and $0xfff,%ecx
     *         mov %rax,%rdi; shr $32,%rdi; and $0xfffff000,%edi; or %rdi,%rcx
     *         mov %rax,%rdi; shr $12,%rdi; and $0xffffff00,%edi; and $0xff,%eax; or %rdi,%rax
     *         mov %rcx,%rdi; and $0xffffff00,%edi; shl $32,%rdi; and $0xff,%ecx; shl $8,%rcx; or %rcx,%rdi
     *         mov %rax,%rcx; and $0xff00,%ecx; shl $24,%rcx; or %rcx,%rdi; and $0xffff00ff,%eax; or %rdi,%rax
     *         mov %rax,OFF(B)
     *         then:
     *         mov 48(B),%rax; mov 56(B),%rcx; mov 64(B),%rdi; mov %ecx,128(B); mov %rdi,120(B)
     *         xor %ecx,%ecx; mov %ecx,132(B); mov %rcx,136(B); mov %rcx,144(B) ... mov %rcx,216(B)
     *         mov 112(B),%r8; mov %rax,112(B); mov 104(B),%r9; mov 88(B),%rax; mov 96(B),%rdi
     *         movq $-1,96(B); mov %rcx,104(B); mov 72(B),%r10; mov 80(B),%rcx
     *         mov %r9,80(B); mov %r8,88(B); mov %rax,64(B); mov %rdi,72(B); mov %r10,48(B); mov %rcx,56(B)
     *         xor %eax,%eax
     * 9:      jmp *%r11
     * </pre>
     */
    @Test
    void theStatConversionIsWhatTheAssemblerMakes() {
        StubKinds kinds = new StubKinds(StubTablesTest.dispatcher());
        byte[] k = kinds.code();
        int fstat = codeAt(k, kinds.kindOf(551), 1);
        int fstatat = codeAt(k, kinds.kindOf(552), 1);
        assertEquals(STAT_RSI, HEX.formatHex(java.util.Arrays.copyOfRange(k, fstat, fstat + STAT_RSI.length() / 2)));
        assertEquals(STAT_RDX, HEX.formatHex(java.util.Arrays.copyOfRange(k, fstatat, fstatat + STAT_RDX.length() / 2)));
    }

    /** Where kind's code before (0) or after (1) its call starts, as an offset in k. */
    private static int codeAt(byte[] k, int kind, int after) {
        long a = java.nio.ByteBuffer.wrap(k).order(java.nio.ByteOrder.LITTLE_ENDIAN)
                .getLong(8 * kind + (int) (StubCode.POST_TABLE - StubCode.KIND_TABLE) * after);
        return (int) (a - StubCode.KIND_TABLE);
    }

    private static final String STAT_RSI = "4885c00f8583010000488b064889c148c1e90881e1ff0f00004889c748c1ef2081e700f0ffff4809f94889c748c1ef0c81e7"
            + "00ffffff25ff0000004809f84889cf81e700ffffff48c1e72081e1ff00000048c1e1084809cf4889c181e100ff000048c1e1"
            + "184809cf25ff00ffff4809f8488906488b46284889c148c1e90881e1ff0f00004889c748c1ef2081e700f0ffff4809f94889"
            + "c748c1ef0c81e700ffffff25ff0000004809f84889cf81e700ffffff48c1e72081e1ff00000048c1e1084809cf4889c181e1"
            + "00ff000048c1e1184809cf25ff00ffff4809f848894628488b4630488b4e38488b7e40898e8000000048897e7831c9898e84"
            + "00000048898e8800000048898e9000000048898e9800000048898ea000000048898ea800000048898eb000000048898eb800"
            + "000048898ec000000048898ec800000048898ed000000048898ed80000004c8b4670488946704c8b4e68488b4658488b7e60"
            + "48c74660ffffffff48894e684c8b5648488b4e504c894e504c8946584889464048897e484c89563048894e3831c041ffe3";
    private static final String STAT_RDX = "4885c00f8583010000488b024889c148c1e90881e1ff0f00004889c748c1ef2081e700f0ffff4809f94889c748c1ef0c81e7"
            + "00ffffff25ff0000004809f84889cf81e700ffffff48c1e72081e1ff00000048c1e1084809cf4889c181e100ff000048c1e1"
            + "184809cf25ff00ffff4809f8488902488b42284889c148c1e90881e1ff0f00004889c748c1ef2081e700f0ffff4809f94889"
            + "c748c1ef0c81e700ffffff25ff0000004809f84889cf81e700ffffff48c1e72081e1ff00000048c1e1084809cf4889c181e1"
            + "00ff000048c1e1184809cf25ff00ffff4809f848894228488b4230488b4a38488b7a40898a8000000048897a7831c9898a84"
            + "00000048898a8800000048898a9000000048898a9800000048898aa000000048898aa800000048898ab000000048898ab800"
            + "000048898ac000000048898ac800000048898ad000000048898ad80000004c8b4270488942704c8b4a68488b4258488b7a60"
            + "48c74260ffffffff48894a684c8b5248488b4a504c894a504c8942584889424048897a484c89523048894a3831c041ffe3";

    @Test
    void theKindTableSendsEachKindToItsCode() {
        StubKinds kinds = new StubKinds(StubTablesTest.dispatcher());
        byte[] k = kinds.code();
        int at = codeAt(k, kinds.kindOf(5), 0); // open: O_* flags in argument 1
        assertEquals(OPEN_FLAGS_ARG1, HEX.formatHex(java.util.Arrays.copyOfRange(k, at, at + OPEN_FLAGS_ARG1.length() / 2)));
        assertEquals("41ffe3", HEX.formatHex(java.util.Arrays.copyOfRange(k, codeAt(k, kinds.kindOf(5), 1),
                codeAt(k, kinds.kindOf(5), 1) + 3)), "nothing to do after open: jmp *%r11");
        assertEquals(0xcc, k[codeAt(k, 0, 0)] & 0xff, "kind 0 leads to a trap");
        assertEquals(0xcc, k[codeAt(k, StubCode.KINDS - 1, 1)] & 0xff, "so does an unused one");
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

    /**
     * SpecialRow.KEVENT11 (freebsd11_kevent, 32-byte kevents) for site 0 after Go's prefix
     * (MOVL $363, AX), and KEVENT (kevent, 64-byte kevents, ext[] zeroed) after $560, from GNU as
     * with KQ_MIRROR 0x60200000 and KQ_ENTRIES 0x60201000:
     * <pre>
     *         test %edx, %edx; jnz.d32 slow; cmp $2, %r8d; jl.d32 slow
     *         lea 1(%rdi), %ecx; cmp KQ_MIRROR, %ecx; jne.d32 slow
     *         mov %rdi, -0x98(%rsp) ... %r9, -0xc0; %rbx, -0xc8; %rbp, -0xd0; %r12 .. %r15, -0xd8 .. -0xf0
     *         mov %r8d, %edx; shr $1, %edx; mov $16, %ecx; cmp %ecx, %edx; cmova %ecx, %edx
     *         lea -0x1c0(%rsp), %rsi; mov %rsi, %r12; mov %r10, %r14
     *         mov %r9, %r10; xor %r8d, %r8d; mov $8, %r9d; mov $441, %eax; syscall
     *         test %rax, %rax; js.d32 fail; mov %eax, %r13d; mov %rax, -0xf8(%rsp); xor %r15d, %r15d
     * loop:   test %r13d, %r13d; jz.d32 end
     *         mov (%r12), %ebx; mov 4(%r12), %rcx; mov %rcx, %rax; shr $32, %rax; cmp $1, %rax; jne.d32 next
     *         cmp $32768, %ecx; jae.d32 next; mov %ecx, %ebp; mov %ebp, %ecx; shl $5, %rcx; add $KQ_ENTRIES, %rcx
     *         cmpl $0, (%rcx); je.d32 write; test $0x2019, %ebx; jz.d32 write
     *         mov %ebp, %edi; mov $0x541b, %esi; lea -0x90(%rsp), %rdx; mov $16, %eax; syscall
     *         movslq -0x90(%rsp), %rdx; test %rax, %rax; jns 1f; mov $1, %edx
     * 1:      mov %ebp, %ecx; shl $5, %rcx; add $KQ_ENTRIES, %rcx
     *         mov %rbp, (%r14); movw $-1, 8(%r14); movzwl (%rcx), %eax; test $0x2010, %ebx; jz 2f; or $0x8000, %eax
     * 2:      mov %ax, 10(%r14); movl $0, 12(%r14); mov %rdx, 16(%r14); mov 8(%rcx), %rax; mov %rax, 24(%r14)
     *         add $32, %r14; inc %r15d
     * write:  mov %ebp, %ecx; shl $5, %rcx; add $KQ_ENTRIES, %rcx
     *         cmpl $0, 4(%rcx); je.d32 next; test $0x1c, %ebx; jz.d32 next
     *         mov %rbp, (%r14); movw $-2, 8(%r14); movzwl 4(%rcx), %eax; test $0x18, %ebx; jz 3f; or $0x8000, %eax
     * 3:      mov %ax, 10(%r14); movl $0, 12(%r14); movq $0, 16(%r14); mov 16(%rcx), %rax; mov %rax, 24(%r14)
     *         add $32, %r14; inc %r15d
     * next:   add $12, %r12; dec %r13d; jmp.d32 loop
     * end:    mov %r15, %rax; test %r15d, %r15d; jnz 4f; cmpq $0, -0xf8(%rsp); jne.d32 again
     * 4:      lea 5f(%rip), %r11; jmp.d32 restore
     * 5:      clc; jmp.d32 back
     * fail:   lea 6f(%rip), %r11; jmp.d32 restore
     * 6:      neg %rax; lea errtab(%rip), %rcx; movzbl (%rcx,%rax,1), %eax; stc; jmp.d32 back
     * again:  lea 7f(%rip), %r11; jmp.d32 restore
     * 7:      mov $363, %eax; jmp.d32 slow
     * restore: mov -0x98(%rsp), %rdi ... mov -0xf0(%rsp), %r15 (the twelve kept registers); jmp *%r11
     * </pre>
     * (KEVENT: add $64, and "movq $0, 32/40/48/56(%r14)" before each add.)
     */
    @Test
    void keventStubsAreWhatTheAssemblerMakes() {
        byte[] b = StubCode.specialStub(0, 0x401234L, HEX.parseHex("b86b010000"), SpecialRow.KEVENT11);
        assertEquals(KEVENT11_SITE0, HEX.formatHex(java.util.Arrays.copyOf(b, KEVENT11_SITE0.length() / 2)));
        byte[] w = StubCode.specialStub(0, 0x401234L, HEX.parseHex("b830020000"), SpecialRow.KEVENT);
        assertEquals(KEVENT_SITE0, HEX.formatHex(java.util.Arrays.copyOf(w, KEVENT_SITE0.length() / 2)));
        assertEquals(SpecialRow.KEVENT11, SpecialRow.forNumber(363));
        assertEquals(SpecialRow.KEVENT, SpecialRow.forNumber(560));
    }

    private static final String KEVENT11_SITE0 = "eb0eff25000000003412400000000000b86b010000909090909085d20f85de1fffff4183f8020f8cd41fffff8d4f013b0c25"
            + "000020600f85c41fffff4889bc2468ffffff4889b42460ffffff4889942458ffffff4c89942450ffffff4c89842448ffffff"
            + "4c898c2440ffffff48899c2438ffffff4889ac2430ffffff4c89a42428ffffff4c89ac2420ffffff4c89b42418ffffff4c89"
            + "bc2410ffffff4489c2d1eab91000000039ca0f47d1488db42440feffff4989f44d89d64d89ca4531c041b908000000b8b901"
            + "00000f054885c00f88670100004189c54889842408ffffff4531ff4585ed0f8427010000418b1c24498b4c24044889c848c1"
            + "e8204883f8010f850101000081f9008000000f83f500000089cd89e948c1e1054881c1001020608339000f847b000000f7c3"
            + "192000000f846f00000089efbe1b540000488d942470ffffffb8100000000f054863942470ffffff4885c07905ba01000000"
            + "89e948c1e1054881c10010206049892e6641c74608ffff0fb701f7c31020000074050d00800000664189460a41c7460c0000"
            + "000049895610488b4108498946184983c62041ffc789e948c1e1054881c100102060837904000f844b000000f7c31c000000"
            + "0f843f00000049892e6641c74608feff0fb74104f7c31800000074050d00800000664189460a41c7460c0000000049c74610"
            + "00000000488b4110498946184983c62041ffc74983c40c41ffcde9d0feffff4c89f84585ff750f4883bc2408ffffff000f85"
            + "320000004c8d1d05000000e93c000000f8e9c6fdffff4c8d1d05000000e92a00000048f7d8488d0dae0dffff0fb60401f9e9"
            + "a6fdffff4c8d1d05000000e90a000000b86b010000e98e1dffff488bbc2468ffffff488bb42460ffffff488b942458ffffff"
            + "4c8b942450ffffff4c8b842448ffffff4c8b8c2440ffffff488b9c2438ffffff488bac2430ffffff4c8ba42428ffffff4c8b"
            + "ac2420ffffff4c8bb42418ffffff4c8bbc2410ffffff41ffe3";
    private static final String KEVENT_SITE0 = "eb0eff25000000003412400000000000b830020000909090909085d20f85de1fffff4183f8020f8cd41fffff8d4f013b0c25"
            + "000020600f85c41fffff4889bc2468ffffff4889b42460ffffff4889942458ffffff4c89942450ffffff4c89842448ffffff"
            + "4c898c2440ffffff48899c2438ffffff4889ac2430ffffff4c89a42428ffffff4c89ac2420ffffff4c89b42418ffffff4c89"
            + "bc2410ffffff4489c2d1eab91000000039ca0f47d1488db42440feffff4989f44d89d64d89ca4531c041b908000000b8b901"
            + "00000f054885c00f88a70100004189c54889842408ffffff4531ff4585ed0f8467010000418b1c24498b4c24044889c848c1"
            + "e8204883f8010f854101000081f9008000000f833501000089cd89e948c1e1054881c1001020608339000f849b000000f7c3"
            + "192000000f848f00000089efbe1b540000488d942470ffffffb8100000000f054863942470ffffff4885c07905ba01000000"
            + "89e948c1e1054881c10010206049892e6641c74608ffff0fb701f7c31020000074050d00800000664189460a41c7460c0000"
            + "000049895610488b41084989461849c746200000000049c746280000000049c746300000000049c74638000000004983c640"
            + "41ffc789e948c1e1054881c100102060837904000f846b000000f7c31c0000000f845f00000049892e6641c74608feff0fb7"
            + "4104f7c31800000074050d00800000664189460a41c7460c0000000049c7461000000000488b41104989461849c746200000"
            + "000049c746280000000049c746300000000049c74638000000004983c64041ffc74983c40c41ffcde990feffff4c89f84585"
            + "ff750f4883bc2408ffffff000f85320000004c8d1d05000000e93c000000f8e986fdffff4c8d1d05000000e92a00000048f7"
            + "d8488d0d6e0dffff0fb60401f9e966fdffff4c8d1d05000000e90a000000b830020000e94e1dffff488bbc2468ffffff488b"
            + "b42460ffffff488b942458ffffff4c8b942450ffffff4c8b842448ffffff4c8b8c2440ffffff488b9c2438ffffff488bac24"
            + "30ffffff4c8ba42428ffffff4c8bac2420ffffff4c8bb42418ffffff4c8bbc2410ffffff41ffe3";

    /**
     * getdirentries' kind (DirentsKind): its code before the call, then after each call, from
     * GNU as:
     * <pre>
     * # getdirentries(fd, buf, nbytes, basep), before the call: lseek(fd, 0, SEEK_CUR) first
     * pre:    test %rdx, %rdx; js.d32 9f
     *         movq $0, -0xc8(%rsp)
     *         xor %esi, %esi; mov $1, %edx; mov $8, %eax; jmp *%r11
     * 9:      add $0x50, %r11; jmp *%r11
     * # after each call
     * post:   cmpq $0, -0xc8(%rsp); jne.d32 conv
     *         test %rax, %rax; js.d32 slowp                 # lseek failed: the supervisor's
     *         mov %rax, -0xd0(%rsp)                         # the offset before the read (*basep)
     *         movq $1, -0xc8(%rsp)
     *         mov -0xa8(%rsp), %rdx; mov $0x8000, %ecx; cmp %rcx, %rdx; cmova %rcx, %rdx    # cap = min(nbytes, 32K)
     *         lea (%rdx,%rdx,2), %rcx; shr $2, %rcx        # ask = cap * 3 / 4
     *         mov -0xa0(%rsp), %rsi; add %rdx, %rsi; sub %rcx, %rsi   # buf + cap - ask
     *         mov %rcx, %rdx; mov $217, %eax
     *         sub $0x1b, %r11; jmp *%r11                    # the stub's syscall again: getdents64
     * slowp:  mov -0xa0(%rsp), %rsi; mov -0xa8(%rsp), %rdx
     *         add $0x35, %r11; jmp *%r11                    # the stub's slowpath
     * conv:   test %rax, %rax; jns 1f
     *         cmp $-20, %rax; jne 0f; mov $-22, %rax        # ENOTDIR -> EINVAL (errno-overrides.tsv)
     * 0:      jmp *%r11
     * 1:      mov %rsi, %r8; lea (%rsi,%rax), %r9; mov -0xa0(%rsp), %r10; cld
     * 2:      lea 19(%r8), %rax; cmp %r9, %rax; ja.d32 8f
     *         movzwl 16(%r8), %edx; cmp $24, %edx; jb.d32 8f
     *         lea 19(%r8), %rdi; lea -19(%rdx), %rcx; mov %rcx, %rsi; xor %eax, %eax; repne scasb
     *         jne 3f; sub %rcx, %rsi; dec %rsi              # namlen = strlen
     * 3:      mov (%r8), %rax; mov %rax, (%r10)            # d_fileno
     *         mov 8(%r8), %rax; mov %rax, 8(%r10)          # d_off
     *         movzbl 18(%r8), %eax
     *         lea 32(%rsi), %rcx; and $-8, %rcx            # GENERIC_DIRSIZ
     *         mov %cx, 16(%r10); mov %al, 18(%r10); movb $0, 19(%r10); mov %si, 20(%r10); movw $0, 22(%r10)
     *         mov %rcx, %rax; mov %rsi, %rcx; lea 19(%r8), %rsi; lea 24(%r10), %rdi; rep movsb
     *         lea (%r10,%rax), %rcx; sub %rdi, %rcx; xor %eax, %eax; rep stosb
     *         mov %rdi, %r10; add %rdx, %r8; jmp.d32 2b
     * 8:      mov -0xb0(%rsp), %rcx; test %rcx, %rcx; jz 4f
     *         mov -0xd0(%rsp), %rax; mov %rax, (%rcx)      # *basep
     * 4:      mov %r10, %rax; sub -0xa0(%rsp), %rax        # FreeBSD bytes
     *         jmp *%r11
     * </pre>
     */
    @Test
    void getdirentriesKindIsWhatTheAssemblerMakes() {
        StubKinds kinds = new StubKinds(StubTablesTest.dispatcher());
        int kind = kinds.kindOf(554);
        byte[] k = kinds.code();
        int pre = codeAt(k, kind, 0);
        assertEquals(GETDIRENTRIES, HEX.formatHex(java.util.Arrays.copyOfRange(k, pre, pre + GETDIRENTRIES.length() / 2)));
        assertEquals(pre + 0x2b, codeAt(k, kind, 1), "its code after the call follows");
    }

    private static final String GETDIRENTRIES = "4885d20f881b00000048c7842438ffffff0000000031f6ba01000000b80800000041ffe34983c35041ffe34883bc2438ffff"
            + "ff000f856d0000004885c00f884d0000004889842430ffffff48c7842438ffffff01000000488b942458ffffffb900800000"
            + "4839ca480f47d1488d0c5248c1e902488bb42460ffffff4801d64829ce4889cab8d90000004983eb1b41ffe3488bb42460ff"
            + "ffff488b942458ffffff4983c33541ffe34885c079104883f8ec750748c7c0eaffffff41ffe34989f04c8d0c064c8b942460"
            + "fffffffc498d40134c39c80f8780000000410fb7501083fa180f8272000000498d7813488d4aed4889ce31c0f2ae75064829"
            + "ce48ffce498b00498902498b400849894208410fb64012488d4e204883e1f86641894a104188421241c64213006641897214"
            + "6641c7421600004889c84889f1498d7013498d7a18f3a4498d0c024829f931c0f3aa4989fa4901d0e973ffffff488b8c2450"
            + "ffffff4885c9740b488b842430ffffff4889014c89d0482b842460ffffff41ffe3";
}
