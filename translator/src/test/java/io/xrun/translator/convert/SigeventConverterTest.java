package io.xrun.translator.convert;

import io.xrun.translator.nativeapi.NativeBuffer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Expected layouts: FreeBSD sys/sys/signal.h struct sigevent (sigev_notify@0, sigev_signo@4,
 * sigev_value@8, _threadid@16; SIGEV_NONE 0, SIGEV_SIGNAL 1, SIGEV_KEVENT 3, SIGEV_THREAD_ID 4;
 * SIGUSR1 30) and Linux asm-generic/siginfo.h (sigev_value@0, sigev_signo@8, sigev_notify@12,
 * _tid@16; SIGEV_SIGNAL 0, SIGEV_NONE 1, SIGEV_THREAD_ID 4; SIGUSR1 10).
 */
class SigeventConverterTest {
    private static NativeBuffer freebsd(int notify, int signo, long value, int tid) {
        NativeBuffer b = new NativeBuffer(256);
        b.putInt(0, notify);
        b.putInt(4, signo);
        b.putLong(8, value);
        b.putInt(16, tid);
        for (int i = 128; i < 256; i++) {
            b.putByte(i, (byte) 0x5a);
        }
        return b;
    }

    @Test
    void signalNotificationIsRenumbered() {
        NativeBuffer b = freebsd(1, 30, 0x1122334455667788L, 0);
        assertTrue(SigeventConverter.toLinux(b, 0, 128));
        assertEquals(0x1122334455667788L, b.getLong(128));
        assertEquals(10, b.getInt(128 + 8));
        assertEquals(0, b.getInt(128 + 12));
        assertEquals(0, b.getInt(128 + 16));
        // the rest of the 64-byte Linux struct is zeroed
        for (int i = 20; i < 64; i++) {
            assertEquals(0, b.getByte(128 + i), "byte " + i);
        }
        assertEquals(0x5a, b.getByte(128 + 64));
    }

    @Test
    void noneNeedsNoSignalAndThreadIdsBecomeTids() {
        NativeBuffer none = freebsd(0, 0, 0, 0);
        assertTrue(SigeventConverter.toLinux(none, 0, 128));
        assertEquals(1, none.getInt(128 + 12));
        NativeBuffer tid = freebsd(4, 30, 7, 100_000 + 4321);
        assertTrue(SigeventConverter.toLinux(tid, 0, 128));
        assertEquals(4, tid.getInt(128 + 12));
        assertEquals(4321, tid.getInt(128 + 16));
    }

    @Test
    void whatFreebsdRefusesIsInvalid() {
        assertFalse(SigeventConverter.toLinux(freebsd(3, 30, 0, 0), 0, 128), "SIGEV_KEVENT");
        assertFalse(SigeventConverter.toLinux(freebsd(2, 30, 0, 0), 0, 128), "SIGEV_THREAD");
        assertFalse(SigeventConverter.toLinux(freebsd(9, 30, 0, 0), 0, 128), "unknown notify");
        assertFalse(SigeventConverter.toLinux(freebsd(1, 0, 0, 0), 0, 128), "signal 0");
        assertFalse(SigeventConverter.toLinux(freebsd(1, 200, 0, 0), 0, 128), "signal 200");
        assertFalse(SigeventConverter.toLinux(freebsd(4, 30, 0, 5), 0, 128), "not a thread id");
    }
}
