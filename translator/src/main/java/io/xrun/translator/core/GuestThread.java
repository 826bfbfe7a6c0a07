package io.xrun.translator.core;

/**
 * One traced guest thread. Syscall entry/exit state is per thread: the kernel reports entry
 * and exit stops of different threads interleaved.
 */
public final class GuestThread {
    private final int tid;
    /** The tid as the guest sees it: in a container's pid namespace it differs from the host's. */
    private final int guestTid;
    private GuestProcess process;
    boolean inSyscall;
    /** The thread's next syscall entry re-executes a call whose prelude ran. */
    boolean preludeReady;
    long preludeResult;
    /** A chained Linux call (Call#then) waits for the next entry stop. */
    boolean chainPending;
    /**
     * The Linux restart code (-512..-516) of a call a signal just interrupted, until the
     * signal is handled: the registers already say "restart", and signal delivery turns that
     * into EINTR where FreeBSD would (no SA_RESTART, or a call FreeBSD never restarts).
     */
    long restartCode;
    /** FreeBSD sigaltstack(2) state of this thread (sys/sys/signal.h stack_t). */
    long altSp;
    long altSize;
    boolean altEnabled;
    /** sigfastblock(2) SIGFASTBLOCK_SETPTR word of this thread, 0 when none (FreeBSD td_sigblock_ptr). */
    long sigblockPtr;
    /** A signal stopped this thread between two Linux calls of one FreeBSD call: delivered when the call ends. */
    int deferredSignal;
    private io.xrun.translator.nativeapi.NativeBuffer deferredInfo;
    /** This thread's slot in its process's scratch arena, -1 until it needs one. */
    int slot = -1;
    ScratchSlots slotOwner;
    /** The arena mmap runs as a prelude of this thread's current call. */
    boolean arenaPrelude;
    /** The mechanism's process prelude (Dispatcher#setProcessPrelude) runs as this thread's current call. */
    boolean processPrelude;
    /** New thread or process whose first stop has not been seen: its start state is set there. */
    boolean fresh;
    final Call call;

    public GuestThread(int tid, GuestProcess process) {
        this(tid, tid, process);
    }

    public GuestThread(int tid, int guestTid, GuestProcess process) {
        this.tid = tid;
        this.guestTid = guestTid;
        this.process = process;
        this.call = new Call(this);
    }

    /** The host's tid: for ptrace, /proc/TID and everything the supervisor does itself. */
    public int tid() {
        return tid;
    }

    /** The guest's own tid (its pid namespace's): for every id the guest sees or passes to a syscall. */
    public int guestTid() {
        return guestTid;
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
        chainPending = false;
        restartCode = 0;
        deferredSignal = 0;
        altEnabled = false;
        altSp = 0;
        altSize = 0;
        sigblockPtr = 0;
        slot = -1;
        slotOwner = null;
        arenaPrelude = false;
        processPrelude = false;
    }

    public Call call() {
        return call;
    }

    /** The guest address of this thread's scratch slot, or 0 when there is no arena (or no free slot). */
    long scratchSlot() {
        long arena = process.arena();
        if (arena <= 1) { // none yet, or the mmap failed
            return 0;
        }
        if (slot < 0 || slotOwner != process.slots()) {
            slotOwner = process.slots();
            slot = slotOwner.take();
            if (slot < 0) {
                return 0;
            }
        }
        return arena + (long) slot * ScratchSlots.SIZE;
    }

    /** The thread ended: its scratch slot is free again. */
    public void ended() {
        if (slot >= 0 && slotOwner != null) {
            slotOwner.give(slot);
            slot = -1;
        }
    }

    public void setInSyscall(boolean v) {
        inSyscall = v;
    }

    public boolean fresh() {
        return fresh;
    }

    public void setFresh(boolean fresh) {
        this.fresh = fresh;
    }

    /** True while one FreeBSD call is between two of its Linux calls: a handler must not run now. */
    public boolean midCall() {
        return chainPending && restartCode == 0;
    }

    public long restartCode() {
        return restartCode;
    }

    /**
     * A signal interrupted a call that was finishing outside the supervisor (a stub) with a
     * Linux restart code; the registers were set up to restart it. Delivery turns that into
     * EINTR where FreeBSD would, as for a call whose exit the supervisor saw. The call's
     * own row is not the one that was interrupted (a patched site never reaches the
     * supervisor), so it is forgotten: only plain calls run in stubs.
     */
    public void interruptedOutside(long linuxRestartCode) {
        restartCode = linuxRestartCode;
        call.row = null;
    }

    public void clearRestart() {
        restartCode = 0;
    }

    public int deferredSignal() {
        return deferredSignal;
    }

    public void setDeferredSignal(int linuxSig) {
        deferredSignal = linuxSig;
    }

    /** Where the held signal's Linux siginfo is kept (128 bytes, allocated on first use). */
    public io.xrun.translator.nativeapi.NativeBuffer deferredInfo() {
        if (deferredInfo == null) {
            deferredInfo = new io.xrun.translator.nativeapi.NativeBuffer(128);
        }
        return deferredInfo;
    }

    /** A signal handler is about to run: a prelude's re-executed call starts over afterwards. */
    public void enteringHandler() {
        preludeReady = false;
        chainPending = false;
        restartCode = 0;
    }

    public boolean altEnabled() {
        return altEnabled;
    }

    public long altSp() {
        return altSp;
    }

    public long altSize() {
        return altSize;
    }

    public void setAltStack(long sp, long size, boolean enabled) {
        altSp = sp;
        altSize = size;
        altEnabled = enabled;
    }

    /** True when rsp lies on this thread's alternate signal stack (FreeBSD sigonstack()). */
    public boolean onAltStack(long rsp) {
        return altEnabled && rsp - altSp < altSize && rsp - altSp >= 0;
    }

    /**
     * A fork child starts with its parent's calling thread's signal stack and sigfastblock word
     * (FreeBSD do_fork: td_sigstk copied, TDP_ALTSTACK and TDP_SIGFASTBLOCK kept).
     */
    public void inheritAltStack(GuestThread parent) {
        setAltStack(parent.altSp, parent.altSize, parent.altEnabled);
        sigblockPtr = parent.sigblockPtr;
    }

    public long sigblockPtr() {
        return sigblockPtr;
    }

    public void setSigblockPtr(long ptr) {
        sigblockPtr = ptr;
    }
}
