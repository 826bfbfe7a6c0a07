package io.xrun.translator.container;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A container's environment, built the way docker run builds it: the image's Env, then each
 * --env-file in order, then each -e, later ones winning; PATH and HOSTNAME and HOME filled in
 * when nobody set them. A bare NAME (in -e or an env file) takes the host's value, or is left
 * out when the host has none. Env files hold NAME=VALUE lines taken literally (no quotes, no
 * expansion); blank lines and lines starting with '#' are skipped.
 */
public final class ContainerEnv {
    /** docker's default PATH for a container (daemon/oci/defaults.go DefaultPathEnv). */
    public static final String DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    private final Map<String, String> vars = new LinkedHashMap<>();
    private final Map<String, String> host;

    public ContainerEnv(Map<String, String> host) {
        this.host = host;
    }

    /** Entries as the image config lists them ("NAME=VALUE"). */
    public ContainerEnv addImageEnv(List<String> env) {
        for (String e : env) {
            int eq = e.indexOf('=');
            if (eq > 0) {
                vars.put(e.substring(0, eq), e.substring(eq + 1));
            }
        }
        return this;
    }

    public ContainerEnv addFile(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("--env-file " + file + ": cannot read it (" + e.getMessage() + ")");
        }
        int n = 0;
        for (String line : lines) {
            n++;
            String t = line.stripLeading();
            if (t.isEmpty() || t.startsWith("#")) {
                continue;
            }
            if (t.startsWith("=")) {
                throw new IllegalArgumentException("--env-file " + file + ":" + n + ": a variable name is missing");
            }
            add(t);
        }
        return this;
    }

    /** One -e NAME=VALUE or -e NAME. */
    public ContainerEnv add(String spec) {
        int eq = spec.indexOf('=');
        if (eq == 0 || spec.isEmpty()) {
            throw new IllegalArgumentException("-e " + spec + ": a variable name is missing");
        }
        if (eq < 0) {
            String v = host.get(spec);
            if (v != null) {
                vars.put(spec, v);
            }
        } else {
            vars.put(spec.substring(0, eq), spec.substring(eq + 1));
        }
        return this;
    }

    /** What the image, the env files and -e set, in that order of precedence (last wins). */
    public Map<String, String> settings() {
        return java.util.Collections.unmodifiableMap(vars);
    }

    /** Fills in what every container has unless told otherwise. */
    public Map<String, String> finish(String hostname, String home) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("PATH", DEFAULT_PATH);
        out.put("HOSTNAME", hostname);
        if (host.containsKey("TERM")) {
            out.put("TERM", host.get("TERM"));
        }
        out.putAll(vars);
        out.putIfAbsent("HOME", home);
        return out;
    }
}
