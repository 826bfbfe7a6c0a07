package io.xrun.maps;

import java.util.Arrays;

/**
 * An enumeration mapped value-for-value (clock ids, rlimit resources, fcntl commands, signal
 * numbers...). Lookups are array or linear scans over primitive arrays: no allocation, so it
 * can sit on the supervisor's hot path.
 */
public final class ValueMap {
    /** Returned for a value that has no counterpart. */
    public static final long NONE = Long.MIN_VALUE;

    private final String file;
    private final long[] fbsd;
    private final long[] linux;
    private final String[] names;

    private ValueMap(String file, long[] fbsd, long[] linux, String[] names) {
        this.file = file;
        this.fbsd = fbsd;
        this.linux = linux;
        this.names = names;
    }

    public static ValueMap of(ConstantTable t) {
        int n = t.entries().size();
        long[] f = new long[n];
        long[] l = new long[n];
        String[] names = new String[n];
        int i = 0;
        for (ConstantTable.Entry e : t.entries()) {
            f[i] = e.freebsd();
            l[i] = e.linux();
            names[i] = e.name();
            i++;
        }
        return new ValueMap(t.file(), f, l, names);
    }

    public static ValueMap load(String file) {
        return of(ConstantTable.load(file));
    }

    public long toLinux(long freebsdValue) {
        for (int i = 0; i < fbsd.length; i++) {
            if (fbsd[i] == freebsdValue && fbsd[i] != ConstantTable.ABSENT) {
                return linux[i] == ConstantTable.ABSENT ? NONE : linux[i];
            }
        }
        return NONE;
    }

    public long toFreebsd(long linuxValue) {
        for (int i = 0; i < linux.length; i++) {
            if (linux[i] == linuxValue && linux[i] != ConstantTable.ABSENT) {
                return fbsd[i] == ConstantTable.ABSENT ? NONE : fbsd[i];
            }
        }
        return NONE;
    }

    /** FreeBSD name of a FreeBSD value (for --trace), or null. */
    public String freebsdName(long freebsdValue) {
        for (int i = 0; i < fbsd.length; i++) {
            if (fbsd[i] == freebsdValue) {
                return names[i];
            }
        }
        return null;
    }

    public String file() {
        return file;
    }

    @Override
    public String toString() {
        return "ValueMap(" + file + ", " + Arrays.toString(names) + ")";
    }
}
