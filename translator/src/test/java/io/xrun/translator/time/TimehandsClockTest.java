package io.xrun.translator.time;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The clock math against a fake TSC and fake Linux clocks. */
class TimehandsClockTest {
    /** A 2.9 GHz TSC: FreeBSD shifts it by 1 (2.9e9 > UINT_MAX >> 1). */
    static final double TSC_HZ = 2.9e9;
    static final long TSC0 = 123_456_789_000L;
    static final long MONO0 = 5_000_000_000L;
    static final long BOOT = 1_700_000_000_000_000_000L;
    static final long TICK = 10_000_000;

    static ClockSample at(long monoNanos, long boot) {
        return new ClockSample(TSC0 + (long) ((monoNanos - MONO0) * TSC_HZ / 1e9), monoNanos, boot);
    }

    /** What a reader of the page gets at a TSC value: libc's binuptime in 64-bit arithmetic. */
    static long readerNanos(Timehands th, long tsc) {
        long delta = (th.counter(tsc) - th.offsetCount()) & 0xffffffffL;
        return th.offset().plusFrac(th.scale() * delta).toNanos();
    }

    static double relativeScale(Timehands th) {
        return th.scale() / (Math.scalb(1.0, 64) / (TSC_HZ / 2));
    }

    @Test
    void shiftIsTheOneFreebsdsTscCodeChooses() {
        assertEquals(0, TimehandsClock.tscShift(2_000_000_000L), "fits in UINT_MAX >> 1");
        assertEquals(1, TimehandsClock.tscShift(2_900_000_000L));
        assertEquals(2, TimehandsClock.tscShift(5_000_000_000L));
    }

    @Test
    void firstTimehandsNeedABaselineAndStartAtLinuxMonotonic() {
        TimehandsClock c = new TimehandsClock(at(MONO0, BOOT));
        assertTrue(!c.canMeasure(at(MONO0 + 500_000, BOOT)), "half a millisecond is too short");
        Timehands th = c.next(at(MONO0 + 2_000_000, BOOT));
        assertEquals(1, th.shift());
        assertEquals(MONO0 + 2_000_000, th.offset().toNanos(), 1);
        assertEquals(BOOT, th.boottime().toNanos(), 1);
        assertEquals(1.0, relativeScale(th), 1e-6, "scale = 2^64 / (tsc_freq >> shift)");
        // a reader 5 ms later reads Linux's CLOCK_MONOTONIC
        long later = MONO0 + 7_000_000;
        assertEquals(later, readerNanos(th, at(later, BOOT).tsc()), 10);
    }

    /**
     * A badly measured first rate (the second sample 20 us late: 1% off) converges on Linux's clock
     * within ~100 ms, with every scale within the 5% slew, slew steps of at most 0.1%, and time
     * that never goes back, read densely across every switch of timehands.
     */
    @Test
    void convergesWithClampedSlewAndNeverGoesBack() {
        TimehandsClock c = new TimehandsClock(at(MONO0, BOOT));
        ClockSample skewed = at(MONO0 + 2_000_000, BOOT);
        Timehands prev = c.next(new ClockSample(skewed.tsc(), skewed.monoNanos() - 20_000, BOOT));
        List<Timehands> all = new ArrayList<>(List.of(prev));
        long lastRead = Long.MIN_VALUE;
        double lastSlew = relativeScale(prev);
        for (long t = MONO0 + 2_000_000 + TICK; t < MONO0 + 2_000_000_000L; t += TICK) {
            Timehands th = c.next(at(t, BOOT));
            double rel = relativeScale(th);
            assertTrue(rel > 0.95 - 1e-3 && rel < 1.05 + 1e-3, "scale within the slew bound: " + rel);
            assertTrue(Math.abs(rel - lastSlew) < 0.0011 + 0.011 * (all.size() < 3 ? 1 : 0),
                    "slew step " + (rel - lastSlew));
            lastSlew = rel;
            // readers keep the old timehands until the switch, half a millisecond after the sample
            for (long r = t - TICK + 1_000_000; r < t + 1_000_000; r += 50_000) {
                long read = readerNanos(r < t + 500_000 ? prev : th, at(r, BOOT).tsc());
                assertTrue(read >= lastRead, "time went back at " + r + ": " + read + " < " + lastRead);
                lastRead = read;
            }
            prev = th;
            all.add(th);
        }
        // converged: the page agrees with CLOCK_MONOTONIC to well under a microsecond
        long end = MONO0 + 2_000_000_000L;
        assertEquals(end, readerNanos(prev, at(end, BOOT).tsc()), 500);
        // and within ~100-200 ms, not seconds
        Timehands after300 = all.get(30);
        long t300 = MONO0 + 2_000_000 + 31 * TICK;
        assertEquals(t300, readerNanos(after300, at(t300, BOOT).tsc()), 20_000);
    }

    @Test
    void pageAheadOnlySlowsDownByAtMostFivePercent() {
        TimehandsClock c = new TimehandsClock(at(MONO0, BOOT));
        // a bad sample 1 s in (Linux's clock read 20 ms late): the page starts 20 ms ahead
        ClockSample bad = at(MONO0 + 1_000_000_000L, BOOT);
        Timehands th = c.next(new ClockSample(bad.tsc(), bad.monoNanos() + 20_000_000, BOOT));
        double lowest = 1;
        for (long t = bad.monoNanos() + TICK; t < bad.monoNanos() + 100 * TICK; t += TICK) {
            Timehands next = c.next(at(t, BOOT));
            double rel = relativeScale(next);
            assertTrue(rel >= 0.95 - 1e-6, "slowed by at most 5%: " + rel);
            assertTrue(next.offset().compareTo(th.uptimeAt(next.offsetCount())) >= 0, "continuous, never back");
            lowest = Math.min(lowest, rel);
            th = next;
        }
        assertEquals(0.95, lowest, 1e-4, "slewed down at the bound");
        long end = bad.monoNanos() + 100 * TICK;
        long ahead = readerNanos(th, at(end, BOOT).tsc()) - end;
        assertEquals(0, ahead, 1_000, "20 ms at 5% needs 400 ms: caught up within the second");
    }

    @Test
    void pageFarBehindStepsForwardToLinux() {
        TimehandsClock c = new TimehandsClock(at(MONO0, BOOT));
        Timehands th = c.next(at(MONO0 + 2_000_000, BOOT));
        ClockSample s = at(MONO0 + 12_000_000, BOOT);
        // the counter says 10 ms passed, Linux says 60 ms (e.g. the TSC sample raced a preemption)
        Timehands next = c.next(new ClockSample(s.tsc(), s.monoNanos() + 50_000_000, BOOT));
        assertEquals(s.monoNanos() + 50_000_000, next.offset().toNanos(), 1);
        assertTrue(next.offset().compareTo(th.uptimeAt(next.offsetCount())) > 0);
    }

    @Test
    void boottimeMovesOnlyWithAClockStep() {
        TimehandsClock c = new TimehandsClock(at(MONO0, BOOT));
        c.next(at(MONO0 + 2_000_000, BOOT));
        assertEquals(BOOT, c.next(at(MONO0 + 12_000_000, BOOT + 900_000)).boottime().toNanos(), 1,
                "sampling jitter below 1 ms is ignored");
        assertEquals(BOOT - 3_000_000_000L, c.next(at(MONO0 + 22_000_000, BOOT - 3_000_000_000L)).boottime().toNanos(), 1,
                "a realtime step is followed");
    }
}
