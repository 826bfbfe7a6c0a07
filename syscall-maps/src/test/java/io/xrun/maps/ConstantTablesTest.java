package io.xrun.maps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class ConstantTablesTest {
    /** Bit-flag tables (translated with FlagMap). */
    static final List<String> FLAG_TABLES = List.of("open-flags.tsv", "at-flags.tsv", "mmap-prot.tsv",
            "mmap-flags.tsv", "grnd-flags.tsv", "termios-iflag.tsv", "termios-oflag.tsv", "termios-cflag.tsv",
            "termios-lflag.tsv", "socket-flags.tsv", "msg-flags.tsv", "poll-events.tsv");
    /** Enumerations (translated with ValueMap). */
    static final List<String> VALUE_TABLES = List.of("fcntl-cmds.tsv", "madvise.tsv", "clock-ids.tsv",
            "rlimits.tsv", "rlimit-values.tsv", "whence.tsv", "sigprocmask-how.tsv", "rusage-who.tsv",
            "sysarch-ops.tsv", "ioctls.tsv", "termios-cc.tsv", "termios-speeds.tsv", "auxv.tsv",
            "socket-domains.tsv", "socket-types.tsv", "sockopt-levels.tsv", "sockopt-socket.tsv", "sockopt-tcp.tsv",
            "sockopt-ip.tsv", "sockopt-ipv6.tsv", "cmsg-types.tsv");
    static final List<String> ALL_CONSTANT_TABLES;

    static {
        List<String> all = new ArrayList<>(FLAG_TABLES);
        all.addAll(VALUE_TABLES);
        all.add(Errno.FILE);
        all.add(Signals.FILE);
        // any other name/freebsd/linux table in tables/ (added later) joins the cross-checks
        for (String f : Sources.tableFiles()) {
            if (!all.contains(f) && Sources.isConstantTable(f)) {
                all.add(f);
            }
        }
        ALL_CONSTANT_TABLES = List.copyOf(all);
    }

    /**
     * Rows whose Linux value deliberately differs from a same-named constant of Go's
     * zerrors_linux_amd64.go, with the reason.
     */
    static final Map<String, String> LINUX_GO_EXCEPTIONS = Map.of(
            "open-flags.tsv:O_LARGEFILE", "glibc and Go define it as 0 on 64-bit; the kernel bit (UAPI) is 0x8000");

    /**
     * Linux headers each table's same-named constants are checked against (value cells of rows
     * whose name is defined there; auxv's LINUX_ prefix is stripped).
     */
    static final Map<String, List<String>> LINUX_HEADERS = new LinkedHashMap<>();

    static {
        LINUX_HEADERS.put("open-flags.tsv", List.of("asm-generic/fcntl.h"));
        LINUX_HEADERS.put("at-flags.tsv", List.of("linux/fcntl.h"));
        LINUX_HEADERS.put("fcntl-cmds.tsv", List.of("asm-generic/fcntl.h", "linux/fcntl.h"));
        LINUX_HEADERS.put("mmap-prot.tsv", List.of("asm-generic/mman-common.h"));
        LINUX_HEADERS.put("mmap-flags.tsv", List.of("linux/mman.h", "x86_64-linux-gnu/asm/mman.h",
                "asm-generic/mman.h", "asm-generic/mman-common.h"));
        LINUX_HEADERS.put("madvise.tsv", List.of("asm-generic/mman-common.h"));
        LINUX_HEADERS.put("clock-ids.tsv", List.of("linux/time.h"));
        LINUX_HEADERS.put("rlimits.tsv", List.of("asm-generic/resource.h"));
        LINUX_HEADERS.put("rlimit-values.tsv", List.of("asm-generic/resource.h"));
        LINUX_HEADERS.put("whence.tsv", List.of("linux/fs.h"));
        LINUX_HEADERS.put("sigprocmask-how.tsv", List.of("asm-generic/signal-defs.h"));
        LINUX_HEADERS.put("rusage-who.tsv", List.of("linux/resource.h"));
        LINUX_HEADERS.put("sched-policies.tsv", List.of("linux/sched.h"));
        LINUX_HEADERS.put("grnd-flags.tsv", List.of("linux/random.h"));
        LINUX_HEADERS.put("ioctls.tsv", List.of("asm-generic/ioctls.h", "asm-generic/sockios.h"));
        LINUX_HEADERS.put("termios-iflag.tsv", List.of("asm-generic/termbits.h", "asm-generic/termbits-common.h"));
        LINUX_HEADERS.put("termios-oflag.tsv", List.of("asm-generic/termbits.h", "asm-generic/termbits-common.h"));
        LINUX_HEADERS.put("termios-cflag.tsv", List.of("asm-generic/termbits.h", "asm-generic/termbits-common.h"));
        LINUX_HEADERS.put("termios-lflag.tsv", List.of("asm-generic/termbits.h", "asm-generic/termbits-common.h"));
        LINUX_HEADERS.put("termios-cc.tsv", List.of("asm-generic/termbits.h"));
        LINUX_HEADERS.put("termios-speeds.tsv", List.of("asm-generic/termbits-common.h", "asm-generic/termbits.h"));
        LINUX_HEADERS.put("auxv.tsv", List.of("linux/auxvec.h", "x86_64-linux-gnu/asm/auxvec.h"));
        LINUX_HEADERS.put("sockopt-socket.tsv", List.of("asm-generic/socket.h"));
        LINUX_HEADERS.put("sockopt-tcp.tsv", List.of("linux/tcp.h"));
        LINUX_HEADERS.put("sockopt-ip.tsv", List.of("linux/in.h"));
        LINUX_HEADERS.put("sockopt-ipv6.tsv", List.of("linux/in6.h"));
        LINUX_HEADERS.put("poll-events.tsv", List.of("asm-generic/poll.h"));
        LINUX_HEADERS.put("socket-domains.tsv", List.of("x86_64-linux-gnu/bits/socket.h"));
        LINUX_HEADERS.put("socket-types.tsv", List.of("x86_64-linux-gnu/bits/socket_type.h"));
    }

    private static FlagMap flags(String f) {
        return FlagMap.load(f);
    }

    @Test
    void everyTableLoadsAndNamesItsSources() {
        List<String> files = new ArrayList<>(ALL_CONSTANT_TABLES);
        files.add("sysctl.tsv");
        files.add(SyscallTable.FILE);
        files.add(LinuxSyscalls.FILE);
        for (String f : Sources.tableFiles()) {
            if (!files.contains(f)) {
                files.add(f);
            }
        }
        for (String f : files) {
            TsvTable t = TsvTable.load(f);
            assertFalse(t.sources().isEmpty(), f + " has no # source: line");
            for (String s : t.sources()) {
                assertFalse(s.isBlank(), f + ": empty source");
            }
            assertFalse(t.rows().isEmpty(), f + " has no rows");
        }
    }

    /** The tables this module specifies open with their # source: lines. */
    @Test
    void specifiedTablesStartWithTheirSources() {
        List<String> files = new ArrayList<>(FLAG_TABLES);
        files.addAll(VALUE_TABLES);
        files.addAll(List.of(Errno.FILE, Signals.FILE, "sysctl.tsv", SyscallTable.FILE, LinuxSyscalls.FILE));
        for (String f : files) {
            Path p = Path.of("tables", f);
            Assumptions.assumeTrue(Sources.exists(p), "run from the syscall-maps module directory");
            assertTrue(Sources.lines(p).get(0).startsWith("# source: "), f + " does not start with # source:");
        }
    }

    @Test
    void constantTablesAreWellFormed() {
        for (String f : ALL_CONSTANT_TABLES) {
            ConstantTable t = ConstantTable.load(f);
            Set<String> names = new HashSet<>();
            for (ConstantTable.Entry e : t.entries()) {
                assertTrue(names.add(e.name()), f + ": " + e.name() + " twice");
                assertFalse(e.freebsd() == ConstantTable.ABSENT && e.linux() == ConstantTable.ABSENT,
                        f + ": " + e.name() + " is absent on both sides");
            }
        }
        for (String f : FLAG_TABLES) {
            for (ConstantTable.Entry e : ConstantTable.load(f).entries()) {
                if (e.freebsd() != ConstantTable.ABSENT) {
                    assertEquals(0, e.freebsd() & ~e.fbsdMask(), f + ": " + e.name() + " outside its FreeBSD mask");
                }
                if (e.linux() != ConstantTable.ABSENT) {
                    assertEquals(0, e.linux() & ~e.linuxMask(), f + ": " + e.name() + " outside its Linux mask");
                }
            }
        }
    }

    /** In value maps a FreeBSD value names one thing (aliases agree on the Linux side). */
    @Test
    void valueMapsAreFunctions() {
        for (String f : VALUE_TABLES) {
            Map<Long, Long> seen = new LinkedHashMap<>();
            for (ConstantTable.Entry e : ConstantTable.load(f).entries()) {
                if (e.freebsd() == ConstantTable.ABSENT) {
                    continue;
                }
                Long prev = seen.putIfAbsent(e.freebsd(), e.linux());
                if (prev != null) {
                    assertEquals(prev, e.linux(), f + ": FreeBSD value " + e.freebsd() + " maps two ways (" + e.name() + ")");
                }
            }
        }
    }

    @Test
    void spotChecks() {
        ConstantTable open = ConstantTable.load("open-flags.tsv");
        assertEquals(0x200, open.freebsd("O_CREAT"));
        assertEquals(0x40, open.linux("O_CREAT"));
        assertEquals(0x100000, open.freebsd("O_CLOEXEC"));
        assertEquals(0x80000, open.linux("O_CLOEXEC"));
        assertEquals(0x101000, open.linux("O_SYNC"));
        ConstantTable map = ConstantTable.load("mmap-flags.tsv");
        assertEquals(0x1000, map.freebsd("MAP_ANON"));
        assertEquals(0x20, map.linux("MAP_ANON"));
        assertEquals(0x20000, map.linux("MAP_STACK"));
        assertEquals(0x40, map.linux("MAP_32BIT"));
        assertEquals(0x8000, map.linux("MAP_PREFAULT_READ"));
        ConstantTable at = ConstantTable.load("at-flags.tsv");
        assertEquals(0x800, at.freebsd("AT_REMOVEDIR"));
        assertEquals(0x200, at.linux("AT_REMOVEDIR"));
        assertEquals(0x200, at.linux("AT_EACCESS"));
        ConstantTable clk = ConstantTable.load("clock-ids.tsv");
        assertEquals(4, clk.freebsd("CLOCK_MONOTONIC"));
        assertEquals(1, clk.linux("CLOCK_MONOTONIC"));
        ValueMap clocks = ValueMap.of(clk);
        assertEquals(1, clocks.toLinux(5)); // CLOCK_UPTIME
        assertEquals(6, clocks.toLinux(12)); // CLOCK_MONOTONIC_FAST -> MONOTONIC_COARSE
        assertEquals(-7, clocks.toLinux(1)); // CLOCK_VIRTUAL: Linux MAKE_PROCESS_CPUCLOCK(0, CPUCLOCK_VIRT)
        assertEquals(-8, clocks.toLinux(2)); // CLOCK_PROF: MAKE_PROCESS_CPUCLOCK(0, CPUCLOCK_PROF)
        assertEquals(4, clocks.toFreebsd(1));
        assertEquals(0, clocks.toFreebsd(0));
        ConstantTable rl = ConstantTable.load("rlimits.tsv");
        assertEquals(8, rl.freebsd("RLIMIT_NOFILE"));
        assertEquals(7, rl.linux("RLIMIT_NOFILE"));
        assertEquals(7, ValueMap.of(rl).toLinux(8));
        ConstantTable rlv = ConstantTable.load("rlimit-values.tsv");
        assertEquals(Long.MAX_VALUE, rlv.freebsd("RLIM_INFINITY"));
        assertEquals(-1L, rlv.linux("RLIM_INFINITY"));
        ConstantTable io = ConstantTable.load("ioctls.tsv");
        assertEquals(0x402c7413L, io.freebsd("TIOCGETA"));
        assertEquals(0x5401, io.linux("TIOCGETA"));
        assertEquals(0x4004667fL, io.freebsd("FIONREAD"));
        assertEquals(0x541b, io.linux("FIONREAD"));
        assertEquals(0x40087468L, io.freebsd("TIOCGWINSZ"));
        assertEquals(0x5413, io.linux("TIOCGWINSZ"));
        ConstantTable how = ConstantTable.load("sigprocmask-how.tsv");
        assertEquals(0, ValueMap.of(how).toLinux(1));
        assertEquals(3, ValueMap.of(how).toFreebsd(2));
        ConstantTable ops = ConstantTable.load("sysarch-ops.tsv");
        assertEquals(129, ops.freebsd("AMD64_SET_FSBASE"));
        assertEquals(0x1002, ops.linux("AMD64_SET_FSBASE"));
        ConstantTable cc = ConstantTable.load("termios-cc.tsv");
        assertEquals(0, cc.linux("VINTR"));
        assertEquals(8, cc.freebsd("VINTR"));
        ConstantTable speeds = ConstantTable.load("termios-speeds.tsv");
        assertEquals(0xd, speeds.linux("B9600"));
        assertEquals(0x1002, speeds.linux("B115200"));
        assertEquals(9600, speeds.freebsd("B9600"));
        ConstantTable auxv = ConstantTable.load("auxv.tsv");
        assertEquals(6, auxv.freebsd("AT_PAGESZ"));
        assertEquals(18, auxv.freebsd("AT_OSRELDATE"));
        assertEquals(23, auxv.linux("LINUX_AT_SECURE"));
    }

    /** The socket tables: the numbers that differ between the two systems, stated once more. */
    @Test
    void socketSpotChecks() {
        ValueMap af = ValueMap.load("socket-domains.tsv");
        assertEquals(10, af.toLinux(28));
        assertEquals(28, af.toFreebsd(10));
        assertEquals(1, ValueMap.load("sockopt-levels.tsv").toLinux(0xffff));
        ValueMap so = ValueMap.load("sockopt-socket.tsv");
        assertEquals(2, so.toLinux(4)); // SO_REUSEADDR
        assertEquals(9, so.toLinux(8)); // SO_KEEPALIVE
        assertEquals(6, so.toLinux(0x20)); // SO_BROADCAST
        assertEquals(13, so.toLinux(0x80)); // SO_LINGER
        assertEquals(7, so.toLinux(0x1001)); // SO_SNDBUF
        assertEquals(8, so.toLinux(0x1002)); // SO_RCVBUF
        assertEquals(4, so.toLinux(0x1007)); // SO_ERROR
        assertEquals(3, so.toLinux(0x1008)); // SO_TYPE
        assertEquals(15, so.toLinux(0x200)); // SO_REUSEPORT
        assertEquals(ValueMap.NONE, so.toLinux(0x800)); // SO_NOSIGPIPE
        ValueMap tcp = ValueMap.load("sockopt-tcp.tsv");
        assertEquals(4, tcp.toLinux(256));
        assertEquals(5, tcp.toLinux(512));
        assertEquals(6, tcp.toLinux(1024));
        assertEquals(26, ValueMap.load("sockopt-ipv6.tsv").toLinux(27));
        FlagMap sf = FlagMap.load("socket-flags.tsv");
        assertEquals(0x80000 | 0x800, sf.toLinux(0x10000000 | 0x20000000));
        FlagMap msg = FlagMap.load("msg-flags.tsv");
        assertEquals(0x4000 | 0x40, msg.toLinux(0x20000 | 0x80)); // NOSIGNAL|DONTWAIT
        assertEquals(0x10 | 0x20, msg.toFreebsd(0x20 | 0x8)); // TRUNC|CTRUNC
        FlagMap poll = FlagMap.load("poll-events.tsv");
        assertEquals(0x1 | 0x4 | 0x100, poll.toLinux(0x1 | 0x4)); // POLLIN|POLLOUT(=POLLWRNORM)
        assertEquals(0x4, poll.toFreebsd(0x104));
        assertEquals(0x100, poll.toFreebsd(0x200)); // POLLWRBAND
        assertEquals(0x4000, poll.toFreebsd(0x2000)); // POLLRDHUP
        assertEquals(0x11, poll.toFreebsd(0x11));
    }

    @Test
    void openFlagsRoundTrip() {
        FlagMap open = flags("open-flags.tsv");
        long fbsd = 0x2 | 0x200 | 0x100000; // O_RDWR | O_CREAT | O_CLOEXEC
        assertEquals(0x2 | 0x40 | 0x80000, open.toLinux(fbsd));
        assertEquals(fbsd, open.toFreebsd(0x2 | 0x40 | 0x80000));
        assertEquals(0, open.toLinux(0)); // O_RDONLY
        assertEquals(0x1 | 0x400 | 0x800, open.toLinux(0x1 | 0x8 | 0x4)); // O_WRONLY|O_APPEND|O_NONBLOCK
        assertEquals(0, open.unknownFreebsd(fbsd));
        assertEquals(0x40000000L, open.unknownFreebsd(0x40000000L));
        assertEquals(0x10, open.untranslatableFreebsd(0x10 | 0x200)); // O_SHLOCK
        assertEquals("O_RDWR|O_CREAT|O_CLOEXEC", open.describeFreebsd(fbsd));
    }

    @Test
    void csizeFieldTranslation() {
        FlagMap c = flags("termios-cflag.tsv");
        assertEquals(0x30 | 0x80, c.toLinux(0x300 | 0x800)); // CS8 | CREAD
        assertEquals(0x20, c.toLinux(0x200)); // CS7
        assertEquals(0x0, c.toLinux(0x0)); // CS5
        assertEquals(0x300, c.toFreebsd(0x30));
        assertEquals(0x100, c.toFreebsd(0x10));
        assertEquals(0x30000, c.toFreebsd(0x80000000L)); // CRTSCTS
        assertEquals(0x80000000L, c.toLinux(0x30000));
        assertEquals(0, c.toLinux(0x10000)); // CCTS_OFLOW alone has no Linux bit
        FlagMap o = flags("termios-oflag.tsv");
        assertEquals(0x1800 | 0x1 | 0x4, o.toLinux(0x4 | 0x1 | 0x2)); // TAB3|OPOST|ONLCR
        assertEquals(0x4, o.toFreebsd(0x1800));
        FlagMap l = flags("termios-lflag.tsv");
        assertEquals(0x1 | 0x2 | 0x8, l.toLinux(0x80 | 0x100 | 0x8)); // ISIG|ICANON|ECHO
        assertEquals(0x80000000L, l.toFreebsd(0x80)); // NOFLSH
    }

    @Test
    void mmapFlagsTranslation() {
        FlagMap m = flags("mmap-flags.tsv");
        assertEquals(0x02 | 0x20 | 0x10, m.toLinux(0x02 | 0x1000 | 0x10)); // PRIVATE|ANON|FIXED
        assertEquals(0x20000, m.toLinux(0x400));
        assertEquals(0, m.unknownFreebsd(0x1000000)); // MAP_ALIGNED_SUPER is known
        assertEquals(0x1000000, m.untranslatableFreebsd(0x1000000 | 0x2));
        assertEquals(0x1000 | 0x2, m.toFreebsd(0x20 | 0x2));
    }

    /**
     * The most valuable check: every FreeBSD value whose name Go's zerrors_freebsd_amd64.go also
     * defines must be Go's value.
     */
    @Test
    void freebsdValuesAgreeWithGo() {
        compareWithGo(Sources.GO_ZERRORS_FREEBSD, "FreeBSD", e -> e.name(), ConstantTable.Entry::freebsd, key -> false);
    }

    /** The same for the Linux column against Go's zerrors_linux_amd64.go. */
    @Test
    void linuxValuesAgreeWithGo() {
        compareWithGo(Sources.GO_ZERRORS_LINUX, "Linux", e -> e.linuxAs().equals("-") ? e.name() : e.linuxAs(),
                ConstantTable.Entry::linux, LINUX_GO_EXCEPTIONS::containsKey);
    }

    /**
     * Compares one column of every constant table with the same-named constants (errnos and
     * signals included) of one of Go's zerrors files.
     *
     * @param skip table-file:name keys with a known, documented difference
     */
    private static void compareWithGo(Path zerrors, String side,
                                      java.util.function.Function<ConstantTable.Entry, String> goName,
                                      java.util.function.ToLongFunction<ConstantTable.Entry> value,
                                      java.util.function.Predicate<String> skip) {
        Assumptions.assumeTrue(Sources.exists(zerrors), "Go " + side + " zerrors not installed");
        Map<String, Long> go = Sources.goConstants(zerrors);
        go.putAll(Sources.goTyped(zerrors, "Errno"));
        go.putAll(Sources.goTyped(zerrors, "Signal"));
        assertTrue(go.size() > 500, "parsed " + go.size());
        int compared = 0;
        List<String> bad = new ArrayList<>();
        for (Map.Entry<String, ConstantTable.Entry> fe : Sources.entries(ALL_CONSTANT_TABLES)) {
            ConstantTable.Entry e = fe.getValue();
            Long v = go.get(goName.apply(e));
            long mine = value.applyAsLong(e);
            if (v == null || mine == ConstantTable.ABSENT || skip.test(fe.getKey() + ":" + e.name())) {
                continue;
            }
            compared++;
            if (v != mine) {
                bad.add(fe.getKey() + ": " + e.name() + " table 0x" + Long.toHexString(mine)
                        + " Go 0x" + Long.toHexString(v));
            }
        }
        assertTrue(bad.isEmpty(), String.join("\n", bad));
        assertTrue(compared > 250, "only " + compared + " " + side + " values compared with Go");
        System.out.println(side + " constants compared with Go: " + compared);
    }

    /** Linux values against the UAPI headers themselves, for every same-named constant. */
    @Test
    void linuxValuesAgreeWithHeaders() {
        int compared = 0;
        List<String> bad = new ArrayList<>();
        for (Map.Entry<String, List<String>> t : LINUX_HEADERS.entrySet()) {
            Path[] paths = t.getValue().stream().map(Sources::include).toArray(Path[]::new);
            for (Path p : paths) {
                Assumptions.assumeTrue(Sources.exists(p), p + " not installed");
            }
            Map<String, Long> defs = Sources.cDefines(paths);
            for (ConstantTable.Entry e : ConstantTable.load(t.getKey()).entries()) {
                String name = !e.linuxAs().equals("-") ? e.linuxAs()
                        : e.name().startsWith("LINUX_") ? e.name().substring("LINUX_".length()) : e.name();
                Long v = defs.get(name);
                if (v == null || e.linux() == ConstantTable.ABSENT) {
                    continue;
                }
                compared++;
                if (v != e.linux()) {
                    bad.add(t.getKey() + ": " + e.name() + " table 0x" + Long.toHexString(e.linux())
                            + " header 0x" + Long.toHexString(v));
                }
            }
        }
        assertTrue(bad.isEmpty(), String.join("\n", bad));
        assertTrue(compared > 200, "only " + compared + " Linux values compared with the headers");
        System.out.println("Linux constants compared with UAPI headers: " + compared);
    }

    /** Every Linux-only row's name is a real Linux constant (headers, or Go for glibc-level ones). */
    @Test
    void linuxOnlyRowsNameRealConstants() {
        Map<String, Long> all = new LinkedHashMap<>();
        for (List<String> hs : LINUX_HEADERS.values()) {
            Path[] paths = hs.stream().map(Sources::include).toArray(Path[]::new);
            for (Path p : paths) {
                Assumptions.assumeTrue(Sources.exists(p), p + " not installed");
            }
            Sources.cDefines(paths).forEach(all::putIfAbsent);
        }
        for (String f : LINUX_HEADERS.keySet()) {
            for (ConstantTable.Entry e : ConstantTable.load(f).entries()) {
                if (e.freebsd() != ConstantTable.ABSENT) {
                    continue;
                }
                String name = !e.linuxAs().equals("-") ? e.linuxAs()
                        : e.name().startsWith("LINUX_") ? e.name().substring("LINUX_".length()) : e.name();
                assertTrue(all.containsKey(name), f + ": Linux-only " + e.name() + " not found in the headers");
                assertEquals((long) all.get(name), e.linux(), f + ": " + e.name());
            }
        }
    }

    /** statfs-fstypes.tsv: every named magic is linux/magic.h's value; names and flags well formed. */
    @Test
    void statfsTypesAgreeWithMagicH() {
        TsvTable t = TsvTable.load("statfs-fstypes.tsv");
        int cType = t.column("linux_fstype");
        int cMagic = t.column("magic");
        int cName = t.column("magic_name");
        int cFbsd = t.column("fstypename");
        Set<String> types = new HashSet<>();
        for (String[] r : t.rows()) {
            assertTrue(types.add(r[cType].trim()), "type twice: " + r[cType]);
            assertNotNull(TsvTable.parseNumber(r[cMagic].trim()), r[cType] + ": magic");
            String fb = r[cFbsd].trim();
            assertTrue(!fb.isEmpty() && fb.length() < 16, r[cType] + ": f_fstypename must fit MFSNAMELEN (16)");
            for (String col : List.of("local", "vnode")) {
                String v = r[t.column(col)].trim();
                assertTrue(v.equals("yes") || v.equals("no"), r[cType] + ": " + col + " " + v);
            }
            String tn = r[t.column("typenum")].trim();
            assertTrue(tn.equals("-") || TsvTable.parseNumber(tn) != null, r[cType] + ": typenum " + tn);
        }
        Path magic = Sources.include("linux/magic.h");
        Assumptions.assumeTrue(Sources.exists(magic), "linux/magic.h not installed");
        Map<String, Long> defs = Sources.cDefines(magic);
        int compared = 0;
        for (String[] r : t.rows()) {
            String name = r[cName].trim();
            if (name.equals("-")) {
                continue;
            }
            assertTrue(defs.containsKey(name), name + " not in linux/magic.h");
            assertEquals((long) defs.get(name), (long) TsvTable.parseNumber(r[cMagic].trim()), r[cType] + ": " + name);
            compared++;
        }
        assertTrue(compared > 20, "only " + compared + " magics compared");
    }

    @Test
    void sysctlTreeIsConsistent() {
        TsvTable t = TsvTable.load("sysctl.tsv");
        int cName = t.column("name");
        int cOid = t.column("oid");
        int cType = t.column("type");
        int cValue = t.column("value");
        int cNote = t.column("note");
        Set<String> types = Set.of("node", "string", "int", "uint", "long", "ulong", "opaque");
        Set<String> keys = Set.of("$hostname", "$ncpu", "$physmem", "$usermem", "$realmem", "$pagesize",
                "$pagesizes", "$arandom", "$usrstack", "$ps_strings", "$pathname", "$boottime", "$version",
                "$maxfiles", "$maxfilesperproc", "$clockrate", "$hostid", "$routetable");
        Pattern oidPattern = Pattern.compile("(0|[1-9][0-9]*)(\\.(0|[1-9][0-9]*))*");
        Map<String, String> oidByName = new LinkedHashMap<>();
        Map<String, String> typeByName = new LinkedHashMap<>();
        Set<String> oids = new HashSet<>();
        for (String[] r : t.rows()) {
            String name = r[cName].trim();
            String oid = r[cOid].trim();
            String type = r[cType].trim();
            String value = r[cValue].trim();
            assertTrue(oidPattern.matcher(oid).matches(), name + ": oid " + oid);
            assertTrue(types.contains(type), name + ": type " + type);
            assertTrue(oids.add(oid), "oid twice: " + oid);
            assertEquals(null, oidByName.put(name, oid), "name twice: " + name);
            typeByName.put(name, type);
            assertFalse(r[cNote].isBlank(), name + " has no note");
            int dot = name.lastIndexOf('.');
            if (dot > 0) {
                String parent = name.substring(0, dot);
                assertEquals("node", typeByName.get(parent), name + ": parent " + parent + " is not an earlier node row");
                assertEquals(oidByName.get(parent), oid.substring(0, oid.lastIndexOf('.')), name + ": oid not under its parent");
            } else {
                assertFalse(oid.contains("."), name);
            }
            if (type.equals("node")) {
                assertEquals("-", value, name);
            } else if (value.startsWith("$")) {
                assertTrue(keys.contains(value), name + ": unknown dynamic key " + value);
            } else if (!name.startsWith("sysctl.")) {
                assertFalse(value.equals("-") || value.isEmpty(), name + " has no value");
                if (type.equals("int") || type.equals("uint") || type.equals("long") || type.equals("ulong")) {
                    assertNotNull(TsvTable.parseNumber(value), name);
                }
            }
        }
        // fixed OIDs from sys/sys/sysctl.h
        Map<String, String> fixed = Map.ofEntries(
                Map.entry("kern", "1"), Map.entry("vm", "2"), Map.entry("net", "4"), Map.entry("net.routetable", "4.17"), Map.entry("hw", "6"), Map.entry("user", "8"),
                Map.entry("kern.ostype", "1.1"), Map.entry("kern.osrelease", "1.2"),
                Map.entry("kern.osrevision", "1.3"), Map.entry("kern.version", "1.4"),
                Map.entry("kern.maxfiles", "1.7"), Map.entry("kern.argmax", "1.8"),
                Map.entry("kern.hostname", "1.10"), Map.entry("kern.hostid", "1.11"),
                Map.entry("kern.clockrate", "1.12"), Map.entry("kern.proc", "1.14"),
                Map.entry("kern.proc.pathname", "1.14.12"), Map.entry("kern.boottime", "1.21"),
                Map.entry("kern.osreldate", "1.24"), Map.entry("kern.maxfilesperproc", "1.27"),
                Map.entry("kern.ps_strings", "1.32"), Map.entry("kern.usrstack", "1.33"),
                Map.entry("kern.iov_max", "1.35"), Map.entry("kern.arandom", "1.37"),
                Map.entry("hw.machine", "6.1"), Map.entry("hw.ncpu", "6.3"), Map.entry("hw.byteorder", "6.4"),
                Map.entry("hw.physmem", "6.5"), Map.entry("hw.usermem", "6.6"), Map.entry("hw.pagesize", "6.7"),
                Map.entry("hw.floatingpt", "6.10"), Map.entry("hw.machine_arch", "6.11"),
                Map.entry("hw.realmem", "6.12"), Map.entry("user.cs_path", "8.1"),
                Map.entry("vm.overcommit", "2.12"), Map.entry("sysctl.next", "0.2"),
                Map.entry("sysctl.name2oid", "0.3"), Map.entry("sysctl.oidfmt", "0.4"));
        for (Map.Entry<String, String> e : fixed.entrySet()) {
            assertEquals(e.getValue(), oidByName.get(e.getKey()), e.getKey());
        }
        // names with no fixed OID sit at CTL_AUTO_START (0x100) or above
        for (String n : List.of("kern.smp", "kern.smp.cpus", "kern.smp.maxcpus", "hw.pagesizes")) {
            String oid = oidByName.get(n);
            assertNotNull(oid, n);
            assertTrue(Integer.parseInt(oid.substring(oid.lastIndexOf('.') + 1)) >= 0x100, n + " " + oid);
        }
        // Go's runtime asks for hw.pagesize by number, kern.smp.maxcpus and kern.osreldate by name
        Assumptions.assumeTrue(Sources.exists(Sources.GO_SYSCALL.resolveSibling("runtime/os_freebsd.go")));
        Map<String, Long> goRt = new LinkedHashMap<>();
        for (String line : Sources.lines(Sources.GO_SYSCALL.resolveSibling("runtime/os_freebsd.go"))) {
            java.util.regex.Matcher m = Pattern.compile("^\\s*_(CTL_HW|HW_PAGESIZE|CTL_QUERY|CTL_QUERY_MIB)\\s*=\\s*(\\d+)").matcher(line);
            if (m.find()) {
                goRt.put(m.group(1), Long.parseLong(m.group(2)));
            }
        }
        assertEquals(goRt.get("CTL_HW") + "." + goRt.get("HW_PAGESIZE"), oidByName.get("hw.pagesize"));
        assertEquals(goRt.get("CTL_QUERY") + "." + goRt.get("CTL_QUERY_MIB"), oidByName.get("sysctl.name2oid"));
    }
}
