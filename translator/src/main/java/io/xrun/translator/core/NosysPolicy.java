package io.xrun.translator.core;

import io.xrun.maps.Signals;

import java.io.PrintStream;

/**
 * FreeBSD's answer to a syscall it does not have (sys/kern/kern_sig.c nosys()): ENOSYS, and
 * SIGSYS to the calling thread unless the process ignores SIGSYS; SIGSYS's default action
 * kills the process. xrun adds one diagnostic line per syscall per process naming the call.
 */
public final class NosysPolicy implements UnsupportedPolicy {
    /** --on-unsupported: FreeBSD's behaviour (sigsys, the default), ENOSYS alone, or stop the program. */
    public enum Mode { enosys, sigsys, abort }

    /** Sends a Linux signal to one guest thread (tgkill under ptrace). */
    public interface SignalSender {
        void signal(int pid, int tid, int linuxSignal);
    }

    private final PrintStream diag;
    private final SignalSender sender;
    private final Mode mode;

    public NosysPolicy(PrintStream diag, SignalSender sender) {
        this(diag, sender, Mode.sigsys);
    }

    public NosysPolicy(PrintStream diag, SignalSender sender, Mode mode) {
        this.diag = diag;
        this.sender = sender;
        this.mode = mode;
    }

    @Override
    public void unsupported(Call c) {
        GuestProcess p = c.process();
        if (p.firstReport(c.number())) {
            String what = c.row() != null
                    ? "FreeBSD syscall " + c.row().name() + " (" + c.number() + ") is not supported by xrun ("
                    + c.row().status().label() + (c.row().note().isEmpty() ? "" : ": " + c.row().note()) + ")"
                    : "FreeBSD syscall number " + c.number() + " does not exist";
            diag.println("xrun: " + what + (mode == Mode.abort ? "; stopping the program (--on-unsupported=abort)"
                    : "; returning ENOSYS"));
            diag.flush();
        }
        switch (mode) {
            case abort -> sender.signal(p.pid(), c.thread().tid(), Signals.LINUX_SIGKILL);
            case sigsys -> {
                if (!p.sigsysIgnored()) {
                    sender.signal(p.pid(), c.thread().tid(), Signals.LINUX_SIGSYS);
                }
            }
            case enosys -> {
                // ENOSYS alone, as a Linux kernel answers (or FreeBSD with SIGSYS ignored)
            }
        }
    }
}
