package io.xrun.translator.convert;

import io.xrun.maps.ConstantTable;
import io.xrun.translator.nativeapi.NativeBuffer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Expected layouts: FreeBSD sys/sys/timex.h (struct timex 136 bytes, struct ntptimeval 48 on
 * amd64); Linux include/uapi/linux/timex.h struct __kernel_timex (208 bytes: status @40,
 * time @72, shift @112, tai @160).
 */
class TimexConverterTest {
    @Test
    void statusBitsAndStatesAreTheSameNumbersOnBoth() {
        for (ConstantTable.Entry e : TimexConverter.TABLE.entries()) {
            if (e.name().startsWith("STA_") || e.name().startsWith("TIME_")) {
                assertEquals(e.freebsd(), e.linux(), e.name());
            }
        }
    }

    @Test
    void modesDropTheBitsLinuxLacks() {
        // MOD_OFFSET | MOD_STATUS | MOD_NANO pass; MOD_PPSMAX, MOD_CLKB, MOD_CLKA are dropped
        assertEquals(0x2011, TimexConverter.modesToLinux(0x2011));
        assertEquals(0x0001, TimexConverter.modesToLinux(0x0001 | 0x0040 | 0x4000 | 0x8000));
    }

    @Test
    void timexBothWays() {
        NativeBuffer b = new NativeBuffer(1024);
        b.putInt(0, 0x0004 | 0x0010);          // FreeBSD modes: MOD_MAXERROR | MOD_STATUS
        b.putLong(8, -5);                     // offset
        b.putLong(16, 123 << 16);             // freq
        b.putLong(24, 16000);                 // maxerror
        b.putLong(32, 7);                     // esterror
        b.putInt(40, 0x2041);                 // status STA_NANO | STA_UNSYNC | STA_PLL
        b.putLong(48, 6);                     // constant
        TimexConverter.toLinux(b, 0, 256);
        assertEquals(0x14, b.getInt(256));
        assertEquals(-5, b.getLong(256 + 8));
        assertEquals(123 << 16, b.getLong(256 + 16));
        assertEquals(16000, b.getLong(256 + 24));
        assertEquals(7, b.getLong(256 + 32));
        assertEquals(0x2041, b.getInt(256 + 40));
        assertEquals(6, b.getLong(256 + 48));

        // a Linux result: precision 1, tolerance, ppsfreq, jitter, shift, stabil..stbcnt
        b.putLong(256 + 56, 1);
        b.putLong(256 + 64, 32768000);
        b.putLong(256 + 96, 11);
        b.putLong(256 + 104, 12);
        b.putInt(256 + 112, 4);
        b.putLong(256 + 120, 13);
        b.putLong(256 + 128, 14);
        b.putLong(256 + 136, 15);
        b.putLong(256 + 144, 16);
        b.putLong(256 + 152, 17);
        TimexConverter.toFreebsd(b, 256, 512, 0x14);
        assertEquals(0x14, b.getInt(512));
        assertEquals(-5, b.getLong(512 + 8));
        assertEquals(0x2041, b.getInt(512 + 40));
        assertEquals(6, b.getLong(512 + 48));
        assertEquals(1, b.getLong(512 + 56));
        assertEquals(32768000, b.getLong(512 + 64));
        assertEquals(11, b.getLong(512 + 72));       // ppsfreq
        assertEquals(12, b.getLong(512 + 80));       // jitter
        assertEquals(4, b.getInt(512 + 88));         // shift
        assertEquals(13, b.getLong(512 + 96));       // stabil
        assertEquals(14, b.getLong(512 + 104));
        assertEquals(15, b.getLong(512 + 112));
        assertEquals(16, b.getLong(512 + 120));
        assertEquals(17, b.getLong(512 + 128));      // stbcnt, the last of 136 bytes
    }

    @Test
    void ntptimevalTimeIsInNanoseconds() {
        NativeBuffer b = new NativeBuffer(1024);
        b.putLong(72, 1700000000L);
        b.putLong(80, 250000);                // microseconds: no STA_NANO
        b.putLong(24, 500);
        b.putLong(32, 20);
        b.putInt(160, 37);
        TimexConverter.toNtptimeval(b, 0, 256, 5);
        assertEquals(1700000000L, b.getLong(256));
        assertEquals(250000000L, b.getLong(264));
        assertEquals(500, b.getLong(256 + 16));
        assertEquals(20, b.getLong(256 + 24));
        assertEquals(37, b.getLong(256 + 32));
        assertEquals(5, b.getInt(256 + 40));
        b.putInt(40, 0x2000);                 // STA_NANO: already nanoseconds
        b.putLong(80, 250000);
        TimexConverter.toNtptimeval(b, 0, 256, 0);
        assertEquals(250000, b.getLong(264));
    }
}
