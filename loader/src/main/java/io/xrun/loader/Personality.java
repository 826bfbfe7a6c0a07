package io.xrun.loader;

/** Which kernel ABI a program expects. */
public enum Personality {
    /** FreeBSD amd64: every syscall is intercepted and translated. */
    FREEBSD,
    /** Linux x86-64: runs natively, no interception. */
    LINUX;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
