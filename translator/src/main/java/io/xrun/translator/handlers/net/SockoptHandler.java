package io.xrun.translator.handlers.net;

import io.xrun.maps.Errno;
import io.xrun.maps.SyscallRow;
import io.xrun.maps.ValueMap;
import io.xrun.translator.core.Call;
import io.xrun.translator.core.SyscallHandler;
import io.xrun.translator.nativeapi.NativeBuffer;

/**
 * setsockopt(s, level, name, val, valsize) and getsockopt(s, level, name, val, avalsize): the
 * level through sockopt-levels.tsv, the name through that level's table (sockopt-socket.tsv,
 * sockopt-tcp.tsv, sockopt-ip.tsv, sockopt-ipv6.tsv); an option with no Linux counterpart is
 * ENOPROTOOPT, as FreeBSD answers for an option a level does not know; an unknown level is
 * EINVAL (sys/netinet/ip_output.c ip_ctloutput, sys/kern/uipc_usrreq.c uipc_ctloutput). The values translated
 * share their layout (int, struct linger, struct timeval, ip_mreq...), so the guest's buffers
 * are handed to Linux as they are; getsockopt then rewrites what FreeBSD reports differently
 * (the table's get column): on/off options read back as the option's bit (sogetopt: so_options &
 * name; TCP_NODELAY: t_flags & TF_NODELAY), SO_ERROR's errno and SO_DOMAIN's family translated.
 */
public final class SockoptHandler implements SyscallHandler {
    private final long linuxNumber;
    private final boolean get;

    public SockoptHandler(SyscallRow row) {
        this.linuxNumber = row.linuxNumber();
        this.get = row.name().equals("getsockopt");
    }

    @Override
    public void enter(Call c) {
        long level = c.intArg(1);
        if (NetAbi.LEVELS.toLinux(level) == ValueMap.NONE) {
            // a level no protocol of the socket knows: ip_ctloutput/ip6_ctloutput/uipc_ctloutput say EINVAL
            c.emulateError(NetAbi.EINVAL);
            return;
        }
        NetAbi.Options opts = NetAbi.options(level);
        int idx = opts == null ? -1 : opts.index(c.intArg(2));
        if (idx < 0) {
            c.emulateError(NetAbi.ENOPROTOOPT);
            return;
        }
        c.stash[0] = opts.get(idx);
        c.stash[1] = opts.onValue(idx);
        c.linuxArg(0, c.arg(0));
        c.linuxArg(1, NetAbi.LEVELS.toLinux(level));
        c.linuxArg(2, opts.linux(idx));
        c.linuxArg(3, c.arg(3));
        c.linuxArg(4, get ? c.arg(4) : c.arg(4) & 0xffffffffL);
        c.runLinux(linuxNumber);
    }

    @Override
    public void exit(Call c) {
        int kind = (int) c.stash[0];
        long val = c.arg(3);
        if (get && kind != NetAbi.Options.GET_INT && val != 0) {
            NativeBuffer b = c.buffer();
            if (!c.copyIn(c.arg(4), 0, 4)) {
                return;
            }
            if (b.getInt(0) >= 4) {
                if (!c.copyIn(val, 8, 4)) {
                    return;
                }
                int v = b.getInt(8);
                switch (kind) {
                    case NetAbi.Options.GET_BIT:
                    case NetAbi.Options.GET_LINGER:
                        v = v != 0 ? (int) c.stash[1] : 0;
                        break;
                    case NetAbi.Options.GET_ERRNO:
                        v = v > 0 ? Errno.toFreebsd(v) : v;
                        break;
                    case NetAbi.Options.GET_DOMAIN: {
                        long f = NetAbi.DOMAINS.toFreebsd(v);
                        v = f == ValueMap.NONE ? v : (int) f;
                        break;
                    }
                    default:
                        break;
                }
                b.putInt(8, v);
                if (!c.copyOut(val, 8, 4)) {
                    return;
                }
            }
        }
        c.returnValue(0);
    }
}
