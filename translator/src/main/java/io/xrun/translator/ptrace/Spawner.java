package io.xrun.translator.ptrace;

import io.xrun.translator.nativeapi.LibC;
import io.xrun.translator.nativeapi.Native;
import io.xrun.translator.nativeapi.NativeBuffer;

import java.util.List;
import java.util.Map;

/**
 * Starts a process with posix_spawn(3) called directly, so the JVM is never forked and no
 * Java process-reaper thread competes with the tracer for wait events. The child gets default
 * signal dispositions and an empty signal mask, whatever the JVM's threads had.
 */
public final class Spawner {
    /** posix_spawn flags (glibc spawn.h). */
    private static final short POSIX_SPAWN_SETSIGDEF = 0x04;
    private static final short POSIX_SPAWN_SETSIGMASK = 0x08;

    private Spawner() {
    }

    /** Returns the child's pid, or -errno. */
    public static int spawn(String path, List<String> argv, Map<String, String> env) {
        LibC c = Native.LIBC;
        int strBytes = 0;
        for (String a : argv) {
            strBytes += a.getBytes(java.nio.charset.StandardCharsets.UTF_8).length + 1;
        }
        for (Map.Entry<String, String> e : env.entrySet()) {
            strBytes += (e.getKey() + "=" + e.getValue()).getBytes(java.nio.charset.StandardCharsets.UTF_8).length + 1;
        }
        int vecBytes = 8 * (argv.size() + 1 + env.size() + 1);
        NativeBuffer b = new NativeBuffer(vecBytes + strBytes + 16);
        int strOff = vecBytes;
        int slot = 0;
        for (String a : argv) {
            b.putLong(slot, b.address() + strOff);
            strOff += b.putCString(strOff, a);
            slot += 8;
        }
        b.putLong(slot, 0);
        slot += 8;
        int envStart = slot;
        for (Map.Entry<String, String> e : env.entrySet()) {
            b.putLong(slot, b.address() + strOff);
            strOff += b.putCString(strOff, e.getKey() + "=" + e.getValue());
            slot += 8;
        }
        b.putLong(slot, 0);

        NativeBuffer attr = new NativeBuffer(1024);
        NativeBuffer sets = new NativeBuffer(256);
        NativeBuffer pid = new NativeBuffer(8);
        c.posix_spawnattr_init(attr.address());
        c.sigfillset(sets.address());
        c.sigemptyset(sets.address() + 128);
        c.posix_spawnattr_setsigdefault(attr.address(), sets.address());
        c.posix_spawnattr_setsigmask(attr.address(), sets.address() + 128);
        c.posix_spawnattr_setflags(attr.address(), (short) (POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK));
        int rc = c.posix_spawn(pid.address(), path, 0, attr.address(), b.address(), b.address() + envStart);
        c.posix_spawnattr_destroy(attr.address());
        return rc == 0 ? pid.getInt(0) : -rc;
    }
}
