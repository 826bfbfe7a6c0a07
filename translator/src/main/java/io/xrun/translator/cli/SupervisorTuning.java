package io.xrun.translator.cli;

import io.xrun.translator.fastpath.InterceptMode;

/**
 * The run options that change how the supervisor works but not what the guest sees:
 * --pin (tracer and guest on one CPU) and --intercept (how syscalls reach the translation).
 */
record SupervisorTuning(boolean pin, InterceptMode intercept) {
}
