package io.xrun.translator.handlers;

import io.xrun.maps.Errno;
import io.xrun.maps.LinuxSyscalls;
import io.xrun.maps.Signals;
import io.xrun.maps.SyscallRow;
import io.xrun.translator.core.Call;
import io.xrun.translator.core.SyscallHandler;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Process descriptors (sys/kern/sys_procdesc.c, kern_fork.c sys_pdfork) as Linux pidfds.
 * pdfork(fdp, flags) is fork followed, in the parent, by pidfd_open(child) (and
 * fcntl(F_SETFD, 0) unless PD_CLOEXEC: pidfds are always close-on-exec); the child's side is a
 * fork child's (rax 0, rdx 1). Limits: the child still sends SIGCHLD and can be waited for
 * with wait(-1), closing the last descriptor does not kill it (no PD_DAEMON semantics), and
 * the child does not inherit the descriptor. pdkill is pidfd_send_signal; pdgetpid reads the
 * pid from /proc/PID/fdinfo/FD (its NSpid in the guest's namespace).
 */
public final class ProcdescHandlers {
    private ProcdescHandlers() {
    }

    /** pdfork(fdp, flags): PD_DAEMON 0x1, PD_CLOEXEC 0x2 (sys/sys/procdesc.h), others EINVAL. */
    public static final class Pdfork implements SyscallHandler {
        private static final int PD_DAEMON = 0x1, PD_CLOEXEC = 0x2;
        private static final int NR_FORK = LinuxSyscalls.require("fork");
        private static final int NR_PIDFD_OPEN = LinuxSyscalls.require("pidfd_open");
        private static final int NR_FCNTL = LinuxSyscalls.require("fcntl");
        private static final long L_F_SETFD = Abi.FCNTL_TABLE.linux("F_SETFD");

        public Pdfork(SyscallRow row) {
        }

        @Override
        public void enter(Call c) {
            if ((c.intArg(1) & ~(PD_DAEMON | PD_CLOEXEC)) != 0) {
                c.emulateError(Errno.FREEBSD_EINVAL);
                return;
            }
            c.runLinux(NR_FORK);
        }

        @Override
        public void exit(Call c) {
            switch (c.step()) {
                case 0:
                    c.stash[0] = c.linuxResult();
                    c.returnValue(c.stash[0], 0);
                    c.then(NR_PIDFD_OPEN, c.stash[0], 0, 0, 0, 0, 0);
                    return;
                case 1:
                    c.stash[1] = c.linuxResult();
                    if ((c.intArg(1) & PD_CLOEXEC) == 0) {
                        c.then(NR_FCNTL, c.stash[1], L_F_SETFD, 0, 0, 0, 0);
                        return;
                    }
                    finish(c);
                    return;
                default:
                    finish(c);
            }
        }

        /** The fork or (with the child already running) the descriptor could not be made. */
        @Override
        public void exitFailed(Call c) {
            c.returnLinuxError();
        }

        private static void finish(Call c) {
            c.buffer().putInt(0, (int) c.stash[1]);
            if (c.copyOut(c.arg(0), 0, 4)) {
                c.returnValue(c.stash[0], 0);
            }
        }
    }

    /** pdkill(fd, signum): signal above _SIG_MAXSIG or with no Linux number EINVAL, then pidfd_send_signal. */
    public static final class Pdkill implements SyscallHandler {
        private static final int NR_PIDFD_SEND_SIGNAL = LinuxSyscalls.require("pidfd_send_signal");

        public Pdkill(SyscallRow row) {
        }

        @Override
        public void enter(Call c) {
            int sig = c.intArg(1);
            int lsig = sig == 0 ? 0 : Signals.toLinux(sig);
            if (sig < 0 || sig > 128 || (sig != 0 && lsig == 0)) {
                c.emulateError(Errno.FREEBSD_EINVAL);
                return;
            }
            c.runLinux(NR_PIDFD_SEND_SIGNAL, c.intArg(0), lsig, 0, 0, 0, 0);
        }

        @Override
        public void exit(Call c) {
            c.returnValue(0);
        }
    }

    /**
     * pdgetpid(fd, pidp): the pid the guest sees, the last NSpid of /proc/PID/fdinfo/FD (read by
     * the supervisor); a descriptor that is not a process descriptor is EBADF. A process that
     * has exited and been reaped reads -1 there (FreeBSD keeps its pid).
     */
    public static final class Pdgetpid implements SyscallHandler {
        private static final int EBADF = (int) Errno.table().freebsd("EBADF");

        public Pdgetpid(SyscallRow row) {
        }

        @Override
        public void enter(Call c) {
            int fd = c.intArg(0);
            long pid = fd < 0 ? Long.MIN_VALUE : pidOf(c.process().pid(), fd);
            if (pid == Long.MIN_VALUE) {
                c.emulateError(EBADF);
                return;
            }
            c.buffer().putInt(0, (int) pid);
            if (c.copyOut(c.arg(1), 0, 4)) {
                c.emulate(0);
            }
        }

        static long pidOf(int hostPid, int fd) {
            try {
                for (String l : Files.readAllLines(Path.of("/proc/" + hostPid + "/fdinfo/" + fd))) {
                    if (l.startsWith("NSpid:")) {
                        String[] f = l.substring(6).trim().split("\\s+");
                        return Long.parseLong(f[f.length - 1]);
                    }
                }
                for (String l : Files.readAllLines(Path.of("/proc/" + hostPid + "/fdinfo/" + fd))) {
                    if (l.startsWith("Pid:")) {
                        return Long.parseLong(l.substring(4).trim());
                    }
                }
            } catch (IOException | RuntimeException e) {
                // no such descriptor
            }
            return Long.MIN_VALUE;
        }
    }
}
