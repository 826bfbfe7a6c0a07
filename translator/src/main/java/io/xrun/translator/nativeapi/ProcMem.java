package io.xrun.translator.nativeapi;

/**
 * Writes into a process's memory through a descriptor of /proc/PID/mem opened once, read-only
 * pages included (the kernel's FOLL_FORCE for a ptracer: how the stub region, mapped
 * read+execute, is written). The descriptor is bound to the address space it was opened on
 * (fs/proc/base.c mem_open takes the mm), so after the process exits or execs, writes fail
 * instead of reaching whatever process reuses the pid, which process_vm_writev by pid could not
 * guarantee.
 */
public final class ProcMem implements ProcessMemory {
    private static final LibC C = Native.LIBC;
    /** fcntl.h O_RDWR | O_CLOEXEC (asm-generic/fcntl.h): a guest exec'ed later must not inherit it. */
    private static final int O_RDWR_CLOEXEC = 02 | 02000000;
    private final int fd;

    private ProcMem(int fd) {
        this.fd = fd;
    }

    /** The memory of process pid, or null when it cannot be opened (the process is gone). */
    public static ProcMem open(int pid) {
        int fd = C.open("/proc/" + pid + "/mem", O_RDWR_CLOEXEC);
        return fd < 0 ? null : new ProcMem(fd);
    }

    @Override
    public boolean write(long addr, NativeBuffer b, int off, int len) {
        return C.pwrite(fd, b.address() + off, len, addr) == len;
    }

    @Override
    public void close() {
        C.close(fd);
    }
}
