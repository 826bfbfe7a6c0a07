package io.xrun.translator.e2e;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * xrun IMAGE as a container, end to end, for both personalities: images built here from the
 * testbins (a FreeBSD rootfs tarball and a two-layer OCI image) and from busybox-static (a Linux
 * root). Expected outputs come from the testbins' goldens (written from FreeBSD's sources) and
 * from what docker run does with the same options.
 */
class ContainerEndToEndTest {
    @TempDir
    static Path work;
    static Path cache;
    static Path freebsdRoot;
    static Path baseTxz;
    static Path oci;
    static Path busybox;

    @BeforeAll
    static void images() throws Exception {
        cache = work.resolve("cache");
        freebsdRoot = TestImages.freebsdRoot(work.resolve("fb"));
        baseTxz = TestImages.tar(freebsdRoot, work.resolve("base.txz"), "xz");
        oci = TestImages.freebsdOciLayout(work.resolve("oci"));
        busybox = TestImages.busyboxRoot(work.resolve("bb"));
        // Containers need user namespaces and overlayfs inside them (Linux 5.11+). A kernel or a
        // sandbox that forbids them is the environment's limit, not xrun's: skip, saying which.
        XrunProcess.Result probe = xrun(freebsdRoot.toString(), "/bin/hello");
        Assumptions.assumeFalse(probe.stderr().contains("cannot create the container's namespaces")
                || probe.stderr().contains("with overlayfs"), "containers unavailable here: " + probe.stderr().strip());
    }

    private static XrunProcess.Result xrun(String... args) throws Exception {
        return XrunProcess.run(List.of(), List.of(args), Map.of("XRUN_CACHE", cache.toString()));
    }

    private static String golden(String name) throws IOException {
        return Files.readString(XrunProcess.testbins().resolve("expected").resolve(name + ".out"));
    }


    private static Path needBusybox() {
        Assumptions.assumeTrue(busybox != null, "busybox-static is not installed (apt-get install busybox-static)");
        return busybox;
    }

    @Test
    void freebsdRootfsTarballRunsStaticDynamicAndGoPrograms() throws Exception {
        XrunProcess.Result hello = xrun(baseTxz.toString(), "/bin/hello", "a", "b", "c");
        assertEquals(golden("hello"), hello.stdout(), hello.stderr());
        assertEquals(0, hello.exit(), hello.stderr());
        // Through /libexec/ld-elf.so.1 of the image: PT_INTERP resolved in the container's root.
        XrunProcess.Result dyn = xrun(baseTxz.toString(), "/bin/dynhello", "a", "b", "c");
        assertEquals(golden("dynhello"), dyn.stdout(), dyn.stderr());
        assertEquals(0, dyn.exit(), dyn.stderr());
        // PATH search inside the image (docker's default PATH has /bin); Go threads in a pid namespace.
        XrunProcess.Result go = xrun(baseTxz.toString(), "go-goroutines");
        assertEquals(golden("go-goroutines"), go.stdout(), go.stderr());
        assertEquals(0, go.exit(), go.stderr());
        // A FreeBSD program that execs another FreeBSD program of the image: translated again.
        XrunProcess.Result exec = xrun(baseTxz.toString(), "/bin/exec");
        assertEquals(golden("exec"), exec.stdout(), exec.stderr());
        assertEquals(0, exec.exit(), exec.stderr());
        XrunProcess.Result threads = xrun(baseTxz.toString(), "threads");
        assertEquals(golden("threads"), threads.stdout(), threads.stderr());
        assertEquals(0, threads.exit(), threads.stderr());
    }

    @Test
    void freebsdOciLayoutAndArchiveUseTheConfigAndTheLayers() throws Exception {
        // Entrypoint /bin/hello + Cmd [from, oci]: argv is "/bin/hello from oci"
        String expected = "hello from FreeBSD\nargc=3\nargv[1]=from\nargv[2]=oci\n";
        XrunProcess.Result r = xrun(oci.toString());
        assertEquals(0, r.exit(), r.stderr());
        assertEquals(expected, r.stdout());
        // Arguments replace Cmd, not Entrypoint.
        XrunProcess.Result args = xrun(oci.toString(), "x");
        assertEquals("hello from FreeBSD\nargc=2\nargv[1]=x\n", args.stdout());
        // The second layer's whiteout removed /bin/threads.
        XrunProcess.Result gone = xrun("--entrypoint", "/bin/threads", oci.toString());
        assertEquals(127, gone.exit(), gone.stderr());
        XrunProcess.assertOneLineNoTrace(gone);
        // The same layout in a tar is an OCI archive.
        Path archive = TestImages.tar(oci, work.resolve("freebsd-oci.tar"), "");
        XrunProcess.Result a = xrun(archive.toString());
        assertEquals(0, a.exit(), a.stderr());
        assertEquals(expected, a.stdout());
    }

    @Test
    void linuxContainerHasItsNamespacesAndMountsAndNoInterception() throws Exception {
        Path root = needBusybox();
        Path vol = Files.createDirectories(work.resolve("vol"));
        Files.writeString(vol.resolve("data.txt"), "from the host\n");
        Path envFile = work.resolve("env.list");
        Files.writeString(envFile, "# comment\nFROM_FILE=yes\n\nOVERRIDDEN=file\n");
        String script = String.join("; ",
                "echo uid=$(id -u) host=$(hostname) pid=$$ pwd=$(pwd)",
                "echo init=$(cat /proc/1/cmdline | tr '\\0' ' ' | cut -d' ' -f1 | sed 's,.*/,,' | cut -c1-11)",
                "grep TracerPid /proc/self/status",
                "ls /dev | tr '\\n' ' '; echo",
                "stat -f -c 'tmp=%T' /tmp",
                "cat /data/data.txt",
                "touch /data/new 2>/dev/null && echo volume-writable || echo volume-read-only",
                "echo FROM_FILE=$FROM_FILE OVERRIDDEN=$OVERRIDDEN HOME=$HOME",
                "touch /persist && echo wrote-root",
                "exit 42");
        XrunProcess.Result r = xrun("--hostname", "box1", "-v", vol + ":/data:ro", "--env-file", envFile.toString(),
                "-e", "OVERRIDDEN=flag", "-w", "/data", root.toString(), "sh", "-c", script);
        assertEquals(42, r.exit(), r.stderr());
        String[] lines = r.stdout().split("\n");
        assertEquals("uid=0 host=box1 pid=2 pwd=/data", lines[0]);
        assertEquals("init=xrun-launch", lines[1]);
        assertEquals("TracerPid:\t0", lines[2]);
        assertEquals("fd full null ptmx pts random shm stderr stdin stdout tty urandom zero ", lines[3]);
        assertEquals("tmp=tmpfs", lines[4]);
        assertEquals("from the host", lines[5]);
        assertEquals("volume-read-only", lines[6]);
        assertEquals("FROM_FILE=yes OVERRIDDEN=flag HOME=/root", lines[7]);
        assertEquals("wrote-root", lines[8]);
        assertFalse(Files.exists(vol.resolve("new")));
        assertFalse(Files.exists(root.resolve("persist")), "a container's writes must not reach the image");
        // ... nor the next container.
        XrunProcess.Result again = xrun(root.toString(), "sh", "-c", "test -e /persist && echo kept || echo gone");
        assertEquals("gone\n", again.stdout());
    }

    @Test
    void scriptsResolveTheirInterpreterInsideTheImage() throws Exception {
        Path root = needBusybox();
        Path scripts = Files.createDirectories(work.resolve("scripted"));
        TestImages.run(List.of("cp", "-a", root + "/.", scripts.toString()));
        Files.writeString(scripts.resolve("bin/greet"), "#!/bin/sh\necho \"script ran by $0 with $1\"\n");
        Files.setPosixFilePermissions(scripts.resolve("bin/greet"), PosixFilePermissions.fromString("rwxr-xr-x"));
        // auto: the script's interpreter is the image's /bin/sh, a Linux busybox, so no interception.
        XrunProcess.Result r = xrun(scripts.toString(), "greet", "x");
        assertEquals(0, r.exit(), r.stderr());
        assertEquals("script ran by /bin/greet with x\n", r.stdout());
    }

    @Test
    void userAndNetworkOptions() throws Exception {
        Path root = needBusybox();
        Assumptions.assumeTrue(new com.sun.security.auth.module.UnixSystem().getUid() == 0,
                "--user with another id needs a full id map, which only root outside has");
        XrunProcess.Result nobody = xrun("--user", "nobody", root.toString(), "id");
        assertEquals(0, nobody.exit(), nobody.stderr());
        assertEquals("uid=65534(nobody) gid=65534(nogroup) groups=65534(nogroup)\n", nobody.stdout());
        XrunProcess.Result numeric = xrun("-u", "1000:1000", root.toString(), "id", "-u");
        assertEquals("1000\n", numeric.stdout());
        XrunProcess.Result net = xrun("--net", "none", root.toString(), "sh", "-c",
                "grep -c : /proc/net/dev; grep -o 'lo:' /proc/net/dev");
        assertEquals("1\nlo:\n", net.stdout(), net.stderr());
    }

    @Test
    void anUnprivilegedUserRunsBothPersonalitiesAsRootInside() throws Exception {
        Assumptions.assumeTrue(new com.sun.security.auth.module.UnixSystem().getUid() == 0
                && Files.isExecutable(Path.of("/usr/bin/setpriv")), "needs root to switch to an unprivileged user");
        // @TempDir is private to root (0700): let the other user through to its own directory.
        Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path dir = Files.createDirectories(work.resolve("unpriv"));
        String cp = readableClassPath(dir);
        Path ucache = Files.createDirectories(dir.resolve("cache"));
        Path images = Files.createDirectories(dir.resolve("images"));
        Path txz = Files.copy(baseTxz, images.resolve("base.txz"));
        TestImages.run(List.of("chown", "-R", "65534:65534", dir.toString()));
        List<String> wrap = List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups");
        Map<String, String> env = Map.of("XRUN_CACHE", ucache.toString(), "HOME", dir.toString());
        XrunProcess.Result hello = XrunProcess.run(XrunProcess.command(wrap, cp,
                List.of(txz.toString(), "/bin/hello", "a", "b", "c")), env);
        assertEquals(golden("hello"), hello.stdout(), hello.stderr());
        assertEquals(0, hello.exit(), hello.stderr());
        if (busybox != null) {
            Path bb = images.resolve("bb");
            TestImages.run(List.of("cp", "-a", busybox.toString(), bb.toString()));
            TestImages.run(List.of("chown", "-R", "65534:65534", bb.toString()));
            XrunProcess.Result id = XrunProcess.run(XrunProcess.command(wrap, cp,
                    List.of(bb.toString(), "sh", "-c", "id -u; touch /etc/x && echo root-writable")), env);
            assertEquals(0, id.exit(), id.stderr());
            assertEquals("0\nroot-writable\n", id.stdout());
            XrunProcess.Result other = XrunProcess.run(XrunProcess.command(wrap, cp,
                    List.of("--user", "1000", bb.toString(), "id")), env);
            assertEquals(125, other.exit());
            XrunProcess.assertOneLineNoTrace(other);
        }
    }

    /** The test class path copied where an unprivileged user can read it (~/.m2 is root's). */
    private static String readableClassPath(Path dir) throws IOException, InterruptedException {
        List<String> out = new ArrayList<>();
        int i = 0;
        for (String e : System.getProperty("java.class.path").split(":")) {
            Path src = Path.of(e);
            if (!Files.exists(src)) {
                continue;
            }
            Path dst = dir.resolve("cp").resolve(i++ + "-" + src.getFileName());
            Files.createDirectories(dst.getParent());
            TestImages.run(List.of("cp", "-a", src.toString(), dst.toString()));
            out.add(dst.toString());
        }
        TestImages.run(List.of("chmod", "-R", "a+rX", dir.toString()));
        return String.join(":", out);
    }

    @Test
    void signalsReachTheCommand() throws Exception {
        Path root = needBusybox();
        // SIGTERM to xrun is passed on: outer launcher → init → the command, which dies of it.
        Process p = start(List.of(root.toString(), "sleep", "100"));
        waitForCommand(p, "sleep");
        Runtime.getRuntime().exec(new String[] {"kill", "-TERM", Long.toString(p.pid())}).waitFor();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(128 + 15, p.exitValue());
        // A terminal's Ctrl-C goes to the whole foreground process group: xrun ignores it, the
        // command (pid 2, not an init that ignores signals) gets it and dies.
        Process q = start(List.of(root.toString(), "sleep", "100"));
        waitForCommand(q, "sleep");
        Runtime.getRuntime().exec(new String[] {"kill", "-INT", "--", "-" + q.pid()}).waitFor();
        assertTrue(q.waitFor(30, TimeUnit.SECONDS));
        assertEquals(128 + 2, q.exitValue());
    }

    @Test
    void signalsReachAFreebsdCommand() throws Exception {
        // Under the supervisor too; FreeBSD's SIGTERM is 15 (sys/sys/signal.h), so 128 + 15.
        Process f = start(List.of(freebsdRoot.toString(), "/bin/bench_getpid", "2000000000"));
        waitForCommand(f, "bench_getpid");
        Runtime.getRuntime().exec(new String[] {"kill", "-TERM", Long.toString(f.pid())}).waitFor();
        assertTrue(f.waitFor(30, TimeUnit.SECONDS));
        assertEquals(128 + 15, f.exitValue());
    }

    /** Starts xrun as its own process group leader (setsid), as a shell starts a foreground job. */
    private static Process start(List<String> args) throws IOException {
        List<String> cmd = XrunProcess.command(List.of("setsid"), null, args);
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("XRUN_CACHE", cache.toString());
        pb.redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD);
        return pb.start();
    }

    private static void waitForCommand(Process xrun, String name) throws InterruptedException {
        for (int i = 0; i < 400; i++) {
            try (Stream<ProcessHandle> s = xrun.toHandle().descendants()) {
                if (s.anyMatch(h -> h.info().command().map(c -> c.endsWith("/" + name) || c.endsWith(name) || c.endsWith("busybox"))
                        .orElse(false))) {
                    Thread.sleep(100);
                    return;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError(name + " did not start");
    }

    @Test
    void badImagesGetOneLineAndDockersExitCodes() throws Exception {
        XrunProcess.Result missing = xrun(work.resolve("no-such-image.tar").toString());
        assertEquals(127, missing.exit());
        XrunProcess.assertOneLineNoTrace(missing);
        byte[] whole = Files.readAllBytes(baseTxz);
        Path truncated = work.resolve("truncated.txz");
        Files.write(truncated, java.util.Arrays.copyOf(whole, whole.length / 2));
        XrunProcess.Result t = xrun(truncated.toString(), "/bin/hello");
        assertEquals(125, t.exit(), t.stderr());
        XrunProcess.assertOneLineNoTrace(t);
        XrunProcess.Result notFound = xrun(baseTxz.toString(), "no-such-command");
        assertEquals(127, notFound.exit());
        XrunProcess.assertOneLineNoTrace(notFound);
        XrunProcess.Result noCommand = xrun(baseTxz.toString());
        assertEquals(125, noCommand.exit());
        XrunProcess.assertOneLineNoTrace(noCommand);
        // An aarch64 program as the image's command: the image is for another architecture.
        Path arm = Files.createDirectories(work.resolve("arm/bin"));
        byte[] elf = new byte[128];
        System.arraycopy(new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, 9}, 0, elf, 0, 8);
        elf[16] = 2;
        elf[18] = (byte) 183;
        Files.write(arm.resolve("prog"), elf);
        Files.setPosixFilePermissions(arm.resolve("prog"), PosixFilePermissions.fromString("rwxr-xr-x"));
        XrunProcess.Result a = xrun(arm.getParent().toString(), "/bin/prog");
        assertEquals(126, a.exit(), a.stderr());
        assertTrue(a.stderr().contains("aarch64"), a.stderr());
        XrunProcess.assertOneLineNoTrace(a);
    }
}
