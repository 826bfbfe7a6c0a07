package io.xrun.translator.convert;

import io.xrun.translator.nativeapi.NativeBuffer;

/**
 * Linux {@code struct linux_dirent64} records (include/linux/dirent.h: d_ino u64, d_off s64,
 * d_reclen u16, d_type u8, d_name) to FreeBSD's {@code struct dirent} (sys/sys/dirent.h,
 * FreeBSD 12+: d_fileno u64, d_off s64, d_reclen u16, d_type u8, d_pad0 u8, d_namlen u16,
 * d_pad1 u16, d_name[]; record length GENERIC_DIRSIZ, 8-aligned) and to
 * {@code struct freebsd11_dirent} (d_fileno u32, d_reclen u16, d_type u8, d_namlen u8,
 * d_name[], 4-aligned). DT_* type values are the same on both.
 */
public final class DirentConverter {
    private DirentConverter() {
    }

    /** FreeBSD GENERIC_DIRSIZ: offsetof(d_name) + namlen + 1, rounded up to 8. */
    public static int freebsdReclen(int namlen) {
        return (24 + namlen + 1 + 7) & ~7;
    }

    public static int freebsd11Reclen(int namlen) {
        return (8 + namlen + 1 + 3) & ~3;
    }

    /**
     * Converts Linux records in [src, src+len) to FreeBSD records at dst, stopping before a
     * record that would pass dst+cap.
     *
     * @param out out[0] = Linux bytes consumed, out[1] = d_off of the last record converted
     * @return FreeBSD bytes written
     */
    public static int toFreebsd(NativeBuffer b, int src, int len, int dst, int cap, boolean v11, long[] out) {
        int in = 0;
        int o = 0;
        long lastOff = out[1];
        while (in + 19 <= len) {
            int reclen = b.getShort(src + in + 16) & 0xffff;
            if (reclen == 0) {
                break;
            }
            int namlen = b.strlen(src + in + 19, reclen - 19);
            int frec = v11 ? freebsd11Reclen(namlen) : freebsdReclen(namlen);
            if (v11 && namlen > 255) {
                in += reclen;
                continue;
            }
            if (o + frec > cap) {
                break;
            }
            long ino = b.getLong(src + in);
            long off = b.getLong(src + in + 8);
            int type = b.getByte(src + in + 18) & 0xff;
            int d = dst + o;
            b.zero(d, frec);
            if (v11) {
                b.putInt(d, (int) ino);
                b.putShort(d + 4, (short) frec);
                b.putByte(d + 6, (byte) type);
                b.putByte(d + 7, (byte) namlen);
                b.move(src + in + 19, d + 8, namlen);
            } else {
                b.putLong(d, ino);
                b.putLong(d + 8, off);
                b.putShort(d + 16, (short) frec);
                b.putByte(d + 18, (byte) type);
                b.putShort(d + 20, (short) namlen);
                b.move(src + in + 19, d + 24, namlen);
            }
            lastOff = off;
            o += frec;
            in += reclen;
        }
        out[0] = in;
        out[1] = lastOff;
        return o;
    }
}
