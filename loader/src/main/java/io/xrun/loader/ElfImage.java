package io.xrun.loader;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The parts of an ELF file xrun needs before it runs one: identification, machine, entry,
 * program headers and notes. A deliberately small reader: every field is bounds-checked so
 * that a truncated or hostile file becomes an {@link ElfFormatException}, never a crash.
 * Field offsets: the System V gABI, and FreeBSD sys/sys/elf64.h / elf_common.h.
 */
public final class ElfImage {
    /** e_ident[EI_OSABI] values (sys/sys/elf_common.h). */
    public static final int ELFOSABI_SYSV = 0;
    public static final int ELFOSABI_LINUX = 3;
    public static final int ELFOSABI_FREEBSD = 9;
    /** e_machine (sys/sys/elf_common.h). */
    public static final int EM_386 = 3;
    public static final int EM_X86_64 = 62;
    public static final int EM_AARCH64 = 183;
    public static final int EM_RISCV = 243;
    public static final int EM_PPC64 = 21;
    public static final int EM_ARM = 40;
    /** e_type. */
    public static final int ET_EXEC = 2;
    public static final int ET_DYN = 3;
    /** p_type. */
    public static final int PT_LOAD = 1;
    public static final int PT_INTERP = 3;
    public static final int PT_NOTE = 4;
    public static final int PT_PHDR = 6;
    public static final int PT_GNU_STACK = 0x6474e551;
    /** p_flags. */
    public static final int PF_X = 1;
    /** NT_FREEBSD_ABI_TAG in a note named "FreeBSD" (sys/sys/elf_common.h). */
    public static final int NT_FREEBSD_ABI_TAG = 1;
    /** NT_GNU_ABI_TAG in a note named "GNU": desc[0] is the OS, 0 = Linux. */
    public static final int NT_GNU_ABI_TAG = 1;

    /** Limit on what is read: headers and notes sit in the first pages of any sane binary. */
    private static final int MAX_HEADER_BYTES = 1 << 20;

    public record ProgramHeader(int type, int flags, long offset, long vaddr, long filesz, long memsz) {
    }

    private final Path path;
    private final int osabi;
    private final int type;
    private final int machine;
    private final long entry;
    private final long phoff;
    private final int phentsize;
    private final List<ProgramHeader> phdrs;
    private final int freebsdAbiTag;
    private final boolean gnuLinuxNote;
    private final String interpreter;

    private ElfImage(Path path, int osabi, int type, int machine, long entry, long phoff, int phentsize,
                     List<ProgramHeader> phdrs, int freebsdAbiTag, boolean gnuLinuxNote, String interpreter) {
        this.path = path;
        this.osabi = osabi;
        this.type = type;
        this.machine = machine;
        this.entry = entry;
        this.phoff = phoff;
        this.phentsize = phentsize;
        this.phdrs = phdrs;
        this.freebsdAbiTag = freebsdAbiTag;
        this.gnuLinuxNote = gnuLinuxNote;
        this.interpreter = interpreter;
    }

    /**
     * Reads and validates an ELF file for an x86-64 host.
     *
     * @throws ElfFormatException for anything that is not a 64-bit little-endian x86-64 ELF
     *                            executable; the message names what is wrong
     */
    public static ElfImage read(Path path) throws IOException, ElfFormatException {
        ByteBuffer b;
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = ch.size();
            int n = (int) Math.min(size, MAX_HEADER_BYTES);
            b = ByteBuffer.allocate(n);
            while (b.hasRemaining() && ch.read(b) > 0) {
                // read until full or EOF
            }
            b.flip();
        }
        return parse(path, b);
    }

    static ElfImage parse(Path path, ByteBuffer b) throws ElfFormatException {
        String name = path.toString();
        if (b.limit() < 16 || b.get(0) != 0x7f || b.get(1) != 'E' || b.get(2) != 'L' || b.get(3) != 'F') {
            throw new ElfFormatException(name + ": not an ELF executable");
        }
        int cls = b.get(4);
        int data = b.get(5);
        int osabi = b.get(7) & 0xff;
        if (cls == 1) {
            int machine32 = b.limit() >= 20 ? (b.order(data == 2 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN)
                    .getShort(18) & 0xffff) : -1;
            throw new ElfFormatException(name + ": 32-bit ELF (" + machineName(machine32)
                    + ") cannot run on this x86-64 host");
        }
        if (cls != 2) {
            throw new ElfFormatException(name + ": unknown ELF class " + cls);
        }
        if (data != 1) {
            throw new ElfFormatException(name + ": big-endian ELF cannot run on this x86-64 host");
        }
        b.order(ByteOrder.LITTLE_ENDIAN);
        if (b.limit() < 64) {
            throw new ElfFormatException(name + ": truncated ELF header");
        }
        int type = b.getShort(16) & 0xffff;
        int machine = b.getShort(18) & 0xffff;
        if (machine != EM_X86_64) {
            throw new ElfFormatException(name + ": ELF for " + machineName(machine)
                    + " cannot run on this x86-64 host");
        }
        if (type != ET_EXEC && type != ET_DYN) {
            throw new ElfFormatException(name + ": ELF type " + type + " is not an executable");
        }
        long entry = b.getLong(24);
        long phoff = b.getLong(32);
        int phentsize = b.getShort(54) & 0xffff;
        int phnum = b.getShort(56) & 0xffff;
        if (phnum == 0 || phentsize < 56) {
            throw new ElfFormatException(name + ": ELF has no program headers");
        }
        if (phoff < 0 || phoff + (long) phnum * phentsize > b.limit()) {
            throw new ElfFormatException(name + ": truncated ELF program headers");
        }
        List<ProgramHeader> phdrs = new ArrayList<>(phnum);
        for (int i = 0; i < phnum; i++) {
            int o = (int) (phoff + (long) i * phentsize);
            phdrs.add(new ProgramHeader(b.getInt(o), b.getInt(o + 4), b.getLong(o + 8), b.getLong(o + 16),
                    b.getLong(o + 32), b.getLong(o + 40)));
        }
        boolean hasLoad = false;
        int fbsdTag = -1;
        boolean gnuLinux = false;
        String interp = null;
        for (ProgramHeader ph : phdrs) {
            if (ph.type() == PT_LOAD) {
                hasLoad = true;
            } else if (ph.type() == PT_NOTE) {
                int[] tags = scanNotes(b, ph);
                if (tags[0] >= 0) {
                    fbsdTag = tags[0];
                }
                gnuLinux |= tags[1] == 1;
            } else if (ph.type() == PT_INTERP) {
                if (ph.offset() < 0 || ph.filesz() <= 0 || ph.offset() + ph.filesz() > b.limit() || ph.filesz() > 4096) {
                    throw new ElfFormatException(name + ": corrupt PT_INTERP");
                }
                byte[] s = new byte[(int) ph.filesz()];
                b.get((int) ph.offset(), s);
                int len = 0;
                while (len < s.length && s[len] != 0) {
                    len++;
                }
                interp = new String(s, 0, len, java.nio.charset.StandardCharsets.UTF_8);
            }
        }
        if (!hasLoad) {
            throw new ElfFormatException(name + ": ELF has no loadable segment");
        }
        return new ElfImage(path, osabi, type, machine, entry, phoff, phentsize,
                Collections.unmodifiableList(phdrs), fbsdTag, gnuLinux, interp);
    }

    /** Returns {FreeBSD ABI tag or -1, 1 if a GNU ABI tag names Linux else 0}. */
    private static int[] scanNotes(ByteBuffer b, ProgramHeader ph) {
        int[] out = {-1, 0};
        long off = ph.offset();
        long end = off + ph.filesz();
        if (off < 0 || end > b.limit()) {
            return out;
        }
        while (off + 12 <= end) {
            int namesz = b.getInt((int) off);
            int descsz = b.getInt((int) off + 4);
            int ntype = b.getInt((int) off + 8);
            if (namesz < 0 || descsz < 0 || namesz > 256 || descsz > 4096) {
                return out;
            }
            long nameOff = off + 12;
            long descOff = nameOff + align4(namesz);
            long next = descOff + align4(descsz);
            if (next > end) {
                return out;
            }
            String nm = noteName(b, (int) nameOff, namesz);
            if (nm.equals("FreeBSD") && ntype == NT_FREEBSD_ABI_TAG && descsz >= 4) {
                out[0] = b.getInt((int) descOff);
            } else if (nm.equals("GNU") && ntype == NT_GNU_ABI_TAG && descsz >= 4 && b.getInt((int) descOff) == 0) {
                out[1] = 1;
            }
            off = next;
        }
        return out;
    }

    private static long align4(long v) {
        return (v + 3) & ~3L;
    }

    private static String noteName(ByteBuffer b, int off, int namesz) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < namesz; i++) {
            byte c = b.get(off + i);
            if (c == 0) {
                break;
            }
            sb.append((char) c);
        }
        return sb.toString();
    }

    static String machineName(int m) {
        switch (m) {
            case EM_386: return "i386";
            case EM_X86_64: return "x86-64";
            case EM_AARCH64: return "aarch64";
            case EM_ARM: return "arm";
            case EM_RISCV: return "riscv";
            case EM_PPC64: return "powerpc64";
            default: return "machine " + m;
        }
    }

    public Path path() {
        return path;
    }

    public int osabi() {
        return osabi;
    }

    public int type() {
        return type;
    }

    public int machine() {
        return machine;
    }

    public long entry() {
        return entry;
    }

    public long phoff() {
        return phoff;
    }

    public int phentsize() {
        return phentsize;
    }

    public List<ProgramHeader> programHeaders() {
        return phdrs;
    }

    /** The osreldate in the FreeBSD ABI note, or -1 when the binary has none. */
    public int freebsdAbiTag() {
        return freebsdAbiTag;
    }

    public boolean hasGnuLinuxNote() {
        return gnuLinuxNote;
    }

    /** PT_INTERP, or null for a static binary. */
    public String interpreter() {
        return interpreter;
    }

    /** True when PT_GNU_STACK asks for an executable stack (absent means executable, as on FreeBSD). */
    public boolean executableStack() {
        for (ProgramHeader ph : phdrs) {
            if (ph.type() == PT_GNU_STACK) {
                return (ph.flags() & PF_X) != 0;
            }
        }
        return true;
    }
}
