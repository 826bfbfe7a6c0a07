package io.xrun.translator.handlers.net;

import io.xrun.maps.SyscallRow;
import io.xrun.translator.core.Call;
import io.xrun.translator.core.SyscallHandler;
import io.xrun.translator.nativeapi.NativeBuffer;

/**
 * Calls that hand the kernel a sockaddr: connect(s, name, namelen), bind(s, name, namelen) and
 * sendto(s, buf, len, flags, to, tolen). The FreeBSD sockaddr (sa_len, sa_family bytes) is
 * converted into guest scratch memory (Linux u16 family); sendto's flags go through msg-flags.tsv.
 * A NULL address passes as NULL (sendto on a connected socket).
 *
 * <p>bindat(fd, s, name, namelen) and connectat (uipc_syscalls.c kern_bindat/kern_connectat):
 * with fd AT_FDCWD they are bind and connect. Otherwise only AF_UNIX resolves a path relative
 * to fd (uipc_usrreq.c uipc_bindat/uipc_connectat); every other family is EOPNOTSUPP
 * (pr_bindat_notsupp). A relative sun_path becomes "/proc/self/fd/FD/PATH", which Linux
 * resolves through the descriptor's directory; fd is checked first with fcntl(F_GETFD) (EBADF).
 * Limits: the rewritten path must fit Linux's 108-byte sun_path (else ENAMETOOLONG), and
 * /proc must be mounted.
 */
public final class SockaddrInHandler implements SyscallHandler {
    private final long linuxNumber;
    private final int addrArg;
    private final int flagsArg;
    private final int argCount;
    /** bindat/connectat: a directory descriptor before the socket. */
    private final boolean at;
    private static final long AT_FDCWD = -100; // sys/sys/fcntl.h, include/uapi/linux/fcntl.h
    private static final int LINUX_SUN_PATH = 108; // include/uapi/linux/un.h UNIX_PATH_MAX
    private static final int NR_FCNTL = io.xrun.maps.LinuxSyscalls.require("fcntl");
    private static final long L_F_GETFD = io.xrun.translator.handlers.Abi.FCNTL_TABLE.linux("F_GETFD");
    private static final int EOPNOTSUPP = (int) io.xrun.maps.Errno.table().freebsd("EOPNOTSUPP");

    public SockaddrInHandler(SyscallRow row) {
        this.linuxNumber = row.linuxNumber();
        this.addrArg = row.args().indexOf("sockaddr");
        this.flagsArg = row.args().indexOf("msgflags");
        this.argCount = row.args().size();
        this.at = row.name().endsWith("at");
        if (addrArg < 0 || addrArg + 1 >= argCount) {
            throw new IllegalStateException(row.name() + ": no sockaddr,len arguments in the table");
        }
    }

    @Override
    public void enter(Call c) {
        long dirfd = at ? c.intArg(0) : AT_FDCWD;
        if (dirfd != AT_FDCWD && !c.hasPreludeResult()) {
            c.linuxArg(0, dirfd);
            c.linuxArg(1, L_F_GETFD);
            c.prelude(NR_FCNTL);
            return;
        }
        if (dirfd != AT_FDCWD && c.preludeResult() < 0) {
            c.emulateError(io.xrun.maps.Errno.toFreebsd((int) -c.preludeResult()));
            return;
        }
        int shift = at ? 1 : 0;
        for (int i = shift; i < argCount; i++) {
            c.linuxArg(i - shift, c.arg(i));
        }
        if (flagsArg >= 0) {
            c.linuxArg(flagsArg, NetAbi.MSG_FLAGS.toLinux(c.intArg(flagsArg) & 0xffffffffL));
        }
        long addr = c.arg(addrArg);
        int len = c.intArg(addrArg + 1);
        if (addr != 0 || flagsArg < 0) {
            if (len < 0 || len > SockaddrConverter.FREEBSD_MAX) {
                c.emulateError(NetAbi.ENAMETOOLONG);
                return;
            }
            if (len < 2) {
                c.emulateError(NetAbi.EINVAL);
                return;
            }
            NativeBuffer b = c.buffer();
            if (!c.copyIn(addr, 0, len)) {
                return;
            }
            int r = SockaddrConverter.toLinux(b, 0, len, 512);
            if (r < 0) {
                c.emulateError(-r);
                return;
            }
            if (dirfd != AT_FDCWD) {
                if ((b.getShort(512) & 0xffff) != NetAbi.LINUX_AF_UNIX) {
                    c.emulateError(EOPNOTSUPP);
                    return;
                }
                r = relativeTo(b, r, dirfd);
                if (r < 0) {
                    c.emulateError(NetAbi.ENAMETOOLONG);
                    return;
                }
            }
            long scratch = c.scratch();
            if (!c.copyOut(scratch, 512, r)) {
                return;
            }
            c.linuxArg(addrArg - shift, scratch);
            c.linuxArg(addrArg - shift + 1, r);
        } else {
            c.linuxArg(addrArg - shift + 1, 0);
        }
        c.runLinux(linuxNumber);
    }

    @Override
    public void exit(Call c) {
        c.returnValue(flagsArg >= 0 ? c.linuxResult() : 0);
    }

    /**
     * Rewrites the Linux sockaddr_un at 512 (r bytes) so a relative path names the same file
     * through /proc/self/fd/DIRFD/; returns the new length, or -1 when it does not fit.
     */
    private static int relativeTo(NativeBuffer b, int r, long dirfd) {
        int pathLen = 0;
        while (514 + pathLen < 512 + r && b.getByte(514 + pathLen) != 0) {
            pathLen++;
        }
        if (pathLen == 0 || b.getByte(514) == '/') {
            return r;
        }
        byte[] path = new byte[pathLen];
        for (int i = 0; i < pathLen; i++) {
            path[i] = b.getByte(514 + i);
        }
        int n = b.putCString(514, "/proc/self/fd/" + dirfd + "/") - 1;
        if (n + pathLen + 1 > LINUX_SUN_PATH) {
            return -1;
        }
        b.put(514 + n, path, 0, pathLen);
        b.putByte(514 + n + pathLen, (byte) 0);
        return 2 + n + pathLen + 1;
    }
}
