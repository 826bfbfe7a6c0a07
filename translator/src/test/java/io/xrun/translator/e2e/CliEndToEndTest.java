package io.xrun.translator.e2e;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The CLI's contract: exit codes, one-line errors, no stack traces, the syscalls report, the diagnostics. */
class CliEndToEndTest {
    @TempDir
    Path tmp;

    private static Path bin(String name) {
        return XrunProcess.testbins().resolve("bin").resolve(name);
    }


    @Test
    void missingProgramIs127() throws Exception {
        XrunProcess.Result r = XrunProcess.run(List.of(tmp.resolve("nope").toString()));
        assertEquals(127, r.exit());
        XrunProcess.assertOneLineNoTrace(r);
        XrunProcess.Result r2 = XrunProcess.run(List.of("no-such-command-xrun"));
        assertEquals(127, r2.exit());
        XrunProcess.assertOneLineNoTrace(r2);
    }

    /** A dynamic FreeBSD program whose interpreter is not in the root: one line naming it, 126. */
    @Test
    void missingInterpreterIs126() throws Exception {
        Assumptions.assumeFalse(Files.exists(Path.of("/libexec/ld-elf.so.1")), "this host has /libexec/ld-elf.so.1");
        XrunProcess.Result r = XrunProcess.run(List.of(bin("dynhello").toString(), "a"));
        assertEquals(126, r.exit());
        assertEquals("xrun: " + bin("dynhello") + ": interpreter /libexec/ld-elf.so.1 not found (dynamic FreeBSD"
                + " programs run inside their image root: xrun IMAGE ...)", r.stderr().strip());
        assertEquals("", r.stdout());
    }

    @Test
    void notElfIs126() throws Exception {
        Path f = tmp.resolve("script");
        Files.writeString(f, "hello, not an ELF\n");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rwxr-xr-x"));
        XrunProcess.Result r = XrunProcess.run(List.of("--personality", "freebsd", f.toString()));
        assertEquals(126, r.exit());
        assertTrue(r.stderr().contains("not an ELF"), r.stderr());
        XrunProcess.assertOneLineNoTrace(r);
        // A directory is a root filesystem image: with no command to run, docker's 125.
        XrunProcess.Result d = XrunProcess.run(List.of(tmp.toString()));
        assertEquals(125, d.exit());
        assertTrue(d.stderr().contains("no command"), d.stderr());
        XrunProcess.assertOneLineNoTrace(d);
    }

    @Test
    void otherArchitecturesAre126() throws Exception {
        for (int[] m : new int[][] {{2, 183}, {1, 3}}) { // aarch64 ELF64, i386 ELF32
            Path f = tmp.resolve("elf" + m[1]);
            ByteBuffer b = ByteBuffer.allocate(128).order(ByteOrder.LITTLE_ENDIAN);
            b.put(new byte[] {0x7f, 'E', 'L', 'F', (byte) m[0], 1, 1, 9});
            b.putShort(16, (short) 2).putShort(18, (short) m[1]);
            Files.write(f, b.array());
            Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rwxr-xr-x"));
            XrunProcess.Result r = XrunProcess.run(List.of(f.toString()));
            assertEquals(126, r.exit(), r.stderr());
            assertTrue(r.stderr().contains(m[1] == 3 ? "i386" : "aarch64"), r.stderr());
            XrunProcess.assertOneLineNoTrace(r);
        }
    }

    @Test
    void badUsageIs125() throws Exception {
        XrunProcess.Result r = XrunProcess.run(List.of("--personality", "solaris", bin("hello").toString()));
        assertEquals(125, r.exit());
        assertFalse(r.stderr().contains("\tat "), r.stderr());
    }

    @Test
    void autoPersonalityRunsFreebsdAndLinuxPrograms() throws Exception {
        XrunProcess.Result f = XrunProcess.run(List.of(bin("hello").toString(), "x"));
        assertEquals(0, f.exit(), f.stderr());
        assertTrue(f.stdout().startsWith("hello from FreeBSD\n"), f.stdout());
        Path linuxBin = XrunProcess.testbins().resolve("bin/linux/bench_getpid");
        if (Files.isExecutable(linuxBin)) {
            XrunProcess.Result l = XrunProcess.run(List.of(linuxBin.toString(), "10"));
            assertEquals(0, l.exit(), l.stderr());
            assertTrue(l.stdout().contains("iterations=10"), l.stdout());
        }
        XrunProcess.Result t = XrunProcess.run(List.of("/bin/true"));
        assertEquals(0, t.exit());
        XrunProcess.Result fl = XrunProcess.run(List.of("/bin/false"));
        assertEquals(1, fl.exit());
    }

    @Test
    void traceShowsFreebsdNamesResultsAndLinuxCalls() throws Exception {
        Path out = tmp.resolve("trace.txt");
        XrunProcess.Result r = XrunProcess.run(List.of("--trace=" + out, bin("hello").toString(), "a"));
        assertEquals(0, r.exit(), r.stderr());
        List<String> lines = Files.readAllLines(out);
        assertTrue(lines.stream().anyMatch(l -> l.matches("\\d+: write\\(1,0x[0-9a-f]+,\\d+\\) = \\d+  \\[linux: write = \\d+\\]")),
                String.join("\n", lines));
        assertTrue(lines.stream().anyMatch(l -> l.matches("\\d+: exit\\(0\\).*")), String.join("\n", lines));
    }

    @Test
    void bareTraceGoesToStderrAndNeverEatsTheProgram() throws Exception {
        XrunProcess.Result r = XrunProcess.run(List.of("--trace", bin("fileio").toString()));
        assertEquals(0, r.exit(), r.stderr());
        // errors carry the FreeBSD errno name and number, and the raw Linux result
        assertTrue(r.stderr().lines().anyMatch(l -> l.matches(
                "\\d+: open\\(\"/nonexistent/xrun\",O_RDONLY,0\\d*\\) = -1 ENOENT \\(2\\)  \\[linux: open = -2\\]")),
                r.stderr());
        assertTrue(r.stderr().lines().anyMatch(l -> l.contains("EAGAIN (35)  [linux: read = -11]")), r.stderr());
    }

    @Test
    void unsupportedSyscallIsNamedOncePerProcess() throws Exception {
        XrunProcess.Result r = XrunProcess.run(List.of(bin("enosys").toString()));
        assertEquals(0, r.exit(), r.stdout() + r.stderr());
        long kq = r.stderr().lines().filter(l -> l.contains("reserved_419 (419)")).count();
        assertEquals(1, kq, r.stderr());
    }

    @Test
    void syscallsReportInEveryFormat() throws Exception {
        XrunProcess.Result t = XrunProcess.run(List.of("syscalls"));
        assertEquals(0, t.exit());
        assertTrue(t.stdout().lines().anyMatch(l -> l.matches("3\\s+read\\s+translated\\s+read\\s*.*")), t.stdout());
        assertTrue(t.stdout().contains("total "), t.stdout());
        XrunProcess.Result c = XrunProcess.run(List.of("syscalls", "--format", "csv"));
        assertTrue(c.stdout().lines().anyMatch(l -> l.startsWith("551,fstat,STD,translated,fstat,")), c.stdout());
        XrunProcess.Result j = XrunProcess.run(List.of("syscalls", "--format=json"));
        assertTrue(j.stdout().contains("\"name\": \"__sysctl\""), j.stdout());
        assertTrue(j.stdout().contains("\"counts\""), j.stdout());
        XrunProcess.Result v = XrunProcess.run(List.of("--version"));
        assertEquals(0, v.exit());
        assertTrue(v.stdout().startsWith("xrun "), v.stdout());
        XrunProcess.Result h = XrunProcess.run(List.of("--help"));
        assertEquals(0, h.exit());
        assertTrue(h.stdout().contains("Exit status"), h.stdout());
    }

    @Test
    void onUnsupportedChoosesWhatAMissingSyscallDoes() throws Exception {
        // sigsys calls reserved syscall 419 with SIGSYS at its default action (testbins/src/sigsys.c).
        XrunProcess.Result dflt = XrunProcess.run(List.of(bin("sigsys").toString()));
        assertEquals(128 + 12, dflt.exit(), dflt.stderr()); // FreeBSD SIGSYS is 12 (sys/sys/signal.h)
        XrunProcess.Result enosys = XrunProcess.run(List.of("--on-unsupported=enosys", bin("sigsys").toString()));
        assertEquals(0, enosys.exit(), enosys.stderr());
        assertTrue(enosys.stderr().contains("reserved_419 (419)") && enosys.stderr().contains("returning ENOSYS"),
                enosys.stderr());
        XrunProcess.Result abort = XrunProcess.run(List.of("--on-unsupported", "abort", bin("sigsys").toString()));
        assertEquals(128 + 9, abort.exit(), abort.stderr());
        assertTrue(abort.stderr().contains("stopping the program"), abort.stderr());
        XrunProcess.Result bad = XrunProcess.run(List.of("--on-unsupported=ignore", bin("sigsys").toString()));
        assertEquals(125, bad.exit());
    }

    @Test
    void traceEndsWithASummary() throws Exception {
        Path trace = tmp.resolve("t");
        XrunProcess.Result r = XrunProcess.run(List.of("--trace=" + trace, "--on-unsupported=enosys",
                bin("sigsys").toString()));
        assertEquals(0, r.exit(), r.stderr());
        String t = Files.readString(trace);
        assertTrue(t.contains("xrun: syscall summary"), t);
        assertTrue(t.matches("(?s).*\\n +1 +1  reserved_419\\n.*"), t);
        assertTrue(t.contains("xrun: unsupported syscalls called: reserved_419(419) x1"), t);
    }
}
