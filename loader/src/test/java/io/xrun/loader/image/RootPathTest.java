package io.xrun.loader.image;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Chroot-style lookup: what a process chrooted at root would reach, and never anything outside it. */
class RootPathTest {
    @TempDir
    Path tmp;

    private Path root() throws IOException {
        Path root = Files.createDirectories(tmp.resolve("root")).toRealPath();
        Files.createDirectories(root.resolve("usr/lib"));
        Files.createDirectories(root.resolve("etc"));
        return root;
    }

    @Test
    void absoluteSymlinksAreRelativeToTheRoot() throws IOException {
        Path root = root();
        Files.createSymbolicLink(root.resolve("lib"), Path.of("/usr/lib"));
        Files.createSymbolicLink(root.resolve("evil"), Path.of("/etc"));
        assertEquals(root.resolve("usr/lib/libc.so"), RootPath.resolve(root, "/lib/libc.so", true));
        assertEquals(root.resolve("etc/passwd"), RootPath.resolve(root, "evil/passwd", true));
        assertEquals(root.resolve("usr/lib"), RootPath.resolve(root, "lib", true));
        assertEquals(root.resolve("lib"), RootPath.resolve(root, "lib", false));
    }

    @Test
    void dotDotStopsAtTheRoot() throws IOException {
        Path root = root();
        Files.createSymbolicLink(root.resolve("up"), Path.of("../../../.."));
        assertEquals(root.resolve("etc/passwd"), RootPath.resolve(root, "../../../etc/passwd", true));
        assertEquals(root.resolve("etc"), RootPath.resolve(root, "up/etc", true));
        assertEquals(root, RootPath.resolve(root, "/usr/..", true));
        assertEquals(root.resolve("usr/lib"), RootPath.resolve(root, "./usr//lib/.", true));
    }

    @Test
    void relativeSymlinksResolveFromTheirDirectory() throws IOException {
        Path root = root();
        Files.createSymbolicLink(root.resolve("usr/lib/sibling"), Path.of("../../etc"));
        assertEquals(root.resolve("etc/x"), RootPath.resolve(root, "usr/lib/sibling/x", true));
    }

    @Test
    void missingComponentsAreKeptLexically() throws IOException {
        Path root = root();
        assertEquals(root.resolve("no/such/file"), RootPath.resolve(root, "no/such/file", true));
        assertEquals(root.resolve("no/file"), RootPath.resolve(root, "no/such/../file", true));
    }

    @Test
    void loopsFailAfterFortyLinks() throws IOException {
        Path root = root();
        Files.createSymbolicLink(root.resolve("a"), Path.of("b"));
        Files.createSymbolicLink(root.resolve("b"), Path.of("/a"));
        assertThrows(FileSystemLoopException.class, () -> RootPath.resolve(root, "a/x", true));
        assertEquals(root.resolve("a"), RootPath.resolve(root, "a", false));
    }
}
