package io.xrun.translator.e2e;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The gVisor way: where FreeBSD and Linux agree, one C (or Go) source is built twice, each
 * against its own ABI (testbins/build.sh: "xrun-linux: yes"; build-go.sh), and the Linux build
 * run natively is the oracle for the FreeBSD build run under xrun: same output, same exit
 * status. The programs print facts, never ABI-specific numbers, so the two must agree line for
 * line. Each program with a Linux build says in its source whether it is such a program
 * ({@code xrun-oracle: yes}) or why not ({@code xrun-oracle: no: REASON}, where the two kernels
 * differ on purpose and the golden follows FreeBSD's).
 */
class LinuxOracleTest {
    record Run(int exit, String out) {
    }

    @TestFactory
    Stream<DynamicTest> freebsdBuildUnderXrunMatchesTheNativeLinuxBuild() throws IOException {
        Path testbins = XrunProcess.testbins();
        Path linux = testbins.resolve("bin/linux");
        List<String> names;
        try (Stream<Path> s = Files.list(linux)) {
            names = s.map(p -> p.getFileName().toString()).sorted().toList();
        }
        List<String> oracles = new ArrayList<>();
        for (String n : names) {
            Path source = n.startsWith("go-") ? testbins.resolve("go").resolve(n.substring(3)).resolve("main.go")
                    : testbins.resolve("src").resolve(n + ".c");
            String text = Files.readString(source);
            if (text.contains("xrun-oracle: yes")) {
                oracles.add(n);
            } else {
                assertTrue(text.contains("xrun-oracle: no:"), source + " has a Linux build but says neither "
                        + "'xrun-oracle: yes' nor 'xrun-oracle: no: REASON'");
            }
        }
        names = oracles;
        assertFalse(names.isEmpty(), "no Linux builds in " + linux);
        return names.stream().map(n -> DynamicTest.dynamicTest(n, () -> {
            List<String> args = new ArrayList<>();
            Path argFile = testbins.resolve("expected").resolve(n + ".args");
            if (Files.exists(argFile)) {
                args.addAll(List.of(Files.readString(argFile).trim().split("\\s+")));
            }
            List<String> nativeCmd = new ArrayList<>(List.of(linux.resolve(n).toString()));
            nativeCmd.addAll(args);
            Run oracle = run(nativeCmd);
            List<String> xrunArgs = new ArrayList<>(List.of(testbins.resolve("bin").resolve(n).toString()));
            xrunArgs.addAll(args);
            XrunProcess.Result x = XrunProcess.run(xrunArgs);
            assertEquals(oracle.out(), x.stdout(), n + ": output under xrun differs from the native Linux build's");
            assertEquals(oracle.exit(), x.exit(), n + ": exit status differs; xrun said: " + x.stderr());
        }));
    }

    private static Run run(List<String> cmd) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        p.getInputStream().transferTo(out);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(cmd + " did not finish");
        }
        return new Run(p.exitValue(), out.toString(StandardCharsets.UTF_8));
    }
}
