package io.xrun.loader;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ELF identification, validation and personality detection on synthesized headers (gABI layout). */
class ElfImageTest {
    private static final Path P = Path.of("/t/prog");

    /** A minimal ELF64 with one PT_LOAD and optionally a note. */
    static ByteBuffer elf(int cls, int osabi, int machine, byte[] note) {
        ByteBuffer b = ByteBuffer.allocate(512).order(ByteOrder.LITTLE_ENDIAN);
        b.put(0, (byte) 0x7f).put(1, (byte) 'E').put(2, (byte) 'L').put(3, (byte) 'F');
        b.put(4, (byte) cls).put(5, (byte) 1).put(6, (byte) 1).put(7, (byte) osabi);
        b.putShort(16, (short) 2);            // ET_EXEC
        b.putShort(18, (short) machine);
        b.putLong(24, 0x201000);              // e_entry
        b.putLong(32, 64);                    // e_phoff
        b.putShort(54, (short) 56);           // e_phentsize
        int phnum = note == null ? 1 : 2;
        b.putShort(56, (short) phnum);
        b.putInt(64, 1);                      // PT_LOAD
        b.putInt(68, 5);
        b.putLong(64 + 16, 0x200000);
        if (note != null) {
            int o = 64 + 56;
            b.putInt(o, 4);                   // PT_NOTE
            b.putLong(o + 8, 256);            // p_offset
            b.putLong(o + 32, note.length);   // p_filesz
            b.put(256, note);
        }
        b.limit(512);
        return b;
    }

    /** An ELF note: namesz, descsz, type, name padded to 4, desc. */
    static byte[] note(String name, int type, int desc) {
        byte[] n = (name + "\0").getBytes();
        int npad = (n.length + 3) & ~3;
        ByteBuffer b = ByteBuffer.allocate(12 + npad + 4).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(n.length).putInt(4).putInt(type);
        b.put(n);
        b.position(12 + npad);
        b.putInt(desc);
        return b.array();
    }

    @Test
    void freebsdByOsabiByte() throws Exception {
        ElfImage e = ElfImage.parse(P, elf(2, 9, 62, null));
        assertEquals(Personality.FREEBSD, PersonalityDetector.detect(e));
        assertEquals(0x201000, e.entry());
        assertNull(e.interpreter());
    }

    @Test
    void freebsdByAbiNoteEvenWithSysvOsabi() throws Exception {
        ElfImage e = ElfImage.parse(P, elf(2, 0, 62, note("FreeBSD", 1, 1401000)));
        assertEquals(1401000, e.freebsdAbiTag());
        assertEquals(Personality.FREEBSD, PersonalityDetector.detect(e));
    }

    @Test
    void linuxWhenNeitherByteNorNoteSayFreebsd() throws Exception {
        ElfImage e = ElfImage.parse(P, elf(2, 0, 62, note("GNU", 1, 0)));
        assertTrue(e.hasGnuLinuxNote());
        assertEquals(Personality.LINUX, PersonalityDetector.detect(e));
    }

    @Test
    void rejectsOtherMachinesClassesAndGarbage() {
        ElfFormatException a = assertThrows(ElfFormatException.class, () -> ElfImage.parse(P, elf(2, 9, 183, null)));
        assertEquals("/t/prog: ELF for aarch64 cannot run on this x86-64 host", a.getMessage());
        ElfFormatException i = assertThrows(ElfFormatException.class, () -> ElfImage.parse(P, elf(1, 9, 3, null)));
        assertEquals("/t/prog: 32-bit ELF (i386) cannot run on this x86-64 host", i.getMessage());
        ElfFormatException g = assertThrows(ElfFormatException.class,
                () -> ElfImage.parse(P, ByteBuffer.wrap("#!/bin/sh\necho hi\n".getBytes())));
        assertEquals("/t/prog: not an ELF executable", g.getMessage());
        ByteBuffer truncated = elf(2, 9, 62, null);
        truncated.limit(80);
        assertThrows(ElfFormatException.class, () -> ElfImage.parse(P, truncated));
        ByteBuffer noLoad = elf(2, 9, 62, null);
        noLoad.putInt(64, 6);
        assertThrows(ElfFormatException.class, () -> ElfImage.parse(P, noLoad));
    }

    @Test
    void corruptNotesAreIgnoredNotFatal() throws Exception {
        byte[] bad = note("FreeBSD", 1, 1);
        ByteBuffer.wrap(bad).order(ByteOrder.LITTLE_ENDIAN).putInt(0, 100000); // absurd namesz
        ElfImage e = ElfImage.parse(P, elf(2, 0, 62, bad));
        assertEquals(-1, e.freebsdAbiTag());
    }
}
