package io.xrun.translator.handlers;

import io.xrun.maps.Errno;
import io.xrun.maps.LinuxSyscalls;
import io.xrun.maps.SyscallRow;
import io.xrun.translator.convert.StatfsConverter;
import io.xrun.translator.core.Call;
import io.xrun.translator.core.SyscallHandler;
import io.xrun.translator.nativeapi.NativeBuffer;

import java.util.List;

/**
 * getfsstat(buf, bufsize, mode) and freebsd11_getfsstat (sys/kern/vfs_syscalls.c
 * sys_getfsstat, kern_getfsstat): the mounts are the lines of /proc/PID/mountinfo, as the
 * process sees them (read by the supervisor at entry). mode other than MNT_WAIT (1) or
 * MNT_NOWAIT (2) and a negative bufsize are EINVAL; a NULL buf or a zero bufsize asks for the
 * count; otherwise min(count, bufsize / sizeof(struct statfs)) entries are filled and that
 * number is returned. Each entry is a chain step: a Linux statfs of the mount point into guest
 * scratch memory. A mount point that cannot be reached (hidden under another mount's
 * directory, or not searchable) still gets its entry, from mountinfo alone: names and the
 * ro/nosuid/noexec/noatime/sync options, zero counts (what FreeBSD's MNT_NOWAIT cache would
 * hold before the first statfs). A mount point covered by a later mount reports the statistics
 * of the covering one. MNT_WAIT and MNT_NOWAIT behave alike: every entry is fresh.
 * freebsd11_getfsstat sizes the buffer in struct freebsd11_statfs units (FreeBSD 14's code
 * divides by sizeof(struct ostatfs), the FreeBSD 4 struct, and can write past the buffer).
 */
public final class GetfsstatHandler implements SyscallHandler {
    private static final int STATFS = LinuxSyscalls.require("statfs");
    /** sys/sys/mount.h */
    private static final int MNT_WAIT = 1, MNT_NOWAIT = 2;
    /** Scratch layout: Linux statfs at 0, the mount point path at 128. */
    private static final int S_PATH = 128;
    private static final int MAX_PATH = Call.SCRATCH_MAX - S_PATH - 1;
    /** Staging buffer: Linux statfs at 0, FreeBSD struct at 1024, path at 4096. */
    private static final int B_OUT = 1024, B_PATH = 4096;

    /** The mount list of the call in progress on one thread (kept in Call#ext). */
    private static final class Program {
        List<Mounts.Mount> mounts;
        int n;
        boolean hideFsid;
    }

    private final boolean v11;
    /** freebsd4_getfsstat: struct ostatfs entries (count = bufsize / sizeof(struct ostatfs)). */
    private final boolean v4;
    private final int size;

    public GetfsstatHandler(SyscallRow row) {
        this.v11 = row.args().get(0).equals("statfs11");
        this.v4 = row.args().get(0).equals("ostatfs");
        this.size = v11 ? StatfsConverter.FREEBSD11_SIZE : v4 ? StatfsConverter.OSTATFS_SIZE : StatfsConverter.FREEBSD_SIZE;
    }

    @Override
    public void enter(Call c) {
        int mode = c.intArg(2);
        long bufsize = c.arg(1);
        if ((mode != MNT_WAIT && mode != MNT_NOWAIT) || bufsize < 0) {
            c.emulateError(Errno.FREEBSD_EINVAL);
            return;
        }
        List<Mounts.Mount> mounts = Mounts.read(c.process().pid());
        if (c.arg(0) == 0 || bufsize == 0) {
            c.emulate(mounts.size());
            return;
        }
        int n = (int) Math.min(mounts.size(), bufsize / size);
        if (n == 0) {
            c.emulate(0);
            return;
        }
        Program p;
        if (c.ext instanceof Program q) {
            p = q;
        } else {
            p = new Program();
            c.ext = p;
        }
        p.mounts = mounts;
        p.n = n;
        p.hideFsid = Mounts.euid(c.process().pid()) != 0;
        if (!putPath(c, mounts.get(0))) {
            return;
        }
        c.linuxArg(0, c.scratch() + S_PATH);
        c.linuxArg(1, c.scratch());
        c.runLinux(STATFS);
    }

    @Override
    public void exit(Call c) {
        entry(c, true);
    }

    @Override
    public void exitFailed(Call c) {
        entry(c, false);
    }

    private void entry(Call c, boolean ok) {
        Program p = (Program) c.ext;
        int i = c.step();
        Mounts.Mount m = p.mounts.get(i);
        NativeBuffer b = c.buffer();
        if (ok) {
            if (!c.copyIn(c.scratch(), 0, StatfsConverter.LINUX_SIZE)) {
                return;
            }
        } else {
            fromOptions(b, m);
        }
        StatfsHandler.convert(b, 0, B_OUT, v11, m, p.hideFsid);
        int out = B_OUT;
        if (v4) {
            StatfsConverter.toOstatfs(b, B_OUT, StatfsHandler.B_OSTATFS);
            out = StatfsHandler.B_OSTATFS;
        }
        if (!c.copyOut(c.arg(0) + (long) i * size, out, size)) {
            p.mounts = null;
            return;
        }
        c.returnValue(p.n);
        if (i + 1 < p.n) {
            if (putPath(c, p.mounts.get(i + 1))) {
                c.then(STATFS, c.scratch() + S_PATH, c.scratch(), 0, 0, 0, 0);
            }
        } else {
            p.mounts = null;
        }
    }

    /** Writes the mount point into scratch (an over-long one becomes "", which fails: ENOENT). */
    private static boolean putPath(Call c, Mounts.Mount m) {
        NativeBuffer b = c.buffer();
        byte[] path = m.mountPoint().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        int len = path.length <= MAX_PATH ? path.length : 0;
        b.put(B_PATH, path, 0, len);
        b.putByte(B_PATH + len, (byte) 0);
        return c.copyOut(c.scratch() + S_PATH, B_PATH, len + 1);
    }

    /** A Linux statfs with only the flags of the mount's options (the mount point was unreachable). */
    private static void fromOptions(NativeBuffer b, Mounts.Mount m) {
        b.zero(0, StatfsConverter.LINUX_SIZE);
        long f = 0;
        String[][] options = {{"ro", "MNT_RDONLY"}, {"nosuid", "MNT_NOSUID"}, {"noexec", "MNT_NOEXEC"},
            {"sync", "MNT_SYNCHRONOUS"}, {"noatime", "MNT_NOATIME"}, {"nosymfollow", "MNT_NOSYMFOLLOW"}};
        for (String[] o : options) {
            if (m.hasOption(o[0])) {
                f |= StatfsConverter.FLAG_TABLE.linux(o[1]); // the Linux ST_* bit statfs would give
            }
        }
        b.putLong(StatfsConverter.L_FLAGS, f);
    }
}
