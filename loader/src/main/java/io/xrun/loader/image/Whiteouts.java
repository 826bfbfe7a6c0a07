package io.xrun.loader.image;

/**
 * Whiteout markers of opencontainers/image-spec layer.md ("Whiteouts"): a file named
 * ".wh.NAME" removes NAME from the lower layers, ".wh..wh..opq" makes its directory opaque
 * (hides every lower-layer child), and other names starting ".wh..wh." are reserved. Markers
 * are never materialized; they only apply to lower layers, so a path created by the same layer
 * survives its own whiteout whatever order the two appear in.
 */
final class Whiteouts {
    static final String PREFIX = ".wh.";
    static final String OPAQUE = ".wh..wh..opq";
    private static final String RESERVED = ".wh..wh.";

    enum Kind { NONE, DELETE, OPAQUE, RESERVED }

    private Whiteouts() {
    }

    static Kind classify(String baseName) {
        if (!baseName.startsWith(PREFIX)) {
            return Kind.NONE;
        }
        if (baseName.equals(OPAQUE)) {
            return Kind.OPAQUE;
        }
        if (baseName.startsWith(RESERVED)) {
            return Kind.RESERVED;
        }
        return Kind.DELETE;
    }

    /** The name a ".wh.NAME" marker removes. */
    static String target(String baseName) {
        return baseName.substring(PREFIX.length());
    }
}
