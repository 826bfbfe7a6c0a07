package io.xrun.translator.container;

import io.xrun.loader.image.RootPath;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Resolves docker's {@code --user name|uid[:group|gid]} against the image's own /etc/passwd and
 * /etc/group (read through {@link RootPath}, so a symlinked /etc stays inside the image), the
 * way the image's libc would: passwd(5) and group(5) lines are colon-separated fields.
 */
public record ContainerUser(long uid, long gid, List<Long> groups, String home) {
    public static final ContainerUser ROOT = new ContainerUser(0, 0, List.of(), "/root");

    public static ContainerUser resolve(String spec, Path root) {
        if (spec == null || spec.isEmpty()) {
            return fromPasswd("0", root, null);
        }
        int colon = spec.indexOf(':');
        String user = colon < 0 ? spec : spec.substring(0, colon);
        String group = colon < 0 ? null : spec.substring(colon + 1);
        return fromPasswd(user, root, group);
    }

    private static ContainerUser fromPasswd(String user, Path root, String group) {
        List<String[]> passwd = table(root, "/etc/passwd", 2, 3);
        String[] entry = null;
        for (String[] f : passwd) {
            if (f.length >= 4 && (f[0].equals(user) || f[2].equals(user))) {
                entry = f;
                break;
            }
        }
        long uid;
        long gid;
        String home;
        String name;
        if (entry != null) {
            uid = Long.parseLong(entry[2]);
            gid = Long.parseLong(entry[3]);
            home = entry.length > 5 && !entry[5].isEmpty() ? entry[5] : "/";
            name = entry[0];
        } else if (isNumber(user)) {
            uid = Long.parseLong(user);
            gid = uid == 0 ? 0 : uid;
            home = uid == 0 ? "/root" : "/";
            name = null;
        } else {
            throw new IllegalArgumentException("--user " + user + ": no such user in the image's /etc/passwd");
        }
        List<String[]> groupTable = table(root, "/etc/group", 2);
        if (group != null) {
            gid = groupId(group, groupTable);
        }
        // initgroups(3) semantics, as login(1) and docker's runtime give a user: the primary
        // group, then every group that lists the user.
        List<Long> extra = new ArrayList<>();
        extra.add(gid);
        if (name != null) {
            for (String[] f : groupTable) {
                if (f.length >= 4 && List.of(f[3].split(",")).contains(name)) {
                    long g = Long.parseLong(f[2]);
                    if (!extra.contains(g)) {
                        extra.add(g);
                    }
                }
            }
        }
        return new ContainerUser(uid, gid, List.copyOf(extra), home);
    }

    private static long groupId(String group, List<String[]> table) {
        for (String[] f : table) {
            if (f.length >= 3 && (f[0].equals(group) || f[2].equals(group))) {
                return Long.parseLong(f[2]);
            }
        }
        if (isNumber(group)) {
            return Long.parseLong(group);
        }
        throw new IllegalArgumentException("--user :" + group + ": no such group in the image's /etc/group");
    }

    private static boolean isNumber(String s) {
        return !s.isEmpty() && s.chars().allMatch(Character::isDigit);
    }

    /**
     * The lines of passwd(5) or group(5) inside the image whose id fields (by index) are
     * numbers; any other line is skipped, as the image's libc would skip it.
     */
    private static List<String[]> table(Path root, String file, int... idFields) {
        List<String[]> rows = new ArrayList<>();
        if (root == null) {
            return rows;
        }
        try {
            Path p = RootPath.resolve(root, file, true);
            if (!Files.isRegularFile(p)) {
                return rows;
            }
            for (String line : Files.readAllLines(p, StandardCharsets.UTF_8)) {
                if (!line.isEmpty() && !line.startsWith("#")) {
                    String[] f = line.split(":", -1);
                    if (java.util.Arrays.stream(idFields).allMatch(i -> i < f.length && isNumber(f[i]))) {
                        rows.add(f);
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // an unreadable table is an absent one: numeric ids still work
        }
        return rows;
    }

    /** The launcher's -I value: UID:GID[:G1,G2...]. */
    String launcherValue() {
        StringBuilder b = new StringBuilder().append(uid).append(':').append(gid);
        if (!groups.isEmpty()) {
            b.append(':');
            for (int i = 0; i < groups.size(); i++) {
                b.append(i == 0 ? "" : ",").append(groups.get(i));
            }
        }
        return b.toString();
    }
}
