package io.xrun.translator.convert;

import io.xrun.translator.nativeapi.NativeBuffer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Values: FreeBSD sys/sys/_termios.h (ECHO 0x8, ICANON 0x100, ISIG 0x80, ICRNL 0x100,
 * OPOST 0x1, CREAD 0x800, CS8 0x300, VINTR 8, VMIN 16), Linux asm-generic/termbits.h
 * (ECHO 0x8, ICANON 0x2, ISIG 0x1, ICRNL 0x100, OPOST 0x1, CREAD 0x80, CS8 0x30, VINTR 0,
 * VMIN 6, B9600 0xd, B115200 0x1002).
 */
class TermiosConverterTest {
    @Test
    void freebsdToLinuxAndBack() {
        NativeBuffer b = new NativeBuffer(256);
        b.putInt(0, 0x100);              // c_iflag ICRNL
        b.putInt(4, 0x1);                // c_oflag OPOST
        b.putInt(8, 0x800 | 0x300);      // c_cflag CREAD|CS8
        b.putInt(12, 0x8 | 0x100 | 0x80); // c_lflag ECHO|ICANON|ISIG
        b.putByte(16 + 8, (byte) 3);     // c_cc[VINTR] = ^C
        b.putByte(16 + 16, (byte) 1);    // c_cc[VMIN] = 1
        b.putInt(36, 115200);
        b.putInt(40, 9600);
        assertTrue(TermiosConverter.toLinux(b, 0, 64));
        assertEquals(0x100, b.getInt(64));
        assertEquals(0x1, b.getInt(68));
        int cflag = b.getInt(72);
        assertEquals(0x80 | 0x30, cflag & ~0x100f100f, "CREAD|CS8");
        assertEquals(0xd, cflag & 0x100f, "output speed B9600 in CBAUD");
        assertEquals(0x1002, (cflag >>> 16) & 0x100f, "input speed B115200 in CIBAUD");
        assertEquals(0x8 | 0x2 | 0x1, b.getInt(76));
        assertEquals(3, b.getByte(64 + 17 + 0), "Linux c_cc[VINTR]");
        assertEquals(1, b.getByte(64 + 17 + 6), "Linux c_cc[VMIN]");

        TermiosConverter.toFreebsd(b, 64, 128);
        assertEquals(0x100, b.getInt(128));
        assertEquals(0x1, b.getInt(132));
        assertEquals(0x800 | 0x300, b.getInt(136));
        assertEquals(0x8 | 0x100 | 0x80, b.getInt(140));
        assertEquals(3, b.getByte(128 + 16 + 8));
        assertEquals(115200, b.getInt(128 + 36));
        assertEquals(9600, b.getInt(128 + 40));
    }

    @Test
    void speedWithoutLinuxCodeIsRejected() {
        NativeBuffer b = new NativeBuffer(256);
        b.putInt(40, 12345);
        assertTrue(!TermiosConverter.toLinux(b, 0, 64));
    }
}
