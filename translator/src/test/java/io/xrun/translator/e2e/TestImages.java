package io.xrun.translator.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * Builds the images the container tests run, from the committed testbins: a FreeBSD root
 * filesystem (static and dynamic programs, the project's own ld-elf.so.1), as a directory, a
 * base.txz-style tarball and an OCI image layout/archive of two layers; and a Linux root from
 * Debian's busybox-static. Archives are written by the system's tar, the way a user would make
 * them; OCI JSON follows opencontainers/image-spec (image-layout.md, manifest.md, config.md).
 */
final class TestImages {
    private TestImages() {
    }

    static Path bin(String name) {
        return XrunProcess.testbins().resolve("bin").resolve(name);
    }

    /** A FreeBSD-shaped root: /bin programs, /libexec/ld-elf.so.1, /etc/passwd and group, /var/run, /tmp. */
    static Path freebsdRoot(Path dir) throws IOException {
        Path root = dir.resolve("freebsd-root");
        for (String d : List.of("bin", "libexec", "etc", "var/run", "tmp", "root", "home/www")) {
            Files.createDirectories(root.resolve(d));
        }
        for (String p : List.of("hello", "bench_getpid", "threads", "dynhello", "go-goroutines", "exec", "startup")) {
            copyExec(bin(p), root.resolve("bin").resolve(p));
        }
        copyExec(bin("ld_elf"), root.resolve("libexec/ld-elf.so.1"));
        // FreeBSD's etc/master.passwd-derived passwd(5) and group(5) lines (usr.sbin/... defaults)
        Files.writeString(root.resolve("etc/passwd"),
                "root:*:0:0:Charlie &:/root:/bin/sh\nwww:*:80:80:World Wide Web Owner:/home/www:/usr/sbin/nologin\n");
        Files.writeString(root.resolve("etc/group"), "wheel:*:0:root\nwww:*:80:\nstaff:*:20:www\n");
        Files.writeString(root.resolve("etc/motd"), "FreeBSD test image\n");
        Files.setPosixFilePermissions(root.resolve("tmp"), PosixFilePermissions.fromString("rwxrwxrwx"));
        return root;
    }

    /** A Linux root from busybox-static, or null when /usr/bin/busybox (or /bin/busybox) is absent. */
    static Path busyboxRoot(Path dir) throws IOException, InterruptedException {
        Path busybox = Files.isRegularFile(Path.of("/usr/bin/busybox")) ? Path.of("/usr/bin/busybox")
                : Files.isRegularFile(Path.of("/bin/busybox")) ? Path.of("/bin/busybox") : null;
        if (busybox == null || !isStatic(busybox)) {
            return null;
        }
        Path root = dir.resolve("busybox-root");
        Files.createDirectories(root.resolve("bin"));
        Files.createDirectories(root.resolve("etc"));
        copyExec(busybox, root.resolve("bin/busybox"));
        for (String applet : List.of("sh", "echo", "cat", "ls", "id", "hostname", "ps", "sleep", "touch", "rm", "mkdir",
                "pwd", "env", "grep", "wc", "head", "kill", "mount", "stat", "true", "false", "readlink", "test")) {
            Files.createSymbolicLink(root.resolve("bin").resolve(applet), Path.of("busybox"));
        }
        Files.writeString(root.resolve("etc/passwd"), "root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n");
        Files.writeString(root.resolve("etc/group"), "root:x:0:\nnogroup:x:65534:\n");
        return root;
    }

    private static boolean isStatic(Path elf) throws IOException {
        // no PT_INTERP: the string of the usual Linux interpreters does not occur in the header pages
        byte[] head = Files.readAllBytes(elf);
        String s = new String(head, 0, Math.min(head.length, 8192), StandardCharsets.ISO_8859_1);
        return !s.contains("/lib64/ld-linux") && !s.contains("/lib/ld-linux");
    }

    static void copyExec(Path from, Path to) throws IOException {
        Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
        Files.setPosixFilePermissions(to, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** tar -C dir -c[z|J|--zstd]f out . */
    static Path tar(Path dir, Path out, String compression) throws IOException, InterruptedException {
        List<String> cmd = new java.util.ArrayList<>(List.of("tar", "--numeric-owner", "-C", dir.toString()));
        switch (compression) {
            case "gz" -> cmd.add("-z");
            case "xz" -> cmd.add("-J");
            case "zst" -> cmd.add("--zstd");
            default -> { }
        }
        cmd.addAll(List.of("-cf", out.toString(), "."));
        run(cmd);
        return out;
    }

    static void run(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException(cmd + " failed: " + out);
        }
    }

    static String sha256(byte[] b) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String blob(Path layout, byte[] content) throws IOException {
        String digest = sha256(content);
        Path p = layout.resolve("blobs/sha256").resolve(digest.substring(7));
        Files.createDirectories(p.getParent());
        Files.write(p, content);
        return digest;
    }

    private static String descriptor(String mediaType, String digest, long size) {
        return "{\"mediaType\":\"" + mediaType + "\",\"digest\":\"" + digest + "\",\"size\":" + size + "}";
    }

    /**
     * An OCI image layout of two layers: the FreeBSD root, then a layer that adds /etc/motd.d
     * content and deletes /bin/threads with a whiteout (image-spec layer.md). Its config runs
     * /bin/hello with Cmd [from, oci] in /tmp, with GREETING in its Env.
     */
    static Path freebsdOciLayout(Path dir) throws IOException, InterruptedException {
        Path root = freebsdRoot(dir);
        Path upper = dir.resolve("layer2");
        Files.createDirectories(upper.resolve("bin"));
        Files.createDirectories(upper.resolve("etc"));
        Files.writeString(upper.resolve("etc/motd"), "replaced by layer 2\n");
        Files.createFile(upper.resolve("bin/.wh.threads"));
        Path layout = dir.resolve("freebsd-oci");
        Files.createDirectories(layout);
        byte[] l1 = Files.readAllBytes(tar(root, dir.resolve("l1.tar.gz"), "gz"));
        byte[] l2 = Files.readAllBytes(tar(upper, dir.resolve("l2.tar.gz"), "gz"));
        byte[] d1 = Files.readAllBytes(tar(root, dir.resolve("l1.tar"), ""));
        byte[] d2 = Files.readAllBytes(tar(upper, dir.resolve("l2.tar"), ""));
        String g1 = blob(layout, l1);
        String g2 = blob(layout, l2);
        String config = "{\"architecture\":\"amd64\",\"os\":\"freebsd\",\"config\":{\"Entrypoint\":[\"/bin/hello\"],"
                + "\"Cmd\":[\"from\",\"oci\"],\"Env\":[\"PATH=/bin\",\"GREETING=hi\"],\"WorkingDir\":\"/tmp\"},"
                + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"" + sha256(d1) + "\",\"" + sha256(d2) + "\"]}}";
        byte[] cfg = config.getBytes(StandardCharsets.UTF_8);
        String cd = blob(layout, cfg);
        String manifest = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"config\":"
                + descriptor("application/vnd.oci.image.config.v1+json", cd, cfg.length) + ",\"layers\":["
                + descriptor("application/vnd.oci.image.layer.v1.tar+gzip", g1, l1.length) + ","
                + descriptor("application/vnd.oci.image.layer.v1.tar+gzip", g2, l2.length) + "]}";
        byte[] man = manifest.getBytes(StandardCharsets.UTF_8);
        String md = blob(layout, man);
        Files.writeString(layout.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
        Files.writeString(layout.resolve("index.json"), "{\"schemaVersion\":2,\"manifests\":[{\"mediaType\":"
                + "\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"" + md + "\",\"size\":" + man.length
                + ",\"platform\":{\"architecture\":\"amd64\",\"os\":\"freebsd\"}}]}");
        return layout;
    }
}
