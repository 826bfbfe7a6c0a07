package io.xrun.translator.handlers;

import io.xrun.maps.Errno;
import io.xrun.maps.SyscallRow;
import io.xrun.maps.ValueMap;
import io.xrun.translator.convert.IpcConverter;
import io.xrun.translator.core.Call;
import io.xrun.translator.core.SyscallHandler;
import io.xrun.translator.nativeapi.NativeBuffer;

/**
 * shmctl(id, cmd, buf), msgctl(id, cmd, buf) and __semctl(id, num, cmd, union semun *arg)
 * (sys/kern/sysv_shm.c, sysv_msg.c, sysv_sem.c) on Linux's, with the commands renumbered
 * (ipc-cmds.tsv, sem-cmds.tsv) and the structs converted (IpcConverter): IPC_STAT reads the
 * Linux struct into scratch and writes FreeBSD's, IPC_SET the other way. __semctl takes its
 * union semun by pointer, Linux's semctl by value: xrun reads the union for the commands that
 * use it (IPC_STAT, IPC_SET, GETALL, SETALL, SETVAL), as sys___semctl does, and an IPC_STAT
 * result goes out after the kernel call (EFAULT then, as on FreeBSD).
 */
public final class SysvIpcHandler implements SyscallHandler {
    private static final ValueMap IPC_CMDS = ValueMap.load("ipc-cmds.tsv");
    private static final ValueMap SEM_CMDS = ValueMap.load("sem-cmds.tsv");
    private static final long IPC_SET = 1, IPC_STAT = 2;
    /** FreeBSD sys/sys/sem.h: GETALL, SETVAL, SETALL (the commands whose union semun is read). */
    private static final long GETALL = 6, SETVAL = 8, SETALL = 9;
    private static final int F = 0, L = 256;

    private enum Kind { SHM, MSG, SEM }

    private final long linuxNumber;
    private final Kind kind;

    public SysvIpcHandler(SyscallRow row) {
        this.linuxNumber = row.linuxNumber();
        this.kind = row.name().equals("shmctl") ? Kind.SHM : row.name().equals("msgctl") ? Kind.MSG : Kind.SEM;
    }

    private int freebsdSize() {
        return switch (kind) {
            case SHM -> IpcConverter.F_SHMID_SIZE;
            case MSG -> IpcConverter.F_MSQID_SIZE;
            default -> IpcConverter.F_SEMID_SIZE;
        };
    }

    private int linuxSize() {
        return switch (kind) {
            case SHM -> IpcConverter.L_SHMID_SIZE;
            case MSG -> IpcConverter.L_MSQID_SIZE;
            default -> IpcConverter.L_SEMID_SIZE;
        };
    }

    @Override
    public void enter(Call c) {
        boolean sem = kind == Kind.SEM;
        long cmd = c.arg(sem ? 2 : 1) & 0xffffffffL;
        long lcmd = (sem ? SEM_CMDS : IPC_CMDS).toLinux(cmd);
        if (lcmd == ValueMap.NONE) {
            c.emulateError(Errno.FREEBSD_EINVAL);
            return;
        }
        NativeBuffer b = c.buffer();
        long buf = 0;
        long larg = 0;
        if (sem) {
            if (cmd == IPC_STAT || cmd == IPC_SET || cmd == GETALL || cmd == SETALL || cmd == SETVAL) {
                if (!c.copyIn(c.arg(3), F, 8)) {
                    return;
                }
                larg = cmd == SETVAL ? b.getInt(F) : b.getLong(F);
                buf = larg;
            }
        } else {
            buf = c.arg(2);
        }
        c.stash[0] = buf;
        if (cmd == IPC_SET) {
            if (!c.copyIn(buf, F, freebsdSize())) {
                return;
            }
            switch (kind) {
                case SHM -> IpcConverter.shmidToLinux(b, F, L);
                case MSG -> IpcConverter.msqidToLinux(b, F, L);
                default -> IpcConverter.semidToLinux(b, F, L);
            }
            if (!c.copyOut(c.scratch(), L, linuxSize())) {
                return;
            }
            larg = c.scratch();
        } else if (cmd == IPC_STAT) {
            larg = c.scratch();
        } else if (!sem) {
            larg = 0;
        }
        if (sem) {
            c.runLinux(linuxNumber, c.arg(0), c.arg(1), lcmd, larg, 0, 0);
        } else {
            c.runLinux(linuxNumber, c.arg(0), lcmd, larg, 0, 0, 0);
        }
    }

    @Override
    public void exit(Call c) {
        boolean sem = kind == Kind.SEM;
        long cmd = c.arg(sem ? 2 : 1) & 0xffffffffL;
        if (cmd == IPC_STAT) {
            NativeBuffer b = c.buffer();
            if (!c.copyIn(c.scratch(), L, linuxSize())) {
                return;
            }
            switch (kind) {
                case SHM -> IpcConverter.shmidToFreebsd(b, L, F);
                case MSG -> IpcConverter.msqidToFreebsd(b, L, F);
                default -> IpcConverter.semidToFreebsd(b, L, F);
            }
            if (c.copyOut(c.stash[0], F, freebsdSize())) {
                c.returnValue(0);
            }
            return;
        }
        c.returnValue(c.linuxResult());
    }
}
