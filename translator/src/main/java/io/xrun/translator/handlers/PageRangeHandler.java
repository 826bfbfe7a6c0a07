package io.xrun.translator.handlers;

import io.xrun.maps.Errno;
import io.xrun.maps.SyscallRow;
import io.xrun.translator.core.Call;
import io.xrun.translator.core.SyscallHandler;

/**
 * munmap, mprotect and madvise: FreeBSD rounds the start down to a page and the length up
 * (sys/vm/vm_mmap.c kern_munmap/kern_mprotect/kern_madvise: addr -= pageoff; size += pageoff),
 * where Linux rejects an unaligned start with EINVAL. A zero length is EINVAL for munmap.
 * madvise advice goes through madvise.tsv; advice FreeBSD accepts but Linux has no
 * counterpart for (MADV_NOSYNC, MADV_AUTOSYNC, MADV_PROTECT) is only a hint and succeeds.
 */
public final class PageRangeHandler implements SyscallHandler {
    private static final long PAGE_MASK = 4095;
    /** Largest user address on amd64 (sys/amd64/include/vmparam.h VM_MAXUSER_ADDRESS). */
    private static final long VM_MAXUSER_ADDRESS = 0x00007fffffffffffL + 1;
    private final long linuxNumber;
    private final boolean munmap;
    private final boolean madvise;
    private final int thirdCodec;

    public PageRangeHandler(SyscallRow row) {
        this.linuxNumber = row.linuxNumber();
        this.munmap = row.name().equals("munmap");
        this.madvise = row.name().equals("madvise");
        this.thirdCodec = row.args().size() > 2 ? ArgCodec.code(row.args().get(2)) : -1;
    }

    @Override
    public void enter(Call c) {
        long addr = c.arg(0);
        long len = c.arg(1);
        long off = addr & PAGE_MASK;
        addr -= off;
        len += off;
        if ((munmap && c.arg(1) == 0) || len < 0 || addr + len < addr || addr + len > VM_MAXUSER_ADDRESS) {
            c.emulateError(Errno.FREEBSD_EINVAL);
            return;
        }
        len = (len + PAGE_MASK) & ~PAGE_MASK;
        c.linuxArg(0, addr);
        c.linuxArg(1, len);
        if (thirdCodec >= 0) {
            long v = c.arg(2);
            long l = ArgCodec.translate(thirdCodec, v);
            if (l == ArgCodec.INVALID) {
                if (madvise && Abi.MADVISE.freebsdName(v) != null) {
                    c.emulate(0); // a FreeBSD-only hint (MADV_NOSYNC...): accepted, nothing to do
                } else {
                    c.emulateError(Errno.FREEBSD_EINVAL);
                }
                return;
            }
            c.linuxArg(2, l);
        }
        c.runLinux(linuxNumber);
    }
}
