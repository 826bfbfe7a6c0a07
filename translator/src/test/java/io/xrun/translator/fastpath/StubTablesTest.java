package io.xrun.translator.fastpath;

import io.xrun.maps.SyscallTable;
import io.xrun.translator.core.Dispatcher;
import io.xrun.translator.core.GuestProcess;
import io.xrun.translator.core.NosysPolicy;
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

    static {
        SyscallTable table = SyscallTable.freebsdAmd64();
        NosysPolicy nosys = new NosysPolicy(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()),
                (pid, tid, sig) -> { });
        D = new Dispatcher(table, FreebsdHandlers.registry(table), nosys, null, new NativeBuffer(4096));
        T = StubTables.build(D);
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
    }

    @Test
    void callsTheSupervisorMustSeeAreNot() {
        assertEquals(-1, fast(0));    // syscall(2): the number is an argument
        assertEquals(-1, fast(54));   // ioctl: requests and their structs differ
        assertEquals(-1, fast(232));  // clock_gettime: clock ids differ
        assertEquals(-1, fast(551));  // fstat: struct stat differs
        assertEquals(-1, fast(1));    // exit: Linux exit_group, another name
        assertEquals(-1, fast(10));   // unlink: has an errno override (EISDIR -> EPERM)
        assertEquals(-1, fast(700));  // past the table's rows
        assertEquals(-1, fast(StubCode.NUMBERS - 1));
    }

    @Test
    void openAndOpenatCarryTheKindThatTranslatesTheirFlags() {
        // Linux open 2 with O_* flags in argument 1; openat 257 with them in argument 2
        assertEquals(2 | (StubKinds.OPEN_FLAGS_KIND + 1) << 16, fast(5));
        assertEquals(257 | (StubKinds.OPEN_FLAGS_KIND + 2) << 16, fast(499));
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
