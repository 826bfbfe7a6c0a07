package io.xrun.translator.cli;

import io.xrun.loader.ElfImage;
import io.xrun.loader.Personality;
import io.xrun.loader.PersonalityDetector;
import io.xrun.loader.image.ImageException;
import io.xrun.loader.image.ImageStore;
import io.xrun.loader.image.PreparedImage;
import io.xrun.translator.container.ContainerEnv;
import io.xrun.translator.trace.TraceWriter;
import picocli.CommandLine.Command;
import io.xrun.translator.fastpath.InterceptMode;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.FileNotFoundException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Runs IMAGE as a container, the way docker run would, or a single program.",
            "IMAGE is an ELF program, a root filesystem directory or tarball, an OCI image layout or",
            "archive, or a docker-archive tarball; COMMAND replaces the image's Cmd."})
public final class RunCommand implements Callable<Integer> {
    /** --intercept when neither the option nor XRUN_INTERCEPT says: see fastpath.InterceptMode. */
    static final String DEFAULT_INTERCEPT = "fastpath";

    public enum PersonalityChoice { auto, freebsd, linux }

    public enum Network { host, none }

    @Option(names = "--personality", defaultValue = "auto",
            description = "auto (default: from the image's os, else each ELF's OS/ABI byte or FreeBSD ABI note), freebsd or linux")
    PersonalityChoice personality;

    @Option(names = "--trace", paramLabel = "FILE",
            description = "--trace[=FILE]: print one line per FreeBSD syscall (truss style) to FILE, or to stderr")
    String trace;

    @Option(names = "--on-unsupported", defaultValue = "sigsys", paramLabel = "enosys|sigsys|abort",
            description = "a FreeBSD syscall xrun lacks: sigsys (default, FreeBSD's answer: ENOSYS and SIGSYS), "
                    + "enosys (ENOSYS only), abort (stop the program)")
    io.xrun.translator.core.NosysPolicy.Mode onUnsupported;

    @Option(names = "--pin", defaultValue = "on", paramLabel = "on|off",
            description = "on (default): run the supervisor and the FreeBSD guest on one CPU, which makes every "
                    + "syscall stop cheaper; off: let the scheduler place them")
    String pin;

    @Option(names = "--intercept", paramLabel = "ptrace|seccomp|fastpath",
            description = "how FreeBSD syscalls reach xrun: fastpath (default; plain calls, and those whose flags, "
                    + "struct stat, dirents or kevent waits a stub can translate, run in stubs xrun writes into the guest, "
                    + "without stopping), seccomp (every call stops once), ptrace (every call stops twice). "
                    + "The environment variable XRUN_INTERCEPT sets the default; XRUN_STATS=1 prints what stopped")
    String intercept;

    @Option(names = "--timekeep", defaultValue = "on", paramLabel = "on|off",
            description = "on (default): give FreeBSD programs the timekeeping page (AT_TIMEKEEP), so "
                    + "clock_gettime and gettimeofday read the TSC without a syscall; off: every time read is a syscall")
    String timekeep;

    @Option(names = {"-v", "--volume"}, paramLabel = "HOST:CONTAINER[:ro]", description = "bind-mount a host path")
    List<String> volumes = new ArrayList<>();

    @Option(names = {"-e", "--env"}, paramLabel = "NAME[=VALUE]", description = "set a variable (NAME alone: the host's value)")
    List<String> env = new ArrayList<>();

    @Option(names = "--env-file", paramLabel = "FILE", description = "read NAME=VALUE lines")
    List<Path> envFiles = new ArrayList<>();

    @Option(names = {"-w", "--workdir"}, paramLabel = "DIR", description = "working directory inside the container")
    String workdir;

    @Option(names = "--hostname", paramLabel = "NAME", description = "the container's hostname (default: its id)")
    String hostname;

    @Option(names = {"-u", "--user"}, paramLabel = "USER[:GROUP]", description = "name or id, from the image's /etc/passwd")
    String user;

    @Option(names = "--net", defaultValue = "host", description = "host (default) or none (only a loopback)")
    Network net;

    @Option(names = "--entrypoint", paramLabel = "CMD", description = "replace the image's Entrypoint (and drop its Cmd)")
    String entrypoint;

    @Option(names = "--rm", description = "accepted for docker compatibility: a container's writes always vanish at exit")
    boolean rm;

    @Parameters(index = "0", paramLabel = "IMAGE", description = "the image or program to run")
    String image;

    @Parameters(index = "1..*", paramLabel = "COMMAND", description = "the command and its arguments")
    List<String> args = new ArrayList<>();

    @Override
    public Integer call() throws XrunException {
        Path path = ProgramResolver.resolve(image);
        PrintStream err = System.err;
        PreparedImage prepared;
        try {
            prepared = new ImageStore(GuestRunner.cacheDir(), w -> err.println("xrun: " + w)).prepare(path);
        } catch (ImageException e) {
            throw new XrunException(exitCode(e.reason()), "xrun: " + e.getMessage());
        }
        if (prepared.kind() == PreparedImage.Kind.ELF) {
            return runProgram(prepared.elf());
        }
        ContainerLaunch launch;
        try {
            launch = ContainerLaunch.plan(this, prepared, System.getenv());
        } catch (ContainerLaunch.WrongArchitecture e) {
            throw new XrunException(ExitCodes.CANNOT_EXECUTE, "xrun: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new XrunException(ExitCodes.XRUN_ERROR, "xrun: " + e.getMessage());
        }
        if (launch.personality() == Personality.LINUX) {
            return GuestRunner.runLinux(launch, err);
        }
        return withTrace(t -> GuestRunner.runFreebsd(launch, t, supervisorOptions(), err));
    }

    /** A single ELF runs in the host's filesystem, as a plain program: no namespaces. */
    private int runProgram(Path path) throws XrunException {
        if (!volumes.isEmpty() || hostname != null || user != null || net != Network.host || entrypoint != null) {
            throw new XrunException(ExitCodes.XRUN_ERROR, "xrun: -v, --hostname, --user, --net and --entrypoint need an "
                    + "image (a root filesystem directory or archive); " + path.getFileName() + " is a single program");
        }
        ElfImage elf = ProgramResolver.inspect(path);
        Personality p = switch (personality) {
            case freebsd -> Personality.FREEBSD;
            case linux -> Personality.LINUX;
            case auto -> PersonalityDetector.detect(elf);
        };
        List<String> argv = new ArrayList<>();
        argv.add(image);
        argv.addAll(args);
        Map<String, String> environment = programEnv();
        if (p == Personality.LINUX) {
            return GuestRunner.runLinux(path, argv, environment, workdir, System.err);
        }
        // A dynamic program: Linux's execve loads PT_INTERP from the guest's root (here the
        // host's; inside a container the image's), and fails with a bare ENOENT without it.
        ProgramResolver.checkInterpreter(image, elf, Path.of("/"));
        return withTrace(t -> GuestRunner.runFreebsd(path, argv, environment, workdir, t, supervisorOptions(), System.err));
    }

    /** The host's environment with the -e and --env-file settings on top. */
    private Map<String, String> programEnv() throws XrunException {
        Map<String, String> host = System.getenv();
        if (env.isEmpty() && envFiles.isEmpty()) {
            return host;
        }
        Map<String, String> out = new LinkedHashMap<>(host);
        try {
            ContainerEnv extra = new ContainerEnv(host);
            envFiles.forEach(extra::addFile);
            env.forEach(extra::add);
            out.putAll(extra.settings());
        } catch (IllegalArgumentException e) {
            throw new XrunException(ExitCodes.XRUN_ERROR, "xrun: " + e.getMessage());
        }
        return out;
    }

    interface TracedRun {
        int run(TraceWriter trace) throws XrunException;
    }

    private int withTrace(TracedRun r) throws XrunException {
        PrintStream traceOut = null;
        try {
            if (trace != null) {
                traceOut = trace.equals("-") ? System.err : new PrintStream(trace);
            }
            return r.run(traceOut == null ? null : new TraceWriter(traceOut));
        } catch (FileNotFoundException e) {
            throw new XrunException(ExitCodes.XRUN_ERROR, "xrun: cannot write trace file " + trace + ": " + e.getMessage());
        } finally {
            if (traceOut != null && traceOut != System.err) {
                traceOut.close();
            }
        }
    }

    private GuestRunner.Options supervisorOptions() throws XrunException {
        String name = intercept != null ? intercept : System.getenv().getOrDefault("XRUN_INTERCEPT", DEFAULT_INTERCEPT);
        InterceptMode mode = InterceptMode.parse(name);
        if (mode == null) {
            throw new XrunException(ExitCodes.XRUN_ERROR, "xrun: --intercept takes ptrace, seccomp or fastpath, not " + name);
        }
        return new GuestRunner.Options(onUnsupported, onOff("--pin", pin), onOff("--timekeep", timekeep), mode);
    }

    private static boolean onOff(String option, String value) throws XrunException {
        return switch (value) {
            case "on" -> true;
            case "off" -> false;
            default -> throw new XrunException(ExitCodes.XRUN_ERROR, "xrun: " + option + " takes on or off, not " + value);
        };
    }

    static int exitCode(ImageException.Reason r) {
        return switch (r) {
            case NOT_FOUND -> ExitCodes.NOT_FOUND;
            case WRONG_ARCHITECTURE, UNSUPPORTED -> ExitCodes.CANNOT_EXECUTE;
            case CORRUPT, UNSAFE, IO -> ExitCodes.XRUN_ERROR;
        };
    }
}
