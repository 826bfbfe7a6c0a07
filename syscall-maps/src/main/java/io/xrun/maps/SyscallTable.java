package io.xrun.maps;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The FreeBSD amd64 syscall table, indexed by number for the supervisor's hot path. */
public final class SyscallTable {
    public static final String FILE = "freebsd-amd64-syscalls.tsv";

    private static volatile SyscallTable freebsd;

    private final List<SyscallRow> rows;
    private final SyscallRow[] byNumber;
    private final Map<String, SyscallRow> byName = new HashMap<>();

    private SyscallTable(List<SyscallRow> rows) {
        this.rows = Collections.unmodifiableList(rows);
        int max = 0;
        for (SyscallRow r : rows) {
            max = Math.max(max, r.number());
        }
        byNumber = new SyscallRow[max + 1];
        for (SyscallRow r : rows) {
            if (byNumber[r.number()] != null) {
                throw new IllegalStateException(FILE + ": number " + r.number() + " appears twice");
            }
            byNumber[r.number()] = r;
            if (byName.put(r.name(), r) != null) {
                throw new IllegalStateException(FILE + ": name " + r.name() + " appears twice");
            }
        }
    }

    public static SyscallTable freebsdAmd64() {
        SyscallTable t = freebsd;
        if (t == null) {
            synchronized (SyscallTable.class) {
                t = freebsd;
                if (t == null) {
                    freebsd = t = parse(TsvTable.load(FILE));
                }
            }
        }
        return t;
    }

    static SyscallTable parse(TsvTable tsv) {
        int cNum = tsv.column("number");
        int cName = tsv.column("name");
        int cType = tsv.column("type");
        int cStatus = tsv.column("status");
        int cLinux = tsv.column("linux");
        int cArgs = tsv.column("args");
        int cResult = tsv.column("result");
        int cSig = tsv.column("signature");
        int cNote = tsv.column("note");
        List<SyscallRow> rows = new ArrayList<>();
        for (String[] c : tsv.rows()) {
            String linux = c[cLinux].trim();
            int linuxNr = -1;
            if (!linux.equals("-") && !linux.equals("emulate")) {
                linuxNr = LinuxSyscalls.number(linux);
                if (linuxNr < 0) {
                    throw new IllegalStateException(FILE + ": row " + c[cNum] + " names unknown Linux syscall " + linux);
                }
            }
            String a = c[cArgs].trim();
            List<String> args = a.equals("-") || a.isEmpty() ? List.of() : List.of(a.split(","));
            rows.add(new SyscallRow(Integer.parseInt(c[cNum].trim()), c[cName].trim(), c[cType].trim(),
                    Status.parse(c[cStatus]), linux, linuxNr, args, c[cResult].trim(), c[cSig].trim(),
                    c[cNote].trim()));
        }
        return new SyscallTable(rows);
    }

    public List<SyscallRow> rows() {
        return rows;
    }

    /** The row for a FreeBSD number, or null when syscalls.master has no such number. */
    public SyscallRow byNumber(long number) {
        return number >= 0 && number < byNumber.length ? byNumber[(int) number] : null;
    }

    public SyscallRow byName(String name) {
        return byName.get(name);
    }

    public int maxNumber() {
        return byNumber.length - 1;
    }

    public Map<Status, Integer> countsByStatus() {
        Map<Status, Integer> m = new java.util.EnumMap<>(Status.class);
        for (Status s : Status.values()) {
            m.put(s, 0);
        }
        for (SyscallRow r : rows) {
            m.merge(r.status(), 1, Integer::sum);
        }
        return m;
    }
}
