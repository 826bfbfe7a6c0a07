package io.xrun.translator.handlers;

import io.xrun.maps.SyscallRow;
import io.xrun.translator.core.Call;
import io.xrun.translator.core.RegisterFile;
import io.xrun.translator.core.SyscallHandler;

/**
 * fork() and vfork() on Linux fork/vfork. FreeBSD returns two values (sys/amd64/amd64/
 * vm_machdep.c cpu_fork, kern_fork.c): the parent gets the child's pid in rax and 0 in rdx,
 * the child 0 in rax and 1 in rdx, carry clear. The parent's side is the exit here; the
 * child starts with a copy of the registers at the call and never passes an exit stop (the
 * kernel clears syscall tracing in children), so the supervisor applies {@link #startChild}
 * at its first stop. The argument registers are untouched at entry, so the child inherits
 * the guest's own.
 */
public final class ForkHandler implements SyscallHandler {
    private final long linuxNumber;

    public ForkHandler(SyscallRow row) {
        this.linuxNumber = row.linuxNumber();
    }

    @Override
    public void enter(Call c) {
        c.runLinux(linuxNumber);
    }

    @Override
    public void exit(Call c) {
        c.returnValue(c.linuxResult(), 0);
    }

    /** A fork child's FreeBSD return state: rax 0, rdx 1, carry clear. */
    public static void startChild(RegisterFile regs) {
        regs.setRax(0);
        regs.setRdx(1);
        regs.setEflags(regs.eflags() & ~RegisterFile.CF);
    }
}
