package io.xrun.translator.core;

/**
 * What the supervisor knows of one guest process (a Linux thread group): identity, the facts
 * fixed at exec time that emulated calls report (kern.proc.pathname, issetugid...), and which
 * unsupported syscalls have been reported already (one diagnostic per syscall per process).
 */
public final class GuestProcess {
    private final int pid;
    private boolean freebsd;
    private boolean linuxImage;
    private String execPath = "";
    private byte[] execPathBytes = new byte[0];
    private boolean setugid;
    private long psStrings;
    private long usrStack;
    /** Address of the timekeeping page AT_TIMEKEEP points at, 0 when the image has none. */
    private long timekeep;
    private boolean sigsysIgnored;
    private final boolean[] reported;
    private final io.xrun.translator.signals.SignalActions actions = new io.xrun.translator.signals.SignalActions();
    /** Address of the sigcode page xrun mapped into this image (0: none yet). */
    private long sigcode;
    /** Linux tids of the process's threads (FreeBSD's td list), for thr_kill(-1) and tid checks. */
    private int[] threads = new int[8];
    /** The same threads' tids in the guest's pid namespace (equal to threads outside a container). */
    private int[] guestTids = new int[8];
    private int guestPid;
    /** In Capsicum capability mode (cap_enter): kept across fork and exec, never left. */
    private boolean capabilityMode;
    private int threadCount;
    /** The scratch arena xrun mapped into this image (0: not yet), and its slot allocator. */
    private long arena;
    private ScratchSlots slots = new ScratchSlots();
    /** Per-process kqueue emulation state, created on first kqueue(). */
    private Object kqueues;
    /** The cpuset id of the process (FreeBSD's td_cpuset base set), -1: the default set; inherited by fork. */
    private int cpuset = -1;
    /** A domain policy set for the process itself (CPU_LEVEL_WHICH), 0: none; inherited by fork. */
    private long domainPolicy;
    /** Descriptors that are kernel POSIX semaphores (ksem_init's eventfds): fork copies them, exec closes them. */
    private java.util.BitSet ksems;
    /** Per-process POSIX AIO state (FreeBSD's p_aioinfo), created on first use; not inherited, dropped at exec. */
    private Object aio;
    /** The login name this process last saw for its session (getlogin/setlogin), null until then. */
    private String login;
    /** The login class setloginclass gave this process or an ancestor (in its credential on FreeBSD), null: "default". */
    private String loginClass;

    public GuestProcess(int pid, int tableSize) {
        this.pid = pid;
        this.guestPid = pid;
        this.reported = new boolean[tableSize];
    }

    /** The host's pid: for ptrace, /proc/PID and everything the supervisor does itself. */
    public int pid() {
        return pid;
    }

    /** The pid the guest knows itself by (its pid namespace's). */
    public int guestPid() {
        return guestPid;
    }

    public void setGuestPid(int guestPid) {
        this.guestPid = guestPid;
    }

    public boolean inCapabilityMode() {
        return capabilityMode;
    }

    public void enterCapabilityMode() {
        capabilityMode = true;
    }

    /** True once the process has exec'ed a FreeBSD program (before that it is xrun's launcher). */
    public boolean isFreebsd() {
        return freebsd;
    }

    /**
     * membarrier(MEMBARRIER_CMD_REGISTER_GLOBAL_EXPEDITED) was made: FreeBSD's P2_MEMBAR_GLOBE,
     * which GLOBAL_EXPEDITED requires of its caller (kern_membarrier.c); Linux does not.
     * Cleared by exec and not inherited by fork (do_fork's p_flag2 mask).
     */
    private boolean membarGlobe;

    public boolean membarGlobe() {
        return membarGlobe;
    }

    public void setMembarGlobe() {
        membarGlobe = true;
    }

    /** Records the facts of a new FreeBSD image: called at every exec. */
    public void execed(String path, boolean setugid, long psStrings, long usrStack) {
        this.freebsd = true;
        this.linuxImage = false;
        this.execPath = path;
        this.execPathBytes = path.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        this.setugid = setugid;
        this.psStrings = psStrings;
        this.usrStack = usrStack;
        this.timekeep = 0;
        this.sigsysIgnored = false;
        java.util.Arrays.fill(reported, false);
        actions.resetOnExec();
        sigsysIgnored = actions.handler(io.xrun.maps.Signals.FREEBSD_SIGSYS) == io.xrun.translator.signals.SignalActions.SIG_IGN;
        sigcode = 0;
        kqueues = null;
        aio = null;
        ksems = null;
        arena = 0;
        slots = new ScratchSlots();
        membarGlobe = false;
    }

    /** A fork/vfork child runs its parent's image until it execs: it is FreeBSD if the parent was. */
    public void inheritFrom(GuestProcess parent) {
        linuxImage = parent.linuxImage;
        login = parent.login;
        capabilityMode = parent.capabilityMode; // capsicum(4): inherited by children
        loginClass = parent.loginClass;
        cpuset = parent.cpuset;
        domainPolicy = parent.domainPolicy;
        if (parent.freebsd) {
            execed(parent.execPath, parent.setugid, parent.psStrings, parent.usrStack);
            sigsysIgnored = parent.sigsysIgnored;
            actions.copyFrom(parent.actions);
            sigcode = parent.sigcode;
            timekeep = parent.timekeep; // the child's copy of the page, at the same address
            // The child has the parent's mappings; a vfork child even shares them, so slots
            // come from the parent's allocator and never collide with a parent thread's.
            arena = parent.arena;
            slots = parent.slots;
        }
        // after execed(), which drops them: a fork child has its parent's descriptors
        ksems = parent.ksems == null ? null : (java.util.BitSet) parent.ksems.clone();
    }

    /**
     * The process exec'ed a Linux image: it runs natively, with no syscall stops, but stays
     * followed so that a FreeBSD program it execs in turn (nohup, env, a shell) is translated.
     */
    public void execedLinux() {
        freebsd = false;
        linuxImage = true;
        timekeep = 0;
        kqueues = null;
        arena = 0;
        sigcode = 0;
    }

    /** True once the process runs a Linux image exec'ed after the first (FreeBSD) one. */
    public boolean isLinuxImage() {
        return linuxImage;
    }

    public String execPath() {
        return execPath;
    }

    public byte[] execPathBytes() {
        return execPathBytes;
    }

    public boolean setugid() {
        return setugid;
    }

    public long psStrings() {
        return psStrings;
    }

    public long timekeep() {
        return timekeep;
    }

    public void setTimekeep(long addr) {
        this.timekeep = addr;
    }

    public long usrStack() {
        return usrStack;
    }

    public boolean sigsysIgnored() {
        return sigsysIgnored;
    }

    public void setSigsysIgnored(boolean ignored) {
        this.sigsysIgnored = ignored;
    }

    public io.xrun.translator.signals.SignalActions actions() {
        return actions;
    }

    public long arena() {
        return arena;
    }

    public void setArena(long addr) {
        arena = addr;
    }

    /** No arena for this process: handlers' scratch lies below the guest stack pointer (tests, benchmarks). */
    public void useStackScratch() {
        arena = 1;
    }

    public ScratchSlots slots() {
        return slots;
    }

    public long sigcode() {
        return sigcode;
    }

    public void setSigcode(long addr) {
        sigcode = addr;
    }

    public String login() {
        return login;
    }

    public void setLogin(String name) {
        login = name;
    }

    public String loginClass() {
        return loginClass;
    }

    public void setLoginClass(String name) {
        loginClass = name;
    }

    /** The ksem descriptors of this process, created on first use. */
    public java.util.BitSet ksems() {
        if (ksems == null) {
            ksems = new java.util.BitSet();
        }
        return ksems;
    }

    public int cpuset() {
        return cpuset;
    }

    public void setCpuset(int id) {
        cpuset = id;
    }

    public long domainPolicy() {
        return domainPolicy;
    }

    public void setDomainPolicy(long p) {
        domainPolicy = p;
    }

    @SuppressWarnings("unchecked")
    public <T> T aio() {
        return (T) aio;
    }

    public void setAio(Object a) {
        aio = a;
    }

    @SuppressWarnings("unchecked")
    public <T> T kqueues() {
        return (T) kqueues;
    }

    public void setKqueues(Object k) {
        kqueues = k;
    }

    /** Who keeps the list of descriptors the supervisor must see closed (the fast path), or null. */
    private WatchedFds watchedFds;

    public void setWatchedFds(WatchedFds w) {
        watchedFds = w;
    }

    /** The supervisor keeps state about fd from now on (see {@link WatchedFds}). */
    public void watchFd(int fd) {
        if (watchedFds != null) {
            watchedFds.watch(this, fd);
        }
    }

    /** The supervisor saw fd closed and forgot it. */
    public void unwatchFd(int fd) {
        if (watchedFds != null) {
            watchedFds.unwatch(this, fd);
        }
    }

    public void addThread(int tid) {
        addThread(tid, tid);
    }

    public void addThread(int tid, int guestTid) {
        if (hasThread(tid)) {
            return;
        }
        if (threadCount == threads.length) {
            threads = java.util.Arrays.copyOf(threads, threads.length * 2);
            guestTids = java.util.Arrays.copyOf(guestTids, guestTids.length * 2);
        }
        guestTids[threadCount] = guestTid;
        threads[threadCount++] = tid;
    }

    public void removeThread(int tid) {
        for (int i = 0; i < threadCount; i++) {
            if (threads[i] == tid) {
                --threadCount;
                threads[i] = threads[threadCount];
                guestTids[i] = guestTids[threadCount];
                return;
            }
        }
    }

    /** Whether the guest tid names one of this process's threads. */
    public boolean hasGuestThread(int guestTid) {
        for (int i = 0; i < threadCount; i++) {
            if (guestTids[i] == guestTid) {
                return true;
            }
        }
        return false;
    }

    public int guestTidAt(int i) {
        return guestTids[i];
    }

    public boolean hasThread(int tid) {
        for (int i = 0; i < threadCount; i++) {
            if (threads[i] == tid) {
                return true;
            }
        }
        return false;
    }

    public int threadCount() {
        return threadCount;
    }

    public int threadAt(int i) {
        return threads[i];
    }

    /** Returns true the first time a number is reported for this process. */
    public boolean firstReport(long number) {
        if (number < 0 || number >= reported.length) {
            return true;
        }
        if (reported[(int) number]) {
            return false;
        }
        reported[(int) number] = true;
        return true;
    }
}
