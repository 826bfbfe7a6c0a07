package io.xrun.translator.time;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Offsets and sizes of the page, against FreeBSD's sys/sys/vdso.h (struct vdso_timekeep, struct
 * vdso_timehands) with sys/x86/include/vdso.h (VDSO_TIMEHANDS_MD: th_x86_shift, th_x86_hpet_idx,
 * th_res[6]) on amd64, and Go's runtime/defs_freebsd_amd64.go (vdsoTimekeepSize = 0x10,
 * vdsoTimehandsSize = 0x58, _VDSO_TK_VER_CURR = 0x1) and vdso_freebsd_x86.go
 * (_VDSO_TH_ALGO_X86_TSC = 1).
 */
class TimekeepLayoutTest {
    @Test
    void offsetsAreFreebsdAmd64s() {
        // u32 tk_ver, tk_enabled, tk_current; tk_th[] aligned to 8 (struct bintime holds int64)
        assertEquals(0, TimekeepLayout.TK_VER);
        assertEquals(4, TimekeepLayout.TK_ENABLED);
        assertEquals(8, TimekeepLayout.TK_CURRENT);
        assertEquals(0x10, TimekeepLayout.TK_TH);
        // u32 th_algo, th_gen; u64 th_scale; u32 th_offset_count, th_counter_mask;
        // bintime th_offset, th_boottime (16 bytes each); u32 th_x86_shift, th_x86_hpet_idx, th_res[6]
        assertEquals(0x00, TimekeepLayout.TH_ALGO);
        assertEquals(0x04, TimekeepLayout.TH_GEN);
        assertEquals(0x08, TimekeepLayout.TH_SCALE);
        assertEquals(0x10, TimekeepLayout.TH_OFFSET_COUNT);
        assertEquals(0x14, TimekeepLayout.TH_COUNTER_MASK);
        assertEquals(0x18, TimekeepLayout.TH_OFFSET);
        assertEquals(0x28, TimekeepLayout.TH_BOOTTIME);
        assertEquals(0x38, TimekeepLayout.TH_X86_SHIFT);
        assertEquals(0x3c, TimekeepLayout.TH_X86_HPET_IDX);
        assertEquals(0x40, TimekeepLayout.TH_RES);
        assertEquals(0x58, TimekeepLayout.TH_SIZE);
        assertEquals(0x10 + 2 * 0x58, TimekeepLayout.SIZE);
        assertEquals(1, TimekeepLayout.VDSO_TK_VER_CURR);
        assertEquals(1, TimekeepLayout.VDSO_TH_ALGO_X86_TSC);
    }

    @Test
    void pageHoldsTheHeaderAndTimehandsInSlotZero() {
        Timehands th = new Timehands(0x123456789aL, 0xdeadbeef, new Bintime(7, 1L << 63), new Bintime(1_700_000_000, 5), 1);
        ByteBuffer b = ByteBuffer.wrap(TimekeepLayout.page(th, 42)).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(0xc0, b.capacity());
        assertEquals(1, b.getInt(0), "tk_ver");
        assertEquals(1, b.getInt(4), "tk_enabled");
        assertEquals(0, b.getInt(8), "tk_current");
        int s = 0x10;
        assertEquals(1, b.getInt(s), "th_algo = VDSO_TH_ALGO_X86_TSC");
        assertEquals(42, b.getInt(s + 4), "th_gen");
        assertEquals(0x123456789aL, b.getLong(s + 8), "th_scale");
        assertEquals(0xdeadbeef, b.getInt(s + 0x10), "th_offset_count");
        assertEquals(-1, b.getInt(s + 0x14), "th_counter_mask = ~0u (tsc.c)");
        assertEquals(7, b.getLong(s + 0x18));
        assertEquals(1L << 63, b.getLong(s + 0x20));
        assertEquals(1_700_000_000, b.getLong(s + 0x28));
        assertEquals(5, b.getLong(s + 0x30));
        assertEquals(1, b.getInt(s + 0x38), "th_x86_shift");
        assertEquals(-1, b.getInt(s + 0x3c), "th_x86_hpet_idx: none (tsc.c x86_tsc_vdso_timehands)");
        for (int i = 0; i < 6; i++) {
            assertEquals(0, b.getInt(s + 0x40 + 4 * i), "th_res");
        }
        assertEquals(0x10 + 0x58, TimekeepLayout.slot(0, 1));
    }
}
