package io.xrun.translator.ptrace;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Finds the xrun-launch helper (translator/src/main/native/xrun-launch.c), shipped in the jar,
 * and installs it once into xrun's cache directory, named by its digest so that versions never
 * clash. This is the only file xrun writes, and only under its cache.
 */
public final class Launcher {
    private static final String RESOURCE = "xrun/native/xrun-launch";

    private Launcher() {
    }

    /** $XDG_CACHE_HOME/xrun, else ~/.cache/xrun; XRUN_CACHE overrides both. */
    public static Path cacheDir() {
        String explicit = System.getenv("XRUN_CACHE");
        if (explicit != null && !explicit.isEmpty()) {
            return Path.of(explicit);
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isEmpty()) {
            return Path.of(xdg, "xrun");
        }
        return Path.of(System.getProperty("user.home"), ".cache", "xrun");
    }

    /**
     * The launcher's argv (xrun-launch.c): its options, "--", then the program to exec and the
     * program's own argv, argv[0] included.
     */
    public static java.util.List<String> arguments(java.util.List<String> options, String program,
                                                   java.util.List<String> argv) {
        java.util.List<String> a = new java.util.ArrayList<>();
        a.add("xrun-launch");
        a.addAll(options);
        a.add("--");
        a.add(program);
        a.addAll(argv);
        return a;
    }

    public static Path install() throws IOException {
        byte[] bytes;
        try (InputStream in = Launcher.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IOException("the jar lacks " + RESOURCE);
            }
            bytes = in.readAllBytes();
        }
        String digest;
        try {
            digest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        Path dir = cacheDir().resolve("bin");
        Path target = dir.resolve("xrun-launch-" + digest);
        if (Files.isExecutable(target) && Files.size(target) == bytes.length) {
            return target;
        }
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, ".xrun-launch", ".tmp");
        try {
            Files.write(tmp, bytes);
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
        return target;
    }
}
