package io.xrun.translator.ptrace;

import io.xrun.translator.core.GuestThread;

/** tid -> thread state, open addressing on int keys: no boxing on the per-stop lookup. */
final class ThreadTable {
    private int[] keys = new int[64];
    private GuestThread[] values = new GuestThread[64];
    private int size;

    GuestThread get(int tid) {
        int mask = keys.length - 1;
        for (int i = mix(tid) & mask; ; i = (i + 1) & mask) {
            if (keys[i] == tid && values[i] != null) {
                return values[i];
            }
            if (values[i] == null) {
                return null;
            }
        }
    }

    void put(int tid, GuestThread t) {
        if ((size + 1) * 2 > keys.length) {
            grow();
        }
        int mask = keys.length - 1;
        for (int i = mix(tid) & mask; ; i = (i + 1) & mask) {
            if (values[i] == null) {
                keys[i] = tid;
                values[i] = t;
                size++;
                return;
            }
            if (keys[i] == tid) {
                values[i] = t;
                return;
            }
        }
    }

    void remove(int tid) {
        int[] oldK = keys;
        GuestThread[] oldV = values;
        keys = new int[oldK.length];
        values = new GuestThread[oldV.length];
        size = 0;
        for (int i = 0; i < oldK.length; i++) {
            if (oldV[i] != null && oldK[i] != tid) {
                put(oldK[i], oldV[i]);
            }
        }
    }

    int size() {
        return size;
    }

    private void grow() {
        int[] oldK = keys;
        GuestThread[] oldV = values;
        keys = new int[oldK.length * 2];
        values = new GuestThread[oldV.length * 2];
        size = 0;
        for (int i = 0; i < oldK.length; i++) {
            if (oldV[i] != null) {
                put(oldK[i], oldV[i]);
            }
        }
    }

    private static int mix(int x) {
        return x * 0x9E3779B9 >>> 7;
    }
}
