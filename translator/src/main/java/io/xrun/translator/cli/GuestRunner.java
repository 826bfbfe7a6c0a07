package io.xrun.translator.cli;

import io.xrun.maps.Signals;
import io.xrun.maps.SyscallTable;
import io.xrun.translator.trace.TraceWriter;
import io.xrun.translator.core.Dispatcher;
import io.xrun.translator.fastpath.InterceptMode;
import io.xrun.translator.core.NosysPolicy;
import io.xrun.translator.handlers.FreebsdHandlers;
import io.xrun.translator.nativeapi.Native;
import io.xrun.translator.nativeapi.NativeBuffer;
import io.xrun.translator.nativeapi.Ptrace;
import io.xrun.translator.ptrace.GuestExit;
import io.xrun.translator.ptrace.Launcher;
import io.xrun.translator.ptrace.PtraceSupervisor;
import io.xrun.translator.ptrace.Spawner;
import io.xrun.translator.ptrace.SupervisorException;
import io.xrun.translator.time.TimekeepUpdater;
import sun.misc.Signal;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Runs one program under the chosen personality and turns its end into xrun's exit status. */
final class GuestRunner {
    /** kern.osreldate xrun presents (FreeBSD 14.1, sys/sys/param.h __FreeBSD_version). */
    static final int OSRELDATE = 1401000;

    private GuestRunner() {
    }

    /**
     * How the supervisor runs a FreeBSD guest: the answer to a syscall xrun lacks, --pin (tracer
     * and guest on one CPU), --timekeep (the AT_TIMEKEEP page), --intercept (how syscalls reach
     * the translation).
     */
    record Options(NosysPolicy.Mode onUnsupported, boolean pin, boolean timekeep, InterceptMode intercept) {
    }

    /** xrun's cache directory: the launcher, the CDS archive, images, the container mount point. */
    static Path cacheDir() {
        return Launcher.cacheDir();
    }

    /** A single FreeBSD program, in the host's filesystem. */
    static int runFreebsd(Path program, List<String> argv, Map<String, String> env, String workdir, TraceWriter trace,
                          Options o, PrintStream err) throws XrunException {
        List<String> options = workdir == null ? List.of() : List.of("-W", workdir);
        return supervise(options, false, program.toString(), argv, env, trace, o, err,
                program.getFileName().toString());
    }

    /** A container whose command is (or may be) a FreeBSD program. */
    static int runFreebsd(ContainerLaunch c, TraceWriter trace, Options o, PrintStream err) throws XrunException {
        return supervise(c.spec().launcherOptions(), c.detectFirstExec(), c.program(), c.argv(), c.env(), trace,
                o, err, c.program());
    }

    private static int supervise(List<String> options, boolean detectFirstExec, String program, List<String> argv,
                                 Map<String, String> env, TraceWriter trace, Options o, PrintStream err, String name)
            throws XrunException {
        Path launcher = launcher();
        SyscallTable table = SyscallTable.freebsdAmd64();
        NativeBuffer buffer = new NativeBuffer(64 * 1024);
        NosysPolicy nosys = new NosysPolicy(err, (pid, tid, sig) -> Ptrace.tgkill(pid, tid, sig), o.onUnsupported());
        Dispatcher dispatcher = new Dispatcher(table, FreebsdHandlers.registry(table), nosys, trace, buffer);
        PtraceSupervisor sup = new PtraceSupervisor(dispatcher, buffer, OSRELDATE,
                o.timekeep() ? TimekeepUpdater.start() : null);
        sup.setPinCpu(o.pin());
        sup.setIntercept(o.intercept());
        GuestExit[] result = new GuestExit[1];
        XrunException[] failure = new XrunException[1];
        Thread tracer = new Thread(() -> {
            try {
                result[0] = sup.run(launcher.toString(), options, detectFirstExec, program, argv, env);
            } catch (SupervisorException e) {
                failure[0] = new XrunException(ExitCodes.XRUN_ERROR, "xrun: " + e.getMessage());
            } catch (RuntimeException | Error e) {
                Main.debug(e);
                failure[0] = new XrunException(ExitCodes.XRUN_ERROR, "xrun: internal error in the supervisor: " + e);
            }
        }, "xrun-tracer");
        forwardSignals(sup::guestPid);
        tracer.start();
        joinUninterruptibly(tracer);
        if (trace != null) {
            trace.summary();
            if (sup.interceptFallback() != null) {
                trace.note("xrun: --intercept=" + o.intercept().option()
                        + " fell back to ptrace: " + sup.interceptFallback());
            } else if (o.intercept().seccomp()) {
                trace.note("xrun: --intercept=" + o.intercept().option()
                        + " under --trace: every call went through the supervisor, so that each one is reported");
                trace.note("xrun: " + sup.router().report());
            }
        }
        if (trace == null && System.getenv("XRUN_STATS") != null) {
            if (sup.router() != null) {
                err.println("xrun: " + sup.router().report());
            }
            err.println("xrun: " + sup.stopCounts());
        }
        if (failure[0] != null) {
            throw failure[0];
        }
        return exitStatus(result[0], name, err);
    }

    private static Path launcher() throws XrunException {
        try {
            return Launcher.install();
        } catch (IOException e) {
            throw new XrunException(ExitCodes.XRUN_ERROR, "xrun: cannot install the launcher in "
                    + Launcher.cacheDir() + ": " + e.getMessage());
        }
    }

    /** A single Linux program: spawned as it is (through the launcher only to change directory). */
    static int runLinux(Path program, List<String> argv, Map<String, String> env, String workdir, PrintStream err)
            throws XrunException {
        if (workdir == null) {
            return runNative(program.toString(), new ArrayList<>(argv), env, program.getFileName().toString(), err);
        }
        return runNative(launcher().toString(), Launcher.arguments(List.of("-W", workdir), program.toString(), argv), env,
                program.getFileName().toString(), err);
    }

    /** A container of Linux programs: namespaces and mounts, then no interception at all. */
    static int runLinux(ContainerLaunch c, PrintStream err) throws XrunException {
        return runNative(launcher().toString(), Launcher.arguments(c.spec().launcherOptions(), c.program(), c.argv()),
                c.env(), c.program(), err);
    }

    private static int runNative(String path, List<String> argv, Map<String, String> env, String name, PrintStream err)
            throws XrunException {
        int pid = Spawner.spawn(path, argv, env);
        if (pid < 0) {
            throw new XrunException(ExitCodes.CANNOT_EXECUTE, "xrun: cannot execute " + path + ": "
                    + Native.LIBC.strerror(-pid));
        }
        int[] guest = {pid};
        forwardSignals(() -> guest[0]);
        NativeBuffer st = new NativeBuffer(8);
        while (Native.LIBC.waitpid(pid, st.address(), 0) < 0) {
            if (Native.errno() != 4) {
                throw new XrunException(ExitCodes.XRUN_ERROR, "xrun: lost the program: waitpid failed");
            }
        }
        int s = st.getInt(0);
        if (Ptrace.exited(s)) {
            return Ptrace.exitCode(s);
        }
        err.println("xrun: " + name + " terminated by Linux signal " + Ptrace.termSig(s));
        return ExitCodes.SIGNAL_BASE + Ptrace.termSig(s);
    }

    static int exitStatus(GuestExit e, String program, PrintStream err) {
        if (!e.signaled()) {
            return e.code();
        }
        int n = e.freebsdSignal() != 0 ? e.freebsdSignal() : e.linuxSignal();
        err.println("xrun: " + program + " terminated by signal "
                + (e.freebsdSignal() != 0 ? Signals.freebsdName(e.freebsdSignal()) : "Linux " + e.linuxSignal())
                + (e.coreDumped() ? " (core dumped)" : ""));
        return ExitCodes.SIGNAL_BASE + n;
    }

    /**
     * The terminal sends SIGINT and SIGQUIT to the whole foreground process group, guest
     * included, so xrun ignores them and lets the guest decide. SIGTERM and SIGHUP sent to
     * xrun alone are passed on to the guest.
     */
    private static void forwardSignals(java.util.function.IntSupplier guestPid) {
        handle("INT", s -> { });
        handle("QUIT", s -> { }); // the JVM keeps QUIT for thread dumps; then it stays the JVM's
        for (String name : new String[] {"TERM", "HUP"}) {
            handle(name, s -> {
                int pid = guestPid.getAsInt();
                if (pid > 0) {
                    Native.LIBC.kill(pid, s.getNumber());
                }
            });
        }
    }

    private static void handle(String name, sun.misc.SignalHandler h) {
        try {
            Signal.handle(new Signal(name), h);
        } catch (IllegalArgumentException e) {
            // a signal the JVM reserves (QUIT, or any with -Xrs): keep the JVM's behaviour
        }
    }

    private static void joinUninterruptibly(Thread t) {
        while (true) {
            try {
                t.join();
                return;
            } catch (InterruptedException e) {
                // keep waiting: the tracer owns the guest
            }
        }
    }
}
