package io.xrun.translator.time;

import io.xrun.translator.nativeapi.Tsc;

import java.time.Instant;

/**
 * Samples the TSC against Linux's clocks. System.nanoTime is CLOCK_MONOTONIC on Linux (HotSpot
 * os::javaTimeNanos) and Instant.now CLOCK_REALTIME. Each pairing is read as "A, B, A" and the
 * midpoint of the two A readings taken; of a few tries the one with the closest A readings wins,
 * so a preemption in the middle does not skew the sample.
 */
final class ClockSampler {
    private static final int TRIES = 5;
    private final Tsc tsc = Tsc.get();

    ClockSample sample() {
        long bestGap = Long.MAX_VALUE;
        long bestTsc = 0;
        long bestMono = 0;
        for (int i = 0; i < TRIES; i++) {
            long t1 = tsc.read();
            long mono = System.nanoTime();
            long t2 = tsc.read();
            if (t2 - t1 < bestGap) {
                bestGap = t2 - t1;
                bestTsc = t1 + (t2 - t1) / 2;
                bestMono = mono;
            }
        }
        return new ClockSample(bestTsc, bestMono, bootNanos());
    }

    /** CLOCK_REALTIME - CLOCK_MONOTONIC, read between two monotonic readings. */
    private static long bootNanos() {
        long bestGap = Long.MAX_VALUE;
        long best = 0;
        for (int i = 0; i < TRIES; i++) {
            long m1 = System.nanoTime();
            Instant now = Instant.now();
            long m2 = System.nanoTime();
            if (m2 - m1 < bestGap) {
                bestGap = m2 - m1;
                best = now.getEpochSecond() * 1_000_000_000L + now.getNano() - (m1 + (m2 - m1) / 2);
            }
        }
        return best;
    }
}
