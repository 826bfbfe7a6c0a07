package io.xrun.translator.cli;

import io.xrun.loader.ElfFormatException;
import io.xrun.loader.ElfImage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the program to run (PATH search as execvp(3) does) and checks it before anything starts. */
final class ProgramResolver {
    private ProgramResolver() {
    }

    static Path resolve(String program) throws XrunException {
        if (program.isEmpty()) {
            throw new XrunException(ExitCodes.NOT_FOUND, "xrun: empty program name");
        }
        if (program.indexOf('/') >= 0) {
            Path p = Path.of(program);
            if (!Files.exists(p)) {
                throw new XrunException(ExitCodes.NOT_FOUND, "xrun: " + program + ": no such file");
            }
            return p.toAbsolutePath();
        }
        String path = System.getenv("PATH");
        for (String dir : (path == null ? "/usr/bin:/bin" : path).split(":")) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, program);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return p.toAbsolutePath();
            }
        }
        throw new XrunException(ExitCodes.NOT_FOUND, "xrun: " + program + ": command not found");
    }

    /** Whether the file starts with the ELF magic (anything else may be an image archive). */
    static boolean isElf(Path p) {
        try (java.io.InputStream in = Files.newInputStream(p)) {
            byte[] m = in.readNBytes(4);
            return m.length == 4 && m[0] == 0x7f && m[1] == 'E' && m[2] == 'L' && m[3] == 'F';
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Checks that a dynamic program's interpreter (PT_INTERP, /libexec/ld-elf.so.1 for FreeBSD:
     * sys/kern/imgact_elf.c loads it by that path) exists under {@code root}, the root directory
     * the guest will see: the exec would fail with ENOENT naming nothing.
     *
     * @param program the program as the user named it, for the message
     */
    static void checkInterpreter(String program, ElfImage elf, Path root) throws XrunException {
        String interp = elf.interpreter();
        if (interp == null) {
            return;
        }
        Path inRoot = root.resolve(interp.startsWith("/") ? interp.substring(1) : interp);
        if (!Files.exists(inRoot)) {
            throw new XrunException(ExitCodes.CANNOT_EXECUTE, "xrun: " + program + ": interpreter " + interp
                    + " not found (dynamic FreeBSD programs run inside their image root: xrun IMAGE ...)");
        }
    }

    static ElfImage inspect(Path p) throws XrunException {
        if (Files.isDirectory(p)) {
            throw new XrunException(ExitCodes.CANNOT_EXECUTE, "xrun: " + p + ": is a directory");
        }
        if (!Files.isReadable(p)) {
            throw new XrunException(ExitCodes.CANNOT_EXECUTE, "xrun: " + p + ": permission denied");
        }
        try {
            ElfImage elf = ElfImage.read(p);
            if (!Files.isExecutable(p)) {
                throw new XrunException(ExitCodes.CANNOT_EXECUTE, "xrun: " + p + ": not executable (no x permission)");
            }
            return elf;
        } catch (ElfFormatException e) {
            throw new XrunException(ExitCodes.CANNOT_EXECUTE, "xrun: " + e.getMessage());
        } catch (IOException e) {
            throw new XrunException(ExitCodes.CANNOT_EXECUTE, "xrun: " + p + ": cannot read: " + e.getMessage());
        }
    }
}
