package io.xrun.translator.handlers;

import io.xrun.maps.Errno;
import io.xrun.maps.SyscallRow;
import io.xrun.translator.core.Call;
import io.xrun.translator.core.SyscallHandler;
import io.xrun.translator.core.ThreadIds;

/**
 * rtprio_thread(function, lwpid, rtp) (sys/kern/kern_resource.c, sys/sys/rtprio.h). xrun runs
 * every thread in the time-sharing class: RTP_LOOKUP reports {RTP_PRIO_NORMAL, 0}; RTP_SET
 * accepts that same setting and refuses real-time and idle classes with EPERM, FreeBSD's
 * answer to an unprivileged caller. struct rtprio: u_short type, u_short prio.
 */
public final class RtprioThreadHandler implements SyscallHandler {
    static final int RTP_LOOKUP = 0, RTP_SET = 1;
    static final int RTP_PRIO_NORMAL = 3;

    public RtprioThreadHandler(SyscallRow row) {
    }

    @Override
    public void enter(Call c) {
        int function = c.intArg(0);
        long lwpid = c.arg(1);
        if (lwpid != 0 && lwpid != -1) {
            int tid = ThreadIds.toLinux(lwpid);
            if (tid < 0 || !c.process().hasThread(tid)) {
                c.emulateError(Errno.FREEBSD_ESRCH);
                return;
            }
        }
        if (function == RTP_LOOKUP) {
            c.buffer().putShort(0, (short) RTP_PRIO_NORMAL);
            c.buffer().putShort(2, (short) 0);
            if (c.copyOut(c.arg(2), 0, 4)) {
                c.emulate(0);
            }
        } else if (function == RTP_SET) {
            if (!c.copyIn(c.arg(2), 0, 4)) {
                return;
            }
            if (c.buffer().getShort(0) == RTP_PRIO_NORMAL && c.buffer().getShort(2) == 0) {
                c.emulate(0);
            } else {
                c.emulateError(Errno.FREEBSD_EPERM);
            }
        } else {
            c.emulateError(Errno.FREEBSD_EINVAL);
        }
    }
}
