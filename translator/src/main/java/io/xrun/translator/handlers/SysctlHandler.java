package io.xrun.translator.handlers;

import io.xrun.maps.Errno;
import io.xrun.maps.LinuxSyscalls;
import io.xrun.maps.SyscallRow;
import io.xrun.translator.core.Call;
import io.xrun.translator.core.SyscallHandler;
import io.xrun.translator.handlers.net.HostInterfaces;
import io.xrun.translator.handlers.net.RouteSysctl;
import io.xrun.translator.nativeapi.Native;
import io.xrun.translator.nativeapi.NativeBuffer;

/**
 * __sysctl(name, namelen, old, oldlenp, new, newlen) and __sysctlbyname(name, namelen, old,
 * oldlenp, new, newlen), answered from {@link SysctlTree} the way sys/kern/kern_sysctl.c does:
 * a NULL old pointer asks for the size; a short buffer gets the bytes that fit, *oldlenp set
 * to them, and ENOMEM; every MIB here is read-only (EPERM on a write); an unknown MIB is
 * ENOENT, an interior node EISDIR. The meta-OIDs {0,1} name, {0,2} next, {0,3} name2oid and
 * {0,4} oidfmt are supported, as libc's sysctlnametomib and Go's syscall package use them.
 */
public final class SysctlHandler implements SyscallHandler {
    private static final int CTL_MAXNAME = 24;
    private static final int EISDIR = Errno.FREEBSD_EISDIR;
    private static final int ENOMEM = Errno.FREEBSD_ENOMEM;
    private static final int ENOTDIR = (int) Errno.table().freebsd("ENOTDIR");
    private static final int EOPNOTSUPP = (int) Errno.table().freebsd("EOPNOTSUPP");
    /** kern.arandom returns at most this many bytes per call (kern_mib.c sysctl_kern_arnd). */
    private static final int ARND_MAX = 256;
    private static final long NR_GETRANDOM = LinuxSyscalls.require("getrandom");
    // staging areas in the shared buffer
    private static final int MIB = 0;         // up to 24 ints
    private static final int NAME = 128;      // names up to 1024 bytes
    private static final int OUT = 2048;      // the value to copy out
    private static final int OUT_MAX = 8192;

    private static SysctlTree tree;

    private final boolean byName;
    private final int[] mib = new int[CTL_MAXNAME];

    public SysctlHandler(SyscallRow row) {
        this.byName = row.name().equals("__sysctlbyname");
        sharedTree();
    }

    /** The MIB tree, built once (the old calls that are sysctls underneath read it too). */
    static synchronized SysctlTree sharedTree() {
        if (tree == null) {
            tree = new SysctlTree();
        }
        return tree;
    }

    @Override
    public void enter(Call c) {
        int err = byName ? byName(c) : byMib(c);
        if (err > 0) {
            c.emulateError(err);
        } else {
            c.emulate(0);
        }
    }

    private int byName(Call c) {
        long namelen = c.arg(1);
        if (namelen <= 0 || namelen > 1024) {
            return Errno.FREEBSD_EINVAL;
        }
        NativeBuffer b = c.buffer();
        if (c.memory().read(c.arg(0), b, NAME, (int) namelen) != namelen) {
            return Errno.FREEBSD_EFAULT;
        }
        int len = b.strlen(NAME, (int) namelen);
        SysctlTree.Node n = tree.byName(b, NAME, len);
        if (n == null) {
            return Errno.FREEBSD_ENOENT;
        }
        System.arraycopy(n.oid, 0, mib, 0, n.oid.length);
        int mlen = n.oid.length;
        if (n.dynamic == SysctlTree.Dynamic.PATHNAME) {
            // by name, kern.proc.pathname means the calling process
            mib[mlen++] = -1;
        }
        return value(c, n, mlen, c.arg(2), c.arg(3), c.arg(4), c.arg(5));
    }

    private int byMib(Call c) {
        long namelen = c.arg(1);
        if (namelen < 2 || namelen > CTL_MAXNAME) {
            return Errno.FREEBSD_EINVAL;
        }
        NativeBuffer b = c.buffer();
        if (c.memory().read(c.arg(0), b, MIB, (int) namelen * 4) != namelen * 4) {
            return Errno.FREEBSD_EFAULT;
        }
        int len = (int) namelen;
        for (int i = 0; i < len; i++) {
            mib[i] = b.getInt(MIB + 4 * i);
        }
        long oldp = c.arg(2);
        long oldlenp = c.arg(3);
        long newp = c.arg(4);
        long newlen = c.arg(5);
        if (mib[0] == 0) {
            return meta(c, len, oldp, oldlenp, newp, newlen);
        }
        SysctlTree.Node n = tree.byOid(mib, len);
        if (n == null) {
            n = tree.byOidPrefix(mib, len);
        }
        if (n == null) {
            return Errno.FREEBSD_ENOENT;
        }
        return value(c, n, len, oldp, oldlenp, newp, newlen);
    }

    /** The sysctl meta-OIDs under {0,...} (kern_sysctl.c sysctl_sysctl_name/next/name2oid/oidfmt). */
    private int meta(Call c, int len, long oldp, long oldlenp, long newp, long newlen) {
        NativeBuffer b = c.buffer();
        switch (mib[1]) {
            case 3: { // name2oid: new = the name; old = the OID
                if (newp == 0 || newlen <= 0 || newlen > 1024) {
                    return Errno.FREEBSD_ENOENT;
                }
                if (c.memory().read(newp, b, NAME, (int) newlen) != newlen) {
                    return Errno.FREEBSD_EFAULT;
                }
                SysctlTree.Node n = tree.byName(b, NAME, b.strlen(NAME, (int) newlen));
                if (n == null) {
                    return Errno.FREEBSD_ENOENT;
                }
                for (int i = 0; i < n.oid.length; i++) {
                    b.putInt(OUT + 4 * i, n.oid[i]);
                }
                return copyOut(c, OUT, 4 * n.oid.length, oldp, oldlenp, true);
            }
            case 4: { // oidfmt: u_int kind, then the format string
                SysctlTree.Node n = tree.byOid(tail(len), len - 2);
                if (n == null) {
                    return Errno.FREEBSD_ENOENT;
                }
                b.putInt(OUT, n.kind | SysctlTree.CTLFLAG_RD);
                int l = b.putCString(OUT + 4, n.format);
                return copyOut(c, OUT, 4 + l, oldp, oldlenp, true);
            }
            case 1: { // name: the dotted name of an OID
                SysctlTree.Node n = tree.byOid(tail(len), len - 2);
                if (n == null) {
                    return Errno.FREEBSD_ENOENT;
                }
                int l = b.putCString(OUT, n.name);
                return copyOut(c, OUT, l, oldp, oldlenp, true);
            }
            case 2: { // next: the OID of the next leaf
                SysctlTree.Node n = tree.next(tail(len), len - 2);
                if (n == null) {
                    return Errno.FREEBSD_ENOENT;
                }
                for (int i = 0; i < n.oid.length; i++) {
                    b.putInt(OUT + 4 * i, n.oid[i]);
                }
                return copyOut(c, OUT, 4 * n.oid.length, oldp, oldlenp, true);
            }
            default:
                return Errno.FREEBSD_ENOENT;
        }
    }

    private int[] tail(int len) {
        for (int i = 2; i < len; i++) {
            mib[i - 2] = mib[i];
        }
        return mib;
    }

    private int value(Call c, SysctlTree.Node n, int len, long oldp, long oldlenp, long newp, long newlen) {
        if (n.isNode()) {
            return EISDIR;
        }
        if (newp != 0 && newlen != 0) {
            return Errno.FREEBSD_EPERM;
        }
        NativeBuffer b = c.buffer();
        int size;
        switch (n.dynamic) {
            case PATHNAME: {
                int pid = len > n.oid.length ? mib[n.oid.length] : -1;
                if (pid != -1 && pid != c.process().guestPid()) {
                    return 3; // ESRCH: only the calling process's own path is known here
                }
                byte[] p = c.process().execPathBytes();
                b.put(OUT, p, 0, p.length);
                b.putByte(OUT + p.length, (byte) 0);
                size = p.length + 1;
                break;
            }
            case USRSTACK:
                b.putLong(OUT, c.process().usrStack());
                size = 8;
                break;
            case PS_STRINGS:
                b.putLong(OUT, c.process().psStrings());
                size = 8;
                break;
            case ROUTETABLE:
                return routeTable(c, len, oldp, oldlenp);
            case ARANDOM: {
                long want = 0;
                if (oldlenp != 0) {
                    if (c.memory().read(oldlenp, b, OUT, 8) != 8) {
                        return Errno.FREEBSD_EFAULT;
                    }
                    want = b.getLong(OUT);
                }
                size = (int) Math.min(Math.max(want, 0), ARND_MAX);
                if (oldp != 0 && size > 0) {
                    Native.LIBC.syscall(NR_GETRANDOM, b.address() + OUT, size, 0, 0, 0, 0);
                }
                return copyOut(c, OUT, size, oldp, oldlenp, false);
            }
            default:
                b.put(OUT, n.value, 0, Math.min(n.value.length, OUT_MAX));
                size = n.value.length;
        }
        return copyOut(c, OUT, size, oldp, oldlenp, true);
    }

    /**
     * net.routetable.0.AF.OP.ARG (sys/net/rtsock.c sysctl_rtsock): the interface dumps, built
     * afresh from the host's interfaces. Fewer than three names after the protocol is EISDIR,
     * more ENOTDIR; the route-table dumps are not emulated (EOPNOTSUPP); another op gives no
     * messages, as the kernel's switch does.
     */
    private int routeTable(Call c, int len, long oldp, long oldlenp) {
        if (len < 6) {
            return EISDIR;
        }
        if (len > 6) {
            return ENOTDIR;
        }
        int af = mib[3] & 0xff;
        int op = mib[4];
        byte[] dump;
        if (op == RouteSysctl.NET_RT_IFLIST || op == RouteSysctl.NET_RT_IFLISTL || op == RouteSysctl.NET_RT_IFMALIST) {
            dump = RouteSysctl.build(HostInterfaces.read(), af, op, mib[5]);
        } else if (op == RouteSysctl.NET_RT_DUMP || op == RouteSysctl.NET_RT_FLAGS
                || op == RouteSysctl.NET_RT_NHOP || op == RouteSysctl.NET_RT_NHGRP) {
            return EOPNOTSUPP;
        } else {
            dump = new byte[0];
        }
        return copyOut(c, dump, 0, dump.length, oldp, oldlenp, true);
    }

    /** kern_sysctl.c semantics for the old value; returns 0 or a FreeBSD errno. */
    private static int copyOut(Call c, int off, int size, long oldp, long oldlenp, boolean enomemWhenShort) {
        return copyOut(c, null, off, size, oldp, oldlenp, enomemWhenShort);
    }

    /**
     * The same for a value in the shared buffer at off (src null) or in src (copied through the
     * buffer at OUT, piece by piece: a dump may be larger than the buffer).
     */
    private static int copyOut(Call c, byte[] src, int off, int size, long oldp, long oldlenp, boolean enomemWhenShort) {
        NativeBuffer b = c.buffer();
        long oldlen = 0;
        if (oldlenp != 0) {
            if (c.memory().read(oldlenp, b, 0, 8) != 8) {
                return Errno.FREEBSD_EFAULT;
            }
            oldlen = b.getLong(0);
        }
        long reported = size;
        int err = 0;
        if (oldp != 0) {
            int n = (int) Math.min(size, Math.max(oldlen, 0));
            if (src == null) {
                if (n > 0 && c.memory().write(oldp, b, off, n) != n) {
                    return Errno.FREEBSD_EFAULT;
                }
            } else {
                for (int done = 0; done < n; ) {
                    int chunk = Math.min(n - done, b.size() - OUT);
                    b.put(OUT, src, off + done, chunk);
                    if (c.memory().write(oldp + done, b, OUT, chunk) != chunk) {
                        return Errno.FREEBSD_EFAULT;
                    }
                    done += chunk;
                }
            }
            if (n < size) {
                reported = n;
                err = enomemWhenShort ? ENOMEM : 0;
            }
        }
        if (oldlenp != 0) {
            b.putLong(0, reported);
            if (c.memory().write(oldlenp, b, 0, 8) != 8) {
                return Errno.FREEBSD_EFAULT;
            }
        }
        return err;
    }
}
