package io.xrun.translator.core;

/**
 * One traced guest thread. Syscall entry/exit state is per thread: the kernel reports entry
 * and exit stops of different threads interleaved.
 */
public final class GuestThread {
    private final int tid;
    private GuestProcess process;
    boolean inSyscall;
    /** The thread's next syscall entry re-executes a call whose prelude ran. */
    boolean preludeReady;
    long preludeResult;
    /** A follow-up Linux call waits for the next entry stop / is running now. */
    boolean followPending;
    boolean followRunning;
    final Call call;

    public GuestThread(int tid, GuestProcess process) {
        this.tid = tid;
        this.process = process;
        this.call = new Call(this);
    }

    public int tid() {
        return tid;
    }

    public GuestProcess process() {
        return process;
    }

    public boolean inSyscall() {
        return inSyscall;
    }

    /** After exec the next syscall stop is execve's exit, and the process image is new. */
    public void execed() {
        inSyscall = true;
        call.emulated = false;
        call.ranLinux = false;
        call.unsupported = false;
        call.handler = null;
        call.number = -1;
        preludeReady = false;
        followPending = false;
        followRunning = false;
    }

    public Call call() {
        return call;
    }
}
