package io.xrun.translator.time;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** struct bintime arithmetic as sys/sys/time.h does it (bintime_addx, bintime_add, bintime2timespec). */
class BintimeTest {
    /** bintime2timespec keeps 32 bits of the fraction, so it may read up to 1 ns less. */
    @Test
    void nanosRoundTripThroughFreebsdsConversion() {
        for (long ns : new long[] {0, 1, 999_999_999, 1_000_000_000, 123_456_789_012L, 86_400_000_000_001L}) {
            long back = Bintime.ofNanos(ns).toNanos();
            assertTrue(back == ns || back == ns - 1, "ns " + ns + " read back as " + back);
        }
        assertEquals(1_000_000_000L, Bintime.ofNanos(1_000_000_000L).toNanos());
        assertEquals(new Bintime(1, 1L << 63), Bintime.ofNanos(1_500_000_000L), "half a second is 2^63");
        assertEquals(new Bintime(-1, 1L << 63), Bintime.ofNanos(-500_000_000L), "floor seconds");
    }

    @Test
    void fractionsCarryIntoSeconds() {
        assertEquals(new Bintime(3, 1), new Bintime(2, -1L).plusFrac(2), "bintime_addx carries");
        assertEquals(new Bintime(2, 0x10), new Bintime(2, 0x0f).plusFrac(1));
        assertEquals(new Bintime(6, 0), new Bintime(2, 1L << 63).plus(new Bintime(3, 1L << 63)), "bintime_add carries");
    }

    @Test
    void fullProductGivesSecondsFromItsHighWord() {
        // scale 2^64/1e9 (a 1 GHz counter) times 3.5e9 ticks is 3.5 s
        long scale = Long.divideUnsigned(-1L, 1_000_000_000L);
        Bintime t = new Bintime(10, 0).plusProduct(scale, 3_500_000_000L);
        assertEquals(13_500_000_000L, t.toNanos(), 1);
        // what a 64-bit reader gets for one tick, below the overflow
        assertEquals(new Bintime(0, scale * 5), new Bintime(0, 0).plusProduct(scale, 5));
        assertTrue(new Bintime(1, 0).compareTo(new Bintime(0, -1L)) > 0, "unsigned fraction order");
    }
}
