package io.xrun.translator.time;

import io.xrun.translator.nativeapi.Tsc;

import java.time.Instant;
import java.util.function.LongSupplier;

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
        long[] tscMono = bracketed(tsc::read, System::nanoTime);
        long[] monoReal = bracketed(System::nanoTime, ClockSampler::realtimeNanos);
        return new ClockSample(tscMono[0], tscMono[1], monoReal[1] - monoReal[0]);
    }

    /** {midpoint of two outer readings, the inner reading between them}, the tightest of a few tries. */
    private static long[] bracketed(LongSupplier outer, LongSupplier inner) {
        long bestGap = Long.MAX_VALUE;
        long[] best = new long[2];
        for (int i = 0; i < TRIES; i++) {
            long o1 = outer.getAsLong();
            long in = inner.getAsLong();
            long o2 = outer.getAsLong();
            if (o2 - o1 < bestGap) {
                bestGap = o2 - o1;
                best[0] = o1 + (o2 - o1) / 2;
                best[1] = in;
            }
        }
        return best;
    }

    private static long realtimeNanos() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }
}
