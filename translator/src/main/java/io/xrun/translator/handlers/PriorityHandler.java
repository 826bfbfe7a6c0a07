package io.xrun.translator.handlers;

import io.xrun.maps.Errno;
import io.xrun.maps.SyscallRow;
import io.xrun.maps.ValueMap;
import io.xrun.translator.core.Call;
import io.xrun.translator.core.SyscallHandler;

/**
 * getpriority(which, who) and setpriority(which, who, prio). "which" goes through
 * prio-which.tsv. Linux's raw getpriority returns 20 - nice so that a result is never negative
 * (kernel/sys.c: "the syscall returns 40..1 instead of -20..19"); FreeBSD returns the nice value
 * itself (kern_resource.c sys_getpriority; a negative value is not an error there: CF is
 * clear). FreeBSD clamps prio to PRIO_MIN..PRIO_MAX (-20..20, donice), Linux to -20..19, so a
 * nice of 20 reads back as 19.
 */
public final class PriorityHandler implements SyscallHandler {
    private static final ValueMap WHICH = ValueMap.load("prio-which.tsv");
    /** Linux's getpriority bias (kernel/sys.c: niceval = 20 - task_nice). */
    private static final long LINUX_BIAS = 20;
    private final long linuxNumber;
    private final boolean get;

    public PriorityHandler(SyscallRow row) {
        this.linuxNumber = row.linuxNumber();
        this.get = row.name().equals("getpriority");
    }

    @Override
    public void enter(Call c) {
        long which = WHICH.toLinux((int) c.arg(0));
        if (which == ValueMap.NONE) {
            c.emulateError(Errno.FREEBSD_EINVAL);
            return;
        }
        c.runLinux(linuxNumber, which, (int) c.arg(1), get ? 0 : (int) c.arg(2), 0, 0, 0);
    }

    @Override
    public void exit(Call c) {
        c.returnValue(get ? LINUX_BIAS - c.linuxResult() : 0);
    }
}
