package io.xrun.translator.core;

/**
 * What the supervisor knows of one guest process (a Linux thread group): identity, the facts
 * fixed at exec time that emulated calls report (kern.proc.pathname, issetugid...), and which
 * unsupported syscalls have been reported already (one diagnostic per syscall per process).
 */
public final class GuestProcess {
    private final int pid;
    private boolean freebsd;
    private boolean detached;
    private String execPath = "";
    private byte[] execPathBytes = new byte[0];
    private boolean setugid;
    private long psStrings;
    private long usrStack;
    private boolean sigsysIgnored;
    private final boolean[] reported;

    public GuestProcess(int pid, int tableSize) {
        this.pid = pid;
        this.reported = new boolean[tableSize];
    }

    public int pid() {
        return pid;
    }

    /** True once the process has exec'ed a FreeBSD program (before that it is xrun's launcher). */
    public boolean isFreebsd() {
        return freebsd;
    }

    /** Records the facts of a new FreeBSD image: called at every exec. */
    public void execed(String path, boolean setugid, long psStrings, long usrStack) {
        this.freebsd = true;
        this.execPath = path;
        this.execPathBytes = path.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        this.setugid = setugid;
        this.psStrings = psStrings;
        this.usrStack = usrStack;
        this.sigsysIgnored = false;
        java.util.Arrays.fill(reported, false);
    }

    /** A fork/vfork child runs its parent's image until it execs: it is FreeBSD if the parent was. */
    public void inheritFrom(GuestProcess parent) {
        if (parent.freebsd) {
            execed(parent.execPath, parent.setugid, parent.psStrings, parent.usrStack);
            sigsysIgnored = parent.sigsysIgnored;
        }
    }

    /** The process exec'ed a Linux image: it runs natively, untraced, from now on. */
    public void execedLinux() {
        freebsd = false;
        detached = true;
    }

    public boolean isDetached() {
        return detached;
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

    public long usrStack() {
        return usrStack;
    }

    public boolean sigsysIgnored() {
        return sigsysIgnored;
    }

    public void setSigsysIgnored(boolean ignored) {
        this.sigsysIgnored = ignored;
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
