package io.xrun.translator.fastpath;

import io.xrun.translator.core.Dispatcher;
import io.xrun.translator.core.GuestMemory;
import io.xrun.translator.core.GuestProcess;
import io.xrun.translator.core.GuestThread;
import io.xrun.translator.core.ProcessPrelude;
import io.xrun.translator.core.RegisterFile;
import io.xrun.translator.core.WatchedFds;
import io.xrun.translator.nativeapi.NativeBuffer;
import io.xrun.translator.nativeapi.ProcessMemory;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * Sends plain calls through the stub region (see {@link StubCode}) under --intercept=seccomp
 * and fastpath. It maps the region in each FreeBSD address space (a {@link ProcessPrelude}),
 * writes a stub for each call site the first time it is used, and, with fastpath, rewrites
 * the site to jump to it ({@link SitePattern}). Everything it does at a stop is a register
 * change, except the one-time writes of a new site.
 */
public final class StubRouter implements ProcessPrelude, WatchedFds {
    /** mmap(2) arguments (Linux include/uapi/asm-generic/mman-common.h, mman.h). */
    private static final long PROT_READ_EXEC = 0x1 | 0x4;
    private static final long MAP_PRIVATE_ANON_FIXED_NOREPLACE = 0x02 | 0x20 | 0x100000;

    private final InterceptMode mode;
    private final Dispatcher dispatcher;
    private final NativeBuffer buf;
    private final IntFunction<ProcessMemory> memory;
    /** Whether no other guest thread can run while the tracer writes a site (--pin: one CPU). */
    private final boolean oneCpu;
    private final StubKinds kinds;
    private final byte[] tables;
    private final byte[] closedTable = StubTables.closedFastTable();
    /** For the small writes of the watched-descriptor bitmap and the kqueue mirror, made while a handler may hold buf. */
    private final NativeBuffer small = new NativeBuffer(32);
    private final byte[] before = new byte[SitePattern.LOOKBEHIND];
    /** FreeBSD numbers in the fast table whose plainness depends on the process (close). */
    private final int[] dynamicRows;
    /** Linux number -> the FreeBSD row whose plain call becomes it, -1 for none. */
    private final long[] freebsdOfLinux;
    private final byte[] entryBytes = new byte[4];
    /** The region of each address space, by its GuestProcess (threads share one). */
    private final Map<GuestProcess, StubRegion> regions = new IdentityHashMap<>();
    private int patchedSites;
    private int stubSites;
    private long routedCalls;
    private int regionsMapped;
    private int regionsRefused;

    /** @param memory opens a process's memory for writing (ProcMem::open; a test's fake) */
    public StubRouter(InterceptMode mode, Dispatcher dispatcher, NativeBuffer buf, boolean oneCpu,
                      IntFunction<ProcessMemory> memory) {
        this.memory = memory;
        this.mode = mode;
        this.dispatcher = dispatcher;
        this.buf = buf;
        this.oneCpu = oneCpu;
        this.kinds = new StubKinds(dispatcher);
        this.tables = StubTables.build(kinds);
        this.freebsdOfLinux = new long[1024];
        java.util.Arrays.fill(freebsdOfLinux, -1);
        for (int nr = 0; nr < StubCode.NUMBERS; nr++) {
            long linux = dispatcher.plainNumber(nr, null);
            if (linux >= 0 && linux < freebsdOfLinux.length) {
                freebsdOfLinux[(int) linux] = nr;
            }
        }
        this.dynamicRows = java.util.stream.IntStream.range(0, StubCode.NUMBERS)
                .filter(nr -> dispatcher.plainNumber(nr, null) >= 0 && dispatcher.plainDependsOnProcess(nr)).toArray();
        if (dynamicRows.length > 64) {
            throw new IllegalStateException("more than 64 rows whose plainness depends on the process");
        }
    }

    /** Sites given a stub (the benchmark checks its set-up with it; {@link #report} has the rest). */
    public int stubSites() {
        return stubSites;
    }

    /**
     * What the router did, for XRUN_STATS=1 (docs/performance.md): calls finished in a stub
     * after one seccomp stop, sites given stubs and rewritten, address spaces with and
     * without the region (the program had something of its own at StubCode.BASE).
     */
    public String report() {
        return "intercept " + mode.option() + ": " + routedCalls
                + " calls finished in a stub after one stop, " + stubSites + " call sites with a stub, " + patchedSites
                + " rewritten to jump to it; stub region mapped in " + regionsMapped + " address spaces, refused in "
                + regionsRefused;
    }

    // ---- lifecycle ------------------------------------------------------------------------

    /** A new FreeBSD image: a new address space, without the region until its first call maps it. */
    public void execed(GuestProcess p) {
        forget(regions.put(p, new StubRegion(small)));
        p.setWatchedFds(this);
    }

    public void execedLinux(GuestProcess p) {
        forget(regions.remove(p));
    }

    public void exited(GuestProcess p) {
        forget(regions.remove(p));
    }

    /** A region whose address space is gone: its /proc/PID/mem descriptor is closed. */
    private static void forget(StubRegion r) {
        if (r != null) {
            r.closeMemory();
        }
    }

    /**
     * A new process with a copy of its parent's memory. A child sharing the parent's memory
     * (vfork, rfork RFMEM) may use the parent's stubs but add none: both would pick the same
     * free stub for different sites.
     */
    public void forked(GuestProcess parent, GuestProcess child, boolean sharesMemory) {
        StubRegion r = regions.get(parent);
        if (r != null) {
            StubRegion c = r.copy();
            if (sharesMemory) {
                c.freeze();
            }
            regions.put(child, c);
            child.setWatchedFds(this);
            if (c.kqueue().published()) {
                // kqueues are not inherited (kqueue(2)): the child's copy of the mirror goes.
                c.kqueue().clear(c.memory(child.pid(), memory));
                if (sharesMemory) {
                    r.kqueue().forget(); // the same memory: the parent's header is 0 now too
                }
            }
        }
    }

    // ---- the region prelude -----------------------------------------------------------------

    @Override
    public boolean wanted(GuestProcess p) {
        StubRegion r = regions.get(p);
        return r != null && r.state() == StubRegion.UNMAPPED;
    }

    @Override
    public void arguments(long[] a) {
        a[0] = StubCode.BASE;
        a[1] = StubCode.SIZE;
        a[2] = PROT_READ_EXEC;
        a[3] = MAP_PRIVATE_ANON_FIXED_NOREPLACE;
        a[4] = -1;
        a[5] = 0;
    }

    @Override
    public void done(GuestThread t, long result) {
        StubRegion r = regions.get(t.process());
        if (r == null) {
            return;
        }
        // Something of the program's own at that address (EEXIST): every call takes the
        // supervisor's path, as under --intercept=ptrace.
        boolean ok = result == StubCode.BASE && write(t.process(), r, StubCode.BASE, tables);
        r.setState(ok ? StubRegion.MAPPED : StubRegion.FAILED);
        if (ok) {
            regionsMapped++;
        } else {
            regionsRefused++;
        }
    }

    // ---- at stops ---------------------------------------------------------------------------

    /**
     * At a seccomp stop, right after {@link Dispatcher#enter}: when the call is plain, point
     * the registers at the site's stub, just after its syscall instruction, with the Linux
     * number as the call to run; the kernel runs it and returns into the stub, which applies
     * FreeBSD's return convention and jumps back. Returns true when the call was routed (no
     * exit stop is needed). With fastpath a new site is also rewritten when it can be.
     *
     * @param siteEnd the address after the guest's syscall instruction
     */
    public boolean route(GuestThread t, long siteEnd, RegisterFile regs, GuestMemory mem) {
        GuestProcess p = t.process();
        StubRegion r = regions.get(p);
        if (r == null || r.state() != StubRegion.MAPPED || dispatcher.observed()) {
            return false;
        }
        publishKqueue(p, r);
        closeIfCapabilityMode(p, r);
        int stub = stubOfSite(r, siteEnd);
        long nr = dispatcher.plainCall(t);
        if (stub < 0 && (nr >= 0 || mode == InterceptMode.FASTPATH) && !r.frozen() && t.call().number() >= 0) {
            stub = newSite(p, r, siteEnd, regs, mem, t.call().number(), t.call());
        }
        if (nr < 0 || stub < 0 || r.special(stub) != null) {
            return false; // (a SpecialRow's stub has no table lookup to route into)
        }
        for (int i = 0; i < 6; i++) {
            regs.setArg(i, t.call().entryArg(i));
        }
        regs.setOrigRax(nr);
        regs.setRip(StubCode.stub(stub) + StubCode.AFTER_SYSCALL);
        dispatcher.finishedElsewhere(t);
        routedCalls++;
        return true;
    }

    /**
     * After an exit stop: capability mode closes the whole fast table at once (cap_enter(2));
     * a row that stopped being plain for this process (close, after its first kqueue) gets its
     * kind's entry, or none, before the process runs on.
     */
    public void afterExit(GuestThread t) {
        GuestProcess p = t.process();
        StubRegion r = regions.get(p);
        if (r == null || r.state() != StubRegion.MAPPED) {
            return;
        }
        publishKqueue(p, r);
        closeIfCapabilityMode(p, r);
        for (int i = 0; i < dynamicRows.length; i++) {
            if (!r.entryClosed(i) && dispatcher.plainNumber(dynamicRows[i], p) < 0) {
                int e = kinds.entry(dynamicRows[i], p);
                for (int b = 0; b < 4; b++) {
                    entryBytes[b] = (byte) (e >>> (8 * b));
                }
                write(p, r, StubCode.FAST_TABLE + 4L * dynamicRows[i], entryBytes);
                r.closeEntry(i);
            }
        }
    }

    /**
     * At a signal-delivery stop: a stub's syscall interrupted with a Linux restart code is set
     * up to run again from the stub (orig_rax -1 keeps Linux's own restart out), as the
     * supervisor does for a call whose exit it saw; delivery then makes it EINTR where
     * FreeBSD would. Both restart points have the EINTR continuation 2 bytes on.
     */
    public void interrupted(GuestThread t, RegisterFile regs, GuestMemory mem) {
        long rip = regs.rip();
        int stub = StubCode.siteOfFast(rip);
        if (stub < 0 || regs.origRax() < 0) {
            return;
        }
        long code = regs.rax();
        if (!Dispatcher.isRestartCode(code)) {
            return;
        }
        StubRegion r = regions.get(t.process());
        if (r == null || stub >= r.sites()) {
            return;
        }
        int offset = (int) (rip - StubCode.stub(stub));
        SpecialRow special = r.special(stub);
        if (special != null ? !special.restore(offset, regs, mem, buf)
                : offset != StubCode.AFTER_SYSCALL && offset != StubCode.AFTER_KIND) {
            return;
        }
        if (special != null) {
            // Its registers are back as the site left them, and its prefix loads the number.
            regs.setRip(StubCode.stub(stub) + StubCode.RESTART);
        } else if (offset == StubCode.AFTER_KIND) {
            // A kind translated an argument: the saved number and argument registers go back
            // (StubCode.SAVE_*), and the call runs again from the slow stub.
            long saved = regs.rsp() + StubCode.SAVE_ARGS - 40;
            if (mem.read(saved, buf, 0, 64) != 64) {
                return;
            }
            for (int i = 0; i < 6; i++) {
                regs.setArg(i, buf.getLong(40 - 8 * i));
            }
            regs.setRax(buf.getLong(56));
            regs.setRip(StubCode.slow(stub));
        } else {
            // A plain call (routed, or from a rewritten site whose prefix has already run):
            // again from the slow stub, with the FreeBSD number of the Linux call it became
            // (plain rows are namesakes, so the number is unique).
            long linux = regs.origRax();
            regs.setRip(StubCode.slow(stub));
            regs.setRax(linux >= 0 && linux < freebsdOfLinux.length ? freebsdOfLinux[(int) linux] : t.call().number());
        }
        regs.setOrigRax(-1);
        t.interruptedOutside(code);
    }

    // ---- sites --------------------------------------------------------------------------------

    private int stubOfSite(StubRegion r, long siteEnd) {
        long slow = siteEnd - 2 - StubCode.SLOW;
        if (slow >= 0 && slow < (long) StubCode.MAX_SITES * StubCode.SLOW_SIZE) {
            // A call from a patched site's slow stub: that site's stub.
            return slow % StubCode.SLOW_SIZE == 0 ? (int) (slow / StubCode.SLOW_SIZE) : -1;
        }
        return r.stubOf(siteEnd);
    }

    private int newSite(GuestProcess p, StubRegion r, long siteEnd, RegisterFile regs, GuestMemory mem,
                        long number, io.xrun.translator.core.Call call) {
        SitePattern.Match m = mode == InterceptMode.FASTPATH && (oneCpu || p.threadCount() == 1)
                ? patchable(siteEnd, regs, mem, number, call) : null;
        int stub = r.add(siteEnd);
        if (stub < 0) {
            return -1;
        }
        byte[] prefix = m == null ? new byte[0] : m.prefix();
        // A fixed number whose row a stub can finish in its common case gets that row's code.
        SpecialRow special = m != null && !m.fromStack() ? SpecialRow.forNumber(number) : null;
        byte[] code = special != null ? StubCode.specialStub(stub, siteEnd, prefix, special)
                : StubCode.fastStub(stub, siteEnd, prefix);
        if (!write(p, r, StubCode.stub(stub), code) || !write(p, r, StubCode.slow(stub), StubCode.slowStub(stub))) {
            return -1;
        }
        if (special != null) {
            r.setSpecial(stub, special);
        }
        stubSites++;
        if (m != null && write(p, r, m.movAddress(), StubCode.siteJump(m.movAddress(), stub))) {
            patchedSites++;
        }
        return stub;
    }

    /** The site's load instruction, when it is one SitePattern knows and loads this call's number. */
    private SitePattern.Match patchable(long siteEnd, RegisterFile regs, GuestMemory mem, long number,
                                        io.xrun.translator.core.Call call) {
        long syscallAddr = siteEnd - 2;
        if (!StubCode.reachable(syscallAddr)
                || mem.read(syscallAddr - SitePattern.LOOKBEHIND, buf, 0, SitePattern.LOOKBEHIND) != SitePattern.LOOKBEHIND) {
            return null;
        }
        buf.get(0, before, 0, SitePattern.LOOKBEHIND);
        SitePattern.Match m = SitePattern.match(before, syscallAddr, number);
        if (m == null) {
            return null;
        }
        if (m.fromStack()) {
            // mov d8(%rsp),%reg: the stack must hold there what the register held at the call.
            long loaded = m.register() == SitePattern.RAX ? number : call.entryArg(m.register());
            if (mem.read(regs.rsp() + m.stackDisp(), buf, 0, 8) != 8 || buf.getLong(0) != loaded) {
                return null;
            }
        } else if ((number < 0 || number >= StubCode.NUMBERS || kinds.entry((int) number, null) < 0)
                && SpecialRow.forNumber(number) == null) {
            return null; // a fixed number that always needs the supervisor: nothing to gain
        }
        return m;
    }

    // ---- watched descriptors ------------------------------------------------------------------

    @Override
    public void watch(GuestProcess p, int fd) {
        mark(p, fd, true);
    }

    /**
     * A region shared with another process (vfork, RFMEM) keeps its bits: the other process
     * may still watch that descriptor, and a bit too many only sends a close to the supervisor.
     */
    @Override
    public void unwatch(GuestProcess p, int fd) {
        StubRegion r = regions.get(p);
        if (r != null && !r.frozen()) {
            mark(p, fd, false);
        }
    }

    private void mark(GuestProcess p, int fd, boolean on) {
        StubRegion r = regions.get(p);
        if (r == null || r.state() != StubRegion.MAPPED || fd < 0 || fd >= StubCode.FD_MAP_FDS
                || r.watched(fd) == on) {
            return;
        }
        small.putByte(0, r.setWatched(fd, on));
        write(p, r, StubCode.FD_MAP + (fd >>> 3), small, 1);
    }

    /** The kqueue the kevent stubs may answer for, after a stop at which it may have changed (KqueueMirror). */
    private void publishKqueue(GuestProcess p, StubRegion r) {
        r.kqueue().publish(p, r.memory(p.pid(), memory));
    }

    private void closeIfCapabilityMode(GuestProcess p, StubRegion r) {
        if (p.inCapabilityMode() && !r.fastTableClosed()) {
            // Capsicum's checks are the supervisor's: no call may bypass it from now on.
            write(p, r, StubCode.FAST_TABLE, closedTable);
            r.closeFastTable();
        }
    }

    /** Writes bytes into the region's address space (through its /proc/PID/mem, opened once). */
    private boolean write(GuestProcess p, StubRegion r, long addr, byte[] bytes) {
        for (int off = 0; off < bytes.length; off += buf.size()) {
            int n = Math.min(buf.size(), bytes.length - off);
            buf.put(0, bytes, off, n);
            if (!write(p, r, addr + off, buf, n)) {
                return false;
            }
        }
        return true;
    }

    private boolean write(GuestProcess p, StubRegion r, long addr, NativeBuffer from, int len) {
        ProcessMemory m = r.memory(p.pid(), memory);
        return m != null && m.write(addr, from, 0, len);
    }
}
