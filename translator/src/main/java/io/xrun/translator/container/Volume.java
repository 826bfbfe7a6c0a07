package io.xrun.translator.container;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One {@code -v HOST:CONTAINER[:ro|:rw]} bind mount, as docker run spells it. The host side is
 * made absolute and canonical here, because the launcher clones it before pivot_root and
 * must not resolve a host symlink after it (it would resolve inside the container).
 */
public record Volume(Path host, String container, boolean readOnly, boolean optional) {
    public Volume {
        if (!container.startsWith("/")) {
            throw new IllegalArgumentException("the container path " + container + " must be absolute");
        }
        if (container.indexOf(':') >= 0 || host.toString().indexOf(':') >= 0) {
            throw new IllegalArgumentException("paths with ':' cannot be mounted");
        }
    }

    /** Parses the -v argument; the host path must exist (docker would create it as root). */
    public static Volume parse(String spec) {
        String[] p = spec.split(":", -1);
        if (p.length < 2 || p.length > 3 || p[0].isEmpty() || p[1].isEmpty()) {
            throw new IllegalArgumentException("-v " + spec + ": expected HOST:CONTAINER[:ro]");
        }
        boolean ro = false;
        if (p.length == 3) {
            switch (p[2]) {
                case "ro" -> ro = true;
                case "rw" -> ro = false;
                default -> throw new IllegalArgumentException("-v " + spec + ": the mode is ro or rw, not " + p[2]);
            }
        }
        Path host;
        try {
            host = Path.of(p[0]).toRealPath();
        } catch (IOException e) {
            throw new IllegalArgumentException("-v " + spec + ": " + p[0] + " does not exist");
        }
        if (!Files.isReadable(host)) {
            throw new IllegalArgumentException("-v " + spec + ": " + p[0] + " is not readable");
        }
        return new Volume(host, normalize(p[1]), ro, false);
    }

    /** A host file shown read-only where the image has the directory for it (resolv.conf). */
    public static Volume optionalFile(Path host, String container) {
        return new Volume(host, container, true, true);
    }

    /** "/a//b/./c/" → "/a/b/c"; ".." is left to the container's own path lookup. */
    static String normalize(String p) {
        StringBuilder b = new StringBuilder();
        for (String part : p.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            b.append('/').append(part);
        }
        return b.length() == 0 ? "/" : b.toString();
    }

    /** The launcher's -v value: KIND:HOST:CONTAINER. */
    String launcherValue() {
        return (optional ? "opt" : readOnly ? "ro" : "rw") + ":" + host + ":" + container;
    }
}
