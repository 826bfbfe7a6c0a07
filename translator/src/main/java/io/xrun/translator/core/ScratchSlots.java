package io.xrun.translator.core;

/**
 * Hands out slots of a process's scratch arena, one per guest thread, reusing the slots of
 * threads that ended. Shared by a process and its fork/vfork children until they exec (a vfork
 * child runs in its parent's memory, so its slot must differ from every parent thread's).
 */
public final class ScratchSlots {
    /** Slots per arena: 4096 threads of 4 KiB, 16 MiB of address space reserved, touched only when used. */
    public static final int COUNT = 4096;
    public static final int SIZE = 4096;
    private final int[] free = new int[COUNT];
    private int nfree;
    private int next;

    /** A free slot, or -1 when all are taken. */
    public int take() {
        if (nfree > 0) {
            return free[--nfree];
        }
        return next < COUNT ? next++ : -1;
    }

    public void give(int slot) {
        if (slot >= 0 && nfree < COUNT) {
            free[nfree++] = slot;
        }
    }
}
