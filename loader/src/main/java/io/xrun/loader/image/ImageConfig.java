package io.xrun.loader.image;

import java.util.List;

/**
 * The parts of an image configuration a container runtime needs: opencontainers/image-spec
 * config.md ("os", "architecture" and the "config" object's Entrypoint, Cmd, Env, WorkingDir,
 * User). Docker's image JSON uses the same names. Missing strings are null, missing lists empty.
 */
public record ImageConfig(String os, String architecture, List<String> entrypoint, List<String> cmd,
                          List<String> env, String workingDir, String user) {
    public ImageConfig {
        entrypoint = entrypoint == null ? List.of() : List.copyOf(entrypoint);
        cmd = cmd == null ? List.of() : List.copyOf(cmd);
        env = env == null ? List.of() : List.copyOf(env);
    }

    /** For formats without a configuration (ELF, root filesystem directory or tarball). */
    public static ImageConfig empty() {
        return new ImageConfig(null, null, List.of(), List.of(), List.of(), null, null);
    }
}
