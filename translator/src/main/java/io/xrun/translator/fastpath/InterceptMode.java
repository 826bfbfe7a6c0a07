package io.xrun.translator.fastpath;

/**
 * How FreeBSD syscalls reach their translation (--intercept, docs/performance.md).
 * <ul>
 * <li>PTRACE: every syscall stops twice (PTRACE_SYSCALL entry and exit).</li>
 * <li>SECCOMP: a seccomp filter stops each syscall once (SECCOMP_RET_TRACE); a plain call
 *     then finishes in its site's stub, which applies FreeBSD's return convention, and only
 *     the others ask for an exit stop.</li>
 * <li>FASTPATH: as SECCOMP, and a site seen making a plain call is rewritten to jump to its
 *     stub, so that its plain calls never stop again (the filter lets the stubs' syscall
 *     through).</li>
 * </ul>
 */
public enum InterceptMode {
    PTRACE, SECCOMP, FASTPATH;

    /** The name --intercept takes for this mode. */
    public String option() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public boolean seccomp() {
        return this != PTRACE;
    }

    /** The mode named on the command line (ptrace, seccomp, fastpath), or null. */
    public static InterceptMode parse(String s) {
        for (InterceptMode m : values()) {
            if (m.option().equalsIgnoreCase(s)) {
                return m;
            }
        }
        return null;
    }
}
