package io.xrun.translator.handlers.net;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The net.route interface dumps, parsed back with a parser written from FreeBSD's headers
 * (amd64): sys/net/if.h struct if_msghdr {u_short msglen; u_char version, type; int addrs,
 * flags; u_short index, spare; struct if_data (152)}, if_msghdrl (+ u_short len, data_off;
 * int spare2), ifa_msghdr {.. u_short index, spare; int metric} (20), ifa_msghdrl (176),
 * ifma_msghdr (16); struct if_data {u_char type, physical, addrlen, hdrlen, link_state, vhid;
 * u_short datalen; u_int mtu ...}; sys/net/if_dl.h sockaddr_dl {u_char len, family; u_short
 * index; u_char type, nlen, alen, slen; char data[46]}; sockaddrs follow in RTAX order,
 * each taking SA_SIZE (rounded up to sizeof(long)) bytes (sys/net/route.h, rtsock.c).
 */
class RouteSysctlTest {
    static final byte[] LO4 = {127, 0, 0, 1};
    static final byte[] LO6 = ip6(15, 1);
    static final byte[] ETH4 = {(byte) 192, 0, 2, 2};
    static final byte[] ETH4_BRD = {(byte) 192, 0, 2, (byte) 255};
    static final byte[] LL6 = {(byte) 0xfe, (byte) 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
    static final byte[] MAC = {2, (byte) 0xfc, 0, 0, 0, 1};

    static byte[] ip6(int i, int v) {
        byte[] b = new byte[16];
        b[i] = (byte) v;
        return b;
    }

    /** lo (index 1, up|loopback|running|lower_up) and eth0 (index 4, up|broadcast|multicast|lower_up). */
    static List<HostInterfaces.Iface> fake() {
        HostInterfaces.Iface lo = new HostInterfaces.Iface("lo", 1, 0x1 | 0x8 | 0x40 | 0x10000, 65536, 772,
                new byte[0], List.of(new HostInterfaces.Addr(LO4, 8, null, 0), new HostInterfaces.Addr(LO6, 128, null, 0)),
                List.of(new byte[] {(byte) 224, 0, 0, 1}, ip6(15, 1)), List.of());
        HostInterfaces.Iface eth = new HostInterfaces.Iface("eth0", 4, 0x1 | 0x2 | 0x40 | 0x1000 | 0x10000, 1400, 1,
                MAC, List.of(new HostInterfaces.Addr(ETH4, 24, ETH4_BRD, 0), new HostInterfaces.Addr(LL6, 64, null, 4)),
                List.of(new byte[] {(byte) 224, 0, 0, 1}), List.of(new byte[] {1, 0, 0x5e, 0, 0, 1}));
        return List.of(lo, eth);
    }

    /** One parsed message. */
    record Msg(int len, int version, int type, int addrs, int flags, int index, ByteBuffer raw, List<Sa> sas) {
    }

    /** One parsed sockaddr: its RTAX slot, sa_len, family and the whole sockaddr bytes. */
    record Sa(int rtax, int len, int family, byte[] bytes) {
        int dlIndex() {
            return (bytes[2] & 0xff) | (bytes[3] & 0xff) << 8;
        }

        String dlName() {
            return new String(bytes, 8, bytes[5], StandardCharsets.US_ASCII);
        }

        byte[] dlAddr() {
            return Arrays.copyOfRange(bytes, 8 + bytes[5], 8 + bytes[5] + bytes[6]);
        }

        byte[] inAddr() {
            return family == 2 ? Arrays.copyOfRange(bytes, 4, 8) : Arrays.copyOfRange(bytes, 8, 24);
        }
    }

    /** Parses a dump; bodyOff(type) gives where the sockaddrs start. */
    static List<Msg> parse(byte[] dump, boolean l) {
        ByteBuffer b = ByteBuffer.wrap(dump).order(ByteOrder.LITTLE_ENDIAN);
        List<Msg> out = new ArrayList<>();
        int p = 0;
        while (p < dump.length) {
            int len = b.getShort(p) & 0xffff;
            assertTrue(len >= 16 && p + len <= dump.length, "message length " + len + " at " + p);
            assertEquals(0, len % 4, "message length keeps 4-byte alignment");
            int type = b.get(p + 3);
            int body;
            if (type == 0xe) {
                body = l ? b.getShort(p + 16) & 0xffff : 168;
            } else if (type == 0xc) {
                body = l ? b.getShort(p + 16) & 0xffff : 20;
            } else {
                body = 16;
            }
            int addrs = b.getInt(p + 4);
            List<Sa> sas = new ArrayList<>();
            int q = p + body;
            for (int i = 0; i < 8; i++) {
                if ((addrs & (1 << i)) == 0) {
                    continue;
                }
                int salen = dump[q] & 0xff;
                int space = salen == 0 ? 8 : (salen + 7) & ~7;
                sas.add(new Sa(i, salen, dump[q + 1] & 0xff, Arrays.copyOfRange(dump, q, q + salen)));
                q += space;
            }
            assertEquals(p + len, q, "sockaddrs fill the message exactly");
            out.add(new Msg(len, dump[p + 2], type, addrs, b.getInt(p + 8), b.getShort(p + 12) & 0xffff,
                    ByteBuffer.wrap(dump, p, len).slice().order(ByteOrder.LITTLE_ENDIAN), sas));
            p += len;
        }
        return out;
    }

    static Sa sa(Msg m, int rtax) {
        for (Sa s : m.sas()) {
            if (s.rtax() == rtax) {
                return s;
            }
        }
        return null;
    }

    @Test
    void iflistHasInfoThenAddressesPerInterface() {
        List<Msg> ms = parse(RouteSysctl.build(fake(), 0, 3, 0), false);
        assertEquals(6, ms.size());
        int[] types = ms.stream().mapToInt(Msg::type).toArray();
        assertArrayEquals(new int[] {0xe, 0xc, 0xc, 0xe, 0xc, 0xc}, types);
        for (Msg m : ms) {
            assertEquals(5, m.version(), "RTM_VERSION");
        }
        Msg lo = ms.get(0);
        assertEquals(1, lo.index());
        assertEquals(0x10, lo.addrs(), "RTA_IFP only");
        assertEquals(0x1 | 0x8 | 0x40, lo.flags(), "FreeBSD IFF_UP|IFF_LOOPBACK|IFF_RUNNING; LOWER_UP dropped");
        assertEquals(168 + 56, lo.len(), "if_msghdr + SA_SIZE(sockaddr_dl of 54)");
        ByteBuffer d = lo.raw().slice(16, 152).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(24, d.get(0), "ifi_type IFT_LOOP");
        assertEquals(0, d.get(2), "ifi_addrlen");
        assertEquals(0, d.get(4), "ifi_link_state LINK_STATE_UNKNOWN for loopback");
        assertEquals(152, d.getShort(6), "ifi_datalen");
        assertEquals(65536, d.getInt(8), "ifi_mtu");
        Sa dl = sa(lo, 4);
        assertEquals(54, dl.len());
        assertEquals(18, dl.family(), "AF_LINK");
        assertEquals(1, dl.dlIndex());
        assertEquals(24, dl.bytes()[4], "sdl_type");
        assertEquals("lo", dl.dlName());
        assertEquals(0, dl.dlAddr().length);

        Msg a4 = ms.get(1);
        assertEquals(1, a4.index());
        assertEquals(0x4 | 0x20, a4.addrs(), "RTA_NETMASK|RTA_IFA");
        assertEquals(20 + 16 + 16, a4.len());
        assertEquals(16, sa(a4, 2).len());
        assertEquals(2, sa(a4, 2).family(), "the netmask carries the address's family (rtsock_fix_netmask)");
        assertArrayEquals(new byte[] {(byte) 255, 0, 0, 0}, sa(a4, 2).inAddr());
        assertArrayEquals(LO4, sa(a4, 5).inAddr());
        Msg a6 = ms.get(2);
        assertEquals(20 + 32 + 32, a6.len(), "sockaddr_in6 is 28, padded to 32");
        assertEquals(28, sa(a6, 5).len());
        assertEquals(28, sa(a6, 5).family(), "AF_INET6");
        assertArrayEquals(LO6, sa(a6, 5).inAddr());
        byte[] all = new byte[16];
        Arrays.fill(all, (byte) 0xff);
        assertArrayEquals(all, sa(a6, 2).inAddr());

        Msg eth = ms.get(3);
        assertEquals(4, eth.index());
        assertEquals(0x1 | 0x2 | 0x40 | 0x8000, eth.flags(), "Linux IFF_MULTICAST 0x1000 is FreeBSD 0x8000");
        ByteBuffer ed = eth.raw().slice(16, 152).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(6, ed.get(0), "IFT_ETHER");
        assertEquals(6, ed.get(2));
        assertEquals(14, ed.get(3), "ifi_hdrlen");
        assertEquals(2, ed.get(4), "LINK_STATE_UP");
        assertEquals(1400, ed.getInt(8));
        Sa edl = sa(eth, 4);
        assertEquals("eth0", edl.dlName());
        assertArrayEquals(MAC, edl.dlAddr());
        Msg e4 = ms.get(4);
        assertEquals(0x4 | 0x20 | 0x80, e4.addrs(), "with RTA_BRD");
        assertArrayEquals(new byte[] {(byte) 255, (byte) 255, (byte) 255, 0}, sa(e4, 2).inAddr());
        assertArrayEquals(ETH4_BRD, sa(e4, 7).inAddr());
        Msg e6 = ms.get(5);
        assertEquals(4, ByteBuffer.wrap(sa(e6, 5).bytes()).order(ByteOrder.LITTLE_ENDIAN).getInt(24), "sin6_scope_id");
        assertArrayEquals(LL6, sa(e6, 5).inAddr(), "scope not embedded");
    }

    @Test
    void iflistlCarriesItsOwnLengths() {
        List<Msg> ms = parse(RouteSysctl.build(fake(), 0, 5, 0), true);
        assertEquals(6, ms.size());
        Msg lo = ms.get(0);
        assertEquals(176, lo.raw().getShort(16), "ifm_len");
        assertEquals(24, lo.raw().getShort(18), "ifm_data_off");
        assertEquals(152, lo.raw().getShort(24 + 6), "ifi_datalen");
        assertEquals(65536, lo.raw().getInt(24 + 8), "ifi_mtu");
        assertEquals(176 + 56, lo.len());
        Msg a4 = ms.get(1);
        assertEquals(176, a4.raw().getShort(16), "ifam_len");
        assertEquals(24, a4.raw().getShort(18), "ifam_data_off");
        assertEquals(152, a4.raw().getShort(24 + 6), "ifam_data.ifi_datalen");
        assertEquals(176 + 32, a4.len());
        assertArrayEquals(LO4, sa(a4, 5).inAddr());
    }

    @Test
    void familyAndIndexFilter() {
        List<Msg> ms = parse(RouteSysctl.build(fake(), 28, 3, 0), false);
        assertArrayEquals(new int[] {0xe, 0xc, 0xe, 0xc}, ms.stream().mapToInt(Msg::type).toArray(),
                "every interface, only its AF_INET6 addresses");
        ms = parse(RouteSysctl.build(fake(), 0, 3, 4), false);
        assertEquals(3, ms.size());
        for (Msg m : ms) {
            assertEquals(4, m.index());
        }
        assertEquals(0, RouteSysctl.build(fake(), 0, 3, 99).length, "no such index: no messages");
        assertEquals(0, RouteSysctl.build(fake(), 0, 42, 0).length, "unknown op: no messages");
    }

    @Test
    void ifmalist() {
        List<Msg> ms = parse(RouteSysctl.build(fake(), 0, 4, 0), false);
        assertEquals(4, ms.size(), "lo: 2 groups; eth0: 1 IP group and 1 link-level group");
        for (Msg m : ms) {
            assertEquals(0xf, m.type(), "RTM_NEWMADDR");
            assertEquals(0, m.flags());
        }
        Msg lo4 = ms.get(0);
        assertEquals(1, lo4.index());
        assertEquals(0x10 | 0x20, lo4.addrs(), "RTA_IFP|RTA_IFA: no link-level mapping on loopback");
        assertEquals("lo", sa(lo4, 4).dlName());
        assertArrayEquals(new byte[] {(byte) 224, 0, 0, 1}, sa(lo4, 5).inAddr());
        assertArrayEquals(ip6(15, 1), sa(ms.get(1), 5).inAddr());
        Msg e4 = ms.get(2);
        assertEquals(0x2 | 0x10 | 0x20, e4.addrs(), "RTA_GATEWAY carries the Ethernet group address");
        Sa gw = sa(e4, 1);
        assertEquals(18, gw.family());
        assertArrayEquals(new byte[] {1, 0, 0x5e, 0, 0, 1}, gw.dlAddr());
        assertEquals(0, gw.bytes()[5], "no name");
        Msg el = ms.get(3);
        assertEquals(0x10 | 0x20, el.addrs());
        assertEquals(18, sa(el, 5).family());
        assertArrayEquals(new byte[] {1, 0, 0x5e, 0, 0, 1}, sa(el, 5).dlAddr());
        assertNull(sa(el, 1));
        assertEquals(0, parse(RouteSysctl.build(fake(), 2, 4, 1), false).stream()
                .filter(m -> sa(m, 5).family() != 2).count(), "af filter");
    }

    @Test
    void etherMulticastMapping() {
        assertArrayEquals(new byte[] {1, 0, 0x5e, 0x7f, 1, 2},
                RouteSysctl.etherMulticast(new byte[] {(byte) 239, (byte) 0xff, 1, 2}));
        byte[] g = ip6(15, 1);
        g[0] = (byte) 0xff;
        g[1] = 2;
        g[12] = (byte) 0xff;
        assertArrayEquals(new byte[] {0x33, 0x33, (byte) 0xff, 0, 0, 1}, RouteSysctl.etherMulticast(g));
    }
}
