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
 *   4x 8b xx 24 d8 0f 05      mov d8(%rsp),%reg; syscall          (Go syscall.Syscall, Syscall6,
 *                             RawSyscall: MOVQ a3+24(FP), DX / a6+48(FP), R9 / trap+0(FP), AX),
 *                             reg one of rax and the six argument registers
 * </pre>
 * A match is believed only when the loaded value is the one the call was made with: the
 * number for mov $nr (checked here), the register's value at the call for a stack load
 * (checked by the caller, which can read the stack), which rules out bytes that merely look
 * like the pattern.
 */
public final class SitePattern {
    /** Bytes read before the syscall instruction. */
    public static final int LOOKBEHIND = 8;

    /**
     * A match: the load at movAddress, and the bytes the stub must execute in its place; for a
     * stack load, which register it loads ({@link #RAX} or a syscall argument index 0..5) from
     * which displacement.
     */
    public record Match(long movAddress, byte[] prefix, boolean fromStack, int register, int stackDisp) {
    }

    /** Match.register of a load of rax, the syscall number. */
    public static final int RAX = -1;
    /**
     * ModRM reg field (with REX.R as bit 3) of rax, rdi, rsi, rdx, r10, r8, r9, and what each
     * holds at a syscall: the number, then arguments 0..5 (the FreeBSD and Linux syscall ABIs).
     */
    private static final int[] REGS = {0, 7, 6, 2, 10, 8, 9};
    private static final int[] MEANING = {RAX, 0, 1, 2, 3, 4, 5};

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
            return new Match(syscallAddr - 8, java.util.Arrays.copyOfRange(before, n - 8, n), false, RAX, 0);
        }
        if (u(before[n - 5]) == 0xb8 && imm(before, n - 4) == number) {
            return new Match(syscallAddr - 5, java.util.Arrays.copyOfRange(before, n - 5, n), false, RAX, 0);
        }
        int rex = u(before[n - 5]);
        int modrm = u(before[n - 3]);
        // REX.W (and R), 8b /r, mod 01 rm 100 (SIB follows), SIB 0x24 = (%rsp), disp8
        if ((rex == 0x48 || rex == 0x4c) && u(before[n - 4]) == 0x8b && (modrm & 0xc7) == 0x44
                && u(before[n - 2]) == 0x24) {
            int reg = (modrm >> 3 & 7) | (rex == 0x4c ? 8 : 0);
            for (int i = 0; i < REGS.length; i++) {
                if (REGS[i] == reg) {
                    return new Match(syscallAddr - 5, java.util.Arrays.copyOfRange(before, n - 5, n), true, MEANING[i],
                            before[n - 1]);
                }
            }
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
