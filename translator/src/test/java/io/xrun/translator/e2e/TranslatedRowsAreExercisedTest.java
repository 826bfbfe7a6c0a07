package io.xrun.translator.e2e;

import io.xrun.maps.SyscallRow;
import io.xrun.maps.SyscallTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every row the table marks translated, emulated or partial is exercised by a real FreeBSD
 * program: all testbins run under --trace, and each supported row's name must appear in
 * the traces with a result (success and failure both count).
 */
class TranslatedRowsAreExercisedTest {
    private static final Pattern LINE = Pattern.compile("^\\d+: ([A-Za-z0-9_]+)\\(.*\\) = .*");

    @TempDir
    Path tmp;

    @Test
    void everySupportedRowAppearsInATrace() throws Exception {
        Path expected = XrunProcess.testbins().resolve("expected");
        List<Path> goldens;
        try (Stream<Path> s = Files.list(expected)) {
            goldens = s.filter(p -> p.toString().endsWith(".out")).sorted().toList();
        }
        Set<String> seen = new TreeSet<>();
        for (Path g : goldens) {
            String name = g.getFileName().toString().replaceFirst("\\.out$", "");
            if (Files.exists(expected.resolve(name + ".interp"))) {
                // dynhello needs /libexec/ld-elf.so.1 (TestbinsEndToEndTest runs it in a private
                // root); it and its interpreter make only write and exit, as every testbin does
                continue;
            }
            Path trace = tmp.resolve(name + ".trace");
            List<String> args = new ArrayList<>(List.of("run", "--trace=" + trace,
                    XrunProcess.testbins().resolve("bin").resolve(name).toString()));
            Path argFile = expected.resolve(name + ".args");
            if (Files.exists(argFile)) {
                args.addAll(List.of(Files.readString(argFile).trim().split("\\s+")));
            }
            XrunProcess.run(args);
            for (String l : Files.readAllLines(trace)) {
                Matcher m = LINE.matcher(l);
                if (m.matches()) {
                    seen.add(m.group(1));
                }
            }
        }
        Set<String> missing = new TreeSet<>();
        for (SyscallRow r : SyscallTable.freebsdAmd64().rows()) {
            if (r.status().isSupported() && !seen.contains(r.name())
                    // syscall(2)/__syscall(2) trace as the call they carry; testbins/expected/indirect.out covers them
                    && !r.name().equals("syscall") && !r.name().equals("__syscall")) {
                missing.add(r.name() + " (" + r.number() + ")");
            }
        }
        assertTrue(missing.isEmpty(), "supported rows no testbin exercises: " + missing);
    }
}
