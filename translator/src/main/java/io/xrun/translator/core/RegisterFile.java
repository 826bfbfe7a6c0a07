package io.xrun.translator.core;

import io.xrun.translator.nativeapi.NativeBuffer;

/**
 * x86-64 general registers in Linux's {@code struct user_regs_struct} layout
 * (arch/x86/include/asm/user_64.h), in native memory so PTRACE_GETREGS/SETREGS fill it directly.
 * Handlers never see this class: they see {@link Call}.
 */
public final class RegisterFile {
    public static final int SIZE = 27 * 8;
    public static final int R15 = 0, R14 = 8, R13 = 16, R12 = 24, RBP = 32, RBX = 40, R11 = 48, R10 = 56, R9 = 64,
            R8 = 72, RAX = 80, RCX = 88, RDX = 96, RSI = 104, RDI = 112, ORIG_RAX = 120, RIP = 128, CS = 136,
            EFLAGS = 144, RSP = 152, SS = 160, FS_BASE = 168, GS_BASE = 176;
    /** Syscall argument registers in order: the same on FreeBSD and Linux amd64. */
    static final int[] ARG = {RDI, RSI, RDX, R10, R8, R9};
    /** The carry flag: FreeBSD's error indicator on syscall return. */
    public static final long CF = 1L;

    private final NativeBuffer buf;

    public RegisterFile() {
        this(new NativeBuffer(SIZE));
    }

    public RegisterFile(NativeBuffer buf) {
        this.buf = buf;
    }

    public long address() {
        return buf.address();
    }

    public NativeBuffer buffer() {
        return buf;
    }

    public long arg(int i) {
        return buf.getLong(ARG[i]);
    }

    public void setArg(int i, long v) {
        buf.putLong(ARG[i], v);
    }

    public long rax() {
        return buf.getLong(RAX);
    }

    public void setRax(long v) {
        buf.putLong(RAX, v);
    }

    public long rdx() {
        return buf.getLong(RDX);
    }

    public void setRdx(long v) {
        buf.putLong(RDX, v);
    }

    public long rdi() {
        return buf.getLong(RDI);
    }

    public void setRdi(long v) {
        buf.putLong(RDI, v);
    }

    public long origRax() {
        return buf.getLong(ORIG_RAX);
    }

    public void setOrigRax(long v) {
        buf.putLong(ORIG_RAX, v);
    }

    public long rip() {
        return buf.getLong(RIP);
    }

    public void setRip(long v) {
        buf.putLong(RIP, v);
    }

    public long rsp() {
        return buf.getLong(RSP);
    }

    public void setRsp(long v) {
        buf.putLong(RSP, v);
    }

    public long eflags() {
        return buf.getLong(EFLAGS);
    }

    public void setEflags(long v) {
        buf.putLong(EFLAGS, v);
    }

    public long fsBase() {
        return buf.getLong(FS_BASE);
    }

    /** Any register by its user_regs_struct offset (the constants above). */
    public long get(int offset) {
        return buf.getLong(offset);
    }

    public void set(int offset, long v) {
        buf.putLong(offset, v);
    }

}
