package io.xrun.loader;

/**
 * Decides the personality of an ELF the way FreeBSD's own image activator brands binaries
 * (sys/kern/imgact_elf.c: the OS/ABI byte first, then the ABI note): OS/ABI 9 or a "FreeBSD"
 * ABI-tag note means FreeBSD; anything else is treated as Linux, the host's own ABI.
 */
public final class PersonalityDetector {
    private PersonalityDetector() {
    }

    public static Personality detect(ElfImage elf) {
        if (elf.osabi() == ElfImage.ELFOSABI_FREEBSD || elf.freebsdAbiTag() >= 0) {
            return Personality.FREEBSD;
        }
        return Personality.LINUX;
    }
}
