package io.xrun.loader.image;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every IMAGE format prepares to the expected files and configuration, and warm runs hit the cache. */
class ImageStoreFormatsTest {
    @TempDir
    Path cache;
    @TempDir
    Path work;

    final List<String> warnings = new ArrayList<>();

    ImageStore store() {
        return new ImageStore(cache, warnings::add);
    }

    static byte[] baseLayer() {
        return new TestTar().dir("./", 0755).dir("./bin/", 0755).file("./bin/sh", "#!shell".getBytes(), 0755)
                .dir("./etc/", 0755).file("./etc/motd", "base").dir("./usr/", 0755).dir("./usr/lib/", 0755)
                .file("./usr/lib/libc.so.7", "libc").symlink("./lib", "usr/lib").hardlink("./bin/sh2", "./bin/sh").bytes();
    }

    static void assertBase(Path root) throws IOException {
        assertEquals("#!shell", Files.readString(root.resolve("bin/sh")));
        assertEquals("base", Files.readString(root.resolve("etc/motd")));
        assertEquals(Path.of("usr/lib"), Files.readSymbolicLink(root.resolve("lib")));
        assertEquals("libc", Files.readString(root.resolve("lib/libc.so.7")));
        assertEquals(Files.getAttribute(root.resolve("bin/sh"), "unix:ino"), Files.getAttribute(root.resolve("bin/sh2"), "unix:ino"));
        assertEquals(0755, (int) Files.getAttribute(root.resolve("bin/sh"), "unix:mode") & 07777);
    }

    static void assertRunConfig(ImageConfig c) {
        assertEquals("amd64", c.architecture());
        assertEquals(List.of("/bin/sh", "-c"), c.entrypoint());
        assertEquals(List.of("echo hi"), c.cmd());
        assertEquals(List.of("PATH=/bin:/usr/bin", "A=b c"), c.env());
        assertEquals("/root", c.workingDir());
        assertEquals("0:0", c.user());
    }

    Path write(String name, byte[] data) throws IOException {
        return Files.write(work.resolve(name), data);
    }

    @Test
    void elfIsReportedNotExtracted() throws Exception {
        Path elf = write("prog", new byte[]{0x7f, 'E', 'L', 'F', 2, 1, 1, 9});
        PreparedImage p = store().prepare(elf);
        assertEquals(PreparedImage.Kind.ELF, p.kind());
        assertEquals(elf.toRealPath(), p.elf());
        assertNull(p.rootfs());
        assertEquals(ImageConfig.empty(), p.config());
    }

    @Test
    void rootfsDirectoryIsUsedInPlace() throws Exception {
        Path dir = Files.createDirectories(work.resolve("root/bin"));
        PreparedImage p = store().prepare(dir.getParent());
        assertEquals(PreparedImage.Kind.ROOTFS_DIR, p.kind());
        assertEquals(dir.getParent().toRealPath(), p.rootfs());
        assertEquals("dir:" + dir.getParent().toRealPath(), p.id());
        try (var s = Files.list(cache)) {
            assertEquals(0, s.count(), "a directory image is never copied into the cache");
        }
    }

    @Test
    void rootfsTarballsInEveryCompression() throws Exception {
        byte[] tar = baseLayer();
        for (byte[] data : List.of(tar, TestTar.gzip(tar), TestTar.xz(tar), TestTar.zstd(tar))) {
            Path f = write("base-" + data.length + ".txz", data);
            PreparedImage p = store().prepare(f);
            assertEquals(PreparedImage.Kind.ROOTFS_TAR, p.kind());
            assertEquals(Sha256.of(data), p.id(), "a rootfs tarball is keyed by the digest of the file");
            assertFalse(p.cached());
            assertEquals(ImageConfig.empty(), p.config());
            assertBase(p.rootfs());
        }
    }

    @Test
    void secondPrepareComesFromTheCacheWithoutExtracting() throws Exception {
        Path f = write("base.tar.xz", TestTar.xz(baseLayer()));
        PreparedImage first = store().prepare(f);
        Object ino = Files.getAttribute(first.rootfs().resolve("etc/motd"), "unix:ino");
        Object rootCtime = Files.getAttribute(first.rootfs(), "unix:ctime");
        PreparedImage second = store().prepare(f);
        assertTrue(second.cached());
        assertEquals(first.rootfs(), second.rootfs());
        assertEquals(first.id(), second.id());
        assertEquals(ino, Files.getAttribute(second.rootfs().resolve("etc/motd"), "unix:ino"));
        assertEquals(rootCtime, Files.getAttribute(second.rootfs(), "unix:ctime"));
        try (var s = Files.list(cache.resolve("images/tmp"))) {
            assertEquals(0, s.count());
        }
    }

    @Test
    void warmRunDoesNotReadTheArchive() throws Exception {
        Path f = write("base.tar.gz", TestTar.gzip(baseLayer()));
        PreparedImage first = store().prepare(f);
        // Unreadable now: only the (dev, inode, size, mtime) memo can answer.
        Files.setAttribute(f, "unix:mode", 0);
        f.toFile().setReadable(false);
        PreparedImage second = new ImageStore(cache, warnings::add, false).prepare(f);
        assertTrue(second.cached());
        assertEquals(first.id(), second.id());
    }

    @Test
    void ociLayoutWithLayersWhiteoutsAndOpaqueDirectories() throws Exception {
        Path layout = layeredOci().writeTo(work.resolve("img.oci"));
        PreparedImage p = store().prepare(layout);
        assertEquals(PreparedImage.Kind.OCI_LAYOUT, p.kind());
        assertLayered(p.rootfs());
        assertRunConfig(p.config());
        assertTrue(Sha256.isValid(p.id()));
        // Warm: only index.json, the manifest and the config are read; layer blobs may be gone.
        try (var blobs = Files.list(layout.resolve("blobs/sha256"))) {
            for (Path b : blobs.toList()) {
                if (Files.size(b) > 1024) {
                    Files.delete(b);
                }
            }
        }
        PreparedImage again = store().prepare(layout);
        assertTrue(again.cached());
        assertRunConfig(again.config());
    }

    /**
     * Three layers (opencontainers/image-spec layer.md "Whiteouts"): the second deletes
     * etc/motd with ".wh.motd", makes usr/lib opaque with ".wh..wh..opq" and adds usr/lib/new;
     * a whiteout never hides what its own layer adds; the third replaces bin/sh.
     */
    static TestImages.Oci layeredOci() {
        byte[] l2 = new TestTar().dir("etc/", 0755).file("etc/.wh.motd", "").file("etc/added", "2")
                .dir("usr/lib/", 0755).file("usr/lib/.wh..wh..opq", "").file("usr/lib/new", "n")
                .file("etc/.wh.added", "").bytes();
        byte[] l3 = new TestTar().file("bin/sh", "#!v3".getBytes(), 0755).bytes();
        return TestImages.Oci.single("freebsd", "amd64", List.of(
                new Object[]{TestImages.LAYER_GZIP, TestTar.gzip(baseLayer())},
                new Object[]{TestImages.LAYER_ZSTD, TestTar.zstd(l2)},
                new Object[]{TestImages.LAYER_TAR, l3}));
    }

    static void assertLayered(Path root) throws IOException {
        assertFalse(Files.exists(root.resolve("etc/motd"), LinkOption.NOFOLLOW_LINKS));
        assertFalse(Files.exists(root.resolve("etc/.wh.motd"), LinkOption.NOFOLLOW_LINKS), "whiteouts are not materialized");
        assertEquals("2", Files.readString(root.resolve("etc/added")));
        assertFalse(Files.exists(root.resolve("usr/lib/libc.so.7")));
        assertEquals("n", Files.readString(root.resolve("usr/lib/new")));
        assertFalse(Files.exists(root.resolve("usr/lib/.wh..wh..opq")));
        assertEquals("#!v3", Files.readString(root.resolve("bin/sh")));
        assertEquals("#!shell", Files.readString(root.resolve("bin/sh2")), "replacing a file breaks its hard link");
    }

    @Test
    void ociArchiveCompressed() throws Exception {
        Path f = write("FreeBSD-container-image.txz", TestTar.xz(layeredOci().tar()));
        PreparedImage p = store().prepare(f);
        assertEquals(PreparedImage.Kind.OCI_ARCHIVE, p.kind());
        assertLayered(p.rootfs());
        assertRunConfig(p.config());
        assertEquals("freebsd", p.config().os());
        PreparedImage again = store().prepare(f);
        assertTrue(again.cached());
        assertEquals(p.id(), again.id());
    }

    @Test
    void ociArchiveAndLayoutShareTheManifestKey() throws Exception {
        TestImages.Oci oci = layeredOci();
        PreparedImage layout = store().prepare(oci.writeTo(work.resolve("img")));
        PreparedImage archive = store().prepare(write("img.tar", oci.tar()));
        assertEquals(layout.id(), archive.id());
        assertEquals(layout.rootfs(), archive.rootfs());
        assertTrue(archive.cached());
    }

    @Test
    void nestedIndexPicksAmd64AndPrefersFreebsd() throws Exception {
        TestImages.Oci o = new TestImages.Oci();
        byte[] arm = o.manifest(TestImages.config("freebsd", "arm64", List.of()),
                List.<Object[]>of(new Object[]{TestImages.LAYER_TAR, new TestTar().file("which", "arm").bytes()}));
        byte[] linux = o.manifest(TestImages.config("linux", "amd64", List.of()),
                List.<Object[]>of(new Object[]{TestImages.LAYER_TAR, new TestTar().file("which", "linux").bytes()}));
        byte[] bsd = o.manifest(TestImages.config("freebsd", "amd64", List.of()),
                List.<Object[]>of(new Object[]{TestImages.LAYER_TAR, new TestTar().file("which", "freebsd").bytes()}));
        byte[] inner = ("{\"schemaVersion\":2,\"mediaType\":\"" + OciLayout.INDEX + "\",\"manifests\":["
                + TestImages.descriptor(OciLayout.MANIFEST, arm, TestImages.platform("freebsd", "arm64")) + ","
                + TestImages.descriptor(OciLayout.MANIFEST, linux, TestImages.platform("linux", "amd64")) + ","
                + TestImages.descriptor(OciLayout.MANIFEST, bsd, TestImages.platform("freebsd", "amd64")) + "]}").getBytes();
        o.blob(inner);
        o.index("[" + TestImages.descriptor(OciLayout.INDEX, inner, null) + "]");
        PreparedImage p = store().prepare(o.writeTo(work.resolve("multi")));
        assertEquals("freebsd", Files.readString(p.rootfs().resolve("which")));
        assertEquals(Sha256.of(bsd), p.id(), "an OCI image is keyed by its manifest digest");
    }

    @Test
    void dockerArchiveLegacyForm() throws Exception {
        byte[] l2 = new TestTar().dir("etc/", 0755).file("etc/.wh.motd", "").file("etc/hosts", "h").bytes();
        Path f = write("saved.tar", TestImages.dockerArchive("amd64", List.of(baseLayer(), l2)));
        PreparedImage p = store().prepare(f);
        assertEquals(PreparedImage.Kind.DOCKER_ARCHIVE, p.kind());
        assertEquals("#!shell", Files.readString(p.rootfs().resolve("bin/sh")));
        assertEquals("libc", Files.readString(p.rootfs().resolve("lib/libc.so.7")));
        assertFalse(Files.exists(p.rootfs().resolve("etc/motd")));
        assertEquals("h", Files.readString(p.rootfs().resolve("etc/hosts")));
        assertRunConfig(p.config());
        assertTrue(store().prepare(f).cached());
    }

    @Test
    void dockerArchiveKeyIsTheConfigDigest() throws Exception {
        byte[] tar = TestImages.dockerArchive("amd64", List.of(baseLayer()));
        PreparedImage p = store().prepare(write("a.tar", TestTar.gzip(tar)));
        String configName = p.id().substring(7) + ".json";
        assertTrue(new String(tar, java.nio.charset.StandardCharsets.ISO_8859_1).contains(configName));
    }

    @Test
    void deviceNodesAndFifosAreSkippedWithOneWarningPerLayer() throws Exception {
        byte[] tar = new TestTar().dir("dev/", 0755).special("dev/null", '3').special("dev/sda", '4')
                .special("dev/console", '3').special("run/fifo", '6').file("etc/x", "x").bytes();
        PreparedImage p = store().prepare(write("devs.tar", tar));
        assertEquals(List.of("image devs.tar: skipped 3 device nodes and 1 fifo (the container runtime provides /dev)"), warnings);
        assertFalse(Files.exists(p.rootfs().resolve("dev/null"), LinkOption.NOFOLLOW_LINKS));
        assertEquals("x", Files.readString(p.rootfs().resolve("etc/x")));
    }

    @Test
    void readOnlyDirectoriesStillReceiveTheirEntries() throws Exception {
        byte[] tar = new TestTar().dir("ro/", 0555).file("ro/f", "inside").dir("ro/sub/", 0500).file("ro/sub/g", "deep").bytes();
        for (boolean privileged : new boolean[]{true, false}) {
            Path c = Files.createDirectories(work.resolve("cache-" + privileged));
            PreparedImage p = new ImageStore(c, warnings::add, privileged).prepare(write("ro-" + privileged + ".tar", tar));
            assertEquals("deep", Files.readString(p.rootfs().resolve("ro/sub/g")));
            int mode = (int) Files.getAttribute(p.rootfs().resolve("ro"), "unix:mode") & 07777;
            // Unprivileged: owner rwx is kept so the user can always delete the cache.
            assertEquals(privileged ? 0555 : 0755, mode);
            FileTrees.delete(c);
            assertFalse(Files.exists(c));
        }
    }

    @Test
    void ownershipSetuidAndTimesArePreservedWhenPrivileged() throws Exception {
        byte[] tar = new TestTar().owner(1234, 5678).mtime(1_000_000_000L).file("su", "x".getBytes(), 04755)
                .symlink("link", "/su").dir("d/", 01777).bytes();
        boolean root = (int) Files.getAttribute(work, "unix:uid") == 0;
        PreparedImage p = new ImageStore(cache, warnings::add, root).prepare(write("own.tar", tar));
        Path su = p.rootfs().resolve("su");
        assertEquals(1_000_000_000_000L, Files.getLastModifiedTime(su).toMillis());
        assertEquals(1_000_000_000_000L, Files.getLastModifiedTime(p.rootfs().resolve("d")).toMillis());
        if (root) {
            assertEquals(04755, (int) Files.getAttribute(su, "unix:mode") & 07777);
            assertEquals(1234, Files.getAttribute(su, "unix:uid"));
            assertEquals(5678, Files.getAttribute(p.rootfs().resolve("link"), "unix:gid", LinkOption.NOFOLLOW_LINKS));
            assertEquals(01777, (int) Files.getAttribute(p.rootfs().resolve("d"), "unix:mode") & 07777);
        }
        PreparedImage unpriv = new ImageStore(work.resolve("c2"), warnings::add, false).prepare(work.resolve("own.tar"));
        assertEquals(0755, (int) Files.getAttribute(unpriv.rootfs().resolve("su"), "unix:mode") & 07777, "no setuid bits without root");
    }

    @Test
    void concurrentPreparesOfOneImageExtractOnce() throws Exception {
        Path f = write("base.tar.zst", TestTar.zstd(baseLayer()));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<PreparedImage>> all = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                all.add(pool.submit(() -> store().prepare(f)));
            }
            int built = 0;
            for (Future<PreparedImage> r : all) {
                PreparedImage p = r.get();
                assertBase(p.rootfs());
                built += p.cached() ? 0 : 1;
            }
            assertEquals(1, built);
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void staleBuildDirectoriesOfDeadProcessesAreRemoved() throws Exception {
        store().prepare(write("a.tar", new TestTar().file("a", "a").bytes()));
        Path stale = Files.createDirectories(cache.resolve("images/tmp/2147483646-dead/stage/half"));
        Path live = Files.createDirectories(cache.resolve("images/tmp/" + ProcessHandle.current().pid() + "-live"));
        store().prepare(write("b.tar", new TestTar().file("b", "b").bytes()));
        assertFalse(Files.exists(stale.getParent().getParent()));
        assertTrue(Files.exists(live), "a build of a running process is left alone");
    }
}
