package io.xrun.maps;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the reference files the tables are checked against: Go's generated FreeBSD/Linux constant
 * files and the Linux UAPI headers installed on the build machine.
 */
final class Sources {
    static final Path GO_SYSCALL = Path.of("/usr/lib/go/src/syscall");
    static final Path GO_SYSNUM_FREEBSD = GO_SYSCALL.resolve("zsysnum_freebsd_amd64.go");
    static final Path GO_ZERRORS_FREEBSD = GO_SYSCALL.resolve("zerrors_freebsd_amd64.go");
    static final Path GO_ZERRORS_LINUX = GO_SYSCALL.resolve("zerrors_linux_amd64.go");
    static final Path INCLUDE = Path.of("/usr/include");
    static final Path UNISTD_64 = INCLUDE.resolve("x86_64-linux-gnu/asm/unistd_64.h");

    private static final Pattern GO_CONST = Pattern.compile(
            "^\\s*([A-Z][A-Z0-9_]*)\\s*=\\s*(-?0x[0-9a-fA-F]+|-?[0-9]+)\\s*(//.*)?$");
    private static final Pattern GO_TYPED = Pattern.compile(
            "^\\s*([A-Z][A-Z0-9_]*)\\s*=\\s*(Errno|Signal)\\((0x[0-9a-fA-F]+|[0-9]+)\\)\\s*$");
    private static final Pattern DEFINE = Pattern.compile(
            "^\\s*#\\s*define\\s+([A-Za-z_][A-Za-z0-9_]*)\\s+(.+?)\\s*$");

    private Sources() {
    }

    static boolean exists(Path p) {
        return Files.isRegularFile(p);
    }

    static List<String> lines(Path p) {
        try {
            return Files.readAllLines(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static long parseGoNumber(String s) {
        boolean neg = s.startsWith("-");
        String t = neg ? s.substring(1) : s;
        long v = t.startsWith("0x") ? Long.parseUnsignedLong(t.substring(2), 16) : Long.parseLong(t);
        return neg ? -v : v;
    }

    /** Untyped integer constants of a Go zerrors file ({@code NAME = 0x...}). */
    static Map<String, Long> goConstants(Path file) {
        Map<String, Long> m = new LinkedHashMap<>();
        for (String line : lines(file)) {
            Matcher x = GO_CONST.matcher(line);
            if (x.matches()) {
                m.putIfAbsent(x.group(1), parseGoNumber(x.group(2)));
            }
        }
        return m;
    }

    /** {@code NAME = Errno(0x..)} or {@code NAME = Signal(0x..)} constants of a Go zerrors file. */
    static Map<String, Long> goTyped(Path file, String type) {
        Map<String, Long> m = new LinkedHashMap<>();
        for (String line : lines(file)) {
            Matcher x = GO_TYPED.matcher(line);
            if (x.matches() && x.group(2).equals(type)) {
                m.put(x.group(1), parseGoNumber(x.group(3)));
            }
        }
        return m;
    }

    /**
     * {@code #define NAME value} from C headers, evaluated where the value is a number (decimal,
     * 0x hex, 0-octal), a name defined earlier, or a small expression of those with | + - ~ and
     * parentheses, or a Linux _IO/_IOR/_IOW/_IOWR with a char and int/unsigned int. Anything else
     * is left out. The first definition of a name wins.
     */
    static Map<String, Long> cDefines(Path... headers) {
        Map<String, Long> m = new LinkedHashMap<>();
        for (Path h : headers) {
            for (String raw : lines(h)) {
                Matcher x = DEFINE.matcher(raw);
                if (!x.matches() || m.containsKey(x.group(1))) {
                    continue;
                }
                String expr = x.group(2).replaceAll("/\\*.*?\\*/", "").replaceAll("/\\*.*$", "").trim();
                Long v = new Expr(expr, m).eval();
                if (v != null) {
                    m.put(x.group(1), v);
                }
            }
        }
        return m;
    }

    static Path include(String rel) {
        return INCLUDE.resolve(rel);
    }

    /** A tiny recursive-descent evaluator for header constant expressions. */
    private static final class Expr {
        private final String s;
        private final Map<String, Long> names;
        private int i;

        Expr(String s, Map<String, Long> names) {
            this.s = s;
            this.names = names;
        }

        Long eval() {
            try {
                long v = or();
                skip();
                return i == s.length() ? v : null;
            } catch (RuntimeException e) {
                return null;
            }
        }

        private void skip() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }

        private boolean eat(char c) {
            skip();
            if (i < s.length() && s.charAt(i) == c) {
                i++;
                return true;
            }
            return false;
        }

        private long or() {
            long v = add();
            while (eat('|')) {
                v |= add();
            }
            return v;
        }

        private long add() {
            long v = unary();
            while (true) {
                if (eat('+')) {
                    v += unary();
                } else if (peek('-')) {
                    i++;
                    v -= unary();
                } else {
                    return v;
                }
            }
        }

        private boolean peek(char c) {
            skip();
            return i < s.length() && s.charAt(i) == c;
        }

        private long unary() {
            if (eat('-')) {
                return -unary();
            }
            if (eat('~')) {
                return ~unary();
            }
            return atom();
        }

        private long atom() {
            skip();
            if (eat('(')) {
                long v = or();
                if (!eat(')')) {
                    throw new IllegalStateException();
                }
                return v;
            }
            char c = s.charAt(i);
            if (Character.isDigit(c)) {
                int j = i;
                while (j < s.length() && Character.isLetterOrDigit(s.charAt(j))) {
                    j++;
                }
                String tok = s.substring(i, j).replaceAll("[uUlL]+$", "");
                i = j;
                if (tok.startsWith("0x") || tok.startsWith("0X")) {
                    return Long.parseUnsignedLong(tok.substring(2), 16);
                }
                if (tok.length() > 1 && tok.startsWith("0")) {
                    return Long.parseLong(tok.substring(1), 8);
                }
                return Long.parseLong(tok);
            }
            if (Character.isLetter(c) || c == '_') {
                int j = i;
                while (j < s.length() && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_')) {
                    j++;
                }
                String id = s.substring(i, j);
                i = j;
                if (id.equals("_IO") || id.equals("_IOR") || id.equals("_IOW") || id.equals("_IOWR")) {
                    return ioctl(id);
                }
                Long v = names.get(id);
                if (v == null) {
                    throw new IllegalStateException(id);
                }
                return v;
            }
            throw new IllegalStateException(s);
        }

        /** Linux asm-generic/ioctl.h: dir << 30 | size << 16 | type << 8 | nr; write 1, read 2. */
        private long ioctl(String macro) {
            if (!eat('(') || !eat('\'')) {
                throw new IllegalStateException();
            }
            long type = s.charAt(i++);
            if (!eat('\'') || !eat(',')) {
                throw new IllegalStateException();
            }
            long nr = or();
            long size = 0;
            if (!macro.equals("_IO")) {
                if (!eat(',')) {
                    throw new IllegalStateException();
                }
                skip();
                int close = s.indexOf(')', i);
                String t = s.substring(i, close).trim();
                i = close;
                if (t.equals("int") || t.equals("unsigned int")) {
                    size = 4;
                } else {
                    throw new IllegalStateException(t);
                }
            }
            if (!eat(')')) {
                throw new IllegalStateException();
            }
            long dir = switch (macro) {
                case "_IO" -> 0;
                case "_IOW" -> 1;
                case "_IOR" -> 2;
                default -> 3;
            };
            return dir << 30 | size << 16 | type << 8 | nr;
        }
    }

    /** The *.tsv files of the module's tables/ directory (the working directory is the module). */
    static List<String> tableFiles() {
        Path dir = Path.of("tables");
        List<String> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (var s = Files.list(dir)) {
            s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".tsv")).sorted().forEach(out::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** True when a table has the name/freebsd/linux columns ConstantTable reads. */
    static boolean isConstantTable(String file) {
        TsvTable t = TsvTable.load(file);
        return t.hasColumn("name") && t.hasColumn("freebsd") && t.hasColumn("linux");
    }

    /** All (table file, entry) pairs for a list of constant tables. */
    static List<Map.Entry<String, ConstantTable.Entry>> entries(List<String> files) {
        List<Map.Entry<String, ConstantTable.Entry>> out = new ArrayList<>();
        for (String f : files) {
            for (ConstantTable.Entry e : ConstantTable.load(f).entries()) {
                out.add(Map.entry(f, e));
            }
        }
        return out;
    }
}
