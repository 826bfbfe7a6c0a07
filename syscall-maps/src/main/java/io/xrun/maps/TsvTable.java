package io.xrun.maps;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One tab-separated table from {@code syscall-maps/tables}. Lines starting with '#' are
 * comments; a comment of the form {@code # source: ...} names the header the values come from.
 * The first other line is the column header; every row must have that many cells.
 */
public final class TsvTable {
    private final String resource;
    private final List<String> sources;
    private final List<String> columns;
    private final Map<String, Integer> columnIndex = new HashMap<>();
    private final List<String[]> rows;

    private TsvTable(String resource, List<String> sources, List<String> columns, List<String[]> rows) {
        this.resource = resource;
        this.sources = sources;
        this.columns = columns;
        for (int i = 0; i < columns.size(); i++) {
            columnIndex.put(columns.get(i), i);
        }
        this.rows = rows;
    }

    /** Loads {@code xrun/maps/<file>} from the class path. */
    public static TsvTable load(String file) {
        String resource = "xrun/maps/" + file;
        InputStream in = TsvTable.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("mapping table missing from the class path: " + resource);
        }
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            List<String> sources = new ArrayList<>();
            List<String> columns = null;
            List<String[]> rows = new ArrayList<>();
            String line;
            int lineNo = 0;
            while ((line = r.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                if (line.startsWith("#")) {
                    String c = line.substring(1).trim();
                    if (c.startsWith("source:")) {
                        sources.add(c.substring("source:".length()).trim());
                    }
                    continue;
                }
                String[] cells = line.split("\t", -1);
                if (columns == null) {
                    columns = List.of(cells);
                    continue;
                }
                if (cells.length != columns.size()) {
                    throw new IllegalStateException(resource + ":" + lineNo + ": expected " + columns.size()
                            + " cells, found " + cells.length);
                }
                rows.add(cells);
            }
            if (columns == null) {
                throw new IllegalStateException(resource + ": no header line");
            }
            return new TsvTable(file, Collections.unmodifiableList(sources), columns,
                    Collections.unmodifiableList(rows));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String file() {
        return resource;
    }

    /** The {@code # source:} lines: the headers the table's values were taken from. */
    public List<String> sources() {
        return sources;
    }

    public List<String> columns() {
        return columns;
    }

    public List<String[]> rows() {
        return rows;
    }

    public int column(String name) {
        Integer i = columnIndex.get(name);
        if (i == null) {
            throw new IllegalStateException(resource + ": no column '" + name + "'");
        }
        return i;
    }

    public boolean hasColumn(String name) {
        return columnIndex.containsKey(name);
    }

    /** A two-column table {@code name value} as a map: each row's name to its number (parseNumber). */
    public static Map<String, Long> numbers(String file, String valueColumn) {
        TsvTable t = load(file);
        int cN = t.column("name"), cV = t.column(valueColumn);
        Map<String, Long> m = new HashMap<>();
        for (String[] r : t.rows()) {
            m.put(r[cN].trim(), parseNumber(r[cV]));
        }
        return m;
    }

    /** Parses decimal, 0x-hex or 0-octal ("0755") numbers; '-' means absent and returns null. */
    public static Long parseNumber(String cell) {
        String s = cell.trim();
        if (s.isEmpty() || s.equals("-")) {
            return null;
        }
        boolean neg = s.startsWith("-");
        if (neg) {
            s = s.substring(1);
        }
        long v;
        if (s.startsWith("0x") || s.startsWith("0X")) {
            v = Long.parseUnsignedLong(s.substring(2), 16);
        } else if (s.length() > 1 && s.startsWith("0")) {
            v = Long.parseLong(s.substring(1), 8);
        } else {
            v = Long.parseLong(s);
        }
        return neg ? -v : v;
    }
}
