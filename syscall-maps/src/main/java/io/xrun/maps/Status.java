package io.xrun.maps;

/** Support status of one FreeBSD syscall row, as in gVisor's annotated syscall table. */
public enum Status {
    /** Runs as a Linux syscall after number, argument and result translation. */
    TRANSLATED,
    /** Answered by the supervisor itself (no single Linux syscall does the job). */
    EMULATED,
    /** Works for the common cases; the note says what is missing. */
    PARTIAL,
    /** A live FreeBSD syscall xrun does not provide yet: ENOSYS with FreeBSD's SIGSYS behaviour. */
    UNIMPLEMENTED,
    /** OBSOL, UNIMPL or RESERVED in syscalls.master: no FreeBSD 14 kernel provides it either. */
    OBSOLETE;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** True when the supervisor has code for the row (it must then have a test). */
    public boolean isSupported() {
        return this == TRANSLATED || this == EMULATED || this == PARTIAL;
    }

    public static Status parse(String s) {
        return valueOf(s.trim().toUpperCase(java.util.Locale.ROOT));
    }
}
