package io.xrun.translator.handlers;

import io.xrun.maps.Errno;
import io.xrun.maps.LinuxSyscalls;
import io.xrun.maps.SyscallRow;
import io.xrun.maps.TsvTable;
import io.xrun.translator.convert.StatConverter;
import io.xrun.translator.convert.StatfsConverter;
import io.xrun.translator.core.Call;
import io.xrun.translator.core.SyscallHandler;
import io.xrun.translator.nativeapi.NativeBuffer;

import java.util.HashMap;
import java.util.Map;

/**
 * pathconf(path, name), lpathconf(path, name) and fpathconf(fd, name). Linux has no pathconf
 * syscall (glibc answers from statfs and constants), so xrun asks Linux fstatfs for the file
 * system and fstat for the file type (of an O_PATH descriptor for the path forms), and answers each name as pathconf-names.tsv says, which follows FreeBSD's UFS
 * (ufs_pathconf, vop_stdpathconf). The lookup errors come first, then EINVAL for a name that
 * is not answered, as kern_pathconf does (namei, then VOP_PATHCONF). A descriptor with no vnode
 * (a pipe or socket: statfs-fstypes.tsv vnode "no") answers only _PC_PIPE_BUF
 * (kern_fpathconf).
 */
public final class PathconfHandler implements SyscallHandler {
    private static final java.util.List<String> KINDS = java.util.List.of("const", "regdir", "dirfifo", "chr", "namelen",
            "bsize", "linkmax");
    private static final int CONST = 0, REGDIR = 1, DIRFIFO = 2, CHR = 3, NAMELEN = 4, BSIZE = 5, LINKMAX = 6;
    /** name -> {kind, value} */
    private static final Map<Long, long[]> NAMES = new HashMap<>();
    /** {magic, link max} pairs of pathconf-link-max.tsv */
    private static final long[][] LINK_MAX;
    private static final long LINK_MAX_DEFAULT;
    private static final long PC_PIPE_BUF;

    static {
        TsvTable t = TsvTable.load("pathconf-names.tsv");
        int cName = t.column("name"), cNum = t.column("freebsd"), cAnswer = t.column("answer"),
                cValue = t.column("value");
        long pipeBuf = -1;
        for (String[] r : t.rows()) {
            long n = TsvTable.parseNumber(r[cNum].trim());
            int kind = KINDS.indexOf(r[cAnswer].trim());
            if (kind < 0) {
                throw new IllegalStateException("pathconf-names.tsv: answer " + r[cAnswer]);
            }
            Long v = TsvTable.parseNumber(r[cValue]);
            NAMES.put(n, new long[] {kind, v == null ? 0 : v});
            if (r[cName].trim().equals("_PC_PIPE_BUF")) {
                pipeBuf = n;
            }
        }
        PC_PIPE_BUF = pipeBuf;
        TsvTable lm = TsvTable.load("pathconf-link-max.tsv");
        long dflt = 0;
        java.util.List<long[]> pairs = new java.util.ArrayList<>();
        int cMagic = lm.column("magic"), cMax = lm.column("link_max");
        for (String[] r : lm.rows()) {
            long v = TsvTable.parseNumber(r[cMax]);
            if (r[cMagic].trim().equals("default")) {
                dflt = v;
            } else {
                pairs.add(new long[] {TsvTable.parseNumber(r[cMagic]), v});
            }
        }
        LINK_MAX = pairs.toArray(new long[0][]);
        LINK_MAX_DEFAULT = dflt;
    }

    /** Linux (include/uapi/linux/fcntl.h, asm-generic/fcntl.h, linux/stat.h). */
    private static final long AT_FDCWD = -100, O_PATH = 010000000, O_NOFOLLOW = 0400000, O_CLOEXEC = 02000000;
    private static final int S_IFMT = 0170000, S_IFDIR = 0040000, S_IFREG = 0100000, S_IFIFO = 0010000,
            S_IFCHR = 0020000;
    private static final long FSTATFS = LinuxSyscalls.require("fstatfs"), FSTAT = LinuxSyscalls.require("fstat"),
            CLOSE = LinuxSyscalls.require("close");
    /** Scratch layout: the Linux statfs, then the Linux stat. */
    private static final int S_STAT = 128;

    private final long linuxNumber;
    private final boolean byFd;
    private final boolean noFollow;

    public PathconfHandler(SyscallRow row) {
        this.linuxNumber = row.linuxNumber();
        this.byFd = row.name().equals("fpathconf");
        this.noFollow = row.name().equals("lpathconf");
    }

    /*
     * fpathconf: fstatfs(fd), fstat(fd). pathconf/lpathconf: openat(path, O_PATH[|O_NOFOLLOW])
     * (the lookup, with its errors; lpathconf reaches a symlink itself, dangling or not), then
     * fstatfs and fstat of that descriptor, then close.
     */
    @Override
    public void enter(Call c) {
        if (byFd) {
            c.runLinux(FSTATFS, c.arg(0), c.scratch(), 0, 0, 0, 0);
        } else {
            c.runLinux(linuxNumber, AT_FDCWD, c.arg(0), O_PATH | O_CLOEXEC | (noFollow ? O_NOFOLLOW : 0), 0, 0, 0);
        }
    }

    @Override
    public void exitFailed(Call c) {
        if (byFd || c.step() == 0 || c.step() == 3) {
            c.returnLinuxError();
            return;
        }
        c.returnLinuxError();
        c.stash[1] = c.result();
        c.then(CLOSE, c.stash[0], 0, 0, 0, 0, 0);
    }

    @Override
    public void exit(Call c) {
        long s = c.scratch();
        int step = c.step();
        if (byFd && step == 0) {
            c.then(FSTAT, c.arg(0), s + S_STAT, 0, 0, 0, 0);
            return;
        }
        if (!byFd) {
            switch (step) {
                case 0 -> {
                    c.stash[0] = c.linuxResult();
                    c.stash[1] = 0;
                    c.then(FSTATFS, c.stash[0], s, 0, 0, 0, 0);
                    return;
                }
                case 1 -> {
                    c.then(FSTAT, c.stash[0], s + S_STAT, 0, 0, 0, 0);
                    return;
                }
                case 2 -> {
                    c.then(CLOSE, c.stash[0], 0, 0, 0, 0, 0);
                    return;
                }
                default -> {
                    if (c.stash[1] != 0) {
                        c.returnError((int) c.stash[1]);
                        return;
                    }
                }
            }
        }
        NativeBuffer b = c.buffer();
        if (!c.copyIn(s, 0, S_STAT + StatConverter.LINUX_SIZE)) {
            return;
        }
        long name = c.arg(1);
        long fsType = b.getLong(StatfsConverter.L_TYPE) & 0xffffffffL;
        Mounts.FsType t = Mounts.fsType(null, fsType);
        if (t != null && !t.vnode()) {
            // a pipe or socket (kern_fpathconf: no vnode)
            if (name == PC_PIPE_BUF) {
                c.returnValue(NAMES.get(name)[1]);
            } else {
                c.returnError(Errno.FREEBSD_EINVAL);
            }
            return;
        }
        long[] how = NAMES.get(name);
        if (how == null) {
            c.returnError(Errno.FREEBSD_EINVAL);
            return;
        }
        int type = b.getInt(S_STAT + StatConverter.L_MODE) & S_IFMT;
        boolean regdir = type == S_IFREG || type == S_IFDIR;
        long value = how[1];
        long answer = value;
        boolean ok = switch ((int) how[0]) {
            case REGDIR -> regdir;
            case DIRFIFO -> type == S_IFDIR || type == S_IFIFO;
            case CHR -> type == S_IFCHR;
            case NAMELEN -> {
                answer = b.getLong(StatfsConverter.L_NAMELEN);
                yield true;
            }
            case BSIZE -> {
                answer = b.getLong(StatfsConverter.L_BSIZE);
                yield regdir;
            }
            case LINKMAX -> {
                answer = linkMax(fsType);
                yield true;
            }
            default -> true;
        };
        if (ok) {
            c.returnValue(answer);
        } else {
            c.returnError(Errno.FREEBSD_EINVAL);
        }
    }

    private static long linkMax(long fsType) {
        for (long[] p : LINK_MAX) {
            if (p[0] == fsType) {
                return p[1];
            }
        }
        return LINK_MAX_DEFAULT;
    }
}
