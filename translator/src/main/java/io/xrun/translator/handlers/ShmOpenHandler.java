package io.xrun.translator.handlers;

import io.xrun.maps.ConstantTable;
import io.xrun.maps.Errno;
import io.xrun.maps.LinuxSyscalls;
import io.xrun.maps.SyscallRow;
import io.xrun.translator.core.Call;
import io.xrun.translator.core.SyscallHandler;
import io.xrun.translator.nativeapi.NativeBuffer;

import java.nio.charset.StandardCharsets;

/**
 * POSIX shared memory (sys/kern/uipc_shm.c): shm_open2(path, flags, mode, shmflags, name), the
 * FreeBSD 12 shm_open(path, flags, mode) (always close-on-exec), shm_unlink(path) and shm_rename(from, to, flags).
 * An SHM_ANON object ((char *)1) is a Linux memfd (memfd_create(name, MFD_CLOEXEC if
 * O_CLOEXEC, MFD_ALLOW_SEALING if SHM_ALLOW_SEALING)); a named one is a file under /dev/shm,
 * as glibc's shm_open makes it (open with O_NOFOLLOW), so "/name" is /dev/shm/name. FreeBSD's
 * rules come first: the access mode must be O_RDONLY or O_RDWR and the flags among O_CREAT,
 * O_EXCL, O_TRUNC, O_CLOEXEC (EINVAL), SHM_ANON refuses O_RDONLY (EINVAL), a name must begin
 * with '/' (EINVAL) and be shorter than PATH_MAX (ENAMETOOLONG). Limits (partial): writes
 * extend a Linux object (FreeBSD's grow only with SHM_GROW_ON_WRITE), SHM_LARGEPAGE is EINVAL,
 * a name with a further '/' needs that directory under /dev/shm, and /dev/shm must exist.
 */
public final class ShmOpenHandler implements SyscallHandler {
    private static final ConstantTable SHM = ConstantTable.load("shm-flags.tsv");
    private static final long F_SEALING = SHM.freebsd("SHM_ALLOW_SEALING"), F_GROW = SHM.freebsd("SHM_GROW_ON_WRITE"),
            F_LARGEPAGE = SHM.freebsd("SHM_LARGEPAGE"), F_NOREPLACE = SHM.freebsd("SHM_RENAME_NOREPLACE"),
            F_EXCHANGE = SHM.freebsd("SHM_RENAME_EXCHANGE");
    private static final long L_SEALING = SHM.linux("SHM_ALLOW_SEALING"), L_NOREPLACE = SHM.linux("SHM_RENAME_NOREPLACE"),
            L_EXCHANGE = SHM.linux("SHM_RENAME_EXCHANGE");
    /** Linux MFD_CLOEXEC (include/uapi/linux/memfd.h). */
    private static final long MFD_CLOEXEC = 0x1;
    /** FreeBSD SHM_ANON (sys/sys/mman.h): ((char *)1). */
    private static final long SHM_ANON = 1;
    /** FreeBSD PATH_MAX (sys/sys/syslimits.h). */
    private static final int PATH_MAX = 1024;
    private static final byte[] DIR = "/dev/shm".getBytes(StandardCharsets.US_ASCII);
    private static final long F_ACCMODE = 0x3, F_RDONLY = Abi.OPEN_FLAG_TABLE.freebsd("O_RDONLY"),
            F_RDWR = Abi.OPEN_FLAG_TABLE.freebsd("O_RDWR"), F_CLOEXEC = Abi.OPEN_FLAG_TABLE.freebsd("O_CLOEXEC"),
            ALLOWED = F_ACCMODE | Abi.OPEN_FLAG_TABLE.freebsd("O_CREAT") | Abi.OPEN_FLAG_TABLE.freebsd("O_EXCL")
                    | Abi.OPEN_FLAG_TABLE.freebsd("O_TRUNC") | F_CLOEXEC;
    private static final long L_NOFOLLOW = Abi.OPEN_FLAG_TABLE.linux("O_NOFOLLOW");
    /** Linux AT_FDCWD (include/uapi/linux/fcntl.h). */
    private static final long AT_FDCWD = -100;
    private static final long MEMFD_CREATE = LinuxSyscalls.require("memfd_create"),
            OPENAT = LinuxSyscalls.require("openat");

    private enum Op { OPEN2, OPEN12, UNLINK, RENAME }

    private final long linuxNumber;
    private final Op op;

    public ShmOpenHandler(SyscallRow row) {
        this.linuxNumber = row.linuxNumber();
        this.op = switch (row.name()) {
            case "shm_open2" -> Op.OPEN2;
            case "freebsd12_shm_open" -> Op.OPEN12;
            case "shm_unlink" -> Op.UNLINK;
            default -> Op.RENAME;
        };
    }

    /**
     * Writes "/dev/shm" + the guest's name at offset off of the staging buffer; returns the
     * bytes written with the NUL, or -(FreeBSD errno).
     */
    private static int shmPath(Call c, long name, int off) {
        NativeBuffer b = c.buffer();
        b.put(off, DIR, 0, DIR.length);
        long n = c.memory().readCString(name, b, off + DIR.length, PATH_MAX);
        if (n < 0) {
            return -Errno.FREEBSD_EFAULT;
        }
        if (n >= PATH_MAX) {
            return -Errno.FREEBSD_ENAMETOOLONG;
        }
        if (n == 0 || b.getByte(off + DIR.length) != '/') {
            return -Errno.FREEBSD_EINVAL;
        }
        b.putByte(off + DIR.length + (int) n, (byte) 0);
        return DIR.length + (int) n + 1;
    }

    @Override
    public void enter(Call c) {
        long s = c.scratch();
        switch (op) {
            case UNLINK -> {
                int n = shmPath(c, c.arg(0), 0);
                if (n < 0) {
                    c.emulateError(-n);
                } else if (c.copyOut(s, 0, n)) {
                    c.runLinux(linuxNumber, s, 0, 0, 0, 0, 0);
                }
            }
            case RENAME -> {
                long flags = c.arg(2) & 0xffffffffL;
                if ((flags & ~(F_NOREPLACE | F_EXCHANGE)) != 0 || flags == (F_NOREPLACE | F_EXCHANGE)) {
                    c.emulateError(Errno.FREEBSD_EINVAL);
                    return;
                }
                int n1 = shmPath(c, c.arg(0), 0);
                int n2 = n1 < 0 ? n1 : shmPath(c, c.arg(1), 2048);
                if (n2 < 0) {
                    c.emulateError(-n2);
                    return;
                }
                if (!c.copyOut(s, 0, n1) || !c.copyOut(s + 2048, 2048, n2)) {
                    return;
                }
                long lflags = ((flags & F_NOREPLACE) != 0 ? L_NOREPLACE : 0) | ((flags & F_EXCHANGE) != 0 ? L_EXCHANGE : 0);
                c.runLinux(linuxNumber, AT_FDCWD, s, AT_FDCWD, s + 2048, lflags, 0);
            }
            default -> open(c, s);
        }
    }

    private void open(Call c, long s) {
        long flags = c.arg(1) & 0xffffffffL;
        if (op == Op.OPEN12) {
            // FreeBSD 12's shm_open always set close-on-exec (freebsd12_shm_open: flags | O_CLOEXEC)
            flags |= F_CLOEXEC;
        }
        long shmflags = op == Op.OPEN2 ? c.arg(3) & 0xffffffffL : 0;
        long acc = flags & F_ACCMODE;
        if ((acc != F_RDONLY && acc != F_RDWR) || (flags & ~ALLOWED) != 0
                || (shmflags & ~(F_SEALING | F_GROW | F_LARGEPAGE)) != 0 || (shmflags & F_LARGEPAGE) != 0) {
            c.emulateError(Errno.FREEBSD_EINVAL);
            return;
        }
        if (c.arg(0) == SHM_ANON) {
            if (acc == F_RDONLY) {
                c.emulateError(Errno.FREEBSD_EINVAL);
                return;
            }
            long name = op == Op.OPEN2 ? c.arg(4) : 0;
            if (name == 0) {
                c.buffer().putByte(0, (byte) 0);
                if (!c.copyOut(s, 0, 1)) {
                    return;
                }
                name = s;
            }
            long mfd = ((flags & F_CLOEXEC) != 0 ? MFD_CLOEXEC : 0) | ((shmflags & F_SEALING) != 0 ? L_SEALING : 0);
            c.runLinux(MEMFD_CREATE, name, mfd, 0, 0, 0, 0);
            return;
        }
        int n = shmPath(c, c.arg(0), 0);
        if (n < 0) {
            c.emulateError(-n);
            return;
        }
        if (!c.copyOut(s, 0, n)) {
            return;
        }
        c.runLinux(OPENAT, AT_FDCWD, s, Abi.OPEN_FLAGS.toLinux(flags) | L_NOFOLLOW, c.arg(2) & 07777, 0, 0);
    }

    @Override
    public void exit(Call c) {
        c.returnValue(op == Op.OPEN2 || op == Op.OPEN12 ? c.linuxResult() : 0);
    }
}
