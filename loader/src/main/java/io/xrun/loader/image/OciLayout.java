package io.xrun.loader.image;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.xrun.loader.image.ImageException.Reason.CORRUPT;
import static io.xrun.loader.image.ImageException.Reason.UNSUPPORTED;
import static io.xrun.loader.image.ImageException.Reason.WRONG_ARCHITECTURE;

/**
 * An OCI image layout directory (opencontainers/image-spec image-layout.md: an "oci-layout"
 * file, "index.json", blobs under blobs/sha256/), as skopeo and `podman save --format oci-dir`
 * write it, and as found inside an OCI archive. Walks index → (nested indexes) → manifest →
 * config and layers, verifying every blob it reads against its descriptor.
 */
final class OciLayout {
    // opencontainers/image-spec media-types.md
    static final String INDEX = "application/vnd.oci.image.index.v1+json";
    static final String MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    static final String DOCKER_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";
    static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
    /** Layer types, media-types.md and layer.md; Docker's from its image manifest v2 schema 2. */
    static final Set<String> LAYER_TYPES = Set.of(
            "application/vnd.oci.image.layer.v1.tar",
            "application/vnd.oci.image.layer.v1.tar+gzip",
            "application/vnd.oci.image.layer.v1.tar+zstd",
            "application/vnd.oci.image.layer.nondistributable.v1.tar",
            "application/vnd.oci.image.layer.nondistributable.v1.tar+gzip",
            "application/vnd.oci.image.layer.nondistributable.v1.tar+zstd",
            "application/vnd.docker.image.rootfs.diff.tar",
            "application/vnd.docker.image.rootfs.diff.tar.gzip");
    /** Nested indexes deeper than this are a loop or an attack. */
    private static final int MAX_NESTING = 8;

    private record Descriptor(String mediaType, String digest, long size, String os, String architecture) {
        boolean isIndex() {
            return INDEX.equals(mediaType) || DOCKER_LIST.equals(mediaType);
        }

        boolean hasPlatform() {
            return architecture != null;
        }

        /** Preference among candidates: FreeBSD first (xrun's purpose), then Linux, then no platform. */
        int rank() {
            return !hasPlatform() ? 2 : "freebsd".equals(os) ? 0 : 1;
        }
    }

    private final Path dir;
    /** "os/arch" of every platform met that xrun cannot run, for the error message. */
    private final Set<String> foreign = new LinkedHashSet<>();

    /** dir: the layout directory, as a real path. */
    OciLayout(Path dir) {
        this.dir = dir;
    }

    /**
     * image-layout.md: "oci-layout" and "index.json" are both REQUIRED. The oci-layout file alone
     * marks a layout (no root filesystem has one at its top), so that a layout whose index.json
     * is missing is reported as such instead of being run as a plain directory.
     */
    static boolean isLayout(Path dir) throws IOException {
        return BlobFiles.isFile(dir, "oci-layout");
    }

    ImagePlan plan() throws IOException, ImageException {
        Path layoutFile = BlobFiles.locate(dir, "oci-layout", "oci-layout");
        Map<String, Object> layout = Json.object(BlobFiles.json(BlobFiles.readVerified(layoutFile, null, -1, "oci-layout"), "oci-layout"), "oci-layout");
        String version = Json.requiredString(layout, "imageLayoutVersion", "oci-layout");
        if (!version.startsWith("1.")) {
            throw new ImageException(UNSUPPORTED, "oci-layout: unsupported imageLayoutVersion " + ImageException.quote(version));
        }
        Path indexFile = BlobFiles.locate(dir, "index.json", "index.json");
        Object index = BlobFiles.json(BlobFiles.readVerified(indexFile, null, -1, "index.json"), "index.json");
        Descriptor m = select(index, "index.json", 0);
        if (m == null) {
            if (!foreign.isEmpty()) {
                throw new ImageException(WRONG_ARCHITECTURE, "no amd64 image in index.json (platforms: " + String.join(", ", foreign) + ")");
            }
            throw new ImageException(CORRUPT, "index.json lists no image manifest");
        }
        return manifest(m);
    }

    /** The preferred runnable manifest below an index document, or null. */
    private Descriptor select(Object indexDoc, String what, int depth) throws IOException, ImageException {
        if (depth > MAX_NESTING) {
            throw new ImageException(CORRUPT, what + ": image indexes nested too deeply");
        }
        Map<String, Object> idx = Json.object(indexDoc, what);
        List<Descriptor> candidates = new ArrayList<>();
        for (Object o : Json.array(idx.get("manifests") == null ? List.of() : idx.get("manifests"), what + ".manifests")) {
            Descriptor d = descriptor(o, what + ".manifests[]");
            if (!d.hasPlatform() || (ConfigJson.isAmd64(d.architecture()) && ConfigJson.isSupportedOs(d.os()))) {
                candidates.add(d);
            } else if (!"unknown".equals(d.architecture())) {
                // "unknown/unknown" marks BuildKit attestations, not a platform.
                foreign.add(d.os() + "/" + d.architecture());
            }
        }
        candidates.sort(Comparator.comparingInt(Descriptor::rank));
        for (Descriptor d : candidates) {
            if (!d.isIndex()) {
                return d;
            }
            String label = "index " + Sha256.brief(d.digest());
            Descriptor inner = select(readJson(d, label), label, depth + 1);
            if (inner != null) {
                return inner;
            }
        }
        return null;
    }

    private ImagePlan manifest(Descriptor m) throws IOException, ImageException {
        String what = "manifest " + Sha256.brief(m.digest());
        if (m.mediaType() != null && !MANIFEST.equals(m.mediaType()) && !DOCKER_MANIFEST.equals(m.mediaType())) {
            throw new ImageException(UNSUPPORTED, what + ": unsupported media type " + ImageException.quote(m.mediaType()));
        }
        Map<String, Object> doc = Json.object(readJson(m, what), what);
        Descriptor config = descriptor(doc.get("config"), what + ".config");
        Object configDoc = readJson(config, "config " + Sha256.brief(config.digest()));
        ImageConfig c = ConfigJson.parse(configDoc, "config " + Sha256.brief(config.digest()));
        ConfigJson.requireRunnable(c);
        if (doc.get("layers") == null) {
            throw new ImageException(CORRUPT, what + " has no \"layers\"");
        }
        List<ImagePlan.Layer> layers = new ArrayList<>();
        for (Object o : Json.array(doc.get("layers"), what + ".layers")) {
            Descriptor l = descriptor(o, what + ".layers[]");
            String label = "layer " + Sha256.brief(l.digest());
            if (!LAYER_TYPES.contains(l.mediaType())) {
                throw new ImageException(UNSUPPORTED, label + ": unsupported media type " + ImageException.quote(String.valueOf(l.mediaType())));
            }
            layers.add(new ImagePlan.Layer(label, dir, BlobFiles.blobPath(l.digest()), l.digest(), l.size(), null));
        }
        return new ImagePlan(m.digest(), c, layers);
    }

    private Object readJson(Descriptor d, String what) throws IOException, ImageException {
        Path file = BlobFiles.locate(dir, BlobFiles.blobPath(d.digest()), what + " blob");
        return BlobFiles.json(BlobFiles.readVerified(file, d.digest(), d.size(), what), what);
    }

    /** descriptor.md: mediaType, digest and size are REQUIRED; platform is optional. */
    private static Descriptor descriptor(Object o, String what) throws CorruptInputException, ImageException {
        Map<String, Object> d = Json.object(o, what);
        String digest = Json.requiredString(d, "digest", what);
        if (!Sha256.isValid(digest)) {
            throw new ImageException(digest.startsWith(Sha256.PREFIX) ? CORRUPT : UNSUPPORTED,
                    what + ": unsupported or invalid digest " + ImageException.quote(digest));
        }
        long size = Json.size(d, "size", what);
        String os = null;
        String arch = null;
        Object p = d.get("platform");
        if (p != null) {
            Map<String, Object> platform = Json.object(p, what + ".platform");
            os = Json.string(platform, "os", what + ".platform");
            arch = Json.string(platform, "architecture", what + ".platform");
        }
        return new Descriptor(Json.string(d, "mediaType", what), digest, size, os, arch);
    }
}
