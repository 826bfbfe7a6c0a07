package io.xrun.translator.time;

/**
 * One published struct vdso_timehands (sys/sys/vdso.h) for the x86 TSC algorithm: the uptime
 * {@code offset} at counter value {@code offsetCount}, {@code scale} 2^-64 s per counter tick, the
 * counter being the TSC shifted right by {@code shift} (th_x86_shift) and cut to 32 bits.
 */
public record Timehands(long scale, int offsetCount, Bintime offset, Bintime boottime, int shift) {
    /** The 32-bit counter a reader derives from a TSC value (lib/libc/x86/sys/__vdso_gettc.c rdtsc_low). */
    public int counter(long tsc) {
        return (int) (tsc >>> shift);
    }

    /**
     * The uptime these timehands give at a counter value: offset + scale * ((counter - offset_count)
     * &amp; th_counter_mask) (lib/libc/sys/__vdso_gettimeofday.c binuptime). Readers multiply in 64
     * bits; this takes the full product, which is the same while the product fits (the page is
     * refreshed long before it would not) and the true extrapolation when the refresh was late.
     */
    public Bintime uptimeAt(int counter) {
        long delta = (counter - offsetCount) & TimekeepLayout.COUNTER_MASK;
        return offset.plusProduct(scale, delta);
    }
}
