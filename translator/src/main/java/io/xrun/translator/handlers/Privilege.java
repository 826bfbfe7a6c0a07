package io.xrun.translator.handlers;

import io.xrun.maps.Errno;
import io.xrun.maps.LinuxSyscalls;
import io.xrun.translator.core.Call;

/**
 * FreeBSD's priv_check for the calls xrun answers or checks itself (clock_settime,
 * settimeofday, adjtime, sched_setscheduler, kenv SET/UNSET): privilege is euid 0, asked with
 * a geteuid prelude (sys/kern/kern_priv.c: without MAC or jails, root has every privilege).
 */
final class Privilege {
    private static final int NR_GETEUID = LinuxSyscalls.require("geteuid");

    private Privilege() {
    }

    /**
     * True when the caller is privileged and the handler may go on; false when the call is
     * already set up (the geteuid prelude) or answered (EPERM), and the handler returns.
     */
    static boolean check(Call c) {
        if (!c.hasPreludeResult()) {
            c.prelude(NR_GETEUID);
            return false;
        }
        if (c.preludeResult() != 0) {
            c.emulateError(Errno.FREEBSD_EPERM);
            return false;
        }
        return true;
    }
}
