package io.xrun.translator.cli;

import io.xrun.loader.ElfImage;
import io.xrun.loader.Personality;
import io.xrun.loader.PersonalityDetector;
import io.xrun.translator.trace.TraceWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.FileNotFoundException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Runs PROGRAM with ARGS; its stdin, stdout, stderr and exit status are its own.")
public final class RunCommand implements Callable<Integer> {
    public enum PersonalityChoice { auto, freebsd, linux }

    @Option(names = "--personality", defaultValue = "auto",
            description = "auto (default: from the ELF's OS/ABI byte or FreeBSD ABI note), freebsd or linux")
    PersonalityChoice personality;

    @Option(names = "--trace", paramLabel = "FILE",
            description = "--trace[=FILE]: print one line per FreeBSD syscall (truss style) to FILE, or to stderr")
    String trace;

    @Parameters(index = "0", paramLabel = "PROGRAM", description = "the program to run")
    String program;

    @Parameters(index = "1..*", paramLabel = "ARGS", description = "its arguments")
    List<String> args = new ArrayList<>();

    @Override
    public Integer call() throws XrunException {
        Path path = ProgramResolver.resolve(program);
        ElfImage elf = ProgramResolver.inspect(path);
        Personality p = switch (personality) {
            case freebsd -> Personality.FREEBSD;
            case linux -> Personality.LINUX;
            case auto -> PersonalityDetector.detect(elf);
        };
        List<String> argv = new ArrayList<>();
        argv.add(program);
        argv.addAll(args);
        if (p == Personality.LINUX) {
            return GuestRunner.runLinux(path, argv, System.err);
        }
        // A dynamic program: Linux's execve loads PT_INTERP from the guest's root (today the
        // host's; inside a container the image's), and fails with a bare ENOENT without it.
        ProgramResolver.checkInterpreter(program, elf, Path.of("/"));
        PrintStream traceOut = null;
        try {
            if (trace != null) {
                traceOut = trace.equals("-") ? System.err : new PrintStream(trace);
            }
            return GuestRunner.runFreebsd(path, argv, traceOut == null ? null : new TraceWriter(traceOut), System.err);
        } catch (FileNotFoundException e) {
            throw new XrunException(ExitCodes.XRUN_ERROR, "xrun: cannot write trace file " + trace + ": " + e.getMessage());
        } finally {
            if (traceOut != null && traceOut != System.err) {
                traceOut.close();
            }
        }
    }
}
