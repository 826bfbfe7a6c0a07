package io.xrun.translator.handlers;

import io.xrun.maps.Errno;
import io.xrun.maps.FlagMap;
import io.xrun.maps.LinuxSyscalls;
import io.xrun.maps.Signals;
import io.xrun.maps.SyscallRow;
import io.xrun.translator.core.Call;
import io.xrun.translator.core.GuestProcess;
import io.xrun.translator.core.SyscallHandler;
import io.xrun.translator.nativeapi.NativeBuffer;
import io.xrun.translator.signals.Sigcode;
import io.xrun.translator.signals.SignalActions;

/**
 * sigaction(sig, act, oact). FreeBSD struct sigaction (sys/sys/signal.h): handler at 0,
 * sa_flags at 8, sa_mask (16 bytes) at 12; 32 bytes. Signal numbers 1..128 (_SIG_MAXSIG);
 * SIGKILL and SIGSTOP cannot be caught or ignored (EINVAL).
 *
 * <p>The FreeBSD dispositions live in the process's {@link SignalActions}: xrun delivers
 * FreeBSD handlers itself, on FreeBSD frames. The kernel is told what it must still know:
 * SIG_IGN and SIG_DFL as they are (the kernel discards ignored signals, and SIGCHLD's
 * SA_NOCLDSTOP/SA_NOCLDWAIT change what it does), and for a handler a Linux action that never
 * runs (every signal stops at the tracer first) but keeps the signal "caught": the sigcode
 * address with SA_RESTORER. The first handler of a process maps the sigcode page first (a
 * prelude mmap), as FreeBSD's shared page holds it. Signals with no Linux number (SIGTHR,
 * SIGLIBRT, SIGINFO, SIGEMT) are recorded only.
 */
public final class SigactionHandler implements SyscallHandler {
    private static final FlagMap FLAGS = FlagMap.load("sigaction-flags.tsv");
    private static final int MMAP = LinuxSyscalls.require("mmap");
    /** Linux include/uapi/asm-generic/mman-common.h, mman.h and arch/x86 signal.h. */
    private static final long PROT_READ = 1, PROT_EXEC = 4, MAP_PRIVATE = 2, MAP_ANONYMOUS = 0x20;
    private static final long SA_RESTORER = 0x04000000L;
    private static final int SIGKILL = 9, SIGSTOP = 17;
    /** FreeBSD SA_NOCLDSTOP | SA_NOCLDWAIT (sys/sys/signal.h): the flags the kernel acts on itself. */
    private static final long KERNEL_FLAGS = 0x8 | 0x20;
    private final long linuxNumber;

    public SigactionHandler(SyscallRow row) {
        this.linuxNumber = row.linuxNumber();
    }

    @Override
    public void enter(Call c) {
        int sig = c.intArg(0);
        long act = c.arg(1);
        long oact = c.arg(2);
        if (sig <= 0 || sig > SignalActions.MAXSIG) {
            c.emulateError(Errno.FREEBSD_EINVAL);
            return;
        }
        GuestProcess p = c.process();
        SignalActions acts = p.actions();
        NativeBuffer b = c.buffer();
        c.stash[0] = 0;
        if (act != 0) {
            if (!c.copyIn(act, 0, 32)) {
                return;
            }
            long handler = b.getLong(0);
            if (sig == SIGKILL || sig == SIGSTOP) {
                c.emulateError(Errno.FREEBSD_EINVAL);
                return;
            }
            c.stash[0] = 1;
            c.stash[1] = handler;
            c.stash[2] = b.getInt(8) & 0xffffffffL;
            c.stash[3] = b.getLong(12);
            c.stash[4] = b.getLong(20);
            if (handler != SignalActions.SIG_DFL && handler != SignalActions.SIG_IGN && p.sigcode() == 0
                    && !mapSigcode(c)) {
                return;
            }
        }
        if (oact != 0) {
            b.zero(64, 32);
            b.putLong(64, acts.handler(sig));
            b.putInt(72, acts.flags(sig));
            b.putLong(76, acts.maskLo(sig));
            b.putLong(84, acts.maskHi(sig));
            if (!c.copyOut(oact, 64, 32)) {
                return;
            }
        }
        int lsig = Signals.toLinux(sig);
        if (act == 0 || lsig == 0) {
            commit(c);
            c.emulate(0);
            return;
        }
        long handler = c.stash[1];
        long lflags = FLAGS.toLinux(c.stash[2] & KERNEL_FLAGS);
        long lhandler = handler;
        if (handler != SignalActions.SIG_DFL && handler != SignalActions.SIG_IGN) {
            lhandler = p.sigcode();
            lflags |= SA_RESTORER;
        }
        long scratch = c.scratch();
        b.zero(96, 32);
        b.putLong(96, lhandler);
        b.putLong(104, lflags);
        if ((lflags & SA_RESTORER) != 0) {
            b.putLong(112, p.sigcode());
        }
        if (!c.copyOut(scratch, 96, 32)) {
            return;
        }
        c.linuxArg(0, lsig);
        c.linuxArg(1, scratch);
        c.linuxArg(2, 0);
        c.linuxArg(3, 8);
        c.runLinux(linuxNumber);
    }

    /**
     * Maps the sigcode page with a prelude mmap, then (at the re-executed entry) writes the
     * trampoline. Returns true when the page is there and the call may go on.
     */
    private static boolean mapSigcode(Call c) {
        GuestProcess p = c.process();
        if (!c.hasPreludeResult()) {
            c.linuxArg(0, 0);
            c.linuxArg(1, Sigcode.PAGE);
            c.linuxArg(2, PROT_READ | PROT_EXEC);
            c.linuxArg(3, MAP_PRIVATE | MAP_ANONYMOUS);
            c.linuxArg(4, -1);
            c.linuxArg(5, 0);
            c.prelude(MMAP);
            return false;
        }
        long addr = c.preludeResult();
        if (addr < 0 && addr >= -4095) {
            c.emulateError(Errno.FREEBSD_ENOMEM);
            return false;
        }
        NativeBuffer b = c.buffer();
        Sigcode.put(b, 0);
        if (!c.control().writeForce(p.pid(), addr, b, 0, Sigcode.length())) {
            c.emulateError(Errno.FREEBSD_ENOMEM);
            return false;
        }
        p.setSigcode(addr);
        return true;
    }

    private static void commit(Call c) {
        if (c.stash[0] == 0) {
            return;
        }
        int sig = c.intArg(0);
        GuestProcess p = c.process();
        p.actions().set(sig, c.stash[1], (int) c.stash[2], c.stash[3], c.stash[4]);
        if (sig == Signals.FREEBSD_SIGSYS) {
            p.setSigsysIgnored(c.stash[1] == SignalActions.SIG_IGN);
        }
    }

    @Override
    public void exit(Call c) {
        commit(c);
        c.returnValue(0);
    }
}
