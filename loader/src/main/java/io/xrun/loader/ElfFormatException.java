package io.xrun.loader;

/** A file that is not a runnable ELF for this host: the message is the one line the user sees. */
public final class ElfFormatException extends Exception {
    public ElfFormatException(String message) {
        super(message);
    }
}
