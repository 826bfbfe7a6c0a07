package io.xrun.translator.e2e;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
            Path source = XrunProcess.source(n);
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
            List<String> args = XrunProcess.goldenArgs(n);
            List<String> nativeCmd = new ArrayList<>(List.of(linux.resolve(n).toString()));
            nativeCmd.addAll(args);
            XrunProcess.Result oracle = XrunProcess.run(nativeCmd, java.util.Map.of());
            List<String> xrunArgs = new ArrayList<>(List.of(testbins.resolve("bin").resolve(n).toString()));
            xrunArgs.addAll(args);
            XrunProcess.Result x = XrunProcess.run(xrunArgs);
            assertEquals(oracle.stdout(), x.stdout(), n + ": output under xrun differs from the native Linux build's");
            assertEquals(oracle.exit(), x.exit(), n + ": exit status differs; xrun said: " + x.stderr());
        }));
    }
}
