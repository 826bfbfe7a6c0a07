package io.xrun.translator.cli;

/** A failure reported to the user as one line, with the exit status it maps to. */
public final class XrunException extends Exception {
    private final int exitCode;

    public XrunException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
