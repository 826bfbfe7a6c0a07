package io.xrun.translator.core;

/**
 * FreeBSD thread ids (lwpid_t) for Linux tids. FreeBSD numbers threads above PID_MAX
 * (sys/sys/proc.h: PID_MAX 99999, NO_PID 100000; tids are allocated from NO_PID + 1), so a tid
 * is never mistaken for a pid; programs and libthr rely on that. xrun keeps the mapping
 * arithmetic: tid = Linux tid + 100000, no table and nothing to allocate.
 */
public final class ThreadIds {
    public static final int OFFSET = 100_000;

    private ThreadIds() {
    }

    public static long toFreebsd(int linuxTid) {
        return (long) linuxTid + OFFSET;
    }

    /** The Linux tid, or -1 when the value cannot be a FreeBSD thread id. */
    public static int toLinux(long freebsdTid) {
        long t = freebsdTid - OFFSET;
        return t > 0 && t <= Integer.MAX_VALUE ? (int) t : -1;
    }
}
