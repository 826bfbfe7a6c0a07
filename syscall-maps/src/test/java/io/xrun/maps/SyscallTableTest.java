package io.xrun.maps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class SyscallTableTest {
    static final Set<String> ARG_CODECS = Set.of("int", "uint", "long", "ulong", "size", "off", "fd", "atfd",
            "path", "str", "ibuf", "obuf", "ptr", "iovec", "oflags", "mode", "atflags", "amode", "whence", "prot",
            "mapflags", "madvice", "fcntlcmd", "clockid", "rlimitres", "rusagewho", "signo", "sigset", "sigaction",
            "sigprocmaskhow", "ioctlcmd", "sysarchop", "mib", "timespec", "timeval", "stat", "stat11", "statfs", "statfs11", "pipefds", "pipeflags",
            "rlimit", "rusage", "dirents", "grndflags", "pid", "sockdomain", "socktype", "sockflags", "sockaddr",
            "sockaddrout", "socklenp", "socklevel", "sockopt", "msgflags", "msghdr", "pollfds", "fdset", "msyncflags",
            "mlockallflags", "ostat", "orlimit", "pad", "nstat", "ostatfs");
    static final Set<String> RESULT_CODECS = Set.of("void", "int", "ssize", "fd", "ptr", "off", "pid", "uid",
            "zero", "pipe", "posixerr");
    private static final Pattern COMPAT_N = Pattern.compile("COMPAT(\\d+)");

    private final SyscallTable table = SyscallTable.freebsdAmd64();

    private static String baseType(SyscallRow r) {
        return r.type().split("\\|")[0];
    }

    /** "o" for COMPAT, "freebsdN_" for COMPATn, "" otherwise (sys/sys/sysproto.h naming). */
    private static String compatPrefix(SyscallRow r) {
        String t = baseType(r);
        if (t.equals("COMPAT")) {
            return "o";
        }
        Matcher m = COMPAT_N.matcher(t);
        return m.matches() ? "freebsd" + m.group(1) + "_" : "";
    }

    /** The name without its compat prefix. */
    private static String baseName(SyscallRow r) {
        String p = compatPrefix(r);
        return r.name().startsWith(p) ? r.name().substring(p.length()) : r.name();
    }

    /** The parameters of a one-line prototype ("void" and "..." dropped). */
    private static List<String> params(String signature) {
        int open = signature.indexOf('(');
        String inside = signature.substring(open + 1, signature.lastIndexOf(')')).trim();
        List<String> out = new ArrayList<>();
        for (String p : inside.split(",")) {
            String t = p.trim();
            if (!t.isEmpty() && !t.equals("void") && !t.equals("...")) {
                out.add(t);
            }
        }
        return out;
    }

    private static String functionName(String signature) {
        Matcher m = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)\\s*\\(").matcher(signature);
        assertTrue(m.find(), signature);
        return m.group(1);
    }

    @Test
    void loadsWithSources() {
        TsvTable t = TsvTable.load(SyscallTable.FILE);
        assertFalse(t.sources().isEmpty(), "no # source: line");
        assertTrue(table.rows().size() > 500, "only " + table.rows().size() + " rows");
        System.out.println("freebsd-amd64-syscalls.tsv: " + table.countsByStatus());
    }

    @Test
    void numbersAreContiguousWithOneRowEach() {
        int max = table.maxNumber();
        assertEquals(max + 1, table.rows().size(), "row count vs 0..max");
        Set<Integer> seen = new HashSet<>();
        for (SyscallRow r : table.rows()) {
            assertTrue(seen.add(r.number()), "number twice: " + r.number());
        }
        for (int n = 0; n <= max; n++) {
            SyscallRow r = table.byNumber(n);
            assertNotNull(r, "missing number " + n);
            assertEquals(n, r.number());
        }
        assertEquals(null, table.byNumber(max + 1));
        assertEquals(null, table.byNumber(-1));
    }

    @Test
    void namesAreUniqueAndFollowTheKernelNaming() {
        Set<String> names = new HashSet<>();
        for (SyscallRow r : table.rows()) {
            assertTrue(names.add(r.name()), "name twice: " + r.name());
            assertTrue(r.name().matches("[A-Za-z_][A-Za-z0-9_]*"), "odd name " + r.name());
            assertEquals(r, table.byName(r.name()));
            if (!r.signature().equals("-")) {
                String fn = functionName(r.signature());
                String expected = compatPrefix(r) + fn;
                assertTrue(r.name().equals(expected) || r.name().equals(expected + "_" + r.number()),
                        r.number() + ": name " + r.name() + " vs prototype " + expected);
            }
        }
    }

    @Test
    void typeAndStatusAgree() {
        for (SyscallRow r : table.rows()) {
            String t = baseType(r);
            assertFalse(r.type().contains("CAPENABLED"), r.number() + ": CAPENABLED left in type");
            assertTrue(Set.of("STD", "NOSTD", "SYSMUX", "COMPAT", "OBSOL", "UNIMPL", "RESERVED", "NODEF")
                    .contains(t) || COMPAT_N.matcher(t).matches(), r.number() + ": unknown type " + r.type());
            boolean dead = t.equals("OBSOL") || t.equals("UNIMPL") || t.equals("RESERVED");
            assertEquals(dead, r.status() == Status.OBSOLETE, r.number() + " " + r.type() + " " + r.status());
            if (dead) {
                assertEquals("-", r.signature(), r.number() + ": dead row with a prototype");
                assertEquals("-", r.linuxName(), "row " + r.number());
                assertTrue(r.args().isEmpty(), "row " + r.number());
                assertEquals("-", r.result(), "row " + r.number());
            }
            if (t.equals("RESERVED")) {
                assertTrue(r.name().equals("reserved_" + r.number()), r.number() + ": " + r.name());
            }
        }
    }

    @Test
    void everyRowNotTranslatedHasANote() {
        for (SyscallRow r : table.rows()) {
            if (r.status() != Status.TRANSLATED) {
                assertFalse(r.note().isBlank() || r.note().equals("-"), r.number() + " " + r.name() + " has no note");
            }
        }
    }

    @Test
    void linuxColumnMatchesStatusAndNamesRealSyscalls() {
        for (SyscallRow r : table.rows()) {
            switch (r.status()) {
                case TRANSLATED, PARTIAL -> {
                    assertTrue(r.runsOnLinux(), r.number() + " " + r.name() + " needs a Linux syscall");
                    assertEquals(r.linuxNumber(), LinuxSyscalls.number(r.linuxName()));
                    assertEquals(r.linuxName(), LinuxSyscalls.name(r.linuxNumber()));
                }
                case EMULATED -> assertEquals("emulate", r.linuxName(), r.number() + " " + r.name());
                case UNIMPLEMENTED, OBSOLETE -> assertEquals("-", r.linuxName(), r.number() + " " + r.name());
                default -> fail();
            }
            if (!r.linuxName().equals("-") && !r.linuxName().equals("emulate")) {
                assertTrue(LinuxSyscalls.number(r.linuxName()) >= 0, r.linuxName());
            }
        }
    }

    @Test
    void codecsComeFromTheVocabularyAndMatchThePrototype() {
        for (SyscallRow r : table.rows()) {
            for (String a : r.args()) {
                assertTrue(ARG_CODECS.contains(a), r.number() + " " + r.name() + ": unknown arg codec " + a);
            }
            if (r.signature().equals("-")) {
                assertEquals("-", r.result(), r.number() + ": result without a prototype");
                assertTrue(r.args().isEmpty(), "row " + r.number());
                continue;
            }
            assertTrue(RESULT_CODECS.contains(r.result()), r.number() + " " + r.name() + ": result " + r.result());
            if (r.number() != 504) {
                // posix_openpt(flags) becomes openat(AT_FDCWD, "/dev/ptmx", flags): still one FreeBSD arg
                assertEquals(params(r.signature()).size(), r.args().size(),
                        r.number() + " " + r.name() + ": " + r.args() + " vs " + r.signature());
            } else {
                assertEquals(List.of("oflags"), r.args());
            }
            if (r.signature().startsWith("void ") && !r.signature().startsWith("void *")) {
                assertEquals("void", r.result(), r.number() + " " + r.name());
            }
        }
    }

    /** The rows the supervisor implements, exactly as specified. */
    @Test
    void supportedRowsAreThoseSpecified() {
        Object[][] spec = {
            {415, "__mac_execve", "partial", "execve", "path,ptr,ptr,ptr", "int"},
            {558, "fhstatfs", "partial", "open_by_handle_at", "ptr,ptr", "int"},
            {400, "ksem_close", "emulated", "emulate", "long", "int"},
            {401, "ksem_post", "partial", "write", "long", "int"},
            {402, "ksem_wait", "partial", "read", "long", "int"},
            {403, "ksem_trywait", "partial", "read", "long", "int"},
            {404, "ksem_init", "partial", "eventfd2", "ptr,uint", "int"},
            {407, "ksem_getvalue", "partial", "read", "long,ptr", "int"},
            {408, "ksem_destroy", "partial", "close", "long", "int"},
            {441, "ksem_timedwait", "partial", "read", "long,timespec", "int"},
            {484, "cpuset", "emulated", "emulate", "ptr", "int"},
            {485, "cpuset_setid", "partial", "kill", "int,long,int", "int"},
            {486, "cpuset_getid", "partial", "kill", "int,int,long,ptr", "int"},
            {561, "cpuset_getdomain", "partial", "kill", "int,int,long,size,ptr,ptr", "int"},
            {562, "cpuset_setdomain", "partial", "kill", "int,int,long,size,ptr,int", "int"},
            {160, "lgetfh", "partial", "name_to_handle_at", "path,ptr", "int"},
            {161, "getfh", "partial", "name_to_handle_at", "path,ptr", "int"},
            {298, "fhopen", "partial", "open_by_handle_at", "ptr,oflags", "fd"},
            {553, "fhstat", "partial", "open_by_handle_at", "ptr,stat", "int"},
            {564, "getfhat", "partial", "name_to_handle_at", "atfd,path,ptr,int", "int"},
            {565, "fhlink", "partial", "open_by_handle_at", "ptr,path", "int"},
            {566, "fhlinkat", "partial", "open_by_handle_at", "ptr,atfd,path", "int"},
            {567, "fhreadlink", "partial", "open_by_handle_at", "ptr,obuf,size", "int"},
            {255, "aio_read", "partial", "pread64", "ptr", "int"},
            {256, "aio_write", "partial", "pwrite64", "ptr", "int"},
            {257, "lio_listio", "partial", "pread64", "int,ptr,int,ptr", "int"},
            {314, "aio_return", "emulated", "emulate", "ptr", "ssize"},
            {315, "aio_suspend", "emulated", "emulate", "ptr,int,timespec", "int"},
            {316, "aio_cancel", "emulated", "emulate", "fd,ptr", "int"},
            {317, "aio_error", "emulated", "emulate", "ptr", "int"},
            {359, "aio_waitcomplete", "emulated", "emulate", "ptr,timespec", "ssize"},
            {465, "aio_fsync", "partial", "fsync", "int,ptr", "int"},
            {543, "aio_mlock", "partial", "mlock", "ptr", "int"},
            {578, "aio_writev", "partial", "pwritev", "ptr", "int"},
            {579, "aio_readv", "partial", "preadv", "ptr", "int"},
            {347, "__acl_get_file", "translated", "getxattr", "path,int,ptr", "int"},
            {348, "__acl_set_file", "partial", "setxattr", "path,int,ptr", "int"},
            {349, "__acl_get_fd", "translated", "fgetxattr", "fd,int,ptr", "int"},
            {350, "__acl_set_fd", "partial", "fsetxattr", "fd,int,ptr", "int"},
            {351, "__acl_delete_file", "translated", "removexattr", "path,int", "int"},
            {352, "__acl_delete_fd", "translated", "fremovexattr", "fd,int", "int"},
            {353, "__acl_aclcheck_file", "translated", "newfstatat", "path,int,ptr", "int"},
            {354, "__acl_aclcheck_fd", "translated", "fstat", "fd,int,ptr", "int"},
            {425, "__acl_get_link", "translated", "lgetxattr", "path,int,ptr", "int"},
            {426, "__acl_set_link", "partial", "lsetxattr", "path,int,ptr", "int"},
            {427, "__acl_delete_link", "translated", "lremovexattr", "path,int", "int"},
            {428, "__acl_aclcheck_link", "translated", "newfstatat", "path,int,ptr", "int"},
            {457, "kmq_open", "partial", "mq_open", "path,oflags,mode,ptr", "fd"},
            {458, "kmq_setattr", "translated", "mq_getsetattr", "fd,ptr,ptr", "int"},
            {459, "kmq_timedreceive", "translated", "mq_timedreceive", "fd,obuf,size,ptr,timespec", "int"},
            {460, "kmq_timedsend", "translated", "mq_timedsend", "fd,ibuf,size,uint,timespec", "int"},
            {461, "kmq_notify", "partial", "mq_notify", "fd,ptr", "int"},
            {462, "kmq_unlink", "translated", "mq_unlink", "path", "int"},
            {21, "mount", "emulated", "emulate", "str,path,int,ptr", "int"},
            {22, "unmount", "emulated", "emulate", "path,int", "int"},
            {51, "acct", "emulated", "emulate", "path", "int"},
            {55, "reboot", "emulated", "emulate", "int", "int"},
            {85, "swapon", "emulated", "emulate", "path", "int"},
            {148, "quotactl", "emulated", "emulate", "path,int,int,ptr", "int"},
            {175, "setfib", "emulated", "emulate", "int", "int"},
            {304, "kldload", "emulated", "emulate", "path", "int"},
            {305, "kldunload", "emulated", "emulate", "int", "int"},
            {306, "kldfind", "emulated", "emulate", "path", "int"},
            {307, "kldnext", "emulated", "emulate", "int", "int"},
            {338, "jail", "emulated", "emulate", "ptr", "int"},
            {378, "nmount", "emulated", "emulate", "iovec,uint,int", "int"},
            {384, "__mac_get_proc", "emulated", "emulate", "ptr", "int"},
            {385, "__mac_set_proc", "emulated", "emulate", "ptr", "int"},
            {386, "__mac_get_fd", "emulated", "emulate", "fd,ptr", "int"},
            {387, "__mac_get_file", "emulated", "emulate", "path,ptr", "int"},
            {388, "__mac_set_fd", "emulated", "emulate", "fd,ptr", "int"},
            {389, "__mac_set_file", "emulated", "emulate", "path,ptr", "int"},
            {394, "mac_syscall", "emulated", "emulate", "str,int,ptr", "int"},
            {409, "__mac_get_pid", "emulated", "emulate", "pid,ptr", "int"},
            {410, "__mac_get_link", "emulated", "emulate", "path,ptr", "int"},
            {411, "__mac_set_link", "emulated", "emulate", "path,ptr", "int"},
            {436, "jail_attach", "emulated", "emulate", "int", "int"},
            {444, "kldunloadf", "emulated", "emulate", "int,int", "int"},
            {445, "audit", "emulated", "emulate", "ptr,uint", "int"},
            {446, "auditon", "emulated", "emulate", "int,ptr,uint", "int"},
            {447, "getauid", "emulated", "emulate", "ptr", "int"},
            {448, "setauid", "emulated", "emulate", "ptr", "int"},
            {449, "getaudit", "emulated", "emulate", "ptr", "int"},
            {450, "setaudit", "emulated", "emulate", "ptr", "int"},
            {451, "getaudit_addr", "emulated", "emulate", "ptr,uint", "int"},
            {452, "setaudit_addr", "emulated", "emulate", "ptr,uint", "int"},
            {453, "auditctl", "emulated", "emulate", "path", "int"},
            {506, "jail_get", "emulated", "emulate", "iovec,uint,int", "int"},
            {507, "jail_set", "emulated", "emulate", "iovec,uint,int", "int"},
            {508, "jail_remove", "emulated", "emulate", "int", "int"},
            {523, "getloginclass", "emulated", "emulate", "obuf,size", "int"},
            {524, "setloginclass", "emulated", "emulate", "str", "int"},
            {525, "rctl_get_racct", "emulated", "emulate", "ptr,size,ptr,size", "int"},
            {526, "rctl_get_rules", "emulated", "emulate", "ptr,size,ptr,size", "int"},
            {527, "rctl_get_limits", "emulated", "emulate", "ptr,size,ptr,size", "int"},
            {528, "rctl_add_rule", "emulated", "emulate", "ptr,size,ptr,size", "int"},
            {529, "rctl_remove_rule", "emulated", "emulate", "ptr,size,ptr,size", "int"},
            {582, "swapoff", "emulated", "emulate", "path,uint", "int"},
            {26, "ptrace", "emulated", "emulate", "int,pid,ptr,int", "int"},
            {516, "cap_enter", "emulated", "emulate", "-", "int"},
            {517, "cap_getmode", "emulated", "emulate", "ptr", "int"},
            {571, "shm_open2", "partial", "openat", "path,oflags,mode,int,str", "fd"},
            {482, "freebsd12_shm_open", "partial", "openat", "path,oflags,mode", "fd"},
            {483, "shm_unlink", "translated", "unlink", "path", "int"},
            {572, "shm_rename", "translated", "renameat2", "path,path,int", "int"},
            {231, "shmget", "translated", "shmget", "long,size,int", "int"},
            {228, "shmat", "translated", "shmat", "int,ptr,int", "ptr"},
            {230, "shmdt", "translated", "shmdt", "ptr", "int"},
            {512, "shmctl", "partial", "shmctl", "int,int,ptr", "int"},
            {221, "semget", "translated", "semget", "long,int,int", "int"},
            {222, "semop", "translated", "semop", "int,ptr,size", "int"},
            {510, "__semctl", "partial", "semctl", "int,int,int,ptr", "int"},
            {225, "msgget", "translated", "msgget", "long,int", "int"},
            {226, "msgsnd", "translated", "msgsnd", "int,ptr,size,int", "int"},
            {227, "msgrcv", "translated", "msgrcv", "int,ptr,size,long,int", "ssize"},
            {511, "msgctl", "partial", "msgctl", "int,int,ptr", "int"},
            {569, "copy_file_range", "partial", "copy_file_range", "fd,ptr,fd,ptr,size,uint", "ssize"},
            {530, "posix_fallocate", "translated", "fallocate", "fd,off,off", "posixerr"},
            {531, "posix_fadvise", "translated", "fadvise64", "fd,off,off,int", "posixerr"},
            {575, "close_range", "translated", "close_range", "fd,fd,int", "int"},
            {509, "freebsd12_closefrom", "translated", "close_range", "fd", "int"},
            {492, "fexecve", "translated", "execveat", "fd,ptr,ptr", "int"},
            {65, "msync", "translated", "msync", "ptr,size,msyncflags", "int"},
            {78, "mincore", "partial", "mincore", "ptr,size,ptr", "int"},
            {203, "mlock", "translated", "mlock", "ptr,size", "int"},
            {204, "munlock", "partial", "munlock", "ptr,size", "int"},
            {250, "minherit", "partial", "madvise", "ptr,size,int", "int"},
            {324, "mlockall", "translated", "mlockall", "mlockallflags", "int"},
            {325, "munlockall", "translated", "munlockall", "-", "int"},
            {83, "setitimer", "translated", "setitimer", "int,ptr,ptr", "int"},
            {86, "getitimer", "translated", "getitimer", "int,ptr", "int"},
            {244, "clock_nanosleep", "translated", "clock_nanosleep", "clockid,int,timespec,timespec", "posixerr"},
            {235, "ktimer_create", "partial", "timer_create", "int,ptr,ptr", "int"},
            {236, "ktimer_delete", "translated", "timer_delete", "int", "int"},
            {237, "ktimer_settime", "translated", "timer_settime", "int,int,ptr,ptr", "int"},
            {238, "ktimer_gettime", "translated", "timer_gettime", "int,ptr", "int"},
            {239, "ktimer_getoverrun", "translated", "timer_getoverrun", "int", "int"},
            {100, "getpriority", "translated", "getpriority", "int,int", "int"},
            {96, "setpriority", "translated", "setpriority", "int,int,int", "int"},
            {49, "getlogin", "emulated", "emulate", "obuf,uint", "int"},
            {50, "setlogin", "emulated", "emulate", "str", "int"},
            {559, "mknodat", "translated", "mknodat", "atfd,path,mode,ulong", "int"},
            {14, "freebsd11_mknod", "translated", "mknodat", "path,int,uint", "int"},
            {498, "freebsd11_mknodat", "translated", "mknodat", "atfd,path,mode,uint", "int"},
            {191, "pathconf", "translated", "openat", "path,int", "int"},
            {192, "fpathconf", "translated", "fstatfs", "fd,int", "int"},
            {513, "lpathconf", "translated", "openat", "path,int", "int"},
            {34, "chflags", "partial", "openat", "path,ulong", "int"},
            {35, "fchflags", "partial", "ioctl", "fd,ulong", "int"},
            {391, "lchflags", "partial", "openat", "path,ulong", "int"},
            {540, "chflagsat", "partial", "openat", "atfd,path,ulong,atflags", "int"},
            {356, "extattr_set_file", "translated", "setxattr", "path,int,str,ptr,size", "ssize"},
            {357, "extattr_get_file", "translated", "getxattr", "path,int,str,ptr,size", "ssize"},
            {358, "extattr_delete_file", "translated", "removexattr", "path,int,str", "int"},
            {371, "extattr_set_fd", "translated", "fsetxattr", "fd,int,str,ptr,size", "ssize"},
            {372, "extattr_get_fd", "translated", "fgetxattr", "fd,int,str,ptr,size", "ssize"},
            {373, "extattr_delete_fd", "translated", "fremovexattr", "fd,int,str", "int"},
            {412, "extattr_set_link", "partial", "lsetxattr", "path,int,str,ptr,size", "ssize"},
            {413, "extattr_get_link", "translated", "lgetxattr", "path,int,str,ptr,size", "ssize"},
            {414, "extattr_delete_link", "translated", "lremovexattr", "path,int,str", "int"},
            {437, "extattr_list_fd", "translated", "flistxattr", "fd,int,ptr,size", "ssize"},
            {438, "extattr_list_file", "translated", "listxattr", "path,int,ptr,size", "ssize"},
            {439, "extattr_list_link", "translated", "llistxattr", "path,int,ptr,size", "ssize"},
            {251, "rfork", "partial", "clone", "int", "int"},
            {555, "statfs", "translated", "statfs", "path,statfs", "int"},
            {393, "sendfile", "translated", "sendfile", "fd,fd,off,size,ptr,ptr,int", "int"},
            {556, "fstatfs", "translated", "fstatfs", "fd,statfs", "int"},
            {557, "getfsstat", "translated", "statfs", "statfs,long,int", "int"},
            {396, "freebsd11_statfs", "translated", "statfs", "path,statfs11", "int"},
            {397, "freebsd11_fstatfs", "translated", "fstatfs", "fd,statfs11", "int"},
            {395, "freebsd11_getfsstat", "translated", "statfs", "statfs11,long,int", "int"},
            {544, "procctl", "partial", "prctl", "int,long,int,ptr", "int"},
            {79, "getgroups", "translated", "getgroups", "int,ptr", "int"},
            {80, "setgroups", "translated", "setgroups", "int,ptr", "int"},
            {132, "mkfifo", "translated", "mknodat", "path,mode", "int"},
            {138, "utimes", "translated", "utimes", "path,timeval", "int"},
            {206, "futimes", "translated", "utimensat", "fd,timeval", "int"},
            {276, "lutimes", "translated", "utimensat", "path,timeval", "int"},
            {497, "mkfifoat", "translated", "mknodat", "atfd,path,mode", "int"},
            {546, "futimens", "translated", "utimensat", "fd,timespec", "int"},
            {547, "utimensat", "translated", "utimensat", "atfd,path,timespec,atflags", "int"},
            {9, "link", "translated", "link", "path,path", "int"},
            {15, "chmod", "translated", "chmod", "path,mode", "int"},
            {16, "chown", "translated", "chown", "path,int,int", "int"},
            {23, "setuid", "translated", "setuid", "uint", "int"},
            {57, "symlink", "translated", "symlink", "path,path", "int"},
            {60, "umask", "translated", "umask", "mode", "int"},
            {61, "chroot", "translated", "chroot", "path", "int"},
            {81, "getpgrp", "translated", "getpgrp", "-", "int"},
            {82, "setpgid", "translated", "setpgid", "pid,int", "int"},
            {95, "fsync", "translated", "fsync", "fd", "int"},
            {123, "fchown", "translated", "fchown", "fd,int,int", "int"},
            {124, "fchmod", "translated", "fchmod", "fd,mode", "int"},
            {126, "setreuid", "translated", "setreuid", "int,int", "int"},
            {127, "setregid", "translated", "setregid", "int,int", "int"},
            {131, "flock", "translated", "flock", "fd,int", "int"},
            {147, "setsid", "translated", "setsid", "-", "int"},
            {181, "setgid", "translated", "setgid", "uint", "int"},
            {207, "getpgid", "translated", "getpgid", "pid", "int"},
            {254, "lchown", "translated", "lchown", "path,int,int", "int"},
            {310, "getsid", "translated", "getsid", "pid", "int"},
            {311, "setresuid", "translated", "setresuid", "uint,uint,uint", "int"},
            {312, "setresgid", "translated", "setresgid", "uint,uint,uint", "int"},
            {360, "getresuid", "translated", "getresuid", "ptr,ptr,ptr", "int"},
            {361, "getresgid", "translated", "getresgid", "ptr,ptr,ptr", "int"},
            {479, "truncate", "translated", "truncate", "path,off", "int"},
            {480, "ftruncate", "translated", "ftruncate", "fd,off", "int"},
            {491, "fchownat", "translated", "fchownat", "atfd,path,uint,uint,atflags", "int"},
            {495, "linkat", "translated", "linkat", "atfd,path,atfd,path,atflags", "int"},
            {502, "symlinkat", "translated", "symlinkat", "path,atfd,path", "int"},
            {550, "fdatasync", "translated", "fdatasync", "fd", "int"},
            {2, "fork", "translated", "fork", "-", "pid"},
            {66, "vfork", "translated", "vfork", "-", "pid"},
            {7, "wait4", "translated", "wait4", "pid,ptr,int,rusage", "int"},
            {532, "wait6", "translated", "waitid", "int,long,ptr,int,ptr,ptr", "int"},
            {53, "sigaltstack", "emulated", "emulate", "ptr,ptr", "int"},
            {341, "sigsuspend", "translated", "rt_sigsuspend", "sigset", "int"},
            {343, "sigpending", "translated", "rt_sigpending", "sigset", "int"},
            {345, "sigtimedwait", "translated", "rt_sigtimedwait", "sigset,ptr,timespec", "int"},
            {346, "sigwaitinfo", "translated", "rt_sigtimedwait", "sigset,ptr", "int"},
            {429, "sigwait", "translated", "rt_sigtimedwait", "sigset,ptr", "int"},
            {417, "sigreturn", "emulated", "emulate", "ptr", "int"},
            {331, "sched_yield", "translated", "sched_yield", "-", "int"},
            {431, "thr_exit", "translated", "exit", "ptr", "void"},
            {432, "thr_self", "emulated", "emulate", "ptr", "int"},
            {433, "thr_kill", "translated", "tgkill", "long,signo", "int"},
            {481, "thr_kill2", "translated", "tgkill", "pid,long,signo", "int"},
            {454, "_umtx_op", "partial", "futex", "ptr,int,ulong,ptr,ptr", "int"},
            {455, "thr_new", "translated", "clone", "ptr,int", "int"},
            {464, "thr_set_name", "translated", "prctl", "long,str", "int"},
            {466, "rtprio_thread", "emulated", "emulate", "int,int,ptr", "int"},
            {487, "cpuset_getaffinity", "translated", "sched_getaffinity", "int,int,long,size,ptr", "int"},
            {488, "cpuset_setaffinity", "translated", "sched_setaffinity", "int,int,long,size,ptr", "int"},
            {362, "kqueue", "translated", "epoll_create1", "-", "fd"},
            {583, "kqueuex", "translated", "epoll_create1", "uint", "fd"},
            {560, "kevent", "partial", "epoll_pwait2", "fd,ptr,int,ptr,int,timespec", "int"},
            {363, "freebsd11_kevent", "partial", "epoll_pwait2", "fd,ptr,int,ptr,int,timespec", "int"},
            {0, "syscall", "emulated", "emulate", "int", "int"},
            {198, "__syscall", "emulated", "emulate", "long", "int"},
            {1, "exit", "translated", "exit_group", "int", "void"},
            {3, "read", "translated", "read", "fd,obuf,size", "ssize"},
            {4, "write", "translated", "write", "fd,ibuf,size", "ssize"},
            {5, "open", "translated", "open", "path,oflags,mode", "fd"},
            {6, "close", "translated", "close", "fd", "int"},
            {10, "unlink", "translated", "unlink", "path", "int"},
            {12, "chdir", "translated", "chdir", "path", "int"},
            {13, "fchdir", "translated", "fchdir", "fd", "int"},
            {20, "getpid", "translated", "getpid", "-", "pid"},
            {24, "getuid", "translated", "getuid", "-", "uid"},
            {25, "geteuid", "translated", "geteuid", "-", "uid"},
            {39, "getppid", "translated", "getppid", "-", "pid"},
            {43, "getegid", "translated", "getegid", "-", "uid"},
            {47, "getgid", "translated", "getgid", "-", "uid"},
            {33, "access", "translated", "access", "path,amode", "int"},
            {37, "kill", "translated", "kill", "pid,signo", "int"},
            {41, "dup", "translated", "dup", "fd", "fd"},
            {90, "dup2", "translated", "dup2", "fd,fd", "fd"},
            {42, "freebsd10_pipe", "translated", "pipe2", "-", "pipe"},
            {54, "ioctl", "partial", "ioctl", "fd,ioctlcmd,ptr", "int"},
            {58, "readlink", "translated", "readlink", "path,obuf,size", "ssize"},
            {73, "munmap", "translated", "munmap", "ptr,size", "int"},
            {74, "mprotect", "translated", "mprotect", "ptr,size,prot", "int"},
            {75, "madvise", "translated", "madvise", "ptr,size,madvice", "int"},
            {92, "fcntl", "translated", "fcntl", "fd,fcntlcmd,long", "int"},
            {116, "gettimeofday", "translated", "gettimeofday", "timeval,ptr", "int"},
            {117, "getrusage", "translated", "getrusage", "rusagewho,rusage", "int"},
            {120, "readv", "translated", "readv", "fd,iovec,int", "ssize"},
            {121, "writev", "translated", "writev", "fd,iovec,int", "ssize"},
            {128, "rename", "translated", "rename", "path,path", "int"},
            {136, "mkdir", "translated", "mkdir", "path,mode", "int"},
            {137, "rmdir", "translated", "rmdir", "path", "int"},
            {165, "sysarch", "partial", "arch_prctl", "sysarchop,ptr", "int"},
            {188, "freebsd11_stat", "translated", "stat", "path,stat11", "int"},
            {189, "freebsd11_fstat", "translated", "fstat", "fd,stat11", "int"},
            {190, "freebsd11_lstat", "translated", "lstat", "path,stat11", "int"},
            {194, "getrlimit", "translated", "prlimit64", "rlimitres,rlimit", "int"},
            {195, "setrlimit", "translated", "prlimit64", "rlimitres,rlimit", "int"},
            {196, "freebsd11_getdirentries", "translated", "getdents64", "fd,dirents,int,ptr", "ssize"},
            {202, "__sysctl", "emulated", "emulate", "mib,uint,ptr,ptr,ptr,size", "int"},
            {232, "clock_gettime", "translated", "clock_gettime", "clockid,timespec", "int"},
            {234, "clock_getres", "translated", "clock_getres", "clockid,timespec", "int"},
            {240, "nanosleep", "translated", "nanosleep", "timespec,timespec", "int"},
            {253, "issetugid", "emulated", "emulate", "-", "int"},
            {326, "__getcwd", "translated", "getcwd", "obuf,size", "zero"},
            {340, "sigprocmask", "translated", "rt_sigprocmask", "sigprocmaskhow,sigset,sigset", "int"},
            {416, "sigaction", "translated", "rt_sigaction", "signo,sigaction,sigaction", "int"},
            {475, "pread", "translated", "pread64", "fd,obuf,size,off", "ssize"},
            {476, "pwrite", "translated", "pwrite64", "fd,ibuf,size,off", "ssize"},
            {477, "mmap", "partial", "mmap", "ptr,size,prot,mapflags,fd,off", "ptr"},
            {478, "lseek", "translated", "lseek", "fd,off,whence", "off"},
            {489, "faccessat", "translated", "faccessat2", "atfd,path,amode,atflags", "int"},
            {493, "freebsd11_fstatat", "translated", "newfstatat", "atfd,path,stat11,atflags", "int"},
            {496, "mkdirat", "translated", "mkdirat", "atfd,path,mode", "int"},
            {499, "openat", "translated", "openat", "atfd,path,oflags,mode", "fd"},
            {500, "readlinkat", "translated", "readlinkat", "atfd,path,obuf,size", "ssize"},
            {501, "renameat", "translated", "renameat", "atfd,path,atfd,path", "int"},
            {503, "unlinkat", "translated", "unlinkat", "atfd,path,atflags", "int"},
            {504, "posix_openpt", "translated", "openat", "oflags", "fd"},
            {542, "pipe2", "translated", "pipe2", "pipefds,pipeflags", "int"},
            {551, "fstat", "translated", "fstat", "fd,stat", "int"},
            {59, "execve", "translated", "execve", "path,ptr,ptr", "int"},
            {552, "fstatat", "translated", "newfstatat", "atfd,path,stat,atflags", "int"},
            {554, "getdirentries", "translated", "getdents64", "fd,dirents,size,ptr", "ssize"},
            {563, "getrandom", "translated", "getrandom", "obuf,size,grndflags", "ssize"},
            {570, "__sysctlbyname", "emulated", "emulate", "str,size,ptr,ptr,ptr,size", "int"},
            {27, "recvmsg", "partial", "recvmsg", "fd,msghdr,msgflags", "ssize"},
            {28, "sendmsg", "partial", "sendmsg", "fd,msghdr,msgflags", "ssize"},
            {29, "recvfrom", "translated", "recvfrom", "fd,obuf,size,msgflags,sockaddrout,socklenp", "ssize"},
            {30, "accept", "translated", "accept", "fd,sockaddrout,socklenp", "fd"},
            {31, "getpeername", "translated", "getpeername", "fd,sockaddrout,socklenp", "int"},
            {32, "getsockname", "translated", "getsockname", "fd,sockaddrout,socklenp", "int"},
            {93, "select", "translated", "select", "int,fdset,fdset,fdset,timeval", "int"},
            {97, "socket", "translated", "socket", "sockdomain,socktype,int", "fd"},
            {98, "connect", "translated", "connect", "fd,sockaddr,uint", "int"},
            {104, "bind", "translated", "bind", "fd,sockaddr,uint", "int"},
            {105, "setsockopt", "partial", "setsockopt", "fd,socklevel,sockopt,ptr,uint", "int"},
            {106, "listen", "translated", "listen", "fd,int", "int"},
            {118, "getsockopt", "partial", "getsockopt", "fd,socklevel,sockopt,ptr,socklenp", "int"},
            {133, "sendto", "translated", "sendto", "fd,ibuf,size,msgflags,sockaddr,uint", "ssize"},
            {134, "shutdown", "translated", "shutdown", "fd,int", "int"},
            {135, "socketpair", "translated", "socketpair", "sockdomain,socktype,int,pipefds", "int"},
            {209, "poll", "translated", "poll", "pollfds,uint,int", "int"},
            {522, "pselect", "translated", "pselect6", "int,fdset,fdset,fdset,timespec,sigset", "int"},
            {541, "accept4", "translated", "accept4", "fd,sockaddrout,socklenp,sockflags", "fd"},
            {545, "ppoll", "translated", "ppoll", "pollfds,uint,timespec,sigset", "int"},
            // contexts (testbins/src/context.c)
            {421, "getcontext", "emulated", "emulate", "ptr", "int"},
            {422, "setcontext", "emulated", "emulate", "ptr", "int"},
            {423, "swapcontext", "emulated", "emulate", "ptr,ptr", "int"},
            // process descriptors (testbins/src/procdesc.c)
            {518, "pdfork", "partial", "fork", "ptr,int", "int"},
            {519, "pdkill", "translated", "pidfd_send_signal", "fd,signo", "int"},
            {520, "pdgetpid", "emulated", "emulate", "fd,ptr", "int"},
            // misc (testbins/src/misc.c, abort2.c)
            {463, "abort2", "translated", "tgkill", "str,int,ptr", "void"},
            {390, "kenv", "emulated", "emulate", "int,str,ptr,int", "int"},
            {392, "uuidgen", "emulated", "emulate", "ptr,int", "int"},
            {456, "sigqueue", "translated", "rt_sigqueueinfo", "pid,signo,ptr", "int"},
            {573, "sigfastblock", "emulated", "emulate", "int,ptr", "int"},
            {577, "__specialfd", "translated", "eventfd2", "int,ptr,size", "fd"},
            {584, "membarrier", "translated", "membarrier", "int,uint,int", "int"},
            // time (testbins/src/clocks.c)
            {122, "settimeofday", "translated", "settimeofday", "timeval,ptr", "int"},
            {140, "adjtime", "translated", "adjtimex", "timeval,timeval", "int"},
            {176, "ntp_adjtime", "partial", "adjtimex", "ptr", "int"},
            {233, "clock_settime", "translated", "clock_settime", "clockid,timespec", "int"},
            {247, "clock_getcpuclockid2", "translated", "getpgid", "long,int,ptr", "int"},
            {248, "ntp_gettime", "translated", "adjtimex", "ptr", "int"},
            {585, "timerfd_create", "translated", "timerfd_create", "clockid,pipeflags", "fd"},
            {586, "timerfd_gettime", "translated", "timerfd_gettime", "fd,ptr", "int"},
            {587, "timerfd_settime", "translated", "timerfd_settime", "fd,int,ptr,ptr", "int"},
            // files (testbins/src/files.c)
            {36, "sync", "translated", "sync", "-", "int"},
            {205, "undelete", "partial", "newfstatat", "path", "int"},
            {274, "lchmod", "partial", "fchmodat", "path,mode", "int"},
            {289, "preadv", "translated", "preadv", "fd,iovec,uint,off", "ssize"},
            {290, "pwritev", "translated", "pwritev", "fd,iovec,uint,off", "ssize"},
            {376, "eaccess", "translated", "faccessat2", "path,amode", "int"},
            {490, "fchmodat", "partial", "fchmodat", "atfd,path,mode,atflags", "int"},
            {494, "futimesat", "translated", "utimensat", "atfd,path,timeval", "int"},
            {538, "bindat", "partial", "bind", "fd,fd,sockaddr,uint", "int"},
            {539, "connectat", "partial", "connect", "fd,fd,sockaddr,uint", "int"},
            {568, "funlinkat", "partial", "unlinkat", "atfd,path,fd,atflags", "int"},
            {574, "__realpathat", "partial", "openat", "atfd,path,obuf,size,int", "int"},
            // identity and scheduling (testbins/src/sched.c)
            {166, "rtprio", "partial", "kill", "int,pid,ptr", "int"},
            {182, "setegid", "translated", "setresgid", "uint", "int"},
            {183, "seteuid", "translated", "setresuid", "uint", "int"},
            {321, "yield", "translated", "sched_yield", "-", "int"},
            {327, "sched_setparam", "partial", "sched_setparam", "pid,ptr", "int"},
            {328, "sched_getparam", "partial", "sched_getparam", "pid,ptr", "int"},
            {329, "sched_setscheduler", "partial", "sched_setscheduler", "pid,int,ptr", "int"},
            {330, "sched_getscheduler", "translated", "sched_getscheduler", "pid", "int"},
            {332, "sched_get_priority_max", "emulated", "emulate", "int", "int"},
            {333, "sched_get_priority_min", "emulated", "emulate", "int", "int"},
            {334, "sched_rr_get_interval", "partial", "sched_rr_get_interval", "pid,timespec", "int"},
            {581, "sched_getcpu", "translated", "getcpu", "-", "int"},
            // 4.3BSD and FreeBSD 4/6 compatibility calls (testbins/src/compat.c)
            {8, "ocreat", "translated", "creat", "path,mode", "fd"},
            {18, "freebsd4_getfsstat", "translated", "statfs", "ostatfs,long,int", "int"},
            {157, "freebsd4_statfs", "translated", "statfs", "path,ostatfs", "int"},
            {158, "freebsd4_fstatfs", "translated", "fstatfs", "fd,ostatfs", "int"},
            {84, "owait", "translated", "wait4", "-", "int"},
            {71, "ommap", "partial", "mmap", "ptr,int,int,int,fd,long", "ptr"},
            {112, "osigstack", "emulated", "emulate", "ptr,ptr", "int"},
            {111, "osigsuspend", "translated", "rt_sigsuspend", "int", "int"},
            {48, "osigprocmask", "translated", "rt_sigprocmask", "sigprocmaskhow,int", "int"},
            {52, "osigpending", "translated", "rt_sigpending", "-", "int"},
            {109, "osigblock", "translated", "rt_sigprocmask", "int", "int"},
            {110, "osigsetmask", "translated", "rt_sigprocmask", "int", "int"},
            {149, "oquota", "emulated", "emulate", "-", "int"},
            {272, "freebsd11_getdents", "translated", "getdents64", "fd,dirents,size", "ssize"},
            {278, "freebsd11_nstat", "translated", "stat", "path,nstat", "int"},
            {279, "freebsd11_nfstat", "translated", "fstat", "fd,nstat", "int"},
            {280, "freebsd11_nlstat", "translated", "lstat", "path,nstat", "int"},
            {19, "olseek", "translated", "lseek", "fd,long,whence", "off"},
            {38, "ostat", "translated", "stat", "path,ostat", "int"},
            {40, "olstat", "translated", "lstat", "path,ostat", "int"},
            {62, "ofstat", "translated", "fstat", "fd,ostat", "int"},
            {64, "ogetpagesize", "emulated", "emulate", "-", "int"},
            {87, "ogethostname", "translated", "uname", "obuf,uint", "int"},
            {88, "osethostname", "partial", "sethostname", "ibuf,uint", "int"},
            {89, "getdtablesize", "translated", "prlimit64", "-", "int"},
            {99, "oaccept", "translated", "accept", "fd,sockaddrout,socklenp", "fd"},
            {101, "osend", "translated", "sendto", "fd,ibuf,int,msgflags", "ssize"},
            {102, "orecv", "translated", "recvfrom", "fd,obuf,int,msgflags", "ssize"},
            {125, "orecvfrom", "translated", "recvfrom", "fd,obuf,size,msgflags,sockaddrout,socklenp", "ssize"},
            {129, "otruncate", "translated", "truncate", "path,long", "int"},
            {130, "oftruncate", "translated", "ftruncate", "fd,long", "int"},
            {141, "ogetpeername", "translated", "getpeername", "fd,sockaddrout,socklenp", "int"},
            {142, "ogethostid", "emulated", "emulate", "-", "int"},
            {144, "ogetrlimit", "translated", "prlimit64", "rlimitres,orlimit", "int"},
            {145, "osetrlimit", "translated", "prlimit64", "rlimitres,orlimit", "int"},
            {146, "okillpg", "partial", "kill", "int,signo", "int"},
            {150, "ogetsockname", "translated", "getsockname", "fd,sockaddrout,socklenp", "int"},
            {162, "freebsd4_getdomainname", "translated", "uname", "obuf,int", "int"},
            {163, "freebsd4_setdomainname", "partial", "setdomainname", "ibuf,int", "int"},
            {164, "freebsd4_uname", "translated", "uname", "ptr", "int"},
            {173, "freebsd6_pread", "translated", "pread64", "fd,obuf,size,pad,off", "ssize"},
            {174, "freebsd6_pwrite", "translated", "pwrite64", "fd,ibuf,size,pad,off", "ssize"},
            {197, "freebsd6_mmap", "partial", "mmap", "ptr,size,prot,mapflags,fd,pad,off", "ptr"},
            {199, "freebsd6_lseek", "translated", "lseek", "fd,pad,off,whence", "off"},
            {200, "freebsd6_truncate", "translated", "truncate", "path,pad,off", "int"},
            {201, "freebsd6_ftruncate", "translated", "ftruncate", "fd,pad,off", "int"},
        };
        Set<Integer> specified = new HashSet<>();
        for (Object[] s : spec) {
            int n = (Integer) s[0];
            specified.add(n);
            SyscallRow r = table.byNumber(n);
            assertEquals(s[1], r.name(), "name of " + n);
            assertEquals(Status.parse((String) s[2]), r.status(), "status of " + n);
            assertEquals(s[3], r.linuxName(), "linux of " + n);
            String args = r.args().isEmpty() ? "-" : String.join(",", r.args());
            assertEquals(s[4], args, "args of " + n);
            assertEquals(s[5], r.result(), "result of " + n);
        }
        for (SyscallRow r : table.rows()) {
            if (r.status().isSupported()) {
                assertTrue(specified.contains(r.number()), r.number() + " " + r.name() + " is supported but unspecified");
            }
        }
    }

    /**
     * Go's zsysnum_freebsd_amd64.go (generated from an older syscalls.master): wherever the
     * function a Go entry names is one of ours, the row at that number must carry that name
     * (compat prefixes allowed; Go keeps the old spelling of a few, e.g. "sys_exit", "obreak" with
     * the syscall name after the closing brace).
     */
    @Test
    void namesAgreeWithGo() {
        Assumptions.assumeTrue(Sources.exists(Sources.GO_SYSNUM_FREEBSD), "Go FreeBSD sysnum file not installed");
        Pattern entry = Pattern.compile("^\\s*SYS_\\w+\\s*=\\s*(\\d+)\\s*//\\s*\\{(.*)$");
        Pattern fn = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)\\s*\\(");
        Pattern alt = Pattern.compile("\\}\\s*([A-Za-z_][A-Za-z0-9_]*)");
        Set<String> ours = new HashSet<>();
        for (SyscallRow r : table.rows()) {
            ours.add(r.name());
            ours.add(baseName(r));
        }
        int checked = 0;
        for (String line : Sources.lines(Sources.GO_SYSNUM_FREEBSD)) {
            Matcher m = entry.matcher(line);
            if (!m.matches()) {
                continue;
            }
            int number = Integer.parseInt(m.group(1));
            Matcher f = fn.matcher(m.group(2));
            assertTrue(f.find(), line);
            Set<String> candidates = new HashSet<>();
            candidates.add(f.group(1));
            if (f.group(1).startsWith("sys_")) {
                candidates.add(f.group(1).substring(4));
            }
            Matcher a = alt.matcher(m.group(2));
            if (a.find()) {
                candidates.add(a.group(1));
            }
            if (candidates.stream().noneMatch(ours::contains)) {
                continue; // renamed since (e.g. cap_getrights -> __cap_rights_get)
            }
            SyscallRow r = table.byNumber(number);
            assertNotNull(r, "Go has " + number + " " + candidates);
            assertTrue(candidates.contains(r.name()) || candidates.contains(baseName(r)),
                    "Go: " + number + " " + candidates + ", table: " + r.name() + " (" + r.type() + ")");
            checked++;
        }
        assertTrue(checked > 300, "only " + checked + " Go entries compared");
    }

    /** linux-x86_64-syscalls.tsv is exactly the __NR_* list of asm/unistd_64.h. */
    @Test
    void linuxTableMatchesUnistd64() {
        Assumptions.assumeTrue(Sources.exists(Sources.UNISTD_64), "asm/unistd_64.h not installed");
        Pattern nr = Pattern.compile("^#define\\s+__NR_([a-z0-9_]+)\\s+(\\d+)\\s*$");
        Map<String, Integer> header = new LinkedHashMap<>();
        for (String line : Sources.lines(Sources.UNISTD_64)) {
            Matcher m = nr.matcher(line);
            if (m.matches()) {
                header.put(m.group(1), Integer.parseInt(m.group(2)));
            }
        }
        assertTrue(header.size() > 300, "parsed only " + header.size());
        TsvTable t = TsvTable.load(LinuxSyscalls.FILE);
        assertFalse(t.sources().isEmpty());
        Map<String, Integer> ours = new HashMap<>();
        for (String[] row : t.rows()) {
            assertEquals(null, ours.put(row[t.column("name")].trim(), Integer.parseInt(row[t.column("number")].trim())),
                    "duplicate " + row[1]);
        }
        assertEquals(header, ours);
        for (Map.Entry<String, Integer> e : header.entrySet()) {
            assertEquals((int) e.getValue(), LinuxSyscalls.number(e.getKey()), e.getKey());
            assertEquals(e.getKey(), LinuxSyscalls.name(e.getValue()));
        }
        assertEquals(0, LinuxSyscalls.require("read"));
        assertEquals(231, LinuxSyscalls.require("exit_group"));
        assertEquals(-1, LinuxSyscalls.number("no_such_syscall"));
    }
}
