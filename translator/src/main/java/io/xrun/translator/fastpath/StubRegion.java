package io.xrun.translator.fastpath;

import io.xrun.translator.nativeapi.ProcessMemory;

import java.util.function.IntFunction;

/**
 * The stub region of one address space: whether it is mapped, and which call sites have a
 * stub (by the address after their syscall instruction). A fork child gets a copy: its
 * memory is a copy, and stubs it makes later exist in its memory only. Lookups do not
 * allocate (open addressing over two arrays).
 */
public final class StubRegion {
    public static final int UNMAPPED = 0, MAPPED = 1, FAILED = 2;

    private int state;
    private int sites;
    /** Per stub: its SpecialRow's ordinal + 1, 0 for the table-driven stub. */
    private final byte[] special = new byte[StubCode.MAX_SITES];
    /** Open-addressing index, site address -> stub + 1 (0 = empty). */
    private final long[] keys = new long[2 * StubCode.MAX_SITES];
    private final int[] values = new int[2 * StubCode.MAX_SITES];
    private boolean fastTableClosed;
    /** Bit i: StubRouter's dynamic row i lost its plain fast-table entry in this process. */
    private long closedEntries;
    /** Shares its memory with another process's region: may use its stubs, never add one. */
    private boolean frozen;
    /** What the guest's watched-descriptor bitmap (StubCode.FD_MAP) holds; null while empty. */
    private byte[] fdMap;
    /** What the guest's published kqueue holds (KeventStub). */
    private final KqueueMirror kqueue;
    /** The address space's memory, opened at the first write (never copied: a fork child has its own). */
    private ProcessMemory memory;

    public int state() {
        return state;
    }

    public void setState(int state) {
        this.state = state;
    }

    /** The stub of the site whose syscall ends at siteEnd, or -1. */
    public int stubOf(long siteEnd) {
        int mask = keys.length - 1;
        for (int i = hash(siteEnd) & mask; ; i = (i + 1) & mask) {
            if (values[i] == 0) {
                return -1;
            }
            if (keys[i] == siteEnd) {
                return values[i] - 1;
            }
        }
    }

    /** A new stub for a site, or -1 when the region is full. */
    public int add(long siteEnd) {
        if (sites == StubCode.MAX_SITES) {
            return -1;
        }
        int s = sites++;
        int mask = keys.length - 1;
        int i = hash(siteEnd) & mask;
        while (values[i] != 0) {
            i = (i + 1) & mask;
        }
        keys[i] = siteEnd;
        values[i] = s + 1;
        return s;
    }

    public int sites() {
        return sites;
    }

    /** The stub's SpecialRow, or null for the table-driven one. */
    public SpecialRow special(int stub) {
        return special[stub] == 0 ? null : SpecialRow.values()[special[stub] - 1];
    }

    public void setSpecial(int stub, SpecialRow row) {
        special[stub] = (byte) (row.ordinal() + 1);
    }

    /** Capability mode closed the fast table (every stub call goes to the supervisor). */
    public boolean fastTableClosed() {
        return fastTableClosed;
    }

    public void closeFastTable() {
        fastTableClosed = true;
    }

    public boolean entryClosed(int dynamicRow) {
        return (closedEntries & (1L << dynamicRow)) != 0;
    }

    public void closeEntry(int dynamicRow) {
        closedEntries |= 1L << dynamicRow;
    }

    /** Whether fd's bit is set in the region's watched-descriptor bitmap. */
    public boolean watched(int fd) {
        return fdMap != null && fd >= 0 && fd < StubCode.FD_MAP_FDS && (fdMap[fd >>> 3] & (1 << (fd & 7))) != 0;
    }

    /** Sets or clears fd's bit (fd below StubCode.FD_MAP_FDS); returns the byte that holds it now. */
    public byte setWatched(int fd, boolean on) {
        if (fdMap == null) {
            fdMap = new byte[StubCode.FD_MAP_FDS / 8];
        }
        int bit = 1 << (fd & 7);
        fdMap[fd >>> 3] = (byte) (on ? fdMap[fd >>> 3] | bit : fdMap[fd >>> 3] & ~bit);
        return fdMap[fd >>> 3];
    }

    /** @param staging the router's buffer for the mirror's small writes */
    public StubRegion(io.xrun.translator.nativeapi.NativeBuffer staging) {
        this(new KqueueMirror(staging));
    }

    private StubRegion(KqueueMirror kqueue) {
        this.kqueue = kqueue;
    }

    public KqueueMirror kqueue() {
        return kqueue;
    }

    /** This address space's memory (pid: a process in it; open: ProcMem::open), or null when it is gone. */
    public ProcessMemory memory(int pid, IntFunction<ProcessMemory> open) {
        if (memory == null) {
            memory = open.apply(pid);
        }
        return memory;
    }

    /** The address space is gone (exit, exec): its descriptor goes too. */
    public void closeMemory() {
        if (memory != null) {
            memory.close();
            memory = null;
        }
    }

    public boolean frozen() {
        return frozen;
    }

    public void freeze() {
        frozen = true;
    }

    public StubRegion copy() {
        StubRegion r = new StubRegion(kqueue.copy());
        r.state = state;
        r.sites = sites;
        r.fastTableClosed = fastTableClosed;
        r.closedEntries = closedEntries;
        r.fdMap = fdMap == null ? null : fdMap.clone();
        System.arraycopy(special, 0, r.special, 0, sites);
        System.arraycopy(keys, 0, r.keys, 0, keys.length);
        System.arraycopy(values, 0, r.values, 0, values.length);
        return r;
    }

    private static int hash(long k) {
        long h = k * 0x9E3779B97F4A7C15L;
        return (int) (h >>> 40);
    }
}
