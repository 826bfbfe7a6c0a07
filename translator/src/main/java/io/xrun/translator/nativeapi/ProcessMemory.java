package io.xrun.translator.nativeapi;

/** Writes into one address space (ProcMem: its /proc/PID/mem), kept open between writes. */
public interface ProcessMemory {
    /** Writes len bytes of b from off at addr; false when they could not all be written. */
    boolean write(long addr, NativeBuffer b, int off, int len);

    void close();
}
