package io.xrun.translator.handlers;

import io.xrun.maps.Errno;
import io.xrun.maps.SyscallRow;
import io.xrun.translator.convert.SigsetConverter;
import io.xrun.translator.core.Call;
import io.xrun.translator.core.RegisterFile;
import io.xrun.translator.core.SyscallHandler;
import io.xrun.translator.nativeapi.NativeBuffer;

import static io.xrun.translator.signals.FreebsdUcontext.*;

/**
 * getcontext(ucp), setcontext(ucp) and swapcontext(oucp, ucp) (sys/kern/kern_context.c), on the
 * ucontext_t layout signal delivery uses (FreebsdUcontext). Only uc_sigmask and uc_mcontext are
 * copied (UC_COPY_SIZE, offsetof(ucontext_t, uc_link)). The context saved is the caller's at the
 * syscall, as get_mcontext(GET_MC_CLEAR_RET) takes it from the trapframe: rax and rdx 0 and
 * carry clear (so a resumed getcontext returns 0), rcx the fourth argument (r10: the fast
 * syscall path stores it there), rip after the syscall instruction, FS/GS bases
 * (_MC_HASSEGS | _MC_HASBASES), the FXSAVE area, no extended state. Setting a context takes
 * every register, the user rflags bits, the bases, the FPU state and the signal mask
 * ({@link SigreturnHandler#restore}); an mcontext whose mc_len is not 800 is EINVAL
 * (set_mcontext); a NULL pointer is EINVAL.
 */
public final class ContextHandler implements SyscallHandler {
    /** offsetof(ucontext_t, uc_link): the part get/set/swapcontext copy (kern_context.c). */
    private static final int UC_COPY_SIZE = UC_LINK;
    private static final int FPU = 1024;
    private final boolean get;
    private final boolean set;

    public ContextHandler(SyscallRow row) {
        this.get = !row.name().equals("setcontext");
        this.set = !row.name().equals("getcontext");
    }

    @Override
    public void enter(Call c) {
        long out = get ? c.arg(0) : 0;
        long in = set ? c.arg(get ? 1 : 0) : 0;
        if ((get && out == 0) || (set && in == 0)) {
            c.emulateError(Errno.FREEBSD_EINVAL);
            return;
        }
        NativeBuffer b = c.buffer();
        if (get) {
            save(c, b);
            if (!c.copyOut(out, 0, UC_COPY_SIZE)) {
                return;
            }
            if (!set) {
                c.emulate(0);
                return;
            }
        }
        if (!c.copyIn(in, 0, UC_COPY_SIZE)) {
            return;
        }
        if (b.getLong(UC_MCONTEXT + MC_LEN) != MC_SIZE) {
            c.emulateError(Errno.FREEBSD_EINVAL);
            return;
        }
        c.justReturn();
    }

    @Override
    public void exit(Call c) {
        NativeBuffer b = c.buffer();
        if (!c.copyIn(c.arg(get ? 1 : 0), 0, UC_COPY_SIZE)) {
            RegisterFile regs = c.registers();
            regs.setRax(Errno.FREEBSD_EFAULT);
            regs.setEflags(regs.eflags() | RegisterFile.CF);
            return;
        }
        SigreturnHandler.restore(c, b);
    }

    /** The caller's context at this syscall, as a ucontext_t at 0 in b (UC_COPY_SIZE bytes). */
    private static void save(Call c, NativeBuffer b) {
        RegisterFile regs = c.registers();
        int tid = c.thread().tid();
        b.zero(0, UC_SIZE);
        SigsetConverter.toFreebsd(c.control().sigmask(tid), b, UC_SIGMASK);
        int mc = UC_MCONTEXT;
        for (int i = 0; i < MC_GPRS.length; i++) {
            b.putLong(mc + MC_GPR_FIRST + 8 * i, regs.get(MC_GPRS[i]));
        }
        // the trapframe at a syscall: rcx holds r10 (fast_syscall), rax/rdx cleared, carry clear
        b.putLong(mc + MC_GPR_FIRST + 8 * indexOf(RegisterFile.RCX), regs.get(RegisterFile.R10));
        b.putLong(mc + MC_GPR_FIRST + 8 * indexOf(RegisterFile.RAX), 0);
        b.putLong(mc + MC_GPR_FIRST + 8 * indexOf(RegisterFile.RDX), 0);
        b.putLong(mc + MC_RIP, regs.rip());
        b.putLong(mc + MC_CS, UCODE_SEL);
        b.putLong(mc + MC_RFLAGS, regs.eflags() & ~RegisterFile.CF);
        b.putLong(mc + MC_RSP, regs.rsp());
        b.putLong(mc + MC_SS, UDATA_SEL);
        b.putInt(mc + MC_FLAGS, MC_HASSEGS | MC_HASBASES);
        b.putLong(mc + MC_LEN, MC_SIZE);
        boolean fpu = c.control().readFpu(tid, b, FPU);
        if (fpu) {
            b.copyTo(FPU, b, mc + MC_FPSTATE, FXSAVE_SIZE);
        }
        b.putLong(mc + MC_FPFORMAT, MC_FPFMT_XMM);
        b.putLong(mc + MC_OWNEDFP, fpu ? MC_FPOWNED_FPU : MC_FPOWNED_NONE);
        b.putLong(mc + MC_FSBASE, regs.fsBase());
        b.putLong(mc + MC_GSBASE, regs.get(RegisterFile.GS_BASE));
    }

    private static int indexOf(int reg) {
        for (int i = 0; i < MC_GPRS.length; i++) {
            if (MC_GPRS[i] == reg) {
                return i;
            }
        }
        throw new IllegalArgumentException("register " + reg);
    }
}
