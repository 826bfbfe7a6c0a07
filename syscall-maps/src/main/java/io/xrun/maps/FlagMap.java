package io.xrun.maps;

/**
 * A bit-flag set mapped bit-for-bit (open flags, mmap flags, termios flags...). A row with a
 * mask column is a bit-field member (CS8 within CSIZE, O_RDWR within O_ACCMODE): it matches when
 * {@code (value & mask) == member}. Translation loops over primitive arrays and allocates nothing.
 */
public final class FlagMap {
    private final String file;
    private final long[] fValue;
    private final long[] fMask;
    private final long[] lValue;
    private final long[] lMask;
    private final String[] names;
    private final long fKnown;
    private final long lKnown;

    private FlagMap(ConstantTable t) {
        this.file = t.file();
        int n = 0;
        for (ConstantTable.Entry e : t.entries()) {
            if (e.onBoth()) {
                n++;
            }
        }
        fValue = new long[n];
        fMask = new long[n];
        lValue = new long[n];
        lMask = new long[n];
        names = new String[n];
        long fk = 0;
        long lk = 0;
        int i = 0;
        for (ConstantTable.Entry e : t.entries()) {
            if (e.freebsd() != ConstantTable.ABSENT) {
                fk |= e.fbsdMask() == 0 ? 0 : e.fbsdMask();
            }
            if (e.linux() != ConstantTable.ABSENT) {
                lk |= e.linuxMask();
            }
            if (!e.onBoth()) {
                continue;
            }
            fValue[i] = e.freebsd();
            fMask[i] = e.fbsdMask();
            lValue[i] = e.linux();
            lMask[i] = e.linuxMask();
            names[i] = e.name();
            i++;
        }
        fKnown = fk;
        lKnown = lk;
    }

    public static FlagMap of(ConstantTable t) {
        return new FlagMap(t);
    }

    public static FlagMap load(String file) {
        return new FlagMap(ConstantTable.load(file));
    }

    /** FreeBSD bits to Linux bits. Bits the table does not know are dropped: see {@link #unknownFreebsd}. */
    /** Rows of the map, for code that applies it elsewhere (the fast path's generated stubs). */
    public int size() {
        return fValue.length;
    }

    /** Row i applies when (FreeBSD bits &amp; freebsdMask(i)) == freebsdValue(i); it then adds linuxValue(i). */
    public long freebsdMask(int i) {
        return fMask[i];
    }

    public long freebsdValue(int i) {
        return fValue[i];
    }

    public long linuxValue(int i) {
        return lValue[i];
    }

    public long toLinux(long fbsdBits) {
        long out = 0;
        for (int i = 0; i < fValue.length; i++) {
            if ((fbsdBits & fMask[i]) == fValue[i]) {
                out |= lValue[i];
            }
        }
        return out;
    }

    public long toFreebsd(long linuxBits) {
        long out = 0;
        for (int i = 0; i < lValue.length; i++) {
            if ((linuxBits & lMask[i]) == lValue[i]) {
                out |= fValue[i];
            }
        }
        return out;
    }

    /** FreeBSD bits no row of the table accounts for. */
    public long unknownFreebsd(long fbsdBits) {
        return fbsdBits & ~fKnown;
    }

    /** FreeBSD bits that are known but have no Linux counterpart (table rows with '-' on Linux). */
    public long untranslatableFreebsd(long fbsdBits) {
        long translatable = 0;
        for (int i = 0; i < fValue.length; i++) {
            translatable |= fMask[i];
        }
        return fbsdBits & fKnown & ~translatable;
    }

    public long unknownLinux(long linuxBits) {
        return linuxBits & ~lKnown;
    }

    /** "O_RDWR|O_CREAT" style rendering of FreeBSD bits, for --trace. */
    public String describeFreebsd(long fbsdBits) {
        StringBuilder sb = new StringBuilder();
        long rest = fbsdBits;
        for (int i = 0; i < fValue.length; i++) {
            if ((fbsdBits & fMask[i]) == fValue[i] && (fValue[i] != 0 || fMask[i] != 0)) {
                if (sb.length() > 0) {
                    sb.append('|');
                }
                sb.append(names[i]);
                rest &= ~fMask[i];
            }
        }
        if (rest != 0) {
            if (sb.length() > 0) {
                sb.append('|');
            }
            sb.append("0x").append(Long.toHexString(rest));
        }
        return sb.length() == 0 ? "0" : sb.toString();
    }

    public String file() {
        return file;
    }
}
