package io.xrun.translator.core;

/**
 * Translates one FreeBSD syscall (or one family). Handlers see a {@link Call}: the FreeBSD
 * arguments, the guest's memory, and ways to set up the Linux call or answer directly. They
 * never see the interception mechanism, so one handler serves ptrace today and seccomp or an
 * in-guest fast path later. Handlers are stateless and must not allocate.
 */
public interface SyscallHandler {
    /** At syscall entry: either set up the Linux call ({@link Call#runLinux}) or answer it ({@link Call#emulate}). */
    void enter(Call c);

    /** After a call set up with runLinux succeeded: turn the Linux result into FreeBSD's. */
    default void exit(Call c) {
        c.returnValue(c.linuxResult());
    }

    /**
     * After a call set up with runLinux failed: by default its Linux errno, translated (the
     * syscall's errno overrides first, then the errno table), with CF set.
     */
    default void exitFailed(Call c) {
        c.returnLinuxError();
    }

    /**
     * The Linux number when this handler's whole job is a renumbering: the arguments pass
     * unchanged to the namesake Linux call and its value comes back unchanged. An interception
     * mechanism may then run the call without the supervisor, applying only FreeBSD's return
     * convention itself (see fastpath.StubCode). -1 (the default) when the handler must see it.
     */
    default long plainLinuxNumber() {
        return -1;
    }

    /**
     * As {@link #plainLinuxNumber()}, for process p as it is now (null: a process that has
     * just exec'ed). A handler whose extra work depends on per-process state it keeps (close
     * and the kqueue models) is plain only while there is none. Once -1 for a process it
     * stays -1 until the process execs.
     */
    default long plainLinuxNumber(GuestProcess p) {
        return plainLinuxNumber();
    }

    /**
     * For a row that is not plain but whose every call an in-guest stub can answer as this
     * handler would (translate one flags argument, convert a struct stat in place, leave the
     * calls on watched descriptors to the supervisor): what the stub must do around the row's
     * Linux call; null (the default) when the handler must see every call.
     */
    default StubShape stubShape() {
        return null;
    }

    /** Whether {@link #plainLinuxNumber(GuestProcess)} can change during a process's life. */
    default boolean plainDependsOnProcess() {
        return false;
    }
}
