package io.xrun.translator.time;

import io.xrun.translator.nativeapi.LibC;
import io.xrun.translator.nativeapi.Native;
import io.xrun.translator.nativeapi.NativeBuffer;

/**
 * Writes into a process through a descriptor of /proc/PID/mem opened once. The descriptor is bound
 * to the address space it was opened on (fs/proc/base.c mem_open takes the mm), so after the
 * process exits or execs, writes fail instead of reaching whatever process reuses the pid, which
 * process_vm_writev by pid could not guarantee.
 */
final class ProcMemWriter implements PageWriter {
    private static final LibC C = Native.LIBC;
    /** fcntl.h O_RDWR | O_CLOEXEC (asm-generic/fcntl.h): a guest exec'ed later must not inherit it. */
    private static final int O_RDWR_CLOEXEC = 02 | 02000000;
    private final int fd;
    private final NativeBuffer staging = new NativeBuffer(TimekeepLayout.TH_SIZE);

    private ProcMemWriter(int fd) {
        this.fd = fd;
    }

    /** A writer for the process, or null when its memory cannot be opened (it is gone). */
    static ProcMemWriter open(int pid) {
        int fd = C.open("/proc/" + pid + "/mem", O_RDWR_CLOEXEC);
        return fd < 0 ? null : new ProcMemWriter(fd);
    }

    @Override
    public boolean write(long addr, byte[] bytes) {
        staging.put(0, bytes, 0, bytes.length);
        return C.pwrite(fd, staging.address(), bytes.length, addr) == bytes.length;
    }

    @Override
    public void close() {
        C.close(fd);
    }
}
