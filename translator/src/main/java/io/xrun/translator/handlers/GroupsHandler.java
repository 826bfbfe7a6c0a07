package io.xrun.translator.handlers;

import io.xrun.maps.Errno;
import io.xrun.maps.LinuxSyscalls;
import io.xrun.maps.SyscallRow;
import io.xrun.translator.core.Call;
import io.xrun.translator.core.SyscallHandler;
import io.xrun.translator.nativeapi.NativeBuffer;

/**
 * getgroups(n, list) and setgroups(n, list). In FreeBSD 14 the group list's first entry is the
 * effective gid (sys/kern/kern_prot.c: cr_groups[0] is cr_gid; getgroups copies cr_groups,
 * setgroups sets them, the first one becoming the egid); Linux keeps the egid apart.
 * getgroups is getegid then getgroups, the egid put first and not repeated (as initgroups
 * builds a FreeBSD list); n = 0 asks for the count, a smaller n than the count is EINVAL.
 * setgroups(n, list) is Linux setgroups of list[1..] then setresgid(-1, list[0], -1); n above
 * NGROUPS_MAX + 1 (1024, sys/sys/syslimits.h) is EINVAL.
 */
public final class GroupsHandler implements SyscallHandler {
    private static final int GETEGID = LinuxSyscalls.require("getegid");
    private static final int GETGROUPS = LinuxSyscalls.require("getgroups");
    private static final int SETGROUPS = LinuxSyscalls.require("setgroups");
    private static final int SETRESGID = LinuxSyscalls.require("setresgid");
    /** NGROUPS_MAX + 1: the most a FreeBSD credential holds, and what one scratch slot carries. */
    private static final int MAX = 1024;
    private final boolean set;

    public GroupsHandler(SyscallRow row) {
        this.set = row.name().equals("setgroups");
    }

    @Override
    public void enter(Call c) {
        int n = c.intArg(0);
        if (n < 0 || n > MAX) {
            c.emulateError(Errno.FREEBSD_EINVAL);
            return;
        }
        if (!set) {
            c.runLinux(GETEGID);
            return;
        }
        long s = c.scratch();
        if (n > 0 && !c.copyIn(c.arg(1), 0, 4 * n)) {
            return;
        }
        if (n > 0 && !c.copyOut(s, 0, 4 * n)) {
            return;
        }
        c.stash[0] = n > 0 ? c.buffer().getInt(0) & 0xffffffffL : -1;
        c.linuxArg(0, Math.max(n - 1, 0));
        c.linuxArg(1, n > 1 ? s + 4 : 0);
        c.runLinux(SETGROUPS);
    }

    @Override
    public void exit(Call c) {
        if (set) {
            c.returnValue(0);
            if (c.step() == 0 && c.stash[0] >= 0) {
                c.then(SETRESGID, -1, c.stash[0], -1, 0, 0, 0);
            }
            return;
        }
        if (c.step() == 0) {
            c.stash[0] = c.linuxResult();
            c.then(GETGROUPS, MAX, c.scratch(), 0, 0, 0, 0);
            return;
        }
        int m = (int) c.linuxResult();
        NativeBuffer b = c.buffer();
        if (m > 0 && !c.copyIn(c.scratch(), 4, 4 * m)) {
            return;
        }
        int egid = (int) c.stash[0];
        b.putInt(0, egid);
        int count = 1;
        for (int i = 0; i < m; i++) {
            int g = b.getInt(4 + 4 * i);
            if (g != egid) {
                b.putInt(4 * count++, g);
            }
        }
        int n = c.intArg(0);
        if (n == 0) {
            c.returnValue(count);
        } else if (n < count) {
            c.returnError(Errno.FREEBSD_EINVAL);
        } else if (c.copyOut(c.arg(1), 0, 4 * count)) {
            c.returnValue(count);
        }
    }
}
