package io.xrun.translator.handlers.net;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The host's network interfaces as Linux describes them (the guest shares xrun's network
 * namespace): the input of {@link RouteSysctl}. Read afresh for every net.route sysctl, from
 * /sys/class/net/IF (index, Linux IFF_* flags, MTU, ARPHRD_* type, hardware address),
 * {@link NetworkInterface} (unicast addresses with prefix length and broadcast address) and
 * /proc/net/igmp, igmp6 and dev_mcast (multicast memberships).
 */
public final class HostInterfaces {
    /** One unicast address: 4 or 16 bytes, its prefix length, its broadcast address (4 bytes) or null. */
    public record Addr(byte[] ip, int prefix, byte[] broadcast, int scopeId) {
    }

    /**
     * One interface with Linux's values: {@code linuxFlags} Linux IFF_* bits, {@code arphrd} the
     * ARPHRD_* type, {@code hwaddr} the link-level address (empty when none or all zero),
     * {@code multicast} IP group addresses (4 or 16 bytes), {@code linkMulticast} link-level ones.
     */
    public record Iface(String name, int index, long linuxFlags, int mtu, int arphrd, byte[] hwaddr,
                        List<Addr> addrs, List<byte[]> multicast, List<byte[]> linkMulticast) {
    }

    private static final Path SYS_NET = Path.of("/sys/class/net");

    private HostInterfaces() {
    }

    /** The host's interfaces in index order; an empty list if none can be read. */
    public static List<Iface> read() {
        Map<String, NetworkInterface> java = new HashMap<>();
        try {
            for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                java.put(ni.getName(), ni);
            }
        } catch (SocketException | RuntimeException e) {
            // no addresses then
        }
        Map<Integer, List<byte[]>> mcast = new HashMap<>();
        Map<Integer, List<byte[]>> lmcast = new HashMap<>();
        try {
            multicast(mcast, lmcast);
        } catch (RuntimeException e) {
            // a malformed line: no multicast groups then
        }
        List<Iface> out = new ArrayList<>();
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(SYS_NET)) {
            for (Path p : ds) {
                names.add(p.getFileName().toString());
            }
        } catch (IOException | RuntimeException e) {
            names.addAll(java.keySet());
        }
        for (String name : names) {
            NetworkInterface ni = java.get(name);
            Path d = SYS_NET.resolve(name);
            int index = (int) number(d.resolve("ifindex"), ni == null ? -1 : ni.getIndex());
            if (index <= 0) {
                continue;
            }
            long flags = number(d.resolve("flags"), -1);
            int mtu = (int) number(d.resolve("mtu"), -1);
            int type = (int) number(d.resolve("type"), -1);
            byte[] hw = hwaddr(d.resolve("address"));
            if (ni != null) {
                try {
                    if (flags < 0) {
                        flags = (ni.isUp() ? 0x41 : 0) | (ni.isLoopback() ? 0x8 : 0)
                                | (ni.isPointToPoint() ? 0x10 : 0) | (ni.supportsMulticast() ? 0x1000 : 0);
                    }
                    if (mtu < 0) {
                        mtu = ni.getMTU();
                    }
                    if (hw == null) {
                        hw = ni.getHardwareAddress();
                    }
                } catch (SocketException e) {
                    // keep what sysfs gave
                }
            }
            if (type < 0) {
                type = (flags & 0x8) != 0 ? 772 : 1; // ARPHRD_LOOPBACK : ARPHRD_ETHER
            }
            out.add(new Iface(name, index, Math.max(flags, 0), Math.max(mtu, 0), type, allZero(hw) ? new byte[0] : hw,
                    addrs(ni), mcast.getOrDefault(index, List.of()), lmcast.getOrDefault(index, List.of())));
        }
        out.sort(Comparator.comparingInt(Iface::index));
        return out;
    }

    private static List<Addr> addrs(NetworkInterface ni) {
        if (ni == null) {
            return List.of();
        }
        List<Addr> v4 = new ArrayList<>();
        List<Addr> v6 = new ArrayList<>();
        for (InterfaceAddress ia : ni.getInterfaceAddresses()) {
            byte[] ip = ia.getAddress().getAddress();
            byte[] brd = ia.getBroadcast() == null ? null : ia.getBroadcast().getAddress();
            int scope = ia.getAddress() instanceof Inet6Address a6 ? a6.getScopeId() : 0;
            (ip.length == 4 ? v4 : v6).add(new Addr(ip, ia.getNetworkPrefixLength(), brd, scope));
        }
        // Java lists the newest first; the kernel's order is the order of configuration
        Collections.reverse(v4);
        Collections.reverse(v6);
        v4.addAll(v6);
        return v4;
    }

    /** ifindex -> multicast groups: IPv4 (/proc/net/igmp), IPv6 (igmp6), link level (dev_mcast). */
    private static void multicast(Map<Integer, List<byte[]>> m, Map<Integer, List<byte[]>> link) {
        int index = -1;
        for (String l : lines("/proc/net/igmp")) {
            if (l.isEmpty() || l.startsWith("Idx")) {
                continue;
            }
            String[] f = l.trim().split("\\s+");
            if (!Character.isWhitespace(l.charAt(0))) {
                index = parseInt(f[0]);
            } else if (index > 0 && f[0].length() == 8) {
                // the group as %08X of the __be32 read natively (little-endian on amd64)
                int v = (int) Long.parseLong(f[0], 16);
                m.computeIfAbsent(index, k -> new ArrayList<>()).add(new byte[] {
                        (byte) v, (byte) (v >>> 8), (byte) (v >>> 16), (byte) (v >>> 24)});
            }
        }
        for (String l : lines("/proc/net/igmp6")) {
            String[] f = l.trim().split("\\s+");
            if (f.length >= 3 && f[2].length() == 32) {
                m.computeIfAbsent(parseInt(f[0]), k -> new ArrayList<>()).add(hex(f[2]));
            }
        }
        for (String l : lines("/proc/net/dev_mcast")) {
            String[] f = l.trim().split("\\s+");
            if (f.length >= 5 && f[4].length() % 2 == 0) {
                link.computeIfAbsent(parseInt(f[0]), k -> new ArrayList<>()).add(hex(f[4]));
            }
        }
    }

    private static int parseInt(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static byte[] hex(String s) {
        byte[] b = new byte[s.length() / 2];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) Integer.parseInt(s.substring(2 * i, 2 * i + 2), 16);
        }
        return b;
    }

    private static List<String> lines(String file) {
        try {
            return Files.readAllLines(Path.of(file));
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    private static long number(Path p, long dflt) {
        try {
            String s = Files.readString(p).trim();
            return s.startsWith("0x") ? Long.parseLong(s.substring(2), 16) : Long.parseLong(s);
        } catch (IOException | RuntimeException e) {
            return dflt;
        }
    }

    private static byte[] hwaddr(Path p) {
        try {
            String s = Files.readString(p).trim();
            if (s.isEmpty()) {
                return new byte[0];
            }
            return hex(s.replace(":", ""));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static boolean allZero(byte[] b) {
        if (b == null) {
            return true;
        }
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }
}
