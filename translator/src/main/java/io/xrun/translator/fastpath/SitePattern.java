package io.xrun.translator.fastpath;

/**
 * Recognises a syscall site whose number-loading instruction can be replaced by a 5-byte jmp
 * into its fast stub, the stub then doing what the replaced bytes did (its prefix). Only the
 * load is replaced, never the syscall instruction itself, so a thread that was already past
 * the load (preempted before the syscall, or blocked in it) still finds the original
 * instructions at every boundary it can resume at.
 *
 * <pre>
 *   b8 imm32 0f 05            mov $nr,%eax; syscall              (FreeBSD libc, Go runtime asm)
 *   b8 imm32 49 89 ca 0f 05   mov $nr,%eax; mov %rcx,%r10; syscall (FreeBSD libc's SYSCALL macro)
 *   48 8b 44 24 d8 0f 05      mov d8(%rsp),%rax; syscall          (Go syscall.Syscall: MOVQ trap+0(FP), AX)
 * </pre>
 * A match is believed only when the loaded number is the one the call actually made, which
 * rules out bytes that merely look like the pattern.
 */
public final class SitePattern {
    /** Bytes read before the syscall instruction. */
    public static final int LOOKBEHIND = 8;

    /** A match: the load at movAddress, and the bytes the stub must execute in its place. */
    public record Match(long movAddress, byte[] prefix, boolean fromStack, int stackDisp) {
    }

    private SitePattern() {
    }

    /**
     * @param before  the LOOKBEHIND bytes before the syscall instruction at syscallAddr
     * @param number  the FreeBSD number the call was made with (its orig_rax)
     * @return the match, or null; a stack load still has to be checked against number by the caller
     */
    public static Match match(byte[] before, long syscallAddr, long number) {
        int n = before.length;
        if (n < LOOKBEHIND) {
            return null;
        }
        if (u(before[n - 8]) == 0xb8 && u(before[n - 3]) == 0x49 && u(before[n - 2]) == 0x89
                && u(before[n - 1]) == 0xca && imm(before, n - 7) == number) {
            return new Match(syscallAddr - 8, java.util.Arrays.copyOfRange(before, n - 8, n), false, 0);
        }
        if (u(before[n - 5]) == 0xb8 && imm(before, n - 4) == number) {
            return new Match(syscallAddr - 5, java.util.Arrays.copyOfRange(before, n - 5, n), false, 0);
        }
        if (u(before[n - 5]) == 0x48 && u(before[n - 4]) == 0x8b && u(before[n - 3]) == 0x44
                && u(before[n - 2]) == 0x24) {
            return new Match(syscallAddr - 5, java.util.Arrays.copyOfRange(before, n - 5, n), true, before[n - 1]);
        }
        return null;
    }

    private static int u(byte b) {
        return b & 0xff;
    }

    private static long imm(byte[] b, int off) {
        return (b[off] & 0xffL) | (b[off + 1] & 0xffL) << 8 | (b[off + 2] & 0xffL) << 16 | (b[off + 3] & 0xffL) << 24;
    }
}
