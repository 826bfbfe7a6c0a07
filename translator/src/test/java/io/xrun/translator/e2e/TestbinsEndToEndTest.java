package io.xrun.translator.e2e;

import io.xrun.maps.Signals;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
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
 * Runs every FreeBSD testbin with a golden file under xrun and compares its stdout with
 * testbins/expected/NAME.out (written by hand from FreeBSD's man pages and headers) and its
 * end with NAME.status: an exit code, or "signal SIGNAME" for a program FreeBSD would kill
 * (xrun then exits 128 + the FreeBSD signal number and names the signal on stderr).
 * A dynamic program (NAME.interp: dynhello) runs in testbins/with-ld-elf.sh's private root, and is
 * skipped where unprivileged user namespaces are not available.
 *
 * <p>Every program runs under each --intercept mode: the answers must not depend on how the
 * calls reached the translation (two ptrace stops, one seccomp stop, or a stub in the guest).
 */
class TestbinsEndToEndTest {
    /** with-ld-elf.sh's status when user namespaces are unavailable (automake's "skipped"). */
    static final int WITH_LD_ELF_SKIPPED = 77;

    static final List<String> MODES = List.of("ptrace", "seccomp", "fastpath");

    @TestFactory
    Stream<DynamicNode> everyTestbinMatchesItsGoldenOutput() throws IOException {
        Path expected = XrunProcess.testbins().resolve("expected");
        List<Path> goldens;
        try (Stream<Path> s = Files.list(expected)) {
            goldens = s.filter(p -> p.toString().endsWith(".out")).sorted().toList();
        }
        assertFalse(goldens.isEmpty(), "no golden files in " + expected);
        return MODES.stream().map(mode -> DynamicContainer.dynamicContainer(mode, goldens.stream().map(g -> {
            String name = g.getFileName().toString().replaceFirst("\\.out$", "");
            return DynamicTest.dynamicTest(name, () -> check(name, g, mode));
        })));
    }

    private static void check(String name, Path golden, String mode) throws Exception {
        Path dir = golden.getParent();
        Path bin = XrunProcess.testbins().resolve("bin").resolve(name);
        assertTrue(Files.isExecutable(bin), "missing testbin " + bin + " (run testbins/build.sh)");
        List<String> args = new ArrayList<>(List.of("run", "--personality", "freebsd", "--intercept=" + mode,
                bin.toString()));
        args.addAll(XrunProcess.goldenArgs(name));
        XrunProcess.Result r;
        if (Files.exists(dir.resolve(name + ".interp"))) {
            // A dynamic program: its PT_INTERP (/libexec/ld-elf.so.1) exists only in the private
            // root testbins/with-ld-elf.sh builds, with testbins' own interpreter there.
            r = XrunProcess.run(List.of("bash", XrunProcess.testbins().resolve("with-ld-elf.sh").toString()), args);
            Assumptions.assumeFalse(r.exit() == WITH_LD_ELF_SKIPPED && r.stderr().startsWith("with-ld-elf.sh: skipped"),
                    r.stderr().strip());
        } else {
            r = XrunProcess.run(args);
        }
        String status = Files.readString(dir.resolve(name + ".status")).trim();
        assertEquals(Files.readString(golden), r.stdout(), name + " stdout under " + mode + " (stderr: " + r.stderr() + ")");
        if (status.startsWith("signal ")) {
            String sig = status.substring("signal ".length()).trim();
            int fbsd = (int) Signals.table().freebsd(sig);
            assertEquals(128 + fbsd, r.exit(), name + " exit status (stderr: " + r.stderr() + ")");
            assertTrue(r.stderr().contains("terminated by signal " + sig), name + " stderr: " + r.stderr());
        } else {
            assertEquals(Integer.parseInt(status), r.exit(), name + " exit status (stderr: " + r.stderr() + ")");
        }
        assertFalse(r.stderr().contains("Exception") || r.stderr().contains("\tat "), "a Java stack trace: " + r.stderr());
    }
}
