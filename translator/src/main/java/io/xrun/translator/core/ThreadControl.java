package io.xrun.translator.core;

import io.xrun.translator.nativeapi.NativeBuffer;

/**
 * Per-thread kernel state that is not in the general registers or in memory, which signal
 * delivery and sigreturn must read and write: the blocked-signal mask and the FPU/SSE state.
 * The interception mechanism provides it (ptrace: PTRACE_GET/SETSIGMASK, PTRACE_GET/SETFPREGS),
 * so signal code never sees ptrace itself.
 */
public interface ThreadControl {
    /** Size of the FPU state exchanged here: the 512-byte FXSAVE area (Linux user_i387_struct, FreeBSD savefpu). */
    int FPU_SIZE = 512;

    /** The thread's Linux blocked mask (bit n-1 for Linux signal n). */
    long sigmask(int tid);

    void setSigmask(int tid, long linuxMask);

    /** Reads the thread's FXSAVE image into b at off; false if the thread is gone. */
    boolean readFpu(int tid, NativeBuffer b, int off);

    boolean writeFpu(int tid, NativeBuffer b, int off);

    /**
     * Reads the thread's whole XSAVE image (legacy FXSAVE area, XSAVE header, AVX/AVX-512
     * components) into b at off; returns its size, or 0 when the CPU or kernel has none.
     */
    int readXstate(int tid, NativeBuffer b, int off);

    boolean writeXstate(int tid, NativeBuffer b, int off, int len);

    /**
     * Writes guest memory even where the guest's mapping is not writable (the sigcode page is
     * mapped read+execute): the kernel's forced access for tracers.
     */
    boolean writeForce(int pid, long addr, NativeBuffer b, int off, int len);

    /** Bytes readable on guest fd of process pid (FIONREAD), or -1 when unknown. */
    long readable(int pid, int fd);

    /** Adds 1 to guest eventfd fd of process pid, waking its waiters; false on failure. */
    boolean bumpEventfd(int pid, int fd);
}
