package io.xrun.translator.container;

import io.xrun.loader.image.RootPath;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds, on the host, the ELF file a container's command will run, so that --personality auto
 * can decide before anything starts. It does what the container will do: execvp(3)'s PATH
 * search when the name has no '/', and for a "#!" script the interpreter the kernel would
 * run (fs/binfmt_script.c), all resolved inside the image root.
 */
public final class CommandResolver {
    /** The kernel follows at most this many nested interpreters (fs/exec.c, BINPRM_MAX_RECURSION). */
    private static final int MAX_SCRIPT_DEPTH = 4;

    private CommandResolver() {
    }

    /** The host path of the ELF that will run, or empty when the command is not in the image. */
    public static Optional<Path> elfOf(Path root, String command, String pathVar, String workdir) {
        Optional<Path> file = find(root, command, pathVar, workdir);
        for (int depth = 0; file.isPresent() && depth <= MAX_SCRIPT_DEPTH; depth++) {
            String interp = interpreter(file.get());
            if (interp == null) {
                return file;
            }
            file = regular(root, interp.startsWith("/") ? interp : join(workdir, interp));
        }
        return Optional.empty();
    }

    static Optional<Path> find(Path root, String command, String pathVar, String workdir) {
        if (command.indexOf('/') >= 0) {
            return regular(root, command.startsWith("/") ? command : join(workdir, command));
        }
        for (String dir : (pathVar == null ? ContainerEnv.DEFAULT_PATH : pathVar).split(":", -1)) {
            Optional<Path> p = regular(root, join(dir.isEmpty() ? workdir : dir.startsWith("/") ? dir : join(workdir, dir),
                    command));
            if (p.isPresent() && Files.isExecutable(p.get())) {
                return p;
            }
        }
        return Optional.empty();
    }

    private static Optional<Path> regular(Path root, String containerPath) {
        try {
            Path p = RootPath.resolve(root, containerPath, true);
            return Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static String join(String dir, String name) {
        return dir.endsWith("/") ? dir + name : dir + "/" + name;
    }

    /** The interpreter named by a "#!" line (its first word), or null for anything else. */
    static String interpreter(Path file) {
        byte[] head = new byte[256];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        } catch (IOException e) {
            return null;
        }
        if (n < 3 || head[0] != '#' || head[1] != '!') {
            return null;
        }
        String line = new String(head, 2, n - 2, StandardCharsets.UTF_8);
        int nl = line.indexOf('\n');
        line = (nl >= 0 ? line.substring(0, nl) : line).strip();
        if (line.isEmpty()) {
            return null;
        }
        String[] words = line.split("[ \t]+", 2);
        return words[0];
    }
}
