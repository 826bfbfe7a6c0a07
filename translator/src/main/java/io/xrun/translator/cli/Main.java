package io.xrun.translator.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.io.PrintWriter;
import java.util.Set;

/**
 * Entry point of the xrun command. {@code xrun PROGRAM ...} is shorthand for
 * {@code xrun run PROGRAM ...}. No Java stack trace ever reaches the user: every failure is
 * one line on stderr and an exit status from {@link ExitCodes}.
 */
public final class Main {
    private static final Set<String> TOP_LEVEL = Set.of("run", "syscalls", "help", "--help", "-h", "--version", "-V");

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    public static int execute(String[] args) {
        String[] effective = args;
        if (args.length > 0 && !TOP_LEVEL.contains(args[0])) {
            effective = new String[args.length + 1];
            effective[0] = "run";
            System.arraycopy(args, 0, effective, 1, args.length);
        }
        CommandLine cl = new CommandLine(new XrunCommand());
        effective = normalizeTrace(effective, cl.getSubcommands().get("run").getCommandSpec());
        cl.setErr(new PrintWriter(System.err, true));
        // Everything after PROGRAM is the guest's, options included (`xrun prog -test.v`).
        cl.setStopAtPositional(true);
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            if (ex instanceof XrunException x) {
                System.err.println(x.getMessage());
                return x.exitCode();
            }
            System.err.println("xrun: internal error: " + ex);
            debug(ex);
            return ExitCodes.XRUN_ERROR;
        });
        cl.setParameterExceptionHandler((ex, a) -> {
            System.err.println("xrun: " + ex.getMessage());
            System.err.println("Try 'xrun --help' for more information.");
            return ExitCodes.XRUN_ERROR;
        });
        try {
            return cl.execute(effective);
        } catch (Throwable t) {
            System.err.println("xrun: internal error: " + t);
            debug(t);
            return ExitCodes.XRUN_ERROR;
        }
    }

    /**
     * {@code --trace[=FILE]}: the file only ever comes attached with '=', so that a bare
     * {@code --trace PROGRAM} traces PROGRAM to stderr instead of writing a trace file named
     * after it. Only options before the program are looked at: the rest are the guest's.
     */
    static String[] normalizeTrace(String[] args, CommandSpec run) {
        String[] out = args.clone();
        if (out.length == 0 || !out[0].equals("run")) {
            return out;
        }
        for (int i = 1; i < out.length; i++) {
            String a = out[i];
            if (a.equals("--trace")) {
                out[i] = "--trace=-";
            } else if (takesNextWord(run, a)) {
                i++;
            } else if (a.equals("--") || !a.startsWith("-")) {
                break;
            }
        }
        return out;
    }

    /** Whether option a of RunCommand takes its value as the next word (picocli's model says). */
    private static boolean takesNextWord(CommandSpec run, String a) {
        if (!a.startsWith("-") || a.contains("=")) {
            return false;
        }
        OptionSpec o = run.findOption(a);
        return o != null && o.arity().max() > 0;
    }

    /** XRUN_DEBUG=1 shows the stack trace of an internal error, for xrun's developers. */
    static void debug(Throwable t) {
        if (System.getenv("XRUN_DEBUG") != null) {
            t.printStackTrace();
        }
    }
}
