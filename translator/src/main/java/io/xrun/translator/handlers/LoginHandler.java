package io.xrun.translator.handlers;

import io.xrun.maps.Errno;
import io.xrun.maps.SyscallRow;
import io.xrun.translator.core.Call;
import io.xrun.translator.core.GuestProcess;
import io.xrun.translator.core.SyscallHandler;
import io.xrun.translator.nativeapi.NativeBuffer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * getlogin(buf, len) and setlogin(name), emulated. FreeBSD keeps the login name in the session
 * (struct session s_login, kern_prot.c sys_getlogin/sys_setlogin); Linux has no such thing. xrun
 * keeps it per Linux session id (the session field of /proc/PID/stat) for every guest it
 * supervises. A session xrun has not seen yet takes the name the process last saw (so a process
 * that calls setsid keeps its login, as FreeBSD's enterpgrp copies s_login into the new session),
 * else the name of the host's audit login uid (/proc/PID/loginuid, looked up in /etc/passwd),
 * else "". setlogin needs euid 0 (PRIV_PROC_SETLOGIN: EPERM) and a name shorter than MAXLOGNAME
 * (EINVAL); getlogin copies at most MAXLOGNAME bytes and is ERANGE when the name and its NUL do
 * not fit.
 */
public final class LoginHandler implements SyscallHandler {
    /** FreeBSD MAXLOGNAME: login name length including the NUL (sys/sys/param.h). */
    private static final int MAXLOGNAME = 33;
    /** Linux's "no login uid" (include/linux/uidgid.h INVALID_UID, as /proc/PID/loginuid prints it). */
    private static final long NO_LOGINUID = 4294967295L;
    private static final Map<Long, String> SESSIONS = new ConcurrentHashMap<>();
    private final boolean get;

    public LoginHandler(SyscallRow row) {
        this.get = row.name().equals("getlogin");
    }

    @Override
    public void enter(Call c) {
        GuestProcess p = c.process();
        long sid = sessionOf(p.pid());
        if (get) {
            String name = current(p, sid);
            byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
            long namelen = c.arg(1) & 0xffffffffL;
            if (namelen > MAXLOGNAME) {
                namelen = MAXLOGNAME;
            }
            if (bytes.length + 1 > namelen) {
                c.emulateError(Errno.FREEBSD_ERANGE);
                return;
            }
            NativeBuffer b = c.buffer();
            b.put(0, bytes, 0, bytes.length);
            b.putByte(bytes.length, (byte) 0);
            if (c.copyOut(c.arg(0), 0, bytes.length + 1)) {
                c.emulate(0);
            }
            return;
        }
        if (Mounts.euid(p.pid()) != 0) {
            c.emulateError(Errno.FREEBSD_EPERM);
            return;
        }
        NativeBuffer b = c.buffer();
        long n = c.memory().readCString(c.arg(0), b, 0, MAXLOGNAME);
        if (n < 0) {
            c.emulateError(Errno.FREEBSD_EFAULT);
            return;
        }
        if (n >= MAXLOGNAME) {
            // copyinstr's ENAMETOOLONG, which sys_setlogin reports as EINVAL
            c.emulateError(Errno.FREEBSD_EINVAL);
            return;
        }
        String name = b.getString(0, (int) n);
        if (sid >= 0) {
            SESSIONS.put(sid, name);
        }
        p.setLogin(name);
        c.emulate(0);
    }

    private static String current(GuestProcess p, long sid) {
        String name = sid >= 0 ? SESSIONS.get(sid) : null;
        if (name == null) {
            name = p.login() != null ? p.login() : hostLogin(p.pid());
            if (sid >= 0) {
                SESSIONS.putIfAbsent(sid, name);
            }
        }
        p.setLogin(name);
        return name;
    }

    /** The session id of a Linux process: field 6 of /proc/PID/stat; -1 if it cannot be read. */
    static long sessionOf(int pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Integer.toString(pid), "stat"), StandardCharsets.ISO_8859_1);
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[3]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** The user name of the host's login uid of the process, else "". */
    static String hostLogin(int pid) {
        try {
            long uid = Long.parseLong(Files.readString(Path.of("/proc", Integer.toString(pid), "loginuid")).trim());
            if (uid == NO_LOGINUID) {
                return "";
            }
            for (String l : Files.readAllLines(Path.of("/etc/passwd"), StandardCharsets.UTF_8)) {
                String[] f = l.split(":");
                if (f.length > 2 && f[2].equals(Long.toString(uid))) {
                    return f[0].length() < MAXLOGNAME ? f[0] : "";
                }
            }
        } catch (IOException | RuntimeException e) {
            // no audit login uid
        }
        return "";
    }
}
