package io.xrun.translator.handlers.net;

import io.xrun.maps.ValueMap;
import io.xrun.translator.nativeapi.NativeBuffer;

/**
 * struct sockaddr both ways. FreeBSD (sys/sys/socket.h): {u8 sa_len; u8 sa_family; ...};
 * Linux: {u16 sa_family; ...}. The rest is the same for the families translated:
 * sockaddr_in (16 bytes, sys/netinet/in.h), sockaddr_in6 (28, sys/netinet6/in6.h) and
 * sockaddr_un (sun_path at 2 on both; FreeBSD's struct is 106 bytes, sys/sys/un.h, Linux's 110).
 * Sizes cross-checked with Go's ztypes_freebsd_amd64.go (RawSockaddrInet4/Inet6/Unix).
 */
public final class SockaddrConverter {
    /** SOCK_MAXADDRLEN (sys/sys/socket.h): the longest sockaddr FreeBSD copies in. */
    public static final int FREEBSD_MAX = 255;
    /** Linux's sizeof(struct sockaddr_storage): the most a Linux call writes. */
    public static final int LINUX_MAX = 128;
    public static final int SIZEOF_IN = 16;
    public static final int SIZEOF_IN6 = 28;
    public static final int SIZEOF_UN = 106;
    /** sizeof(struct sockaddr): FreeBSD's answer for an unnamed AF_UNIX socket (uipc_usrreq.c sun_noname). */
    public static final int SIZEOF_SOCKADDR = 16;

    private SockaddrConverter() {
    }

    /**
     * Converts the FreeBSD sockaddr of len bytes at src into a Linux one at dst (no overlap).
     * Returns the Linux length (the same), or a negative FreeBSD errno: ENAMETOOLONG above
     * SOCK_MAXADDRLEN and EINVAL below the header (getsockaddr in sys/kern/uipc_syscalls.c),
     * EINVAL for an AF_UNIX address longer than struct sockaddr_un (uipc_usrreq.c unp_bind),
     * EAFNOSUPPORT for a family Linux is not given.
     */
    public static int toLinux(NativeBuffer b, int src, int len, int dst) {
        if (len > FREEBSD_MAX) {
            return -NetAbi.ENAMETOOLONG;
        }
        if (len < 2) {
            return -NetAbi.EINVAL;
        }
        int family = b.getByte(src + 1) & 0xff;
        long lf = NetAbi.DOMAINS.toLinux(family);
        if (lf == ValueMap.NONE) {
            return -NetAbi.EAFNOSUPPORT;
        }
        if (family == NetAbi.AF_UNIX && len > SIZEOF_UN) {
            return -NetAbi.EINVAL;
        }
        b.putShort(dst, (short) lf);
        b.copyTo(src + 2, b, dst + 2, len - 2);
        return len;
    }

    /**
     * Converts the Linux sockaddr of linuxLen bytes at src into FreeBSD's at dst (no overlap) and
     * returns its sa_len, or 0 when Linux returned no address (linuxLen 0).
     */
    public static int toFreebsd(NativeBuffer b, int src, int linuxLen, int dst) {
        if (linuxLen <= 0) {
            return 0;
        }
        int lf = linuxLen >= 2 ? b.getShort(src) & 0xffff : 0;
        long ff = NetAbi.DOMAINS.toFreebsd(lf);
        int flen;
        if (lf == NetAbi.LINUX_AF_INET) {
            flen = SIZEOF_IN;
        } else if (lf == NetAbi.LINUX_AF_INET6) {
            flen = SIZEOF_IN6;
        } else if (lf == NetAbi.LINUX_AF_UNIX) {
            flen = linuxLen <= 2 ? SIZEOF_SOCKADDR : Math.min(linuxLen, SIZEOF_UN);
        } else {
            flen = Math.max(2, Math.min(linuxLen, LINUX_MAX));
        }
        b.zero(dst, flen);
        int body = Math.min(linuxLen, flen) - 2;
        if (body > 0) {
            b.copyTo(src + 2, b, dst + 2, body);
        }
        b.putByte(dst, (byte) flen);
        b.putByte(dst + 1, (byte) (ff == ValueMap.NONE ? lf : ff));
        return flen;
    }
}
