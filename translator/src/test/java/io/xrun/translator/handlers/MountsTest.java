package io.xrun.translator.handlers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** mountinfo parsing (proc(5)) and the Linux type to FreeBSD name table. */
class MountsTest {
    static final String MOUNTINFO = String.join("\n",
            "27 1 254:0 / / rw,relatime - ext4 /dev/vda rw,discard",
            "22 27 0:21 / /proc rw,nosuid,nodev,noexec,relatime shared:5 - proc proc rw",
            "24 27 0:6 / /dev rw,relatime - devtmpfs devtmpfs rw,size=123k",
            "25 24 0:23 / /dev/shm rw,relatime - tmpfs tmpfs rw",
            "30 24 0:23 / /dev/shm rw,relatime - tmpfs tmpfs rw",
            "40 27 0:40 /sub /mnt/with\\040space\\134x ro,relatime master:1 shared:2 - fuse.sshfs host:/d ro",
            "garbage line",
            "");

    @Test
    void parsesFieldsAndEscapes() {
        List<Mounts.Mount> m = Mounts.parse(MOUNTINFO);
        assertEquals(6, m.size());
        assertEquals(27, m.get(0).id());
        assertEquals(254, m.get(0).major());
        assertEquals("/", m.get(0).mountPoint());
        assertEquals("ext4", m.get(0).fstype());
        assertEquals("/dev/vda", m.get(0).source());
        assertEquals("proc", m.get(1).fstype()); // optional fields skipped up to "-"
        assertTrue(m.get(1).hasOption("noexec"));
        assertFalse(m.get(1).hasOption("ro"));
        assertEquals("/mnt/with space\\x", m.get(5).mountPoint());
        assertEquals("fuse.sshfs", m.get(5).fstype());
        assertEquals("host:/d", m.get(5).source());
        assertTrue(m.get(5).hasOption("ro"));
    }

    @Test
    void findsByMountIdThenByDevice() {
        List<Mounts.Mount> m = Mounts.parse(MOUNTINFO);
        assertEquals(25, Mounts.find(m, 25, true, 0, 23).id());
        // no mount id (kernel before 5.8): the last mount of the device
        assertEquals(30, Mounts.find(m, 0, false, 0, 23).id());
        assertEquals(30, Mounts.find(m, 999, true, 0, 23).id());
        assertNull(Mounts.find(m, 999, true, 9, 9));
    }

    @Test
    void freebsdNames() {
        assertEquals("ext2fs", Mounts.freebsdName("ext4", 0xEF53));
        assertEquals("devfs", Mounts.freebsdName("devtmpfs", 0x01021994));
        assertEquals("tmpfs", Mounts.freebsdName(null, 0x01021994)); // by magic: first row
        assertEquals("procfs", Mounts.freebsdName(null, 0x9fa0));
        assertEquals("fusefs", Mounts.freebsdName("fuse.sshfs", 0x65735546));
        assertEquals("nfs", Mounts.freebsdName("nfs4", 0x6969));
        assertEquals("overlay", Mounts.freebsdName("overlay", 0x794c7630));
        assertEquals("weirdfs", Mounts.freebsdName("weirdfs", 0x1234)); // unknown: the Linux name
        assertEquals("unknown", Mounts.freebsdName(null, 0x1234));
        assertFalse(Mounts.fsType(null, 0x50495045).vnode()); // pipefs
        assertFalse(Mounts.fsType("nfs", 0).local());
        assertEquals(0x71, Mounts.typenum("devfs"));
        assertEquals(0x87, Mounts.typenum("tmpfs"));
        assertEquals(0x02, Mounts.typenum("procfs"));
    }
}
