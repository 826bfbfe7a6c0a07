package io.xrun.loader.image;

import java.io.IOException;
import java.io.InputStream;

/** An InputStream defined by its bulk read; the single-byte read goes through it (nothing here reads byte by byte). */
abstract class BulkInputStream extends InputStream {
    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public abstract int read(byte[] b, int off, int len) throws IOException;
}
