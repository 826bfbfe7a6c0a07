package io.xrun.translator.handlers;

import io.xrun.maps.Errno;
import io.xrun.maps.LinuxSyscalls;
import io.xrun.maps.SyscallRow;
import io.xrun.maps.TsvTable;
import io.xrun.translator.core.Call;
import io.xrun.translator.core.SyscallHandler;
import io.xrun.translator.nativeapi.NativeBuffer;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Calls that administer a FreeBSD host (kernel modules, jails, audit, MAC labels, resource
 * accounting, mounts, fibs, login classes), which a program under xrun may not do to the Linux
 * host. xrun answers each as FreeBSD's kernel answers a jailed root with no MAC policy loaded,
 * resource accounting off, one routing table and the kernel its only linker file.
 */
public final class HostAdminHandlers {
    private static final Map<String, Integer> FIXED = fixed();
    /** MAXPATHLEN (sys/sys/param.h): kldfind copies at most this much. */
    private static final int MAXPATHLEN = 1024;
    /** MAXLOGNAME (sys/sys/param.h): login class names are shorter. */
    private static final int MAXLOGNAME = 33;

    private HostAdminHandlers() {
    }

    private static Map<String, Integer> fixed() {
        TsvTable t = TsvTable.load("host-admin.tsv");
        int cN = t.column("name"), cE = t.column("errno");
        Map<String, Integer> m = new HashMap<>();
        for (String[] r : t.rows()) {
            m.put(r[cN].trim(), (int) Errno.table().freebsd(r[cE].trim()));
        }
        return m;
    }

    /** The rows host-admin.tsv gives a fixed answer. */
    public static Iterable<String> fixedNames() {
        return FIXED.keySet();
    }

    /** The rows of host-admin.tsv: the errno FreeBSD returns, whatever the arguments' values. */
    public static final class Fixed implements SyscallHandler {
        private final int errno;

        public Fixed(SyscallRow row) {
            Integer e = FIXED.get(row.name());
            if (e == null) {
                throw new IllegalArgumentException(row.name() + " is not in host-admin.tsv");
            }
            this.errno = e;
        }

        @Override
        public void enter(Call c) {
            c.emulateError(errno);
        }
    }

    /**
     * setfib(fibnum): net.fibs is 1 unless the kernel is configured for more, so fib 0 is the
     * only one (sys/net/route/route_tables.c sys_setfib: EINVAL outside 0..rt_numfibs-1).
     */
    public static final class Setfib implements SyscallHandler {
        public Setfib(SyscallRow row) {
        }

        @Override
        public void enter(Call c) {
            if (c.intArg(0) == 0) {
                c.emulate(0);
            } else {
                c.emulateError(Errno.FREEBSD_EINVAL);
            }
        }
    }

    /**
     * getloginclass(buf, len) and setloginclass(name) (sys/kern/kern_loginclass.c): a process
     * starts in class "default" (proc0's, inherited by all); setloginclass needs root
     * (PRIV_PROC_SETLOGINCLASS), takes a name of 1..MAXLOGNAME-1 bytes (loginclass_find: EINVAL
     * otherwise) and is kept per process; getloginclass is ERANGE when the name and its NUL
     * do not fit. The class lives in the credential, so fork children inherit it (GuestProcess).
     */
    public static final class Loginclass implements SyscallHandler {
        private static final String DEFAULT = "default";
        private final boolean get;

        public Loginclass(SyscallRow row) {
            this.get = row.name().equals("getloginclass");
        }

        @Override
        public void enter(Call c) {
            int pid = c.process().pid();
            NativeBuffer b = c.buffer();
            if (get) {
                String cls = c.process().loginClass();
                byte[] name = (cls != null ? cls : DEFAULT).getBytes(StandardCharsets.UTF_8);
                if (Long.compareUnsigned(name.length + 1, c.arg(1)) > 0) {
                    c.emulateError(Errno.FREEBSD_ERANGE);
                    return;
                }
                b.put(0, name, 0, name.length);
                b.putByte(name.length, (byte) 0);
                if (c.copyOut(c.arg(0), 0, name.length + 1)) {
                    c.emulate(0);
                }
                return;
            }
            if (Mounts.euid(pid) != 0) {
                c.emulateError(Errno.FREEBSD_EPERM);
                return;
            }
            long n = c.copyInString(c.arg(0), 0, MAXLOGNAME);
            if (n < 0) {
                return;
            }
            if (n == 0) {
                c.emulateError(Errno.FREEBSD_EINVAL);
                return;
            }
            c.process().setLoginClass(b.getString(0, (int) n));
            c.emulate(0);
        }
    }

    /**
     * kldfind(file), kldnext(fileid), kldunloadf(fileid, flags) (sys/kern/kern_linker.c) with
     * the kernel, file id 1, as the only linker file: kldfind matches the last path component
     * against "kernel" (linker_basename, linker_find_file_by_name, which also tries name".ko"),
     * else ENOENT; kldnext(0) is 1, kldnext(1) is 0 (no more files), any other id ENOENT;
     * kldunloadf checks its flags (LINKER_UNLOAD_NORMAL 0, LINKER_UNLOAD_FORCE 1, sys/sys/linker.h)
     * before the privilege check a jail fails (EPERM).
     */
    public static final class Kld implements SyscallHandler {
        private static final String KERNEL = "kernel";
        private static final int KERNEL_ID = 1;
        private static final int LINKER_UNLOAD_NORMAL = 0, LINKER_UNLOAD_FORCE = 1;
        private final String name;

        public Kld(SyscallRow row) {
            this.name = row.name();
        }

        @Override
        public void enter(Call c) {
            switch (name) {
                case "kldfind" -> {
                    NativeBuffer b = c.buffer();
                    long n = c.copyInString(c.arg(0), 0, MAXPATHLEN);
                    if (n < 0) {
                        return;
                    }
                    String path = b.getString(0, (int) n);
                    String base = path.substring(path.lastIndexOf('/') + 1);
                    if (base.equals(KERNEL)) {
                        c.emulate(KERNEL_ID);
                    } else {
                        c.emulateError(Errno.FREEBSD_ENOENT);
                    }
                }
                case "kldnext" -> {
                    int id = c.intArg(0);
                    if (id == 0) {
                        c.emulate(KERNEL_ID);
                    } else if (id == KERNEL_ID) {
                        c.emulate(0);
                    } else {
                        c.emulateError(Errno.FREEBSD_ENOENT);
                    }
                }
                default -> {
                    int flags = c.intArg(1);
                    c.emulateError(flags != LINKER_UNLOAD_NORMAL && flags != LINKER_UNLOAD_FORCE
                        ? Errno.FREEBSD_EINVAL : Errno.FREEBSD_EPERM);
                }
            }
        }
    }

    /**
     * jail_get(iov, niov, flags) and jail_set(iov, niov, flags) (sys/kern/kern_jail.c
     * sys_jail_get/sys_jail_set): an odd niov or more than UIO_MAXIOV (1024) iovecs is EINVAL and
     * an unreadable iovec array EFAULT (copyinuio); then jail_get refuses flags other than
     * JAIL_DYING (0x08, JAIL_GET_MASK in sys/sys/jail.h) with EINVAL and, inside a jail without
     * children, finds no jail: ENOENT; jail_set fails kern_jail_set's priv_check(PRIV_JAIL_SET),
     * which prison_priv_check denies in a jail: EPERM.
     */
    public static final class Jail implements SyscallHandler {
        private static final int UIO_MAXIOV = 1024;
        private static final long JAIL_GET_MASK = 0x08;
        /** sizeof(struct iovec) on amd64. */
        private static final int IOVEC = 16;
        private final boolean get;

        public Jail(SyscallRow row) {
            this.get = row.name().equals("jail_get");
        }

        @Override
        public void enter(Call c) {
            long niov = c.arg(1) & 0xffffffffL;
            if ((niov & 1) != 0 || niov > UIO_MAXIOV) {
                c.emulateError(Errno.FREEBSD_EINVAL);
                return;
            }
            int len = (int) niov * IOVEC;
            if (len > 0 && !c.copyIn(c.arg(0), 0, len)) {
                return;
            }
            if (!get) {
                c.emulateError(Errno.FREEBSD_EPERM);
            } else if ((c.arg(2) & ~JAIL_GET_MASK) != 0) {
                c.emulateError(Errno.FREEBSD_EINVAL);
            } else {
                c.emulateError(Errno.FREEBSD_ENOENT);
            }
        }
    }

    /**
     * The MAC label calls that reach a label (sys/security/mac/mac_syscalls.c) with no MAC policy
     * loaded: the struct mac (size_t m_buflen, char *m_string: sys/sys/mac.h) is copied in first
     * (mac_label_copyin: EFAULT; m_buflen of at most 1 or above MAC_MAX_LABEL_BUF_LEN 8192 is
     * EINVAL, mac_check_structmac_consistent; a string that does not fit m_buflen is
     * ENAMETOOLONG, copyinstr). Then: __mac_set_proc is EINVAL (no policy labels credentials);
     * __mac_get_fd/__mac_set_fd look the descriptor up (EBADF) and are EINVAL for every kind of
     * file; __mac_get_pid looks the process up (ESRCH). __mac_get_proc/__mac_get_pid externalize
     * the element list: an element no policy claims is EINVAL unless it starts with '?'
     * (MAC_POLICY_EXTERNALIZE), so a list of '?' elements only gives "" (copied out with its NUL)
     * and 0.
     */
    public static final class Mac implements SyscallHandler {
        private static final int MAC_MAX_LABEL_BUF_LEN = 8192;
        private static final long NR_FCNTL = LinuxSyscalls.require("fcntl");
        private static final long NR_KILL = LinuxSyscalls.require("kill");
        /** F_GETFD, the same on both (asm-generic/fcntl.h, sys/sys/fcntl.h): only to test the descriptor. */
        private static final long F_GETFD = 1;
        private final String name;
        private final int macArg;

        public Mac(SyscallRow row) {
            this.name = row.name();
            this.macArg = name.equals("__mac_get_proc") || name.equals("__mac_set_proc") ? 0 : 1;
        }

        @Override
        public void enter(Call c) {
            NativeBuffer b = c.buffer();
            if (!c.copyIn(c.arg(macArg), 0, 16)) {
                return;
            }
            long buflen = b.getLong(0);
            long string = b.getLong(8);
            if (buflen > MAC_MAX_LABEL_BUF_LEN || buflen <= 1) {
                c.emulateError(Errno.FREEBSD_EINVAL);
                return;
            }
            long n = c.copyInString(string, 16, (int) buflen);
            if (n < 0) {
                return;
            }
            c.stash[0] = string;
            c.stash[1] = externalize(b.getString(16, (int) n));
            switch (name) {
                case "__mac_set_proc" -> c.emulateError(Errno.FREEBSD_EINVAL);
                case "__mac_get_fd", "__mac_set_fd" -> c.runLinux(NR_FCNTL, c.arg(0), F_GETFD, 0, 0, 0, 0);
                case "__mac_get_pid" -> c.runLinux(NR_KILL, c.arg(0), 0, 0, 0, 0, 0);
                default -> finish(c);
            }
        }

        /** 0 when every element is optional ('?'), else EINVAL. */
        private static long externalize(String elements) {
            for (String e : elements.split(",", -1)) {
                if (!e.startsWith("?")) {
                    return Errno.FREEBSD_EINVAL;
                }
            }
            return 0;
        }

        private void finish(Call c) {
            int err = (int) c.stash[1];
            if (err != 0) {
                c.answerError(err);
                return;
            }
            c.buffer().putByte(0, (byte) 0);
            if (c.copyOut(c.stash[0], 0, 1)) {
                c.answer(0);
            }
        }

        @Override
        public void exit(Call c) {
            if (name.equals("__mac_get_pid")) {
                finish(c);
            } else {
                c.returnError(Errno.FREEBSD_EINVAL);
            }
        }

        @Override
        public void exitFailed(Call c) {
            if (c.linuxResult() == -LINUX_EPERM && name.equals("__mac_get_pid")) {
                // p_cansee lets root see every process; kill's EPERM only says it exists
                finish(c);
                return;
            }
            c.returnLinuxError();
        }

        private static final long LINUX_EPERM = Errno.toLinux(Errno.FREEBSD_EPERM);
    }

    /**
     * __mac_execve(fname, argv, envv, mac_p) (sys/kern/kern_exec.c): with no MAC label it is
     * execve (the Linux execve, which the supervisor follows like any other); with one,
     * mac_execve_enter refuses it before the file is looked up, as no MAC policy labels
     * credentials (sys/security/mac/mac_process.c: EINVAL).
     */
    public static final class MacExecve implements SyscallHandler {
        private static final long NR_EXECVE = LinuxSyscalls.require("execve");

        public MacExecve(SyscallRow row) {
        }

        @Override
        public void enter(Call c) {
            if (c.arg(3) != 0) {
                c.emulateError(Errno.FREEBSD_EINVAL);
                return;
            }
            c.runLinux(NR_EXECVE, c.arg(0), c.arg(1), c.arg(2), 0, 0, 0);
        }
    }
}
