package io.xrun.translator.ptrace;

import io.xrun.translator.core.ThreadControl;
import io.xrun.translator.nativeapi.LibC;
import io.xrun.translator.nativeapi.Native;
import io.xrun.translator.nativeapi.NativeBuffer;
import io.xrun.translator.nativeapi.Ptrace;

/**
 * {@link ThreadControl} for a stopped tracee: PTRACE_GETSIGMASK/SETSIGMASK (Linux 3.11; the
 * get reports the mask sigsuspend will restore, and the set cancels that restore), and
 * PTRACE_GETFPREGS/SETFPREGS (the 512-byte FXSAVE image of user_i387_struct). Forced writes go
 * through /proc/PID/mem, which lets a tracer write read-only private mappings.
 */
final class PtraceThreadControl implements ThreadControl {
    private static final int O_RDWR = 2;
    private final NativeBuffer mask = new NativeBuffer(8);
    private final NativeBuffer fpu = new NativeBuffer(FPU_SIZE);
    private final LibC c = Native.LIBC;
    /** Large enough for any XSAVE layout up to AVX-512 with AMX tiles excluded (CPUID 0xd reports ~2.7 KiB). */
    static final int XSTATE_MAX = 16384;
    private final NativeBuffer iov = new NativeBuffer(16);
    private final io.xrun.translator.nativeapi.RemoteFd remote = new io.xrun.translator.nativeapi.RemoteFd();

    @Override
    public long sigmask(int tid) {
        mask.putLong(0, 0);
        Ptrace.request(Ptrace.PTRACE_GETSIGMASK, tid, 8, mask.address());
        return mask.getLong(0);
    }

    @Override
    public void setSigmask(int tid, long linuxMask) {
        mask.putLong(0, linuxMask);
        Ptrace.request(Ptrace.PTRACE_SETSIGMASK, tid, 8, mask.address());
    }

    @Override
    public boolean readFpu(int tid, NativeBuffer b, int off) {
        if (Ptrace.request(Ptrace.PTRACE_GETFPREGS, tid, 0, fpu.address()) < 0) {
            return false;
        }
        fpu.copyTo(0, b, off, FPU_SIZE);
        return true;
    }

    @Override
    public boolean writeFpu(int tid, NativeBuffer b, int off) {
        b.copyTo(off, fpu, 0, FPU_SIZE);
        return Ptrace.request(Ptrace.PTRACE_SETFPREGS, tid, 0, fpu.address()) >= 0;
    }

    @Override
    public int readXstate(int tid, NativeBuffer b, int off) {
        iov.putLong(0, b.address() + off);
        iov.putLong(8, XSTATE_MAX);
        if (Ptrace.request(Ptrace.PTRACE_GETREGSET, tid, Ptrace.NT_X86_XSTATE, iov.address()) < 0) {
            return 0;
        }
        return (int) iov.getLong(8);
    }

    @Override
    public boolean writeXstate(int tid, NativeBuffer b, int off, int len) {
        iov.putLong(0, b.address() + off);
        iov.putLong(8, len);
        return Ptrace.request(Ptrace.PTRACE_SETREGSET, tid, Ptrace.NT_X86_XSTATE, iov.address()) >= 0;
    }

    @Override
    public long readable(int pid, int fd) {
        return remote.readable(pid, fd);
    }

    @Override
    public boolean bumpEventfd(int pid, int fd) {
        return remote.bumpEventfd(pid, fd);
    }

    @Override
    public boolean writeForce(int pid, long addr, NativeBuffer b, int off, int len) {
        int fd = c.open("/proc/" + pid + "/mem", O_RDWR);
        if (fd < 0) {
            return false;
        }
        try {
            return c.pwrite(fd, b.address() + off, len, addr) == len;
        } finally {
            c.close(fd);
        }
    }
}
