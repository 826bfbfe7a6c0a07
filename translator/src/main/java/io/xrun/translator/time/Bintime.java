package io.xrun.translator.time;

/**
 * FreeBSD's struct bintime (sys/sys/_bintime.h / sys/sys/time.h): whole seconds and a 64-bit
 * binary fraction of a second ({@code frac} is unsigned: 2^-64 s units).
 */
public record Bintime(long sec, long frac) {
    private static final long NANOS = 1_000_000_000L;
    /** 2^64 = FRAC_PER_NANO_Q * 1e9 + FRAC_PER_NANO_R. */
    private static final long FRAC_PER_NANO_Q = 18_446_744_073L, FRAC_PER_NANO_R = 709_551_616L;

    /**
     * The bintime of a nanosecond count, the fraction rounded down exactly: floor(rem * 2^64 / 1e9)
     * (FreeBSD's timespec2bintime multiplies by the truncated 18446744073, up to 0.7 ns less).
     */
    public static Bintime ofNanos(long nanos) {
        long sec = Math.floorDiv(nanos, NANOS);
        long rem = Math.floorMod(nanos, NANOS);
        return new Bintime(sec, rem * FRAC_PER_NANO_Q + rem * FRAC_PER_NANO_R / NANOS);
    }

    /**
     * Nanoseconds as FreeBSD's bintime2timespec computes tv_nsec (sys/sys/time.h:
     * {@code ((uint64_t)1000000000 * (uint32_t)(bt->frac >> 32)) >> 32}), so xrun rounds as the
     * guest's reader does.
     */
    public long toNanos() {
        return sec * NANOS + ((NANOS * (frac >>> 32)) >>> 32);
    }

    /** bintime_addx (sys/sys/time.h): adds a fraction, carrying into the seconds. */
    public Bintime plusFrac(long x) {
        long f = frac + x;
        return new Bintime(Long.compareUnsigned(f, frac) < 0 ? sec + 1 : sec, f);
    }

    /** bintime_add (sys/sys/time.h). */
    public Bintime plus(Bintime o) {
        long f = frac + o.frac;
        return new Bintime(sec + o.sec + (Long.compareUnsigned(f, frac) < 0 ? 1 : 0), f);
    }

    /** Adds the unsigned 128-bit product a * b (2^-64 s units): whole seconds from its high word. */
    public Bintime plusProduct(long a, long b) {
        long hi = Math.multiplyHigh(a, b) + ((a >> 63) & b) + ((b >> 63) & a);
        Bintime t = plusFrac(a * b);
        return new Bintime(t.sec + hi, t.frac);
    }

    /** Ordering as a time: seconds first, then the unsigned fraction. */
    public int compareTo(Bintime o) {
        return sec != o.sec ? Long.compare(sec, o.sec) : Long.compareUnsigned(frac, o.frac);
    }
}
