package io.xrun.translator.handlers;

import io.xrun.maps.ConstantTable;
import io.xrun.maps.Errno;
import io.xrun.maps.LinuxSyscalls;
import io.xrun.maps.SyscallRow;
import io.xrun.translator.core.Call;
import io.xrun.translator.core.SyscallHandler;
import io.xrun.translator.nativeapi.NativeBuffer;

/**
 * FreeBSD sendfile(fd, s, offset, nbytes, hdtr, sbytes, flags) (sys/kern/kern_sendfile.c,
 * sendfile(2)): sends the optional headers, nbytes of file fd from offset (0: to the end of
 * the file), then the optional trailers, to the stream socket s; stores the bytes sent in
 * *sbytes; never moves fd's own offset. Linux's sendfile(out, in, &off, count) does the
 * middle part and writes to anything, so the FreeBSD checks come first, as a chain:
 * <ol>
 *   <li>getsockopt(s, SOL_SOCKET, SO_TYPE): ENOTSOCK for a non-socket; EINVAL unless SOCK_STREAM;</li>
 *   <li>fcntl(fd, F_GETFL): EBADF for a bad descriptor;</li>
 *   <li>writev(s, headers), sendfile(s, fd, &amp;off, n), writev(s, trailers);</li>
 * </ol>
 * An error after some bytes went out still reports them in *sbytes, as FreeBSD does.
 * The flags (SF_NODISKIO, SF_NOCACHE, SF_SYNC, readahead) tune FreeBSD's page cache use only:
 * Linux has no equivalent and the bytes sent are the same, so they are accepted and ignored.
 */
public final class SendfileHandler implements SyscallHandler {
    private static final int GETSOCKOPT = LinuxSyscalls.require("getsockopt");
    private static final int FCNTL = LinuxSyscalls.require("fcntl");
    private static final int WRITEV = LinuxSyscalls.require("writev");
    private static final int SENDFILE = LinuxSyscalls.require("sendfile");
    private static final ConstantTable LEVELS = ConstantTable.load("sockopt-levels.tsv");
    private static final ConstantTable OPTS = ConstantTable.load("sockopt-socket.tsv");
    private static final ConstantTable TYPES = ConstantTable.load("socket-types.tsv");
    private static final long SOL_SOCKET = LEVELS.linux("SOL_SOCKET");
    private static final long SO_TYPE = OPTS.linux("SO_TYPE");
    private static final long SOCK_STREAM = TYPES.linux("SOCK_STREAM");
    /** Linux fcntl F_GETFL (include/uapi/asm-generic/fcntl.h). */
    private static final long F_GETFL = 3;
    /** Linux's largest single transfer (MAX_RW_COUNT): "to the end of the file" for nbytes 0. */
    private static final long TO_EOF = 0x7ffff000L;
    private static final int ENOTSOCK = (int) Errno.table().freebsd("ENOTSOCK");
    private static final long LINUX_EBADF = Errno.table().linux("EBADF");
    /** struct sf_hdtr (sys/sys/socket.h): headers, hdr_cnt, trailers, trl_cnt; iovecs as on Linux. */
    private static final int HDTR_SIZE = 32;
    /** Scratch: off_t for sendfile at 0, SO_TYPE's int at 8, its socklen_t at 16. */
    private static final int S_OFF = 0, S_TYPE = 8, S_LEN = S_TYPE + 8;
    /** Chain steps, kept in stash[0]; stash[1] = bytes sent so far. */
    private static final int CHECK_FD = 1, HEADERS = 2, FILE = 3, TRAILERS = 4;

    public SendfileHandler(SyscallRow row) {
    }

    @Override
    public void enter(Call c) {
        if (c.arg(2) < 0) {
            c.emulateError(Errno.FREEBSD_EINVAL);
            return;
        }
        NativeBuffer b = c.buffer();
        b.putInt(0, 0); // the SO_TYPE value
        b.putInt(8, 4); // its length
        long s = c.scratch();
        if (!c.copyOut(s + S_TYPE, 0, 12)) {
            return;
        }
        c.stash[0] = CHECK_FD;
        c.stash[1] = 0;
        c.runLinux(GETSOCKOPT, c.arg(1), SOL_SOCKET, SO_TYPE, s + S_TYPE, s + S_LEN, 0);
    }

    @Override
    public void exit(Call c) {
        if (c.linuxFailed()) {
            int step = (int) c.stash[0];
            if (step == CHECK_FD) {
                // getsockopt failed: EBADF stays EBADF, anything else means "not a socket"
                if (c.linuxResult() == -LINUX_EBADF) {
                    c.returnLinuxError();
                } else {
                    c.returnError(ENOTSOCK);
                }
                return;
            }
            if (step == HEADERS) {
                c.returnLinuxError(); // fcntl: EBADF
                return;
            }
            storeSbytes(c);
            c.returnLinuxError();
            return;
        }
        long s = c.scratch();
        switch ((int) c.stash[0]) {
            case CHECK_FD -> {
                if (!c.copyIn(s + S_TYPE, 0, 4)) {
                    return;
                }
                if (c.buffer().getInt(0) != SOCK_STREAM) {
                    c.returnError(Errno.FREEBSD_EINVAL);
                    return;
                }
                c.stash[0] = HEADERS;
                c.then(FCNTL, c.arg(0), F_GETFL, 0, 0, 0, 0);
            }
            case HEADERS -> {
                c.stash[0] = FILE;
                if (c.arg(4) != 0) {
                    if (!c.copyIn(c.arg(4), 0, HDTR_SIZE)) {
                        return;
                    }
                    long headers = c.buffer().getLong(0);
                    int count = c.buffer().getInt(8);
                    if (count > 0) {
                        c.then(WRITEV, c.arg(1), headers, count, 0, 0, 0);
                        return;
                    }
                }
                sendFile(c);
            }
            case FILE -> {
                c.stash[1] += c.linuxResult(); // the headers' writev
                sendFile(c);
            }
            case TRAILERS -> {
                c.stash[1] += c.linuxResult();
                if (c.linuxNumber() == SENDFILE && c.arg(4) != 0) {
                    if (!c.copyIn(c.arg(4), 0, HDTR_SIZE)) {
                        return;
                    }
                    long trailers = c.buffer().getLong(16);
                    int count = c.buffer().getInt(24);
                    if (count > 0) {
                        c.then(WRITEV, c.arg(1), trailers, count, 0, 0, 0);
                        return;
                    }
                }
                if (storeSbytes(c)) {
                    c.returnValue(0);
                }
            }
            default -> c.returnError(Errno.FREEBSD_EINVAL);
        }
    }

    private static void sendFile(Call c) {
        NativeBuffer b = c.buffer();
        b.putLong(0, c.arg(2));
        if (!c.copyOut(c.scratch() + S_OFF, 0, 8)) {
            return;
        }
        c.stash[0] = TRAILERS;
        c.then(SENDFILE, c.arg(1), c.arg(0), c.scratch() + S_OFF, c.arg(3) == 0 ? TO_EOF : c.arg(3), 0, 0);
    }

    /** *sbytes = what went out, when asked for; false after an EFAULT was set. */
    private static boolean storeSbytes(Call c) {
        if (c.arg(5) == 0) {
            return true;
        }
        c.buffer().putLong(0, c.stash[1]);
        return c.copyOut(c.arg(5), 0, 8);
    }
}
