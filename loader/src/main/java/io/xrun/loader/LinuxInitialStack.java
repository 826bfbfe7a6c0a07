package io.xrun.loader;

/**
 * The vector the Linux kernel left at the new program's stack pointer after execve
 * (fs/binfmt_elf.c create_elf_tables): argc, argv[], NULL, envp[], NULL, auxv pairs, AT_NULL.
 * Only the pointers are kept: the strings stay where Linux put them and are reused.
 */
public record LinuxInitialStack(long stackPointer, long[] argv, long[] envp, long[] auxv) {

    /** Value of a Linux auxv entry, or {@code dflt} when absent. */
    public long aux(long type, long dflt) {
        for (int i = 0; i + 1 < auxv.length; i += 2) {
            if (auxv[i] == type) {
                return auxv[i + 1];
            }
        }
        return dflt;
    }

    /**
     * Parses the vector from words read at the stack pointer.
     *
     * @return null when {@code words} ends before the vector does (read more and retry)
     */
    public static LinuxInitialStack parse(long sp, long[] words, int count) {
        if (count < 1) {
            return null;
        }
        long argc = words[0];
        if (argc < 0 || argc > 1 << 20) {
            throw new IllegalStateException("implausible argc " + argc + " on the initial stack");
        }
        int i = 1;
        if (count < i + argc + 1) {
            return null;
        }
        long[] argv = new long[(int) argc];
        for (int k = 0; k < argc; k++) {
            argv[k] = words[i++];
        }
        i++; // NULL
        int envStart = i;
        while (i < count && words[i] != 0) {
            i++;
        }
        if (i >= count) {
            return null;
        }
        long[] envp = new long[i - envStart];
        System.arraycopy(words, envStart, envp, 0, envp.length);
        i++; // NULL
        int auxStart = i;
        while (i + 1 < count && words[i] != 0) {
            i += 2;
        }
        if (i + 1 >= count) {
            return null;
        }
        long[] auxv = new long[i - auxStart];
        System.arraycopy(words, auxStart, auxv, 0, auxv.length);
        return new LinuxInitialStack(sp, argv, envp, auxv);
    }
}
