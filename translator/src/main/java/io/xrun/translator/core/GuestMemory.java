package io.xrun.translator.core;

import io.xrun.translator.nativeapi.NativeBuffer;

/**
 * The guest's address space, as handlers see it. Implementations: process_vm_readv/writev
 * under ptrace, or plain memory in benchmarks and unit tests. Copies go through a
 * {@link NativeBuffer} so that nothing is allocated per call.
 */
public interface GuestMemory {
    /** Copies len bytes from guest address src into buf at off. Returns bytes copied or -errno. */
    long read(long src, NativeBuffer buf, int off, int len);

    /** Copies len bytes from buf at off to guest address dst. Returns bytes copied or -errno. */
    long write(long dst, NativeBuffer buf, int off, int len);

    /**
     * Reads a NUL-terminated string of at most max bytes into buf at off; returns its length
     * without the NUL, or -errno. A string with no NUL within max bytes returns max.
     */
    default long readCString(long src, NativeBuffer buf, int off, int max) {
        int done = 0;
        while (done < max) {
            // Never cross a page boundary in one read: the next page may be unmapped.
            int chunk = (int) Math.min(max - done, 4096 - ((src + done) & 4095));
            long r = read(src + done, buf, off + done, chunk);
            if (r < 0) {
                return done > 0 ? done : r;
            }
            for (int i = 0; i < r; i++) {
                if (buf.getByte(off + done + i) == 0) {
                    return done + i;
                }
            }
            done += (int) r;
            if (r < chunk) {
                return done;
            }
        }
        return max;
    }
}
