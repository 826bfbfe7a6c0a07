package io.xrun.translator.handlers;

import io.xrun.maps.Errno;
import io.xrun.maps.LinuxSyscalls;
import io.xrun.maps.SyscallRow;
import io.xrun.translator.convert.SigeventConverter;
import io.xrun.translator.core.Call;
import io.xrun.translator.core.SyscallHandler;
import io.xrun.translator.nativeapi.NativeBuffer;

/**
 * POSIX message queues (sys/kern/uipc_mqueue.c) on Linux's: kmq_open, kmq_unlink, kmq_setattr,
 * kmq_timedsend and kmq_notify (kmq_timedreceive is table-driven). struct mq_attr is four longs
 * and four reserved ones on both (sys/sys/mqueue.h, linux/mqueue.h); only mq_flags' O_NONBLOCK
 * differs (open-flags.tsv). FreeBSD names start with '/' and have no other slash; Linux's
 * mq_open takes the name without it (glibc strips it). FreeBSD checks what Linux does not:
 * the attributes of a new queue against kern.mqueue.maxmsg (100) and maxmsgsize (16384), and
 * gives a queue created without attributes its defaults, 10 messages of 1024 bytes (Linux:
 * /proc/sys/fs/mqueue msg_default and msgsize_default); priorities below MQ_PRIO_MAX (64,
 * sys/sys/limits.h; Linux allows 32768).
 */
public final class KmqHandler implements SyscallHandler {
    /** MQFS_NAMELEN (NAME_MAX): copyinstr takes MQFS_NAMELEN + 1 bytes. */
    private static final int MQFS_NAMELEN = 255;
    private static final long MAXMSG = 100, MAXMSGSIZE = 16384, DEFAULT_MAXMSG = 10, DEFAULT_MSGSIZE = 1024;
    private static final long MQ_PRIO_MAX = 64;
    private static final int ATTR = 64;
    private static final long F_O_CREAT = Abi.OPEN_FLAG_TABLE.freebsd("O_CREAT");
    private static final long F_O_NONBLOCK = Abi.OPEN_FLAG_TABLE.freebsd("O_NONBLOCK");
    private static final long L_O_NONBLOCK = Abi.OPEN_FLAG_TABLE.linux("O_NONBLOCK");
    private static final long NR_MQ_OPEN = LinuxSyscalls.require("mq_open");
    private static final long NR_MQ_UNLINK = LinuxSyscalls.require("mq_unlink");
    private static final long NR_MQ_TIMEDSEND = LinuxSyscalls.require("mq_timedsend");
    private static final long NR_MQ_NOTIFY = LinuxSyscalls.require("mq_notify");
    private static final long NR_MQ_GETSETATTR = LinuxSyscalls.require("mq_getsetattr");
    private final String name;

    public KmqHandler(SyscallRow row) {
        this.name = row.name();
    }

    @Override
    public void enter(Call c) {
        switch (name) {
            case "kmq_open" -> open(c);
            case "kmq_unlink" -> {
                long lname = linuxName(c, c.arg(0), 0);
                if (lname != 0) {
                    c.runLinux(NR_MQ_UNLINK, lname, 0, 0, 0, 0, 0);
                }
            }
            case "kmq_setattr" -> setattr(c);
            case "kmq_timedsend" -> {
                if ((c.arg(3) & 0xffffffffL) >= MQ_PRIO_MAX) {
                    c.emulateError(Errno.FREEBSD_EINVAL);
                    return;
                }
                c.runLinux(NR_MQ_TIMEDSEND, c.arg(0), c.arg(1), c.arg(2), c.arg(3) & 0xffffffffL, c.arg(4), 0);
            }
            default -> notify(c);
        }
    }

    private void open(Call c) {
        NativeBuffer b = c.buffer();
        long flags = c.arg(1);
        boolean create = (flags & F_O_CREAT) != 0;
        long maxmsg = DEFAULT_MAXMSG, msgsize = DEFAULT_MSGSIZE;
        if (create && c.arg(3) != 0) {
            if (!c.copyIn(c.arg(3), 0, ATTR)) {
                return;
            }
            maxmsg = b.getLong(8);
            msgsize = b.getLong(16);
            if (maxmsg <= 0 || maxmsg > MAXMSG || msgsize <= 0 || msgsize > MAXMSGSIZE) {
                c.emulateError(Errno.FREEBSD_EINVAL);
                return;
            }
        }
        long lflags = ArgCodec.translate(ArgCodec.OFLAGS, flags);
        if (lflags == ArgCodec.INVALID) {
            c.emulateError(Errno.FREEBSD_EINVAL);
            return;
        }
        long lname = linuxName(c, c.arg(0), ATTR);
        if (lname == 0) {
            return;
        }
        long attr = 0;
        if (create) {
            b.zero(0, ATTR);
            b.putLong(8, maxmsg);
            b.putLong(16, msgsize);
            attr = c.scratch();
            if (!c.copyOut(attr, 0, ATTR)) {
                return;
            }
        }
        c.runLinux(NR_MQ_OPEN, lname, lflags, c.arg(2), attr, 0, 0);
    }

    /**
     * Checks a FreeBSD queue name as kern_kmq_open/sys_kmq_unlink do (copyinstr: EFAULT,
     * ENAMETOOLONG; shorter than 2, no leading '/', another '/', "/." or "/..": EINVAL) and puts
     * it without its '/' in the scratch at off; returns that address, or 0 when the call is answered.
     */
    private static long linuxName(Call c, long path, int off) {
        NativeBuffer b = c.buffer();
        long n = c.copyInString(path, off, MQFS_NAMELEN + 1);
        if (n < 0) {
            return 0;
        }
        String s = b.getString(off, (int) n);
        if (n < 2 || s.charAt(0) != '/' || s.indexOf('/', 1) >= 0 || s.equals("/.") || s.equals("/..")) {
            c.emulateError(Errno.FREEBSD_EINVAL);
            return 0;
        }
        b.putByte(off + (int) n, (byte) 0);
        long dst = c.scratch() + off;
        return c.copyOut(dst, off + 1, (int) n) ? dst : 0;
    }

    /**
     * kmq_setattr(mqd, attr, oattr): only O_NONBLOCK may be set in attr's mq_flags (EINVAL,
     * checked before the descriptor); oattr may be NULL (sys_kmq_setattr copies it out only when
     * given), Linux's mq_getsetattr is given scratch for it.
     */
    private void setattr(Call c) {
        NativeBuffer b = c.buffer();
        long base = c.scratch();
        long attr = 0;
        if (c.arg(1) != 0) {
            if (!c.copyIn(c.arg(1), 0, ATTR)) {
                return;
            }
            long f = b.getLong(0);
            if ((f & ~F_O_NONBLOCK) != 0) {
                c.emulateError(Errno.FREEBSD_EINVAL);
                return;
            }
            b.putLong(0, (f & F_O_NONBLOCK) != 0 ? L_O_NONBLOCK : 0);
            attr = base;
            if (!c.copyOut(attr, 0, ATTR)) {
                return;
            }
        }
        c.runLinux(NR_MQ_GETSETATTR, c.arg(0), attr, base + ATTR, 0, 0, 0);
    }

    private void notify(Call c) {
        long sev = 0;
        if (c.arg(1) != 0) {
            NativeBuffer b = c.buffer();
            if (!c.copyIn(c.arg(1), 0, SigeventConverter.FREEBSD_SIZE)) {
                return;
            }
            if (!SigeventConverter.toLinux(b, 0, 128)) {
                c.emulateError(Errno.FREEBSD_EINVAL);
                return;
            }
            sev = c.scratch();
            if (!c.copyOut(sev, 128, SigeventConverter.LINUX_SIZE)) {
                return;
            }
        }
        c.runLinux(NR_MQ_NOTIFY, c.arg(0), sev, 0, 0, 0, 0);
    }

    @Override
    public void exit(Call c) {
        if (name.equals("kmq_setattr")) {
            if (c.arg(2) != 0) {
                NativeBuffer b = c.buffer();
                if (c.memory().read(c.scratch() + ATTR, b, 0, ATTR) != ATTR) {
                    c.returnError(Errno.FREEBSD_EFAULT);
                    return;
                }
                b.putLong(0, (b.getLong(0) & L_O_NONBLOCK) != 0 ? F_O_NONBLOCK : 0);
                b.zero(32, 32);
                if (!c.copyOut(c.arg(2), 0, ATTR)) {
                    return;
                }
            }
            c.returnValue(0);
            return;
        }
        c.returnValue(c.linuxResult());
    }
}
