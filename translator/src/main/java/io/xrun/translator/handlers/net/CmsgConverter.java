package io.xrun.translator.handlers.net;

import io.xrun.maps.ValueMap;
import io.xrun.translator.nativeapi.NativeBuffer;

/**
 * Control messages (ancillary data) both ways. FreeBSD struct cmsghdr (sys/sys/socket.h;
 * Go ztypes_freebsd_amd64.go Cmsghdr, 12 bytes) is {u32 cmsg_len; int cmsg_level; int cmsg_type}
 * with the data at _ALIGN(12) = 16; Linux's is {size_t cmsg_len; int cmsg_level; int cmsg_type},
 * 16 bytes, data at 16. CMSG_LEN(n) is 16 + n and CMSG_SPACE(n) 16 + ALIGN8(n) on both, so a
 * buffer converts header by header at the same offsets, data untouched. Levels go through
 * sockopt-levels.tsv, SOL_SOCKET types through cmsg-types.tsv (SCM_RIGHTS, SCM_TIMESTAMP),
 * IP/IPv6 types through their option tables.
 */
public final class CmsgConverter {
    public static final int HEADER = 16;

    private CmsgConverter() {
    }

    private static int align8(long n) {
        return (int) ((n + 7) & ~7L);
    }

    /**
     * FreeBSD control buffer of len bytes at src to Linux at dst (same length). Returns 0, or a
     * FreeBSD errno: EINVAL for a malformed buffer or a message Linux is not given (SCM_CREDS).
     */
    public static int toLinux(NativeBuffer b, int src, int len, int dst) {
        int off = 0;
        b.zero(dst, len);
        while (off + 12 <= len) {
            long mlen = b.getInt(src + off) & 0xffffffffL;
            if (mlen < 12 || off + mlen > len) {
                return NetAbi.EINVAL;
            }
            long level = b.getInt(src + off + 4);
            long type = b.getInt(src + off + 8);
            long ltype;
            if (level == NetAbi.SOL_SOCKET) {
                ltype = NetAbi.CMSG_TYPES.toLinux(type);
            } else {
                NetAbi.Options o = NetAbi.options(level);
                int i = o == null || level == NetAbi.IPPROTO_TCP ? -1 : o.index(type);
                ltype = i < 0 ? ValueMap.NONE : o.linux(i);
            }
            if (ltype == ValueMap.NONE) {
                return NetAbi.EINVAL;
            }
            b.putLong(dst + off, mlen);
            b.putInt(dst + off + 8, (int) NetAbi.LEVELS.toLinux(level));
            b.putInt(dst + off + 12, (int) ltype);
            if (mlen > HEADER) {
                b.copyTo(src + off + HEADER, b, dst + off + HEADER, (int) mlen - HEADER);
            }
            off += align8(mlen);
        }
        return 0;
    }

    /**
     * Rewrites, in place, the Linux control messages in the len bytes at off into FreeBSD's
     * headers. A message of a level or type FreeBSD has no number for keeps Linux's numbers.
     */
    public static void toFreebsdInPlace(NativeBuffer b, int base, int len) {
        int off = 0;
        while (off + HEADER <= len) {
            long mlen = b.getLong(base + off);
            if (mlen < HEADER || off + mlen > len) {
                break;
            }
            int llevel = b.getInt(base + off + 8);
            int ltype = b.getInt(base + off + 12);
            long level = NetAbi.LEVELS.toFreebsd(llevel);
            long type = ValueMap.NONE;
            if (level == NetAbi.SOL_SOCKET) {
                type = NetAbi.CMSG_TYPES.toFreebsd(ltype);
            } else if (level != ValueMap.NONE && level != NetAbi.IPPROTO_TCP) {
                NetAbi.Options o = NetAbi.options(level);
                type = o == null ? ValueMap.NONE : o.toFreebsd(ltype);
            }
            b.putInt(base + off, (int) mlen);
            b.putInt(base + off + 4, level == ValueMap.NONE ? llevel : (int) level);
            b.putInt(base + off + 8, type == ValueMap.NONE ? ltype : (int) type);
            b.putInt(base + off + 12, 0);
            off += align8(mlen);
        }
    }
}
