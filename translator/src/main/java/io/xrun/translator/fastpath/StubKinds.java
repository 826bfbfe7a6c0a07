package io.xrun.translator.fastpath;

import io.xrun.maps.FlagMap;
import io.xrun.translator.core.Dispatcher;
import io.xrun.translator.handlers.Abi;

/**
 * The stubs' kinds: rows that are plain but for one argument the stub can translate itself.
 * A fast-table entry above 0xffff is the Linux number with the kind in bits 16 and up; the
 * stub saves the number, the entry and the six argument registers below the red zone, jumps
 * through {@link StubCode#KIND_TABLE} to the kind's code with r11 = where to come back, and
 * after the syscall restores the argument registers (FreeBSD preserves them).
 *
 * <p>Kind 1 + i: the O_* flags in argument i (open: 1, openat: 2), translated with
 * open-flags.tsv as ArgCodec.OFLAGS does it ({@code FlagMap#toLinux}: every row whose masked
 * FreeBSD bits match adds its Linux bits; the rest are dropped). The kind's code builds the
 * Linux flags in ecx, puts them in the argument register, loads rax with the Linux number from
 * the saved entry and jumps back:
 * <pre>
 *   xor %ecx,%ecx
 *   per row: mov %REG32,%eax; and $mask,%eax; cmp $value,%eax; jne 1f; or $linux,%ecx; 1:
 *            (rows that add no Linux bits are left out; immediates in their shortest form)
 *   mov %ecx,%REG32; mov -0x90(%rsp),%rax; movzwl %ax,%eax; jmp *%r11
 * </pre>
 */
public final class StubKinds {
    /** open-flags.tsv: the map ArgCodec.OFLAGS applies. */
    private static final FlagMap OPEN_FLAGS = Abi.OPEN_FLAGS;
    /** Kinds 1..6: O_* flags in argument 0..5. */
    public static final int OPEN_FLAGS_KIND = 1;
    private static final int KINDS = 8;

    private StubKinds() {
    }

    /** The fast-table entry of FreeBSD syscall nr: plain, a kind, or -1 (see {@link StubTables}). */
    static int entry(Dispatcher d, int nr) {
        long plain = d.plainNumber(nr, null);
        if (plain >= 0) {
            return (int) plain;
        }
        int arg = d.openFlagsArgument(nr);
        long linux = d.linuxNumber(nr);
        if (arg >= 0 && linux >= 0 && linux <= 0xffff) {
            return (int) linux | (OPEN_FLAGS_KIND + arg) << 16;
        }
        return -1;
    }

    /** The kind table and the kinds' code, for the region at {@link StubCode#KIND_TABLE}. */
    static byte[] code() {
        int size = (int) (StubCode.FAST_LO - StubCode.KIND_TABLE);
        StubCode.Code c = new StubCode.Code(size);
        long[] entries = new long[KINDS];
        c.pos = (int) (StubCode.KIND_CODE - StubCode.KIND_TABLE);
        long trap = StubCode.KIND_TABLE + c.pos;
        c.bytes(0xcc); // kinds no entry uses: a stray jump traps
        java.util.Arrays.fill(entries, trap);
        for (int arg = 0; arg < 6; arg++) {
            entries[OPEN_FLAGS_KIND + arg] = StubCode.KIND_TABLE + c.pos;
            openFlags(c, arg);
        }
        int end = c.pos;
        c.pos = 0;
        for (long e : entries) {
            c.int64(e);
        }
        c.pos = end;
        return c.padded();
    }

    /** An ALU op with %eax and an immediate, in its shortest form (as GNU as encodes it). */
    private static void imm(StubCode.Code c, int modrm, int eaxOpcode, long v) {
        if (fitsByte(v)) {
            c.bytes(0x83, modrm, (int) v);
        } else {
            c.bytes(eaxOpcode).int32((int) v);
        }
    }

    private static boolean fitsByte(long v) {
        return v >= -128 && v <= 127;
    }

    /** The O_* translation of argument arg (see the class comment). */
    static void openFlags(StubCode.Code c, int arg) {
        int reg = StubCode.ARG_REG[arg];
        boolean high = StubCode.ARG_REX[arg] == 0x4c; // r8-r15: a REX prefix with R or B
        c.bytes(0x31, 0xc9);                                         // xor %ecx,%ecx
        for (int i = 0; i < OPEN_FLAGS.size(); i++) {
            long mask = OPEN_FLAGS.freebsdMask(i);
            long value = OPEN_FLAGS.freebsdValue(i);
            long linux = OPEN_FLAGS.linuxValue(i);
            if (linux == 0) {
                continue; // adds nothing
            }
            if (mask > Integer.MAX_VALUE || linux > Integer.MAX_VALUE) {
                throw new IllegalStateException("open flag row " + i + " does not fit an imm32");
            }
            if (high) {
                c.bytes(0x44);                                       // REX.R: the source is r8d-r15d
            }
            c.bytes(0x89, 0xc0 | reg << 3);                          // mov %REG32,%eax
            imm(c, 0xe0, 0x25, mask);                                // and $mask,%eax
            imm(c, 0xf8, 0x3d, value);                               // cmp $value,%eax
            c.bytes(0x75, fitsByte(linux) ? 3 : 6);                  // jne past the or
            if (fitsByte(linux)) {
                c.bytes(0x83, 0xc9, (int) linux);                    // or $linux,%ecx
            } else {
                c.bytes(0x81, 0xc9).int32((int) linux);
            }
        }
        if (high) {
            c.bytes(0x41);                                           // REX.B: the destination is r8d-r15d
        }
        c.bytes(0x89, 0xc8 | reg);                                   // mov %ecx,%REG32
        c.bytes(0x48, 0x8b, 0x84, 0x24).int32(StubCode.SAVE_ENTRY); // mov -0x90(%rsp),%rax
        c.bytes(0x0f, 0xb7, 0xc0);                                   // movzwl %ax,%eax
        c.bytes(0x41, 0xff, 0xe3);                                   // jmp *%r11
    }
}
