package io.xrun.translator.handlers;

import io.xrun.maps.Errno;
import io.xrun.maps.SyscallRow;
import io.xrun.maps.TsvTable;
import io.xrun.translator.core.Call;
import io.xrun.translator.core.SyscallHandler;
import io.xrun.translator.nativeapi.NativeBuffer;

import java.nio.charset.StandardCharsets;

/**
 * extattr_{get,set,delete,list}_{file,fd,link} on Linux's {get,set,remove,list}xattr,
 * {f,l}*xattr (sys/kern/vfs_extattr.c; extattr(2)). A FreeBSD namespace becomes a Linux name
 * prefix (extattr-namespaces.tsv: user -> "user.", system -> "trusted."); the name is built in
 * scratch. FreeBSD semantics kept:
 * <ul>
 * <li>get and list read "in the style of read(2)": a short buffer gets the first nbytes, not
 * Linux's ERANGE (the value is fetched into scratch and cut); a NULL buffer asks for the size;
 * <li>set returns the bytes written;
 * <li>list returns, for the one namespace asked, entries of a length byte and the name without
 * prefix or NUL, converted from Linux's NUL-separated list of every namespace;
 * <li>an unknown namespace is EPERM (extattr_check_cred); a name of EXTATTR_MAXNAMELEN (255)
 * bytes or more is ENAMETOOLONG (copyinstr); Linux's ENODATA is ENOATTR (errno table).
 * </ul>
 */
public final class ExtattrHandler implements SyscallHandler {
    private static final TsvTable NAMESPACES = TsvTable.load("extattr-namespaces.tsv");
    private static final byte[][] PREFIX = prefixes();
    /** FreeBSD EXTATTR_MAXNAMELEN = NAME_MAX, 255 (sys/sys/extattr.h, sys/sys/syslimits.h). */
    private static final int MAXNAMELEN = 255;
    /** Where, in scratch, a value or list is fetched when the guest's own buffer cannot take it. */
    private static final int DATA_OFF = 512;
    private static final int DATA_MAX = Call.SCRATCH_MAX - DATA_OFF;
    /** Linux ERANGE (asm-generic/errno-base.h). */
    private static final long L_ERANGE = 34;
    /** Step of the chained fetch into scratch after a short buffer's ERANGE. */
    private static final int REFETCH = 1;

    private enum Op { GET, SET, DELETE, LIST }

    private final long linuxNumber;
    private final Op op;

    public ExtattrHandler(SyscallRow row) {
        this.linuxNumber = row.linuxNumber();
        String n = row.name();
        this.op = n.startsWith("extattr_get") ? Op.GET : n.startsWith("extattr_set") ? Op.SET
                : n.startsWith("extattr_delete") ? Op.DELETE : Op.LIST;
    }

    private static byte[][] prefixes() {
        int cNs = NAMESPACES.column("freebsd");
        int cPrefix = NAMESPACES.column("linux_prefix");
        byte[][] p = new byte[8][];
        for (String[] r : NAMESPACES.rows()) {
            p[Integer.parseInt(r[cNs].trim())] = r[cPrefix].trim().getBytes(StandardCharsets.US_ASCII);
        }
        return p;
    }

    private static byte[] prefix(long ns) {
        return ns >= 0 && ns < PREFIX.length ? PREFIX[(int) ns] : null;
    }

    @Override
    public void enter(Call c) {
        byte[] prefix = prefix(c.arg(1));
        if (prefix == null) {
            c.emulateError(Errno.FREEBSD_EPERM);
            return;
        }
        long target = c.arg(0);
        long scratch = c.scratch();
        if (op == Op.LIST) {
            long data = c.arg(2);
            long nbytes = c.arg(3);
            // The Linux list is longer than FreeBSD's: fetch it into the guest's buffer when that
            // is the larger, else into scratch, and convert in place at exit.
            boolean own = data != 0 && nbytes > DATA_MAX;
            c.runLinux(linuxNumber, target, own ? data : scratch + DATA_OFF, own ? nbytes : DATA_MAX, 0, 0, 0);
            return;
        }
        NativeBuffer b = c.buffer();
        b.put(0, prefix, 0, prefix.length);
        long n = c.memory().readCString(c.arg(2), b, prefix.length, MAXNAMELEN);
        if (n < 0) {
            c.emulateError(Errno.FREEBSD_EFAULT);
            return;
        }
        if (n >= MAXNAMELEN) {
            c.emulateError(Errno.FREEBSD_ENAMETOOLONG);
            return;
        }
        int len = prefix.length + (int) n;
        b.putByte(len, (byte) 0);
        if (!c.copyOut(scratch, 0, len + 1)) {
            return;
        }
        switch (op) {
            case SET -> c.runLinux(linuxNumber, target, scratch, c.arg(3), c.arg(4), 0, 0);
            case GET -> c.runLinux(linuxNumber, target, scratch, c.arg(3), c.arg(3) == 0 ? 0 : c.arg(4), 0, 0);
            default -> c.runLinux(linuxNumber, target, scratch, 0, 0, 0, 0);
        }
    }

    @Override
    public void exit(Call c) {
        long r = c.linuxResult();
        switch (op) {
            case SET -> c.returnValue(c.arg(4));
            case DELETE -> c.returnValue(0);
            case GET -> {
                if (c.step() == REFETCH) {
                    // the whole value is in scratch: the guest gets its first nbytes
                    int cut = (int) Math.min(r, c.arg(4));
                    if (c.copyIn(c.scratch() + DATA_OFF, 0, cut) && c.copyOut(c.arg(3), 0, cut)) {
                        c.returnValue(cut);
                    }
                } else {
                    // a NULL buffer asks for the size; a zero-length one reads nothing
                    c.returnValue(c.arg(3) != 0 && c.arg(4) == 0 ? 0 : r);
                }
            }
            default -> list(c, (int) r);
        }
    }

    @Override
    public void exitFailed(Call c) {
        if (op == Op.GET && c.step() == 0 && -c.linuxResult() == L_ERANGE) {
            // a short buffer: read the value into scratch, then hand over its beginning
            c.then(linuxNumber, c.arg(0), c.scratch(), c.scratch() + DATA_OFF, DATA_MAX, 0, 0);
            return;
        }
        c.returnLinuxError();
    }

    /** Linux's "user.a\0trusted.b\0" to FreeBSD's "\1a" for the namespace asked, in place. */
    private static void list(Call c, int linuxLen) {
        long data = c.arg(2);
        long nbytes = c.arg(3);
        boolean own = data != 0 && nbytes > DATA_MAX;
        long from = own ? data : c.scratch() + DATA_OFF;
        if (!c.copyIn(from, 0, linuxLen)) {
            return;
        }
        byte[] prefix = prefix(c.arg(1));
        NativeBuffer b = c.buffer();
        int out = 0;
        int i = 0;
        while (i < linuxLen) {
            int end = i;
            while (end < linuxLen && b.getByte(end) != 0) {
                end++;
            }
            int nameLen = end - i - prefix.length;
            if (nameLen > 0 && hasPrefix(b, i, prefix)) {
                b.putByte(out, (byte) nameLen);
                b.move(i + prefix.length, out + 1, nameLen);
                out += 1 + nameLen;
            }
            i = end + 1;
        }
        if (data == 0) {
            c.returnValue(out);
            return;
        }
        int cut = (int) Math.min(out, nbytes);
        if (c.copyOut(data, 0, cut)) {
            c.returnValue(cut);
        }
    }

    private static boolean hasPrefix(NativeBuffer b, int off, byte[] prefix) {
        for (int k = 0; k < prefix.length; k++) {
            if (b.getByte(off + k) != prefix[k]) {
                return false;
            }
        }
        return true;
    }
}
