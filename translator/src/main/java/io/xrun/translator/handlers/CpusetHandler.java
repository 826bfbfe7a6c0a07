package io.xrun.translator.handlers;

import io.xrun.maps.Errno;
import io.xrun.maps.LinuxSyscalls;
import io.xrun.maps.SyscallRow;
import io.xrun.maps.TsvTable;
import io.xrun.translator.core.Call;
import io.xrun.translator.core.GuestProcess;
import io.xrun.translator.core.SyscallHandler;
import io.xrun.translator.core.ThreadIds;
import io.xrun.translator.nativeapi.NativeBuffer;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * cpuset ids and NUMA domain policies (sys/kern/kern_cpuset.c): cpuset, cpuset_setid,
 * cpuset_getid, cpuset_getdomain, cpuset_setdomain, for a machine with one root set (0, all
 * CPUs), the default set 1 every process starts in, the kernel's set 2, and one memory domain.
 * Linux has neither named CPU sets nor a per-set memory policy xrun could map them to, so the
 * sets live in the supervisor: cpuset() makes a new set (numbered from 3, as cpuset_unr) and
 * moves the process into it; a process's set is inherited by fork (GuestProcess); a domain
 * policy is kept per set (CPU_LEVEL_CPUSET) or per process (CPU_LEVEL_WHICH). A domain mask
 * without domain 0 is impossible and becomes interleave over all domains (domainset2), as the
 * kernel does. Another process is looked up with kill(pid, 0) (ESRCH); its set is the one xrun
 * saw it move into with cpuset_setid, else the default set (a set it inherited from a parent
 * that called cpuset() is not known by pid). Affinity masks stay with cpuset_getaffinity/
 * cpuset_setaffinity (CpusetAffinityHandler). Constants: cpuset.tsv.
 */
public final class CpusetHandler implements SyscallHandler {
    private static final Map<String, Long> K = TsvTable.numbers("cpuset.tsv", "freebsd");
    private static final int LEVEL_ROOT = c("CPU_LEVEL_ROOT"), LEVEL_CPUSET = c("CPU_LEVEL_CPUSET"),
        LEVEL_WHICH = c("CPU_LEVEL_WHICH"), WHICH_TID = c("CPU_WHICH_TID"), WHICH_PID = c("CPU_WHICH_PID"),
        WHICH_CPUSET = c("CPU_WHICH_CPUSET"), WHICH_IRQ = c("CPU_WHICH_IRQ"), WHICH_JAIL = c("CPU_WHICH_JAIL"),
        WHICH_DOMAIN = c("CPU_WHICH_DOMAIN"), WHICH_INTRHANDLER = c("CPU_WHICH_INTRHANDLER"),
        WHICH_ITHREAD = c("CPU_WHICH_ITHREAD"), FIRSTTOUCH = c("DOMAINSET_POLICY_FIRSTTOUCH"),
        PREFER = c("DOMAINSET_POLICY_PREFER"), INTERLEAVE = c("DOMAINSET_POLICY_INTERLEAVE"),
        POLICY_MIN = c("DOMAINSET_POLICY_ROUNDROBIN"), POLICY_MAX = INTERLEAVE, ROOT_SET = c("ROOT_SET"),
        DEFAULT_SET = c("DEFAULT_SET"), KERNEL_SET = c("KERNEL_SET"), DOMAINSET_SIZE = c("DOMAINSET_SIZE"),
        DOMAINSET_MAXSIZE = c("DOMAINSET_MAXSIZE");
    private static final long NR_KILL = LinuxSyscalls.require("kill");
    /** A domain policy as kept here: policy in the low 16 bits, the preferred domain above. */
    private static final long DEFAULT_DOMAIN = FIRSTTOUCH;
    /** Sets made by cpuset() and their domain policy; the fixed sets' policies. */
    private static final Map<Integer, Long> SETS = new ConcurrentHashMap<>();
    /** Sets xrun saw other processes moved into by cpuset_setid, by guest pid. */
    private static final Map<Integer, Integer> OTHERS = new ConcurrentHashMap<>();
    private static int nextSet = c("FIRST_NEW_SET");

    static {
        SETS.put(ROOT_SET, DEFAULT_DOMAIN);
        SETS.put(DEFAULT_SET, DEFAULT_DOMAIN);
        SETS.put(KERNEL_SET, (long) INTERLEAVE);
    }

    private static int c(String name) {
        return K.get(name).intValue();
    }


    private final String name;

    public CpusetHandler(SyscallRow row) {
        this.name = row.name();
    }

    private static int setOf(GuestProcess p) {
        return p.cpuset() >= 0 ? p.cpuset() : DEFAULT_SET;
    }

    // stash: 0 the target kind (0 self, 1 another process), 1 the guest pid looked up

    @Override
    public void enter(Call c) {
        switch (name) {
            case "cpuset" -> {
                int id;
                synchronized (SETS) {
                    id = nextSet++;
                }
                SETS.put(id, SETS.get(ROOT_SET));
                c.process().setCpuset(id);
                c.process().setDomainPolicy(0);
                NativeBuffer b = c.buffer();
                b.putInt(0, id);
                if (c.copyOut(c.arg(0), 0, 4)) {
                    c.emulate(0);
                }
            }
            case "cpuset_setid" -> {
                int which = c.intArg(0);
                int setid = c.intArg(2);
                if (which != WHICH_PID) {
                    c.emulateError(Errno.FREEBSD_EINVAL);
                } else if (!SETS.containsKey(setid)) {
                    c.emulateError(Errno.FREEBSD_ESRCH);
                } else {
                    target(c, WHICH_PID, c.arg(1));
                }
            }
            default -> {
                if (name.equals("cpuset_getid")) {
                    if (c.intArg(0) == LEVEL_WHICH && c.intArg(1) != WHICH_CPUSET) {
                        c.emulateError(Errno.FREEBSD_EINVAL);
                        return;
                    }
                } else {
                    long size = c.arg(3);
                    if (Long.compareUnsigned(size, DOMAINSET_SIZE) < 0 || Long.compareUnsigned(size, DOMAINSET_MAXSIZE) > 0) {
                        c.emulateError(Errno.FREEBSD_ERANGE);
                        return;
                    }
                    if (name.equals("cpuset_setdomain") && (c.intArg(5) < POLICY_MIN || c.intArg(5) > POLICY_MAX)) {
                        c.emulateError(Errno.FREEBSD_EINVAL);
                        return;
                    }
                }
                target(c, c.intArg(1), c.arg(2));
            }
        }
    }

    /**
     * cpuset_which: the caller for id -1 (or its own pid/tid), another process looked up with
     * kill(pid, 0), a known set id (ESRCH otherwise), no jail (ESRCH), IRQs and domains go on to
     * the caller's EINVAL, anything else EINVAL.
     */
    private void target(Call c, int which, long id) {
        GuestProcess p = c.process();
        c.stash[0] = 0;
        if (which == WHICH_PID) {
            if (id == -1 || id == p.guestPid()) {
                done(c);
                return;
            }
            c.stash[0] = 1;
            c.stash[1] = id;
            c.runLinux(NR_KILL, id, 0, 0, 0, 0, 0);
            return;
        }
        if (which == WHICH_TID) {
            if (id == -1 || (id > 0 && id <= Integer.MAX_VALUE && p.hasGuestThread(ThreadIds.toLinux(id)))) {
                done(c);
            } else {
                c.emulateError(Errno.FREEBSD_ESRCH);
            }
            return;
        }
        if (which == WHICH_CPUSET) {
            if (id != -1 && !SETS.containsKey((int) id)) {
                c.emulateError(Errno.FREEBSD_ESRCH);
                return;
            }
            done(c);
            return;
        }
        if (which == WHICH_JAIL) {
            c.emulateError(Errno.FREEBSD_ESRCH);
            return;
        }
        if (which == WHICH_IRQ || which == WHICH_DOMAIN || which == WHICH_INTRHANDLER || which == WHICH_ITHREAD) {
            c.emulateError(Errno.FREEBSD_EINVAL);
            return;
        }
        c.emulateError(Errno.FREEBSD_EINVAL);
    }

    @Override
    public void exit(Call c) {
        done(c);
    }

    @Override
    public void exitFailed(Call c) {
        c.returnLinuxError();
    }

    /** The target is found: answer the call. */
    private void done(Call c) {
        GuestProcess p = c.process();
        boolean other = c.stash[0] == 1;
        int otherPid = (int) c.stash[1];
        int which = name.equals("cpuset_setid") ? WHICH_PID : c.intArg(1);
        long id = name.equals("cpuset_setid") ? c.arg(1) : c.arg(2);
        // the base set of the target
        int set;
        if (which == WHICH_CPUSET) {
            set = id == -1 ? setOf(p) : (int) id;
        } else {
            set = other ? OTHERS.getOrDefault(otherPid, DEFAULT_SET) : setOf(p);
        }
        switch (name) {
            case "cpuset_setid" -> {
                int setid = c.intArg(2);
                if (other) {
                    OTHERS.put(otherPid, setid);
                } else {
                    p.setCpuset(setid);
                    p.setDomainPolicy(0);
                }
                c.answer(0);
            }
            case "cpuset_getid" -> {
                int level = c.intArg(0);
                int out = level == LEVEL_ROOT ? ROOT_SET : set;
                NativeBuffer b = c.buffer();
                b.putInt(0, out);
                if (copyOut(c, c.arg(3), 4)) {
                    c.answer(0);
                }
            }
            case "cpuset_getdomain" -> {
                int level = c.intArg(0);
                long dom;
                if (level == LEVEL_ROOT) {
                    dom = SETS.get(ROOT_SET);
                } else if (level == LEVEL_CPUSET) {
                    dom = SETS.getOrDefault(set, DEFAULT_DOMAIN);
                } else if (level == LEVEL_WHICH) {
                    dom = which != WHICH_CPUSET && !other && p.domainPolicy() != 0 ? p.domainPolicy()
                        : SETS.getOrDefault(set, DEFAULT_DOMAIN);
                } else {
                    c.answerError(Errno.FREEBSD_EINVAL);
                    return;
                }
                int size = (int) c.arg(3);
                NativeBuffer b = c.buffer();
                b.zero(0, size);
                // one domain, 0: the mask is {0} whatever the policy (PREFER's too: its preferred domain)
                b.putByte(0, (byte) 1);
                b.putInt(64, (int) (dom & 0xffff));
                if (copyOut(c, c.arg(4), size) && copyOutAt(c, c.arg(5), 64, 4)) {
                    c.answer(0);
                }
            }
            default -> setdomain(c, p, set, which, other);
        }
    }

    /**
     * cpuset_setdomain: the mask copied in (EFAULT), bytes beyond the kernel's domainset_t EINVAL,
     * PREFER needs exactly one domain (EINVAL); a mask without domain 0 becomes interleave. A set
     * changed by CPU_LEVEL_ROOT, CPU_LEVEL_CPUSET or CPU_WHICH_CPUSET needs PRIV_SCHED_CPUSET (root:
     * EPERM otherwise; the root set is refused only to a jail, which xrun's guest is not here);
     * CPU_LEVEL_WHICH of a process or thread sets its own. A set's children keep their own policy
     * (FreeBSD's unmodified children follow their parent's).
     */
    private void setdomain(Call c, GuestProcess p, int set, int which, boolean other) {
        int size = (int) c.arg(3);
        NativeBuffer b = c.buffer();
        if (!copyIn(c, c.arg(4), size)) {
            return;
        }
        for (int i = DOMAINSET_SIZE; i < size; i++) {
            if (b.getByte(i) != 0) {
                c.answerError(Errno.FREEBSD_EINVAL);
                return;
            }
        }
        int policy = c.intArg(5);
        long mask = b.getLong(0);
        if (policy == PREFER && Long.bitCount(mask & 0xff) != 1) {
            c.answerError(Errno.FREEBSD_EINVAL);
            return;
        }
        long dom = (mask & 1) == 0 ? INTERLEAVE : policy;
        int level = c.intArg(0);
        if (level == LEVEL_ROOT) {
            set = ROOT_SET;
        }
        if (level == LEVEL_WHICH && which != WHICH_CPUSET) {
            if (!other) {
                p.setDomainPolicy(dom);
            }
            c.answer(0);
            return;
        }
        if (level != LEVEL_ROOT && level != LEVEL_CPUSET && level != LEVEL_WHICH) {
            c.answerError(Errno.FREEBSD_EINVAL);
            return;
        }
        // cpuset_modify_domain: priv_check(PRIV_SCHED_CPUSET); the root set is refused only in a jail
        if (Mounts.euid(p.pid()) != 0) {
            c.answerError(Errno.FREEBSD_EPERM);
            return;
        }
        SETS.put(set, dom);
        c.answer(0);
    }

    private static boolean copyOut(Call c, long addr, int len) {
        return copyOutAt(c, addr, 0, len);
    }

    private static boolean copyOutAt(Call c, long addr, int off, int len) {
        if (c.memory().write(addr, c.buffer(), off, len) == len) {
            return true;
        }
        c.answerError(Errno.FREEBSD_EFAULT);
        return false;
    }

    private static boolean copyIn(Call c, long addr, int len) {
        if (c.memory().read(addr, c.buffer(), 0, len) == len) {
            return true;
        }
        c.answerError(Errno.FREEBSD_EFAULT);
        return false;
    }

}
