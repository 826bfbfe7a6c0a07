package io.xrun.translator.fastpath;

import org.junit.jupiter.api.Test;

import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The byte sequences come from real code: FreeBSD libc's RSYSCALL (lib/libc/amd64/SYS.h) as
 * clang emits it, Go's runtime·write1 (runtime/sys_freebsd_amd64.s: MOVL $4, AX; SYSCALL) and
 * syscall.Syscall (syscall/asm_unix_amd64.s: MOVQ trap+0(FP), AX; SYSCALL), as objdump shows
 * them in testbins/bin/go-* and testbins/bin/bench_syscalls.
 */
class SitePatternTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final long SYSCALL = 0x401000;

    @Test
    void freebsdLibcStub() {
        SitePattern.Match m = SitePattern.match(HEX.parseHex("b8140000004989ca"), SYSCALL, 20);
        assertEquals(SYSCALL - 8, m.movAddress());
        assertArrayEquals(HEX.parseHex("b8140000004989ca"), m.prefix());
        assertFalse(m.fromStack());
    }

    @Test
    void goRuntimeMovl() {
        // MOVL n+16(FP), DX; MOVL $4, AX; SYSCALL: 8b 54 24 18 | b8 04 00 00 00 (the lookbehind's last 8 bytes)
        SitePattern.Match m = SitePattern.match(HEX.parseHex("542418b804000000"), SYSCALL, 4);
        assertEquals(SYSCALL - 5, m.movAddress());
        assertArrayEquals(HEX.parseHex("b804000000"), m.prefix());
        assertFalse(m.fromStack());
    }

    @Test
    void goSyscallSyscallLoadsFromTheStack() {
        // MOVQ a3+24(FP), DX; MOVQ trap+0(FP), AX; SYSCALL: ... 18 | 48 8b 44 24 08
        SitePattern.Match m = SitePattern.match(HEX.parseHex("542418488b442408"), SYSCALL, 499);
        assertTrue(m.fromStack());
        assertEquals(SitePattern.RAX, m.register());
        assertEquals(8, m.stackDisp());
        assertEquals(SYSCALL - 5, m.movAddress());
        assertArrayEquals(HEX.parseHex("488b442408"), m.prefix());
    }

    @Test
    void goSyscallLoadsItsLastArgumentLast() {
        // Go 1.19 syscall.Syscall: ... MOVQ a3+24(FP), DX; SYSCALL (48 8b 54 24 20), the number
        // already in AX; Syscall6 ends with MOVQ a6+48(FP), R9 (4c 8b 4c 24 38)
        SitePattern.Match m = SitePattern.match(HEX.parseHex("7424" + "18" + "488b542420"), SYSCALL, 3);
        assertTrue(m.fromStack());
        assertEquals(2, m.register(), "rdx: syscall argument 2");
        assertEquals(0x20, m.stackDisp());
        m = SitePattern.match(HEX.parseHex("4424304c8b4c2438"), SYSCALL, 551);
        assertEquals(5, m.register(), "r9: syscall argument 5");
        assertEquals(0x38, m.stackDisp());
        // mov 0x28(%rsp),%r11 is no syscall register: not a site
        assertNull(SitePattern.match(HEX.parseHex("4424304c8b5c2428"), SYSCALL, 551));
    }

    @Test
    void aLoadOfAnotherNumberIsNotBelieved() {
        // mov $20,%eax before a syscall that was made with 4: the bytes are not this call's load
        assertNull(SitePattern.match(HEX.parseHex("909090b814000000"), SYSCALL, 4));
        assertNull(SitePattern.match(HEX.parseHex("b8140000004989ca"), SYSCALL, 4));
    }

    @Test
    void scheduledCompilerCodeIsLeftAlone() {
        // clang's inline syscalls in the C testbins: the load is elsewhere (xor %edx,%edx; syscall)
        assertNull(SitePattern.match(HEX.parseHex("4531c94c89e731d2"), SYSCALL, 20));
    }
}
