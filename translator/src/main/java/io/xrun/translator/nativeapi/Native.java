package io.xrun.translator.nativeapi;

import jnr.ffi.LibraryLoader;
import jnr.ffi.Runtime;

/** The process-wide jnr-ffi binding of {@link LibC}. */
public final class Native {
    public static final LibC LIBC = LibraryLoader.create(LibC.class).load("c");
    public static final Runtime RUNTIME = Runtime.getRuntime(LIBC);

    private Native() {
    }

    /** errno of the last call made through {@link #LIBC} on this thread. */
    public static int errno() {
        return RUNTIME.getLastError();
    }
}
