package io.xrun.translator.time;

/**
 * Computes the timehands xrun publishes, from samples of the TSC against Linux's clocks. Pure: the
 * samples come from outside (a fake clock in tests).
 *
 * <p>The page must agree with what xrun's syscall path answers: FreeBSD CLOCK_MONOTONIC and
 * CLOCK_UPTIME are Linux CLOCK_MONOTONIC, CLOCK_REALTIME is CLOCK_REALTIME (clock-ids.tsv), and
 * libc's __vdso_clock_gettime serves both uptime clocks from the page's uptime and the realtime
 * ones from uptime + th_boottime (lib/libc/sys/__vdso_gettimeofday.c). So the uptime follows
 * CLOCK_MONOTONIC and th_boottime is CLOCK_REALTIME - CLOCK_MONOTONIC.
 *
 * <p>Rules: (1) each new timehands starts where the previous one is at its offset count, so time
 * is continuous and never goes back; (2) its scale is the TSC rate measured since the first sample
 * (a baseline that only grows, so its error only shrinks), slewed by up to {@link #MAX_SLEW} to
 * correct the remaining error over about {@link #CONVERGE_NS}, the slew changing by at most {@link
 * #MAX_SLEW_STEP} per update; (3) a page far behind Linux steps forward, one ahead only slows down;
 * (4) th_boottime changes only when it moves by more than {@link #BOOT_STEP_NS}, i.e. when the
 * realtime clock was stepped, so realtime reads do not jitter with the sampling.
 */
final class TimehandsClock {
    /** The shortest TSC baseline the rate is measured on (a 100 ns sampling error is 1e-4 of it). */
    static final long MIN_BASELINE_NS = 1_000_000;
    static final long CONVERGE_NS = 100_000_000;
    static final double MAX_SLEW = 0.05;
    static final double MAX_SLEW_STEP = 0.001;
    /** Behind Linux by more than this, the page steps forward instead of slewing. */
    static final long STEP_BEHIND_NS = 1_000_000;
    static final long BOOT_STEP_NS = 1_000_000;
    /**
     * How long after its sample a timehands may still be in publication. Readers use the previous
     * timehands until the switch; when the new scale is smaller, the new curve starts this much of
     * the difference higher, so no reader in that window sees time go back.
     */
    static final long PUBLISH_WINDOW_NS = 2_000_000;
    /** kern.timecounter.tsc_shift's default (sys/x86/x86/tsc.c: static int tsc_shift = 1). */
    static final int TSC_SHIFT_TUNABLE = 1;

    private final ClockSample first;
    private int shift = -1;
    private double slew;
    private long bootNanos;
    private Timehands current;

    TimehandsClock(ClockSample first) {
        this.first = first;
    }

    /** True once {@code s} is far enough from the first sample to measure the TSC rate. */
    boolean canMeasure(ClockSample s) {
        return s.monoNanos() - first.monoNanos() >= MIN_BASELINE_NS;
    }

    /** The timehands last computed, or null before the first. */
    Timehands current() {
        return current;
    }

    /** The timehands to publish now, given a fresh sample (one with {@link #canMeasure}). */
    Timehands next(ClockSample s) {
        if (!canMeasure(s)) {
            throw new IllegalStateException("TSC baseline too short");
        }
        double tscHz = (s.tsc() - first.tsc()) * 1e9 / (s.monoNanos() - first.monoNanos());
        if (shift < 0) {
            shift = tscShift((long) tscHz);
        }
        double counterHz = Math.scalb(tscHz, -shift);
        double baseScale = Math.scalb(1.0, 64) / counterHz;
        Bintime boot = boottime(s.bootNanos());
        int count = (int) (s.tsc() >>> shift);
        if (current == null) {
            current = new Timehands((long) baseScale, count, Bintime.ofNanos(s.monoNanos()), boot, shift);
            return current;
        }
        Bintime now = current.uptimeAt(count);
        long error = s.monoNanos() - now.toNanos();
        Bintime offset = now;
        if (error > STEP_BEHIND_NS) {
            offset = Bintime.ofNanos(s.monoNanos());
            slew = 0;
        } else {
            double want = clamp(error / (double) CONVERGE_NS, -MAX_SLEW, MAX_SLEW);
            slew = clamp(want, slew - MAX_SLEW_STEP, slew + MAX_SLEW_STEP);
        }
        long scale = (long) (baseScale * (1 + slew));
        if (scale < current.scale()) {
            long window = (long) (PUBLISH_WINDOW_NS * counterHz / 1e9);
            offset = offset.plusProduct(current.scale() - scale, window);
        }
        current = new Timehands(scale, count, offset, boot, shift);
        return current;
    }

    /**
     * th_x86_shift as FreeBSD's init_TSC_tc chooses it (sys/x86/x86/tsc.c): the smallest shift
     * with (tsc_freq &gt;&gt; shift) &lt;= UINT_MAX &gt;&gt; tsc_shift, so the 32-bit counter wraps
     * no sooner than every two seconds.
     */
    static int tscShift(long tscHz) {
        long maxFreq = 0xffffffffL >>> TSC_SHIFT_TUNABLE;
        int shift = 0;
        while (shift <= 31 && (tscHz >>> shift) > maxFreq) {
            shift++;
        }
        return shift;
    }

    private Bintime boottime(long sampled) {
        if (current == null || Math.abs(sampled - bootNanos) > BOOT_STEP_NS) {
            bootNanos = sampled;
        }
        return Bintime.ofNanos(bootNanos);
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }
}
