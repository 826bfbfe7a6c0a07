package io.xrun.translator.time;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The FreeBSD amd64 timekeeping page a process finds at AT_TIMEKEEP: struct vdso_timekeep followed
 * by its struct vdso_timehands array (sys/sys/vdso.h, with VDSO_TIMEHANDS_MD of
 * sys/x86/include/vdso.h). The same sizes are in Go's runtime/defs_freebsd_amd64.go
 * (vdsoTimekeepSize = 0x10, vdsoTimehandsSize = 0x58).
 */
public final class TimekeepLayout {
    /** struct vdso_timekeep: u32 tk_ver, tk_enabled, tk_current; tk_th[] 8-aligned at 0x10. */
    static final int TK_VER = 0, TK_ENABLED = 4, TK_CURRENT = 8, TK_TH = 0x10;
    /**
     * struct vdso_timehands: u32 th_algo, th_gen; u64 th_scale; u32 th_offset_count,
     * th_counter_mask; struct bintime th_offset, th_boottime {time_t sec; uint64_t frac}; u32
     * th_x86_shift, th_x86_hpet_idx, th_res[6].
     */
    static final int TH_ALGO = 0, TH_GEN = 4, TH_SCALE = 8, TH_OFFSET_COUNT = 0x10, TH_COUNTER_MASK = 0x14,
            TH_OFFSET = 0x18, TH_BOOTTIME = 0x28, TH_X86_SHIFT = 0x38, TH_X86_HPET_IDX = 0x3c, TH_RES = 0x40,
            TH_SIZE = 0x58;
    /** VDSO_TK_VER_CURR (sys/sys/vdso.h). */
    static final int VDSO_TK_VER_CURR = 1;
    /** VDSO_TH_ALGO_X86_TSC = VDSO_TH_ALGO_1 (sys/x86/include/vdso.h). */
    static final int VDSO_TH_ALGO_X86_TSC = 1;
    /** tsc_timecounter.tc_counter_mask = ~0u (sys/x86/x86/tsc.c). */
    static final long COUNTER_MASK = 0xffffffffL;
    /** th_x86_hpet_idx of a TSC timehands (sys/x86/x86/tsc.c x86_tsc_vdso_timehands). */
    static final int NO_HPET = 0xffffffff;
    /**
     * Two slots are enough: the writer only ever fills the one readers are not directed to
     * (FreeBSD's kernel keeps VDSO_TH_NUM = 4 for its own timehands ring, readers index tk_current).
     */
    static final int SLOTS = 2;
    /** Bytes xrun reserves for the page. */
    public static final int SIZE = TK_TH + SLOTS * TH_SIZE;

    private TimekeepLayout() {
    }

    /** Address of timehands slot {@code i} of the page at {@code page}. */
    static long slot(long page, int i) {
        return page + TK_TH + (long) i * TH_SIZE;
    }

    /** The bytes of one struct vdso_timehands. */
    static byte[] timehands(Timehands th, int gen) {
        ByteBuffer b = ByteBuffer.allocate(TH_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(TH_ALGO, VDSO_TH_ALGO_X86_TSC);
        b.putInt(TH_GEN, gen);
        b.putLong(TH_SCALE, th.scale());
        b.putInt(TH_OFFSET_COUNT, th.offsetCount());
        b.putInt(TH_COUNTER_MASK, (int) COUNTER_MASK);
        b.putLong(TH_OFFSET, th.offset().sec());
        b.putLong(TH_OFFSET + 8, th.offset().frac());
        b.putLong(TH_BOOTTIME, th.boottime().sec());
        b.putLong(TH_BOOTTIME + 8, th.boottime().frac());
        b.putInt(TH_X86_SHIFT, th.shift());
        b.putInt(TH_X86_HPET_IDX, NO_HPET);
        return b.array();
    }

    /** A whole page: version, enabled, {@code th} in slot 0 and tk_current = 0. */
    static byte[] page(Timehands th, int gen) {
        ByteBuffer b = ByteBuffer.allocate(SIZE).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(TK_VER, VDSO_TK_VER_CURR);
        b.putInt(TK_ENABLED, 1);
        b.putInt(TK_CURRENT, 0);
        b.put(TK_TH, timehands(th, gen));
        return b.array();
    }

    /** A little-endian u32, as the page's single-word writes carry it. */
    static byte[] u32(int v) {
        return new byte[] {(byte) v, (byte) (v >>> 8), (byte) (v >>> 16), (byte) (v >>> 24)};
    }
}
