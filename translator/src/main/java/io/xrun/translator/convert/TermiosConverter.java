package io.xrun.translator.convert;

import io.xrun.maps.ConstantTable;
import io.xrun.maps.FlagMap;
import io.xrun.maps.ValueMap;
import io.xrun.translator.nativeapi.NativeBuffer;

/**
 * FreeBSD {@code struct termios} (sys/sys/_termios.h: four tcflag_t, c_cc[20], c_ispeed,
 * c_ospeed; 44 bytes) to and from the Linux kernel's {@code struct termios} used by
 * TCGETS/TCSETS (include/uapi/asm-generic/termbits.h: four tcflag_t, c_line, c_cc[19];
 * 36 bytes). Flag bits, c_cc indexes and speeds all differ; each goes through its table.
 * FreeBSD keeps speeds as plain numbers, Linux as Bxxx codes in c_cflag's CBAUD (output) and
 * CIBAUD (input, 0 = same as output) fields.
 */
public final class TermiosConverter {
    public static final int FREEBSD_SIZE = 44;
    public static final int LINUX_SIZE = 36;
    /** c_iflag, c_oflag, c_cflag, c_lflag tables, in struct order (offsets 0, 4, 8, 12). */
    private static final String[] FLAG_FIELDS = {"c_iflag", "c_oflag", "c_cflag", "c_lflag"};
    private static final ConstantTable[] FLAG_TABLES = {ConstantTable.load("termios-iflag.tsv"),
        ConstantTable.load("termios-oflag.tsv"), ConstantTable.load("termios-cflag.tsv"),
        ConstantTable.load("termios-lflag.tsv")};
    private static final FlagMap IFLAG = FlagMap.of(FLAG_TABLES[0]);
    private static final FlagMap OFLAG = FlagMap.of(FLAG_TABLES[1]);
    private static final FlagMap CFLAG = FlagMap.of(FLAG_TABLES[2]);
    private static final FlagMap LFLAG = FlagMap.of(FLAG_TABLES[3]);
    private static final ConstantTable CC = ConstantTable.load("termios-cc.tsv");
    private static final ValueMap SPEEDS = ValueMap.load("termios-speeds.tsv");
    /** Linux CBAUD, CBAUDEX-inclusive, and CIBAUD with its shift (asm-generic/termbits.h). */
    private static final int CBAUD = (int) FLAG_TABLES[2].linux("CBAUD");
    private static final int CIBAUD = (int) FLAG_TABLES[2].linux("CIBAUD");
    /** CIBAUD holds the input speed code shifted by IBSHIFT (asm-generic/termbits.h). */
    private static final int IBSHIFT = Integer.numberOfTrailingZeros(CIBAUD);
    /** FreeBSD _POSIX_VDISABLE (sys/sys/_termios.h): a c_cc slot with no Linux counterpart reads as disabled. */
    private static final byte VDISABLE = (byte) 0xff;
    private static final int[] CC_F;
    private static final int[] CC_L;

    static {
        int n = 0;
        for (ConstantTable.Entry e : CC.entries()) {
            if (e.onBoth()) {
                n++;
            }
        }
        CC_F = new int[n];
        CC_L = new int[n];
        int i = 0;
        for (ConstantTable.Entry e : CC.entries()) {
            if (e.onBoth()) {
                CC_F[i] = (int) e.freebsd();
                CC_L[i] = (int) e.linux();
                i++;
            }
        }
    }

    private static final byte[] FREEBSD_DEFAULTS = defaults();

    private TermiosConverter() {
    }

    /** Writes the termios a new FreeBSD terminal starts with (termios-defaults.tsv) at dst. */
    public static void freebsdDefaults(NativeBuffer b, int dst) {
        b.put(dst, FREEBSD_DEFAULTS, 0, FREEBSD_SIZE);
    }

    private static byte[] defaults() {
        io.xrun.maps.TsvTable t = io.xrun.maps.TsvTable.load("termios-defaults.tsv");
        java.nio.ByteBuffer out = java.nio.ByteBuffer.allocate(FREEBSD_SIZE).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (int i = 16; i < 36; i++) {
            out.put(i, VDISABLE);
        }
        for (String[] r : t.rows()) {
            String field = r[0].trim();
            String value = r[1].trim();
            int flagIndex = -1;
            for (int i = 0; i < FLAG_FIELDS.length; i++) {
                if (FLAG_FIELDS[i].equals(field)) {
                    flagIndex = i;
                }
            }
            if (flagIndex >= 0) {
                ConstantTable ft = FLAG_TABLES[flagIndex];
                long bits = 0;
                for (String name : value.split("\\|")) {
                    bits |= ft.freebsd(name.trim());
                }
                out.putInt(4 * flagIndex, (int) bits);
            } else if (field.equals("c_ispeed")) {
                out.putInt(36, Integer.parseInt(value));
            } else if (field.equals("c_ospeed")) {
                out.putInt(40, Integer.parseInt(value));
            } else {
                out.put(16 + (int) CC.freebsd(field), io.xrun.maps.TsvTable.parseNumber(value).byteValue());
            }
        }
        return out.array();
    }

    /** Linux termios at src to FreeBSD termios at dst. */
    public static void toFreebsd(NativeBuffer b, int src, int dst) {
        int cflag = b.getInt(src + 8);
        b.zero(dst, FREEBSD_SIZE);
        b.putInt(dst, (int) IFLAG.toFreebsd(b.getInt(src) & 0xffffffffL));
        b.putInt(dst + 4, (int) OFLAG.toFreebsd(b.getInt(src + 4) & 0xffffffffL));
        b.putInt(dst + 8, (int) CFLAG.toFreebsd(cflag & ~(CBAUD | CIBAUD) & 0xffffffffL));
        b.putInt(dst + 12, (int) LFLAG.toFreebsd(b.getInt(src + 12) & 0xffffffffL));
        for (int i = 0; i < 20; i++) {
            b.putByte(dst + 16 + i, VDISABLE);
        }
        for (int i = 0; i < CC_F.length; i++) {
            b.putByte(dst + 16 + CC_F[i], b.getByte(src + 17 + CC_L[i]));
        }
        long ospeed = SPEEDS.toFreebsd(cflag & CBAUD);
        long icode = (cflag & CIBAUD) >>> IBSHIFT;
        long ispeed = icode == 0 ? ospeed : SPEEDS.toFreebsd(icode);
        b.putInt(dst + 36, (int) (ispeed == ValueMap.NONE ? 0 : ispeed));
        b.putInt(dst + 40, (int) (ospeed == ValueMap.NONE ? 0 : ospeed));
    }

    /**
     * FreeBSD termios at src to Linux termios at dst.
     *
     * @return false when a speed has no Linux Bxxx code (FreeBSD would fail with EINVAL too
     *         for a speed the driver cannot do)
     */
    public static boolean toLinux(NativeBuffer b, int src, int dst) {
        long ospeed = SPEEDS.toLinux(b.getInt(src + 40) & 0xffffffffL);
        long ispeedRaw = b.getInt(src + 36) & 0xffffffffL;
        long ispeed = ispeedRaw == 0 ? 0 : SPEEDS.toLinux(ispeedRaw);
        if (ospeed == ValueMap.NONE || ispeed == ValueMap.NONE) {
            return false;
        }
        b.zero(dst, LINUX_SIZE);
        b.putInt(dst, (int) IFLAG.toLinux(b.getInt(src) & 0xffffffffL));
        b.putInt(dst + 4, (int) OFLAG.toLinux(b.getInt(src + 4) & 0xffffffffL));
        long cflag = CFLAG.toLinux(b.getInt(src + 8) & 0xffffffffL) | ospeed;
        if (ispeed != 0 && ispeed != ospeed) {
            cflag |= ispeed << IBSHIFT;
        }
        b.putInt(dst + 8, (int) cflag);
        b.putInt(dst + 12, (int) LFLAG.toLinux(b.getInt(src + 12) & 0xffffffffL));
        for (int i = 0; i < CC_F.length; i++) {
            b.putByte(dst + 17 + CC_L[i], b.getByte(src + 16 + CC_F[i]));
        }
        return true;
    }
}
