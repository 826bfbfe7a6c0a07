package io.xrun.translator.e2e;

import io.xrun.maps.Status;
import io.xrun.maps.SyscallRow;
import io.xrun.maps.SyscallTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Proof for every claim the syscall table makes, and the coverage report built from it.
 *
 * <p>Each testbin names the rows it tests in its source ({@code xrun-covers: NAME ...} lines in
 * testbins/src/NAME.c or testbins/go/NAME/main.go). Every testbin runs under --trace, and:
 * <ul>
 *   <li>every name a testbin gives must be a row of the table;</li>
 *   <li>every row a testbin names must appear in that testbin's trace;</li>
 *   <li>every row marked translated, emulated or partial must be named by some testbin.</li>
 * </ul>
 * Then docs/coverage.md and docs/coverage.json are rendered from the table and these results
 * and compared with the committed files: they are never edited by hand. Regenerate them with
 * {@code mvn -pl translator -am test -Dtest=CoverageTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dxrun.coverage.write=true}.
 */
class CoverageTest {
    private static final Pattern LINE = Pattern.compile("^\\d+: ([A-Za-z0-9_]+)\\(.*\\) = .*");
    private static final Pattern COVERS = Pattern.compile("xrun-covers:((?:[ \\t]+[A-Za-z0-9_]+)+)");
    /** syscall(2)/__syscall(2) trace as the call they carry (testbins/src/indirect.c). */
    private static final Set<String> CARRIERS = Set.of("syscall", "__syscall");

    @TempDir
    Path tmp;

    record Testbin(String name, Path source, Set<String> declared, Set<String> traced, int goldenLines) {
    }

    @Test
    void everyClaimIsProvedAndTheReportIsCurrent() throws Exception {
        SyscallTable table = SyscallTable.freebsdAmd64();
        Map<String, SyscallRow> rows = new TreeMap<>();
        for (SyscallRow r : table.rows()) {
            rows.put(r.name(), r);
        }
        List<Testbin> bins = runAll();
        List<String> problems = new ArrayList<>();
        Map<String, Set<String>> testsOf = new TreeMap<>();
        for (Testbin b : bins) {
            for (String d : b.declared()) {
                if (!rows.containsKey(d)) {
                    problems.add(b.name() + " names row " + d + ", which the table does not have");
                } else if (!b.traced().contains(d) && !CARRIERS.contains(d)) {
                    problems.add(b.name() + " names " + d + " but never calls it");
                } else {
                    testsOf.computeIfAbsent(d, k -> new TreeSet<>()).add(b.name());
                }
            }
        }
        for (SyscallRow r : table.rows()) {
            if (r.status().isSupported() && !testsOf.containsKey(r.name())) {
                problems.add(r.name() + " (" + r.number() + ") is " + r.status().label() + " but no testbin names it");
            }
            if (r.status() != Status.TRANSLATED && r.note().isBlank()) {
                problems.add(r.name() + " (" + r.number() + ") is " + r.status().label() + " and gives no reason");
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));

        String md = CoverageReport.markdown(table, testsOf, bins);
        String json = CoverageReport.json(table, testsOf, bins);
        Path docs = XrunProcess.testbins().getParent().resolve("docs");
        if (Boolean.getBoolean("xrun.coverage.write")) {
            Files.writeString(docs.resolve("coverage.md"), md);
            Files.writeString(docs.resolve("coverage.json"), json);
        }
        String hint = " is stale or hand-edited; regenerate it: mvn -pl translator -am test -Dtest=CoverageTest "
                + "-Dsurefire.failIfNoSpecifiedTests=false -Dxrun.coverage.write=true";
        assertEquals(md, read(docs.resolve("coverage.md")), "docs/coverage.md" + hint);
        assertEquals(json, read(docs.resolve("coverage.json")), "docs/coverage.json" + hint);
    }

    private static String read(Path p) throws IOException {
        return Files.exists(p) ? Files.readString(p) : "";
    }

    private List<Testbin> runAll() throws Exception {
        Path testbins = XrunProcess.testbins();
        Path expected = testbins.resolve("expected");
        List<Path> goldens;
        try (Stream<Path> s = Files.list(expected)) {
            goldens = s.filter(p -> p.toString().endsWith(".out")).sorted().toList();
        }
        List<Testbin> out = new ArrayList<>();
        for (Path g : goldens) {
            String name = g.getFileName().toString().replaceFirst("\\.out$", "");
            Path source = XrunProcess.source(name);
            Set<String> declared = declared(source);
            Set<String> traced = new TreeSet<>();
            if (!Files.exists(expected.resolve(name + ".interp"))) {
                // dynhello needs /libexec/ld-elf.so.1: ContainerEndToEndTest runs it in an image.
                traced = trace(name);
            }
            int lines = (int) Files.readString(g).lines().count();
            out.add(new Testbin(name, source, declared, traced, lines));
        }
        return out;
    }

    static Set<String> declared(Path source) throws IOException {
        Set<String> names = new TreeSet<>();
        if (!Files.exists(source)) {
            return names;
        }
        Matcher m = COVERS.matcher(Files.readString(source, StandardCharsets.UTF_8));
        while (m.find()) {
            names.addAll(List.of(m.group(1).trim().split("\\s+")));
        }
        return names;
    }

    private Set<String> trace(String name) throws Exception {
        Path trace = tmp.resolve(name + ".trace");
        List<String> args = new ArrayList<>(List.of("run", "--trace=" + trace,
                XrunProcess.testbins().resolve("bin").resolve(name).toString()));
        args.addAll(XrunProcess.goldenArgs(name));
        XrunProcess.run(args);
        Set<String> seen = new TreeSet<>();
        for (String l : Files.readAllLines(trace)) {
            Matcher m = LINE.matcher(l);
            if (m.matches()) {
                seen.add(m.group(1));
            }
        }
        return seen;
    }

    /** Renders the report; plain string building so that the output is stable byte for byte. */
    static final class CoverageReport {
        private CoverageReport() {
        }

        static Map<Status, Integer> counts(SyscallTable table) {
            Map<Status, Integer> c = new EnumMap<>(Status.class);
            for (Status s : Status.values()) {
                c.put(s, 0);
            }
            for (SyscallRow r : table.rows()) {
                c.merge(r.status(), 1, Integer::sum);
            }
            return c;
        }

        static String markdown(SyscallTable table, Map<String, Set<String>> testsOf, List<Testbin> bins) {
            StringBuilder b = new StringBuilder();
            b.append("# FreeBSD syscall coverage\n\n");
            b.append("Generated by `translator/src/test/java/io/xrun/translator/e2e/CoverageTest.java` from\n");
            b.append("`syscall-maps/tables/freebsd-amd64-syscalls.tsv` and the testbins' traces; never edit it by hand\n");
            b.append("(CI fails when it is stale). A row's tests are the testbins that name it (`xrun-covers:`) and\n");
            b.append("whose `--trace` shows the call.\n\n");
            Map<Status, Integer> c = counts(table);
            b.append("| status | rows |\n|---|---|\n");
            for (Map.Entry<Status, Integer> e : c.entrySet()) {
                b.append("| ").append(e.getKey().label()).append(" | ").append(e.getValue()).append(" |\n");
            }
            b.append("| total | ").append(table.rows().size()).append(" |\n\n");
            int golden = bins.stream().mapToInt(Testbin::goldenLines).sum();
            b.append("Testbins: ").append(bins.size()).append(", golden lines: ").append(golden).append(".\n\n");
            b.append("| # | name | status | Linux | tests | note |\n|---|---|---|---|---|---|\n");
            for (SyscallRow r : table.rows()) {
                Set<String> t = testsOf.getOrDefault(r.name(), Set.of());
                b.append("| ").append(r.number()).append(" | ").append(r.name()).append(" | ")
                        .append(r.status().label()).append(" | ").append(r.linuxName() == null ? "" : r.linuxName())
                        .append(" | ").append(String.join(", ", t)).append(" | ")
                        .append(r.note().replace("|", "\\|")).append(" |\n");
            }
            return b.toString();
        }

        static String json(SyscallTable table, Map<String, Set<String>> testsOf, List<Testbin> bins) {
            StringBuilder b = new StringBuilder("{\n  \"counts\": {");
            Map<Status, Integer> c = counts(table);
            int i = 0;
            for (Map.Entry<Status, Integer> e : c.entrySet()) {
                b.append(i++ == 0 ? "" : ", ").append(q(e.getKey().label())).append(": ").append(e.getValue());
            }
            b.append("},\n  \"testbins\": [");
            i = 0;
            for (Testbin t : bins) {
                b.append(i++ == 0 ? "\n" : ",\n").append("    {\"name\": ").append(q(t.name()))
                        .append(", \"goldenLines\": ").append(t.goldenLines()).append('}');
            }
            b.append("\n  ],\n  \"rows\": [");
            i = 0;
            for (SyscallRow r : table.rows()) {
                b.append(i++ == 0 ? "\n" : ",\n").append("    {\"number\": ").append(r.number())
                        .append(", \"name\": ").append(q(r.name())).append(", \"status\": ").append(q(r.status().label()))
                        .append(", \"linux\": ").append(r.linuxName() == null ? "null" : q(r.linuxName()))
                        .append(", \"tests\": [");
                int j = 0;
                for (String t : testsOf.getOrDefault(r.name(), Set.of())) {
                    b.append(j++ == 0 ? "" : ", ").append(q(t));
                }
                b.append("], \"note\": ").append(q(r.note())).append('}');
            }
            return b.append("\n  ]\n}\n").toString();
        }

        private static String q(String s) {
            return io.xrun.translator.cli.SyscallsCommand.json(s);
        }
    }
}
