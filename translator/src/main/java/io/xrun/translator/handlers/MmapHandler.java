package io.xrun.translator.handlers;

import io.xrun.maps.Errno;
import io.xrun.maps.SyscallRow;
import io.xrun.translator.core.Call;
import io.xrun.translator.core.SyscallHandler;

/**
 * mmap(addr, len, prot, flags, fd, pos) with FreeBSD's rules (sys/vm/vm_mmap.c kern_mmap):
 * MAP_ANON needs fd -1 and pos 0; MAP_GUARD reserves PROT_NONE address space; MAP_EXCL with
 * MAP_FIXED refuses to replace (Linux MAP_FIXED_NOREPLACE; EEXIST there is ENOMEM here);
 * neither MAP_SHARED nor MAP_PRIVATE means shared for files, private for anonymous memory.
 * PROT_MAX bits (prot >> 16) have no Linux meaning and are dropped; so are MAP_ALIGNED(n)
 * requests, which Linux cannot honour in one call (the mapping is still valid, only its
 * alignment is not guaranteed: see the table note).
 */
public final class MmapHandler implements SyscallHandler {
    private static final long MAP_SHARED = Abi.MMAP_FLAG_TABLE.freebsd("MAP_SHARED");
    private static final long MAP_PRIVATE = Abi.MMAP_FLAG_TABLE.freebsd("MAP_PRIVATE");
    private static final long MAP_FIXED = Abi.MMAP_FLAG_TABLE.freebsd("MAP_FIXED");
    private static final long MAP_ANON = Abi.MMAP_FLAG_TABLE.freebsd("MAP_ANON");
    private static final long MAP_GUARD = Abi.MMAP_FLAG_TABLE.freebsd("MAP_GUARD");
    private static final long MAP_EXCL = Abi.MMAP_FLAG_TABLE.freebsd("MAP_EXCL");
    private static final long L_MAP_PRIVATE = Abi.MMAP_FLAG_TABLE.linux("MAP_PRIVATE");
    private static final long L_MAP_ANON = Abi.MMAP_FLAG_TABLE.linux("MAP_ANON");
    private static final long L_MAP_FIXED = Abi.MMAP_FLAG_TABLE.linux("MAP_FIXED");
    private static final long L_MAP_NORESERVE = Abi.MMAP_FLAG_TABLE.linux("MAP_NORESERVE");
    /** MAP_EXCL's Linux counterpart, MAP_FIXED_NOREPLACE, is the table's Linux value for MAP_EXCL. */
    private static final long L_MAP_FIXED_NOREPLACE = Abi.MMAP_FLAG_TABLE.linux("MAP_EXCL");
    private static final int LINUX_EEXIST = (int) io.xrun.maps.Errno.table().linux("EEXIST");

    private final long linuxNumber;
    /** freebsd6_mmap(addr, len, prot, flags, fd, pad, pos): pos is the seventh argument, on the stack. */
    private final boolean padded;
    /** ommap: the 4.3BSD flag and protection encodings (vm_mmap.c kern_ommap). */
    private final boolean old;
    /** kern_ommap's OMAP_ANON, OMAP_SHARED, OMAP_FIXED (OMAP_COPY is MAP_COPY, i.e. MAP_PRIVATE). */
    private static final long OMAP_ANON = 0x0002, OMAP_SHARED = 0x0010, OMAP_FIXED = 0x0100;
    /** kern_ommap's cvtbsdprot: old bit 1 exec, 2 write, 4 read. */
    private static final long[] OLD_PROT = new long[8];

    static {
        long r = Abi.MMAP_PROT_TABLE.freebsd("PROT_READ"), w = Abi.MMAP_PROT_TABLE.freebsd("PROT_WRITE"),
                x = Abi.MMAP_PROT_TABLE.freebsd("PROT_EXEC");
        for (int i = 0; i < 8; i++) {
            OLD_PROT[i] = ((i & 1) != 0 ? x : 0) | ((i & 2) != 0 ? w : 0) | ((i & 4) != 0 ? r : 0);
        }
    }

    public MmapHandler(SyscallRow row) {
        this.linuxNumber = row.linuxNumber();
        this.padded = row.args().contains("pad");
        this.old = row.name().equals("ommap");
    }

    @Override
    public void enter(Call c) {
        long addr = c.arg(0);
        long len = c.arg(1);
        long prot = c.arg(2);
        long flags = c.arg(3);
        long fd = (int) c.arg(4);
        long pos = c.arg(5);
        if (padded) {
            if (!c.copyInStackArg(6, 0)) {
                return;
            }
            pos = c.buffer().getLong(0);
        }
        if (old) {
            // 4.3BSD ommap (vm_mmap.c kern_ommap): int len, old prot and flag bits
            if ((int) len < 0) {
                c.emulateError(Errno.FREEBSD_EINVAL);
                return;
            }
            len = (int) len;
            prot = OLD_PROT[(int) prot & 7];
            long f = 0;
            f |= (flags & OMAP_ANON) != 0 ? MAP_ANON : 0;
            f |= (flags & OMAP_SHARED) != 0 ? MAP_SHARED : MAP_PRIVATE; // MAP_COPY is MAP_PRIVATE
            f |= (flags & OMAP_FIXED) != 0 ? MAP_FIXED : 0;
            flags = f;
        }
        if (len == 0 || (flags & (MAP_SHARED | MAP_PRIVATE)) == (MAP_SHARED | MAP_PRIVATE)) {
            c.emulateError(Errno.FREEBSD_EINVAL);
            return;
        }
        long lflags;
        long lprot = Abi.MMAP_PROT.toLinux(prot & 0xffff);
        if ((flags & MAP_GUARD) != 0) {
            if (prot != 0 || fd != -1 || pos != 0
                    || (flags & ~(MAP_GUARD | MAP_FIXED | MAP_EXCL | 0xff000000L)) != 0) {
                c.emulateError(Errno.FREEBSD_EINVAL);
                return;
            }
            lflags = L_MAP_PRIVATE | L_MAP_ANON | L_MAP_NORESERVE;
            lprot = 0;
        } else {
            if ((flags & MAP_ANON) != 0 && (fd != -1 || pos != 0)) {
                c.emulateError(Errno.FREEBSD_EINVAL);
                return;
            }
            lflags = Abi.MMAP_FLAGS.toLinux(flags & ~(MAP_EXCL | MAP_FIXED | 0xff000000L));
            if ((flags & (MAP_SHARED | MAP_PRIVATE)) == 0) {
                lflags |= (flags & MAP_ANON) != 0 ? L_MAP_PRIVATE : Abi.MMAP_FLAG_TABLE.linux("MAP_SHARED");
            }
        }
        if ((flags & MAP_FIXED) != 0) {
            lflags |= (flags & MAP_EXCL) != 0 ? L_MAP_FIXED_NOREPLACE : L_MAP_FIXED;
        }
        c.stash[0] = flags;
        c.linuxArg(0, addr);
        c.linuxArg(1, len);
        c.linuxArg(2, lprot);
        c.linuxArg(3, lflags);
        c.linuxArg(4, fd);
        c.linuxArg(5, pos);
        c.runLinux(linuxNumber);
    }

    @Override
    public void exitFailed(Call c) {
        if (c.linuxResult() == -LINUX_EEXIST && (c.stash[0] & MAP_EXCL) != 0) {
            c.returnError(Errno.FREEBSD_ENOMEM);
        } else {
            c.returnLinuxError();
        }
    }
}
