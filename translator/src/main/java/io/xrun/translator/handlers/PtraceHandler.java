package io.xrun.translator.handlers;

import io.xrun.maps.Errno;
import io.xrun.maps.SyscallRow;
import io.xrun.translator.core.Call;
import io.xrun.translator.core.SyscallHandler;

/**
 * ptrace(req, pid, addr, data): xrun is the tracer of every guest process, and Linux lets a
 * task have one tracer, so no guest process can trace another. Guests behave as FreeBSD
 * processes whose tracing was disabled with procctl(PROC_TRACE_CTL, PROC_TRACE_CTL_DISABLE):
 * every request fails with EPERM (sys/kern/sys_process.c kern_ptrace: P2_NOTRACE; PT_TRACE_ME
 * included), and procctl(PROC_TRACE_STATUS) reports -1 ("tracing disabled").
 */
public final class PtraceHandler implements SyscallHandler {
    public PtraceHandler(SyscallRow row) {
    }

    @Override
    public void enter(Call c) {
        c.emulateError(Errno.FREEBSD_EPERM);
    }
}
