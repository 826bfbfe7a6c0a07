package io.xrun.translator.e2e;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the xrun CLI in a child JVM (the guest's stdio is the process's own, so it must be a
 * separate process to be captured), with the test class path.
 */
public final class XrunProcess {
    public record Result(int exit, String stdout, String stderr) {
    }

    private XrunProcess() {
    }

    public static Path testbins() {
        return Path.of(System.getProperty("xrun.testbins", "../testbins")).toAbsolutePath().normalize();
    }

    /**
     * A testbin's arguments from testbins/expected/NAME.args (whitespace-separated), or none:
     * what the suite runs it with everywhere (goldens, traces, the Linux oracle).
     */
    public static List<String> goldenArgs(String name) throws IOException {
        Path f = testbins().resolve("expected").resolve(name + ".args");
        List<String> out = new ArrayList<>();
        if (Files.exists(f)) {
            for (String a : Files.readString(f).trim().split("\\s+")) {
                if (!a.isEmpty()) {
                    out.add(a);
                }
            }
        }
        return out;
    }

    /** A testbin's source: testbins/go/NAME/main.go for go-NAME, else testbins/src/NAME.c. */
    public static Path source(String name) {
        return name.startsWith("go-") ? testbins().resolve("go").resolve(name.substring(3)).resolve("main.go")
                : testbins().resolve("src").resolve(name + ".c");
    }

    /** xrun's contract for its own failures: exactly one line on stderr, never a Java stack trace. */
    public static void assertOneLineNoTrace(Result r) {
        org.junit.jupiter.api.Assertions.assertEquals(1, r.stderr().strip().lines().count(),
                "exactly one line: " + r.stderr());
        org.junit.jupiter.api.Assertions.assertFalse(r.stderr().contains("\tat ") || r.stderr().contains("Exception"),
                r.stderr());
    }

    public static Result run(List<String> xrunArgs) throws IOException, InterruptedException {
        return run(List.of(), xrunArgs);
    }

    /**
     * Runs xrun under a wrapper command, e.g. {@code bash testbins/with-ld-elf.sh}, which runs the
     * JVM it is given in a private root where /libexec/ld-elf.so.1 is testbins' interpreter.
     */
    public static Result run(List<String> wrapper, List<String> xrunArgs) throws IOException, InterruptedException {
        return run(wrapper, xrunArgs, java.util.Map.of());
    }

    /** The JVM command line that runs xrun with the test class path (or {@code classPath}). */
    public static List<String> command(List<String> wrapper, String classPath, List<String> xrunArgs) {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(wrapper);
        cmd.add(java);
        cmd.add("-XX:+UseSerialGC");
        cmd.add("-cp");
        cmd.add(classPath == null ? System.getProperty("java.class.path") : classPath);
        cmd.add("io.xrun.translator.cli.Main");
        cmd.addAll(xrunArgs);
        return cmd;
    }

    /** Runs xrun with extra environment variables (XRUN_CACHE, say). */
    public static Result run(List<String> wrapper, List<String> xrunArgs, java.util.Map<String, String> env)
            throws IOException, InterruptedException {
        return run(command(wrapper, null, xrunArgs), env);
    }

    /** Runs a full command line (see {@link #command}) and collects its output. */
    public static Result run(List<String> cmd, java.util.Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().putAll(env);
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Process p = pb.start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Thread to = pump(p.getInputStream(), out);
        Thread te = pump(p.getErrorStream(), err);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(cmd + " did not finish in 120 s");
        }
        to.join();
        te.join();
        return new Result(p.exitValue(), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static Thread pump(InputStream in, ByteArrayOutputStream sink) {
        Thread t = new Thread(() -> {
            try {
                in.transferTo(sink);
            } catch (IOException e) {
                // the stream closes when the child exits
            }
        });
        t.start();
        return t;
    }
}
