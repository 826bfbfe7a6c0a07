package io.xrun.maps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * at-flags.tsv's syscalls column (AtFlags): the AT_* flags each FreeBSD *at syscall accepts.
 * Values from FreeBSD sys/sys/fcntl.h (AT_EACCESS 0x100, AT_SYMLINK_NOFOLLOW 0x200,
 * AT_SYMLINK_FOLLOW 0x400, AT_REMOVEDIR 0x800, AT_RESOLVE_BENEATH 0x2000, AT_EMPTY_PATH 0x4000)
 * and the flag check each syscall starts with in sys/kern/vfs_syscalls.c.
 */
class AtFlagsTest {
    private static final long EACCESS = 0x100, NOFOLLOW = 0x200, FOLLOW = 0x400, REMOVEDIR = 0x800,
            BENEATH = 0x2000, EMPTY_PATH = 0x4000;

    private final SyscallTable table = SyscallTable.freebsdAmd64();

    @Test
    void eachSyscallAcceptsWhatFreebsdChecksFor() {
        // kern_accessat: flag & ~(AT_EACCESS | AT_RESOLVE_BENEATH | AT_EMPTY_PATH) -> EINVAL
        assertEquals(EACCESS | BENEATH | EMPTY_PATH, AtFlags.accepted("faccessat"));
        // kern_fchmodat, kern_fchownat, kern_statat, kern_chflagsat, kern_utimensat:
        // AT_SYMLINK_NOFOLLOW | AT_RESOLVE_BENEATH | AT_EMPTY_PATH
        for (String s : new String[] {"fchmodat", "fchownat", "fstatat", "freebsd11_fstatat", "chflagsat", "utimensat"}) {
            assertEquals(NOFOLLOW | BENEATH | EMPTY_PATH, AtFlags.accepted(s), s);
        }
        // kern_linkat: AT_SYMLINK_FOLLOW | AT_RESOLVE_BENEATH | AT_EMPTY_PATH
        assertEquals(FOLLOW | BENEATH | EMPTY_PATH, AtFlags.accepted("linkat"));
        // kern_funlinkat_ex (unlinkat and funlinkat): AT_REMOVEDIR | AT_RESOLVE_BENEATH
        assertEquals(REMOVEDIR | BENEATH, AtFlags.accepted("unlinkat"));
        assertEquals(REMOVEDIR | BENEATH, AtFlags.accepted("funlinkat"));
        // kern_getfhat: AT_SYMLINK_NOFOLLOW | AT_RESOLVE_BENEATH
        assertEquals(NOFOLLOW | BENEATH, AtFlags.accepted("getfhat"));
        assertEquals(11, AtFlags.all().size(), AtFlags.all().keySet().toString());
    }

    /** The bug this table exists for: the Linux 0x200 of one call is never reachable from the other. */
    @Test
    void theTwoMeaningsOfLinux0x200AreKeptApart() {
        assertEquals(0, AtFlags.accepted("unlinkat") & EACCESS, "unlinkat takes no AT_EACCESS");
        assertEquals(0, AtFlags.accepted("faccessat") & REMOVEDIR, "faccessat takes no AT_REMOVEDIR");
        for (String s : AtFlags.all().keySet()) {
            long m = AtFlags.accepted(s);
            assertFalse((m & EACCESS) != 0 && (m & REMOVEDIR) != 0, s + " accepts both flags Linux calls 0x200");
        }
    }

    @Test
    void aSyscallTheTableDoesNotNameFailsLoudly() {
        assertFalse(AtFlags.names("openat"));
        assertThrows(IllegalStateException.class, () -> AtFlags.accepted("openat"));
    }

    /** Every row with an atflags argument says which flags it accepts. */
    @Test
    void everyAtflagsRowHasAnAcceptedMask() {
        int rows = 0;
        for (SyscallRow r : table.rows()) {
            if (r.args().contains("atflags")) {
                rows++;
                assertTrue(AtFlags.names(r.name()), r.name() + " has an atflags argument but no row of "
                        + AtFlags.FILE + " names it (column syscalls)");
                assertTrue(AtFlags.accepted(r.name()) != 0, r.name() + " accepts no flag at all");
            }
        }
        assertTrue(rows >= 10, "only " + rows + " rows with atflags");
    }

    /** The masks name real syscalls and only flags of the table that exist on FreeBSD. */
    @Test
    void masksNameOnlyTableFlagsAndRealSyscalls() {
        ConstantTable t = ConstantTable.load(AtFlags.FILE);
        long freebsdBits = 0;
        for (ConstantTable.Entry e : t.entries()) {
            if (e.freebsd() != ConstantTable.ABSENT) {
                assertEquals(1, Long.bitCount(e.freebsd()), e.name() + " is not one bit");
                freebsdBits |= e.freebsd();
            }
        }
        for (Map.Entry<String, Long> e : AtFlags.all().entrySet()) {
            assertNotNull(table.byName(e.getKey()), AtFlags.FILE + " names " + e.getKey()
                    + ", which is no row of " + SyscallTable.FILE);
            assertEquals(0, e.getValue() & ~freebsdBits, e.getKey() + ": bits no row of the table names");
            // the stubs test ~mask as a sign-extended imm32 (fastpath.StubKinds)
            assertTrue(e.getValue() > 0 && e.getValue() <= Integer.MAX_VALUE, e.getKey());
        }
        // rows absent on FreeBSD (Linux-only flags) name no syscall
        TsvTable raw = TsvTable.load(AtFlags.FILE);
        for (String[] r : raw.rows()) {
            if (TsvTable.parseNumber(r[raw.column("freebsd")]) == null) {
                assertEquals("-", r[raw.column("syscalls")].trim(), r[raw.column("name")]);
            }
        }
    }
}
