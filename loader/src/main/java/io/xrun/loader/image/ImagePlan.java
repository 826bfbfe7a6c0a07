package io.xrun.loader.image;

import java.nio.file.Path;
import java.util.List;

/**
 * What a layout or archive describes, before any layer is extracted: the cache key, the
 * configuration and the layers, lowest first.
 */
record ImagePlan(String id, ImageConfig config, List<Layer> layers) {
    /**
     * @param label      "layer sha256:ab12…" for messages (null for a rootfs tarball)
     * @param dir        the directory the layer's path is resolved in, chroot-style
     * @param path       the layer file, relative to dir; only looked up when the layer is
     *                   applied, so a warm run does not need the layer blobs
     * @param blobDigest the digest of the file as stored (null: not content-addressed)
     * @param blobSize   the descriptor's size, or -1
     * @param diffId     the digest of the uncompressed tar (config rootfs.diff_ids), or null
     */
    record Layer(String label, Path dir, String path, String blobDigest, long blobSize, String diffId) {
    }
}
