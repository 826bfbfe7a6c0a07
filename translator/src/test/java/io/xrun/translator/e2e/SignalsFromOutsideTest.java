package io.xrun.translator.e2e;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Signals sent from outside reach the guest: SIGTERM sent to xrun is passed on; SIGINT sent
 * to the guest (as a terminal's Ctrl-C does, to the whole process group) ends it with its
 * default action. Either way xrun exits 128 + the FreeBSD signal number and names it.
 */
class SignalsFromOutsideTest {
    private static Process start() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder pb = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                "io.xrun.translator.cli.Main", XrunProcess.testbins().resolve("bin/bench_getpid").toString(),
                "2000000000"));
        pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        return pb.start();
    }

    private static ProcessHandle guestOf(Process xrun) throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            Optional<ProcessHandle> g = xrun.toHandle().children()
                    .filter(h -> h.info().command().map(c -> c.endsWith("bench_getpid")).orElse(false)).findFirst();
            if (g.isPresent()) {
                return g.get();
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the guest did not start");
    }

    @Test
    void sigtermToXrunIsPassedOnToTheGuest() throws Exception {
        Process p = start();
        guestOf(p);
        Runtime.getRuntime().exec(new String[] {"kill", "-TERM", Long.toString(p.pid())}).waitFor();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(128 + 15, p.exitValue(), err);
        assertTrue(err.contains("terminated by signal SIGTERM"), err);
    }

    @Test
    void whenXrunDiesTheGuestDiesWithIt() throws Exception {
        Process p = start();
        ProcessHandle guest = guestOf(p);
        p.destroyForcibly(); // SIGKILL: no shutdown hook, no cleanup, only PTRACE_O_EXITKILL
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        for (int i = 0; i < 100 && guest.isAlive(); i++) {
            Thread.sleep(50);
        }
        assertTrue(!guest.isAlive(), "guest " + guest.pid() + " outlived xrun");
    }

    @Test
    void sigintToTheGuestEndsIt() throws Exception {
        Process p = start();
        ProcessHandle guest = guestOf(p);
        Runtime.getRuntime().exec(new String[] {"kill", "-INT", Long.toString(guest.pid())}).waitFor();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(128 + 2, p.exitValue(), err);
        assertTrue(err.contains("terminated by signal SIGINT"), err);
    }
}
