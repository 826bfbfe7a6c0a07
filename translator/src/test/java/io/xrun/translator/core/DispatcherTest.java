package io.xrun.translator.core;

import io.xrun.maps.SyscallTable;
import io.xrun.translator.handlers.FreebsdHandlers;
import io.xrun.translator.nativeapi.NativeBuffer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The critical path with no kernel in the loop: registers in, Linux call out, Linux result
 * in, FreeBSD return convention out. Expected numbers come from the headers: FreeBSD
 * sys/kern/syscalls.master, sys/sys/fcntl.h, sys/sys/errno.h; Linux syscall_64.tbl,
 * asm-generic/fcntl.h, errno-base.h.
 */
class DispatcherTest {
    static final long BASE = 0x10000000L;
    RegisterFile regs;
    BufferGuestMemory mem;
    Dispatcher d;
    GuestThread t;
    List<int[]> signals;

    @BeforeEach
    void setUp() {
        SyscallTable table = SyscallTable.freebsdAmd64();
        signals = new ArrayList<>();
        NosysPolicy nosys = new NosysPolicy(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()),
                (pid, tid, sig) -> signals.add(new int[] {pid, tid, sig}));
        d = new Dispatcher(table, FreebsdHandlers.registry(table), nosys, null, new NativeBuffer(64 * 1024));
        regs = new RegisterFile();
        mem = new BufferGuestMemory(BASE, 1 << 20);
        GuestProcess p = new GuestProcess(100, table.maxNumber() + 1);
        p.execed("/bin/prog", false, 0, 0);
        p.useStackScratch(); // no arena prelude: scratch below the (buffer-backed) stack
        t = new GuestThread(100, p);
    }

    void enter(long nr, long... args) {
        regs.setOrigRax(nr);
        regs.setRax(nr);
        regs.setRsp(BASE + (1 << 19));
        regs.setRip(0x401000);
        regs.setEflags(0x202);
        for (int i = 0; i < 6; i++) {
            regs.setArg(i, i < args.length ? args[i] : 0);
        }
        d.enter(t, regs, mem);
    }

    void exit(long linuxRax) {
        regs.setRax(linuxRax);
        d.exit(t, regs, mem);
    }

    boolean carry() {
        return (regs.eflags() & 1) != 0;
    }

    @Test
    void renumbersAndKeepsSuccessConvention() {
        enter(20); // FreeBSD getpid
        assertEquals(39, regs.origRax(), "Linux getpid");
        exit(4242);
        assertEquals(4242, regs.rax());
        assertFalse(carry());
    }

    @Test
    void translatesOpenFlagsAndErrno() {
        // FreeBSD O_WRONLY|O_CREAT|O_TRUNC|O_CLOEXEC = 0x1|0x200|0x400|0x100000
        enter(5, BASE, 0x1 | 0x200 | 0x400 | 0x100000, 0644);
        assertEquals(2, regs.origRax(), "Linux open");
        // Linux O_WRONLY|O_CREAT|O_TRUNC|O_CLOEXEC = 0x1|0x40|0x200|0x80000
        assertEquals(0x1 | 0x40 | 0x200 | 0x80000, regs.arg(1));
        exit(-13); // Linux EACCES
        assertTrue(carry());
        assertEquals(13, regs.rax(), "FreeBSD EACCES");
        assertEquals(0x1 | 0x200 | 0x400 | 0x100000, regs.arg(1), "argument registers are restored");
    }

    @Test
    void errnoAbove34IsRenumbered() {
        enter(3, 0, BASE, 16); // read
        exit(-11); // Linux EAGAIN
        assertTrue(carry());
        assertEquals(35, regs.rax(), "FreeBSD EAGAIN");
        enter(3, 0, BASE, 16);
        exit(-38); // Linux ENOSYS
        assertEquals(78, regs.rax(), "FreeBSD ENOSYS");
    }

    @Test
    void unsupportedSyscallGetsEnosysAndSigsys() {
        enter(419); // reserved in syscalls.master
        assertEquals(-1, regs.origRax(), "nothing reaches Linux");
        exit(-38);
        assertTrue(carry());
        assertEquals(78, regs.rax());
        assertEquals(1, signals.size());
        assertEquals(31, signals.get(0)[2], "Linux SIGSYS");
        t.process().setSigsysIgnored(true);
        enter(419);
        exit(-38);
        assertEquals(78, regs.rax());
        assertEquals(1, signals.size(), "SIGSYS ignored: ENOSYS only");
    }

    @Test
    void numbersOutsideTheTableAreNeverPassedThrough() {
        enter(100000);
        assertEquals(-1, regs.origRax());
        exit(-38);
        assertEquals(78, regs.rax());
    }

    @Test
    void indirectSyscallShiftsArguments() {
        enter(0, 4, 1, BASE, 5); // syscall(SYS_write, 1, buf, 5)
        assertEquals(1, regs.origRax(), "Linux write");
        assertEquals(1, regs.arg(0));
        assertEquals(BASE, regs.arg(1));
        assertEquals(5, regs.arg(2));
        exit(5);
        assertEquals(5, regs.rax());
        assertEquals(4, regs.rdi(), "FreeBSD registers restored");
    }

    @Test
    void interruptedCallRestartsWithFreebsdRegisters() {
        enter(3, 0, BASE, 16);
        exit(-512); // ERESTARTSYS
        assertEquals(3, regs.rax(), "FreeBSD number back in rax");
        assertEquals(0x401000 - 2, regs.rip(), "back over the syscall instruction");
        assertEquals(-1, regs.origRax(), "Linux's own restart disabled");
    }

    @Test
    void fstatConvertsTheStruct() {
        long st = BASE + 4096;
        enter(551, 3, st);
        assertEquals(5, regs.origRax(), "Linux fstat");
        NativeBuffer m = mem.backing();
        m.putLong(4096 + 48, 12345); // Linux st_size
        m.putInt(4096 + 24, 0100644);
        exit(0);
        assertFalse(carry());
        assertEquals(12345, m.getLong(4096 + 112), "FreeBSD st_size");
        assertEquals((short) 0100644, m.getShort(4096 + 24));
    }

    @Test
    void oldPipeReturnsBothDescriptors() {
        enter(42);
        assertEquals(293, regs.origRax(), "Linux pipe2");
        long fds = regs.arg(0);
        NativeBuffer b = new NativeBuffer(8);
        b.putInt(0, 5);
        b.putInt(4, 6);
        mem.write(fds, b, 0, 8);
        exit(0);
        assertEquals(5, regs.rax());
        assertEquals(6, regs.rdx(), "second fd in rdx (td_retval[1])");
    }

    @Test
    void sysctlKernOstypeIsEmulated() {
        NativeBuffer m = mem.backing();
        m.putInt(0, 1); // CTL_KERN
        m.putInt(4, 1); // KERN_OSTYPE
        m.putLong(64, 256); // oldlen
        enter(202, BASE, 2, BASE + 128, BASE + 64, 0, 0);
        assertEquals(-1, regs.origRax());
        exit(-38);
        assertFalse(carry());
        assertEquals(0, regs.rax());
        assertEquals(8, m.getLong(64), "strlen(\"FreeBSD\") + 1");
        assertEquals("FreeBSD", m.getString(128, 7));
        // too small a buffer: the bytes that fit, and ENOMEM (kern_sysctl.c)
        m.putLong(64, 3);
        enter(202, BASE, 2, BASE + 128, BASE + 64, 0, 0);
        exit(-38);
        assertTrue(carry());
        assertEquals(12, regs.rax(), "FreeBSD ENOMEM");
        assertEquals(3, m.getLong(64));
    }

    @Test
    void sysctlNetRoutetableFollowsKernSysctlSemantics() {
        NativeBuffer m = mem.backing();
        int[] mib = {4, 17, 0, 0, 3, 0}; // CTL_NET, PF_ROUTE, 0, AF_UNSPEC, NET_RT_IFLIST, all
        for (int i = 0; i < mib.length; i++) {
            m.putInt(4 * i, mib[i]);
        }
        // NULL old: the size only
        m.putLong(64, 0);
        enter(202, BASE, 6, 0, BASE + 64, 0, 0);
        exit(-38);
        assertFalse(carry());
        long size = m.getLong(64);
        org.junit.jupiter.api.Assumptions.assumeTrue(size > 0, "no network interfaces here");
        assertTrue(size >= 168 + 56, "at least one RTM_IFINFO");
        // a full buffer: every message, starting with an RTM_IFINFO of version 5
        m.putLong(64, 65536);
        enter(202, BASE, 6, BASE + 4096, BASE + 64, 0, 0);
        exit(-38);
        assertFalse(carry());
        assertEquals(size, m.getLong(64));
        assertEquals(5, m.getByte(4096 + 2), "RTM_VERSION");
        assertEquals(0xe, m.getByte(4096 + 3), "RTM_IFINFO");
        // too small: the bytes that fit, *oldlenp = them, ENOMEM
        m.putLong(64, 10);
        enter(202, BASE, 6, BASE + 4096, BASE + 64, 0, 0);
        exit(-38);
        assertTrue(carry());
        assertEquals(12, regs.rax(), "FreeBSD ENOMEM");
        assertEquals(10, m.getLong(64));
        // a new value: EPERM; too short a name: EISDIR; too long: ENOTDIR
        m.putLong(64, 65536);
        enter(202, BASE, 6, BASE + 4096, BASE + 64, BASE + 2048, 4);
        exit(-38);
        assertEquals(1, regs.rax(), "EPERM");
        enter(202, BASE, 5, BASE + 4096, BASE + 64, 0, 0);
        exit(-38);
        assertEquals(21, regs.rax(), "EISDIR");
        enter(202, BASE, 7, BASE + 4096, BASE + 64, 0, 0);
        exit(-38);
        assertEquals(20, regs.rax(), "ENOTDIR");
        // the route-table dump is not emulated
        m.putInt(16, 1); // NET_RT_DUMP
        enter(202, BASE, 6, BASE + 4096, BASE + 64, 0, 0);
        exit(-38);
        assertEquals(45, regs.rax(), "EOPNOTSUPP");
    }
}
