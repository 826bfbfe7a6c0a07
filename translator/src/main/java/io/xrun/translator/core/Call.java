package io.xrun.translator.core;

import io.xrun.maps.Errno;
import io.xrun.maps.SyscallRow;
import io.xrun.translator.nativeapi.NativeBuffer;

/**
 * One FreeBSD syscall in flight on one guest thread: the handler-facing view of it. One Call
 * object lives per guest thread and is reused for every syscall, so the hot path allocates
 * nothing.
 *
 * <p>At entry a handler reads {@link #arg}, then either sets up a Linux call
 * ({@link #runLinux}, {@link #linuxArg}) or answers directly ({@link #emulate},
 * {@link #emulateError}). At exit, {@link #linuxResult} holds the raw Linux return value and
 * the handler sets FreeBSD's ({@link #returnValue}, {@link #returnError}...).
 */
public final class Call {
    /** FreeBSD amd64 passes six syscall arguments in registers (rdi rsi rdx r10 r8 r9). */
    public static final int REGISTER_ARGS = 6;

    /** Linux returns -4095..-1 for errors (include/linux/err.h MAX_ERRNO). */
    private static final long MAX_ERRNO = 4095;
    /** Bytes below the stack pointer that the guest may use without moving it (amd64 ABI red zone). */
    private static final long RED_ZONE = 128;
    /** What one call may use of its guest scratch. */
    public static final int SCRATCH_MAX = ScratchSlots.SIZE;

    final GuestThread thread;
    io.xrun.maps.ErrnoOverrides overrides;
    RegisterFile regs;
    GuestMemory mem;
    NativeBuffer buf;

    long number;
    SyscallRow row;
    SyscallHandler handler;
    final long[] args = new long[6];
    /** The guest's argument registers and stack pointer at entry, restored at exit. */
    final long[] entryRegs = new long[6];
    long entryRsp;
    long entryRip;
    long entryRax;

    /** False during the handler's enter, true during its exit. */
    boolean atExit;
    boolean emulated;
    boolean unsupported;
    boolean ranLinux;
    long linuxNumber;
    /** rax at the exit stop, kept because the return convention overwrites the register. */
    long linuxRaw;
    long result;
    long result2;
    boolean hasResult2;
    boolean error;
    /** A prelude syscall was requested at this entry (see {@link #prelude}). */
    boolean preludeRequested;
    /** This entry re-executes a call whose prelude ran; its result is in preludeResult. */
    boolean hasPrelude;
    long preludeResult;
    /**
     * Per-thread state of a handler whose calls run a program of several Linux calls (kevent):
     * created once per thread by that handler, reused by every later call.
     */
    public Object ext;
    /** The --trace line of this call, decoded at entry and completed at exit (threads interleave). */
    public String traceLine = "";
    /** Per-call values a handler keeps from entry to exit. */
    public final long[] stash = new long[8];
    /** Chained Linux calls (see {@link #then}): the step running now, and the one requested next. */
    int step;
    boolean chainRequested;
    long chainNr;
    final long[] chainArgs = new long[6];
    /** The Linux call creates a process, whatever ptrace event reports it (clone of rfork). */
    boolean spawnsProcess;

    /** The Linux call set up now creates a new process, not a thread, even if it is a clone(). */
    public void spawnsProcess() {
        spawnsProcess = true;
    }

    public boolean createsProcess() {
        return spawnsProcess;
    }

    /** The handler set every register itself (sigreturn): no return convention at exit. */
    boolean justReturn;
    ThreadControl control;

    Call(GuestThread thread) {
        this.thread = thread;
    }

    // ---- entry side -------------------------------------------------------------------

    /** The FreeBSD syscall number (after indirect syscall(2)/__syscall(2) resolution). */
    public long number() {
        return number;
    }

    public SyscallRow row() {
        return row;
    }

    /** FreeBSD argument i (0-based). */
    public long arg(int i) {
        return args[i];
    }

    public int intArg(int i) {
        return (int) args[i];
    }

    /**
     * Copies FreeBSD argument i (6 or more: freebsd6_mmap's seventh) into the staging buffer at
     * off. amd64 passes arguments beyond the registers on the guest stack above the return
     * address, one slot further for an indirect syscall(2)/__syscall(2), whose number took a
     * register (sys/amd64/amd64/trap.c cpu_fetch_syscall_args). EFAULT as {@link #copyIn}.
     */
    public boolean copyInStackArg(int i, int off) {
        return copyIn(stackArgAddress(i), off, 8);
    }

    /** The guest address of FreeBSD argument i (6 or more): see {@link #copyInStackArg}. */
    public long stackArgAddress(int i) {
        int slot = i - 6 + (number != entryRax ? 1 : 0);
        return entryRsp + 8 + 8L * slot;
    }

    /** Runs Linux syscall nr with these six arguments. */
    public void runLinux(long nr, long a0, long a1, long a2, long a3, long a4, long a5) {
        regs.setArg(0, a0);
        regs.setArg(1, a1);
        regs.setArg(2, a2);
        regs.setArg(3, a3);
        regs.setArg(4, a4);
        regs.setArg(5, a5);
        runLinux(nr);
    }

    /** Runs Linux syscall nr with the current Linux argument registers. */
    public void runLinux(long nr) {
        linuxNumber = nr;
        ranLinux = true;
        emulated = false;
        regs.setOrigRax(nr);
    }

    /**
     * Runs Linux syscall nr (with the Linux arguments set so far) before the real call: its
     * result is recorded, the guest's registers are restored and its syscall instruction runs
     * again, and at that second entry {@link #hasPreludeResult()} is true. For the few calls
     * whose FreeBSD semantics need one extra fact from the kernel first (getdirentries' *basep
     * needs the directory offset before the read).
     */
    public void prelude(long nr) {
        runLinux(nr);
        preludeRequested = true;
    }

    /**
     * At exit (from {@link SyscallHandler#exit} or {@link SyscallHandler#exitFailed}): run one
     * more Linux call for this FreeBSD call. The guest's syscall instruction is executed again
     * to carry it, and the handler's exit is called once more with its result and
     * {@link #step()} one higher. The FreeBSD result set so far stands unless the handler
     * changes it. For calls that are a short program of Linux calls (kevent: epoll_ctl for
     * each change, then the wait; thr_exit: the wake, then the exit).
     */
    public void then(long nr, long a0, long a1, long a2, long a3, long a4, long a5) {
        chainRequested = true;
        chainNr = nr;
        chainArgs[0] = a0;
        chainArgs[1] = a1;
        chainArgs[2] = a2;
        chainArgs[3] = a3;
        chainArgs[4] = a4;
        chainArgs[5] = a5;
    }

    /** 0 for the call set up at entry, then 1, 2... for each chained call. */
    public int step() {
        return step;
    }

    /**
     * The handler has set every guest register itself (sigreturn restores a whole context):
     * at exit nothing is restored and no return convention applies. The call runs nothing on
     * Linux; the handler's {@link SyscallHandler#exit} is called at the exit stop to set them.
     */
    public void justReturn() {
        emulated = true;
        ranLinux = false;
        error = false;
        justReturn = true;
        regs.setOrigRax(-1);
    }

    /** The guest's registers, for the few calls that replace a whole context (sigreturn, thread start). */
    public RegisterFile registers() {
        return regs;
    }

    /** Signal mask and FPU state of the calling thread. */
    public ThreadControl control() {
        return control;
    }

    public boolean hasPreludeResult() {
        return hasPrelude;
    }

    public long preludeResult() {
        return preludeResult;
    }

    /** Sets Linux argument i. */
    public void linuxArg(int i, long v) {
        regs.setArg(i, v);
    }

    /** Answers the call without running anything on Linux. */
    public void emulate(long value) {
        emulated = true;
        ranLinux = false;
        error = false;
        result = value;
        regs.setOrigRax(-1);
    }

    /** Answers with two results (rax, rdx), as FreeBSD's td_retval[0..1]. */
    public void emulate(long value, long value2) {
        emulate(value);
        result2 = value2;
        hasResult2 = true;
    }

    public void emulateError(int freebsdErrno) {
        emulated = true;
        ranLinux = false;
        error = true;
        result = freebsdErrno;
        regs.setOrigRax(-1);
    }

    /**
     * Answers with this value wherever the handler is: at entry (no Linux call) as
     * {@link #emulate}, at exit (after Linux calls) as {@link #returnValue}. For handlers whose
     * answer is decided at entry or after a chain, by the same code.
     */
    public void answer(long value) {
        if (atExit) {
            returnValue(value);
        } else {
            emulate(value);
        }
    }

    /** Fails with this FreeBSD errno at entry or exit, as {@link #answer}. */
    public void answerError(int freebsdErrno) {
        if (atExit) {
            returnError(freebsdErrno);
        } else {
            emulateError(freebsdErrno);
        }
    }

    // ---- exit side --------------------------------------------------------------------

    /** The Linux syscall's raw return value (negative errno on failure). */
    public long linuxResult() {
        return linuxRaw;
    }

    public boolean linuxFailed() {
        return linuxRaw < 0 && linuxRaw >= -MAX_ERRNO;
    }

    public void returnValue(long v) {
        error = false;
        result = v;
    }

    public void returnValue(long v, long v2) {
        returnValue(v);
        result2 = v2;
        hasResult2 = true;
    }

    public void returnError(int freebsdErrno) {
        error = true;
        result = freebsdErrno;
    }

    /** Translates the Linux errno in rax: this syscall's override first, then the errno table. */
    public void returnLinuxError() {
        int le = (int) -linuxRaw;
        int fb = overrides != null ? overrides.override(number, le) : 0;
        if (fb == 0) {
            fb = Errno.toFreebsd(le);
        }
        returnError(fb != 0 ? fb : Errno.FREEBSD_EINVAL);
    }

    /**
     * FreeBSD's posix_* convention (sys_generic.c kern_posix_error, used by clock_nanosleep,
     * posix_fallocate, posix_fadvise): the Linux errno, translated as {@link #returnLinuxError}
     * does, becomes the call's value, with CF clear.
     */
    public void returnLinuxErrorAsValue() {
        returnLinuxError();
        returnValue(result);
    }

    // ---- observation (trace, tests) ---------------------------------------------------

    public boolean isError() {
        return error;
    }

    /** The FreeBSD result: a value, or the FreeBSD errno when {@link #isError()}. */
    public long result() {
        return result;
    }

    public boolean hasResult2() {
        return hasResult2;
    }

    public long result2() {
        return result2;
    }

    public boolean ranLinux() {
        return ranLinux;
    }

    /** Argument register i (rdi, rsi, rdx, r10, r8, r9) as the guest made the call. */
    public long entryArg(int i) {
        return entryRegs[i];
    }

    public long linuxNumber() {
        return linuxNumber;
    }

    public boolean isUnsupported() {
        return unsupported;
    }

    // ---- memory -----------------------------------------------------------------------

    /**
     * Copies len guest bytes at addr into the staging buffer at off. On a bad address the call
     * is answered with EFAULT (at entry or exit alike) and false is returned: the handler just
     * returns.
     */
    public boolean copyIn(long addr, int off, int len) {
        if (mem.read(addr, buf, off, len) == len) {
            return true;
        }
        fault();
        return false;
    }

    /** Copies len bytes of the staging buffer at off to guest address addr; EFAULT as {@link #copyIn}. */
    public boolean copyOut(long addr, int off, int len) {
        if (mem.write(addr, buf, off, len) == len) {
            return true;
        }
        fault();
        return false;
    }

    /**
     * copyinstr: the NUL-terminated string at addr, at most max bytes with its NUL, into the
     * staging buffer at off. Returns its length; or -1 when the call has been answered: EFAULT
     * for an unreadable address, ENAMETOOLONG when no NUL comes within max bytes.
     */
    public long copyInString(long addr, int off, int max) {
        long n = mem.readCString(addr, buf, off, max);
        if (n < 0) {
            fault();
            return -1;
        }
        if (n >= max) {
            answerError(Errno.FREEBSD_ENAMETOOLONG);
            return -1;
        }
        return n;
    }

    private void fault() {
        if (atExit) {
            returnError(Errno.FREEBSD_EFAULT);
        } else {
            emulateError(Errno.FREEBSD_EFAULT);
        }
    }

    public GuestMemory memory() {
        return mem;
    }

    /** The supervisor's staging buffer (64 KiB), shared by all calls on the tracer thread. */
    public NativeBuffer buffer() {
        return buf;
    }

    /**
     * Guest memory a handler may use for this call only, to hand Linux a converted struct:
     * this thread's slot of the scratch arena xrun maps into every FreeBSD process (before its
     * first translated call). Guest stacks cannot serve: a Go goroutine stack may have less
     * than a page free below its stack pointer. Only when the arena could not be mapped, the
     * space below the red zone of the guest's stack stands in. 16-byte aligned, SCRATCH_MAX bytes.
     */
    public long scratch() {
        long s = thread.scratchSlot();
        return s != 0 ? s : (entryRsp - RED_ZONE - SCRATCH_MAX) & ~15L;
    }

    public GuestThread thread() {
        return thread;
    }

    public GuestProcess process() {
        return thread.process();
    }
}
