package io.xrun.translator.handlers.net;

import io.xrun.maps.SyscallRow;
import io.xrun.translator.core.Call;
import io.xrun.translator.core.SyscallHandler;
import io.xrun.translator.nativeapi.NativeBuffer;

/**
 * Calls that return a sockaddr through (addr, *addrlen): accept, accept4, getsockname,
 * getpeername and recvfrom. Linux writes a Linux sockaddr into guest scratch; at exit it becomes
 * FreeBSD's (sa_len set) and is copied out as FreeBSD's kernel does it
 * (sys/kern/uipc_syscalls.c kern_accept4, user_getsockname/getpeername, kern_recvit):
 * len = MIN(*addrlen, sa_len) bytes are copied and *addrlen becomes that len, the length
 * actually copied (not the full length, as Linux reports). accept4's flags go through
 * socket-flags.tsv (only SOCK_CLOEXEC and SOCK_NONBLOCK: anything else is EINVAL); recvfrom's
 * through msg-flags.tsv. The 4.3BSD forms (oaccept, ogetsockname, ogetpeername, orecvfrom) are
 * the same for an ELF program: FreeBSD writes the old struct osockaddr (16-bit sa_family, no
 * sa_len) only for a.out processes (uipc_syscalls.c: "compat && SV_PROC_FLAG(td->td_proc,
 * SV_AOUT)"), and amd64 has none.
 */
public final class SockaddrOutHandler implements SyscallHandler {
    private static final int SCRATCH_LEN = 256;
    private final long linuxNumber;
    private final int addrArg;
    private final int lenArg;
    private final int msgFlagsArg;
    private final int sockFlagsArg;
    private final int argCount;
    private final boolean returnsValue;

    public SockaddrOutHandler(SyscallRow row) {
        this.linuxNumber = row.linuxNumber();
        this.addrArg = row.args().indexOf("sockaddrout");
        this.lenArg = row.args().indexOf("socklenp");
        this.msgFlagsArg = row.args().indexOf("msgflags");
        this.sockFlagsArg = row.args().indexOf("sockflags");
        this.argCount = row.args().size();
        this.returnsValue = !row.result().equals("int");
        if (addrArg < 0 || lenArg < 0) {
            throw new IllegalStateException(row.name() + ": no sockaddrout,socklenp arguments in the table");
        }
    }

    @Override
    public void enter(Call c) {
        for (int i = 0; i < argCount; i++) {
            c.linuxArg(i, c.arg(i));
        }
        if (msgFlagsArg >= 0) {
            c.linuxArg(msgFlagsArg, NetAbi.MSG_FLAGS.toLinux(c.intArg(msgFlagsArg) & 0xffffffffL));
        }
        if (sockFlagsArg >= 0) {
            long f = c.intArg(sockFlagsArg) & 0xffffffffL;
            if ((f & ~NetAbi.SOCK_FLAG_BITS) != 0) {
                c.emulateError(NetAbi.EINVAL);
                return;
            }
            c.linuxArg(sockFlagsArg, NetAbi.SOCK_FLAGS.toLinux(f));
        }
        long addr = c.arg(addrArg);
        if (addr == 0) {
            c.linuxArg(lenArg, 0);
        } else {
            long scratch = c.scratch();
            NativeBuffer b = c.buffer();
            if (!c.copyIn(c.arg(lenArg), 0, 4)) {
                return;
            }
            c.stash[0] = b.getInt(0) & 0xffffffffL;
            b.putInt(0, SockaddrConverter.LINUX_MAX);
            if (!c.copyOut(scratch + SCRATCH_LEN, 0, 4)) {
                return;
            }
            c.linuxArg(addrArg, scratch);
            c.linuxArg(lenArg, scratch + SCRATCH_LEN);
        }
        c.runLinux(linuxNumber);
    }

    @Override
    public void exit(Call c) {
        long addr = c.arg(addrArg);
        if (addr != 0) {
            long scratch = c.scratch();
            NativeBuffer b = c.buffer();
            if (!c.copyIn(scratch, 0, SockaddrConverter.LINUX_MAX) || !c.copyIn(scratch + SCRATCH_LEN, 512, 4)) {
                return;
            }
            int linuxLen = Math.min(b.getInt(512), SockaddrConverter.LINUX_MAX);
            int flen = SockaddrConverter.toFreebsd(b, 0, linuxLen, 256);
            int len = (int) Math.min(c.stash[0], flen);
            if (len > 0 && !c.copyOut(addr, 256, len)) {
                return;
            }
            b.putInt(512, len);
            if (!c.copyOut(c.arg(lenArg), 512, 4)) {
                return;
            }
        }
        c.returnValue(returnsValue ? c.linuxResult() : 0);
    }
}
