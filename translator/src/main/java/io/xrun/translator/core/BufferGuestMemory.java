package io.xrun.translator.core;

import io.xrun.translator.nativeapi.NativeBuffer;

/**
 * A guest address space made of one native buffer mapped at a chosen base address: what unit
 * tests and the JMH benchmarks hand the dispatcher so that the critical path runs with no
 * kernel in the loop. Addresses outside [base, base+size) fail with EFAULT like unmapped memory.
 */
public final class BufferGuestMemory implements GuestMemory {
    /** GuestMemory reports failures as -errno in Linux numbering, as process_vm_readv does. */
    private static final int EFAULT = (int) io.xrun.maps.Errno.table().linux("EFAULT");
    private final NativeBuffer mem;
    private final long base;

    public BufferGuestMemory(long base, int size) {
        this.mem = new NativeBuffer(size);
        this.base = base;
    }

    public NativeBuffer backing() {
        return mem;
    }

    public long base() {
        return base;
    }

    @Override
    public long read(long src, NativeBuffer buf, int off, int len) {
        if (src < base || src + len > base + mem.size()) {
            return -EFAULT;
        }
        mem.copyTo((int) (src - base), buf, off, len);
        return len;
    }

    @Override
    public long write(long dst, NativeBuffer buf, int off, int len) {
        if (dst < base || dst + len > base + mem.size()) {
            return -EFAULT;
        }
        buf.copyTo(off, mem, (int) (dst - base), len);
        return len;
    }
}
