package io.xrun.translator.e2e;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * --intercept: that each mode does what it says, read from the router's XRUN_STATS line, on
 * stubsites (FreeBSD libc-shaped call sites; its answers are checked against its golden in
 * every mode by TestbinsEndToEndTest). Its fifteen stubs are the sites fastpath rewrites: lc_getpid,
 * lc_write, lc_read and lc_access make plain calls; lc_open and lc_open_keep calls whose O_* flags
 * a stub translates, lc_fstat and lc_fstatat calls whose struct stat it converts, lc_unlinkat one
 * whose AT_* flags and errno override it applies, lc_close one that checks the watched
 * descriptors, lc_getdirentries one whose Linux records it converts to FreeBSD's struct dirent
 * (StubKinds, DirentsKind); lc_nanosleep, lc_umtx_op, lc_umtx_keep and lc_kevent (waits with no
 * changes on the process's one kqueue) are SpecialRows.
 */
class InterceptEndToEndTest {
    private static final Pattern STATS = Pattern.compile(
            "xrun: intercept (\\w+): (\\d+) calls finished in a stub after one stop, (\\d+) call sites with a stub, "
                    + "(\\d+) rewritten to jump to it; stub region mapped in (\\d+) address spaces, refused in (\\d+)");

    private static XrunProcess.Result stubsites(String mode, Map<String, String> env) throws Exception {
        List<String> args = mode == null
                ? List.of("run", bin("stubsites"))
                : List.of("run", "--intercept=" + mode, bin("stubsites"));
        XrunProcess.Result r = XrunProcess.run(List.of(), args, env);
        assertEquals(Files.readString(XrunProcess.testbins().resolve("expected/stubsites.out")), r.stdout(), r.stderr());
        assertEquals(0, r.exit(), r.stderr());
        return r;
    }

    private static String bin(String name) {
        return XrunProcess.testbins().resolve("bin").resolve(name).toString();
    }

    private static Matcher stats(XrunProcess.Result r) {
        Matcher m = STATS.matcher(r.stderr());
        assertTrue(m.find(), "no statistics line: " + r.stderr());
        return m;
    }

    @Test
    void fastpathRewritesTheLibcShapedSites() throws Exception {
        Matcher m = stats(stubsites("fastpath", Map.of("XRUN_STATS", "1")));
        assertEquals("fastpath", m.group(1));
        assertEquals(15, Integer.parseInt(m.group(4)), "rewritten sites");
        assertEquals("0", m.group(6), "region refused");
    }

    @Test
    void seccompFinishesPlainCallsAfterOneStopAndRewritesNothing() throws Exception {
        Matcher m = stats(stubsites("seccomp", Map.of("XRUN_STATS", "1")));
        assertEquals("seccomp", m.group(1));
        assertEquals("0", m.group(4));
        // getpid x4, write x3 + 2, read x3 + 1, access x2, ... before capability mode
        assertTrue(Integer.parseInt(m.group(2)) >= 15, m.group());
    }

    @Test
    void ptraceHasNoRouterAndTheEnvironmentChoosesTheDefault() throws Exception {
        XrunProcess.Result r = stubsites(null, Map.of("XRUN_STATS", "1", "XRUN_INTERCEPT", "ptrace"));
        assertFalse(r.stderr().contains("xrun: intercept"), r.stderr());
        assertEquals("fastpath", stats(stubsites(null, Map.of("XRUN_STATS", "1"))).group(1), "the default");
    }

    @Test
    void aModeXrunLacksIsOneLine() throws Exception {
        XrunProcess.Result r = XrunProcess.run(List.of("run", "--intercept=zpoline", bin("hello")));
        assertEquals(125, r.exit());
        assertEquals("xrun: --intercept takes ptrace, seccomp or fastpath, not zpoline\n", r.stderr());
    }

    @Test
    void underTraceEveryCallIsReported() throws Exception {
        XrunProcess.Result r = XrunProcess.run(List.of(), List.of("run", "--trace", "--intercept=fastpath",
                bin("stubsites")), Map.of("XRUN_STATS", "1"));
        assertEquals(0, r.exit(), r.stderr());
        Matcher m = stats(r);
        assertEquals("0", m.group(2), "routed calls under --trace");
        assertEquals("0", m.group(4), "rewritten sites under --trace");
        assertTrue(r.stderr().contains("every call went through the supervisor"), r.stderr());
    }
}
