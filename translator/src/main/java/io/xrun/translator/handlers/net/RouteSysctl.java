package io.xrun.translator.handlers.net;

import io.xrun.maps.ConstantTable;
import io.xrun.maps.FlagMap;
import io.xrun.maps.ValueMap;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;

/**
 * The messages of FreeBSD's net.route sysctl {CTL_NET, PF_ROUTE, 0, af, op, arg} for the
 * interface dumps, built from a list of {@link HostInterfaces.Iface} as sys/net/rtsock.c
 * sysctl_iflist and sysctl_ifmalist lay them out on amd64 (FreeBSD 11+ structures):
 * <ul>
 * <li>NET_RT_IFLIST / NET_RT_IFLISTL: per interface (arg = its index, or 0 for all) one
 *     RTM_IFINFO (struct if_msghdr, 168 bytes, or if_msghdrl, 176; both with struct if_data,
 *     152) carrying RTA_IFP, the interface's sockaddr_dl; then one RTM_NEWADDR per address of
 *     family af (0 = all) (struct ifa_msghdr, 20 bytes, or ifa_msghdrl, 176) carrying
 *     RTA_NETMASK, RTA_IFA and, for a broadcast address, RTA_BRD.</li>
 * <li>NET_RT_IFMALIST: one RTM_NEWMADDR (struct ifma_msghdr, 16 bytes) per multicast
 *     membership, carrying RTA_GATEWAY (the group's link-level address on Ethernet), RTA_IFP
 *     and RTA_IFA (the group).</li>
 * </ul>
 * Socket addresses follow the header in RTAX order, each padded to a multiple of
 * sizeof(long) (SA_SIZE); IPv6 scopes are in sin6_scope_id, not embedded (V_deembed_scopeid).
 * Per-interface and per-address statistics in if_data are zero. Constants come from
 * route-sysctl.tsv, if-flags.tsv (Linux IFF_* to FreeBSD) and if-types.tsv (ARPHRD_* to IFT_*).
 */
public final class RouteSysctl {
    static final ConstantTable ROUTE = ConstantTable.load("route-sysctl.tsv");
    public static final int CTL_NET = c("CTL_NET");
    public static final int AF_ROUTE = c("AF_ROUTE");
    public static final int NET_RT_IFLIST = c("NET_RT_IFLIST");
    public static final int NET_RT_IFMALIST = c("NET_RT_IFMALIST");
    public static final int NET_RT_IFLISTL = c("NET_RT_IFLISTL");
    /** The route-table dumps xrun does not emulate. */
    public static final int NET_RT_DUMP = c("NET_RT_DUMP"), NET_RT_FLAGS = c("NET_RT_FLAGS"),
            NET_RT_NHOP = c("NET_RT_NHOP"), NET_RT_NHGRP = c("NET_RT_NHGRP");
    static final int AF_LINK = c("AF_LINK");
    static final int RTM_VERSION = c("RTM_VERSION");
    static final int RTM_NEWADDR = c("RTM_NEWADDR");
    static final int RTM_IFINFO = c("RTM_IFINFO");
    static final int RTM_NEWMADDR = c("RTM_NEWMADDR");
    static final int RTA_GATEWAY = c("RTA_GATEWAY");
    static final int RTA_NETMASK = c("RTA_NETMASK");
    static final int RTA_IFP = c("RTA_IFP");
    static final int RTA_IFA = c("RTA_IFA");
    static final int RTA_BRD = c("RTA_BRD");
    static final int LINK_STATE_UNKNOWN = c("LINK_STATE_UNKNOWN");
    static final int LINK_STATE_DOWN = c("LINK_STATE_DOWN");
    static final int LINK_STATE_UP = c("LINK_STATE_UP");
    static final FlagMap IFF = FlagMap.load("if-flags.tsv");
    static final ConstantTable IFT_TABLE = ConstantTable.load("if-types.tsv");
    static final ValueMap IFT = ValueMap.of(IFT_TABLE);
    static final int IFT_OTHER = (int) IFT_TABLE.freebsd("IFT_OTHER");
    static final int IFT_ETHER = (int) IFT_TABLE.freebsd("IFT_ETHER");
    static final int IFT_LOOP = (int) IFT_TABLE.freebsd("IFT_LOOP");
    static final ConstantTable IFF_TABLE = ConstantTable.load("if-flags.tsv");
    /** Linux IFF_LOWER_UP: the carrier is on. */
    static final long LINUX_IFF_LOWER_UP = IFF_TABLE.linux("IFF_LOWER_UP");
    static final int AF_INET = (int) NetAbi.AF_INET;
    static final int AF_INET6 = (int) NetAbi.AF_INET6;

    /** amd64 struct sizes (sys/net/if.h, sys/net/if_dl.h, netinet/in.h, netinet6/in6.h). */
    public static final int IF_MSGHDR = 168, IF_MSGHDRL = 176, IFA_MSGHDR = 20, IFA_MSGHDRL = 176,
            IFMA_MSGHDR = 16, IF_DATA = 152, IF_MSGHDRL_DATA_OFF = 24, IFA_MSGHDRL_DATA_OFF = 24,
            SOCKADDR_DL = 54, SOCKADDR_IN = 16, SOCKADDR_IN6 = 28, LONG = 8;
    /** ifi_hdrlen of an Ethernet interface (ETHER_HDR_LEN). */
    static final int ETHER_HDR_LEN = 14;

    private RouteSysctl() {
    }

    private static int c(String name) {
        return (int) ROUTE.freebsd(name);
    }

    /** SA_SIZE: a sockaddr's space in a routing message (sys/net/route.h). */
    public static int saSize(int saLen) {
        return saLen == 0 ? LONG : (saLen + LONG - 1) & ~(LONG - 1);
    }

    /** The dump for op (NET_RT_IFLIST, NET_RT_IFLISTL or NET_RT_IFMALIST); any other op gives no messages. */
    public static byte[] build(List<HostInterfaces.Iface> ifs, int af, int op, int arg) {
        Out o = new Out();
        for (HostInterfaces.Iface ifc : ifs) {
            if (arg != 0 && arg != ifc.index()) {
                continue;
            }
            if (op == NET_RT_IFLIST || op == NET_RT_IFLISTL) {
                ifinfo(o, ifc, op == NET_RT_IFLISTL);
                for (HostInterfaces.Addr a : ifc.addrs()) {
                    int fam = a.ip().length == 4 ? AF_INET : AF_INET6;
                    if (af == 0 || af == fam) {
                        newaddr(o, ifc, a, op == NET_RT_IFLISTL);
                    }
                }
            } else if (op == NET_RT_IFMALIST) {
                for (byte[] g : ifc.multicast()) {
                    int fam = g.length == 4 ? AF_INET : AF_INET6;
                    if (af == 0 || af == fam) {
                        newmaddr(o, ifc, g, false);
                    }
                }
                if (af == 0 || af == AF_LINK) {
                    for (byte[] g : ifc.linkMulticast()) {
                        newmaddr(o, ifc, g, true);
                    }
                }
            }
        }
        return o.bytes();
    }

    static int iftype(HostInterfaces.Iface ifc) {
        long t = IFT.toFreebsd(ifc.arphrd());
        return t == ValueMap.NONE ? IFT_OTHER : (int) t;
    }

    private static void ifinfo(Out o, HostInterfaces.Iface ifc, boolean l) {
        int hdr = l ? IF_MSGHDRL : IF_MSGHDR;
        int start = o.begin(hdr, RTM_IFINFO, RTA_IFP, (int) IFF.toFreebsd(ifc.linuxFlags()), ifc.index());
        int data = start + (l ? IF_MSGHDRL_DATA_OFF : 16);
        if (l) {
            o.b.putShort(start + 16, (short) IF_MSGHDRL);
            o.b.putShort(start + 18, (short) IF_MSGHDRL_DATA_OFF);
        }
        int type = iftype(ifc);
        o.b.put(data, (byte) type);
        o.b.put(data + 2, (byte) ifc.hwaddr().length);
        o.b.put(data + 3, (byte) (type == IFT_ETHER ? ETHER_HDR_LEN : 0));
        int state = type == IFT_LOOP ? LINK_STATE_UNKNOWN
                : (ifc.linuxFlags() & LINUX_IFF_LOWER_UP) != 0 ? LINK_STATE_UP : LINK_STATE_DOWN;
        o.b.put(data + 4, (byte) state);
        o.b.putShort(data + 6, (short) IF_DATA);
        o.b.putInt(data + 8, ifc.mtu());
        o.pos = start + hdr;
        sockaddrDl(o, ifc, ifc.name(), ifc.hwaddr(), type);
        o.end(start);
    }

    private static void newaddr(Out o, HostInterfaces.Iface ifc, HostInterfaces.Addr a, boolean l) {
        int hdr = l ? IFA_MSGHDRL : IFA_MSGHDR;
        int addrs = RTA_NETMASK | RTA_IFA | (a.broadcast() != null ? RTA_BRD : 0);
        int start = o.begin(hdr, RTM_NEWADDR, addrs, 0, ifc.index());
        if (l) {
            o.b.putShort(start + 16, (short) IFA_MSGHDRL);
            o.b.putShort(start + 18, (short) IFA_MSGHDRL_DATA_OFF);
            o.b.putShort(start + IFA_MSGHDRL_DATA_OFF + 6, (short) IF_DATA);
        }
        // ifam_metric (offset 16, or 20 in the 'l' form) is the interface's metric: 0
        o.pos = start + hdr;
        byte[] mask = new byte[a.ip().length];
        for (int i = 0; i < Math.min(a.prefix(), 8 * mask.length); i++) {
            mask[i / 8] |= (byte) (0x80 >>> (i % 8));
        }
        inet(o, mask, 0);
        inet(o, a.ip(), a.scopeId());
        if (a.broadcast() != null) {
            inet(o, a.broadcast(), 0);
        }
        o.end(start);
    }

    private static void newmaddr(Out o, HostInterfaces.Iface ifc, byte[] group, boolean link) {
        int type = iftype(ifc);
        byte[] lladdr = link || type != IFT_ETHER ? null : etherMulticast(group);
        int addrs = (lladdr != null ? RTA_GATEWAY : 0) | RTA_IFP | RTA_IFA;
        int start = o.begin(IFMA_MSGHDR, RTM_NEWMADDR, addrs, 0, ifc.index());
        o.pos = start + IFMA_MSGHDR;
        if (lladdr != null) {
            sockaddrDl(o, ifc, "", lladdr, type);
        }
        sockaddrDl(o, ifc, ifc.name(), ifc.hwaddr(), type);
        if (link) {
            sockaddrDl(o, ifc, "", group, type);
        } else {
            inet(o, group, 0);
        }
        o.end(start);
    }

    /** The Ethernet address of an IP multicast group (RFC 1112 01:00:5e + 23 bits; RFC 2464 33:33 + 32 bits). */
    static byte[] etherMulticast(byte[] g) {
        if (g.length == 4) {
            return new byte[] {1, 0, 0x5e, (byte) (g[1] & 0x7f), g[2], g[3]};
        }
        return new byte[] {0x33, 0x33, g[12], g[13], g[14], g[15]};
    }

    /** struct sockaddr_dl: at least 54 bytes, name then address (sys/net/if.c if_attach, link_init_sdl). */
    private static void sockaddrDl(Out o, HostInterfaces.Iface ifc, String name, byte[] addr, int type) {
        byte[] n = name.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        int len = Math.max(SOCKADDR_DL, (8 + n.length + addr.length + LONG - 1) & ~(LONG - 1));
        int p = o.reserve(saSize(len));
        o.b.put(p, (byte) len);
        o.b.put(p + 1, (byte) AF_LINK);
        o.b.putShort(p + 2, (short) ifc.index());
        o.b.put(p + 4, (byte) type);
        o.b.put(p + 5, (byte) n.length);
        o.b.put(p + 6, (byte) addr.length);
        o.b.put(p + 7, (byte) 0);
        o.b.put(p + 8, n);
        o.b.put(p + 8 + n.length, addr);
    }

    /** struct sockaddr_in (16 bytes) or sockaddr_in6 (28, padded to 32). */
    private static void inet(Out o, byte[] ip, int scopeId) {
        if (ip.length == 4) {
            int p = o.reserve(saSize(SOCKADDR_IN));
            o.b.put(p, (byte) SOCKADDR_IN);
            o.b.put(p + 1, (byte) AF_INET);
            o.b.put(p + 4, ip);
        } else {
            int p = o.reserve(saSize(SOCKADDR_IN6));
            o.b.put(p, (byte) SOCKADDR_IN6);
            o.b.put(p + 1, (byte) AF_INET6);
            o.b.put(p + 8, ip);
            o.b.putInt(p + 24, scopeId);
        }
    }

    /** A growing little-endian buffer of messages. */
    private static final class Out {
        ByteBuffer b = ByteBuffer.allocate(4096).order(ByteOrder.LITTLE_ENDIAN);
        int pos;

        /** Starts a message: its header zeroed, version, type, addrs, flags and index set. */
        int begin(int hdr, int type, int addrs, int flags, int index) {
            int start = reserve(hdr);
            b.put(start + 2, (byte) RTM_VERSION);
            b.put(start + 3, (byte) type);
            b.putInt(start + 4, addrs);
            b.putInt(start + 8, flags);
            b.putShort(start + 12, (short) index);
            return start;
        }

        /** len zeroed bytes at pos; returns their offset. */
        int reserve(int len) {
            if (pos + len > b.capacity()) {
                ByteBuffer nb = ByteBuffer.allocate(Math.max(2 * b.capacity(), pos + len)).order(ByteOrder.LITTLE_ENDIAN);
                nb.put(0, b, 0, pos);
                b = nb;
            }
            int p = pos;
            pos += len;
            return p;
        }

        void end(int start) {
            b.putShort(start, (short) (pos - start));
        }

        byte[] bytes() {
            return Arrays.copyOf(b.array(), pos);
        }
    }
}
