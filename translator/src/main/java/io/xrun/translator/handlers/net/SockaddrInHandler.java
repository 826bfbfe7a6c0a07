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
 */
public final class SockaddrInHandler implements SyscallHandler {
    private final long linuxNumber;
    private final int addrArg;
    private final int flagsArg;
    private final int argCount;

    public SockaddrInHandler(SyscallRow row) {
        this.linuxNumber = row.linuxNumber();
        this.addrArg = row.args().indexOf("sockaddr");
        this.flagsArg = row.args().indexOf("msgflags");
        this.argCount = row.args().size();
        if (addrArg < 0 || addrArg + 1 >= argCount) {
            throw new IllegalStateException(row.name() + ": no sockaddr,len arguments in the table");
        }
    }

    @Override
    public void enter(Call c) {
        for (int i = 0; i < argCount; i++) {
            c.linuxArg(i, c.arg(i));
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
            long scratch = c.scratch();
            if (!c.copyOut(scratch, 512, r)) {
                return;
            }
            c.linuxArg(addrArg, scratch);
            c.linuxArg(addrArg + 1, r);
        } else {
            c.linuxArg(addrArg + 1, 0);
        }
        c.runLinux(linuxNumber);
    }

    @Override
    public void exit(Call c) {
        c.returnValue(flagsArg >= 0 ? c.linuxResult() : 0);
    }
}
