package io.xrun.loader.image;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * A small, strict tar reader: POSIX ustar headers (pax(1), "ustar Interchange Format"), GNU
 * long names ('L') and long link names ('K') (GNU tar manual, "Basic Tar Format"), and PAX
 * extended headers 'x' and global headers 'g' (pax(1), "pax Interchange Format") for path,
 * linkpath, size, uid, gid and mtime. Every header checksum is verified and every short read is
 * reported as truncation, with the byte offset, because the input is untrusted.
 */
final class TarReader {
    private static final int BLOCK = 512;
    /** Metadata members are read into memory: cap them so a hostile archive cannot exhaust it. */
    private static final int MAX_META = 1 << 20;

    private final InputStream in;
    private final byte[] header = new byte[BLOCK];
    private final Map<String, String> globals = new HashMap<>();
    private long position;
    /** Unread bytes of the current member's data, and its padding to the block size. */
    private long remaining;
    private long padding;
    private TarEntry current;
    private boolean ended;

    TarReader(InputStream in) {
        this.in = in;
    }

    /** The next member, or null after the end-of-archive marker (a zero block). */
    TarEntry next() throws IOException {
        skipRest();
        if (ended) {
            return null;
        }
        Map<String, String> pax = new HashMap<>();
        String longName = null;
        String longLink = null;
        while (true) {
            long at = position;
            if (!readHeader()) {
                // pax(1): the archive ends with two zero blocks; GNU tar accepts one. Plain EOF
                // here means the archive was cut off between members.
                throw new CorruptInputException("corrupt tar: unexpected end of archive at byte " + at + " (no end-of-archive marker)");
            }
            if (isZero(header)) {
                ended = true;
                return null;
            }
            verifyChecksum(at);
            char type = (char) (header[156] & 0xff);
            long size = number(124, 12, at, "size");
            switch (type) {
                case 'x':
                    parsePax(readMeta(size, at), pax, at);
                    continue;
                case 'g':
                    parsePax(readMeta(size, at), globals, at);
                    continue;
                case 'L':
                    longName = cString(readMeta(size, at), 0, (int) size);
                    continue;
                case 'K':
                    longLink = cString(readMeta(size, at), 0, (int) size);
                    continue;
                default:
                    break;
            }
            Map<String, String> attrs = new HashMap<>(globals);
            attrs.putAll(pax);
            if (attrs.keySet().stream().anyMatch(k -> k.startsWith("GNU.sparse."))) {
                throw new UnsupportedInputException("tar member at byte " + at + " is a GNU sparse file");
            }
            String name = attrs.getOrDefault("path", longName != null ? longName : headerName());
            String link = attrs.getOrDefault("linkpath", longLink != null ? longLink : cString(header, 157, 100));
            size = paxNumber(attrs, "size", size, at);
            long uid = paxNumber(attrs, "uid", number(108, 8, at, "uid"), at);
            long gid = paxNumber(attrs, "gid", number(116, 8, at, "gid"), at);
            long mtime = number(136, 12, at, "mtime");
            int nanos = 0;
            if (attrs.containsKey("mtime")) {
                BigDecimal t = decimal(attrs.get("mtime"), "mtime", at);
                mtime = t.longValue();
                nanos = t.subtract(BigDecimal.valueOf(mtime)).movePointRight(9).intValue();
                if (nanos < 0) {
                    mtime--;
                    nanos += 1_000_000_000;
                }
            }
            int mode = (int) (number(100, 8, at, "mode") & 07777);
            char t = type == '\0' || type == '7' ? '0' : type;
            if (t >= '1' && t <= '6') {
                size = 0; // header-only types (as Go's archive/tar reads them): any size field is ignored
            } else if (t != '0') {
                if (t == 'S' || t == 'M' || t == 'N' || t == 'D' || t == 'V') {
                    throw new UnsupportedInputException("tar member " + ImageException.quote(name) + " has GNU type '" + t + "'");
                }
                t = '0'; // pax(1): an unrecognized typeflag is read as a regular file
            }
            current = new TarEntry(name, t, size, mode, uid, gid, mtime, nanos, link, at);
            remaining = size;
            padding = pad(size);
            return current;
        }
    }

    /** The current member's data; reading past it returns EOF, a short archive is reported. */
    InputStream content() {
        return new BulkInputStream() {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (remaining == 0) {
                    return -1;
                }
                int n = in.read(b, off, (int) Math.min(len, remaining));
                if (n < 0) {
                    throw truncated();
                }
                remaining -= n;
                position += n;
                return n;
            }
        };
    }

    /** Byte offset in the uncompressed archive. */
    long position() {
        return position;
    }

    private void skipRest() throws IOException {
        byte[] buf = new byte[8192];
        long todo = remaining + padding;
        while (todo > 0) {
            int n = in.read(buf, 0, (int) Math.min(buf.length, todo));
            if (n < 0) {
                throw truncated();
            }
            todo -= n;
            position += n;
        }
        remaining = 0;
        padding = 0;
    }

    private CorruptInputException truncated() {
        return new CorruptInputException("corrupt tar: unexpected end of archive in member "
                + ImageException.quote(current == null ? "?" : current.name()) + " at byte " + position);
    }

    /** Reads one header block: false at a clean EOF, an error if the block is cut short. */
    private boolean readHeader() throws IOException {
        int n = in.readNBytes(header, 0, BLOCK);
        position += n;
        if (n == 0) {
            return false;
        }
        if (n < BLOCK) {
            throw new CorruptInputException("corrupt tar: unexpected end of archive in a header at byte " + (position - n));
        }
        return true;
    }

    private byte[] readMeta(long size, long at) throws IOException {
        if (size > MAX_META) {
            throw new CorruptInputException("corrupt tar: extended header at byte " + at + " is too large (" + size + " bytes)");
        }
        byte[] data = new byte[(int) size];
        int n = in.readNBytes(data, 0, data.length);
        position += n;
        if (n < data.length) {
            throw new CorruptInputException("corrupt tar: unexpected end of archive in an extended header at byte " + at);
        }
        long pad = pad(size);
        if (in.readNBytes((int) pad).length < pad) {
            throw new CorruptInputException("corrupt tar: unexpected end of archive in an extended header at byte " + at);
        }
        position += pad;
        return data;
    }

    private static long pad(long size) {
        return (BLOCK - size % BLOCK) % BLOCK;
    }

    /**
     * pax(1): the checksum is the sum of the header bytes with the chksum field taken as
     * spaces. Historic tars summed signed chars, so either sum is accepted.
     */
    private void verifyChecksum(long at) throws IOException {
        long stored;
        try {
            stored = number(148, 8, at, "chksum");
        } catch (CorruptInputException e) {
            throw new CorruptInputException("corrupt tar: bad header checksum at byte " + at);
        }
        if (!checksumMatches(header, stored)) {
            throw new CorruptInputException("corrupt tar: bad header checksum at byte " + at);
        }
    }

    private static boolean checksumMatches(byte[] h, long stored) {
        long unsigned = 0;
        long signed = 0;
        for (int i = 0; i < BLOCK; i++) {
            int b = i >= 148 && i < 156 ? ' ' : h[i];
            unsigned += b & 0xff;
            signed += b;
        }
        return stored == unsigned || stored == signed;
    }

    /** Whether a file starts with a plausible tar header (its checksum is right), for detection. */
    static boolean looksLikeHeader(byte[] block) {
        if (block.length < BLOCK || isZero(block)) {
            return false;
        }
        long stored = 0;
        int i = 148;
        while (i < 156 && block[i] == ' ') {
            i++;
        }
        for (; i < 156 && block[i] != 0 && block[i] != ' '; i++) {
            if (block[i] < '0' || block[i] > '7') {
                return false;
            }
            stored = stored * 8 + (block[i] - '0');
        }
        return checksumMatches(block, stored);
    }

    /**
     * ustar keeps name and prefix separately (prefix + "/" + name); the old GNU format ("ustar "
     * magic with " \0" version) uses the prefix bytes for other fields, so only POSIX magic counts.
     */
    private String headerName() {
        String name = cString(header, 0, 100);
        boolean posix = header[257] == 'u' && header[258] == 's' && header[259] == 't' && header[260] == 'a'
                && header[261] == 'r' && header[262] == 0;
        if (posix && header[345] != 0) {
            return cString(header, 345, 155) + "/" + name;
        }
        return name;
    }

    /**
     * A numeric header field: octal digits ended by NUL or space (pax(1)), or GNU's base-256
     * form (high bit of the first byte set) used for sizes over 8 GiB and large ids.
     */
    private long number(int off, int len, long at, String field) throws CorruptInputException {
        if ((header[off] & 0x80) != 0) {
            if ((header[off] & 0x40) != 0) {
                throw bad(field, at);
            }
            long v = header[off] & 0x3f;
            for (int i = 1; i < len; i++) {
                if (v > (Long.MAX_VALUE >> 8)) {
                    throw bad(field, at);
                }
                v = (v << 8) | (header[off + i] & 0xff);
            }
            return v;
        }
        int i = off;
        int end = off + len;
        while (i < end && header[i] == ' ') {
            i++;
        }
        long v = 0;
        int digits = 0;
        for (; i < end; i++) {
            int c = header[i];
            if (c == 0 || c == ' ') {
                break;
            }
            if (c < '0' || c > '7' || v > (Long.MAX_VALUE >> 3)) {
                throw bad(field, at);
            }
            v = v * 8 + (c - '0');
            digits++;
        }
        for (; i < end; i++) {
            if (header[i] != 0 && header[i] != ' ') {
                throw bad(field, at);
            }
        }
        return digits == 0 ? 0 : v;
    }

    private static CorruptInputException bad(String field, long at) {
        return new CorruptInputException("corrupt tar: bad " + field + " field in header at byte " + at);
    }

    /** pax(1) extended header records: "%d %s=%s\n", the length counting the whole record. */
    private static void parsePax(byte[] data, Map<String, String> into, long at) throws CorruptInputException {
        int i = 0;
        while (i < data.length) {
            int sp = i;
            long len = 0;
            while (sp < data.length && data[sp] >= '0' && data[sp] <= '9' && len < Integer.MAX_VALUE) {
                len = len * 10 + (data[sp] - '0');
                sp++;
            }
            if (sp == i || sp >= data.length || data[sp] != ' ' || len <= sp - i + 1 || i + len > data.length
                    || data[(int) (i + len - 1)] != '\n') {
                throw new CorruptInputException("corrupt tar: bad pax extended header at byte " + at);
            }
            String rec = new String(data, sp + 1, (int) (i + len - 1 - (sp + 1)), StandardCharsets.UTF_8);
            int eq = rec.indexOf('=');
            if (eq <= 0) {
                throw new CorruptInputException("corrupt tar: bad pax extended header at byte " + at);
            }
            String key = rec.substring(0, eq);
            String value = rec.substring(eq + 1);
            if (value.isEmpty()) {
                into.remove(key); // pax(1): an empty value deletes the keyword
            } else {
                into.put(key, value);
            }
            i += (int) len;
        }
    }

    private static long paxNumber(Map<String, String> attrs, String key, long dflt, long at) throws CorruptInputException {
        String v = attrs.get(key);
        if (v == null) {
            return dflt;
        }
        try {
            long n = Long.parseLong(v);
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new CorruptInputException("corrupt tar: bad pax " + key + " at byte " + at);
    }

    private static BigDecimal decimal(String v, String key, long at) throws CorruptInputException {
        try {
            return new BigDecimal(v);
        } catch (NumberFormatException e) {
            throw new CorruptInputException("corrupt tar: bad pax " + key + " at byte " + at);
        }
    }

    private static String cString(byte[] b, int off, int len) {
        int end = off;
        while (end < off + len && b[end] != 0) {
            end++;
        }
        return new String(b, off, end - off, StandardCharsets.UTF_8);
    }

    private static boolean isZero(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }
}
