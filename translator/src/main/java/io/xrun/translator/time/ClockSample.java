package io.xrun.translator.time;

/**
 * The TSC and Linux's clocks read at one instant: {@code monoNanos} is CLOCK_MONOTONIC, {@code
 * bootNanos} CLOCK_REALTIME - CLOCK_MONOTONIC (what FreeBSD calls the boot time: realtime = uptime +
 * th_boottime).
 */
record ClockSample(long tsc, long monoNanos, long bootNanos) {
}
