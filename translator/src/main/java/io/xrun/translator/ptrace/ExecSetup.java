package io.xrun.translator.ptrace;

import io.xrun.loader.ElfFormatException;
import io.xrun.loader.ElfImage;
import io.xrun.loader.FreebsdInitialStack;
import io.xrun.loader.FreebsdProcessFacts;
import io.xrun.loader.LinuxInitialStack;
import io.xrun.maps.ConstantTable;
import io.xrun.translator.core.GuestMemory;
import io.xrun.translator.core.GuestProcess;
import io.xrun.translator.core.RegisterFile;
import io.xrun.translator.nativeapi.NativeBuffer;
import io.xrun.translator.time.TimekeepUpdater;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;

/**
 * Turns the process Linux just exec'ed into the one FreeBSD's kernel would have started:
 * reads the Linux initial stack, writes a FreeBSD one below it, and points %rdi (and %rsp)
 * at it. Runs at every PTRACE_EVENT_EXEC stop of a FreeBSD image.
 *
 * <p>A dynamic program (PT_INTERP, e.g. /libexec/ld-elf.so.1) needs nothing else: Linux loaded its
 * interpreter from the process's root and stopped at the interpreter's entry, /proc/PID/exe is the
 * program, and the Linux auxv already describes both as FreeBSD's does (sys/kern/imgact_elf.c
 * __elfN(imgact)): AT_PHDR/AT_PHNUM/AT_ENTRY the program, AT_BASE the interpreter. Only AT_BASE of
 * an ET_DYN program without interpreter differs (see FreebsdInitialStack.atBase).
 */
final class ExecSetup {
    private static final ConstantTable AUXV = ConstantTable.load("auxv.tsv");
    /** AT_STACKPROT is in VM_PROT_* bits (sys/vm/vm.h), which are the PROT_* values of mmap-prot.tsv. */
    private static final ConstantTable PROT = ConstantTable.load("mmap-prot.tsv");
    private static final int PROT_RW = (int) (PROT.freebsd("PROT_READ") | PROT.freebsd("PROT_WRITE"));
    private static final int PROT_RWX = PROT_RW | (int) PROT.freebsd("PROT_EXEC");
    /** amd64 page sizes FreeBSD reports in AT_PAGESIZES / hw.pagesizes: 4K, 2M superpages, 1G. */
    private static final long[] PAGE_SIZES = {4096, 2L << 20, 1L << 30};

    private final SecureRandom random = new SecureRandom();
    private final int osreldate;
    /** Keeps the timekeeping pages current; null: no AT_TIMEKEEP (--timekeep=off, or no usable TSC). */
    private final TimekeepUpdater timekeep;

    ExecSetup(int osreldate, TimekeepUpdater timekeep) {
        this.osreldate = osreldate;
        this.timekeep = timekeep;
    }

    /** The executable a process has just exec'ed. */
    static Path executable(int pid) throws IOException {
        return Files.readSymbolicLink(Path.of("/proc/" + pid + "/exe"));
    }

    /** Its ELF image, or null when it cannot be read back. */
    static ElfImage image(Path exe) {
        try {
            return ElfImage.read(exe);
        } catch (ElfFormatException | IOException e) {
            return null;
        }
    }

    void setup(int pid, Path exe, ElfImage elf, GuestProcess proc, RegisterFile regs, GuestMemory mem,
               NativeBuffer buf) throws IOException {
        LinuxInitialStack linux = readLinuxStack(regs.rsp(), mem, buf);
        // The kernel loaded it; an image that cannot be read back keeps FreeBSD's default.
        boolean execStack = elf == null || elf.executableStack();
        long[] stack = stackBounds(pid);
        byte[] canary = new byte[64];
        random.nextBytes(canary);
        long etDynAddr = elf == null ? 0 : FreebsdInitialStack.etDynAddr(linux, elf.type(), elf.entry());
        FreebsdProcessFacts facts = new FreebsdProcessFacts(exe.toString(), osreldate,
                Runtime.getRuntime().availableProcessors(), PAGE_SIZES, canary, execStack ? PROT_RWX : PROT_RW,
                stack[0], stack[1], etDynAddr, timekeep == null ? null : timekeep.initialPage());
        FreebsdInitialStack.Image img = FreebsdInitialStack.build(linux, facts);
        byte[] bytes = img.bytes();
        for (int off = 0; off < bytes.length; off += buf.size()) {
            int n = Math.min(buf.size(), bytes.length - off);
            buf.put(0, bytes, off, n);
            long w = mem.write(img.base() + off, buf, 0, n);
            if (w != n) {
                throw new IOException("cannot write the FreeBSD initial stack (" + w + ")");
            }
        }
        regs.setRdi(img.rdi());
        regs.setRsp(img.rsp());
        boolean secure = linux.aux(AUXV.linux("LINUX_AT_SECURE"), 0) != 0;
        proc.execed(exe.toString(), secure, img.psStrings(), stack[0]);
        if (img.timekeep() != 0) {
            // The process is stopped: the page is refreshed before its first instruction.
            timekeep.register(pid, img.timekeep());
            proc.setTimekeep(img.timekeep());
        }
    }

    private static LinuxInitialStack readLinuxStack(long sp, GuestMemory mem, NativeBuffer buf) throws IOException {
        int chunk = 4096;
        long[] words = new long[0];
        int count = 0;
        for (int total = 0; total < (4 << 20); total += chunk) {
            long r = mem.read(sp + total, buf, 0, chunk);
            if (r <= 0) {
                break;
            }
            int n = (int) (r / 8);
            words = java.util.Arrays.copyOf(words, count + n);
            for (int i = 0; i < n; i++) {
                words[count + i] = buf.getLong(8 * i);
            }
            count += n;
            LinuxInitialStack s = LinuxInitialStack.parse(sp, words, count);
            if (s != null) {
                return s;
            }
        }
        throw new IOException("cannot read the initial stack Linux built");
    }

    /** {top of the [stack] mapping, soft RLIMIT_STACK} for AT_USRSTACKBASE / AT_USRSTACKLIM. */
    private static long[] stackBounds(int pid) {
        long top = 0;
        long lim = 8L << 20;
        try {
            List<String> maps = Files.readAllLines(Path.of("/proc/" + pid + "/maps"));
            for (String l : maps) {
                if (l.endsWith("[stack]")) {
                    String range = l.substring(0, l.indexOf(' '));
                    top = Long.parseUnsignedLong(range.substring(range.indexOf('-') + 1), 16);
                }
            }
            for (String l : Files.readAllLines(Path.of("/proc/" + pid + "/limits"))) {
                if (l.startsWith("Max stack size")) {
                    String v = l.substring(26).trim().split("\\s+")[0];
                    lim = v.equals("unlimited") ? Long.MAX_VALUE : Long.parseLong(v);
                }
            }
        } catch (IOException | RuntimeException e) {
            // keep the defaults: these two auxv entries are informational
        }
        return new long[] {top, lim};
    }
}
