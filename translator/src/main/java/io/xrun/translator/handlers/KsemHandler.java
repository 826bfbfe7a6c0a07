package io.xrun.translator.handlers;

import io.xrun.maps.Errno;
import io.xrun.maps.LinuxSyscalls;
import io.xrun.maps.SyscallRow;
import io.xrun.translator.core.Call;
import io.xrun.translator.core.GuestProcess;
import io.xrun.translator.core.SyscallHandler;
import io.xrun.translator.nativeapi.NativeBuffer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Kernel POSIX semaphores (sys/kern/uipc_sem.c), the anonymous ones of ksem_init: each is a
 * Linux eventfd in semaphore mode (EFD_SEMAPHORE: a read takes one), non-blocking and
 * close-on-exec as FreeBSD's ksem descriptors are (falloc O_CLOEXEC). ksem_post writes one,
 * ksem_trywait reads one (EAGAIN when none), ksem_wait and ksem_timedwait read and, while the
 * count is 0, wait with ppoll (ksem_timedwait until its CLOCK_REALTIME deadline: ETIMEDOUT),
 * ksem_getvalue reads the count from /proc/PID/fdinfo, ksem_destroy closes it. xrun keeps which
 * descriptors are semaphores (GuestProcess: copied by fork, dropped at exec); anything else is
 * EINVAL, as ksem_get answers. ksem_close is for named semaphores only (EINVAL for anonymous
 * ones); ksem_open/ksem_unlink (named) are not provided.
 */
public final class KsemHandler implements SyscallHandler {
    private static final long NR_EVENTFD2 = LinuxSyscalls.require("eventfd2"), NR_READ = LinuxSyscalls.require("read"),
        NR_WRITE = LinuxSyscalls.require("write"), NR_PPOLL = LinuxSyscalls.require("ppoll"),
        NR_CLOSE = LinuxSyscalls.require("close");
    /** EFD_SEMAPHORE, EFD_NONBLOCK, EFD_CLOEXEC (linux/eventfd.h: 1, O_NONBLOCK, O_CLOEXEC). */
    private static final long EFD_SEMAPHORE = 1, EFD_NONBLOCK = Abi.OPEN_FLAG_TABLE.linux("O_NONBLOCK"),
        EFD_CLOEXEC = Abi.OPEN_FLAG_TABLE.linux("O_CLOEXEC");
    /** POLLIN (the same on both). */
    private static final short POLLIN = 1;
    /** SEM_VALUE_MAX (sys/sys/limits.h via semaphore.h: INT_MAX). */
    private static final long SEM_VALUE_MAX = Integer.MAX_VALUE;
    private static final int L_EAGAIN = Errno.toLinux((int) Errno.table().freebsd("EAGAIN"));
    private static final int ETIMEDOUT = (int) Errno.table().freebsd("ETIMEDOUT"),
        EOVERFLOW = (int) Errno.table().freebsd("EOVERFLOW");
    /** Scratch: the 8-byte counter at 0, a pollfd at 16, a timespec at 32. */
    private static final int S_COUNT = 0, S_POLL = 16, S_TS = 32;
    // stash: 0 phase (1 read, 2 poll, 3 close after a failed copyout), 1 the descriptor
    private static final int READ = 1, POLL = 2, CLOSE = 3;

    private final String name;

    public KsemHandler(SyscallRow row) {
        this.name = row.name();
    }

    @Override
    public void enter(Call c) {
        GuestProcess p = c.process();
        c.stash[0] = 0;
        if (name.equals("ksem_init")) {
            if ((c.arg(1) & 0xffffffffL) > SEM_VALUE_MAX) {
                c.emulateError(Errno.FREEBSD_EINVAL);
                return;
            }
            c.runLinux(NR_EVENTFD2, c.arg(1) & 0xffffffffL, EFD_SEMAPHORE | EFD_NONBLOCK | EFD_CLOEXEC, 0, 0, 0, 0);
            return;
        }
        if (name.equals("ksem_timedwait") && c.arg(1) != 0) {
            if (!c.copyIn(c.arg(1), 0, 16)) {
                return;
            }
            long nsec = c.buffer().getLong(8);
            if (nsec < 0 || nsec >= 1_000_000_000L) {
                c.emulateError(Errno.FREEBSD_EINVAL);
                return;
            }
        }
        long id = c.arg(0);
        long count = isKsem(p, id) ? count(p, (int) id) : -1;
        if (count < 0) {
            c.emulateError(Errno.FREEBSD_EINVAL);
            return;
        }
        c.stash[1] = id;
        switch (name) {
            case "ksem_close" -> c.emulateError(Errno.FREEBSD_EINVAL); // anonymous: ksem_destroy's
            case "ksem_getvalue" -> {
                NativeBuffer b = c.buffer();
                b.putInt(0, (int) count);
                if (c.copyOut(c.arg(1), 0, 4)) {
                    c.emulate(0);
                }
            }
            case "ksem_destroy" -> {
                p.ksems().clear((int) id);
                c.stash[0] = CLOSE;
                c.runLinux(NR_CLOSE, id, 0, 0, 0, 0, 0);
            }
            case "ksem_post" -> {
                if (count >= SEM_VALUE_MAX) {
                    c.emulateError(EOVERFLOW);
                    return;
                }
                NativeBuffer b = c.buffer();
                b.putLong(0, 1);
                if (c.copyOut(c.scratch() + S_COUNT, 0, 8)) {
                    c.runLinux(NR_WRITE, id, c.scratch() + S_COUNT, 8, 0, 0, 0);
                }
            }
            default -> {
                c.stash[0] = READ;
                c.runLinux(NR_READ, id, c.scratch() + S_COUNT, 8, 0, 0, 0);
            }
        }
    }

    private static boolean isKsem(GuestProcess p, long id) {
        return id >= 0 && id <= Integer.MAX_VALUE && p.ksems().get((int) id);
    }

    /** The eventfd's count from /proc/PID/fdinfo/FD, or -1 when fd is not an eventfd. */
    private static long count(GuestProcess p, int fd) {
        try {
            for (String l : Files.readAllLines(Path.of("/proc", Integer.toString(p.pid()), "fdinfo", Integer.toString(fd)),
                StandardCharsets.ISO_8859_1)) {
                if (l.startsWith("eventfd-count:")) {
                    return Long.parseUnsignedLong(l.substring(14).trim(), 16);
                }
            }
        } catch (IOException | RuntimeException e) {
            // not open
        }
        return -1;
    }

    @Override
    public void exit(Call c) {
        GuestProcess p = c.process();
        switch (name) {
            case "ksem_init" -> {
                if (c.stash[0] == CLOSE) {
                    c.returnError(Errno.FREEBSD_EFAULT);
                    return;
                }
                long fd = c.linuxResult();
                NativeBuffer b = c.buffer();
                b.putLong(0, fd);
                if (c.memory().write(c.arg(0), b, 0, 8) != 8) {
                    // ksem_create: the descriptor is closed again when the id cannot be copied out
                    c.stash[0] = CLOSE;
                    c.then(NR_CLOSE, fd, 0, 0, 0, 0, 0);
                    return;
                }
                p.ksems().set((int) fd);
                c.returnValue(0);
            }
            case "ksem_destroy", "ksem_post" -> c.returnValue(0);
            default -> {
                if (c.stash[0] == POLL) {
                    // woken (or the timeout passed): try again
                    c.stash[0] = READ;
                    c.then(NR_READ, c.stash[1], c.scratch() + S_COUNT, 8, 0, 0, 0);
                    return;
                }
                c.returnValue(0);
            }
        }
    }

    @Override
    public void exitFailed(Call c) {
        if (name.equals("ksem_init") && c.stash[0] == CLOSE) {
            c.returnError(Errno.FREEBSD_EFAULT);
            return;
        }
        if (c.stash[0] == READ && c.linuxResult() == -L_EAGAIN) {
            if (name.equals("ksem_trywait")) {
                c.returnError((int) Errno.table().freebsd("EAGAIN"));
                return;
            }
            wait(c);
            return;
        }
        c.returnLinuxError();
    }

    /** The count is 0: ppoll until it is not (ksem_timedwait: until the deadline, then ETIMEDOUT). */
    private void wait(Call c) {
        NativeBuffer b = c.buffer();
        b.zero(0, 8);
        b.putInt(0, (int) c.stash[1]);
        b.putShort(4, POLLIN);
        if (!c.copyOut(c.scratch() + S_POLL, 0, 8)) {
            return;
        }
        long ts = 0;
        if (name.equals("ksem_timedwait") && c.arg(1) != 0) {
            if (!c.copyIn(c.arg(1), 0, 16)) {
                return;
            }
            long deadline = b.getLong(0) * 1_000_000_000L + b.getLong(8);
            java.time.Instant now = java.time.Instant.now();
            long left = deadline - (now.getEpochSecond() * 1_000_000_000L + now.getNano());
            if (left < 0) {
                c.returnError(ETIMEDOUT);
                return;
            }
            b.putLong(16, left / 1_000_000_000L);
            b.putLong(24, left % 1_000_000_000L);
            ts = c.scratch() + S_TS;
            if (!c.copyOut(ts, 16, 16)) {
                return;
            }
        }
        c.stash[0] = POLL;
        c.then(NR_PPOLL, c.scratch() + S_POLL, 1, ts, 0, 0, 0);
    }
}
