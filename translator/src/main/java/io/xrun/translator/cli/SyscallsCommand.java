package io.xrun.translator.cli;

import io.xrun.maps.Status;
import io.xrun.maps.SyscallRow;
import io.xrun.maps.SyscallTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.Callable;

/** xrun syscalls: the mapping table with each row's status, like gVisor's `runsc syscalls`. */
@Command(name = "syscalls", mixinStandardHelpOptions = true,
        description = "Prints the FreeBSD syscall table with each row's status and Linux target.")
public final class SyscallsCommand implements Callable<Integer> {
    public enum Format { table, csv, json }

    @Option(names = "--format", defaultValue = "table", description = "table (default), csv or json")
    Format format;

    @Override
    public Integer call() {
        print(SyscallTable.freebsdAmd64(), format, System.out);
        return 0;
    }

    static void print(SyscallTable t, Format f, PrintStream out) {
        switch (f) {
            case csv -> {
                out.println("number,name,type,status,linux,note");
                for (SyscallRow r : t.rows()) {
                    out.println(r.number() + "," + csv(r.name()) + "," + csv(r.type()) + "," + r.status().label() + ","
                            + csv(r.linuxName()) + "," + csv(r.note()));
                }
            }
            case json -> {
                out.println("{");
                out.println("  \"counts\": {" + counts(t, true) + "},");
                out.println("  \"syscalls\": [");
                int i = 0;
                for (SyscallRow r : t.rows()) {
                    out.print("    {\"number\": " + r.number() + ", \"name\": " + json(r.name()) + ", \"type\": "
                            + json(r.type()) + ", \"status\": " + json(r.status().label()) + ", \"linux\": "
                            + json(r.linuxName()) + ", \"signature\": " + json(r.signature()) + ", \"note\": "
                            + json(r.note()) + "}");
                    out.println(++i < t.rows().size() ? "," : "");
                }
                out.println("  ]");
                out.println("}");
            }
            default -> {
                out.printf("%-5s %-28s %-14s %-18s %s%n", "NUM", "NAME", "STATUS", "LINUX", "NOTE");
                for (SyscallRow r : t.rows()) {
                    out.printf("%-5d %-28s %-14s %-18s %s%n", r.number(), r.name(), r.status().label(),
                            r.linuxName(), r.note());
                }
                out.println();
                out.println("total " + t.rows().size() + ": " + counts(t, false));
            }
        }
    }

    private static String counts(SyscallTable t, boolean json) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<Status, Integer> e : t.countsByStatus().entrySet()) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(json ? json(e.getKey().label()) + ": " + e.getValue() : e.getValue() + " " + e.getKey().label());
        }
        return sb.toString();
    }

    static String csv(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    /** s as a JSON string literal (RFC 8259 section 7); the coverage report writes its JSON with it too. */
    public static String json(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
