package io.xrun.translator.core;

/**
 * A mapping the interception mechanism needs in every FreeBSD address space (the fast path's
 * stub region), made the way the scratch arena is: an mmap run as a prelude of the process's
 * first translated call, before the call itself runs again.
 */
public interface ProcessPrelude {
    /** Whether this process still needs the mapping. */
    boolean wanted(GuestProcess p);

    /** The six mmap arguments. */
    void arguments(long[] args);

    /** The mmap's raw Linux result (an address, or -errno), at the thread's next entry. */
    void done(GuestThread t, long result);
}
