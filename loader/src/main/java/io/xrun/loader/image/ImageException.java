package io.xrun.loader.image;

/**
 * An IMAGE that cannot be prepared. The message is the one line the user sees (the caller
 * prefixes "xrun: "); it starts with what failed and names the image and, where there is one,
 * the entry or blob. Never carries a stack trace to the user.
 */
public final class ImageException extends Exception {
    /** Why; the container runtime may map these to exit codes. */
    public enum Reason { NOT_FOUND, CORRUPT, UNSAFE, WRONG_ARCHITECTURE, UNSUPPORTED, IO }

    private final Reason reason;

    public ImageException(Reason reason, String oneLineMessage) {
        super(oneLine(oneLineMessage), null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    /** Names taken from an archive may hold newlines or escapes: quote them so a message stays one line. */
    static String quote(String name) {
        StringBuilder b = new StringBuilder(name.length() + 2).append('"');
        for (int i = 0; i < name.length() && i < 300; i++) {
            char c = name.charAt(i);
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20 || c == 0x7f) {
                b.append(String.format("\\x%02x", (int) c));
            } else {
                b.append(c);
            }
        }
        if (name.length() > 300) {
            b.append("...");
        }
        return b.append('"').toString();
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replace('\n', ' ').replace('\r', ' ');
    }
}
