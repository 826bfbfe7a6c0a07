package io.xrun.translator.handlers;

import io.xrun.maps.Errno;
import io.xrun.maps.LinuxSyscalls;
import io.xrun.maps.SyscallRow;
import io.xrun.maps.ValueMap;
import io.xrun.translator.core.Call;
import io.xrun.translator.core.SyscallHandler;
import io.xrun.translator.nativeapi.NativeBuffer;

/**
 * fcntl(fd, cmd, arg): commands renumbered through fcntl-cmds.tsv; F_GETFL/F_SETFL status
 * flags through open-flags.tsv; FreeBSD's F_DUP2FD(_CLOEXEC) become dup2/dup3; record locks
 * convert struct flock (FreeBSD sys/sys/fcntl.h: l_start, l_len, l_pid, l_type, l_whence,
 * l_sysid; Linux: l_type, l_whence, l_start, l_len, l_pid) and the l_type values.
 *
 * <p>FreeBSD pipes are bidirectional: both ends are open FREAD|FWRITE (sys/kern/sys_pipe.c
 * kern_pipe), so F_GETFL reports O_RDWR for them. A prelude fstat tells an anonymous pipe
 * (Linux pipefs) from a named FIFO, whose access mode is its own.
 */
public final class FcntlHandler implements SyscallHandler {
    private static final long NR_FCNTL = LinuxSyscalls.require("fcntl");
    private static final long NR_DUP2 = LinuxSyscalls.require("dup2");
    private static final long NR_DUP3 = LinuxSyscalls.require("dup3");
    private static final long F_DUP2FD = Abi.FCNTL_TABLE.freebsd("F_DUP2FD");
    private static final long F_DUP2FD_CLOEXEC = Abi.FCNTL_TABLE.freebsd("F_DUP2FD_CLOEXEC");
    private static final long F_GETFL = Abi.FCNTL_TABLE.freebsd("F_GETFL");
    private static final long F_SETFL = Abi.FCNTL_TABLE.freebsd("F_SETFL");
    private static final long F_GETLK = Abi.FCNTL_TABLE.freebsd("F_GETLK");
    private static final long F_SETLK = Abi.FCNTL_TABLE.freebsd("F_SETLK");
    private static final long F_SETLKW = Abi.FCNTL_TABLE.freebsd("F_SETLKW");
    private static final long O_CLOEXEC_LINUX = Abi.OPEN_FLAG_TABLE.linux("O_CLOEXEC");
    private static final ValueMap LOCK_TYPES = ValueMap.load("flock-types.tsv");
    private static final long NR_FSTAT = LinuxSyscalls.require("fstat");
    /** S_IFMT / S_IFIFO (the same on both: sys/sys/stat.h, linux/stat.h). */
    private static final int S_IFMT = 0170000;
    private static final int S_IFIFO = 0010000;
    private static final long O_ACCMODE = 3;
    private static final long O_RDWR = Abi.OPEN_FLAG_TABLE.freebsd("O_RDWR");

    public FcntlHandler(SyscallRow row) {
    }

    @Override
    public void enter(Call c) {
        long fd = c.arg(0);
        long cmd = c.arg(1);
        long arg = c.arg(2);
        c.stash[0] = cmd;
        if (cmd == F_DUP2FD || cmd == F_DUP2FD_CLOEXEC) {
            c.linuxArg(0, fd);
            c.linuxArg(1, arg);
            if (cmd == F_DUP2FD_CLOEXEC && fd != arg) {
                c.linuxArg(2, O_CLOEXEC_LINUX);
                c.runLinux(NR_DUP3);
            } else {
                c.runLinux(NR_DUP2);
            }
            return;
        }
        long lcmd = Abi.FCNTL_CMDS.toLinux(cmd);
        if (lcmd == ValueMap.NONE) {
            c.emulateError(Errno.FREEBSD_EINVAL);
            return;
        }
        c.stash[1] = 0;
        if (cmd == F_GETFL) {
            if (!c.hasPreludeResult()) {
                c.linuxArg(0, fd);
                c.linuxArg(1, c.scratch());
                c.prelude(NR_FSTAT);
                return;
            }
            NativeBuffer b = c.buffer();
            if (c.preludeResult() == 0 && c.memory().read(c.scratch(), b, 0, 32) == 32
                    && (b.getInt(24) & S_IFMT) == S_IFIFO && b.getLong(0) == HostFacts.pipefsDev()) {
                c.stash[1] = 1;
            }
        }
        if (cmd == F_SETFL) {
            arg = Abi.OPEN_FLAGS.toLinux(arg);
        } else if (cmd == F_GETLK || cmd == F_SETLK || cmd == F_SETLKW) {
            long scratch = c.scratch();
            NativeBuffer b = c.buffer();
            if (!c.copyIn(arg, 0, 32)) {
                return;
            }
            long type = LOCK_TYPES.toLinux(b.getShort(20));
            if (type == ValueMap.NONE) {
                c.emulateError(Errno.FREEBSD_EINVAL);
                return;
            }
            b.zero(32, 32);
            b.putShort(32, (short) type);
            b.putShort(34, b.getShort(22));        // l_whence: SEEK_* agree
            b.putLong(40, b.getLong(0));            // l_start
            b.putLong(48, b.getLong(8));            // l_len
            b.putInt(56, b.getInt(16));             // l_pid
            if (!c.copyOut(scratch, 32, 32)) {
                return;
            }
            arg = scratch;
        }
        c.linuxArg(0, fd);
        c.linuxArg(1, lcmd);
        c.linuxArg(2, arg);
        c.runLinux(NR_FCNTL);
    }

    @Override
    public void exit(Call c) {
        long cmd = c.stash[0];
        if (cmd == F_GETFL) {
            long fl = Abi.OPEN_FLAGS.toFreebsd(c.linuxResult());
            if (c.stash[1] == 1) {
                fl = (fl & ~O_ACCMODE) | O_RDWR;
            }
            c.returnValue(fl);
            return;
        }
        if (cmd == F_GETLK) {
            NativeBuffer b = c.buffer();
            if (!c.copyIn(c.scratch(), 32, 32)) {
                return;
            }
            b.putShort(20, (short) LOCK_TYPES.toFreebsd(b.getShort(32)));
            b.putShort(22, b.getShort(34));
            b.putLong(0, b.getLong(40));
            b.putLong(8, b.getLong(48));
            b.putInt(16, b.getInt(56));
            if (!c.copyOut(c.arg(2), 0, 32)) {
                return;
            }
        }
        c.returnValue(c.linuxResult());
    }
}
