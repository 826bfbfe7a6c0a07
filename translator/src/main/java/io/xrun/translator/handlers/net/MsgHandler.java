package io.xrun.translator.handlers.net;

import io.xrun.maps.SyscallRow;
import io.xrun.translator.core.Call;
import io.xrun.translator.core.SyscallHandler;
import io.xrun.translator.nativeapi.NativeBuffer;

/**
 * sendmsg(s, msg, flags) and recvmsg(s, msg, flags). FreeBSD's struct msghdr (sys/sys/socket.h;
 * Go ztypes_freebsd_amd64.go Msghdr, 48 bytes): msg_name@0, socklen_t msg_namelen@8,
 * msg_iov@16, int msg_iovlen@24, msg_control@32, socklen_t msg_controllen@40, int msg_flags@44.
 * Linux's (56 bytes): name@0, int namelen@8, iov@16, size_t iovlen@24, control@32,
 * size_t controllen@40, int flags@48. struct iovec is the same, so the guest's iovec array is
 * handed over as it is.
 *
 * <p>Guest scratch: the Linux msghdr at 0, the Linux sockaddr at 64, sendmsg's converted control
 * buffer at 320. recvmsg lets Linux write its control messages straight into the guest's buffer
 * (same sizes and offsets on both, see {@link CmsgConverter}) and rewrites the headers at exit,
 * together with msg_namelen, msg_controllen and msg_flags of the guest's FreeBSD msghdr.
 */
public final class MsgHandler implements SyscallHandler {
    static final int FREEBSD_SIZE = 48;
    static final int LINUX_SIZE = 56;
    private static final int NAME_OFF = 64;
    private static final int CONTROL_OFF = 320;
    /** The largest control buffer sendmsg converts (what scratch leaves; FreeBSD's own limit is MCLBYTES 2048). */
    public static final int CONTROL_MAX = Call.SCRATCH_MAX - CONTROL_OFF;

    private static final long MSG_EOR = NetAbi.MSG_FLAG_TABLE.freebsd("MSG_EOR");
    private final long linuxNumber;
    private final boolean send;

    public MsgHandler(SyscallRow row) {
        this.linuxNumber = row.linuxNumber();
        this.send = row.name().equals("sendmsg");
    }

    @Override
    public void enter(Call c) {
        NativeBuffer b = c.buffer();
        long scratch = c.scratch();
        if (!c.copyIn(c.arg(1), 0, FREEBSD_SIZE)) {
            return;
        }
        long name = b.getLong(0);
        long namelen = b.getInt(8) & 0xffffffffL;
        long iov = b.getLong(16);
        long iovlen = b.getInt(24) & 0xffffffffL;
        long control = b.getLong(32);
        long controllen = b.getInt(40) & 0xffffffffL;
        // Linux msghdr at buffer 64
        b.zero(64, LINUX_SIZE);
        b.putLong(64 + 16, iov);
        b.putLong(64 + 24, iovlen);
        if (send) {
            if (name != 0 && namelen != 0) {
                if (namelen > SockaddrConverter.FREEBSD_MAX) {
                    c.emulateError(NetAbi.ENAMETOOLONG);
                    return;
                }
                if (!c.copyIn(name, 256, (int) namelen)) {
                    return;
                }
                int r = SockaddrConverter.toLinux(b, 256, (int) namelen, 512);
                if (r < 0) {
                    c.emulateError(-r);
                    return;
                }
                if (!c.copyOut(scratch + NAME_OFF, 512, r)) {
                    return;
                }
                b.putLong(64, scratch + NAME_OFF);
                b.putInt(64 + 8, r);
            }
            if (controllen != 0) {
                // kern_sendit/sockargs: at least one header, at most MCLBYTES
                if (controllen < 12 || controllen > CONTROL_MAX) {
                    c.emulateError(NetAbi.EINVAL);
                    return;
                }
                if (!c.copyIn(control, 1024, (int) controllen)) {
                    return;
                }
                int err = CmsgConverter.toLinux(b, 1024, (int) controllen, 4096);
                if (err != 0) {
                    c.emulateError(err);
                    return;
                }
                if (!c.copyOut(scratch + CONTROL_OFF, 4096, (int) controllen)) {
                    return;
                }
                b.putLong(64 + 32, scratch + CONTROL_OFF);
                b.putLong(64 + 40, controllen);
            }
        } else {
            if (name != 0) {
                b.putLong(64, scratch + NAME_OFF);
                b.putInt(64 + 8, SockaddrConverter.LINUX_MAX);
            }
            b.putLong(64 + 32, control);
            b.putLong(64 + 40, control != 0 ? controllen : 0);
        }
        if (!c.copyOut(scratch, 64, LINUX_SIZE)) {
            return;
        }
        c.linuxArg(0, c.arg(0));
        c.linuxArg(1, scratch);
        c.linuxArg(2, NetAbi.MSG_FLAGS.toLinux(c.intArg(2) & 0xffffffffL));
        c.runLinux(linuxNumber);
    }

    @Override
    public void exit(Call c) {
        if (!send) {
            NativeBuffer b = c.buffer();
            long scratch = c.scratch();
            long msg = c.arg(1);
            if (!c.copyIn(msg, 0, FREEBSD_SIZE) || !c.copyIn(scratch, 64, LINUX_SIZE)) {
                return;
            }
            long name = b.getLong(0);
            long namelen = b.getInt(8) & 0xffffffffL;
            long control = b.getLong(32);
            int len = 0;
            if (name != 0) {
                int linuxLen = Math.min(b.getInt(64 + 8), SockaddrConverter.LINUX_MAX);
                if (linuxLen > 0 && !c.copyIn(scratch + NAME_OFF, 256, linuxLen)) {
                    return;
                }
                int flen = SockaddrConverter.toFreebsd(b, 256, linuxLen, 512);
                len = (int) Math.min(namelen, flen);
                if (len > 0 && !c.copyOut(name, 512, len)) {
                    return;
                }
            }
            long clen = control != 0 ? b.getLong(64 + 40) : 0;
            if (clen > 0) {
                if (clen > 32768 || !c.copyIn(control, 1024, (int) clen)) {
                    return;
                }
                CmsgConverter.toFreebsdInPlace(b, 1024, (int) clen);
                if (!c.copyOut(control, 1024, (int) clen)) {
                    return;
                }
            }
            if (name != 0) {
                // kern_recvit writes msg_namelen only when msg_name is set
                b.putInt(8, len);
            }
            if (control != 0) {
                b.putInt(40, (int) clen);
            }
            // soreceive_generic/soreceive_dgram start from the call's flags (less MSG_EOR) and or
            // what they found into them: msg_flags echoes the call's flags (Linux: MSG_CMSG_CLOEXEC only)
            long in = c.intArg(2) & 0xffffffffL & ~MSG_EOR;
            b.putInt(44, (int) (in | NetAbi.MSG_FLAGS.toFreebsd(b.getInt(64 + 48) & 0xffffffffL)));
            if (!c.copyOut(msg, 0, FREEBSD_SIZE)) {
                return;
            }
        }
        c.returnValue(c.linuxResult());
    }
}
