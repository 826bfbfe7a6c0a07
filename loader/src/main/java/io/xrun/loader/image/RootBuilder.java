package io.xrun.loader.image;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

import static io.xrun.loader.image.ImageException.Reason.CORRUPT;

/**
 * Builds a root from layers, lowest first, each streamed once: the file is digested as it is
 * read, decompressed, extracted, and only then compared with its descriptor. A mismatch fails
 * the image; the half-built root is in a temporary directory the caller throws away.
 */
final class RootBuilder {
    private final boolean privileged;
    private final Consumer<String> warnings;
    private final String imageLabel;

    /** imageLabel: "image NAME", prefixed to warning lines. */
    RootBuilder(boolean privileged, Consumer<String> warnings, String imageLabel) {
        this.privileged = privileged;
        this.warnings = warnings;
        this.imageLabel = imageLabel;
    }

    void build(Path root, ImagePlan plan) throws IOException, ImageException {
        LayerApplier applier = new LayerApplier(root, privileged);
        for (ImagePlan.Layer layer : plan.layers()) {
            apply(applier, layer);
        }
    }

    /**
     * Extracts one tar (plain or compressed) onto root, returning the digest of the file as
     * stored, and checks it (and the uncompressed digest) against what the layer promises.
     */
    String apply(LayerApplier applier, ImagePlan.Layer layer) throws IOException, ImageException {
        String context = layer.label() == null ? "" : layer.label() + ": ";
        try (InputStream file = Files.newInputStream(BlobFiles.locate(layer.dir(), layer.path(), "blob"))) {
            Sha256.DigestingStream raw = new Sha256.DigestingStream(file);
            InputStream decompressed = Compression.decompress(raw);
            // Hashing the uncompressed stream costs as much again: only when a diff_id is the check.
            Sha256.DigestingStream plain = layer.diffId() == null ? null : new Sha256.DigestingStream(decompressed);
            InputStream tar = plain == null ? decompressed : plain;
            LayerApplier.Skipped skipped = applier.apply(tar);
            // Read to the end: the digests must cover tar padding and the compression trailer
            // (which is where gzip and xz check their CRCs).
            drain(tar);
            raw.drain();
            if (layer.blobSize() >= 0 && raw.count() != layer.blobSize()) {
                throw new ImageException(CORRUPT, "size mismatch (descriptor says " + layer.blobSize()
                        + ", blob has " + raw.count() + " bytes)");
            }
            String got = raw.digest();
            if (layer.blobDigest() != null && !got.equals(layer.blobDigest())) {
                throw new ImageException(CORRUPT, "digest mismatch (got " + Sha256.brief(got) + ")");
            }
            if (plain != null) {
                String p = plain.digest();
                if (!p.equals(layer.diffId())) {
                    throw new ImageException(CORRUPT, "uncompressed digest does not match the config's diff_id (got "
                            + Sha256.brief(p) + ")");
                }
            }
            String what = skipped.describe();
            if (what != null) {
                warnings.accept(imageLabel + ": " + context + "skipped " + what + " (the container runtime provides /dev)");
            }
            return got;
        } catch (ImageException e) {
            throw context.isEmpty() ? e : new ImageException(e.reason(), context + e.getMessage());
        } catch (CorruptInputException e) {
            throw context.isEmpty() ? e : new CorruptInputException(context + e.getMessage());
        } catch (UnsupportedInputException e) {
            throw context.isEmpty() ? e : new UnsupportedInputException(context + e.getMessage());
        }
    }

    private static void drain(InputStream in) throws IOException {
        byte[] buf = new byte[1 << 16];
        while (in.read(buf) >= 0) {
            // discard
        }
    }
}
