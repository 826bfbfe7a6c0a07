package io.xrun.translator.handlers.net;

/** --trace names for the socket argument codecs (allocates: trace path only). */
public final class NetTrace {
    private NetTrace() {
    }

    /** The FreeBSD names of a socket codec's value, or null when the codec is not a socket one. */
    public static String describe(String codec, long v) {
        switch (codec) {
            case "sockdomain": {
                String n = NetAbi.DOMAINS.freebsdName(v);
                return n != null ? n : Long.toString(v);
            }
            case "socktype": {
                long t = v & 0xffffffffL;
                String n = NetAbi.TYPES.freebsdName(t & ~NetAbi.SOCK_FLAG_BITS);
                String base = n != null ? n : Long.toString(t & ~NetAbi.SOCK_FLAG_BITS);
                return (t & NetAbi.SOCK_FLAG_BITS) == 0 ? base
                        : base + "|" + NetAbi.SOCK_FLAGS.describeFreebsd(t & NetAbi.SOCK_FLAG_BITS);
            }
            case "sockflags":
                return NetAbi.SOCK_FLAGS.describeFreebsd(v & 0xffffffffL);
            case "msgflags":
                return NetAbi.MSG_FLAGS.describeFreebsd(v & 0xffffffffL);
            case "socklevel": {
                String n = NetAbi.LEVEL_TABLE.entries().stream().filter(e -> e.freebsd() == (int) v)
                        .map(e -> e.name()).findFirst().orElse(null);
                return n != null ? n : Long.toString((int) v);
            }
            default:
                return null;
        }
    }
}
