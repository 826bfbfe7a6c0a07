package io.xrun.loader.image;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static io.xrun.loader.image.ImageException.Reason.CORRUPT;
import static io.xrun.loader.image.ImageException.Reason.NOT_FOUND;
import static io.xrun.loader.image.ImageException.Reason.UNSAFE;
import static io.xrun.loader.image.ImageException.Reason.UNSUPPORTED;
import static io.xrun.loader.image.ImageException.Reason.WRONG_ARCHITECTURE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hostile and broken images: each fails with the right reason and one line naming the image
 * (and the entry or blob), writes nothing outside the cache (a sentinel directory next to it
 * stays byte-for-byte the same), leaves no half-built root, fails the same way when retried,
 * and does not stop a good image from working afterwards.
 */
class ImageStoreHostileTest {
    @TempDir
    Path cache;
    @TempDir
    Path work;
    @TempDir
    Path sentinel;

    final List<String> warnings = new ArrayList<>();
    Map<String, String> sentinelBefore;

    @BeforeEach
    void plantSentinel() throws IOException {
        Files.writeString(sentinel.resolve("keep"), "original");
        Files.createDirectories(sentinel.resolve("etc"));
        Files.writeString(sentinel.resolve("etc/passwd"), "root:x:0:0");
        sentinelBefore = snapshot(sentinel);
    }

    /** Every path below dir with its type, size and mtime. */
    static Map<String, String> snapshot(Path dir) throws IOException {
        Map<String, String> m = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                m.put(dir.relativize(p).toString(), Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) + " "
                        + Files.size(p) + " " + Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS));
            }
        }
        return m;
    }

    ImageStore store() {
        return new ImageStore(cache, warnings::add);
    }

    Path write(String name, byte[] data) throws IOException {
        return Files.write(work.resolve(name), data);
    }

    /** The absolute host path of the sentinel without its leading "/", to aim entries at it. */
    String sentinelInImage() {
        return sentinel.toString().substring(1);
    }

    /** Fails as expected, twice, touching nothing outside the cache; then a good image works. */
    ImageException assertRejected(Path image, ImageException.Reason reason, String messagePart) throws Exception {
        Map<String, String> workBefore = snapshot(work);
        ImageException e = assertThrows(ImageException.class, () -> store().prepare(image));
        assertEquals(reason, e.reason(), e.getMessage());
        String msg = e.getMessage();
        assertTrue(msg.startsWith("image " + image.getFileName() + ": "), msg);
        assertTrue(msg.contains(messagePart), msg);
        assertFalse(msg.contains("\n"), msg);
        assertEquals(sentinelBefore, snapshot(sentinel), "nothing written outside the cache");
        assertEquals(workBefore, snapshot(work), "nothing written next to the image");
        assertNoPartialRoots();
        ImageException again = assertThrows(ImageException.class, () -> store().prepare(image));
        assertEquals(msg, again.getMessage(), "a retry fails the same way");
        assertNoPartialRoots();
        PreparedImage good = store().prepare(write("good-" + System.nanoTime() + ".tar", new TestTar().file("ok", "ok").bytes()));
        assertEquals("ok", Files.readString(good.rootfs().resolve("ok")));
        FileTrees.delete(good.rootfs().getParent());
        return e;
    }

    void assertNoPartialRoots() throws IOException {
        for (String d : List.of("images/roots", "images/tmp")) {
            Path p = cache.resolve(d);
            if (Files.exists(p)) {
                try (Stream<Path> s = Files.list(p)) {
                    assertEquals(List.of(), s.toList(), d + " holds no failed build");
                }
            }
        }
    }

    // --- corrupt archives -------------------------------------------------------------------

    @Test
    void badHeaderChecksum() throws Exception {
        byte[] tar = new TestTar().file("a", "x".repeat(1000)).file("b", "y").bytes();
        tar[1536 + 3] ^= 0x20;
        ImageException e = assertRejected(write("base.tar", tar), CORRUPT, "corrupt tar: bad header checksum at byte 1536");
        assertEquals("image base.tar: corrupt tar: bad header checksum at byte 1536", e.getMessage());
    }

    @Test
    void endOfFileInsideAnEntry() throws Exception {
        byte[] tar = Arrays.copyOf(new TestTar().file("etc/big", "z".repeat(4000)).bytes(), 512 + 2048);
        assertRejected(write("cut.tar", tar), CORRUPT, "unexpected end of archive in member \"etc/big\"");
        assertRejected(write("cut.tar.xz", TestTar.xz(tar)), CORRUPT, "unexpected end of archive");
    }

    @Test
    void badCompressionStreams() throws Exception {
        byte[] tar = new TestTar().file("a", "hello".repeat(1000)).bytes();
        byte[] gz = TestTar.gzip(tar);
        gz[2] = 7; // RFC 1952: CM must be 8 (deflate)
        assertRejected(write("bad.tar.gz", gz), CORRUPT, "corrupt gzip stream");
        byte[] crc = TestTar.gzip(tar);
        crc[crc.length - 8] ^= 1; // the CRC32 trailer: only seen when the stream is read to its end
        assertRejected(write("crc.tar.gz", crc), CORRUPT, "corrupt gzip stream");
        byte[] xz = TestTar.xz(tar);
        assertRejected(write("short.txz", Arrays.copyOf(xz, xz.length - 20)), CORRUPT, "xz stream");
        byte[] zst = TestTar.zstd(tar);
        Arrays.fill(zst, 4, zst.length, (byte) 0x7f);
        assertRejected(write("bad.tar.zst", zst), CORRUPT, "corrupt zstd stream");
    }

    @Test
    void notAnImageAtAll() throws Exception {
        Path junk = write("notes.txt", "just text, not a tar archive".repeat(40).getBytes());
        assertEquals(UNSUPPORTED, assertThrows(ImageException.class, () -> store().prepare(junk)).reason());
        ImageException e = assertThrows(ImageException.class, () -> store().prepare(work.resolve("missing.txz")));
        assertEquals(NOT_FOUND, e.reason());
        assertEquals("image missing.txz: no such file or directory", e.getMessage());
    }

    // --- paths that escape ------------------------------------------------------------------

    @Test
    void dotDotEscapeIsRejected() throws Exception {
        byte[] tar = new TestTar().file("ok", "1").file("../../etc/passwd", "pwned").bytes();
        ImageException e = assertRejected(write("evil.tar", tar), UNSAFE, "escapes the image root");
        assertEquals("image evil.tar: entry \"../../etc/passwd\" escapes the image root", e.getMessage());
        String viaSentinel = "a/../../" + "../".repeat(10) + sentinelInImage() + "/keep";
        assertRejected(write("evil2.tar", new TestTar().file(viaSentinel, "pwned").bytes()), UNSAFE, "escapes the image root");
    }

    @Test
    void absoluteNamesAreRejected() throws Exception {
        byte[] tar = new TestTar().file(sentinel.resolve("keep").toString(), "pwned").bytes();
        assertRejected(write("abs.tar", tar), UNSAFE, "has an absolute path");
    }

    @Test
    void writesThroughSymlinksStayInsideTheRoot() throws Exception {
        // evil -> /SENTINEL (absolute: interpreted inside the image), then evil/keep and
        // evil/etc/passwd: chroot-style resolution puts both under the root, never in the sentinel.
        byte[] tar = new TestTar().symlink("evil", sentinel.toString()).file("evil/keep", "pwned")
                .file("evil/etc/passwd", "pwned").symlink("up", "/..").file("up/x", "in root").bytes();
        PreparedImage p = store().prepare(write("through.tar", tar));
        assertEquals(sentinelBefore, snapshot(sentinel));
        assertEquals("pwned", Files.readString(p.rootfs().resolve(sentinelInImage()).resolve("keep")));
        assertEquals("in root", Files.readString(p.rootfs().resolve("x")));
    }

    @Test
    void laterLayersWriteThroughLowerLayerSymlinksInsideTheRoot() throws Exception {
        byte[] l1 = new TestTar().symlink("etc", sentinel.resolve("etc").toString()).symlink("f", sentinel.resolve("keep").toString()).bytes();
        byte[] l2 = new TestTar().file("etc/passwd", "pwned").file("f", "replaced, not followed").file("etc/.wh.other", "").bytes();
        TestImages.Oci oci = TestImages.Oci.single("linux", "amd64", List.of(
                new Object[]{TestImages.LAYER_TAR, l1}, new Object[]{TestImages.LAYER_TAR, l2}));
        PreparedImage p = store().prepare(oci.writeTo(work.resolve("layers.oci")));
        assertEquals(sentinelBefore, snapshot(sentinel));
        assertEquals("replaced, not followed", Files.readString(p.rootfs().resolve("f")));
        assertFalse(Files.isSymbolicLink(p.rootfs().resolve("f")));
    }

    @Test
    void whiteoutsThroughSymlinksStayInsideTheRoot() throws Exception {
        byte[] l1 = new TestTar().symlink("s", sentinel.toString()).bytes();
        byte[] l2 = new TestTar().file("s/.wh.keep", "").file("s/etc/.wh..wh..opq", "").bytes();
        TestImages.Oci oci = TestImages.Oci.single("linux", "amd64", List.of(
                new Object[]{TestImages.LAYER_TAR, l1}, new Object[]{TestImages.LAYER_TAR, l2}));
        store().prepare(oci.writeTo(work.resolve("wh.oci")));
        assertEquals(sentinelBefore, snapshot(sentinel));
    }

    @Test
    void symlinkClimbingAboveTheRootIsRejected() throws Exception {
        byte[] tar = new TestTar().dir("usr/", 0755).symlink("usr/x", "../../../" + sentinelInImage()).file("usr/x/keep", "pwned").bytes();
        ImageException e = assertRejected(write("climb.tar", tar), UNSAFE, "points outside the image root");
        assertTrue(e.getMessage().contains("symlink \"usr/x\" -> \"../../../"), e.getMessage());
    }

    @Test
    void relativeSymlinksInsideTheRootAreFine() throws Exception {
        byte[] tar = new TestTar().dir("usr/lib/", 0755).file("usr/lib/libc.so.7", "c").symlink("usr/lib/libc.so", "../lib/./libc.so.7")
                .symlink("lib", "usr/lib").symlink("usr/bin", "/bin").bytes();
        PreparedImage p = store().prepare(write("rel.tar", tar));
        assertEquals("c", Files.readString(p.rootfs().resolve("lib/libc.so")));
    }

    @Test
    void hardLinksMustPointAtExtractedEntriesInsideTheRoot() throws Exception {
        assertRejected(write("h1.tar", new TestTar().hardlink("h", "../../" + sentinelInImage() + "/keep").bytes()),
                UNSAFE, "hard link \"h\"");
        // A hard link names an archive member, and members never have absolute names.
        assertRejected(write("h2.tar", new TestTar().hardlink("h", "/" + sentinelInImage() + "/keep").bytes()),
                UNSAFE, "points outside the image root");
        assertRejected(write("h2b.tar", new TestTar().hardlink("h", sentinelInImage() + "/keep").bytes()),
                CORRUPT, "target is not a file already extracted");
        byte[] via = new TestTar().symlink("s", sentinel.toString()).hardlink("h", "s/keep").bytes();
        assertRejected(write("h3.tar", via), CORRUPT, "hard link \"h\" -> \"s/keep\"");
        assertRejected(write("h4.tar", new TestTar().dir("d/", 0755).hardlink("h", "d").bytes()), CORRUPT, "target is not a file");
    }

    @Test
    void theRootItselfCannotBeReplaced() throws Exception {
        assertRejected(write("dot.tar", new TestTar().symlink("./", sentinel.toString()).file("keep", "pwned").bytes()),
                CORRUPT, "replaces the image root");
    }

    @Test
    void archiveBlobsCannotBeSymlinksToHostFiles() throws Exception {
        // The manifest's digest is that of a host file the attacker knows; its blob is a symlink
        // to it. Blob names resolve inside the staged archive, so the host file is never read.
        byte[] known = Files.readAllBytes(sentinel.resolve("keep"));
        TestImages.Oci o = new TestImages.Oci();
        o.index("[" + TestImages.descriptor(OciLayout.MANIFEST, known, null) + "]");
        byte[] tar = new TestTar().symlink("blobs/sha256/" + Sha256.hex(Sha256.of(known)), sentinel.resolve("keep").toString())
                .file("index.json", o.index).file("oci-layout", "{\"imageLayoutVersion\":\"1.0.0\"}").bytes();
        assertRejected(write("steal.tar", tar), NOT_FOUND, "blob is missing");
    }

    // --- OCI and docker metadata -----------------------------------------------------------

    @Test
    void missingLayerBlob() throws Exception {
        TestImages.Oci oci = ImageStoreFormatsTest.layeredOci();
        Path dir = oci.writeTo(work.resolve("nolayer.oci"));
        String layer = oci.blobs.keySet().stream().skip(1).findFirst().orElseThrow(); // blobs: config, layer 1, ...
        Files.delete(dir.resolve("blobs/sha256/" + Sha256.hex(layer)));
        ImageException e = assertRejected(dir, NOT_FOUND, "layer " + Sha256.brief(layer) + ": blob is missing");
        assertTrue(e.getMessage().startsWith("image nolayer.oci: layer sha256:"), e.getMessage());
    }

    @Test
    void layerDigestMismatch() throws Exception {
        TestImages.Oci oci = ImageStoreFormatsTest.layeredOci();
        Path dir = oci.writeTo(work.resolve("tampered.oci"));
        String layer = oci.blobs.keySet().stream().skip(3).findFirst().orElseThrow(); // the plain third layer
        byte[] evil = new TestTar().file("bin/sh", "#!EVIL".getBytes(), 0755).bytes();
        Files.write(dir.resolve("blobs/sha256/" + Sha256.hex(layer)), evil);
        ImageException e = assertRejected(dir, CORRUPT, "layer " + Sha256.brief(layer) + ": digest mismatch (got " + Sha256.brief(Sha256.of(evil)) + ")");
        assertTrue(e.getMessage().startsWith("image tampered.oci: layer sha256:"), e.getMessage());
    }

    @Test
    void layerSizeMismatchInAnArchive() throws Exception {
        TestImages.Oci oci = ImageStoreFormatsTest.layeredOci();
        String layer = oci.blobs.keySet().stream().skip(3).findFirst().orElseThrow();
        oci.blobs.put(layer, new TestTar().file("bin/sh", "#!EVIL-longer".getBytes(), 0755).bytes());
        assertRejected(write("tampered.tar", oci.tar()), CORRUPT, "layer " + Sha256.brief(layer) + ": ");
    }

    @Test
    void missingOrInvalidIndexAndManifest() throws Exception {
        TestImages.Oci oci = ImageStoreFormatsTest.layeredOci();
        Path noIndex = oci.writeTo(work.resolve("noindex"));
        Files.delete(noIndex.resolve("index.json"));
        assertRejected(noIndex, NOT_FOUND, "index.json is missing");

        Path badIndex = oci.writeTo(work.resolve("badindex"));
        Files.writeString(badIndex.resolve("index.json"), "{\"manifests\": [");
        assertRejected(badIndex, CORRUPT, "index.json: invalid JSON");

        Path notObject = oci.writeTo(work.resolve("arrayindex"));
        Files.writeString(notObject.resolve("index.json"), "[]");
        assertRejected(notObject, CORRUPT, "index.json is not a JSON object");

        TestImages.Oci broken = new TestImages.Oci();
        byte[] manifest = "{\"schemaVersion\":2,\"layers\":[]".getBytes(StandardCharsets.UTF_8);
        broken.blob(manifest);
        broken.index("[" + TestImages.descriptor(OciLayout.MANIFEST, manifest, null) + "]");
        assertRejected(broken.writeTo(work.resolve("badmanifest")), CORRUPT, "manifest " + Sha256.brief(Sha256.of(manifest)) + ": invalid JSON");

        TestImages.Oci missing = new TestImages.Oci();
        missing.index("[" + TestImages.descriptor(OciLayout.MANIFEST, "{}".getBytes(), null) + "]");
        assertRejected(missing.writeTo(work.resolve("nomanifest")), NOT_FOUND, "blob is missing");

        TestImages.Oci badDigest = new TestImages.Oci();
        badDigest.index("[{\"mediaType\":\"" + OciLayout.MANIFEST + "\",\"digest\":\"sha256:../../../etc/passwd\",\"size\":1}]");
        assertRejected(badDigest.writeTo(work.resolve("baddigest")), CORRUPT, "invalid digest");

        byte[] archive = oci.tar();
        byte[] noIndexArchive = new TestTar().file("oci-layout", "{\"imageLayoutVersion\":\"1.0.0\"}").bytes();
        assertRejected(write("noindex.tar", noIndexArchive), NOT_FOUND, "index.json is missing");
        assertTrue(archive.length > 0);
    }

    @Test
    void dockerLayerNotMatchingItsDiffId() throws Exception {
        byte[] good = ImageStoreFormatsTest.baseLayer();
        byte[] tar = TestImages.dockerArchive("amd64", List.of(good));
        // Swap the layer for another of the same length: the config's diff_id no longer matches.
        String s = new String(tar, StandardCharsets.ISO_8859_1).replace("#!shell", "#!EVIL!");
        byte[] swapped = s.getBytes(StandardCharsets.ISO_8859_1);
        assertRejected(write("swapped.tar", swapped), CORRUPT, "does not match the config's diff_id");
    }

    // --- architecture ------------------------------------------------------------------------

    @Test
    void configForAnotherArchitecture() throws Exception {
        TestImages.Oci oci = TestImages.Oci.single("freebsd", "arm64", List.<Object[]>of(new Object[]{TestImages.LAYER_TAR, new TestTar().file("a", "a").bytes()}));
        // Descriptor platform left out: the config is the only witness.
        TestImages.Oci noPlatform = new TestImages.Oci();
        noPlatform.blobs.putAll(oci.blobs);
        String manifest = oci.blobs.keySet().stream().reduce((a, b) -> b).orElseThrow();
        noPlatform.index("[" + TestImages.descriptor(OciLayout.MANIFEST, oci.blobs.get(manifest), null) + "]");
        ImageException e = assertRejected(noPlatform.writeTo(work.resolve("arm.oci")), WRONG_ARCHITECTURE, "architecture \"arm64\"");
        assertEquals("image arm.oci: image is for architecture \"arm64\", xrun runs amd64 images", e.getMessage());
        assertRejected(write("arm-docker.tar", TestImages.dockerArchive("arm64", List.of(new TestTar().file("a", "a").bytes()))),
                WRONG_ARCHITECTURE, "platforms: linux/arm64");
    }

    @Test
    void indexWithOnlyOtherArchitecturesNamesThem() throws Exception {
        TestImages.Oci o = new TestImages.Oci();
        byte[] arm = o.manifest(TestImages.config("freebsd", "arm64", List.of()), List.of());
        byte[] riscv = o.manifest(TestImages.config("linux", "riscv64", List.of()), List.of());
        o.index("[" + TestImages.descriptor(OciLayout.MANIFEST, arm, TestImages.platform("freebsd", "arm64")) + ","
                + TestImages.descriptor(OciLayout.MANIFEST, riscv, TestImages.platform("linux", "riscv64")) + "]");
        ImageException e = assertRejected(write("multi.tar.gz", TestTar.gzip(o.tar())), WRONG_ARCHITECTURE, "");
        assertEquals("image multi.tar.gz: no amd64 image in index.json (platforms: freebsd/arm64, linux/riscv64)", e.getMessage());
    }
}
