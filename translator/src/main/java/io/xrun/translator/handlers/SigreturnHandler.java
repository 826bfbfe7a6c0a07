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
 * sigreturn(ucp): restores exactly the context the handler leaves at ucp (FreeBSD
 * sys/amd64/amd64/exec_machdep.c sys_sigreturn): every general register, rip, rsp, the
 * user-changeable rflags bits, the FS/GS bases when _MC_HASBASES is set, the FPU state when
 * the context owns one, and the signal mask. Go rewrites rip/rsp there for asynchronous
 * preemption, so nothing saved at delivery is used. The call then returns without touching
 * any register (EJUSTRETURN).
 */
public final class SigreturnHandler implements SyscallHandler {
    private static final int XSTATE = 1024;
    private static final int XSTATE_MAX = 16384;

    public SigreturnHandler(SyscallRow row) {
    }

    @Override
    public void enter(Call c) {
        c.justReturn();
    }

    @Override
    public void exit(Call c) {
        RegisterFile regs = c.registers();
        NativeBuffer b = c.buffer();
        if (c.memory().read(c.arg(0), b, 0, UC_SIZE) != UC_SIZE) {
            regs.setRax(Errno.FREEBSD_EFAULT);
            regs.setEflags(regs.eflags() | RegisterFile.CF);
            return;
        }
        restore(c, b);
    }

    /**
     * Sets the calling thread's registers, FPU state and signal mask from the ucontext_t at 0 in
     * b (also setcontext/swapcontext, which read only its sigmask and mcontext).
     */
    static void restore(Call c, NativeBuffer b) {
        RegisterFile regs = c.registers();
        int mc = UC_MCONTEXT;
        long rflags = b.getLong(mc + MC_RFLAGS);
        for (int i = 0; i < MC_GPRS.length; i++) {
            regs.set(MC_GPRS[i], b.getLong(mc + MC_GPR_FIRST + 8 * i));
        }
        regs.setRip(b.getLong(mc + MC_RIP));
        regs.setRsp(b.getLong(mc + MC_RSP));
        regs.setEflags((regs.eflags() & ~USER_RFLAGS) | (rflags & USER_RFLAGS));
        regs.setOrigRax(-1);
        if ((b.getInt(mc + MC_FLAGS) & MC_HASBASES) != 0) {
            regs.set(RegisterFile.FS_BASE, b.getLong(mc + MC_FSBASE));
            regs.set(RegisterFile.GS_BASE, b.getLong(mc + MC_GSBASE));
        }
        int tid = c.thread().tid();
        long xaddr = b.getLong(mc + MC_XFPUSTATE);
        long xlen = b.getLong(mc + MC_XFPUSTATE_LEN);
        if ((b.getInt(mc + MC_FLAGS) & MC_HASFPXSTATE) != 0 && xlen > 0 && xlen <= XSTATE_MAX - FXSAVE_SIZE) {
            // The whole XSAVE image: mc_fpstate, then the extended part at mc_xfpustate.
            b.copyTo(mc + MC_FPSTATE, b, XSTATE, FXSAVE_SIZE);
            if (c.memory().read(xaddr, b, XSTATE + FXSAVE_SIZE, (int) xlen) == xlen) {
                c.control().writeXstate(tid, b, XSTATE, FXSAVE_SIZE + (int) xlen);
            }
        } else if (b.getLong(mc + MC_FPFORMAT) == MC_FPFMT_XMM && b.getLong(mc + MC_OWNEDFP) != MC_FPOWNED_NONE) {
            c.control().writeFpu(tid, b, mc + MC_FPSTATE);
        }
        c.control().setSigmask(tid, SigsetConverter.toLinux(b, UC_SIGMASK) & ~SigsetConverter.LINUX_UNBLOCKABLE);
    }
}
