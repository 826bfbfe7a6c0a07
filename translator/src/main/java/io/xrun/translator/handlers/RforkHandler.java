package io.xrun.translator.handlers;

import io.xrun.maps.ConstantTable;
import io.xrun.maps.Errno;
import io.xrun.maps.LinuxSyscalls;
import io.xrun.maps.Signals;
import io.xrun.maps.SyscallRow;
import io.xrun.translator.core.Call;
import io.xrun.translator.core.SyscallHandler;

/**
 * rfork(flags) on clone, with fork's two-value return (sys/kern/kern_fork.c sys_rfork and
 * fork1; flags in rfork-flags.tsv). With RFPROC: a new process, sharing the address space
 * with RFMEM (CLONE_VM) and the fd table unless RFFDG copies it (CLONE_FILES); its exit
 * signal is SIGCHLD, or with RFTSIGZMB the one in bits 20..27 (0: none). RFSPAWN alone is
 * vfork. Without RFPROC the caller itself changes: RFFDG unshares its fd table, the plan9
 * flags do nothing. The child gets FreeBSD's return state at its first stop
 * ({@link ForkHandler#startChild}).
 */
public final class RforkHandler implements SyscallHandler {
    private static final ConstantTable F = ConstantTable.load("rfork-flags.tsv");
    private static final long RFFDG = f("RFFDG"), RFPROC = f("RFPROC"), RFMEM = f("RFMEM"), RFCFDG = f("RFCFDG"),
            RFSTOPPED = f("RFSTOPPED"), RFTSIGZMB = f("RFTSIGZMB"), RFSPAWN = f("RFSPAWN");
    /** Accepted and ignored: FreeBSD does not implement the plan9 ones either; RFHIGHPID holds anyway. */
    private static final long IGNORED = f("RFNAMEG") | f("RFENVG") | f("RFNOTEG") | f("RFCNAMEG") | f("RFCENVG")
            | f("RFHIGHPID");
    private static final long CARRIED = RFFDG | RFPROC | RFMEM | RFTSIGZMB | IGNORED;
    private static final int RFTSIGSHIFT = 20, RFTSIGMASK = 0xff;
    private static final long CLONE_VM = F.linux("RFMEM"), CLONE_VFORK_VM = F.linux("RFSPAWN");
    /** Linux include/uapi/linux/sched.h: CLONE_FILES; SIGCHLD as the exit signal. */
    private static final long CLONE_FILES = 0x400, LINUX_SIGCHLD = 17;
    private static final int CLONE = LinuxSyscalls.require("clone");
    private static final int UNSHARE = LinuxSyscalls.require("unshare");

    public RforkHandler(SyscallRow row) {
    }

    private static long f(String n) {
        return F.freebsd(n);
    }

    @Override
    public void enter(Call c) {
        long flags = c.arg(0) & 0xffffffffL;
        if ((flags & RFSTOPPED) != 0 || (flags & RFSPAWN) != 0 && flags != RFSPAWN
                || (flags & (RFFDG | RFCFDG)) == (RFFDG | RFCFDG)) {
            c.emulateError(Errno.FREEBSD_EINVAL);
            return;
        }
        if (flags == RFSPAWN) {
            clone(c, CLONE_VFORK_VM | LINUX_SIGCHLD);
            return;
        }
        long other = flags & ~CARRIED & ~((long) RFTSIGMASK << RFTSIGSHIFT);
        if (other != 0) {
            System.err.println("xrun: rfork(" + F.entries().stream().filter(e -> (other & e.freebsd()) != 0)
                    .map(ConstantTable.Entry::name).reduce((a, b) -> a + "|" + b).orElse("0x" + Long.toHexString(other))
                    + ") is not supported by xrun; returning EINVAL");
            c.emulateError(Errno.FREEBSD_EINVAL);
            return;
        }
        if ((flags & RFPROC) == 0) {
            if ((flags & RFFDG) != 0) {
                c.linuxArg(0, CLONE_FILES);
                c.runLinux(UNSHARE);
            } else {
                c.emulate(0);
            }
            return;
        }
        long exitSig = LINUX_SIGCHLD;
        if ((flags & RFTSIGZMB) != 0) {
            int sig = (int) (flags >>> RFTSIGSHIFT) & RFTSIGMASK;
            exitSig = sig == 0 ? 0 : Signals.toLinux(sig);
            if (sig > 128 || (sig != 0 && exitSig == 0)) {
                c.emulateError(Errno.FREEBSD_EINVAL);
                return;
            }
        }
        clone(c, exitSig | ((flags & RFMEM) != 0 ? CLONE_VM : 0) | ((flags & RFFDG) == 0 ? CLONE_FILES : 0));
    }

    private static void clone(Call c, long cloneFlags) {
        c.spawnsProcess();
        // newsp 0: the child runs on the caller's stack, as after fork
        c.runLinux(CLONE, cloneFlags, 0, 0, 0, 0, 0);
    }

    @Override
    public void exit(Call c) {
        long flags = c.arg(0) & 0xffffffffL;
        if ((flags & RFPROC) == 0 && flags != RFSPAWN) {
            c.returnValue(0);
            return;
        }
        c.returnValue(c.linuxResult(), 0);
    }
}
