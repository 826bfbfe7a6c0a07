package io.xrun.translator.container;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything xrun-launch needs to build one container (translator/src/main/native/xrun-launch.c
 * carries it out): the image root to lay under a throw-away overlay, the mounts, the hostname,
 * the user and the working directory. Rendered as the launcher's options by {@link #launcherOptions}.
 */
public record ContainerSpec(Path root, Path scratch, IdMapping ids, String hostname, boolean networkNone,
                            List<Volume> volumes, ContainerUser user, String workdir, boolean freebsdViews) {
    /** Namespace flags for clone(2) (include/uapi/linux/sched.h). */
    static final long CLONE_NEWNS = 0x00020000L;
    static final long CLONE_NEWUTS = 0x04000000L;
    static final long CLONE_NEWIPC = 0x08000000L;
    static final long CLONE_NEWUSER = 0x10000000L;
    static final long CLONE_NEWPID = 0x20000000L;
    static final long CLONE_NEWNET = 0x40000000L;

    public long cloneFlags() {
        long f = CLONE_NEWUSER | CLONE_NEWNS | CLONE_NEWPID | CLONE_NEWUTS | CLONE_NEWIPC;
        return networkNone ? f | CLONE_NEWNET : f;
    }

    public List<String> launcherOptions() {
        List<String> o = new ArrayList<>();
        o.add("-n");
        o.add(Long.toString(cloneFlags()));
        o.add("-u");
        o.add(ids.uidMap());
        o.add("-g");
        o.add(ids.gidMap());
        if (ids.denySetgroups()) {
            o.add("-D");
        }
        o.add("-m");
        o.add(scratch.toString());
        o.add("-l");
        o.add(overlayEscape(root.toString()));
        o.add("-H");
        o.add(hostname);
        if (networkNone) {
            o.add("-N");
        }
        if (freebsdViews) {
            o.add("-F");
        }
        for (Volume v : volumes) {
            o.add("-v");
            o.add(v.launcherValue());
        }
        o.add("-W");
        o.add(workdir);
        o.add("-I");
        o.add(user.launcherValue());
        return o;
    }

    /**
     * overlayfs splits its options at ',' and lowerdir at ':', and takes '\' as the escape
     * (fs/overlayfs/params.c); a root path holding them must be escaped.
     */
    static String overlayEscape(String path) {
        StringBuilder b = new StringBuilder();
        for (char c : path.toCharArray()) {
            if (c == ',' || c == ':' || c == '\\') {
                b.append('\\');
            }
            b.append(c);
        }
        return b.toString();
    }
}
