package io.xrun.translator.fastpath;

/**
 * The few x86-64 instructions the kinds' generated code (StubKinds) uses, encoded as GNU as
 * encodes them (shortest immediates, the 0x89 form of register moves, no displacement for 0
 * off a base other than rbp/r13), so that StubCodeTest can hold them against its listings.
 * Registers are numbered as in ModRM: rax 0, rcx 1, rdx 2, rbx 3, rsp 4, rbp 5, rsi 6, rdi 7,
 * r8..r15 8..15.
 */
final class KindAsm {
    static final int RAX = 0, RCX = 1, RDX = 2, RSI = 6, RDI = 7, R8 = 8, R9 = 9, R10 = 10, R11 = 11;
    /** The six syscall argument registers, in order (rdi, rsi, rdx, r10, r8, r9). */
    static final int[] ARGS = {RDI, RSI, RDX, R10, R8, R9};

    private final StubCode.Code c;

    KindAsm(StubCode.Code c) {
        this.c = c;
    }

    private static int r(int reg) {
        return reg >= 8 ? 4 : 0;
    }

    private static int b(int reg) {
        return reg >= 8 ? 1 : 0;
    }

    static boolean fitsByte(long v) {
        return v >= -128 && v <= 127;
    }

    /** ModRM (and SIB) and displacement of disp(base) with reg as the reg field. */
    private void mem(int reg, int base, int disp) {
        int rm = base & 7;
        int mod = disp == 0 && rm != 5 ? 0 : fitsByte(disp) ? 1 : 2;
        c.bytes(mod << 6 | (reg & 7) << 3 | rm);
        if (rm == 4) {
            c.bytes(0x24);
        }
        if (mod == 1) {
            c.bytes(disp & 0xff);
        } else if (mod == 2) {
            c.int32(disp);
        }
    }

    /** mov disp(base),dst (64 bits). */
    void load(int dst, int base, int disp) {
        c.bytes(0x48 | r(dst) | b(base), 0x8b);
        mem(dst, base, disp);
    }

    /** mov src,disp(base) (64 bits). */
    void store(int base, int disp, int src) {
        c.bytes(0x48 | r(src) | b(base), 0x89);
        mem(src, base, disp);
    }

    /** mov src32,disp(base). */
    void store32(int base, int disp, int src) {
        if (src >= 8 || base >= 8) {
            c.bytes(0x40 | r(src) | b(base));
        }
        c.bytes(0x89);
        mem(src, base, disp);
    }

    /** movq $imm32,disp(base) (the immediate sign-extended). */
    void storeImm(int base, int disp, int imm) {
        c.bytes(0x48 | b(base), 0xc7);
        mem(0, base, disp);
        c.int32(imm);
    }

    /** mov src,dst (64 bits). */
    void move(int dst, int src) {
        c.bytes(0x48 | r(src) | b(dst), 0x89, 0xc0 | (src & 7) << 3 | (dst & 7));
    }

    void shr(int reg, int n) {
        c.bytes(0x48 | b(reg), 0xc1, 0xe8 | (reg & 7), n);
    }

    void shl(int reg, int n) {
        c.bytes(0x48 | b(reg), 0xc1, 0xe0 | (reg & 7), n);
    }

    /** and $imm,reg32 (zero-extends into the 64-bit register). */
    void and32(int reg, int imm) {
        if (reg >= 8) {
            c.bytes(0x41);
        }
        if (fitsByte(imm)) {
            c.bytes(0x83, 0xe0 | (reg & 7), imm & 0xff);
        } else if (reg == RAX) {
            c.bytes(0x25).int32(imm);
        } else {
            c.bytes(0x81, 0xe0 | (reg & 7)).int32(imm);
        }
    }

    /** or src,dst (64 bits). */
    void or(int dst, int src) {
        c.bytes(0x48 | r(src) | b(dst), 0x09, 0xc0 | (src & 7) << 3 | (dst & 7));
    }

    /** xor reg32,reg32: reg = 0. */
    void zero(int reg) {
        if (reg >= 8) {
            c.bytes(0x45);
        }
        c.bytes(0x31, 0xc0 | (reg & 7) << 3 | (reg & 7));
    }

    /** test $imm32,reg (64 bits, the immediate sign-extended). */
    void testImm(int reg, int imm) {
        if (reg == RAX) {
            c.bytes(0x48, 0xa9).int32(imm);
        } else {
            c.bytes(0x48 | b(reg), 0xf7, 0xc0 | (reg & 7)).int32(imm);
        }
    }

    /** cmp $imm,%eax. */
    void cmpEax(int imm) {
        if (fitsByte(imm)) {
            c.bytes(0x83, 0xf8, imm & 0xff);
        } else {
            c.bytes(0x3d).int32(imm);
        }
    }

    /**
     * A kind's errno overrides, after its call: each Linux errno linux[i] in rax becomes
     * carrier[i], the Linux errno the errno table turns into the FreeBSD one.
     */
    void errnoOverrides(int[] linux, int[] carrier) {
        for (int i = 0; i < linux.length; i++) {
            cmpRax(-linux[i]);
            c.bytes(0x75, 7);                                  // jne past the mov
            movRax(-carrier[i]);
        }
    }

    /**
     * From a kind's code, r11 pointing at the stub's offset from, to the stub's slowpath (the
     * FreeBSD number back in rax, then the slow stub: the supervisor).
     */
    void toSlowpath(int from) {
        c.bytes(0x49, 0x83, 0xc3, StubCode.SLOWPATH - from);   // add $(SLOWPATH - from),%r11
        jmpR11();
    }

    /** cmp $imm,%rax (the immediate sign-extended). */
    void cmpRax(int imm) {
        if (fitsByte(imm)) {
            c.bytes(0x48, 0x83, 0xf8, imm & 0xff);
        } else {
            c.bytes(0x48, 0x3d).int32(imm);
        }
    }

    /** mov $imm32,%rax (sign-extended). */
    void movRax(int imm) {
        c.bytes(0x48, 0xc7, 0xc0).int32(imm);
    }

    /** jcc rel32 (cc: 0x82 jb/jc, 0x83 jae, 0x85 jne, ...) whose target is patched later: returns where. */
    int jcc32(int cc) {
        c.bytes(0x0f, cc).int32(0);
        return c.pos - 4;
    }

    /** Points a rel32 left by {@link #jcc32} at the current position. */
    void land(int rel32At) {
        c.patch32(rel32At, c.pos - (rel32At + 4));
    }

    /** jmp *%r11: back into the stub. */
    void jmpR11() {
        c.bytes(0x41, 0xff, 0xe3);
    }

    /**
     * Linux {@code struct stat} (arch/x86/include/uapi/asm/stat.h, 144 bytes) at base to
     * FreeBSD's (sys/sys/stat.h, 224 bytes) in the same place, exactly as
     * convert.StatConverter#toFreebsd: st_ino, st_nlink, st_uid, st_gid stay; st_mode stays (a
     * Linux u32 whose high half is 0 is the FreeBSD u16 and st_padding0 0), as does Linux's
     * zeroed __pad0 (st_padding1); st_dev and st_rdev become FreeBSD dev_t; the times, size,
     * blocks and blksize move; birthtime is {-1, 0}; st_flags, st_gen and st_spare are 0.
     * Clobbers rax, rcx, rdi, r8, r9, r10 (base must be none of them).
     */
    void statToFreebsd(int base) {
        if (base == RAX || base == RCX || base == RDI || base == R8 || base == R9 || base == R10) {
            throw new IllegalArgumentException("base register clobbered by the conversion");
        }
        for (int off : new int[] {0, 40}) { // st_dev, st_rdev
            load(RAX, base, off);
            devToFreebsd();
            store(base, off, RAX);
        }
        load(RAX, base, 48);        // Linux st_size
        load(RCX, base, 56);        //       st_blksize
        load(RDI, base, 64);        //       st_blocks
        store32(base, 128, RCX);    // FreeBSD st_blksize (i32)
        store(base, 120, RDI);      //         st_blocks
        zero(RCX);
        store32(base, 132, RCX);    // st_flags
        store(base, 136, RCX);      // st_gen
        for (int off = 144; off < 224; off += 8) {
            store(base, off, RCX);  // st_spare[10]
        }
        load(R8, base, 112);        // Linux st_ctim.tv_nsec, before st_size takes its place
        store(base, 112, RAX);      // FreeBSD st_size
        load(R9, base, 104);        // Linux st_ctim.tv_sec
        load(RAX, base, 88);        //       st_mtim
        load(RDI, base, 96);
        storeImm(base, 96, -1);     // FreeBSD st_birthtim: {-1, 0}, no birth time on Linux
        store(base, 104, RCX);
        load(R10, base, 72);        // Linux st_atim
        load(RCX, base, 80);
        store(base, 80, R9);        // FreeBSD st_ctim
        store(base, 88, R8);
        store(base, 64, RAX);       //         st_mtim
        store(base, 72, RDI);
        store(base, 48, R10);       //         st_atim
        store(base, 56, RCX);
    }

    /**
     * rax: a Linux dev_t to FreeBSD's, as StatConverter#devToFreebsd (glibc gnu_dev_major/minor,
     * then FreeBSD sys/sys/types.h __makedev). Clobbers rcx and rdi.
     */
    void devToFreebsd() {
        move(RCX, RAX);             // major = ((d >> 8) & 0xfff) | ((d >> 32) & 0xfffff000)
        shr(RCX, 8);
        and32(RCX, 0xfff);
        move(RDI, RAX);
        shr(RDI, 32);
        and32(RDI, 0xfffff000);
        or(RCX, RDI);
        move(RDI, RAX);             // minor = (d & 0xff) | ((d >> 12) & 0xffffff00)
        shr(RDI, 12);
        and32(RDI, 0xffffff00);
        and32(RAX, 0xff);
        or(RAX, RDI);
        move(RDI, RCX);             // ((major & 0xffffff00) << 32) | ((major & 0xff) << 8)
        and32(RDI, 0xffffff00);
        shl(RDI, 32);
        and32(RCX, 0xff);
        shl(RCX, 8);
        or(RDI, RCX);
        move(RCX, RAX);             // | ((minor & 0xff00) << 24) | (minor & 0xffff00ff)
        and32(RCX, 0xff00);
        shl(RCX, 24);
        or(RDI, RCX);
        and32(RAX, 0xffff00ff);
        or(RAX, RDI);
    }
}
