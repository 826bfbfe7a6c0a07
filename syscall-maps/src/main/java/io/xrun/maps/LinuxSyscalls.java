package io.xrun.maps;

import java.util.HashMap;
import java.util.Map;

/** Linux x86-64 syscall numbers (arch/x86/entry/syscalls/syscall_64.tbl), from linux-x86_64-syscalls.tsv. */
public final class LinuxSyscalls {
    public static final String FILE = "linux-x86_64-syscalls.tsv";
    private static final Map<String, Integer> BY_NAME = new HashMap<>();
    private static final String[] BY_NUMBER;

    static {
        TsvTable t = TsvTable.load(FILE);
        int cNum = t.column("number");
        int cName = t.column("name");
        int max = 0;
        for (String[] r : t.rows()) {
            int n = Integer.parseInt(r[cNum].trim());
            max = Math.max(max, n);
            BY_NAME.put(r[cName].trim(), n);
        }
        BY_NUMBER = new String[max + 1];
        for (Map.Entry<String, Integer> e : BY_NAME.entrySet()) {
            BY_NUMBER[e.getValue()] = e.getKey();
        }
    }

    private LinuxSyscalls() {
    }

    /** The number of a Linux syscall, or -1. */
    public static int number(String name) {
        return BY_NAME.getOrDefault(name, -1);
    }

    public static String name(long number) {
        return number >= 0 && number < BY_NUMBER.length && BY_NUMBER[(int) number] != null
                ? BY_NUMBER[(int) number] : "linux_" + number;
    }

    /** Shorthand for a number the supervisor needs at start-up; fails loudly if the table lacks it. */
    public static int require(String name) {
        int n = number(name);
        if (n < 0) {
            throw new IllegalStateException(FILE + " lacks " + name);
        }
        return n;
    }
}
