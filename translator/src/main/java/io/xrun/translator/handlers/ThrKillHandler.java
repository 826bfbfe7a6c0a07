package io.xrun.translator.handlers;

import io.xrun.maps.Errno;
import io.xrun.maps.LinuxSyscalls;
import io.xrun.maps.Signals;
import io.xrun.maps.SyscallRow;
import io.xrun.translator.core.Call;
import io.xrun.translator.core.GuestProcess;
import io.xrun.translator.core.SyscallHandler;
import io.xrun.translator.core.ThreadIds;

/**
 * thr_kill(id, sig) and thr_kill2(pid, id, sig) on tgkill, with the FreeBSD thread id and
 * signal number translated (kern_thr.c). thr_kill(-1, sig) signals every other thread of the
 * process: one tgkill each, chained. A thread id that is not one of the process's threads is
 * ESRCH; signal 0 only checks.
 */
public final class ThrKillHandler implements SyscallHandler {
    private static final int TGKILL = LinuxSyscalls.require("tgkill");
    /** FreeBSD's pid for "this process" in thr_kill2 is a real pid; -1 ids mean "all threads". */
    private final boolean kill2;

    public ThrKillHandler(SyscallRow row) {
        this.kill2 = row.name().equals("thr_kill2");
    }

    @Override
    public void enter(Call c) {
        GuestProcess p = c.process();
        int pid = kill2 ? c.intArg(0) : p.guestPid();
        long id = c.arg(kill2 ? 1 : 0);
        int sig = c.intArg(kill2 ? 2 : 1);
        int lsig = 0;
        if (sig != 0) {
            lsig = Signals.toLinux(sig);
            if (sig < 0 || sig > 128 || lsig == 0) {
                c.emulateError(Errno.FREEBSD_EINVAL);
                return;
            }
        }
        c.stash[0] = lsig;
        c.stash[1] = 0; // no chain unless thr_kill(-1): stash holds other calls' values
        if (pid == p.guestPid() && id == -1) {
            // Every thread but the caller; ESRCH when there is none (kern_thr.c).
            int next = nextOther(c, 0);
            if (next < 0) {
                c.emulateError(Errno.FREEBSD_ESRCH);
                return;
            }
            if (lsig == 0) {
                c.emulate(0);
                return;
            }
            c.stash[1] = next + 1;
            tgkill(c, p.guestPid(), p.guestTidAt(next), lsig);
            return;
        }
        int tid = ThreadIds.toLinux(id);
        if (tid < 0 || (pid == p.guestPid() && !p.hasGuestThread(tid))) {
            c.emulateError(Errno.FREEBSD_ESRCH);
            return;
        }
        tgkill(c, pid, tid, lsig);
    }

    private static void tgkill(Call c, int pid, int tid, int lsig) {
        c.linuxArg(0, pid);
        c.linuxArg(1, tid);
        c.linuxArg(2, lsig);
        c.runLinux(TGKILL);
    }

    /** Index of the next thread other than the caller at or after i, or -1. */
    private static int nextOther(Call c, int i) {
        GuestProcess p = c.process();
        for (; i < p.threadCount(); i++) {
            if (p.guestTidAt(i) != c.thread().guestTid()) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public void exit(Call c) {
        c.returnValue(0);
        if (c.stash[1] > 0) {
            int next = nextOther(c, (int) c.stash[1]);
            if (next >= 0) {
                c.stash[1] = next + 1;
                GuestProcess p = c.process();
                c.then(TGKILL, p.guestPid(), p.guestTidAt(next), c.stash[0], 0, 0, 0);
            }
        }
    }
}
