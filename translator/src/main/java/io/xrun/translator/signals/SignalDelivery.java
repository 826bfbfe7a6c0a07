package io.xrun.translator.signals;

import io.xrun.maps.Signals;
import io.xrun.translator.convert.SiginfoConverter;
import io.xrun.translator.convert.SigsetConverter;
import io.xrun.translator.core.GuestMemory;
import io.xrun.translator.core.GuestProcess;
import io.xrun.translator.core.GuestThread;
import io.xrun.translator.core.RegisterFile;
import io.xrun.translator.core.ThreadControl;
import io.xrun.translator.nativeapi.NativeBuffer;

import static io.xrun.translator.signals.FreebsdUcontext.*;

/**
 * Delivers a signal to a FreeBSD thread the way FreeBSD's sendsig() does
 * (sys/amd64/amd64/exec_machdep.c): the disposition comes from the process's
 * {@link SignalActions}; a handler gets a struct sigframe (handler, ucontext with the
 * interrupted registers, mask, FPU state and signal stack, FreeBSD siginfo) below the red zone
 * or at the top of the alternate stack, 16-aligned, and starts in the sigcode trampoline with
 * rdi = signal, rsi = &amp;sf_si (SA_SIGINFO) or si_code, rdx = &amp;sf_uc, rcx = fault address.
 * The mask during the handler is the old one plus sa_mask plus the signal (unless SA_NODEFER).
 *
 * <p>Syscall restarts: the dispatcher leaves an interrupted call set up to restart (what
 * FreeBSD does when no handler runs). When a handler runs, FreeBSD restarts only
 * ERESTART-class calls of SA_RESTART handlers; here ERESTARTSYS with SA_RESTART and
 * ERESTARTNOINTR restart, and everything else returns EINTR (carry set) to the interrupted
 * code, which is what the saved context then holds.
 *
 * <p>Works in the mechanism's staging buffer: offsets 0..{@link #BUFFER_BYTES} are used.
 */
public final class SignalDelivery {
    /** Linux kernel restart codes (include/linux/errno.h). */
    private static final long ERESTARTSYS = -512, ERESTARTNOINTR = -513;
    /** Staging layout: Linux siginfo at LSI (the caller puts it there), the frame at FRAME. */
    public static final int LSI = 0;
    private static final int FRAME = 256;
    private static final int FPU = FRAME + SF_UC + UC_MCONTEXT + MC_FPSTATE;
    /** Where the thread's whole XSAVE image is read (its first 512 bytes go to mc_fpstate). */
    private static final int XSTATE = 2048;
    public static final int BUFFER_BYTES = XSTATE + 16384;
    /** Linux SIGILL: what a thread whose stack cannot take the frame dies of (FreeBSD sigexit(td, SIGILL)). */
    private static final int LINUX_SIGILL = 4;

    private SignalDelivery() {
    }

    /** The stack cannot take the frame: FreeBSD kills the process with SIGILL (sendsig: sigexit(td, SIGILL)). */
    private static int stackFault(SignalActions acts) {
        acts.set(Signals.toFreebsd(LINUX_SIGILL), SignalActions.SIG_DFL, 0, 0, 0);
        return LINUX_SIGILL;
    }

    /**
     * Decides what happens to Linux signal lsig stopping thread t, whose Linux siginfo is at
     * {@link #LSI} in b; builds the handler frame when there is one. Returns the signal to
     * resume the thread with: 0 when xrun handled (or FreeBSD ignores) it, else the Linux
     * signal, whose default action the kernel then takes.
     */
    public static int deliver(GuestThread t, int lsig, RegisterFile regs, GuestMemory mem, ThreadControl ctl,
                              NativeBuffer b) {
        GuestProcess p = t.process();
        int fsig = Signals.toFreebsd(lsig);
        if (fsig <= 0) {
            return lsig;
        }
        SignalActions acts = p.actions();
        long handler = acts.handler(fsig);
        if (handler == SignalActions.SIG_IGN) {
            return 0;
        }
        if (handler == SignalActions.SIG_DFL || p.sigcode() == 0) {
            return lsig;
        }
        int flags = acts.flags(fsig);
        int tid = t.tid();
        long restart = t.restartCode();
        t.enteringHandler();
        if (restart != 0 && !(restart == ERESTARTNOINTR || restart == ERESTARTSYS && (flags & SignalActions.SA_RESTART) != 0)) {
            // Return EINTR from the interrupted call instead of restarting it.
            regs.setRip(regs.rip() + 2);
            regs.setRax(io.xrun.maps.Errno.FREEBSD_EINTR);
            io.xrun.maps.SyscallRow row = t.call().row();
            if (row != null && row.result().equals("posixerr")) {
                // clock_nanosleep and the posix_* calls return the errno as their value (kern_posix_error)
                regs.setEflags(regs.eflags() & ~RegisterFile.CF);
            } else {
                regs.setEflags(regs.eflags() | RegisterFile.CF);
            }
        }
        long rsp = regs.rsp();
        boolean onStack = t.onAltStack(rsp);
        long sp;
        if (t.altEnabled() && !onStack && (flags & SignalActions.SA_ONSTACK) != 0) {
            sp = t.altSp() + t.altSize();
        } else {
            sp = rsp - RED_ZONE;
            if (io.xrun.translator.fastpath.StubCode.holds(regs.rip())) {
                // A stub keeps what must outlive its syscall just below the red zone.
                sp -= io.xrun.translator.fastpath.StubCode.STACK_SCRATCH;
            }
        }
        // The extended FPU state (AVX and up) goes below the frame, 64-aligned, as sendsig's
        // xfpusave does; the handler may clobber it, and the interrupted code needs it back.
        int xlen = ctl.readXstate(tid, b, XSTATE);
        long xaddr = 0;
        if (xlen > FXSAVE_SIZE) {
            sp = (sp - (xlen - FXSAVE_SIZE)) & ~63L;
            xaddr = sp;
        }
        sp = (sp - SF_SIZE) & ~15L;

        b.zero(FRAME, SF_SIZE);
        b.putLong(FRAME + SF_HANDLER, handler);
        int uc = FRAME + SF_UC;
        long oldMask = ctl.sigmask(tid);
        SigsetConverter.toFreebsd(oldMask, b, uc + UC_SIGMASK);
        int mc = uc + UC_MCONTEXT;
        b.putLong(mc + MC_ONSTACK, onStack ? 1 : 0);
        for (int i = 0; i < MC_GPRS.length; i++) {
            b.putLong(mc + MC_GPR_FIRST + 8 * i, regs.get(MC_GPRS[i]));
        }
        b.putLong(mc + MC_RIP, regs.rip());
        b.putLong(mc + MC_CS, UCODE_SEL);
        b.putLong(mc + MC_RFLAGS, regs.eflags());
        b.putLong(mc + MC_RSP, rsp);
        b.putLong(mc + MC_SS, UDATA_SEL);
        b.putInt(mc + MC_FLAGS, MC_HASSEGS | MC_HASBASES);
        b.putLong(mc + MC_LEN, MC_SIZE);
        boolean fpu;
        if (xaddr != 0) {
            b.copyTo(XSTATE, b, FPU, FXSAVE_SIZE);
            fpu = true;
            if (mem.write(xaddr, b, XSTATE + FXSAVE_SIZE, xlen - FXSAVE_SIZE) != xlen - FXSAVE_SIZE) {
                return stackFault(acts);
            }
            b.putLong(mc + MC_XFPUSTATE, xaddr);
            b.putLong(mc + MC_XFPUSTATE_LEN, xlen - FXSAVE_SIZE);
            b.putInt(mc + MC_FLAGS, MC_HASSEGS | MC_HASBASES | MC_HASFPXSTATE);
        } else {
            fpu = ctl.readFpu(tid, b, FPU);
        }
        b.putLong(mc + MC_FPFORMAT, MC_FPFMT_XMM);
        b.putLong(mc + MC_OWNEDFP, fpu ? MC_FPOWNED_FPU : MC_FPOWNED_NONE);
        b.putLong(mc + MC_FSBASE, regs.fsBase());
        b.putLong(mc + MC_GSBASE, regs.get(RegisterFile.GS_BASE));
        b.putLong(uc + UC_STACK + SS_SP, t.altSp());
        b.putLong(uc + UC_STACK + SS_SIZE, t.altSize());
        b.putInt(uc + UC_STACK + SS_FLAGS, t.altEnabled() ? (onStack ? SS_ONSTACK : 0) : SS_DISABLE);
        int si = FRAME + SF_SI;
        long addr = SiginfoConverter.toFreebsd(b, LSI, si, fsig);
        if (addr != 0) {
            b.putLong(mc + MC_ADDR, addr);
        }
        if (mem.write(sp, b, FRAME, SF_SIZE) != SF_SIZE) {
            return stackFault(acts);
        }
        boolean siginfo = (flags & SignalActions.SA_SIGINFO) != 0;
        regs.setRdi(fsig);
        regs.set(RegisterFile.RSI, siginfo ? sp + SF_SI : b.getInt(si + 8));
        regs.setRdx(sp + SF_UC);
        regs.set(RegisterFile.RCX, addr);
        regs.setRsp(sp);
        regs.setRip(p.sigcode());
        regs.setEflags(regs.eflags() & ~TF_DF);

        long newMask = oldMask | SigsetConverter.toLinux(acts.maskLo(fsig), acts.maskHi(fsig));
        if ((flags & SignalActions.SA_NODEFER) == 0) {
            newMask |= 1L << (lsig - 1);
        }
        ctl.setSigmask(tid, newMask & ~SigsetConverter.LINUX_UNBLOCKABLE);
        if ((flags & SignalActions.SA_RESETHAND) != 0) {
            acts.resetToDefault(fsig);
        }
        return 0;
    }
}
