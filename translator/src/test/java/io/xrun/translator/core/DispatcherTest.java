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

    /** enter FreeBSD syscall nr: it must fail with FreeBSD EINVAL before any Linux call. */
    void refusedWithEinval(String what, long nr, long... args) {
        enter(nr, args);
        assertEquals(-1, regs.origRax(), what + ": nothing reaches Linux");
        exit(-38);
        assertTrue(carry(), what);
        assertEquals(22, regs.rax(), what + ": FreeBSD EINVAL");
    }

    /**
     * AT_* flags are checked against what each syscall accepts (at-flags.tsv; FreeBSD
     * vfs_syscalls.c), not against every flag the table knows: FreeBSD AT_EACCESS (0x100) is
     * EINVAL for unlinkat (kern_funlinkat_ex), where Linux would read its translation 0x200 as
     * AT_REMOVEDIR and remove a directory. FreeBSD AT_EACCESS 0x100, AT_SYMLINK_NOFOLLOW 0x200,
     * AT_SYMLINK_FOLLOW 0x400, AT_REMOVEDIR 0x800, AT_RESOLVE_BENEATH 0x2000, AT_EMPTY_PATH 0x4000
     * (sys/sys/fcntl.h); Linux AT_EACCESS and AT_REMOVEDIR 0x200, AT_SYMLINK_NOFOLLOW 0x100,
     * AT_SYMLINK_FOLLOW 0x400, AT_EMPTY_PATH 0x1000 (linux/fcntl.h).
     */
    @Test
    void atFlagsAreCheckedPerSyscall() {
        long cwd = -100, path = BASE;
        // unlinkat 503 (kern_funlinkat_ex: AT_REMOVEDIR | AT_RESOLVE_BENEATH)
        refusedWithEinval("unlinkat AT_EACCESS", 503, cwd, path, 0x100);
        refusedWithEinval("unlinkat AT_SYMLINK_NOFOLLOW", 503, cwd, path, 0x200);
        enter(503, cwd, path, 0x800);
        assertEquals(263, regs.origRax(), "Linux unlinkat");
        assertEquals(0x200, regs.arg(2), "AT_REMOVEDIR");
        exit(0);
        enter(503, cwd, path, 0x2800);
        assertEquals(0x200, regs.arg(2), "AT_RESOLVE_BENEATH dropped (not enforced)");
        exit(0);
        // funlinkat 568: the same mask
        refusedWithEinval("funlinkat AT_EACCESS", 568, cwd, path, -200, 0x100);
        // faccessat 489 on faccessat2 (kern_accessat: AT_EACCESS | AT_RESOLVE_BENEATH | AT_EMPTY_PATH)
        refusedWithEinval("faccessat AT_REMOVEDIR", 489, cwd, path, 4, 0x800);
        refusedWithEinval("faccessat AT_SYMLINK_NOFOLLOW", 489, cwd, path, 4, 0x200);
        enter(489, cwd, path, 4, 0x100 | 0x4000);
        assertEquals(439, regs.origRax(), "Linux faccessat2");
        assertEquals(0x200 | 0x1000, regs.arg(3), "AT_EACCESS | AT_EMPTY_PATH");
        exit(0);
        // fstatat 552, freebsd11_fstatat 493 (kern_statat: AT_SYMLINK_NOFOLLOW | AT_RESOLVE_BENEATH | AT_EMPTY_PATH)
        refusedWithEinval("fstatat AT_REMOVEDIR", 552, cwd, path, BASE + 4096, 0x800);
        refusedWithEinval("fstatat AT_EACCESS", 552, cwd, path, BASE + 4096, 0x100);
        refusedWithEinval("freebsd11_fstatat AT_SYMLINK_FOLLOW", 493, cwd, path, BASE + 4096, 0x400);
        enter(552, cwd, path, BASE + 4096, 0x200);
        assertEquals(262, regs.origRax(), "Linux newfstatat");
        assertEquals(0x100, regs.arg(3), "AT_SYMLINK_NOFOLLOW");
        exit(-2);
        assertEquals(2, regs.rax(), "ENOENT");
        // linkat 495 (kern_linkat: AT_SYMLINK_FOLLOW | AT_RESOLVE_BENEATH | AT_EMPTY_PATH)
        refusedWithEinval("linkat AT_SYMLINK_NOFOLLOW", 495, cwd, path, cwd, path + 64, 0x200);
        enter(495, cwd, path, cwd, path + 64, 0x400);
        assertEquals(265, regs.origRax(), "Linux linkat");
        assertEquals(0x400, regs.arg(4), "AT_SYMLINK_FOLLOW");
        exit(0);
        // fchownat 491 (kern_fchownat: AT_SYMLINK_NOFOLLOW | AT_RESOLVE_BENEATH | AT_EMPTY_PATH)
        refusedWithEinval("fchownat AT_REMOVEDIR", 491, cwd, path, 0, 0, 0x800);
        enter(491, cwd, path, 0, 0, 0x200 | 0x4000);
        assertEquals(260, regs.origRax(), "Linux fchownat");
        assertEquals(0x100 | 0x1000, regs.arg(4));
        exit(0);
        // fchmodat 490, chflagsat 540, utimensat 547: dedicated handlers, the same table
        refusedWithEinval("fchmodat AT_EACCESS", 490, cwd, path, 0644, 0x100);
        refusedWithEinval("chflagsat AT_REMOVEDIR", 540, cwd, path, 0, 0x800);
        refusedWithEinval("utimensat AT_EACCESS", 547, cwd, path, 0, 0x100);
        refusedWithEinval("utimensat AT_REMOVEDIR, NULL path: the flags first (kern_utimensat)", 547, cwd, 0, 0, 0x800);
        enter(547, cwd, path, 0, 0x200);
        assertEquals(280, regs.origRax(), "Linux utimensat");
        assertEquals(0x100, regs.arg(3), "AT_SYMLINK_NOFOLLOW");
        exit(0);
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
