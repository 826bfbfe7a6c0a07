package io.xrun.translator.ptrace;

/**
 * How the guest's main process ended: an exit status, or a FreeBSD signal number.
 *
 * @param code          exit status when !signaled
 * @param freebsdSignal FreeBSD number of the killing signal when signaled
 * @param linuxSignal   the Linux signal that actually killed it
 */
public record GuestExit(boolean signaled, int code, int freebsdSignal, int linuxSignal, boolean coreDumped) {
}
