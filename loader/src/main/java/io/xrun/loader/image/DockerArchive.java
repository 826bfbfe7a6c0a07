package io.xrun.loader.image;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.xrun.loader.image.ImageException.Reason.CORRUPT;
import static io.xrun.loader.image.ImageException.Reason.WRONG_ARCHITECTURE;

/**
 * The contents of a `docker save` tarball (moby image/spec "Combined Image JSON + Filesystem
 * Changeset Format"; moby image/tarexport): manifest.json is an array of {Config, RepoTags,
 * Layers}, Config naming the image JSON (whose sha256 is the image ID) and Layers the layer tars
 * in order. Layers are not content-addressed by name in the old form, so each is verified
 * against the config's rootfs.diff_ids.
 */
final class DockerArchive {
    /** "HEX.json" (docker before 25) or "blobs/sha256/HEX" (docker 25 and later). */
    private static final Pattern HEX_NAME = Pattern.compile("(?:^|/)([a-f0-9]{64})(?:\\.json)?$");

    private final Path dir;

    DockerArchive(Path dir) {
        this.dir = dir;
    }

    /** A manifest.json in docker's form (an array of objects with Config and Layers). */
    static boolean isDockerArchive(Path dir) throws IOException {
        if (!BlobFiles.isFile(dir, "manifest.json")) {
            return false;
        }
        try {
            Object doc = JsonReader.parse(new String(BlobFiles.readVerified(
                    RootPath.resolve(dir, "manifest.json", true), null, -1, "manifest.json"), java.nio.charset.StandardCharsets.UTF_8));
            List<Object> entries = Json.array(doc, "manifest.json");
            for (Object e : entries) {
                Map<String, Object> m = Json.object(e, "manifest.json[]");
                if (!(m.get("Config") instanceof String) || !(m.get("Layers") instanceof List)) {
                    return false;
                }
            }
            return !entries.isEmpty();
        } catch (CorruptInputException | ImageException e) {
            return false;
        }
    }

    /** The first amd64 image of the archive. */
    ImagePlan plan() throws IOException, ImageException {
        Path manifestFile = BlobFiles.locate(dir, "manifest.json", "manifest.json");
        List<Object> entries = Json.array(BlobFiles.json(BlobFiles.readVerified(manifestFile, null, -1, "manifest.json"), "manifest.json"), "manifest.json");
        Set<String> foreign = new LinkedHashSet<>();
        for (Object o : entries) {
            Map<String, Object> entry = Json.object(o, "manifest.json[]");
            String configName = Json.requiredString(entry, "Config", "manifest.json[]");
            Path configFile = BlobFiles.locate(dir, configName, "config " + ImageException.quote(configName));
            byte[] data = BlobFiles.readVerified(configFile, named(configName), -1, "config " + ImageException.quote(configName));
            Object doc = BlobFiles.json(data, "config " + ImageException.quote(configName));
            ImageConfig config = ConfigJson.parse(doc, "config");
            if (!ConfigJson.isAmd64(config.architecture()) && config.architecture() != null) {
                foreign.add(config.os() + "/" + config.architecture());
                continue;
            }
            ConfigJson.requireRunnable(config);
            List<String> layerNames = Json.strings(entry, "Layers", "manifest.json[]");
            List<String> diffIds = ConfigJson.diffIds(doc, "config");
            if (diffIds.size() != layerNames.size()) {
                throw new ImageException(CORRUPT, "manifest.json lists " + layerNames.size() + " layers but the config has "
                        + diffIds.size() + " diff_ids");
            }
            List<ImagePlan.Layer> layers = new ArrayList<>();
            for (int i = 0; i < layerNames.size(); i++) {
                String name = layerNames.get(i);
                String label = "layer " + ImageException.quote(name);
                if (!Sha256.isValid(diffIds.get(i))) {
                    throw new ImageException(CORRUPT, label + ": invalid diff_id " + ImageException.quote(diffIds.get(i)));
                }
                layers.add(new ImagePlan.Layer(label, dir, name, named(name), -1, diffIds.get(i)));
            }
            return new ImagePlan(Sha256.of(data), config, layers);
        }
        if (!foreign.isEmpty()) {
            throw new ImageException(WRONG_ARCHITECTURE, "no amd64 image in manifest.json (platforms: " + String.join(", ", foreign) + ")");
        }
        throw new ImageException(CORRUPT, "manifest.json lists no image");
    }

    /** The digest a content-addressed file name promises, or null. */
    private static String named(String name) {
        Matcher m = HEX_NAME.matcher(name);
        return m.find() ? Sha256.PREFIX + m.group(1) : null;
    }
}
