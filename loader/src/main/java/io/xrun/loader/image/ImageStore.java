package io.xrun.loader.image;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

import static io.xrun.loader.image.ImageException.Reason.CORRUPT;
import static io.xrun.loader.image.ImageException.Reason.IO;
import static io.xrun.loader.image.ImageException.Reason.NOT_FOUND;
import static io.xrun.loader.image.ImageException.Reason.UNSUPPORTED;

/**
 * Turns the IMAGE argument of `xrun IMAGE` into a prepared root filesystem and its
 * configuration. Detection is by content: the ELF magic; a directory with oci-layout and
 * index.json (OCI layout) or any other directory (a root used in place, never written); a tar,
 * plain or compressed, which is an OCI archive if it holds oci-layout and index.json, a
 * docker-archive if it holds docker's manifest.json, and a root filesystem otherwise.
 * Archives are extracted once into the cache; later runs find them by file identity or digest.
 */
public final class ImageStore {
    private static final byte[] ELF_MAGIC = {0x7f, 'E', 'L', 'F'};

    private final Path cacheDir;
    private final Consumer<String> warnings;
    /** null: decided from the owner of the first build directory (root may chown, others may not). */
    private final Boolean privileged;
    private ImageCache cache;

    public ImageStore(Path cacheDir, Consumer<String> warnings) {
        this(cacheDir, warnings, null);
    }

    /** For tests: force the unprivileged (or privileged) extraction rules. */
    ImageStore(Path cacheDir, Consumer<String> warnings, Boolean privileged) {
        this.cacheDir = cacheDir;
        this.warnings = warnings;
        this.privileged = privileged;
    }

    /** Prepares IMAGE (a path to a file or directory). */
    public PreparedImage prepare(Path image) throws ImageException {
        Path name = image.getFileName();
        String label = "image " + (name == null ? image.toString() : name.toString());
        try {
            return detect(image, label);
        } catch (ImageException e) {
            throw new ImageException(e.reason(), label + ": " + e.getMessage());
        } catch (CorruptInputException e) {
            throw new ImageException(CORRUPT, label + ": " + e.getMessage());
        } catch (UnsupportedInputException e) {
            throw new ImageException(UNSUPPORTED, label + ": " + e.getMessage());
        } catch (IOException e) {
            throw new ImageException(IO, label + ": " + IoMessages.describe(e));
        }
    }

    private PreparedImage detect(Path image, String label) throws IOException, ImageException {
        if (!Files.exists(image)) {
            throw new ImageException(NOT_FOUND, "no such file or directory");
        }
        Path real = image.toRealPath();
        if (Files.isDirectory(real)) {
            if (OciLayout.isLayout(real)) {
                return prepareLayout(real, label);
            }
            return new PreparedImage(PreparedImage.Kind.ROOTFS_DIR, real, null, ImageConfig.empty(), "dir:" + real, false);
        }
        if (!Files.isRegularFile(real)) {
            throw new ImageException(UNSUPPORTED, "not a regular file or directory");
        }
        byte[] head;
        try (InputStream in = Files.newInputStream(real)) {
            head = in.readNBytes(512);
        }
        if (startsWith(head, ELF_MAGIC)) {
            return new PreparedImage(PreparedImage.Kind.ELF, null, real, ImageConfig.empty(), "elf:" + real, false);
        }
        if (Compression.sniff(head, head.length) == Compression.NONE && !TarReader.looksLikeHeader(head)) {
            throw new ImageException(UNSUPPORTED, "not an ELF file, a directory or a tar archive");
        }
        return prepareArchive(real, label);
    }

    private PreparedImage prepareLayout(Path dir, String label) throws IOException, ImageException {
        ImagePlan plan = new OciLayout(dir).plan();
        ImageCache c = cache();
        ImageCache.Entry hit = c.lookup(plan.id());
        if (hit != null) {
            return prepared(PreparedImage.Kind.OCI_LAYOUT, hit, plan.id(), true);
        }
        try (CacheLock l = c.lock(plan.id())) {
            hit = c.lookup(plan.id()); // another run may have built it while we waited
            if (hit != null) {
                return prepared(PreparedImage.Kind.OCI_LAYOUT, hit, plan.id(), true);
            }
            c.removeStaleBuilds();
            Path build = c.newBuildDir();
            try {
                return prepared(PreparedImage.Kind.OCI_LAYOUT, buildEntry(c, build, plan, label), plan.id(), false);
            } finally {
                FileTrees.delete(build);
            }
        }
    }

    /**
     * A tar, in one pass: extracted (with every hostile-input check) into a staging directory
     * while the file is hashed; the staged tree is then either the root itself or, for OCI and
     * docker archives, the layout whose layers build the root.
     */
    private PreparedImage prepareArchive(Path file, String label) throws IOException, ImageException {
        ImageCache c = cache();
        FileMemo.Identity identity = FileMemo.Identity.of(file);
        PreparedImage warm = fromMemo(c, identity);
        if (warm != null) {
            return warm;
        }
        try (CacheLock l = c.lock("file-" + identity.dev() + "-" + identity.ino())) {
            warm = fromMemo(c, identity);
            if (warm != null) {
                return warm;
            }
            c.removeStaleBuilds();
            Path build = c.newBuildDir();
            try {
                Path stage = Files.createDirectory(build.resolve("stage"));
                boolean priv = isPrivileged(build);
                RootBuilder builder = new RootBuilder(priv, warnings, label);
                String fileDigest = builder.apply(new LayerApplier(stage, priv), new ImagePlan.Layer(null, file.getParent(), file.getFileName().toString(), null, -1, null));
                PreparedImage.Kind kind;
                ImagePlan plan;
                if (OciLayout.isLayout(stage)) {
                    kind = PreparedImage.Kind.OCI_ARCHIVE;
                    plan = new OciLayout(stage).plan();
                } else if (DockerArchive.isDockerArchive(stage)) {
                    kind = PreparedImage.Kind.DOCKER_ARCHIVE;
                    plan = new DockerArchive(stage).plan();
                } else {
                    kind = PreparedImage.Kind.ROOTFS_TAR;
                    plan = new ImagePlan(fileDigest, ImageConfig.empty(), List.of());
                }
                ImageCache.Entry entry = c.lookup(plan.id());
                boolean cached = entry != null;
                if (!cached) {
                    if (kind == PreparedImage.Kind.ROOTFS_TAR) {
                        Path dir = Files.createDirectory(build.resolve("entry"));
                        Files.move(stage, dir.resolve("rootfs"));
                        ConfigJson.write(dir.resolve("config.json"), plan.config());
                        entry = c.publish(dir, plan.id());
                    } else {
                        entry = buildEntry(c, build, plan, label);
                    }
                }
                c.memo().remember(identity, kind, plan.id());
                return prepared(kind, entry, plan.id(), cached);
            } finally {
                FileTrees.delete(build);
            }
        }
    }

    /** Builds build/entry/{rootfs,config.json} from the plan's layers and publishes it. */
    private ImageCache.Entry buildEntry(ImageCache c, Path build, ImagePlan plan, String label) throws IOException, ImageException {
        Path dir = Files.createDirectory(build.resolve("entry"));
        Path root = Files.createDirectory(dir.resolve("rootfs"));
        new RootBuilder(isPrivileged(build), warnings, label).build(root, plan);
        ConfigJson.write(dir.resolve("config.json"), plan.config());
        return c.publish(dir, plan.id());
    }

    private PreparedImage fromMemo(ImageCache c, FileMemo.Identity identity) throws IOException {
        FileMemo.Hit hit = c.memo().find(identity);
        if (hit == null) {
            return null;
        }
        ImageCache.Entry e = c.lookup(hit.id());
        return e == null ? null : prepared(hit.kind(), e, hit.id(), true);
    }

    private static PreparedImage prepared(PreparedImage.Kind kind, ImageCache.Entry e, String id, boolean cached) {
        return new PreparedImage(kind, e.rootfs(), null, e.config(), id, cached);
    }

    private synchronized ImageCache cache() throws IOException {
        if (cache == null) {
            cache = new ImageCache(cacheDir);
        }
        return cache;
    }

    /** Only root can chown and keep setuid bits; a directory we just made is owned by our euid. */
    private boolean isPrivileged(Path ownDir) throws IOException {
        if (privileged != null) {
            return privileged;
        }
        return ((Integer) Files.getAttribute(ownDir, "unix:uid")) == 0;
    }

    private static boolean startsWith(byte[] b, byte[] prefix) {
        if (b.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (b[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
