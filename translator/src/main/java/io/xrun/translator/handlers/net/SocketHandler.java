package io.xrun.translator.handlers.net;

import io.xrun.maps.SyscallRow;
import io.xrun.maps.ValueMap;
import io.xrun.translator.core.Call;
import io.xrun.translator.core.SyscallHandler;

/**
 * socket(domain, type, protocol) and socketpair(domain, type, protocol, rsv): the family through
 * socket-domains.tsv, the type through socket-types.tsv and its SOCK_CLOEXEC/SOCK_NONBLOCK bits
 * through socket-flags.tsv. Errors follow FreeBSD's socreate (sys/kern/uipc_socket.c): an unknown
 * family is EAFNOSUPPORT, an unknown type EPROTOTYPE (protocol 0) or EPROTONOSUPPORT.
 */
public final class SocketHandler implements SyscallHandler {
    private final long linuxNumber;
    private final int argCount;

    public SocketHandler(SyscallRow row) {
        this.linuxNumber = row.linuxNumber();
        this.argCount = row.args().size();
    }

    @Override
    public void enter(Call c) {
        long domain = NetAbi.DOMAINS.toLinux(c.intArg(0));
        if (domain == ValueMap.NONE) {
            c.emulateError(NetAbi.EAFNOSUPPORT);
            return;
        }
        long type = c.intArg(1) & 0xffffffffL;
        long flags = type & NetAbi.SOCK_FLAG_BITS;
        long ltype = NetAbi.TYPES.toLinux(type & ~NetAbi.SOCK_FLAG_BITS);
        if (ltype == ValueMap.NONE) {
            c.emulateError(c.intArg(2) == 0 ? NetAbi.EPROTOTYPE : NetAbi.EPROTONOSUPPORT);
            return;
        }
        c.linuxArg(0, domain);
        c.linuxArg(1, ltype | NetAbi.SOCK_FLAGS.toLinux(flags));
        c.linuxArg(2, c.intArg(2));
        if (argCount > 3) {
            c.linuxArg(3, c.arg(3));
        }
        c.runLinux(linuxNumber);
    }

    @Override
    public void exit(Call c) {
        c.returnValue(argCount > 3 ? 0 : c.linuxResult());
    }
}
