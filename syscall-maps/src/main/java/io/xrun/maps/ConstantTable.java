package io.xrun.maps;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A constant table with columns {@code name freebsd linux} (plus optional {@code mask} and
 * {@code fallback}): the same named constant on each side, '-' where one side lacks it.
 */
public final class ConstantTable {
    /** Marks a side on which the constant does not exist. */
    public static final long ABSENT = Long.MIN_VALUE;

    /**
     * @param name     the constant's name (FreeBSD's spelling when the two differ)
     * @param freebsd  FreeBSD value, or ABSENT
     * @param linux    Linux value, or ABSENT
     * @param fbsdMask for bit-field members (CSIZE, O_ACCMODE, MAP_ALIGNMENT): the FreeBSD field mask; else the value
     * @param linuxMask the Linux field mask; else the value
     * @param fallback for a constant one side lacks: the name of the constant to use instead, or "-"
     * @param linuxAs  when the Linux value is deliberately another Linux constant than the
     *                 same-named one (FreeBSD MADV_DONTNEED is Linux MADV_COLD): its name, else "-"
     */
    public record Entry(String name, long freebsd, long linux, long fbsdMask, long linuxMask, String fallback,
                        String linuxAs) {
        public boolean onBoth() {
            return freebsd != ABSENT && linux != ABSENT;
        }
    }

    private final TsvTable tsv;
    private final List<Entry> entries;

    private ConstantTable(TsvTable tsv, List<Entry> entries) {
        this.tsv = tsv;
        this.entries = Collections.unmodifiableList(entries);
    }

    public static ConstantTable load(String file) {
        TsvTable t = TsvTable.load(file);
        int cName = t.column("name");
        int cF = t.column("freebsd");
        int cL = t.column("linux");
        int cMask = t.hasColumn("mask") ? t.column("mask") : -1;
        int cFb = t.hasColumn("fallback") ? t.column("fallback") : -1;
        int cAs = t.hasColumn("linux_as") ? t.column("linux_as") : -1;
        List<Entry> list = new ArrayList<>();
        for (String[] r : t.rows()) {
            Long f = TsvTable.parseNumber(r[cF]);
            Long l = TsvTable.parseNumber(r[cL]);
            long fv = f == null ? ABSENT : f;
            long lv = l == null ? ABSENT : l;
            long fm = fv;
            long lm = lv;
            if (cMask >= 0 && !r[cMask].trim().equals("-") && !r[cMask].isBlank()) {
                // "fbsdMask/linuxMask"
                String[] m = r[cMask].trim().split("/");
                fm = TsvTable.parseNumber(m[0]);
                lm = TsvTable.parseNumber(m[1]);
            }
            list.add(new Entry(r[cName].trim(), fv, lv, fm, lm, cFb >= 0 ? r[cFb].trim() : "-",
                    cAs >= 0 ? r[cAs].trim() : "-"));
        }
        return new ConstantTable(t, list);
    }

    public List<Entry> entries() {
        return entries;
    }

    public List<String> sources() {
        return tsv.sources();
    }

    public String file() {
        return tsv.file();
    }

    public Entry byName(String name) {
        for (Entry e : entries) {
            if (e.name().equals(name)) {
                return e;
            }
        }
        return null;
    }

    /** The FreeBSD value of a named constant; fails loudly when the table lacks it. */
    public long freebsd(String name) {
        Entry e = byName(name);
        if (e == null || e.freebsd() == ABSENT) {
            throw new IllegalStateException(file() + " has no FreeBSD " + name);
        }
        return e.freebsd();
    }

    public long linux(String name) {
        Entry e = byName(name);
        if (e == null || e.linux() == ABSENT) {
            throw new IllegalStateException(file() + " has no Linux " + name);
        }
        return e.linux();
    }
}
