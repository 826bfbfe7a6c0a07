package io.xrun.translator.time;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * Keeps every FreeBSD process's timekeeping page current, the way FreeBSD's tc_windup refreshes the
 * shared page every tick. One daemon thread per xrun run publishes new timehands into each
 * registered page every {@link #TICK_NS}: readers multiply the counter delta by th_scale in 64 bits
 * (Go's runtime/vdso_freebsd.go binuptime, libc's bintime_addx), which overflows once a timehands is
 * about a second old, so a page must never go that long without a refresh.
 *
 * <p>The tracer thread registers a process at its FreeBSD exec stop and a fork child at its first
 * stop, both while the process is stopped: registration publishes the newest timehands at once, so
 * a process never runs on timehands older than the ones every other process has, and then receives
 * every later one (skipping one could let time go back, see {@link TimehandsClock}). Pages are
 * keyed by host pid; a failed write means the address space is gone and drops the page.
 */
public final class TimekeepUpdater {
    static final long TICK_NS = 10_000_000;
    /** Linux's current clocksource (Documentation/admin-guide/...: sysfs clocksource0). */
    private static final Path CLOCKSOURCE = Path.of("/sys/devices/system/clocksource/clocksource0/current_clocksource");

    private final ClockSampler sampler = new ClockSampler();
    private final TimehandsClock clock;
    private final Map<Integer, TimekeepPage> pages = new HashMap<>();
    private byte[] body;
    private int gen;

    private TimekeepUpdater() {
        clock = new TimehandsClock(sampler.sample());
    }

    /**
     * Starts the updater, or returns null when Linux does not keep time with the TSC itself (a
     * virtual machine with an unstable TSC, say): then the guest gets no page and makes syscalls.
     */
    public static TimekeepUpdater start() {
        if (!linuxUsesTsc()) {
            return null;
        }
        TimekeepUpdater u = new TimekeepUpdater();
        Thread t = new Thread(u::run, "xrun-timekeep");
        t.setDaemon(true);
        t.setPriority(Thread.MAX_PRIORITY);
        t.start();
        return u;
    }

    static boolean linuxUsesTsc() {
        try {
            return Files.readString(CLOCKSOURCE).trim().equals("tsc");
        } catch (IOException e) {
            return false;
        }
    }

    /** The content of a new process's page: valid at once, replaced by {@link #register}. */
    public synchronized byte[] initialPage() {
        ensureTimehands();
        return TimekeepLayout.page(clock.current(), gen);
    }

    /**
     * Starts keeping the page at {@code addr} of a stopped process current. Call at its exec stop
     * (after the page was written) or at a fork child's first stop (the page is its parent's copy).
     */
    public synchronized void register(int pid, long addr) {
        unregister(pid);
        ProcMemWriter w = ProcMemWriter.open(pid);
        if (w == null) {
            return;
        }
        ensureTimehands();
        TimekeepPage page = new TimekeepPage(addr, w);
        if (page.publish(body, gen)) {
            pages.put(pid, page);
        } else {
            page.close();
        }
    }

    /** Stops updating a process's page: it exited or exec'ed another image. */
    public synchronized void unregister(int pid) {
        TimekeepPage old = pages.remove(pid);
        if (old != null) {
            old.close();
        }
    }

    private void run() {
        while (true) {
            LockSupport.parkNanos(TICK_NS);
            tick();
        }
    }

    private synchronized void tick() {
        advance();
        for (Iterator<TimekeepPage> it = pages.values().iterator(); it.hasNext(); ) {
            TimekeepPage p = it.next();
            if (!p.publish(body, gen)) {
                p.close();
                it.remove();
            }
        }
    }

    /** Computes the first timehands if there are none yet, waiting out the shortest baseline. */
    private void ensureTimehands() {
        if (clock.current() == null) {
            advance();
        }
    }

    private void advance() {
        ClockSample s = sampler.sample();
        while (!clock.canMeasure(s)) {
            LockSupport.parkNanos(TimehandsClock.MIN_BASELINE_NS / 4);
            s = sampler.sample();
        }
        Timehands th = clock.next(s);
        body = TimekeepLayout.timehands(th, 0);
        gen = gen == -1 ? 1 : gen + 1; // a u32 that is never 0 (0 means "being written")
    }
}
