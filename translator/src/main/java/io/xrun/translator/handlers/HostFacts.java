package io.xrun.translator.handlers;

import io.xrun.maps.LinuxSyscalls;
import io.xrun.translator.nativeapi.Native;
import io.xrun.translator.nativeapi.NativeBuffer;

/** Facts about the Linux host that translations need, learned once at start-up. */
public final class HostFacts {
    private static final long PIPEFS_DEV = computePipefsDev();

    private HostFacts() {
    }

    /**
     * st_dev of Linux's pipefs, found by creating a pipe and fstat-ing it: an fstat with
     * S_IFIFO and this device is an anonymous pipe, not a named FIFO.
     */
    public static long pipefsDev() {
        return PIPEFS_DEV;
    }

    private static long computePipefsDev() {
        NativeBuffer b = new NativeBuffer(256);
        long nrPipe2 = LinuxSyscalls.require("pipe2");
        long nrFstat = LinuxSyscalls.require("fstat");
        long nrClose = LinuxSyscalls.require("close");
        if (Native.LIBC.syscall(nrPipe2, b.address(), 0, 0, 0, 0, 0) != 0) {
            return -1;
        }
        int r = b.getInt(0);
        int w = b.getInt(4);
        long dev = Native.LIBC.syscall(nrFstat, r, b.address() + 16, 0, 0, 0, 0) == 0 ? b.getLong(16) : -1;
        Native.LIBC.syscall(nrClose, r, 0, 0, 0, 0, 0);
        Native.LIBC.syscall(nrClose, w, 0, 0, 0, 0, 0);
        return dev;
    }
}
