package io.xrun.translator.handlers;

import io.xrun.maps.TsvTable;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The sysctl MIBs xrun answers, from sysctl.tsv (FreeBSD sys/sys/sysctl.h numbering). Host
 * facts (CPU count, memory, hostname...) are computed once here, at start-up, so answering a
 * sysctl reads no file and allocates nothing; per-process values (kern.proc.pathname,
 * kern.usrstack, kern.ps_strings) come from the process at call time.
 */
public final class SysctlTree {
    /** sysctl(9) CTLTYPE_* kinds as oidfmt reports them (sys/sys/sysctl.h). */
    static final int CTLTYPE_NODE = 1, CTLTYPE_INT = 2, CTLTYPE_STRING = 3, CTLTYPE_OPAQUE = 5,
            CTLTYPE_UINT = 6, CTLTYPE_LONG = 7, CTLTYPE_ULONG = 8;
    static final int CTLFLAG_RD = 0x80000000;

    /** What a node's value is made of at call time. */
    enum Dynamic { NONE, PATHNAME, USRSTACK, PS_STRINGS, ARANDOM, ROUTETABLE }

    static final class Node {
        final String name;
        final byte[] nameBytes;
        final int[] oid;
        final String type;
        final int kind;
        final String format;
        final byte[] value;
        final Dynamic dynamic;

        Node(String name, int[] oid, String type, byte[] value, Dynamic dynamic) {
            this.name = name;
            this.nameBytes = name.getBytes(StandardCharsets.US_ASCII);
            this.oid = oid;
            this.type = type;
            this.value = value;
            this.dynamic = dynamic;
            switch (type) {
                case "node": kind = CTLTYPE_NODE; format = "N"; break;
                case "string": kind = CTLTYPE_STRING; format = "A"; break;
                case "int": kind = CTLTYPE_INT; format = "I"; break;
                case "uint": kind = CTLTYPE_UINT; format = "IU"; break;
                case "long": kind = CTLTYPE_LONG; format = "L"; break;
                case "ulong": kind = CTLTYPE_ULONG; format = "LU"; break;
                default: kind = CTLTYPE_OPAQUE; format = "S"; break;
            }
        }

        boolean isNode() {
            return kind == CTLTYPE_NODE;
        }
    }

    final List<Node> nodes = new ArrayList<>();

    public SysctlTree() {
        TsvTable t = TsvTable.load("sysctl.tsv");
        int cName = t.column("name");
        int cOid = t.column("oid");
        int cType = t.column("type");
        int cValue = t.column("value");
        for (String[] r : t.rows()) {
            String[] parts = r[cOid].trim().split("\\.");
            int[] oid = new int[parts.length];
            for (int i = 0; i < parts.length; i++) {
                oid[i] = TsvTable.parseNumber(parts[i]).intValue();
            }
            String type = r[cType].trim();
            String v = r[cValue].trim();
            Dynamic dyn = Dynamic.NONE;
            byte[] bytes = null;
            switch (v) {
                case "$pathname": dyn = Dynamic.PATHNAME; break;
                case "$usrstack": dyn = Dynamic.USRSTACK; break;
                case "$ps_strings": dyn = Dynamic.PS_STRINGS; break;
                case "$arandom": dyn = Dynamic.ARANDOM; break;
                case "$routetable": dyn = Dynamic.ROUTETABLE; break;
                case "$clockrate": bytes = clockinfo(); break;
                default: bytes = type.equals("node") || v.equals("-") ? new byte[0] : encode(type, resolve(v));
            }
            nodes.add(new Node(r[cName].trim(), oid, type, bytes, dyn));
        }
    }

    /** The fixed value of the named MIB (a string with its NUL), or null. */
    byte[] valueOf(String name) {
        for (Node n : nodes) {
            if (n.name.equals(name) && n.dynamic == Dynamic.NONE) {
                return n.value;
            }
        }
        return null;
    }

    Node byOid(int[] mib, int len) {
        for (Node n : nodes) {
            if (n.oid.length == len) {
                boolean eq = true;
                for (int i = 0; i < len && eq; i++) {
                    eq = n.oid[i] == mib[i];
                }
                if (eq) {
                    return n;
                }
            }
        }
        return null;
    }

    /** The node whose OID is a proper prefix of mib (kern.proc.pathname.PID, net.routetable.*), or null. */
    Node byOidPrefix(int[] mib, int len) {
        for (Node n : nodes) {
            if (n.oid.length < len && (n.dynamic == Dynamic.PATHNAME || n.dynamic == Dynamic.ROUTETABLE)) {
                boolean eq = true;
                for (int i = 0; i < n.oid.length && eq; i++) {
                    eq = n.oid[i] == mib[i];
                }
                if (eq) {
                    return n;
                }
            }
        }
        return null;
    }

    Node byName(io.xrun.translator.nativeapi.NativeBuffer b, int off, int len) {
        for (Node n : nodes) {
            if (n.nameBytes.length == len) {
                boolean eq = true;
                for (int i = 0; i < len && eq; i++) {
                    eq = n.nameBytes[i] == b.getByte(off + i);
                }
                if (eq) {
                    return n;
                }
            }
        }
        return null;
    }

    /** The node after mib in depth-first OID order (the {0,2} "next" query), or null. */
    Node next(int[] mib, int len) {
        Node best = null;
        for (Node n : nodes) {
            if (!n.isNode() && compare(n.oid, n.oid.length, mib, len) > 0
                    && (best == null || compare(n.oid, n.oid.length, best.oid, best.oid.length) < 0)) {
                best = n;
            }
        }
        return best;
    }

    private static int compare(int[] a, int alen, int[] b, int blen) {
        for (int i = 0; i < Math.min(alen, blen); i++) {
            if (a[i] != b[i]) {
                return Integer.compareUnsigned(a[i], b[i]);
            }
        }
        return Integer.compare(alen, blen);
    }

    private static byte[] encode(String type, String v) {
        ByteBuffer b;
        switch (type) {
            case "string": {
                byte[] s = v.getBytes(StandardCharsets.UTF_8);
                byte[] z = new byte[s.length + 1];
                System.arraycopy(s, 0, z, 0, s.length);
                return z;
            }
            case "int":
            case "uint":
                b = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
                b.putInt((int) Long.parseLong(v));
                return b.array();
            case "long":
            case "ulong":
                b = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
                b.putLong(Long.parseLong(v));
                return b.array();
            default: {
                // opaque: a comma-separated list of longs (hw.pagesizes, kern.boottime)
                String[] parts = v.isEmpty() ? new String[0] : v.split(",");
                b = ByteBuffer.allocate(8 * parts.length).order(ByteOrder.LITTLE_ENDIAN);
                for (String p : parts) {
                    b.putLong(Long.parseLong(p.trim()));
                }
                return b.array();
            }
        }
    }

    /** Host facts for the $keys of sysctl.tsv, computed once. */
    private static String resolve(String v) {
        if (!v.startsWith("$")) {
            return v;
        }
        switch (v) {
            case "$hostname": return read("/proc/sys/kernel/hostname", "localhost");
            case "$ncpu": return Integer.toString(Runtime.getRuntime().availableProcessors());
            case "$physmem":
            case "$realmem": return Long.toString(memTotal());
            case "$usermem": return Long.toString(memTotal());
            case "$pagesize": return "4096";
            case "$pagesizes": return "4096,2097152,1073741824";
            case "$boottime": return bootTime() + ",0";
            case "$version": return "FreeBSD " + FREEBSD_RELEASE + " (xrun on Linux " + read("/proc/sys/kernel/osrelease", "?") + ")\n";
            case "$maxfiles":
            case "$maxfilesperproc": return read("/proc/sys/fs/nr_open", "1048576");
            case "$hostid": return "0";
            default: throw new IllegalStateException("sysctl.tsv: unknown dynamic value " + v);
        }
    }

    /** struct clockinfo {int hz, tick, spare, stathz, profhz} (sys/sys/time.h) for a 1000 Hz clock. */
    private static byte[] clockinfo() {
        ByteBuffer b = ByteBuffer.allocate(20).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(1000).putInt(1000).putInt(0).putInt(1000).putInt(1000);
        return b.array();
    }

    /** The release xrun presents; kern.osrelease in sysctl.tsv must agree. */
    static final String FREEBSD_RELEASE = "14.1-RELEASE";

    private static String read(String file, String dflt) {
        try {
            return Files.readString(Path.of(file)).trim();
        } catch (IOException e) {
            return dflt;
        }
    }

    private static long memTotal() {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (l.startsWith("MemTotal:")) {
                    return Long.parseLong(l.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // fall through
        }
        return 0;
    }

    private static long bootTime() {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/stat"))) {
                if (l.startsWith("btime ")) {
                    return Long.parseLong(l.substring(6).trim());
                }
            }
        } catch (IOException | RuntimeException e) {
            // fall through
        }
        return 0;
    }
}
