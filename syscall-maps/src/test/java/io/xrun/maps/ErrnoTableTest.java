package io.xrun.maps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class ErrnoTableTest {
    /** FreeBSD 14 ELAST (sys/sys/errno.h, intro(2)). */
    static final int FREEBSD_ELAST = 97;
    static final int LINUX_MAX = 133;

    private final ConstantTable table = Errno.table();

    private static Map<String, Long> linuxHeaders() {
        Path base = Sources.include("asm-generic/errno-base.h");
        Path more = Sources.include("asm-generic/errno.h");
        Assumptions.assumeTrue(Sources.exists(base) && Sources.exists(more), "Linux errno headers not installed");
        Map<String, Long> m = Sources.cDefines(base, more);
        m.keySet().removeIf(k -> !k.startsWith("E") || k.startsWith("_"));
        return m;
    }

    @Test
    void loadsWithSourcesAndUniqueNames() {
        assertFalse(table.sources().isEmpty());
        Set<String> names = new HashSet<>();
        for (ConstantTable.Entry e : table.entries()) {
            assertTrue(names.add(e.name()), "twice: " + e.name());
            assertFalse(e.freebsd() == ConstantTable.ABSENT && e.linux() == ConstantTable.ABSENT, e.name());
            if (e.freebsd() != ConstantTable.ABSENT) {
                assertTrue(e.freebsd() >= 1 && e.freebsd() <= FREEBSD_ELAST, e.name() + " " + e.freebsd());
            }
            if (e.linux() != ConstantTable.ABSENT) {
                assertTrue(e.linux() >= 1 && e.linux() <= LINUX_MAX, e.name() + " " + e.linux() + " (no 512+ codes)");
            }
            if (e.onBoth()) {
                assertEquals("-", e.fallback(), e.name() + ": fallback on a two-sided row");
            } else {
                // the fallback names a row that has the missing side
                ConstantTable.Entry fb = table.byName(e.fallback());
                assertNotNull(fb, e.name() + ": fallback " + e.fallback() + " is not a row");
                if (e.freebsd() == ConstantTable.ABSENT) {
                    assertNotEquals(ConstantTable.ABSENT, fb.freebsd(), e.name() + " -> " + e.fallback());
                } else {
                    assertNotEquals(ConstantTable.ABSENT, fb.linux(), e.name() + " -> " + e.fallback());
                }
            }
        }
    }

    @Test
    void everyFreebsdErrnoMapsToLinuxAndBack() {
        for (int n = 1; n <= FREEBSD_ELAST; n++) {
            String name = Errno.freebsdName(n);
            assertNotEquals("E" + n, name, "no row for FreeBSD errno " + n);
            int l = Errno.toLinux(n);
            assertTrue(l > 0 && l <= LINUX_MAX, name + " -> " + l);
            ConstantTable.Entry e = table.byName(name);
            if (e.onBoth()) {
                assertEquals(n, Errno.toFreebsd(l), name + " round trip via Linux " + l);
            }
        }
        assertEquals(0, Errno.toLinux(0));
        assertEquals(0, Errno.toLinux(FREEBSD_ELAST + 1));
    }

    @Test
    void everyLinuxErrnoMapsToAFreebsdErrno() {
        Map<String, Long> linux = linuxHeaders();
        assertTrue(linux.size() >= 131, "parsed " + linux.size());
        for (Map.Entry<String, Long> e : linux.entrySet()) {
            ConstantTable.Entry row = table.byName(e.getKey());
            assertNotNull(row, "errno.tsv lacks Linux " + e.getKey());
            assertEquals((long) e.getValue(), row.linux(), e.getKey());
            int f = Errno.toFreebsd(e.getValue().intValue());
            assertTrue(f >= 1 && f <= FREEBSD_ELAST, e.getKey() + " -> FreeBSD " + f);
        }
        for (ConstantTable.Entry row : table.entries()) {
            if (row.linux() != ConstantTable.ABSENT && !row.name().equals("ENOTSUP")) {
                // ENOTSUP is a glibc alias (bits/errno.h), not in the UAPI headers
                assertEquals(row.linux(), (long) linux.get(row.name()), row.name() + " not in the Linux headers");
            }
        }
        assertEquals(0, Errno.toFreebsd(0));
        assertEquals(0, Errno.toFreebsd(512));
    }

    @Test
    void wellKnownValues() {
        assertEquals(35, table.freebsd("EAGAIN"));
        assertEquals(11, table.linux("EAGAIN"));
        assertEquals(78, table.freebsd("ENOSYS"));
        assertEquals(38, table.linux("ENOSYS"));
        assertEquals(11, table.freebsd("EDEADLK"));
        assertEquals(35, table.linux("EDEADLK"));
        assertEquals(11, Errno.toLinux(35));
        assertEquals(35, Errno.toFreebsd(11));
        assertEquals(35, Errno.toLinux(11));
        assertEquals(11, Errno.toFreebsd(35));
        assertEquals(78, Errno.FREEBSD_ENOSYS);
        assertEquals(22, Errno.FREEBSD_EINVAL);
        assertEquals(63, Errno.FREEBSD_ENAMETOOLONG);
        assertEquals(45, Errno.toFreebsd(95));
        assertEquals(95, Errno.toLinux(45));
        // aliases come after their canonical names
        assertEquals("EAGAIN", Errno.freebsdName(35));
        assertEquals("EOPNOTSUPP", Errno.freebsdName(45));
        assertEquals("EDEADLK", Errno.freebsdName(11));
        // one-sided names use their fallbacks
        assertEquals(Errno.toLinux((int) table.freebsd("EIO")), Errno.toLinux((int) table.freebsd("EINTEGRITY")));
        assertEquals(table.freebsd("ENOATTR"), Errno.toFreebsd(61)); // ENODATA
        assertEquals(table.freebsd("EDEADLK"), Errno.toFreebsd((int) table.linux("EDEADLOCK")));
    }

    /** FreeBSD values against Go's zerrors_freebsd_amd64.go ({@code E... = Errno(0x..)}). */
    @Test
    void freebsdValuesAgreeWithGo() {
        Assumptions.assumeTrue(Sources.exists(Sources.GO_ZERRORS_FREEBSD), "Go FreeBSD zerrors not installed");
        Map<String, Long> go = Sources.goTyped(Sources.GO_ZERRORS_FREEBSD, "Errno");
        assertTrue(go.size() > 90, "parsed " + go.size());
        for (Map.Entry<String, Long> e : go.entrySet()) {
            if (e.getKey().equals("ELAST")) {
                assertTrue(e.getValue() <= FREEBSD_ELAST);
                continue;
            }
            ConstantTable.Entry row = table.byName(e.getKey());
            assertNotNull(row, "errno.tsv lacks Go's FreeBSD " + e.getKey());
            assertEquals((long) e.getValue(), row.freebsd(), e.getKey());
        }
    }

    /** Linux values against Go's zerrors_linux_amd64.go. */
    @Test
    void linuxValuesAgreeWithGo() {
        Assumptions.assumeTrue(Sources.exists(Sources.GO_ZERRORS_LINUX), "Go Linux zerrors not installed");
        Map<String, Long> go = Sources.goTyped(Sources.GO_ZERRORS_LINUX, "Errno");
        assertTrue(go.size() > 120, "parsed " + go.size());
        int compared = 0;
        for (ConstantTable.Entry row : table.entries()) {
            Long v = go.get(row.name());
            if (v != null && row.linux() != ConstantTable.ABSENT) {
                assertEquals((long) v, row.linux(), row.name());
                compared++;
            }
        }
        assertTrue(compared > 120, "compared " + compared);
    }
}
