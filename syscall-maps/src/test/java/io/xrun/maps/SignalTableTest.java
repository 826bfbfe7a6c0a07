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

class SignalTableTest {
    static final int FREEBSD_SIGRTMIN = 65;
    static final int FREEBSD_SIGRTMAX = 126;
    /** First Linux realtime signal glibc leaves to applications (glibc SIGRTMIN). */
    static final int LINUX_APP_SIGRTMIN = 34;
    static final int LINUX_NSIG = 64;
    static final Set<String> FREEBSD_ONLY = Set.of("SIGEMT", "SIGINFO", "SIGTHR", "SIGLWP", "SIGLIBRT");
    static final Set<String> LINUX_ONLY = Set.of("SIGSTKFLT", "SIGPWR");

    private final ConstantTable table = Signals.table();

    private static Map<String, Long> linuxHeaders() {
        Path generic = Sources.include("x86_64-linux-gnu/bits/signum-generic.h");
        Path arch = Sources.include("x86_64-linux-gnu/bits/signum-arch.h");
        Assumptions.assumeTrue(Sources.exists(generic) && Sources.exists(arch), "glibc signum headers not installed");
        Map<String, Long> m = Sources.cDefines(generic, arch);
        m.keySet().removeIf(k -> !k.matches("SIG[A-Z0-9]+"));
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
                assertTrue(e.freebsd() >= 1 && e.freebsd() <= FREEBSD_SIGRTMAX, e.name());
            }
            if (e.linux() != ConstantTable.ABSENT) {
                assertTrue(e.linux() >= 1 && e.linux() <= LINUX_NSIG, e.name());
            }
            if (!e.fallback().equals("-")) {
                assertNotNull(table.byName(e.fallback()), e.name() + " -> " + e.fallback());
            }
        }
    }

    @Test
    void classicSignalsMapBothWays() {
        for (int f = 1; f <= 33; f++) {
            String name = Signals.freebsdName(f);
            assertNotEquals("SIG" + f, name, "no row for FreeBSD signal " + f);
            int l = Signals.toLinux(f);
            if (FREEBSD_ONLY.contains(name)) {
                assertEquals(0, l, name + " must stay untranslated");
            } else {
                assertTrue(l >= 1 && l <= 31, name + " -> " + l);
                assertEquals(f, Signals.toFreebsd(l), name + " round trip");
            }
        }
        for (int l = 1; l <= 31; l++) {
            int f = Signals.toFreebsd(l);
            if (l == 16 || l == 30) {
                assertEquals(0, f, "Linux SIGSTKFLT/SIGPWR have no FreeBSD signal");
            } else {
                assertTrue(f >= 1 && f <= 31, "Linux " + l + " -> " + f);
            }
        }
        assertEquals(0, Signals.toLinux(32)); // SIGTHR: the translator decides
        assertEquals(0, Signals.toLinux(33)); // SIGLIBRT
        assertEquals("SIGTHR", Signals.freebsdName(32));
        assertEquals("SIGABRT", Signals.freebsdName(6));
    }

    @Test
    void realtimeRange() {
        for (int i = 0; FREEBSD_SIGRTMIN + i <= FREEBSD_SIGRTMAX; i++) {
            int f = FREEBSD_SIGRTMIN + i;
            assertEquals("SIGRTMIN+" + i, Signals.freebsdName(f));
            int l = LINUX_APP_SIGRTMIN + i;
            if (l <= LINUX_NSIG) {
                assertEquals(l, Signals.toLinux(f), "SIGRTMIN+" + i);
                assertEquals(f, Signals.toFreebsd(l));
            } else {
                assertEquals(0, Signals.toLinux(f), "SIGRTMIN+" + i + " has no Linux signal");
            }
        }
        assertEquals(0, Signals.toFreebsd(32));
        assertEquals(0, Signals.toFreebsd(33));
        for (int f = 34; f < FREEBSD_SIGRTMIN; f++) {
            assertEquals(0, Signals.toLinux(f), "FreeBSD " + f + " is not a signal");
        }
    }

    @Test
    void wellKnownValues() {
        assertEquals(12, Signals.FREEBSD_SIGSYS);
        assertEquals(31, Signals.LINUX_SIGSYS);
        assertEquals(7, Signals.toLinux(10)); // SIGBUS
        assertEquals(17, Signals.toLinux(20)); // SIGCHLD
        assertEquals(10, Signals.toLinux(30)); // SIGUSR1
        assertEquals(19, Signals.toLinux(17)); // SIGSTOP
        assertEquals(23, Signals.toFreebsd(29)); // SIGIO
    }

    /** FreeBSD values against Go's zerrors_freebsd_amd64.go ({@code SIG... = Signal(0x..)}). */
    @Test
    void freebsdValuesAgreeWithGo() {
        Assumptions.assumeTrue(Sources.exists(Sources.GO_ZERRORS_FREEBSD), "Go FreeBSD zerrors not installed");
        Map<String, Long> go = Sources.goTyped(Sources.GO_ZERRORS_FREEBSD, "Signal");
        assertTrue(go.size() >= 33, "parsed " + go.size());
        for (Map.Entry<String, Long> e : go.entrySet()) {
            ConstantTable.Entry row = table.byName(e.getKey());
            assertNotNull(row, "signals.tsv lacks Go's FreeBSD " + e.getKey());
            assertEquals((long) e.getValue(), row.freebsd(), e.getKey());
        }
    }

    /** Linux values against glibc's signum headers and Go's zerrors_linux_amd64.go. */
    @Test
    void linuxValuesAgreeWithHeadersAndGo() {
        Map<String, Long> hdr = linuxHeaders();
        assertTrue(hdr.size() >= 31, "parsed " + hdr.size() + ": " + hdr);
        for (Map.Entry<String, Long> e : hdr.entrySet()) {
            ConstantTable.Entry row = table.byName(e.getKey());
            assertNotNull(row, "signals.tsv lacks Linux " + e.getKey());
            assertEquals((long) e.getValue(), row.linux(), e.getKey());
        }
        for (String n : LINUX_ONLY) {
            assertEquals(ConstantTable.ABSENT, table.byName(n).freebsd(), n);
        }
        Assumptions.assumeTrue(Sources.exists(Sources.GO_ZERRORS_LINUX), "Go Linux zerrors not installed");
        Map<String, Long> go = Sources.goTyped(Sources.GO_ZERRORS_LINUX, "Signal");
        int compared = 0;
        for (ConstantTable.Entry row : table.entries()) {
            Long v = go.get(row.name());
            if (v != null && row.linux() != ConstantTable.ABSENT) {
                assertEquals((long) v, row.linux(), row.name());
                compared++;
            }
        }
        assertTrue(compared >= 31, "compared " + compared);
    }

    /** The kernel's view of the realtime range (asm-generic/signal.h). */
    @Test
    void linuxKernelRealtimeBounds() {
        Path sig = Sources.include("asm-generic/signal.h");
        Assumptions.assumeTrue(Sources.exists(sig));
        Map<String, Long> m = Sources.cDefines(sig);
        assertEquals(LINUX_NSIG, (long) m.get("_NSIG"));
        assertEquals(32L, (long) m.get("SIGRTMIN"));
        assertEquals(32L, table.linux("LINUX_SIG32"));
        assertEquals(33L, table.linux("LINUX_SIG33"));
    }
}
