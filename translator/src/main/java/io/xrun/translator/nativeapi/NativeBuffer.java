package io.xrun.translator.nativeapi;

import jnr.ffi.Memory;
import jnr.ffi.Pointer;

import java.nio.charset.StandardCharsets;

/**
 * A block of native memory owned by the supervisor: the registers it reads with ptrace, the
 * staging area for guest memory copies, iovecs. Allocated once; the accessors are plain loads
 * and stores, so using a buffer allocates nothing.
 */
public final class NativeBuffer {
    private final Pointer ptr;
    private final long address;
    private final int size;

    public NativeBuffer(int size) {
        this.ptr = Memory.allocateDirect(Native.RUNTIME, size, true);
        this.address = ptr.address();
        this.size = size;
    }

    public long address() {
        return address;
    }

    public int size() {
        return size;
    }

    public long getLong(int off) {
        return ptr.getLong(off);
    }

    public void putLong(int off, long v) {
        ptr.putLong(off, v);
    }

    public int getInt(int off) {
        return ptr.getInt(off);
    }

    public void putInt(int off, int v) {
        ptr.putInt(off, v);
    }

    public short getShort(int off) {
        return ptr.getShort(off);
    }

    public void putShort(int off, short v) {
        ptr.putShort(off, v);
    }

    public byte getByte(int off) {
        return ptr.getByte(off);
    }

    public void putByte(int off, byte v) {
        ptr.putByte(off, v);
    }

    public void get(int off, byte[] dst, int dstOff, int len) {
        ptr.get(off, dst, dstOff, len);
    }

    public void put(int off, byte[] src, int srcOff, int len) {
        ptr.put(off, src, srcOff, len);
    }

    public void zero(int off, int len) {
        ptr.setMemory(off, len, (byte) 0);
    }

    /** Copies len bytes from this buffer at off into another buffer at dstOff. */
    public void copyTo(int off, NativeBuffer dst, int dstOff, int len) {
        ptr.transferTo(off, dst.ptr, dstOff, len);
    }

    /** Copies within the buffer (regions may overlap). */
    public void move(int from, int to, int len) {
        ptr.transferTo(from, ptr, to, len);
    }

    /** Writes a NUL-terminated UTF-8 string; returns the bytes written including the NUL. */
    public int putCString(int off, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        ptr.put(off, b, 0, b.length);
        ptr.putByte(off + b.length, (byte) 0);
        return b.length + 1;
    }

    /** Length of the NUL-terminated string at off, at most max. */
    public int strlen(int off, int max) {
        for (int i = 0; i < max; i++) {
            if (ptr.getByte(off + i) == 0) {
                return i;
            }
        }
        return max;
    }

    /** Decodes a string (trace and diagnostics only: allocates). */
    public String getString(int off, int len) {
        byte[] b = new byte[len];
        ptr.get(off, b, 0, len);
        return new String(b, StandardCharsets.UTF_8);
    }
}
