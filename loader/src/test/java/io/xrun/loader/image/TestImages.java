package io.xrun.loader.image;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds OCI image layouts (opencontainers/image-spec image-layout.md), OCI archives (the
 * layout inside a tar) and docker-archives (moby image/spec v1.2 "Combined Image JSON +
 * Filesystem Changeset Format") with real sha256 digests, for the tests.
 */
final class TestImages {
    static final String LAYER_TAR = "application/vnd.oci.image.layer.v1.tar";
    static final String LAYER_GZIP = "application/vnd.oci.image.layer.v1.tar+gzip";
    static final String LAYER_ZSTD = "application/vnd.oci.image.layer.v1.tar+zstd";

    private TestImages() {
    }

    /** An image configuration (config.md) with the given architecture and some run settings. */
    static String config(String os, String arch, List<String> diffIds) {
        return "{\"architecture\":\"" + arch + "\",\"os\":\"" + os + "\",\"config\":{\"Entrypoint\":[\"/bin/sh\",\"-c\"],"
                + "\"Cmd\":[\"echo hi\"],\"Env\":[\"PATH=/bin:/usr/bin\",\"A=b c\"],\"WorkingDir\":\"/root\",\"User\":\"0:0\"},"
                + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[" + quoted(diffIds) + "]}}";
    }

    static String quoted(List<String> l) {
        List<String> q = new ArrayList<>();
        for (String s : l) {
            q.add("\"" + s + "\"");
        }
        return String.join(",", q);
    }

    static String descriptor(String mediaType, byte[] blob, String platformJson) {
        return "{\"mediaType\":\"" + mediaType + "\",\"digest\":\"" + Sha256.of(blob) + "\",\"size\":" + blob.length
                + (platformJson == null ? "" : ",\"platform\":" + platformJson) + "}";
    }

    static String platform(String os, String arch) {
        return "{\"os\":\"" + os + "\",\"architecture\":\"" + arch + "\"}";
    }

    /** An OCI layout being assembled: blobs by digest, then index.json. */
    static final class Oci {
        final Map<String, byte[]> blobs = new LinkedHashMap<>();
        String index;

        String blob(byte[] data) {
            String d = Sha256.of(data);
            blobs.put(d, data);
            return d;
        }

        /** A manifest over the layers (each [mediaType, bytes]); returns the manifest bytes. */
        byte[] manifest(String configJson, List<Object[]> layers) {
            byte[] config = configJson.getBytes(StandardCharsets.UTF_8);
            blob(config);
            List<String> ls = new ArrayList<>();
            for (Object[] l : layers) {
                blob((byte[]) l[1]);
                ls.add(descriptor((String) l[0], (byte[]) l[1], null));
            }
            byte[] m = ("{\"schemaVersion\":2,\"mediaType\":\"" + OciLayout.MANIFEST + "\",\"config\":"
                    + descriptor("application/vnd.oci.image.config.v1+json", config, null)
                    + ",\"layers\":[" + String.join(",", ls) + "]}").getBytes(StandardCharsets.UTF_8);
            blob(m);
            return m;
        }

        /** A single-image layout for os/arch. */
        static Oci single(String os, String arch, List<Object[]> layers) {
            Oci o = new Oci();
            List<String> diffIds = new ArrayList<>();
            byte[] m = o.manifest(config(os, arch, diffIds), layers);
            o.index("[" + descriptor(OciLayout.MANIFEST, m, platform(os, arch)) + "]");
            return o;
        }

        Oci index(String manifestsJson) {
            index = "{\"schemaVersion\":2,\"mediaType\":\"" + OciLayout.INDEX + "\",\"manifests\":" + manifestsJson + "}";
            return this;
        }

        Path writeTo(Path dir) throws IOException {
            Files.createDirectories(dir.resolve("blobs/sha256"));
            Files.writeString(dir.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
            Files.writeString(dir.resolve("index.json"), index);
            for (Map.Entry<String, byte[]> b : blobs.entrySet()) {
                Files.write(dir.resolve("blobs/sha256/" + Sha256.hex(b.getKey())), b.getValue());
            }
            return dir;
        }

        /** The layout as an archive (oci-archive), blobs first as skopeo writes it. */
        byte[] tar() {
            TestTar t = new TestTar().dir("blobs/", 0755).dir("blobs/sha256/", 0755);
            for (Map.Entry<String, byte[]> b : blobs.entrySet()) {
                t.file("blobs/sha256/" + Sha256.hex(b.getKey()), b.getValue(), 0644);
            }
            t.file("index.json", index).file("oci-layout", "{\"imageLayoutVersion\":\"1.0.0\"}");
            return t.bytes();
        }
    }

    /** A `docker save` tarball (legacy form: HEX.json config, ID/layer.tar layers). */
    static byte[] dockerArchive(String arch, List<byte[]> layerTars) {
        List<String> diffIds = new ArrayList<>();
        for (byte[] l : layerTars) {
            diffIds.add(Sha256.of(l));
        }
        byte[] config = config("linux", arch, diffIds).getBytes(StandardCharsets.UTF_8);
        String configName = Sha256.hex(Sha256.of(config)) + ".json";
        TestTar t = new TestTar();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < layerTars.size(); i++) {
            String id = String.format("%064x", i + 1);
            t.dir(id + "/", 0755).file(id + "/layer.tar", layerTars.get(i), 0644).file(id + "/VERSION", "1.0");
            names.add(id + "/layer.tar");
        }
        t.file(configName, config, 0644);
        t.file("manifest.json", "[{\"Config\":\"" + configName + "\",\"RepoTags\":[\"test:latest\"],\"Layers\":["
                + quoted(names) + "]}]");
        return t.bytes();
    }
}
