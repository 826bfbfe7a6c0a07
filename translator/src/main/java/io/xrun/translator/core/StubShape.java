package io.xrun.translator.core;

/**
 * What an in-guest stub (fastpath.StubKinds) must do around a row's Linux call to answer
 * exactly as the row's handler would, for a row that is not a pure renumbering. Each part
 * names an argument (its index, or -1 for none):
 *
 * <ul>
 * <li>{@code openFlagsArg}: O_* flags, translated with open-flags.tsv as ArgCodec.OFLAGS does
 *     (unknown bits dropped);</li>
 * <li>{@code atFlagsArg}: AT_* flags, translated with at-flags.tsv as ArgCodec#atFlags does;
 *     a bit outside {@code atFlagsAccepted} is the supervisor's to answer (EINVAL);</li>
 * <li>{@code atFlagsAccepted}: the FreeBSD AT_* bits the row's syscall accepts (io.xrun.maps.AtFlags,
 *     at-flags.tsv's syscalls column); 0 when atFlagsArg is -1;</li>
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
public record StubShape(int openFlagsArg, int atFlagsArg, long atFlagsAccepted, int statArg, boolean watchedFd,
                        boolean dirents) {
    public StubShape {
        if (atFlagsArg < 0 && atFlagsAccepted != 0) {
            throw new IllegalArgumentException("an accepted AT_* mask without an AT_* flags argument");
        }
    }

    public StubShape(int openFlagsArg, int atFlagsArg, long atFlagsAccepted, int statArg, boolean watchedFd) {
        this(openFlagsArg, atFlagsArg, atFlagsAccepted, statArg, watchedFd, false);
    }

    /** Nothing but the call (and the row's errno overrides), or only the watched-descriptor check. */
    public static StubShape plain(boolean watchedFd) {
        return new StubShape(-1, -1, 0, -1, watchedFd);
    }

    public static StubShape openFlags(int arg) {
        return new StubShape(arg, -1, 0, -1, false);
    }

    /** AT_* flags in argument arg, of a syscall that accepts the FreeBSD bits accepted. */
    public static StubShape atFlags(int arg, long accepted) {
        return new StubShape(-1, arg, accepted, -1, false);
    }

    public static final StubShape DIRENTS = new StubShape(-1, -1, 0, -1, false, true);
}
