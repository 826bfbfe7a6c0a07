package io.xrun.loader.image;

/**
 * One archive member after GNU long-name and PAX headers have been folded in.
 *
 * @param name     the member name exactly as archived (not yet checked or normalized)
 * @param type     the POSIX ustar typeflag (pax(1) "ustar Interchange Format"): '0' regular,
 *                 '1' hard link, '2' symlink, '3' char device, '4' block device, '5' directory,
 *                 '6' FIFO; '7' (contiguous) and NUL (old tar) are reported as '0'
 * @param offset   byte offset of the member's header in the uncompressed archive, for messages
 */
record TarEntry(String name, char type, long size, int mode, long uid, long gid,
                long mtimeSeconds, int mtimeNanos, String linkName, long offset) {
    boolean isRegular() {
        return type == '0';
    }

    boolean isHardLink() {
        return type == '1';
    }

    boolean isSymlink() {
        return type == '2';
    }

    boolean isDevice() {
        return type == '3' || type == '4';
    }

    boolean isDirectory() {
        return type == '5';
    }

    boolean isFifo() {
        return type == '6';
    }
}
