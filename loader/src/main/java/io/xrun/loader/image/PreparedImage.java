package io.xrun.loader.image;

import java.nio.file.Path;

/**
 * What {@link ImageStore#prepare} made of an IMAGE argument.
 *
 * @param kind   the detected format
 * @param rootfs the root filesystem to run in (inside the cache, or the directory itself for
 *               ROOTFS_DIR); null for ELF
 * @param elf    the program for ELF kind, else null
 * @param config the image configuration; {@link ImageConfig#empty()} when the format has none
 * @param id     "sha256:..." (OCI: manifest digest; docker-archive: config digest; rootfs tarball:
 *               digest of the file) or "dir:"/"elf:" plus the real path
 * @param cached true when the root came from the cache without building it in this call
 */
public record PreparedImage(Kind kind, Path rootfs, Path elf, ImageConfig config, String id, boolean cached) {
    public enum Kind { ELF, ROOTFS_DIR, ROOTFS_TAR, OCI_LAYOUT, OCI_ARCHIVE, DOCKER_ARCHIVE }
}
