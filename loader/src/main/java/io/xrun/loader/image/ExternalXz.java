package io.xrun.loader.image;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * xz decoding by the host's xz(1) when it is installed: liblzma decodes about twice as fast as
 * the pure-Java decoder, and a FreeBSD base.txz is ~200 MB of xz. The compressed bytes are
 * still read by xrun (they are being digested) and piped to {@code xz -dc}; a damaged stream
 * makes xz fail, which becomes the same one-line "corrupt xz stream" error.
 */
final class ExternalXz extends InputStream {
    private final Process process;
    private final InputStream out;
    private final Thread feeder;
    private volatile IOException feedError;

    private ExternalXz(Process process, InputStream compressed) {
        this.process = process;
        this.out = process.getInputStream();
        this.feeder = new Thread(() -> {
            try (OutputStream in = process.getOutputStream()) {
                compressed.transferTo(in);
            } catch (IOException e) {
                // xz stopped reading (it failed, or we closed early): its status tells which
                feedError = e;
            }
        }, "xrun-xz-feeder");
        feeder.setDaemon(true);
        feeder.start();
    }

    /** The host's xz, or null when there is none (then the Java decoder is used). */
    static Path find() {
        String path = System.getenv("PATH");
        for (String dir : (path == null ? "/usr/bin:/bin" : path).split(":")) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, "xz");
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    static InputStream open(Path xz, InputStream compressed) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(xz.toString(), "-dc", "-T0");
        pb.redirectError(ProcessBuilder.Redirect.PIPE);
        return new ExternalXz(pb.start(), compressed);
    }

    @Override
    public int read() throws IOException {
        byte[] b = new byte[1];
        return read(b, 0, 1) < 0 ? -1 : b[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = out.read(b, off, len);
        if (n < 0) {
            finish();
        }
        return n;
    }

    /** At the end of xz's output: a clean end only if xz says so. */
    private void finish() throws IOException {
        try {
            int status = process.waitFor();
            feeder.join();
            if (status != 0) {
                String why = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).strip();
                int colon = why.lastIndexOf(": ");
                throw new CorruptInputException("corrupt xz stream: "
                        + (why.isEmpty() ? "xz exited " + status : colon >= 0 ? why.substring(colon + 2) : why));
            }
            if (feedError != null) {
                throw feedError;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while decoding xz");
        }
    }

    @Override
    public void close() throws IOException {
        process.destroy();
        out.close();
    }
}
