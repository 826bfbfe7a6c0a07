package io.xrun.translator.time;

/**
 * One process's timekeeping page as the updater sees it: where it is, how to write it, and which
 * timehands slot readers are directed to.
 */
final class TimekeepPage {
    private final long addr;
    private final PageWriter writer;
    private int current;

    TimekeepPage(long addr, PageWriter writer) {
        this.addr = addr;
        this.writer = writer;
    }

    long address() {
        return addr;
    }

    /**
     * Publishes new timehands into the slot readers are not directed to, then directs them to it:
     * th_gen = 0, the body, th_gen = gen, tk_current, as four writes in that order. A reader
     * (lib/libc/sys/__vdso_gettimeofday.c binuptime) loads tk_current and th_gen, reads the body,
     * and retries unless tk_current and a non-zero th_gen are unchanged, so it never uses a slot
     * while it is written; each write is one syscall, and x86 keeps stores in order. {@code body}
     * is {@link TimekeepLayout#timehands} with gen 0; {@code gen} is never 0.
     *
     * @return false when the process is gone (the write failed)
     */
    boolean publish(byte[] body, int gen) {
        int slot = current ^ 1;
        long th = TimekeepLayout.slot(addr, slot);
        boolean ok = writer.write(th + TimekeepLayout.TH_GEN, TimekeepLayout.u32(0))
                && writer.write(th, body)
                && writer.write(th + TimekeepLayout.TH_GEN, TimekeepLayout.u32(gen))
                && writer.write(addr + TimekeepLayout.TK_CURRENT, TimekeepLayout.u32(slot));
        if (ok) {
            current = slot;
        }
        return ok;
    }

    void close() {
        writer.close();
    }
}
