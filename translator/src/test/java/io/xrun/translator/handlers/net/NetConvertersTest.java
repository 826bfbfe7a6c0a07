package io.xrun.translator.handlers.net;

import io.xrun.translator.nativeapi.NativeBuffer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * sockaddr and cmsg layouts: FreeBSD sys/sys/socket.h, sys/netinet/in.h, sys/netinet6/in6.h,
 * sys/sys/un.h (Go ztypes_freebsd_amd64.go RawSockaddrInet4/Inet6/Unix, Cmsghdr); Linux
 * bits/socket.h, linux/in.h, linux/in6.h, linux/un.h.
 */
class NetConvertersTest {
    @Test
    void inet6ToLinuxKeepsTheBodyAndWidensTheFamily() {
        NativeBuffer b = new NativeBuffer(1024);
        b.putByte(0, (byte) 28);          // sin6_len
        b.putByte(1, (byte) 28);          // AF_INET6
        b.putShort(2, (short) 0x5000);    // port 80, network order
        b.putByte(8 + 15, (byte) 1);      // ::1
        b.putInt(24, 7);                  // scope id
        assertEquals(28, SockaddrConverter.toLinux(b, 0, 28, 512));
        assertEquals(10, b.getShort(512));
        assertEquals(0x5000, b.getShort(514) & 0xffff);
        assertEquals(1, b.getByte(512 + 23));
        assertEquals(7, b.getInt(512 + 24));
    }

    @Test
    void toLinuxErrorsAreFreebsds() {
        NativeBuffer b = new NativeBuffer(1024);
        b.putByte(1, (byte) 2);
        assertEquals(-NetAbi.EINVAL, SockaddrConverter.toLinux(b, 0, 1, 512));
        assertEquals(-NetAbi.ENAMETOOLONG, SockaddrConverter.toLinux(b, 0, 256, 512));
        b.putByte(1, (byte) 99);
        assertEquals(-NetAbi.EAFNOSUPPORT, SockaddrConverter.toLinux(b, 0, 16, 512));
        b.putByte(1, (byte) 1);           // AF_UNIX longer than struct sockaddr_un (106)
        assertEquals(-NetAbi.EINVAL, SockaddrConverter.toLinux(b, 0, 110, 512));
    }

    @Test
    void linuxResultsGetSaLen() {
        NativeBuffer b = new NativeBuffer(1024);
        b.putShort(0, (short) 2);         // AF_INET
        b.putShort(2, (short) 0x1234);
        b.putInt(4, 0x0100007f);
        assertEquals(16, SockaddrConverter.toFreebsd(b, 0, 16, 256));
        assertEquals(16, b.getByte(256));
        assertEquals(2, b.getByte(257));
        assertEquals(0x1234, b.getShort(258));
        assertEquals(0x0100007f, b.getInt(260));
        b.putShort(0, (short) 10);        // AF_INET6
        assertEquals(28, SockaddrConverter.toFreebsd(b, 0, 28, 256));
        assertEquals(28, b.getByte(257));
        b.putShort(0, (short) 1);         // unnamed AF_UNIX: Linux says 2 bytes, FreeBSD sun_noname (16)
        assertEquals(16, SockaddrConverter.toFreebsd(b, 0, 2, 256));
        assertEquals(1, b.getByte(257));
        assertEquals(0, SockaddrConverter.toFreebsd(b, 0, 0, 256));
    }

    @Test
    void scmRightsConvertsHeaderByHeader() {
        NativeBuffer b = new NativeBuffer(4096);
        // two FreeBSD SCM_RIGHTS messages: CMSG_LEN(4) = 20, CMSG_SPACE(4) = 24
        for (int off : new int[] {0, 24}) {
            b.putInt(off, 20);
            b.putInt(off + 4, 0xffff);
            b.putInt(off + 8, 1);
            b.putInt(off + 16, 40 + off);
        }
        assertEquals(0, CmsgConverter.toLinux(b, 0, 48, 1024));
        for (int off : new int[] {0, 24}) {
            assertEquals(20, b.getLong(1024 + off));
            assertEquals(1, b.getInt(1024 + off + 8));    // SOL_SOCKET
            assertEquals(1, b.getInt(1024 + off + 12));   // SCM_RIGHTS
            assertEquals(40 + off, b.getInt(1024 + off + 16));
        }
        CmsgConverter.toFreebsdInPlace(b, 1024, 48);
        for (int off : new int[] {0, 24}) {
            assertEquals(20, b.getInt(1024 + off));
            assertEquals(0xffff, b.getInt(1024 + off + 4));
            assertEquals(1, b.getInt(1024 + off + 8));
            assertEquals(40 + off, b.getInt(1024 + off + 16));
        }
        b.putInt(8, 3);                   // SCM_CREDS: FreeBSD-only
        assertEquals(NetAbi.EINVAL, CmsgConverter.toLinux(b, 0, 48, 1024));
        b.putInt(0, 60);                  // longer than the buffer
        assertEquals(NetAbi.EINVAL, CmsgConverter.toLinux(b, 0, 48, 1024));
    }

    @Test
    void socketOptionsKnowWhatFreebsdReadsBack() {
        int i = NetAbi.SO.index(0x4);     // SO_REUSEADDR
        assertEquals(2, NetAbi.SO.linux(i));
        assertEquals(NetAbi.Options.GET_BIT, NetAbi.SO.get(i));
        assertEquals(4, NetAbi.SO.onValue(i));
        int nd = NetAbi.TCP.index(0x1);   // TCP_NODELAY: t_flags & TF_NODELAY
        assertEquals(4, NetAbi.TCP.onValue(nd));
        assertEquals(NetAbi.Options.GET_ERRNO, NetAbi.SO.get(NetAbi.SO.index(0x1007)));
        assertEquals(-1, NetAbi.SO.index(0x800));     // SO_NOSIGPIPE: no Linux option
        assertEquals(26, NetAbi.IPV6.linux(NetAbi.IPV6.index(27)));
    }
}
