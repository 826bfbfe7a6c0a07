package io.xrun.translator.fastpath;

import io.xrun.maps.SyscallTable;
import io.xrun.translator.core.Dispatcher;
import io.xrun.translator.core.GuestProcess;
import io.xrun.translator.core.NosysPolicy;
import io.xrun.translator.core.StubShape;
import io.xrun.translator.handlers.FreebsdHandlers;
import io.xrun.translator.nativeapi.NativeBuffer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Numbers from FreeBSD sys/kern/syscalls.master and sys/sys/errno.h, Linux
 * arch/x86/entry/syscalls/syscall_64.tbl and include/uapi/asm-generic/errno*.h.
 */
class StubTablesTest {
    private static final byte[] T;
    private static final Dispatcher D;
    private static final StubKinds K;

    static {
        SyscallTable table = SyscallTable.freebsdAmd64();
        NosysPolicy nosys = new NosysPolicy(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()),
                (pid, tid, sig) -> { });
        D = new Dispatcher(table, FreebsdHandlers.registry(table), nosys, null, new NativeBuffer(4096));
        K = new StubKinds(D);
        T = StubTables.build(K);
    }

    /** The dispatcher of the FreeBSD table and handlers, as xrun builds it. */
    static Dispatcher dispatcher() {
        return D;
    }

    @Test
    void plainRenumberingsAreInTheFastTable() {
        assertEquals(39, fast(20));   // getpid -> getpid
        assertEquals(1, fast(4));     // write -> write
        assertEquals(0, fast(3));     // read -> read
        assertEquals(110, fast(39));  // getppid -> getppid
        assertEquals(3, fast(6));     // close -> close, in a process without kqueues (a new image)
    }

    @Test
    void closeNeedsTheSupervisorOnceTheProcessHasAKqueue() {
        // CloseHandler must then forget the descriptor's knotes (FreeBSD knote_fdclose)
        GuestProcess p = new GuestProcess(100, 600);
        p.execed("/bin/prog", false, 0, 0);
        assertEquals(3, D.plainNumber(6, p));
        p.setKqueues(new Object());
        assertEquals(-1, D.plainNumber(6, p));
        assertTrue(D.plainDependsOnProcess(6));
        assertFalse(D.plainDependsOnProcess(4));
        // ... for the descriptors it watches: the others still close in a stub, through the kind
        // that checks the watched-descriptor bitmap first
        assertEquals(3 | K.kindOf(6) << 16, K.entry(6, p));
        assertEquals(StubShape.plain(true), D.stubShape(6));
    }

    @Test
    void callsTheSupervisorMustSeeAreNot() {
        assertEquals(-1, fast(0));    // syscall(2): the number is an argument
        assertEquals(-1, fast(54));   // ioctl: requests and their structs differ
        assertEquals(-1, fast(232));  // clock_gettime: clock ids differ
        assertEquals(-1, fast(1));    // exit: Linux exit_group, another name
        assertEquals(-1, fast(189));  // freebsd11_fstat: the old struct can overflow (EOVERFLOW)
        assertEquals(-1, fast(560));  // kevent: the kqueue models are the supervisor's
        assertEquals(-1, fast(700));  // past the table's rows
        assertEquals(-1, fast(StubCode.NUMBERS - 1));
    }

    @Test
    void openAndOpenatCarryTheKindThatTranslatesTheirFlags() {
        // Linux open 2 with O_* flags in argument 1; openat 257 with them in argument 2
        assertEquals(2 | K.kindOf(5) << 16, fast(5));
        assertEquals(257 | K.kindOf(499) << 16, fast(499));
        assertEquals(StubShape.openFlags(1), D.stubShape(5));
        assertEquals(StubShape.openFlags(2), D.stubShape(499));
        assertTrue(K.kindOf(5) != 0 && K.kindOf(499) != 0 && K.kindOf(5) != K.kindOf(499));
    }

    @Test
    void statAtFlagsAndOverridesHaveTheirKinds() {
        // fstat: Linux fstat 5, struct stat in argument 1; fstatat: newfstatat 262, AT_* flags
        // in argument 3 and struct stat in argument 2 (syscalls.master, syscall_64.tbl)
        assertEquals(5 | K.kindOf(551) << 16, fast(551));
        assertEquals(new StubShape(-1, -1, 0, 1, false), D.stubShape(551));
        assertEquals(262 | K.kindOf(552) << 16, fast(552));
        // kern_statat accepts AT_SYMLINK_NOFOLLOW 0x200, AT_RESOLVE_BENEATH 0x2000, AT_EMPTY_PATH 0x4000
        assertEquals(new StubShape(-1, 3, 0x6200, 2, false), D.stubShape(552));
        // unlinkat: Linux 263, AT_* flags in argument 2, EISDIR -> EPERM (errno-overrides.tsv)
        assertEquals(263 | K.kindOf(503) << 16, fast(503));
        // kern_funlinkat_ex accepts AT_REMOVEDIR 0x800 and AT_RESOLVE_BENEATH 0x2000
        assertEquals(StubShape.atFlags(2, 0x2800), D.stubShape(503));
        // unlink: a renumbering (Linux 87) but for its override: a kind with nothing else to do
        assertEquals(87 | K.kindOf(10) << 16, fast(10));
        assertEquals(StubShape.plain(false), D.stubShape(10));
        // linkat: AT_* flags in argument 4, no override: another kind
        // kern_linkat: AT_SYMLINK_FOLLOW 0x400, AT_RESOLVE_BENEATH 0x2000, AT_EMPTY_PATH 0x4000
        assertEquals(StubShape.atFlags(4, 0x6400), D.stubShape(495));
        assertTrue(K.kindOf(495) != 0 && K.kindOf(495) != K.kindOf(503));
        // fchownat: Linux 260, AT_* flags in argument 4 like linkat, but another accepted mask
        // (kern_fchownat: AT_SYMLINK_NOFOLLOW | AT_RESOLVE_BENEATH | AT_EMPTY_PATH): another kind
        assertEquals(StubShape.atFlags(4, 0x6200), D.stubShape(491));
        assertEquals(260 | K.kindOf(491) << 16, fast(491));
        assertTrue(K.kindOf(491) != 0 && K.kindOf(491) != K.kindOf(495));
        // faccessat becomes faccessat2, not its namesake: the supervisor's
        assertEquals(null, D.stubShape(489));
        java.util.Set<Integer> distinct = new java.util.HashSet<>();
        for (int nr : new int[] {5, 499, 551, 552, 503, 10}) {
            distinct.add(K.kindOf(nr));
        }
        assertEquals(6, distinct.size());
    }

    @Test
    void errnosAreFreebsds() {
        int base = (int) (StubCode.ERRNO_TABLE - StubCode.BASE);
        assertEquals(2, T[base + 2]);     // ENOENT
        assertEquals(35, T[base + 11]);   // Linux EAGAIN 11 -> FreeBSD 35
        assertEquals(78, T[base + 38]);   // ENOSYS 38 -> 78
        assertEquals(22, T[base + 4095]); // no FreeBSD counterpart: EINVAL, as the supervisor answers
    }

    private static int fast(int nr) {
        return (T[4 * nr] & 0xff) | (T[4 * nr + 1] & 0xff) << 8 | (T[4 * nr + 2] & 0xff) << 16 | T[4 * nr + 3] << 24;
    }
}
