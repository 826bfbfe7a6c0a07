package io.xrun.loader.image;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.xrun.loader.image.ImageException.Reason.UNSUPPORTED;
import static io.xrun.loader.image.ImageException.Reason.WRONG_ARCHITECTURE;

/**
 * {@link ImageConfig} from and to JSON: parsed from an image configuration
 * (opencontainers/image-spec config.md; Docker's image JSON has the same field names), and
 * stored next to a cached root as config.json so warm runs never reopen the archive.
 */
final class ConfigJson {
    /** config.md "architecture" uses Go's GOARCH values; x86_64 is seen in hand-made images. */
    private static final List<String> AMD64 = List.of("amd64", "x86_64");
    /** xrun runs FreeBSD programs, and Linux images' static programs run natively. */
    private static final List<String> OSES = List.of("freebsd", "linux");

    private ConfigJson() {
    }

    static boolean isAmd64(String architecture) {
        return architecture != null && AMD64.contains(architecture);
    }

    static boolean isSupportedOs(String os) {
        return os != null && OSES.contains(os);
    }

    /** Parses an image configuration document; what names it in messages. */
    static ImageConfig parse(Object doc, String what) throws CorruptInputException {
        Map<String, Object> top = Json.object(doc, what);
        Object inner = top.get("config");
        Map<String, Object> c = inner == null ? Map.of() : Json.object(inner, what + ".config");
        String w = what + ".config";
        return new ImageConfig(Json.string(top, "os", what), Json.string(top, "architecture", what),
                Json.strings(c, "Entrypoint", w), Json.strings(c, "Cmd", w), Json.strings(c, "Env", w),
                Json.string(c, "WorkingDir", w), Json.string(c, "User", w));
    }

    /** config.md rootfs.diff_ids: the digests of the uncompressed layers, in order. */
    static List<String> diffIds(Object doc, String what) throws CorruptInputException {
        Map<String, Object> top = Json.object(doc, what);
        Object rootfs = top.get("rootfs");
        if (rootfs == null) {
            return new ArrayList<>();
        }
        return Json.strings(Json.object(rootfs, what + ".rootfs"), "diff_ids", what + ".rootfs");
    }

    /** An image xrun cannot run: another architecture, or an OS that is not FreeBSD or Linux. */
    static void requireRunnable(ImageConfig c) throws ImageException {
        if (c.architecture() != null && !isAmd64(c.architecture())) {
            throw new ImageException(WRONG_ARCHITECTURE, "image is for architecture " + ImageException.quote(c.architecture())
                    + ", xrun runs amd64 images");
        }
        if (c.os() != null && !isSupportedOs(c.os())) {
            throw new ImageException(UNSUPPORTED, "image is for OS " + ImageException.quote(c.os()) + ", xrun runs freebsd or linux images");
        }
    }

    static void write(Path file, ImageConfig c) throws IOException {
        StringBuilder b = new StringBuilder("{\"os\":");
        Json.quote(b, c.os()).append(",\"architecture\":");
        Json.quote(b, c.architecture()).append(",\"config\":{\"Entrypoint\":");
        Json.quote(b, c.entrypoint()).append(",\"Cmd\":");
        Json.quote(b, c.cmd()).append(",\"Env\":");
        Json.quote(b, c.env()).append(",\"WorkingDir\":");
        Json.quote(b, c.workingDir()).append(",\"User\":");
        Json.quote(b, c.user()).append("}}\n");
        Files.writeString(file, b, StandardCharsets.UTF_8);
    }

    static ImageConfig read(Path file) throws IOException {
        return parse(JsonReader.parse(Files.readString(file, StandardCharsets.UTF_8)), file.getFileName().toString());
    }
}
