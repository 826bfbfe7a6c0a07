package io.xrun.translator.handlers.net;

import io.xrun.maps.ConstantTable;
import io.xrun.maps.Errno;
import io.xrun.maps.FlagMap;
import io.xrun.maps.TsvTable;
import io.xrun.maps.ValueMap;

/**
 * The socket constant tables (syscall-maps/tables: socket-*.tsv, sockopt-*.tsv, msg-flags.tsv,
 * poll-events.tsv, cmsg-types.tsv), loaded once; each file names its sources.
 */
final class NetAbi {
    static final ConstantTable DOMAIN_TABLE = ConstantTable.load("socket-domains.tsv");
    static final ValueMap DOMAINS = ValueMap.of(DOMAIN_TABLE);
    static final ValueMap TYPES = ValueMap.load("socket-types.tsv");
    static final ConstantTable SOCK_FLAG_TABLE = ConstantTable.load("socket-flags.tsv");
    static final FlagMap SOCK_FLAGS = FlagMap.of(SOCK_FLAG_TABLE);
    /** SOCK_CLOEXEC|SOCK_NONBLOCK, FreeBSD bits. */
    static final long SOCK_FLAG_BITS = SOCK_FLAG_TABLE.freebsd("SOCK_CLOEXEC") | SOCK_FLAG_TABLE.freebsd("SOCK_NONBLOCK");
    static final ConstantTable LEVEL_TABLE = ConstantTable.load("sockopt-levels.tsv");
    static final ValueMap LEVELS = ValueMap.of(LEVEL_TABLE);
    static final long SOL_SOCKET = LEVEL_TABLE.freebsd("SOL_SOCKET");
    static final long IPPROTO_IP = LEVEL_TABLE.freebsd("IPPROTO_IP");
    static final long IPPROTO_TCP = LEVEL_TABLE.freebsd("IPPROTO_TCP");
    static final long IPPROTO_IPV6 = LEVEL_TABLE.freebsd("IPPROTO_IPV6");
    static final Options SO = new Options("sockopt-socket.tsv");
    static final Options TCP = new Options("sockopt-tcp.tsv");
    static final Options IP = new Options("sockopt-ip.tsv");
    static final Options IPV6 = new Options("sockopt-ipv6.tsv");
    static final ConstantTable MSG_FLAG_TABLE = io.xrun.translator.handlers.Abi.MSG_FLAG_TABLE;
    static final FlagMap MSG_FLAGS = io.xrun.translator.handlers.Abi.MSG_FLAGS;
    static final FlagMap POLL_EVENTS = FlagMap.load("poll-events.tsv");
    static final ValueMap CMSG_TYPES = ValueMap.load("cmsg-types.tsv");

    static final long AF_UNIX = DOMAIN_TABLE.freebsd("AF_UNIX");
    static final long AF_INET = DOMAIN_TABLE.freebsd("AF_INET");
    static final long AF_INET6 = DOMAIN_TABLE.freebsd("AF_INET6");
    static final long LINUX_AF_UNIX = DOMAIN_TABLE.linux("AF_UNIX");
    static final long LINUX_AF_INET = DOMAIN_TABLE.linux("AF_INET");
    static final long LINUX_AF_INET6 = DOMAIN_TABLE.linux("AF_INET6");

    static final int EAFNOSUPPORT = errno("EAFNOSUPPORT");
    static final int EPROTOTYPE = errno("EPROTOTYPE");
    static final int EPROTONOSUPPORT = errno("EPROTONOSUPPORT");
    static final int ENOPROTOOPT = errno("ENOPROTOOPT");
    static final int ENAMETOOLONG = errno("ENAMETOOLONG");
    static final int EINVAL = Errno.FREEBSD_EINVAL;

    private NetAbi() {
    }

    private static int errno(String name) {
        return (int) Errno.table().freebsd(name);
    }

    /** The option table of a FreeBSD level, or null when xrun translates no option of it. */
    static Options options(long level) {
        if (level == SOL_SOCKET) {
            return SO;
        }
        if (level == IPPROTO_TCP) {
            return TCP;
        }
        if (level == IPPROTO_IP) {
            return IP;
        }
        if (level == IPPROTO_IPV6) {
            return IPV6;
        }
        return null;
    }

    /**
     * One level's option names (name/freebsd/linux/get): the Linux name and how getsockopt's
     * value reads back on FreeBSD. Primitive arrays, linear lookup, no allocation.
     */
    static final class Options {
        static final int GET_INT = 0;
        /** An on/off int: FreeBSD reports the value in {@link #onValue} for "on", Linux 1. */
        static final int GET_BIT = 1;
        static final int GET_ERRNO = 2;
        static final int GET_LINGER = 3;
        static final int GET_DOMAIN = 4;

        final String file;
        private final long[] fbsd;
        private final long[] linux;
        private final int[] get;
        private final long[] on;

        Options(String file) {
            this.file = file;
            TsvTable t = TsvTable.load(file);
            int cF = t.column("freebsd");
            int cL = t.column("linux");
            int cG = t.column("get");
            int n = t.rows().size();
            fbsd = new long[n];
            linux = new long[n];
            get = new int[n];
            on = new long[n];
            int i = 0;
            for (String[] r : t.rows()) {
                fbsd[i] = TsvTable.parseNumber(r[cF]);
                Long l = TsvTable.parseNumber(r[cL]);
                linux[i] = l == null ? ValueMap.NONE : l;
                String g = r[cG].trim();
                switch (g) {
                    case "-": case "int": case "timeval": get[i] = GET_INT; break;
                    case "bit": get[i] = GET_BIT; on[i] = fbsd[i]; break;
                    case "errno": get[i] = GET_ERRNO; break;
                    case "linger": get[i] = GET_LINGER; on[i] = fbsd[i]; break;
                    case "domain": get[i] = GET_DOMAIN; break;
                    default: {
                        Long v = TsvTable.parseNumber(g);
                        if (v == null) {
                            throw new IllegalStateException(file + ": bad get column " + g);
                        }
                        get[i] = GET_BIT;
                        on[i] = v;
                    }
                }
                i++;
            }
        }

        /** Row index of a FreeBSD option with a Linux counterpart, or -1. */
        int index(long freebsdName) {
            for (int i = 0; i < fbsd.length; i++) {
                if (fbsd[i] == freebsdName) {
                    return linux[i] == ValueMap.NONE ? -1 : i;
                }
            }
            return -1;
        }

        long linux(int i) {
            return linux[i];
        }

        int get(int i) {
            return get[i];
        }

        long onValue(int i) {
            return on[i];
        }

        /** The FreeBSD option for a Linux one (cmsg types of the IP levels), or NONE. */
        long toFreebsd(long linuxName) {
            for (int i = 0; i < linux.length; i++) {
                if (linux[i] == linuxName) {
                    return fbsd[i];
                }
            }
            return ValueMap.NONE;
        }
    }
}
