package io.xrun.translator.handlers;

import io.xrun.maps.Errno;
import io.xrun.maps.SyscallRow;
import io.xrun.translator.convert.DirentConverter;
import io.xrun.translator.core.Call;
import io.xrun.translator.core.SyscallHandler;
import io.xrun.translator.nativeapi.NativeBuffer;

/**
 * getdirentries(fd, buf, nbytes, basep) and freebsd11_getdirentries on getdents64. A FreeBSD
 * record is at most 4/3 the size of the Linux record for the same name (24-byte header against
 * 19), so Linux is asked for 3/4 of the guest's buffer and every record it returns fits after
 * conversion: none is read and then dropped.
 *
 * <p>*basep receives the directory offset before the read, as FreeBSD's kern_getdirentries
 * sets it: when basep is given, a prelude lseek(fd, 0, SEEK_CUR) asks the kernel for it.
 * Linux's ENOTDIR for a descriptor that is not a directory is FreeBSD's EINVAL
 * (getdirentries(2); errno-overrides.tsv).
 */
public final class GetdirentriesHandler implements SyscallHandler {
    private static final int HALF = 32 * 1024;
    private static final long NR_LSEEK = io.xrun.maps.LinuxSyscalls.require("lseek");
    private static final long SEEK_CUR = Abi.WHENCE_TABLE.linux("SEEK_CUR");
    private final long linuxNumber;
    private final boolean v11;
    private final long[] out = new long[2];

    public GetdirentriesHandler(SyscallRow row) {
        this.linuxNumber = row.linuxNumber();
        this.v11 = row.name().startsWith("freebsd11_");
        this.hasBasep = row.args().size() > 3;
    }

    /** freebsd11_getdents(fd, buf, count) is getdirentries without basep (vfs_syscalls.c). */
    private final boolean hasBasep;

    private long basep(Call c) {
        return hasBasep ? c.arg(3) : 0;
    }

    @Override
    public void enter(Call c) {
        long nbytes = c.arg(2);
        // 3/4 of at most HALF: nbytes * 3 would overflow for counts FreeBSD accepts (up to SSIZE_MAX)
        long ask = Math.min(nbytes, HALF) * 3 / 4;
        if (nbytes < 0) {
            c.emulateError(Errno.FREEBSD_EINVAL);
            return;
        }
        if (basep(c) != 0 && !c.hasPreludeResult()) {
            c.linuxArg(0, c.arg(0));
            c.linuxArg(1, 0);
            c.linuxArg(2, SEEK_CUR);
            c.prelude(NR_LSEEK);
            return;
        }
        c.stash[1] = c.hasPreludeResult() ? c.preludeResult() : 0;
        c.linuxArg(0, c.arg(0));
        c.linuxArg(1, c.arg(1));
        c.linuxArg(2, ask);
        c.runLinux(linuxNumber);
    }

    /** getdirentries with FreeBSD 12+'s struct dirent and basep: fastpath.DirentsKind does what this handler does. */
    @Override
    public io.xrun.translator.core.StubShape stubShape() {
        return v11 || !hasBasep ? null : io.xrun.translator.core.StubShape.DIRENTS;
    }

    @Override
    public void exit(Call c) {
        int got = (int) c.linuxResult();
        NativeBuffer b = c.buffer();
        long guest = c.arg(1);
        if (got > 0 && !c.copyIn(guest, 0, got)) {
            return;
        }
        long before = c.stash[1];
        out[1] = 0;
        int cap = (int) Math.min(c.arg(2), HALF);
        int n = DirentConverter.toFreebsd(b, 0, got, HALF, cap, v11, out);
        if (n > 0 && !c.copyOut(guest, HALF, n)) {
            return;
        }
        long basep = basep(c);
        if (basep != 0) {
            b.putLong(0, before); // off_t *basep; long *basep for FreeBSD 11: 8 bytes either way on amd64
            if (!c.copyOut(basep, 0, 8)) {
                return;
            }
        }
        c.returnValue(n);
    }
}
