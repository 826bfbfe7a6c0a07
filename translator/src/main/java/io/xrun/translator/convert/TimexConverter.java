package io.xrun.translator.convert;

import io.xrun.maps.ConstantTable;
import io.xrun.translator.nativeapi.NativeBuffer;

/**
 * FreeBSD's {@code struct timex} and {@code struct ntptimeval} (sys/sys/timex.h, amd64: longs
 * are 8 bytes) against Linux's {@code struct __kernel_timex} (include/uapi/linux/timex.h, 208
 * bytes). Mode bits go through timex.tsv; status bits and clock states are the same numbers on
 * both (checked against the table by the unit test).
 */
public final class TimexConverter {
    public static final int FREEBSD_TIMEX_SIZE = 136;
    public static final int NTPTIMEVAL_SIZE = 48;
    public static final int LINUX_TIMEX_SIZE = 208;
    static final ConstantTable TABLE = ConstantTable.load("timex.tsv");
    static final long STA_NANO = TABLE.linux("STA_NANO");

    // FreeBSD struct timex
    static final int F_MODES = 0, F_OFFSET = 8, F_FREQ = 16, F_MAXERROR = 24, F_ESTERROR = 32, F_STATUS = 40,
            F_CONSTANT = 48, F_PRECISION = 56, F_TOLERANCE = 64, F_PPSFREQ = 72, F_JITTER = 80, F_SHIFT = 88,
            F_STABIL = 96, F_JITCNT = 104, F_CALCNT = 112, F_ERRCNT = 120, F_STBCNT = 128;
    // Linux struct __kernel_timex
    static final int L_MODES = 0, L_OFFSET = 8, L_FREQ = 16, L_MAXERROR = 24, L_ESTERROR = 32, L_STATUS = 40,
            L_CONSTANT = 48, L_PRECISION = 56, L_TOLERANCE = 64, L_TIME_SEC = 72, L_TIME_USEC = 80, L_PPSFREQ = 96,
            L_JITTER = 104, L_SHIFT = 112, L_STABIL = 120, L_JITCNT = 128, L_CALCNT = 136, L_ERRCNT = 144,
            L_STBCNT = 152, L_TAI = 160;
    // FreeBSD struct ntptimeval: struct timespec time, long maxerror, esterror, tai, int time_state
    static final int N_TIME = 0, N_MAXERROR = 16, N_ESTERROR = 24, N_TAI = 32, N_STATE = 40;

    private TimexConverter() {
    }

    /** Linux modes for FreeBSD ones: the unmapped bits are dropped; other unknown bits are kept out too. */
    public static long modesToLinux(long freebsdModes) {
        long out = 0;
        for (ConstantTable.Entry e : TABLE.entries()) {
            if (e.name().startsWith("MOD_") && e.linux() != ConstantTable.ABSENT && (freebsdModes & e.freebsd()) != 0) {
                out |= e.linux();
            }
        }
        return out;
    }

    /**
     * The members both structs have, in FreeBSD's order: {FreeBSD offset, Linux offset, size}.
     * The first WRITABLE are what ntp_adjtime can set (offset..constant); the rest are read-only.
     */
    private static final int[][] FIELDS = {
        {F_OFFSET, L_OFFSET, 8}, {F_FREQ, L_FREQ, 8}, {F_MAXERROR, L_MAXERROR, 8}, {F_ESTERROR, L_ESTERROR, 8},
        {F_STATUS, L_STATUS, 4}, {F_CONSTANT, L_CONSTANT, 8}, {F_PRECISION, L_PRECISION, 8},
        {F_TOLERANCE, L_TOLERANCE, 8}, {F_PPSFREQ, L_PPSFREQ, 8}, {F_JITTER, L_JITTER, 8}, {F_SHIFT, L_SHIFT, 4},
        {F_STABIL, L_STABIL, 8}, {F_JITCNT, L_JITCNT, 8}, {F_CALCNT, L_CALCNT, 8}, {F_ERRCNT, L_ERRCNT, 8},
        {F_STBCNT, L_STBCNT, 8},
    };
    private static final int WRITABLE = 6;

    /** FreeBSD's struct timex at src to Linux's at dst (the writable members; the rest zero). */
    public static void toLinux(NativeBuffer b, int src, int dst) {
        b.zero(dst, LINUX_TIMEX_SIZE);
        b.putInt(dst + L_MODES, (int) modesToLinux(b.getInt(src + F_MODES) & 0xffffffffL));
        for (int i = 0; i < WRITABLE; i++) {
            b.copyTo(src + FIELDS[i][0], b, dst + FIELDS[i][1], FIELDS[i][2]);
        }
    }

    /** Linux's struct timex at src to FreeBSD's at dst; FreeBSD's modes member is left as it was. */
    public static void toFreebsd(NativeBuffer b, int src, int dst, int modes) {
        b.zero(dst, FREEBSD_TIMEX_SIZE);
        b.putInt(dst + F_MODES, modes);
        for (int[] f : FIELDS) {
            b.copyTo(src + f[1], b, dst + f[0], f[2]);
        }
    }

    /**
     * struct ntptimeval from Linux's timex (kern_ntptime.c ntp_gettime1): the time in
     * nanoseconds (Linux's is in microseconds unless STA_NANO), maxerror, esterror, tai, and
     * the clock state adjtimex returned (TIME_ERROR included, as FreeBSD reports it).
     */
    public static void toNtptimeval(NativeBuffer b, int src, int dst, int state) {
        b.zero(dst, NTPTIMEVAL_SIZE);
        long frac = b.getLong(src + L_TIME_USEC);
        boolean nano = (b.getInt(src + L_STATUS) & STA_NANO) != 0;
        b.putLong(dst + N_TIME, b.getLong(src + L_TIME_SEC));
        b.putLong(dst + N_TIME + 8, nano ? frac : frac * 1000);
        b.putLong(dst + N_MAXERROR, b.getLong(src + L_MAXERROR));
        b.putLong(dst + N_ESTERROR, b.getLong(src + L_ESTERROR));
        b.putLong(dst + N_TAI, b.getInt(src + L_TAI));
        b.putInt(dst + N_STATE, state);
    }
}
