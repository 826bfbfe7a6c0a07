package io.xrun.translator.time;

import io.xrun.translator.nativeapi.NativeBuffer;
import io.xrun.translator.nativeapi.ProcMem;

/** The timekeeping page's writer: the process's /proc/PID/mem ({@link ProcMem}), opened once. */
final class ProcMemWriter implements PageWriter {
    private final ProcMem mem;
    private final NativeBuffer staging = new NativeBuffer(TimekeepLayout.TH_SIZE);

    private ProcMemWriter(ProcMem mem) {
        this.mem = mem;
    }

    /** A writer for the process, or null when its memory cannot be opened (it is gone). */
    static ProcMemWriter open(int pid) {
        ProcMem m = ProcMem.open(pid);
        return m == null ? null : new ProcMemWriter(m);
    }

    @Override
    public boolean write(long addr, byte[] bytes) {
        staging.put(0, bytes, 0, bytes.length);
        return mem.write(addr, staging, 0, bytes.length);
    }

    @Override
    public void close() {
        mem.close();
    }
}
