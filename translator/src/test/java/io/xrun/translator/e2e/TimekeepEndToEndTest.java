package io.xrun.translator.e2e;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The timekeeping page end to end: Go's runtime (runtime/vdso_freebsd.go nanotime1 and walltime)
 * reads time from AT_TIMEKEEP and falls back to the clock_gettime syscall only without it, so under
 * --trace a Go program with the page makes no clock_gettime call, and with --timekeep=off many.
 */
class TimekeepEndToEndTest {
    @TempDir
    Path tmp;

    private static Path bin(String name) {
        return XrunProcess.testbins().resolve("bin").resolve(name);
    }

    /** xrun gives the page only when Linux itself keeps time with the TSC (TimekeepUpdater.start). */
    private static void assumeTscClock() throws Exception {
        Path cs = Path.of("/sys/devices/system/clocksource/clocksource0/current_clocksource");
        Assumptions.assumeTrue(Files.isReadable(cs) && Files.readString(cs).trim().equals("tsc"),
                "Linux's clocksource is not the TSC: xrun passes no timekeeping page");
    }

    private long clockGettimeCalls(String timekeep) throws Exception {
        Path trace = tmp.resolve("trace-" + timekeep);
        XrunProcess.Result r = XrunProcess.run(List.of("--timekeep=" + timekeep, "--trace=" + trace,
                bin("go-timers").toString()));
        assertEquals(0, r.exit(), r.stderr());
        assertTrue(r.stdout().contains("summary: failed=0"), r.stdout());
        return Files.readAllLines(trace).stream().filter(l -> l.matches("\\d+: clock_gettime\\(.*")).count();
    }

    @Test
    void goNanotimeReadsThePageInsteadOfTheSyscall() throws Exception {
        assumeTscClock();
        assertEquals(0, clockGettimeCalls("on"), "Go's nanotime and walltime read the page");
        long off = clockGettimeCalls("off");
        assertTrue(off > 50, "without the page every time read is a syscall: " + off);
    }

    @Test
    void timekeepOffGivesNoAtTimekeep() throws Exception {
        XrunProcess.Result r = XrunProcess.run(List.of("--timekeep=off", bin("timekeep").toString(), "absent"));
        assertEquals(0, r.exit(), r.stdout() + r.stderr());
        assertEquals("no AT_TIMEKEEP in the auxv: yes\nsummary: checks=1 failed=0\n", r.stdout());
    }

    @Test
    void timekeepTakesOnOrOff() throws Exception {
        XrunProcess.Result r = XrunProcess.run(List.of("--timekeep=sometimes", bin("hello").toString()));
        assertEquals(125, r.exit());
        XrunProcess.assertOneLineNoTrace(r);
        assertTrue(r.stderr().contains("--timekeep takes on or off"), r.stderr());
    }
}
