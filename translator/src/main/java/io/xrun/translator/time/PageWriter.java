package io.xrun.translator.time;

/** Writes into one guest address space (a /proc/PID/mem descriptor; a recording fake in tests). */
interface PageWriter {
    /** Writes all of {@code bytes} at {@code addr}; false when the address space is gone. */
    boolean write(long addr, byte[] bytes);

    void close();
}
