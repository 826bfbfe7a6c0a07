package io.xrun.translator.cli;

/**
 * xrun's exit status, following docker run's convention for its own failures. Anything else
 * is the guest's own: its exit status, or 128+N when FreeBSD signal N killed it.
 */
public final class ExitCodes {
    /** xrun itself failed: bad usage, cannot trace, internal error. */
    public static final int XRUN_ERROR = 125;
    /** The program exists but cannot run here: not ELF, another architecture or class, not executable. */
    public static final int CANNOT_EXECUTE = 126;
    /** The program does not exist. */
    public static final int NOT_FOUND = 127;
    /** Base for a guest killed by a signal: 128 + the FreeBSD signal number. */
    public static final int SIGNAL_BASE = 128;

    private ExitCodes() {
    }
}
