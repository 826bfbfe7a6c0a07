package io.xrun.translator.core;

/**
 * What happens after a syscall xrun does not provide returned ENOSYS: the diagnostic, and
 * FreeBSD's SIGSYS (sys/kern/kern_sig.c nosys(): the thread gets SIGSYS unless it ignores it;
 * the default action kills the process).
 */
public interface UnsupportedPolicy {
    void unsupported(Call c);
}
