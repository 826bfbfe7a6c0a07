package io.xrun.translator.ptrace;

/** xrun itself could not start or follow the guest (exit 125): the message is the user's one line. */
public final class SupervisorException extends Exception {
    public SupervisorException(String message) {
        super(message);
    }
}
