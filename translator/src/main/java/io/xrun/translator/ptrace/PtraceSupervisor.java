package io.xrun.translator.ptrace;

import io.xrun.loader.ElfImage;
import io.xrun.loader.Personality;
import io.xrun.loader.PersonalityDetector;
import io.xrun.maps.Signals;
import io.xrun.translator.core.Dispatcher;
import io.xrun.translator.core.GuestProcess;
import io.xrun.translator.core.GuestThread;
import io.xrun.translator.core.RegisterFile;
import io.xrun.translator.fastpath.InterceptMode;
import io.xrun.translator.fastpath.StubCode;
import io.xrun.translator.fastpath.StubRouter;
import io.xrun.translator.handlers.ForkHandler;
import io.xrun.translator.handlers.ThrNewHandler;
import io.xrun.translator.handlers.kqueue.KqueueRegistry;
import io.xrun.translator.signals.SignalDelivery;
import io.xrun.translator.convert.SiginfoConverter;
import io.xrun.translator.nativeapi.LibC;
import io.xrun.translator.nativeapi.Native;
import io.xrun.translator.nativeapi.NativeBuffer;
import io.xrun.translator.nativeapi.Ptrace;
import io.xrun.translator.time.TimekeepUpdater;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The ptrace interception mechanism. Starts the guest through xrun-launch, seizes it, and
 * then loops: wait for a stop, hand syscall stops to the {@link Dispatcher}, set up each new
 * FreeBSD image at its exec stop, pass signals on. Every ptrace and waitpid call happens on
 * the one thread that runs {@link #run}: the kernel binds tracees to their tracer thread.
 */
public final class PtraceSupervisor {
    private static final int OPTIONS = Ptrace.O_TRACESYSGOOD | Ptrace.O_TRACEEXEC | Ptrace.O_TRACECLONE
            | Ptrace.O_TRACEFORK | Ptrace.O_TRACEVFORK | Ptrace.O_EXITKILL;
    private static final int SYSCALL_STOP = Ptrace.SIGTRAP | 0x80;

    private final Dispatcher dispatcher;
    private final ExecSetup execSetup;
    /** The timekeeping pages' updater, or null when processes get none. */
    private final TimekeepUpdater timekeep;
    private final ThreadTable threads = new ThreadTable();
    private final RegisterFile regs = new RegisterFile();
    private final ProcessVmMemory mem = new ProcessVmMemory();
    private final NativeBuffer buffer;
    private final NativeBuffer status = new NativeBuffer(16);
    private final LibC c = Native.LIBC;
    private final int tableSize;
    private final AtomicInteger guestPid = new AtomicInteger();
    private final PtraceThreadControl control = new PtraceThreadControl();
    private boolean detectFirstExec;
    /** Keep the tracer and every guest thread on one CPU (--pin): see {@link #pinToCurrentCpu}. */
    private boolean pinCpu;
    /** The guest runs in its own pid namespace (a container): its ids are not the host's. */
    private boolean pidNamespace;
    /** --intercept: how syscalls reach the dispatcher; null router under ptrace. */
    private InterceptMode intercept = InterceptMode.PTRACE;
    private StubRouter router;
    private String fallback;
    /** Stops seen, for XRUN_STATS: seccomp stops (one per call that reached the supervisor), syscall stops. */
    private long seccompStops, syscallStops;
    /** seccomp stops by FreeBSD syscall number, for XRUN_STATS: which calls still reach the supervisor. */
    private final long[] seccompStopsByNumber;
    private static final long NR_SECCOMP = io.xrun.maps.LinuxSyscalls.require("seccomp");

    /** {@code timekeep} may be null: FreeBSD processes then get no AT_TIMEKEEP page. */
    public PtraceSupervisor(Dispatcher dispatcher, NativeBuffer buffer, int osreldate, TimekeepUpdater timekeep) {
        this.dispatcher = dispatcher;
        this.buffer = buffer;
        this.timekeep = timekeep;
        this.execSetup = new ExecSetup(osreldate, timekeep);
        this.tableSize = dispatcher.table().maxNumber() + 1;
        this.seccompStopsByNumber = new long[tableSize];
        dispatcher.setControl(control);
    }

    /** The guest's pid once started, else 0 (for forwarding signals xrun receives). */
    public int guestPid() {
        return guestPid.get();
    }

    /**
     * Runs a program to completion under translation.
     *
     * @throws SupervisorException when the guest cannot be started or traced
     */
    public GuestExit run(String launcher, String program, List<String> argv, Map<String, String> env)
            throws SupervisorException {
        return run(launcher, List.of(), false, program, argv, env);
    }

    /**
     * Runs a program with launcher options (a container's namespaces and mounts, see
     * xrun-launch.c). With {@code detectFirstExec} the first image is branded by its own ELF
     * like every later one (a container's command may be a Linux program or a script);
     * otherwise the command line chose FreeBSD for it.
     */
    public GuestExit run(String launcher, List<String> launcherOptions, boolean detectFirstExec, String program,
                         List<String> argv, Map<String, String> env) throws SupervisorException {
        this.detectFirstExec = detectFirstExec;
        this.pidNamespace = launcherOptions.contains("-n");
        // -S: the launcher stops itself so that it can be seized before anything runs.
        List<String> options = new java.util.ArrayList<>(launcherOptions);
        options.add(0, "-S");
        if (intercept.seccomp() && !seccompTraceAvailable()) {
            fallback = "this kernel does not offer seccomp's SECCOMP_RET_TRACE: every call takes the ptrace path";
            intercept = InterceptMode.PTRACE;
        }
        if (intercept.seccomp()) {
            // -Z: the launcher installs the filter just before it execs the guest (xrun-launch.c).
            options.add(1, "-Z");
            options.add(2, Long.toUnsignedString(StubCode.FAST_LO, 16) + ":" + Long.toUnsignedString(StubCode.FAST_HI, 16));
            router = new StubRouter(intercept, dispatcher, buffer, pinCpu, io.xrun.translator.nativeapi.ProcMem::open);
            dispatcher.setProcessPrelude(router);
        }
        List<String> launchArgs = Launcher.arguments(options, program, argv);
        if (pinCpu) {
            pinToCurrentCpu();
        }
        int pid = Spawner.spawn(launcher, launchArgs, env);
        if (pid < 0) {
            throw new SupervisorException("cannot start " + launcher + ": " + c.strerror(-pid));
        }
        // The launcher stops itself with SIGSTOP before exec; seize it there.
        int r = c.waitpid(pid, status.address(), Ptrace.WUNTRACED);
        if (r != pid || !Ptrace.stopped(status.getInt(0))) {
            throw new SupervisorException("the launcher did not stop before exec (wait status 0x"
                    + Integer.toHexString(status.getInt(0)) + ")");
        }
        int rc = Ptrace.request(Ptrace.PTRACE_SEIZE, pid, 0,
                intercept.seccomp() ? OPTIONS | Ptrace.O_TRACESECCOMP : OPTIONS);
        if (rc < 0) {
            c.kill(pid, Ptrace.SIGKILL);
            throw new SupervisorException("cannot trace the guest: ptrace(PTRACE_SEIZE): " + c.strerror(-rc)
                    + " (is ptrace restricted by kernel.yama.ptrace_scope or a seccomp policy?)");
        }
        GuestProcess proc = new GuestProcess(pid, tableSize);
        threads.put(pid, new GuestThread(pid, proc));
        proc.addThread(pid);
        guestPid.set(pid);
        c.kill(pid, Ptrace.SIGCONT);
        return loop(pid);
    }

    private GuestExit loop(int mainPid) throws SupervisorException {
        while (true) {
            int tid = c.waitpid(-1, status.address(), Ptrace.WALL);
            if (tid < 0) {
                int e = Native.errno();
                if (e == 4) { // EINTR
                    continue;
                }
                throw new SupervisorException("lost the guest: waitpid: " + c.strerror(e));
            }
            int st = status.getInt(0);
            if (Ptrace.exited(st) || Ptrace.signaled(st)) {
                GuestThread gone = threads.get(tid);
                if (gone != null) {
                    gone.process().removeThread(tid);
                    gone.ended();
                    if (router != null && gone.process().threadCount() == 0) {
                        router.exited(gone.process());
                    }
                    if (timekeep != null && tid == gone.process().pid()) {
                        // the leader is reported last (its thread group is empty): the process is gone
                        timekeep.unregister(tid);
                    }
                }
                threads.remove(tid);
                if (tid == mainPid) {
                    if (Ptrace.exited(st)) {
                        return new GuestExit(false, Ptrace.exitCode(st), 0, 0, false);
                    }
                    int lsig = Ptrace.termSig(st);
                    return new GuestExit(true, 0, Signals.toFreebsd(lsig), lsig, (st & 0x80) != 0);
                }
                continue;
            }
            if (!Ptrace.stopped(st)) {
                continue;
            }
            GuestThread t = threads.get(tid);
            if (t == null) {
                t = adopt(tid);
            }
            onStop(t, st);
        }
    }

    private void onStop(GuestThread t, int st) throws SupervisorException {
        int tid = t.tid();
        int sig = Ptrace.stopSig(st);
        int event = Ptrace.event(st);
        GuestProcess proc = t.process();
        if (t.fresh()) {
            // The first stop of a new thread or fork child, before it ran any code.
            t.setFresh(false);
            if (proc.isFreebsd()) {
                mem.attach(tid);
                getRegs(tid);
                if (tid != proc.pid()) {
                    ThrNewHandler.startChild(t.guestTid(), regs, mem, buffer);
                } else {
                    ForkHandler.startChild(regs);
                    if (timekeep != null && proc.timekeep() != 0) {
                        // A fork child has a copy of its parent's page, as it was at the fork: it
                        // has run no instruction yet, so bring it up to date and keep it so.
                        timekeep.register(tid, proc.timekeep());
                    }
                }
                setRegs(tid);
            }
            if (sig == SYSCALL_STOP) {
                resume(t, 0);
                return;
            }
        }
        if (sig == Ptrace.SIGTRAP && event == Ptrace.EVENT_SECCOMP) {
            // The filter's stop at a syscall's entry (--intercept=seccomp|fastpath).
            seccompStops++;
            if (proc.isFreebsd()) {
                mem.attach(tid);
                getRegs(tid);
                long siteEnd = regs.rip();
                long nr = regs.origRax();
                if (nr >= 0 && nr < tableSize) {
                    seccompStopsByNumber[(int) nr]++;
                }
                t.setInSyscall(false);
                dispatcher.enter(t, regs, mem);
                router.route(t, siteEnd, regs, mem);
                setRegs(tid);
            }
            resume(t, 0);
            return;
        }
        if (sig == SYSCALL_STOP) {
            syscallStops++;
            mem.attach(tid);
            getRegs(tid);
            if (!t.inSyscall()) {
                dispatcher.enter(t, regs, mem);
                setRegs(tid);
            } else if (dispatcher.exit(t, regs, mem)) {
                setRegs(tid);
            }
            if (router != null) {
                router.afterExit(t);
            }
            int deferred = t.deferredSignal();
            if (deferred != 0 && !t.inSyscall() && !t.midCall()) {
                // A signal that arrived between two Linux calls of one FreeBSD call: deliver it
                // now that the call is over, with the siginfo it came with.
                t.setDeferredSignal(0);
                t.deferredInfo().copyTo(0, buffer, SignalDelivery.LSI, SiginfoConverter.LINUX_SIZE);
                int resumeWith = SignalDelivery.deliver(t, deferred, regs, mem, control, buffer);
                setRegs(tid);
                if (resumeWith != 0) {
                    // Its default action is the kernel's: raise it again for that.
                    Ptrace.tgkill(proc.pid(), tid, resumeWith);
                }
            }
            resume(t, 0);
            return;
        }
        if (sig == Ptrace.SIGTRAP && event != 0) {
            switch (event) {
                case Ptrace.EVENT_EXEC:
                    onExec(t);
                    break;
                case Ptrace.EVENT_CLONE:
                case Ptrace.EVENT_FORK:
                case Ptrace.EVENT_VFORK:
                    Ptrace.request(Ptrace.PTRACE_GETEVENTMSG, tid, 0, buffer.address());
                    int child = (int) buffer.getLong(0);
                    if (threads.get(child) == null) {
                        GuestProcess p = proc;
                        // clone() reports PTRACE_EVENT_CLONE for rfork's processes too.
                        boolean process = event != Ptrace.EVENT_CLONE || t.call().createsProcess();
                        int guestChild = guestId(child);
                        if (process) {
                            p = new GuestProcess(child, tableSize);
                            p.inheritFrom(proc);
                            p.setGuestPid(guestChild);
                            if (router != null) {
                                router.forked(proc, p, event != Ptrace.EVENT_FORK);
                            }
                        }
                        GuestThread ct = new GuestThread(child, guestChild, p);
                        ct.setFresh(true);
                        if (process) {
                            ct.inheritAltStack(t);
                        }
                        threads.put(child, ct);
                        p.addThread(child, guestChild);
                    }
                    break;
                default:
                    break;
            }
            resume(t, 0);
            return;
        }
        if (event == Ptrace.EVENT_STOP) {
            if (sig == Ptrace.SIGSTOP || sig == Ptrace.SIGTSTP || sig == Ptrace.SIGTTIN || sig == Ptrace.SIGTTOU) {
                if (proc.isFreebsd() || proc.isLinuxImage()) {
                    // A real group-stop: stay stopped until SIGCONT, as the guest would.
                    Ptrace.request(Ptrace.PTRACE_LISTEN, tid, 0, 0);
                    return;
                }
            }
            resume(t, 0);
            return;
        }
        // Signal-delivery stop.
        if (!proc.isFreebsd()) {
            // Before its first exec this is xrun-launch, whose SIGSTOP/SIGCONT handshake is
            // swallowed; a Linux image gets its signals as they are.
            boolean launcher = !proc.isLinuxImage();
            resume(t, launcher && (sig == Ptrace.SIGSTOP || sig == Ptrace.SIGCONT) ? 0 : sig);
            return;
        }
        if (t.midCall()) {
            // Between two Linux calls of one FreeBSD call no handler may run (its own syscalls
            // would take the pending call's place): hold the signal until the call is over.
            t.setDeferredSignal(sig);
            Ptrace.request(Ptrace.PTRACE_GETSIGINFO, tid, 0, t.deferredInfo().address());
            KqueueRegistry.signalled(proc, Signals.toFreebsd(sig), control);
            resume(t, 0);
            return;
        }
        KqueueRegistry.signalled(proc, Signals.toFreebsd(sig), control);
        Ptrace.request(Ptrace.PTRACE_GETSIGINFO, tid, 0, buffer.address() + SignalDelivery.LSI);
        mem.attach(tid);
        getRegs(tid);
        if (router != null) {
            router.interrupted(t, regs, mem);
        }
        int resumeWith = SignalDelivery.deliver(t, sig, regs, mem, control, buffer);
        setRegs(tid);
        resume(t, resumeWith);
    }

    private void onExec(GuestThread t) throws SupervisorException {
        int tid = t.tid();
        GuestProcess proc = t.process();
        java.nio.file.Path exe;
        try {
            exe = ExecSetup.executable(proc.pid());
        } catch (IOException e) {
            c.kill(proc.pid(), Ptrace.SIGKILL);
            throw new SupervisorException("cannot find the program the guest exec'ed: " + e.getMessage());
        }
        // Read through the magic link: in a container the path names a file of the container's
        // root, which the host's path lookup would not find (or would find a different file).
        ElfImage elf = ExecSetup.image(java.nio.file.Path.of("/proc/" + proc.pid() + "/exe"));
        // The first image is the one the command line chose, unless asked to detect it; every
        // later exec decides by itself, as FreeBSD's image activator brands each binary.
        boolean later = proc.isFreebsd() || proc.isLinuxImage() || detectFirstExec;
        if (later && elf != null && PersonalityDetector.detect(elf) == Personality.LINUX) {
            // A Linux program runs natively: no syscall stops from now on, but its own
            // execs are still seen, so a FreeBSD program it starts is translated again.
            proc.execedLinux();
            if (router != null) {
                router.execedLinux(proc);
            }
            if (timekeep != null) {
                timekeep.unregister(proc.pid());
            }
            t.execed();
            t.setInSyscall(false);
            return;
        }
        mem.attach(tid);
        getRegs(tid);
        try {
            execSetup.setup(proc.pid(), exe, elf, proc, regs, mem, buffer);
        } catch (IOException e) {
            c.kill(t.process().pid(), Ptrace.SIGKILL);
            throw new SupervisorException("cannot set up the FreeBSD process: " + e.getMessage());
        }
        setRegs(tid);
        if (router != null) {
            router.execed(proc);
        }
        t.execed();
    }

    private GuestThread adopt(int tid) {
        // A new task reported before its parent's clone/fork event: find its thread group,
        // or for a new process its parent, whose image it runs until it execs.
        TaskStatus status = TaskStatus.read(tid);
        int tgid = status.tgid();
        int ppid = status.ppid();
        GuestThread leader = threads.get(tgid);
        GuestProcess p;
        int guestTid = pidNamespace ? status.namespaceTid() : tid;
        if (leader != null && tgid != tid) {
            p = leader.process();
        } else {
            p = new GuestProcess(tid, tableSize);
            p.setGuestPid(guestTid);
            GuestThread parent = ppid > 0 ? threads.get(ppid) : null;
            if (parent != null) {
                p.inheritFrom(parent.process());
                if (router != null) {
                    // Seen before its fork event, which would say whether it shares the
                    // parent's memory: assume it does.
                    router.forked(parent.process(), p, true);
                }
            }
        }
        GuestThread t = new GuestThread(tid, guestTid, p);
        t.setFresh(true);
        threads.put(tid, t);
        p.addThread(tid, guestTid);
        return t;
    }

    /**
     * seccomp(SECCOMP_GET_ACTION_AVAIL, 0, &SECCOMP_RET_TRACE) (include/uapi/linux/seccomp.h:
     * operation 2, action 0x7ff00000): 0 when filters and that action exist here.
     */
    private boolean seccompTraceAvailable() {
        NativeBuffer action = new NativeBuffer(8);
        action.putInt(0, 0x7ff00000);
        return c.syscall(NR_SECCOMP, 2, 0, action.address(), 0, 0, 0) == 0;
    }

    /**
     * The stops the guest made, for XRUN_STATS (docs/performance.md), with the eight FreeBSD
     * calls that made the most seccomp stops (the calls that still reach the supervisor).
     */
    public String stopCounts() {
        StringBuilder top = new StringBuilder();
        long[] counts = seccompStopsByNumber.clone();
        for (int shown = 0; shown < 8; shown++) {
            int best = 0;
            for (int nr = 1; nr < counts.length; nr++) {
                if (counts[nr] > counts[best]) {
                    best = nr;
                }
            }
            if (counts[best] == 0) {
                break;
            }
            io.xrun.maps.SyscallRow row = dispatcher.table().byNumber(best);
            top.append(shown == 0 ? " (most: " : ", ").append(row == null ? "#" + best : row.name())
                    .append(' ').append(counts[best]);
            counts[best] = 0;
        }
        if (top.length() > 0) {
            top.append(')');
        }
        return seccompStops + " seccomp stops" + top + ", " + syscallStops + " syscall-entry/exit stops";
    }

    /** Why the requested --intercept could not be used (the mode then used is ptrace), or null. */
    public String interceptFallback() {
        return fallback;
    }

    /** How syscalls are intercepted; set before {@link #run}. */
    public void setIntercept(InterceptMode mode) {
        this.intercept = mode;
    }

    /** The stub router of --intercept=seccomp|fastpath, or null. */
    public StubRouter router() {
        return router;
    }

    /** Whether to run tracer and guest on one CPU; set before {@link #run}. */
    public void setPinCpu(boolean pin) {
        this.pinCpu = pin;
    }

    /**
     * Binds this (the tracer) thread to the CPU it runs on now. The guest started from it
     * inherits the mask (sched_setaffinity(2): a child inherits its creator's affinity), so
     * every ptrace stop hands the CPU from tracee to tracer and back without a cross-CPU
     * wake-up, which costs several times the stop itself here (docs/performance.md). The
     * guest then sees one CPU (cpuset_getaffinity, hw.ncpu stay the machine's).
     */
    private void pinToCurrentCpu() {
        int cpu = c.sched_getcpu();
        if (cpu < 0 || cpu >= 1024) {
            return;
        }
        NativeBuffer mask = new NativeBuffer(128);
        mask.zero(0, 128);
        mask.putByte(cpu / 8, (byte) (1 << (cpu % 8)));
        c.sched_setaffinity(0, 128, mask.address());
    }

    /**
     * The id a host tid has in the guest's own pid namespace: the last NSpid of
     * /proc/TID/status (fs/proc/array.c). Outside a container the two are the same. Read once
     * per new thread, off the syscall path.
     */
    private int guestId(int hostTid) {
        return pidNamespace ? TaskStatus.read(hostTid).namespaceTid() : hostTid;
    }

    private void resume(GuestThread t, int sig) {
        // Under seccomp the filter reports entries; an exit stop is asked for only while a call
        // the supervisor must finish is under way.
        boolean stops = t.process().isFreebsd() && (!intercept.seccomp() || t.inSyscall());
        int req = stops ? Ptrace.PTRACE_SYSCALL : Ptrace.PTRACE_CONT;
        Ptrace.request(req, t.tid(), 0, sig);
    }

    private void getRegs(int tid) throws SupervisorException {
        int rc = Ptrace.request(Ptrace.PTRACE_GETREGS, tid, 0, regs.address());
        if (rc < 0 && rc != -3) { // ESRCH: the thread died under us; its exit is reported next
            throw new SupervisorException("ptrace(PTRACE_GETREGS) failed: " + c.strerror(-rc));
        }
    }

    private void setRegs(int tid) throws SupervisorException {
        int rc = Ptrace.request(Ptrace.PTRACE_SETREGS, tid, 0, regs.address());
        if (rc < 0 && rc != -3) {
            throw new SupervisorException("ptrace(PTRACE_SETREGS) failed: " + c.strerror(-rc));
        }
    }
}
