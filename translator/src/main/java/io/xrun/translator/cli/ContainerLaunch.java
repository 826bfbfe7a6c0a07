package io.xrun.translator.cli;

import io.xrun.loader.ElfFormatException;
import io.xrun.loader.ElfImage;
import io.xrun.loader.Personality;
import io.xrun.loader.PersonalityDetector;
import io.xrun.loader.image.ImageConfig;
import io.xrun.loader.image.PreparedImage;
import io.xrun.translator.container.CommandResolver;
import io.xrun.translator.container.ContainerEnv;
import io.xrun.translator.container.ContainerSpec;
import io.xrun.translator.container.ContainerUser;
import io.xrun.translator.container.IdMapping;
import io.xrun.translator.container.Volume;
import io.xrun.translator.nativeapi.Native;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One container run, decided before anything starts: the command (Entrypoint + Cmd, as docker
 * combines them), its environment, user, working directory and mounts, and the personality.
 *
 * <p>--personality auto asks, in order: the image config's os field; the ELF the command
 * resolves to inside the image (through "#!" scripts); and when neither tells, it runs under
 * the supervisor and lets the first exec brand itself.
 */
record ContainerLaunch(Personality personality, boolean detectFirstExec, ContainerSpec spec, String program,
                       List<String> argv, Map<String, String> env, String name) {
    private static final SecureRandom RANDOM = new SecureRandom();

    static ContainerLaunch plan(RunCommand o, PreparedImage image, Map<String, String> hostEnv) {
        ImageConfig cfg = image.config();
        Path root = image.rootfs();
        List<String> command = new ArrayList<>();
        if (o.entrypoint != null) {
            if (!o.entrypoint.isEmpty()) {
                command.add(o.entrypoint);
            }
        } else {
            command.addAll(cfg.entrypoint());
        }
        if (!o.args.isEmpty()) {
            command.addAll(o.args);
        } else if (o.entrypoint == null) {
            command.addAll(cfg.cmd());
        }
        if (command.isEmpty()) {
            throw new IllegalArgumentException(o.image + ": no command: the image has no Entrypoint or Cmd; give one after IMAGE");
        }
        String workdir = o.workdir != null ? o.workdir
                : cfg.workingDir() != null && !cfg.workingDir().isEmpty() ? cfg.workingDir() : "/";
        if (!workdir.startsWith("/")) {
            throw new IllegalArgumentException("-w " + workdir + ": the working directory must be an absolute path");
        }
        IdMapping ids = IdMapping.forHost(Native.LIBC.geteuid(), Native.LIBC.getegid());
        ContainerUser user = ContainerUser.resolve(o.user != null ? o.user : cfg.user(), root);
        if (!ids.maps(user.uid(), user.gid())) {
            throw new IllegalArgumentException("--user " + user.uid() + ":" + user.gid() + ": not mapped: run by a user other "
                    + "than root, xrun maps that user to root (0:0) and no other id exists in the container");
        }
        if (!ids.privileged() && !user.groups().isEmpty()) {
            user = new ContainerUser(user.uid(), user.gid(), List.of(), user.home()); // setgroups is denied
        }
        String hostname = o.hostname != null ? o.hostname : HexFormat.of().formatHex(randomId());
        ContainerEnv env = new ContainerEnv(hostEnv).addImageEnv(cfg.env());
        o.envFiles.forEach(env::addFile);
        o.env.forEach(env::add);
        Map<String, String> environment = env.finish(hostname, user.home());

        List<Volume> volumes = new ArrayList<>();
        for (String v : o.volumes) {
            volumes.add(Volume.parse(v));
        }
        Path resolv = Path.of("/etc/resolv.conf");
        if (o.net == RunCommand.Network.host && Files.isReadable(resolv)
                && volumes.stream().noneMatch(v -> v.container().equals("/etc/resolv.conf"))) {
            try {
                // The host's resolver configuration, as docker gives a --net host container.
                volumes.add(Volume.optionalFile(resolv.toRealPath(), "/etc/resolv.conf"));
            } catch (IOException e) {
                // a dangling resolv.conf: the container keeps the image's own
            }
        }
        Path scratch = GuestRunner.cacheDir().resolve("mnt");
        try {
            Files.createDirectories(scratch);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot create " + scratch + ": " + e.getMessage());
        }
        Personality p;
        boolean detect = false;
        switch (o.personality) {
            case freebsd -> p = Personality.FREEBSD;
            case linux -> p = Personality.LINUX;
            default -> {
                Optional<Personality> byImage = fromOs(cfg.os());
                Optional<Personality> byElf = byImage.isPresent() ? Optional.empty()
                        : elfPersonality(root, command.get(0), environment.get("PATH"), workdir);
                p = byImage.or(() -> byElf).orElse(Personality.FREEBSD);
                detect = byImage.isEmpty() && byElf.isEmpty();
            }
        }
        ContainerSpec spec = new ContainerSpec(root, scratch, ids, hostname, o.net == RunCommand.Network.none, volumes,
                user, workdir, p != Personality.LINUX);

        return new ContainerLaunch(p, detect, spec, command.get(0), command, environment, o.image);
    }

    private static byte[] randomId() {
        byte[] b = new byte[6];
        RANDOM.nextBytes(b);
        return b;
    }

    static Optional<Personality> fromOs(String os) {
        if (os == null) {
            return Optional.empty();
        }
        return switch (os) {
            case "freebsd" -> Optional.of(Personality.FREEBSD);
            case "linux" -> Optional.of(Personality.LINUX);
            default -> Optional.empty();
        };
    }

    /** Thrown for a command that is an ELF for another machine: the image cannot run here. */
    static final class WrongArchitecture extends RuntimeException {
        WrongArchitecture(String message) {
            super(message);
        }
    }

    private static Optional<Personality> elfPersonality(Path root, String command, String pathVar, String workdir) {
        Optional<Path> elf = CommandResolver.elfOf(root, command, pathVar, workdir);
        if (elf.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(PersonalityDetector.detect(ElfImage.read(elf.get())));
        } catch (ElfFormatException e) {
            if (ProgramResolver.isElf(elf.get())) {
                throw new WrongArchitecture(command + " in the image: " + e.getMessage());
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
