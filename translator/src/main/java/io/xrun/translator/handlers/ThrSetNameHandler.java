package io.xrun.translator.handlers;

import io.xrun.maps.Errno;
import io.xrun.maps.LinuxSyscalls;
import io.xrun.maps.SyscallRow;
import io.xrun.translator.core.Call;
import io.xrun.translator.core.SyscallHandler;
import io.xrun.translator.core.ThreadIds;
import io.xrun.translator.nativeapi.NativeBuffer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * thr_set_name(id, name) (kern_thr.c): names a thread of the calling process; -1 or the
 * caller's own id names the caller; a name longer than MAXCOMLEN (19) is cut, NULL means "".
 * The caller's own name goes through prctl(PR_SET_NAME) (Linux keeps 15 bytes); another
 * thread's is written to /proc/PID/task/TID/comm, the one place Linux lets a process name a
 * sibling thread.
 */
public final class ThrSetNameHandler implements SyscallHandler {
    private static final int PRCTL = LinuxSyscalls.require("prctl");
    /** include/uapi/linux/prctl.h */
    private static final int PR_SET_NAME = 15;
    /** sys/sys/param.h MAXCOMLEN */
    private static final int MAXCOMLEN = 19;

    public ThrSetNameHandler(SyscallRow row) {
    }

    @Override
    public void enter(Call c) {
        long id = c.arg(0);
        int self = c.thread().tid();
        int tid = id == -1 ? self : ThreadIds.toLinux(id);
        if (tid < 0 || !c.process().hasThread(tid)) {
            c.emulateError(Errno.toFreebsd(3)); // ESRCH
            return;
        }
        NativeBuffer b = c.buffer();
        b.zero(0, MAXCOMLEN + 1);
        int n = 0;
        if (c.arg(1) != 0) {
            // copyinstr of at most MAXCOMLEN+1 bytes; a read that crosses into an unmapped
            // page is retried byte by byte.
            if (c.memory().read(c.arg(1), b, 0, MAXCOMLEN) != MAXCOMLEN) {
                for (n = 0; n < MAXCOMLEN; n++) {
                    if (c.memory().read(c.arg(1) + n, b, n, 1) != 1) {
                        if (n == 0) {
                            c.emulateError(Errno.FREEBSD_EFAULT);
                            return;
                        }
                        break;
                    }
                    if (b.getByte(n) == 0) {
                        break;
                    }
                }
            }
            b.putByte(MAXCOMLEN, (byte) 0);
            for (n = 0; n < MAXCOMLEN && b.getByte(n) != 0; n++) {
                // length
            }
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
        byte[] name = new byte[n];
        for (int i = 0; i < n; i++) {
            name[i] = b.getByte(i);
        }
        try {
            Files.write(Path.of("/proc/" + c.process().pid() + "/task/" + tid + "/comm"), name);
        } catch (IOException e) {
            // The thread exited meanwhile: FreeBSD would have said ESRCH.
            c.emulateError(Errno.toFreebsd(3));
            return;
        }
        c.emulate(0);
    }

    @Override
    public void exit(Call c) {
        c.returnValue(0);
    }
}
