package io.xrun.loader;

import io.xrun.maps.ConstantTable;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Builds the initial stack a FreeBSD amd64 program expects, below the one Linux built.
 *
 * <p>Layout (FreeBSD sys/kern/kern_exec.c exec_copyout_strings, imgact_elf.c
 * __elfN(freebsd_copyout_auxargs)), from high to low addresses: struct ps_strings, the
 * timekeeping page when there is one (16-byte aligned; FreeBSD maps it in the shared page, xrun keeps
 * it in the process's own stack so that a fork child has its own copy at the same address), the
 * executable path, the 64-byte canary, the page-size array, then at the 16-byte aligned stack
 * base: argc, argv[], NULL, envv[], NULL, the FreeBSD auxv, AT_NULL. argv and envv point at the
 * strings Linux already copied. The auxv is rebuilt entry by entry from FreeBSD's AT_* numbers
 * (auxv.tsv); no Linux entry is copied through by number, because the numbers collide above 15.
 *
 * <p>Registers at entry (sys/amd64/amd64/exec_machdep.c exec_setregs): %rdi = the stack base
 * (pointing at argc), %rsp = ((base - 8) &amp; ~0xf) + 8.
 */
public final class FreebsdInitialStack {
    private static final ConstantTable AUXV = ConstantTable.load("auxv.tsv");
    /** sizeof(struct ps_strings) on amd64: two pointers, two u_ints, padded (sys/sys/exec.h). */
    static final int PS_STRINGS_SIZE = 32;

    /** The bytes to write at {@code base}, and the entry registers. */
    /** {@code timekeep} is the address of the timekeeping page, or 0 when there is none. */
    public record Image(long base, byte[] bytes, long rdi, long rsp, long psStrings, long execPathAddr,
                        long timekeep) {
    }

    private FreebsdInitialStack() {
    }

    static long fb(String name) {
        return AUXV.freebsd(name);
    }

    static long lx(String name) {
        return AUXV.linux(name);
    }

    public static Image build(LinuxInitialStack linux, FreebsdProcessFacts f) {
        long top = linux.stackPointer() & ~15L;
        byte[] path = f.execPath().getBytes(StandardCharsets.UTF_8);

        long psStrings = top - PS_STRINGS_SIZE;
        byte[] tk = f.timekeep();
        long timekeep = tk == null ? 0 : (psStrings - tk.length) & ~15L;
        long execPath = ((tk == null ? psStrings : timekeep) - (path.length + 1)) & ~7L;
        long canary = (execPath - f.canary().length) & ~7L;
        long pageSizes = (canary - 8L * f.pageSizes().length) & ~7L;

        long[] aux = auxv(linux, f, execPath, canary, pageSizes, psStrings, timekeep);
        int argc = linux.argv().length;
        int envc = linux.envp().length;
        long vectorBytes = 8L * (1 + argc + 1 + envc + 1) + 8L * aux.length;
        long base = (pageSizes - vectorBytes) & ~15L;
        long argvAddr = base + 8;
        long envvAddr = argvAddr + 8L * (argc + 1);
        long auxAddr = envvAddr + 8L * (envc + 1);
        // The auxv refers to argv/envv addresses that are known only now.
        patch(aux, fb("AT_ARGV"), argvAddr);
        patch(aux, fb("AT_ENVV"), envvAddr);

        ByteBuffer b = ByteBuffer.allocate((int) (top - base)).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(0, argc);
        for (int i = 0; i < argc; i++) {
            b.putLong((int) (argvAddr - base) + 8 * i, linux.argv()[i]);
        }
        for (int i = 0; i < envc; i++) {
            b.putLong((int) (envvAddr - base) + 8 * i, linux.envp()[i]);
        }
        for (int i = 0; i < aux.length; i++) {
            b.putLong((int) (auxAddr - base) + 8 * i, aux[i]);
        }
        for (int i = 0; i < f.pageSizes().length; i++) {
            b.putLong((int) (pageSizes - base) + 8 * i, f.pageSizes()[i]);
        }
        b.put((int) (canary - base), f.canary());
        b.put((int) (execPath - base), path);
        if (tk != null) {
            b.put((int) (timekeep - base), tk);
        }
        // struct ps_strings { char **ps_argvstr; u_int ps_nargvstr; char **ps_envstr; u_int ps_nenvstr; }
        int ps = (int) (psStrings - base);
        b.putLong(ps, argvAddr);
        b.putInt(ps + 8, argc);
        b.putLong(ps + 16, envvAddr);
        b.putInt(ps + 24, envc);
        long rsp = ((base - 8) & ~0xfL) + 8;
        return new Image(base, b.array(), base, rsp, psStrings, execPath, timekeep);
    }

    private static long[] auxv(LinuxInitialStack l, FreebsdProcessFacts f, long execPath, long canary,
                               long pageSizes, long psStrings, long timekeep) {
        long[] a = new long[64];
        int n = 0;
        // Values Linux computed the same way FreeBSD would (same meaning, different number).
        n = put(a, n, fb("AT_PHDR"), l.aux(lx("AT_PHDR"), 0));
        n = put(a, n, fb("AT_PHENT"), l.aux(lx("AT_PHENT"), 56));
        n = put(a, n, fb("AT_PHNUM"), l.aux(lx("AT_PHNUM"), 0));
        n = put(a, n, fb("AT_PAGESZ"), f.pageSizes()[0]);
        n = put(a, n, fb("AT_BASE"), atBase(l, f));
        n = put(a, n, fb("AT_FLAGS"), 0);
        n = put(a, n, fb("AT_ENTRY"), l.aux(lx("AT_ENTRY"), 0));
        n = put(a, n, fb("AT_EHDRFLAGS"), 0);
        n = put(a, n, fb("AT_EXECPATH"), execPath);
        n = put(a, n, fb("AT_OSRELDATE"), f.osreldate());
        n = put(a, n, fb("AT_CANARY"), canary);
        n = put(a, n, fb("AT_CANARYLEN"), f.canary().length);
        n = put(a, n, fb("AT_NCPUS"), f.ncpus());
        n = put(a, n, fb("AT_PAGESIZES"), pageSizes);
        n = put(a, n, fb("AT_PAGESIZESLEN"), 8L * f.pageSizes().length);
        if (timekeep != 0) {
            n = put(a, n, fb("AT_TIMEKEEP"), timekeep);
        }
        n = put(a, n, fb("AT_STACKPROT"), f.stackProt());
        n = put(a, n, fb("AT_HWCAP"), l.aux(lx("AT_HWCAP"), 0));
        n = put(a, n, fb("AT_HWCAP2"), l.aux(lx("AT_HWCAP2"), 0));
        n = put(a, n, fb("AT_BSDFLAGS"), 0);
        n = put(a, n, fb("AT_ARGC"), l.argv().length);
        n = put(a, n, fb("AT_ARGV"), 0);
        n = put(a, n, fb("AT_ENVC"), l.envp().length);
        n = put(a, n, fb("AT_ENVV"), 0);
        n = put(a, n, fb("AT_PS_STRINGS"), psStrings);
        n = put(a, n, fb("AT_USRSTACKBASE"), f.usrStackBase());
        n = put(a, n, fb("AT_USRSTACKLIM"), f.usrStackLim());
        n = put(a, n, fb("AT_NULL"), 0);
        long[] out = new long[n];
        System.arraycopy(a, 0, out, 0, n);
        return out;
    }

    /**
     * AT_BASE as FreeBSD sets it (sys/kern/imgact_elf.c __elfN(imgact): {@code elf_auxargs->base = addr},
     * the address __elfN(load_interp) loaded the interpreter at, or {@code et_dyn_addr} when there is
     * none). Linux reports the interpreter's address the same way (fs/binfmt_elf.c create_elf_tables:
     * AT_BASE = interp_load_addr), but 0 without an interpreter, also for an ET_DYN program; FreeBSD's
     * rtld run directly relies on the difference (libexec/rtld-elf/rtld.c _rtld relocates itself with
     * aux_info[AT_BASE]).
     */
    static long atBase(LinuxInitialStack l, FreebsdProcessFacts f) {
        long interp = l.aux(lx("AT_BASE"), 0);
        return interp != 0 ? interp : f.etDynAddr();
    }

    /**
     * Where Linux loaded a program: 0 for ET_EXEC; for ET_DYN its load bias, AT_ENTRY - e_entry
     * (fs/binfmt_elf.c load_elf_binary adds load_bias to e_entry), which is FreeBSD's et_dyn_addr
     * for the same image (sys/kern/imgact_elf.c __elfN(imgact): entry = hdr->e_entry + et_dyn_addr).
     */
    public static long etDynAddr(LinuxInitialStack l, int elfType, long elfEntry) {
        if (elfType != ElfImage.ET_DYN) {
            return 0;
        }
        return l.aux(lx("AT_ENTRY"), elfEntry) - elfEntry;
    }

    private static int put(long[] a, int n, long type, long value) {
        a[n] = type;
        a[n + 1] = value;
        return n + 2;
    }

    private static void patch(long[] aux, long type, long value) {
        for (int i = 0; i + 1 < aux.length; i += 2) {
            if (aux[i] == type) {
                aux[i + 1] = value;
            }
        }
    }
}
