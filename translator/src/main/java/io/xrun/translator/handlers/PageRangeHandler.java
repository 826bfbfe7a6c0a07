package io.xrun.translator.handlers;

import io.xrun.maps.Errno;
import io.xrun.maps.SyscallRow;
import io.xrun.translator.core.Call;
import io.xrun.translator.core.SyscallHandler;

/**
 * munmap, mprotect, madvise, mincore, msync, mlock and munlock: FreeBSD rounds the start down
 * to a page and the length up (sys/vm/vm_mmap.c kern_munmap/kern_mprotect/kern_madvise/
 * kern_mincore/kern_msync/kern_mlock/kern_munlock: addr -= pageoff; size += pageoff), where
 * Linux rejects an unaligned start with EINVAL. mincore's vector needs no conversion: Linux
 * sets bit 0 for a resident page, FreeBSD's MINCORE_INCORE (sys/sys/mman.h, 0x1), and no other
 * (FreeBSD also reports MINCORE_REFERENCED/MODIFIED: partial). msync flags go through
 * msync-flags.tsv. A zero length is EINVAL for munmap.
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

    /**
     * Sets Linux arguments 0 and 1 to the FreeBSD range (arguments 0 and 1) rounded out to
     * pages; false, with the call answered EINVAL, for a range that wraps or leaves user space
     * (or is empty, when emptyInvalid).
     */
    static boolean pageRange(Call c, boolean emptyInvalid) {
        long addr = c.arg(0);
        long len = c.arg(1);
        long off = addr & PAGE_MASK;
        addr -= off;
        len += off;
        if ((emptyInvalid && c.arg(1) == 0) || len < 0 || addr + len < addr || addr + len > VM_MAXUSER_ADDRESS) {
            c.emulateError(Errno.FREEBSD_EINVAL);
            return false;
        }
        len = (len + PAGE_MASK) & ~PAGE_MASK;
        c.linuxArg(0, addr);
        c.linuxArg(1, len);
        return true;
    }

    @Override
    public void enter(Call c) {
        if (!pageRange(c, munmap)) {
            return;
        }
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
