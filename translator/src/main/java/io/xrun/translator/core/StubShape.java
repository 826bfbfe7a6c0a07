package io.xrun.translator.core;

/**
 * What an in-guest stub (fastpath.StubKinds) must do around a row's Linux call to answer
 * exactly as the row's handler would, for a row that is not a pure renumbering. Each part
 * names an argument (its index, or -1 for none):
 *
 * <ul>
 * <li>{@code openFlagsArg}: O_* flags, translated with open-flags.tsv as ArgCodec.OFLAGS does
 *     (unknown bits dropped);</li>
 * <li>{@code atFlagsArg}: AT_* flags, translated with at-flags.tsv as ArgCodec.ATFLAGS does;
 *     a bit the table does not know is the supervisor's to answer (EINVAL);</li>
 * <li>{@code statArg}: where the Linux call writes a Linux struct stat, which becomes
 *     FreeBSD's 224-byte struct stat in place, as StatConverter#toFreebsd makes it;</li>
 * <li>{@code watchedFd}: argument 0 is a descriptor; when the supervisor keeps state about
 *     it ({@link WatchedFds}: a kqueue, or a descriptor a kqueue watches) the call is the
 *     supervisor's.</li>
 * <li>{@code dirents}: getdirentries(fd, buf, nbytes, basep) as GetdirentriesHandler makes it
 *     (fastpath.DirentsKind); nothing else applies.</li>
 * </ul>
 * The row's errno overrides (errno-overrides.tsv) are applied by the stub too.
 */
public record StubShape(int openFlagsArg, int atFlagsArg, int statArg, boolean watchedFd, boolean dirents) {
    public StubShape(int openFlagsArg, int atFlagsArg, int statArg, boolean watchedFd) {
        this(openFlagsArg, atFlagsArg, statArg, watchedFd, false);
    }

    public static StubShape openFlags(int arg) {
        return new StubShape(arg, -1, -1, false);
    }

    public static StubShape atFlags(int arg) {
        return new StubShape(-1, arg, -1, false);
    }

    public static final StubShape DIRENTS = new StubShape(-1, -1, -1, false, true);
}
