package io.xrun.translator.handlers;

import io.xrun.maps.Errno;
import io.xrun.maps.LinuxSyscalls;
import io.xrun.maps.SyscallRow;
import io.xrun.translator.core.Call;
import io.xrun.translator.core.SyscallHandler;
import io.xrun.translator.core.ThreadIds;
import io.xrun.translator.nativeapi.NativeBuffer;


/**
 * thr_set_name(id, name) (kern_thr.c): names a thread of the calling process; -1 or the
 * caller's own id names the caller; a name longer than MAXCOMLEN (19) is cut, NULL means "".
 * The caller's own name goes through prctl(PR_SET_NAME) (Linux keeps 15 bytes); another
 * thread's is written by the guest to /proc/self/task/TID/comm, the one place Linux lets a
 * process name a sibling thread (open, write, close: a chain of three calls).
 */
public final class ThrSetNameHandler implements SyscallHandler {
    private static final int PRCTL = LinuxSyscalls.require("prctl");
    private static final int OPENAT = LinuxSyscalls.require("openat");
    private static final int WRITE = LinuxSyscalls.require("write");
    private static final int CLOSE = LinuxSyscalls.require("close");
    /** Linux AT_FDCWD and O_WRONLY (include/uapi/linux/fcntl.h, asm-generic/fcntl.h). */
    private static final long AT_FDCWD = -100, O_WRONLY = 1;
    /** include/uapi/linux/prctl.h */
    private static final int PR_SET_NAME = 15;
    /** sys/sys/param.h MAXCOMLEN */
    private static final int MAXCOMLEN = 19;

    public ThrSetNameHandler(SyscallRow row) {
    }

    @Override
    public void enter(Call c) {
        long id = c.arg(0);
        int self = c.thread().guestTid();
        int tid = id == -1 ? self : ThreadIds.toLinux(id);
        if (tid < 0 || !c.process().hasGuestThread(tid)) {
            c.emulateError(Errno.FREEBSD_ESRCH);
            return;
        }
        NativeBuffer b = c.buffer();
        b.zero(0, MAXCOMLEN + 1);
        int n = 0;
        if (c.arg(1) != 0) {
            // copyinstr, cut at MAXCOMLEN as kern_thr.c does on ENAMETOOLONG
            long r = c.memory().readCString(c.arg(1), b, 0, MAXCOMLEN);
            if (r < 0) {
                c.emulateError(Errno.FREEBSD_EFAULT);
                return;
            }
            n = (int) r;
            b.putByte(n, (byte) 0);
        }
        if (tid == self) {
            if (!c.copyOut(c.scratch(), 0, MAXCOMLEN + 1)) {
                return;
            }
            c.linuxArg(0, PR_SET_NAME);
            c.linuxArg(1, c.scratch());
            c.runLinux(PRCTL);
            return;
        }
        // Another thread: Linux lets only the thread's own process write its comm, so the
        // guest does it: open /proc/self/task/TID/comm, write the name, close.
        String path = "/proc/self/task/" + tid + "/comm";
        b.putCString(256, path);
        c.stash[0] = n;
        if (!c.copyOut(c.scratch(), 0, 256 + path.length() + 1)) {
            return;
        }
        c.linuxArg(0, AT_FDCWD);
        c.linuxArg(1, c.scratch() + 256);
        c.linuxArg(2, O_WRONLY);
        c.linuxArg(3, 0);
        c.runLinux(OPENAT);
    }

    @Override
    public void exit(Call c) {
        if (c.step() == 0 && c.intArg(0) != -1 && c.linuxNumber() == OPENAT) {
            c.stash[1] = c.linuxResult();
            c.then(WRITE, c.stash[1], c.scratch(), c.stash[0], 0, 0, 0);
        } else if (c.step() == 1) {
            c.then(CLOSE, c.stash[1], 0, 0, 0, 0, 0);
        }
        c.returnValue(0);
    }

    @Override
    public void exitFailed(Call c) {
        if (c.step() == 0 && c.linuxNumber() == OPENAT) {
            c.returnError(Errno.FREEBSD_ESRCH); // the thread is gone
            return;
        }
        if (c.step() == 1) {
            c.then(CLOSE, c.stash[1], 0, 0, 0, 0, 0);
        }
        c.returnValue(0);
    }
}
