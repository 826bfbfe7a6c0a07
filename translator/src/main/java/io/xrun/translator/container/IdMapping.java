package io.xrun.translator.container;

/**
 * The container's user namespace maps (user_namespaces(7)). Root outside maps every id onto
 * itself, so an image's files keep their owners and {@code --user} can be anything. Anyone
 * else can map only their own uid and gid, onto root inside, and must deny setgroups first
 * (kernel/user_namespace.c new_idmap_permitted): such a container has one user, root.
 */
public record IdMapping(String uidMap, String gidMap, boolean denySetgroups, boolean privileged) {
    /** The widest range a map extent may cover: ids 0..2^32-2 (uid -1 stays invalid). */
    private static final long ALL_IDS = 4294967295L;

    public static IdMapping forHost(int euid, int egid) {
        if (euid == 0) {
            return new IdMapping("0 0 " + ALL_IDS, "0 0 " + ALL_IDS, false, true);
        }
        return new IdMapping("0 " + Integer.toUnsignedString(euid) + " 1",
                "0 " + Integer.toUnsignedString(egid) + " 1", true, false);
    }

    /** Whether uid/gid exist inside the container. */
    public boolean maps(long uid, long gid) {
        return privileged || (uid == 0 && gid == 0);
    }
}
