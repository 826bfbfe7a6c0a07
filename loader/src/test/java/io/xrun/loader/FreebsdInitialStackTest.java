package io.xrun.loader;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The FreeBSD initial stack built from a Linux one. Expected AT_* numbers are FreeBSD's
 * (sys/sys/elf_common.h), written here as literals; Linux's are from include/uapi/linux/auxvec.h.
 */
class FreebsdInitialStackTest {
    // FreeBSD sys/sys/elf_common.h
    static final int AT_NULL = 0, AT_PHDR = 3, AT_PHENT = 4, AT_PHNUM = 5, AT_PAGESZ = 6, AT_BASE = 7,
            AT_ENTRY = 9, AT_EXECPATH = 15, AT_CANARY = 16, AT_CANARYLEN = 17, AT_OSRELDATE = 18, AT_NCPUS = 19,
            AT_PAGESIZES = 20, AT_PAGESIZESLEN = 21, AT_TIMEKEEP = 22, AT_STACKPROT = 23, AT_HWCAP = 25, AT_ARGC = 28,
            AT_ARGV = 29, AT_ENVC = 30, AT_ENVV = 31, AT_PS_STRINGS = 32;
    // Linux include/uapi/linux/auxvec.h and asm/auxvec.h
    static final int L_AT_PHDR = 3, L_AT_PHENT = 4, L_AT_PHNUM = 5, L_AT_PAGESZ = 6, L_AT_BASE = 7, L_AT_ENTRY = 9,
            L_AT_HWCAP = 16, L_AT_RANDOM = 25, L_AT_SYSINFO_EHDR = 33, L_AT_MINSIGSTKSZ = 51;

    @Test
    void buildsFreebsdVectorWithEveryEntryRenumbered() {
        long sp = 0x7ffff000L;
        long[] argv = {0x7ffff800L, 0x7ffff808L};
        long[] envp = {0x7ffff810L};
        long[] auxv = {L_AT_SYSINFO_EHDR, 0x7fff0000L, L_AT_HWCAP, 0x178bfbffL, L_AT_PAGESZ, 4096,
            L_AT_PHDR, 0x200040, L_AT_PHENT, 56, L_AT_PHNUM, 7, L_AT_ENTRY, 0x201000, L_AT_RANDOM, 0x7ffff900L,
            L_AT_MINSIGSTKSZ, 3632};
        LinuxInitialStack linux = new LinuxInitialStack(sp, argv, envp, auxv);
        byte[] canary = new byte[64];
        canary[0] = 42;
        FreebsdProcessFacts f = new FreebsdProcessFacts("/bin/prog", 1401000, 2,
                new long[] {4096, 2 << 20, 1 << 30}, canary, 3, 0x80000000L, 8 << 20, 0, null);
        FreebsdInitialStack.Image img = FreebsdInitialStack.build(linux, f);

        assertEquals(0, img.base() % 16, "argc must be 16-byte aligned");
        assertEquals(img.base(), img.rdi(), "%rdi points at argc (lib/csu/amd64/crt1_c.c)");
        assertEquals(((img.base() - 8) & ~0xfL) + 8, img.rsp(), "exec_setregs rsp");
        assertTrue(img.base() + img.bytes().length <= sp, "built below the Linux vector");

        ByteBuffer b = ByteBuffer.wrap(img.bytes()).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(2, b.getLong(0));
        assertEquals(argv[0], b.getLong(8));
        assertEquals(argv[1], b.getLong(16));
        assertEquals(0, b.getLong(24));
        assertEquals(envp[0], b.getLong(32));
        assertEquals(0, b.getLong(40));
        Map<Long, Long> aux = new HashMap<>();
        Set<Long> types = new HashSet<>();
        int o = 48;
        while (true) {
            long t = b.getLong(o);
            long v = b.getLong(o + 8);
            o += 16;
            if (t == AT_NULL) {
                break;
            }
            assertTrue(types.add(t), "duplicate auxv type " + t);
            aux.put(t, v);
        }
        assertEquals(4096L, aux.get((long) AT_PAGESZ));
        assertEquals(0x200040L, aux.get((long) AT_PHDR));
        assertEquals(56L, aux.get((long) AT_PHENT));
        assertEquals(7L, aux.get((long) AT_PHNUM));
        assertEquals(0x201000L, aux.get((long) AT_ENTRY));
        assertEquals(0L, aux.get((long) AT_BASE));
        assertEquals(1401000L, aux.get((long) AT_OSRELDATE));
        assertEquals(2L, aux.get((long) AT_NCPUS));
        assertEquals(64L, aux.get((long) AT_CANARYLEN));
        assertEquals(24L, aux.get((long) AT_PAGESIZESLEN));
        assertEquals(3L, aux.get((long) AT_STACKPROT));
        assertEquals(0x178bfbffL, aux.get((long) AT_HWCAP), "Linux AT_HWCAP (16) becomes FreeBSD AT_HWCAP (25)");
        assertEquals(2L, aux.get((long) AT_ARGC));
        assertEquals(img.base() + 8, aux.get((long) AT_ARGV));
        assertEquals(1L, aux.get((long) AT_ENVC));
        assertEquals(img.base() + 32, aux.get((long) AT_ENVV));
        // Linux-only entries are gone: 33 (AT_SYSINFO_EHDR) would be FreeBSD's AT_FXRNG, 51 is unknown.
        assertFalse(aux.containsKey(33L));
        assertFalse(aux.containsKey(51L));
        assertFalse(aux.containsKey((long) AT_TIMEKEEP), "no timekeeping page was given");
        // AT_CANARY (16) is FreeBSD's canary pointer, not Linux's AT_HWCAP value.
        long canaryAddr = aux.get((long) AT_CANARY);
        assertEquals(42, img.bytes()[(int) (canaryAddr - img.base())]);
        long pathAddr = aux.get((long) AT_EXECPATH);
        byte[] path = new byte[9];
        System.arraycopy(img.bytes(), (int) (pathAddr - img.base()), path, 0, 9);
        assertArrayEquals("/bin/prog".getBytes(), path);
        long pagesizes = aux.get((long) AT_PAGESIZES);
        assertEquals(4096, b.getLong((int) (pagesizes - img.base())));
        // struct ps_strings { char **ps_argvstr; u_int ps_nargvstr; char **ps_envstr; u_int ps_nenvstr; }
        long ps = aux.get((long) AT_PS_STRINGS);
        assertEquals(img.psStrings(), ps);
        assertEquals(img.base() + 8, b.getLong((int) (ps - img.base())));
        assertEquals(2, b.getInt((int) (ps - img.base()) + 8));
        assertEquals(img.base() + 32, b.getLong((int) (ps - img.base()) + 16));
        assertEquals(1, b.getInt((int) (ps - img.base()) + 24));
    }

    private static long auxOf(FreebsdInitialStack.Image img, int type) {
        ByteBuffer b = ByteBuffer.wrap(img.bytes()).order(ByteOrder.LITTLE_ENDIAN);
        int o = 8 * (int) (1 + b.getLong(0) + 1);
        while (b.getLong(o) != 0) {
            o += 8;
        }
        for (o += 8; b.getLong(o) != AT_NULL; o += 16) {
            if (b.getLong(o) == type) {
                return b.getLong(o + 8);
            }
        }
        throw new AssertionError("no auxv entry " + type);
    }

    private static FreebsdInitialStack.Image build(long[] linuxAux, long etDynAddr) {
        LinuxInitialStack linux = new LinuxInitialStack(0x7ffff000L, new long[] {0x7ffff800L}, new long[0], linuxAux);
        return FreebsdInitialStack.build(linux, new FreebsdProcessFacts("/bin/prog", 1401000, 2,
                new long[] {4096}, new byte[64], 3, 0x80000000L, 8 << 20, etDynAddr, null));
    }

    /**
     * A dynamic program: Linux's AT_BASE is where it loaded PT_INTERP, which is FreeBSD's AT_BASE
     * (imgact_elf.c __elfN(imgact): base = the interpreter's address); AT_PHDR and AT_ENTRY stay the
     * program's, not the interpreter's.
     */
    @Test
    void dynamicProgramKeepsTheInterpreterBaseAndTheProgramEntry() {
        long bias = 0x555555554000L;
        long interp = 0x7ffff7fc3000L;
        long[] aux = {L_AT_PHDR, bias + 0x40, L_AT_PHNUM, 10, L_AT_BASE, interp, L_AT_ENTRY, bias + 0x1560};
        LinuxInitialStack linux = new LinuxInitialStack(0x7ffff000L, new long[0], new long[0], aux);
        assertEquals(bias, FreebsdInitialStack.etDynAddr(linux, ElfImage.ET_DYN, 0x1560));
        FreebsdInitialStack.Image img = build(aux, bias);
        assertEquals(interp, auxOf(img, AT_BASE), "AT_BASE is the interpreter even for a PIE");
        assertEquals(bias + 0x40, auxOf(img, AT_PHDR));
        assertEquals(bias + 0x1560, auxOf(img, AT_ENTRY));
    }

    /**
     * An ET_DYN program without interpreter (a static PIE, or ld-elf.so.1 run directly): Linux says
     * AT_BASE 0, FreeBSD says et_dyn_addr, its load address, which AT_ENTRY - e_entry gives.
     */
    @Test
    void etDynProgramWithoutInterpreterGetsItsLoadAddressAsBase() {
        long bias = 0x7ffff7fc3000L;
        long[] aux = {L_AT_PHDR, bias + 0x40, L_AT_PHNUM, 9, L_AT_BASE, 0, L_AT_ENTRY, bias + 0x1620};
        LinuxInitialStack linux = new LinuxInitialStack(0x7ffff000L, new long[0], new long[0], aux);
        long etDyn = FreebsdInitialStack.etDynAddr(linux, ElfImage.ET_DYN, 0x1620);
        assertEquals(bias, etDyn);
        assertEquals(bias, auxOf(build(aux, etDyn), AT_BASE));
        // ET_EXEC: et_dyn_addr is 0, and so is AT_BASE
        long[] exec = {L_AT_PHDR, 0x200040, L_AT_PHNUM, 7, L_AT_ENTRY, 0x201000};
        LinuxInitialStack l2 = new LinuxInitialStack(0x7ffff000L, new long[0], new long[0], exec);
        assertEquals(0, FreebsdInitialStack.etDynAddr(l2, ElfImage.ET_EXEC, 0x201000));
        assertEquals(0L, auxOf(build(exec, 0), AT_BASE));
    }

    /**
     * The timekeeping page (struct vdso_timekeep plus its timehands, 0xc0 bytes here) is copied
     * 16-byte aligned below struct ps_strings, AT_TIMEKEEP points at it, and the executable path
     * goes below it without overlapping.
     */
    @Test
    void timekeepingPageSitsBelowPsStringsAndAtTimekeepPointsAtIt() {
        byte[] page = new byte[0xc0];
        for (int i = 0; i < page.length; i++) {
            page[i] = (byte) (i + 1);
        }
        LinuxInitialStack linux = new LinuxInitialStack(0x7ffff000L, new long[] {0x7ffff800L}, new long[0],
                new long[] {L_AT_PHDR, 0x200040, L_AT_ENTRY, 0x201000});
        FreebsdInitialStack.Image img = FreebsdInitialStack.build(linux, new FreebsdProcessFacts("/bin/prog",
                1401000, 2, new long[] {4096}, new byte[64], 3, 0x80000000L, 8 << 20, 0, page));
        long tk = auxOf(img, AT_TIMEKEEP);
        assertEquals(img.timekeep(), tk);
        assertEquals(0, tk % 16, "16-byte aligned");
        assertTrue(tk + page.length <= img.psStrings(), "below ps_strings");
        byte[] copied = new byte[page.length];
        System.arraycopy(img.bytes(), (int) (tk - img.base()), copied, 0, page.length);
        assertArrayEquals(page, copied);
        long path = auxOf(img, AT_EXECPATH);
        assertTrue(path + "/bin/prog".length() + 1 <= tk, "the executable path lies below the page");
    }

    @Test
    void parsesTheLinuxVectorAndAsksForMoreWhenShort() {
        long[] words = {1, 0x1000, 0, 0x2000, 0x2008, 0, 6, 4096, 0, 0};
        LinuxInitialStack s = LinuxInitialStack.parse(0x7000, words, words.length);
        assertEquals(1, s.argv().length);
        assertEquals(2, s.envp().length);
        assertEquals(4096, s.aux(6, -1));
        assertEquals(null, LinuxInitialStack.parse(0x7000, words, 7));
    }
}
