package io.xrun.translator.handlers;

import io.xrun.maps.Errno;
import io.xrun.maps.LinuxSyscalls;
import io.xrun.maps.SyscallRow;
import io.xrun.translator.core.Call;
import io.xrun.translator.core.SyscallHandler;
import io.xrun.translator.core.ThreadIds;

/**
 * cpuset_getaffinity/cpuset_setaffinity(level, which, id, cpusetsize, mask) on
 * sched_getaffinity/sched_setaffinity. FreeBSD (sys/kern/kern_cpuset.c) takes exactly
 * sizeof(cpuset_t) here: cpusetsize below it or above CPU_MAXSIZE/NBBY is ERANGE; both are 128
 * bytes on amd64 (sys/sys/_cpuset.h CPU_MAXSIZE 1024, CPU_SETSIZE = CPU_MAXSIZE). The result
 * is 0, and get fills the whole mask (Linux writes only its own cpumask size, so the mask is
 * zeroed first). which: CPU_WHICH_TID 1 (id a thread id), CPU_WHICH_PID 2 (a pid), -1 = the
 * caller (sys/sys/cpuset.h). Other levels and which values (cpuset ids, IRQs, jails,
 * domains) have no Linux counterpart: EINVAL.
 */
public final class CpusetAffinityHandler implements SyscallHandler {
    static final int CPUSET_BYTES = 128;
    /** sys/sys/cpuset.h */
    static final int CPU_LEVEL_ROOT = 1, CPU_LEVEL_CPUSET = 2, CPU_LEVEL_WHICH = 3;
    static final int CPU_WHICH_TID = 1, CPU_WHICH_PID = 2;
    private final boolean set;
    private final long linuxNumber;

    public CpusetAffinityHandler(SyscallRow row) {
        this.set = row.name().equals("cpuset_setaffinity");
        this.linuxNumber = LinuxSyscalls.require(set ? "sched_setaffinity" : "sched_getaffinity");
    }

    @Override
    public void enter(Call c) {
        int level = c.intArg(0);
        int which = c.intArg(1);
        long id = c.arg(2);
        long size = c.arg(3);
        long mask = c.arg(4);
        if (size != CPUSET_BYTES) {
            c.emulateError(Errno.FREEBSD_ERANGE);
            return;
        }
        if (level < CPU_LEVEL_ROOT || level > CPU_LEVEL_WHICH || (which != CPU_WHICH_TID && which != CPU_WHICH_PID)) {
            c.emulateError(Errno.FREEBSD_EINVAL);
            return;
        }
        long target;
        if (id == -1) {
            target = which == CPU_WHICH_TID ? c.thread().guestTid() : c.process().guestPid();
        } else if (which == CPU_WHICH_TID) {
            target = ThreadIds.toLinux(id);
            if (target < 0) {
                c.emulateError(Errno.FREEBSD_ESRCH);
                return;
            }
        } else {
            target = id;
        }
        if (!set) {
            c.buffer().zero(0, CPUSET_BYTES);
            if (!c.copyOut(mask, 0, CPUSET_BYTES)) {
                return;
            }
        }
        c.linuxArg(0, target);
        c.linuxArg(1, CPUSET_BYTES);
        c.linuxArg(2, mask);
        c.runLinux(linuxNumber);
    }

    @Override
    public void exit(Call c) {
        c.returnValue(0);
    }
}
