package io.xrun.translator.core;

import io.xrun.maps.Errno;
import io.xrun.maps.SyscallRow;
import io.xrun.maps.SyscallTable;
import io.xrun.translator.nativeapi.NativeBuffer;

/**
 * The supervisor's critical path, independent of how the syscall was intercepted:
 * decode the FreeBSD call from the registers, find its row and handler, let the handler
 * translate, and at exit apply FreeBSD's return convention (value in rax, CF clear; or
 * positive errno in rax, CF set; rdx for a second result).
 *
 * <p>Nothing here allocates or does I/O, except the one-line diagnostic for an unsupported
 * syscall (once per syscall per process) and {@code --trace} output when it is on.
 */
public final class Dispatcher {
    /** FreeBSD syscall(2) and __syscall(2): the real number is in the first argument (syscalls.master 0 and 198). */
    static final int SYS_SYSCALL = 0;
    static final int SYS___SYSCALL = 198;
    /** Kernel-internal restart codes that must never reach the guest (Linux include/linux/errno.h). */
    static final long ERESTARTSYS = -512;
    static final long ERESTART_RESTARTBLOCK = -516;

    /** Whether a raw Linux result is a kernel restart code (-ERESTARTSYS..-ERESTART_RESTARTBLOCK). */
    public static boolean isRestartCode(long linuxResult) {
        return linuxResult <= ERESTARTSYS && linuxResult >= ERESTART_RESTARTBLOCK;
    }

    private final SyscallTable table;
    private final HandlerRegistry handlers;
    private final UnsupportedPolicy unsupported;
    private final CapabilityMode capabilityMode;
    private final CallObserver observer;
    private final NativeBuffer buffer;
    private final io.xrun.maps.ErrnoOverrides overrides;

    public Dispatcher(SyscallTable table, HandlerRegistry handlers, UnsupportedPolicy unsupported,
                      CallObserver observer, NativeBuffer buffer) {
        this.table = table;
        this.handlers = handlers;
        this.unsupported = unsupported;
        this.capabilityMode = new CapabilityMode(table);
        this.observer = observer;
        this.buffer = buffer;
        this.overrides = new io.xrun.maps.ErrnoOverrides(table);
    }

    private ThreadControl control;
    private ProcessPrelude processPrelude;
    private final long[] preludeArgs = new long[6];
    /** Linux mmap and its flags (include/uapi/asm-generic/mman*.h): PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS|MAP_NORESERVE. */
    private static final int MMAP = io.xrun.maps.LinuxSyscalls.require("mmap");
    private static final long PROT_READ_WRITE = 3, MAP_PRIVATE_ANON_NORESERVE = 0x02 | 0x20 | 0x4000;
    /** An arena address that is never valid: "tried, failed", so the stack stands in. */
    private static final long ARENA_FAILED = 1;
    private static final SyscallHandler ARENA = c -> { };

    public SyscallTable table() {
        return table;
    }

    /** The mechanism's access to signal masks and FPU state, handed to handlers through {@link Call#control()}. */
    public void setControl(ThreadControl control) {
        this.control = control;
    }

    /** The mechanism's own per-process mapping (see {@link ProcessPrelude}), or null. */
    public void setProcessPrelude(ProcessPrelude prelude) {
        this.processPrelude = prelude;
    }

    /** At a syscall-entry stop: the registers are the guest's. */
    public void enter(GuestThread t, RegisterFile regs, GuestMemory mem) {
        Call c = t.call;
        t.restartCode = 0;
        if (t.chainPending) {
            // The re-executed syscall instruction carries the next Linux call of this FreeBSD call.
            t.chainPending = false;
            c.step++;
            c.chainRequested = false;
            for (int i = 0; i < 6; i++) {
                regs.setArg(i, c.chainArgs[i]);
            }
            regs.setOrigRax(c.chainNr);
            c.linuxNumber = c.chainNr;
            c.ranLinux = true;
            c.emulated = false;
            t.inSyscall = true;
            return;
        }
        c.regs = regs;
        c.mem = mem;
        c.buf = buffer;
        c.overrides = overrides;
        c.atExit = false;
        c.emulated = false;
        c.ranLinux = false;
        c.unsupported = false;
        c.hasResult2 = false;
        c.error = false;
        c.preludeRequested = false;
        c.step = 0;
        java.util.Arrays.fill(c.stash, 0); // no handler sees another call's values
        c.chainRequested = false;
        c.justReturn = false;
        c.spawnsProcess = false;
        c.control = control;
        c.hasPrelude = t.preludeReady;
        c.preludeResult = t.preludeResult;
        t.preludeReady = false;
        c.entryRax = regs.origRax();
        c.entryRsp = regs.rsp();
        c.entryRip = regs.rip();
        for (int i = 0; i < 6; i++) {
            c.entryRegs[i] = regs.arg(i);
        }
        GuestProcess proc = t.process();
        if (t.processPrelude) {
            t.processPrelude = false;
            c.hasPrelude = false;
            processPrelude.done(t, c.preludeResult);
        }
        if (t.arenaPrelude) {
            // The re-executed call after the arena mmap: keep the arena, run the call itself.
            t.arenaPrelude = false;
            c.hasPrelude = false;
            long a = c.preludeResult;
            proc.setArena(a < 0 && a >= -4095 ? ARENA_FAILED : a);
        } else if (proc.arena() == 0) {
            // First translated call of this image: map the scratch arena first (a prelude), so
            // handlers never write below a guest stack pointer.
            preludeArgs[0] = 0;
            preludeArgs[1] = (long) ScratchSlots.COUNT * ScratchSlots.SIZE;
            preludeArgs[2] = PROT_READ_WRITE;
            preludeArgs[3] = MAP_PRIVATE_ANON_NORESERVE;
            preludeArgs[4] = -1;
            preludeArgs[5] = 0;
            t.arenaPrelude = true;
            mmapPrelude(t, regs);
            return;
        } else if (processPrelude != null && processPrelude.wanted(proc)) {
            processPrelude.arguments(preludeArgs);
            t.processPrelude = true;
            mmapPrelude(t, regs);
            return;
        }
        long nr = c.entryRax;
        if (nr == SYS_SYSCALL || nr == SYS___SYSCALL) {
            // Indirect call: number in rdi, arguments shifted by one, the sixth on the stack
            // above the return address (FreeBSD sys/amd64/amd64/trap.c cpu_fetch_syscall_args).
            nr = c.entryRegs[0];
            for (int i = 0; i < 5; i++) {
                c.args[i] = c.entryRegs[i + 1];
            }
            c.args[5] = 0;
            if (mem.read(c.entryRsp + 8, buffer, 0, 8) == 8) {
                c.args[5] = buffer.getLong(0);
            }
        } else {
            System.arraycopy(c.entryRegs, 0, c.args, 0, 6);
        }
        c.number = nr;
        SyscallRow row = table.byNumber(nr);
        c.row = row;
        SyscallHandler h = handlers.handler(nr);
        c.handler = h;
        int capErrno;
        if (h == null) {
            c.unsupported = true;
            c.emulateError(Errno.FREEBSD_ENOSYS);
        } else if (proc.inCapabilityMode() && (capErrno = capabilityMode.check(c)) != 0) {
            c.emulateError(capErrno);
        } else {
            if (nr != c.entryRax) {
                // The Linux call takes its arguments from the registers: unshift them.
                for (int i = 0; i < 6; i++) {
                    regs.setArg(i, c.args[i]);
                }
            }
            h.enter(c);
            if (!c.emulated && !c.ranLinux) {
                throw new IllegalStateException("handler for " + row.name() + " neither ran nor emulated the call");
            }
        }
        if (observer != null) {
            observer.entered(c);
        }
        t.inSyscall = true;
    }

    /** Runs mmap(preludeArgs) in place of the guest's call, which runs again after it. */
    private void mmapPrelude(GuestThread t, RegisterFile regs) {
        Call c = t.call;
        for (int i = 0; i < 6; i++) {
            regs.setArg(i, preludeArgs[i]);
        }
        c.number = -2;
        c.handler = ARENA;
        c.row = null;
        c.prelude(MMAP);
        t.inSyscall = true;
    }

    /**
     * At a syscall-exit stop.
     *
     * @return true when the registers were changed and must be written back
     */
    public boolean exit(GuestThread t, RegisterFile regs, GuestMemory mem) {
        t.inSyscall = false;
        Call c = t.call;
        if (c.number < 0 && c.handler == null && !c.unsupported) {
            return false; // execve's own exit after the exec stop: nothing to translate
        }
        c.regs = regs;
        c.mem = mem;
        c.buf = buffer;
        if (c.justReturn) {
            c.atExit = true;
            c.handler.exit(c);
            if (observer != null) {
                observer.exited(c);
            }
            return true;
        }
        long raw = regs.rax();
        c.linuxRaw = raw;
        if (c.ranLinux && isRestartCode(raw)) {
            // A signal interrupted the call. Set it up to restart (what FreeBSD does when no
            // handler runs), keeping Linux's own restart logic out of it (orig_rax = -1); if a
            // FreeBSD handler is delivered next, delivery turns this into EINTR where FreeBSD
            // would (restartCode says why the call stopped).
            t.restartCode = raw;
            if (c.step > 0) {
                // Inside a chain: run the same Linux call again.
                c.step--;
                t.chainPending = true;
                for (int i = 0; i < 6; i++) {
                    regs.setArg(i, c.entryRegs[i]);
                }
                regs.setRip(c.entryRip - 2);
                regs.setOrigRax(-1);
                return true;
            }
            for (int i = 0; i < 6; i++) {
                regs.setArg(i, c.entryRegs[i]);
            }
            regs.setRax(c.entryRax);
            regs.setRip(c.entryRip - 2);
            regs.setOrigRax(-1);
            if (observer != null) {
                observer.restarted(c);
            }
            return true;
        }
        if (c.preludeRequested) {
            // Keep the prelude's result and run the guest's syscall instruction again.
            t.preludeReady = true;
            t.preludeResult = raw;
            for (int i = 0; i < 6; i++) {
                regs.setArg(i, c.entryRegs[i]);
            }
            regs.setRax(c.entryRax);
            regs.setRip(c.entryRip - 2);
            regs.setOrigRax(-1);
            return true;
        }
        if (c.ranLinux) {
            c.atExit = true;
            if (c.linuxFailed()) {
                c.handler.exitFailed(c);
            } else {
                c.handler.exit(c);
            }
        }
        if (c.chainRequested) {
            t.chainPending = true;
            regs.setRip(c.entryRip - 2);
            regs.setOrigRax(-1);
            return true;
        }
        return finish(c, regs);
    }

    /**
     * Right after {@link #enter}: the Linux number when this call is plain (see
     * {@link SyscallHandler#plainLinuxNumber}) and runs as one unchanged Linux call, so that the
     * mechanism may let it finish without an exit stop; else -1. Never with --trace, whose
     * observer reports every exit.
     */
    public long plainCall(GuestThread t) {
        Call c = t.call;
        if (observer != null || !c.ranLinux || c.emulated || c.preludeRequested || c.chainRequested
                || c.justReturn || c.step != 0 || c.handler == null || c.number != c.entryRax
                || overrides.has(c.number)) {
            return -1;
        }
        long nr = c.handler.plainLinuxNumber(t.process());
        return nr == c.linuxNumber ? nr : -1;
    }

    /** Whether an observer (--trace) must see every call: then no call may bypass the supervisor. */
    public boolean observed() {
        return observer != null;
    }

    /**
     * The Linux number of a FreeBSD syscall whose calls are all plain (see {@link #plainCall})
     * in process p (null: just exec'ed), else -1.
     */
    public long plainNumber(long freebsdNumber, GuestProcess p) {
        SyscallHandler h = handlers.handler(freebsdNumber);
        if (h == null || overrides.has(freebsdNumber)) {
            return -1;
        }
        return h.plainLinuxNumber(p);
    }

    /**
     * For a FreeBSD syscall a stub can answer with some work around its Linux call (see
     * {@link SyscallHandler#stubShape}): that work; else null. The row's errno overrides
     * ({@link #errnoOverrides}) are the stub's to apply too.
     */
    public StubShape stubShape(long freebsdNumber) {
        SyscallHandler h = handlers.handler(freebsdNumber);
        if (h == null) {
            return null;
        }
        StubShape s = h.stubShape();
        if (s == null && overrides.has(freebsdNumber) && h.plainLinuxNumber(null) >= 0) {
            // A renumbering but for its errno overrides (unlink): a stub applies those.
            s = StubShape.plain(false);
        }
        return s;
    }

    /** errno-overrides.tsv, which the stubs apply as Call#returnLinuxError does. */
    public io.xrun.maps.ErrnoOverrides errnoOverrides() {
        return overrides;
    }

    /** The Linux number of a FreeBSD syscall, or -1 when it has none. */
    public long linuxNumber(long freebsdNumber) {
        SyscallRow row = table.byNumber(freebsdNumber);
        return row == null ? -1 : row.linuxNumber();
    }

    /** Whether {@link #plainNumber} of this FreeBSD syscall can change during a process's life. */
    public boolean plainDependsOnProcess(long freebsdNumber) {
        SyscallHandler h = handlers.handler(freebsdNumber);
        return h != null && h.plainDependsOnProcess();
    }

    /** The mechanism finished the call after {@link #plainCall} (in a stub): no exit stop follows. */
    public void finishedElsewhere(GuestThread t) {
        t.inSyscall = false;
    }

    /** Applies FreeBSD's return convention and restores the argument registers. */
    private boolean finish(Call c, RegisterFile regs) {
        for (int i = 0; i < 6; i++) {
            regs.setArg(i, c.entryRegs[i]);
        }
        long flags = regs.eflags();
        if (c.error) {
            regs.setRax(c.result);
            regs.setEflags(flags | RegisterFile.CF);
        } else {
            regs.setRax(c.result);
            regs.setEflags(flags & ~RegisterFile.CF);
            if (c.hasResult2) {
                regs.setRdx(c.result2);
            }
        }
        if (observer != null) {
            observer.exited(c);
        }
        if (c.unsupported) {
            unsupported.unsupported(c);
        }
        return true;
    }
}
