package io.xrun.translator.handlers;

import io.xrun.maps.ConstantTable;
import io.xrun.maps.Errno;
import io.xrun.maps.Signals;
import io.xrun.maps.SyscallRow;
import io.xrun.maps.ValueMap;
import io.xrun.translator.core.Call;
import io.xrun.translator.core.SyscallHandler;

/**
 * procctl(idtype, id, cmd, data) on prctl, for the commands that act on the caller itself
 * (sys/kern/kern_procctl.c; commands in procctl-cmds.tsv):
 * <ul>
 * <li>PROC_PDEATHSIG_CTL (*data: a signal, 0 to clear) and PROC_PDEATHSIG_STATUS: only for
 * idtype P_PID and id 0 or the caller's pid (EINVAL otherwise), as FreeBSD allows; the signal
 * number translated both ways;
 * <li>PROC_REAP_ACQUIRE / PROC_REAP_RELEASE: PR_SET_CHILD_SUBREAPER 1 / 0 for the caller;
 * <li>PROC_TRACE_STATUS: -1, tracing disabled (xrun is every guest's tracer: PtraceHandler).
 * </ul>
 * The other commands (reaper status and kill, trace control, ASLR, stack gap, no-new-privs, W^X
 * control) are EINVAL: partial.
 */
public final class ProcctlHandler implements SyscallHandler {
    private static final ConstantTable CMDS = ConstantTable.load("procctl-cmds.tsv");
    private static final ValueMap OPTIONS = ValueMap.of(CMDS);
    private static final long PDEATHSIG_CTL = CMDS.freebsd("PROC_PDEATHSIG_CTL"),
            PDEATHSIG_STATUS = CMDS.freebsd("PROC_PDEATHSIG_STATUS"), REAP_ACQUIRE = CMDS.freebsd("PROC_REAP_ACQUIRE"),
            REAP_RELEASE = CMDS.freebsd("PROC_REAP_RELEASE"), TRACE_STATUS = CMDS.freebsd("PROC_TRACE_STATUS");
    /** FreeBSD P_PID (sys/sys/wait.h idtype_t), the only selection these commands take here. */
    private static final long P_PID = 0;
    private final long linuxNumber;

    public ProcctlHandler(SyscallRow row) {
        this.linuxNumber = row.linuxNumber();
    }

    @Override
    public void enter(Call c) {
        long cmd = c.arg(2);
        long data = c.arg(3);
        if (c.arg(0) != P_PID || (c.arg(1) != 0 && c.arg(1) != c.process().guestPid())) {
            c.emulateError(Errno.FREEBSD_EINVAL);
            return;
        }
        long option = OPTIONS.toLinux(cmd);
        if (cmd == PDEATHSIG_CTL) {
            if (!c.copyIn(data, 0, 4)) {
                return;
            }
            int sig = c.buffer().getInt(0);
            int lsig = sig == 0 ? 0 : Signals.toLinux(sig);
            if (sig < 0 || sig > 128 || (sig != 0 && lsig == 0)) {
                c.emulateError(Errno.FREEBSD_EINVAL);
                return;
            }
            prctl(c, option, lsig);
        } else if (cmd == PDEATHSIG_STATUS) {
            prctl(c, option, data);
        } else if (cmd == TRACE_STATUS) {
            // Tracing is xrun's (see PtraceHandler): -1, "disabled" (procctl(2)).
            c.buffer().putInt(0, -1);
            if (c.copyOut(data, 0, 4)) {
                c.emulate(0);
            }
        } else if (cmd == REAP_ACQUIRE || cmd == REAP_RELEASE) {
            prctl(c, option, cmd == REAP_ACQUIRE ? 1 : 0);
        } else {
            c.emulateError(Errno.FREEBSD_EINVAL);
        }
    }

    private void prctl(Call c, long option, long arg) {
        c.runLinux(linuxNumber, option, arg, 0, 0, 0, 0);
    }

    @Override
    public void exit(Call c) {
        if (c.arg(2) == PDEATHSIG_STATUS) {
            // Linux wrote its own signal number there.
            if (!c.copyIn(c.arg(3), 0, 4)) {
                return;
            }
            int l = c.buffer().getInt(0);
            c.buffer().putInt(0, l == 0 ? 0 : Signals.toFreebsd(l));
            if (!c.copyOut(c.arg(3), 0, 4)) {
                return;
            }
        }
        c.returnValue(0);
    }
}
