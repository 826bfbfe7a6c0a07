package io.xrun.translator.signals;

import io.xrun.translator.core.RegisterFile;

/**
 * Layout of FreeBSD amd64 ucontext_t / mcontext_t and of the signal frame (sys/x86/include/
 * ucontext.h, sys/sys/_ucontext.h, sys/amd64/include/sigframe.h; the same layout is in Go's
 * src/runtime/defs_freebsd_amd64.go). Offsets are bytes from the start of the structure.
 */
public final class FreebsdUcontext {
    /** ucontext_t: uc_sigmask 0 (16), uc_mcontext 16 (800), uc_link 816, uc_stack 824 (24), uc_flags 848; 880 bytes. */
    public static final int UC_SIGMASK = 0, UC_MCONTEXT = 16, UC_LINK = 816, UC_STACK = 824, UC_FLAGS = 848, UC_SIZE = 880;
    /** mcontext_t fields. */
    public static final int MC_ONSTACK = 0, MC_TRAPNO = 128, MC_FS = 132, MC_GS = 134, MC_ADDR = 136, MC_FLAGS = 144,
            MC_ES = 148, MC_DS = 150, MC_ERR = 152, MC_RIP = 160, MC_CS = 168, MC_RFLAGS = 176, MC_RSP = 184,
            MC_SS = 192, MC_LEN = 200, MC_FPFORMAT = 208, MC_OWNEDFP = 216, MC_FPSTATE = 224, MC_FSBASE = 736,
            MC_GSBASE = 744, MC_XFPUSTATE = 752, MC_XFPUSTATE_LEN = 760, MC_SIZE = 800;
    /** The general registers mc_rdi..mc_r15 (8..120), in mcontext order, as user_regs_struct offsets. */
    public static final int[] MC_GPRS = {RegisterFile.RDI, RegisterFile.RSI, RegisterFile.RDX, RegisterFile.RCX,
        RegisterFile.R8, RegisterFile.R9, RegisterFile.RAX, RegisterFile.RBX, RegisterFile.RBP, RegisterFile.R10,
        RegisterFile.R11, RegisterFile.R12, RegisterFile.R13, RegisterFile.R14, RegisterFile.R15};
    public static final int MC_GPR_FIRST = 8;
    /** mc_flags bits, mc_fpformat and mc_ownedfp values (sys/x86/include/ucontext.h). */
    public static final int MC_HASSEGS = 0x1, MC_HASBASES = 0x2, MC_HASFPXSTATE = 0x4;
    public static final long MC_FPFMT_XMM = 0x10002, MC_FPOWNED_NONE = 0x20000, MC_FPOWNED_FPU = 0x20001;
    /** GSEL(GUCODE_SEL, SEL_UPL) and GSEL(GUDATA_SEL, SEL_UPL) (sys/x86/include/segments.h): FreeBSD's user cs/ss. */
    public static final long UCODE_SEL = 0x43, UDATA_SEL = 0x3b;
    /** struct sigframe: sf_ahu (handler) 0, sf_uc 16, sf_si 896; 976 bytes. */
    public static final int SF_HANDLER = 0, SF_UC = 16, SF_SI = 896, SF_SIZE = 976;
    /** stack_t: ss_sp 0, ss_size 8, ss_flags 16 (sys/sys/signal.h); SS_ONSTACK 1, SS_DISABLE 4. */
    public static final int SS_SP = 0, SS_SIZE = 8, SS_FLAGS = 16, STACK_T_SIZE = 24;
    public static final int SS_ONSTACK = 1, SS_DISABLE = 4;
    /** sys/amd64/include/_limits.h __MINSIGSTKSZ (512 * 4): sigaltstack's minimum size. */
    public static final long MINSIGSTKSZ = 2048;
    /** Size of the legacy FXSAVE area that mc_fpstate holds; the XSAVE image goes on beyond it. */
    public static final int FXSAVE_SIZE = 512;
    /** The amd64 ABI red zone the kernel skips below the interrupted rsp. */
    public static final long RED_ZONE = 128;
    /**
     * rflags bits a context may change (Linux arch/x86/kernel/signal.c FIX_EFLAGS: AC OF DF TF
     * SF ZF AF PF CF RF); FreeBSD's sigreturn refuses others (EFL_SECURE).
     */
    public static final long USER_RFLAGS = 0x50DD5;
    /** rflags TF and DF, cleared for the handler (FreeBSD sendsig). */
    public static final long TF_DF = 0x100 | 0x400;

    private FreebsdUcontext() {
    }
}
