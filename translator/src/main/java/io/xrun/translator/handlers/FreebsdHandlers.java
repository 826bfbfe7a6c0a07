package io.xrun.translator.handlers;

import io.xrun.maps.SyscallRow;
import io.xrun.maps.SyscallTable;
import io.xrun.translator.core.HandlerRegistry;
import io.xrun.translator.core.SyscallHandler;
import io.xrun.translator.handlers.net.MsgHandler;
import io.xrun.translator.handlers.net.PollHandler;
import io.xrun.translator.handlers.net.SelectHandler;
import io.xrun.translator.handlers.net.SockaddrInHandler;
import io.xrun.translator.handlers.net.SockaddrOutHandler;
import io.xrun.translator.handlers.net.SocketHandler;
import io.xrun.translator.handlers.net.SockoptHandler;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The FreeBSD personality's handler set: which table rows need a dedicated handler, by the
 * FreeBSD name in the table. Every other supported row is table-driven.
 */
public final class FreebsdHandlers {
    private FreebsdHandlers() {
    }

    public static Map<String, Function<SyscallRow, SyscallHandler>> specials() {
        Map<String, Function<SyscallRow, SyscallHandler>> m = new HashMap<>();
        for (String n : new String[] {"fstat", "fstatat", "freebsd11_stat", "freebsd11_fstat", "freebsd11_lstat",
            "freebsd11_fstatat", "ostat", "olstat", "ofstat", "freebsd11_nstat", "freebsd11_nfstat", "freebsd11_nlstat"}) {
            m.put(n, StatHandler::new);
        }
        m.put("getdirentries", GetdirentriesHandler::new);
        m.put("freebsd11_getdirentries", GetdirentriesHandler::new);
        m.put("freebsd11_getdents", GetdirentriesHandler::new);
        m.put("fcntl", FcntlHandler::new);
        m.put("sendfile", SendfileHandler::new);
        m.put("cap_enter", CapModeHandler::new);
        m.put("cap_getmode", CapModeHandler::new);
        m.put("__getcwd", GetcwdHandler::new);
        m.put("ioctl", IoctlHandler::new);
        m.put("mmap", MmapHandler::new);
        m.put("freebsd6_mmap", MmapHandler::new);
        m.put("ommap", MmapHandler::new);
        for (String n : new String[] {"getrlimit", "setrlimit", "ogetrlimit", "osetrlimit"}) {
            m.put(n, RlimitHandler::new);
        }
        m.put("ogetpagesize", CompatHandlers.SysctlValue::new);
        m.put("oquota", CompatHandlers.Oquota::new);
        m.put("osigsuspend", CompatHandlers.Osigsuspend::new);
        m.put("owait", CompatHandlers.Owait::new);
        m.put("osigstack", CompatHandlers.Osigstack::new);
        for (String n : new String[] {"osigprocmask", "osigpending", "osigblock", "osigsetmask"}) {
            m.put(n, CompatHandlers.OldSigmask::new);
        }
        m.put("ogethostid", CompatHandlers.SysctlValue::new);
        m.put("okillpg", CompatHandlers.Killpg::new);
        m.put("getdtablesize", CompatHandlers.Dtablesize::new);
        for (String n : new String[] {"ogethostname", "freebsd4_getdomainname", "freebsd4_uname"}) {
            m.put(n, CompatHandlers.Uname::new);
        }
        m.put("sysarch", SysarchHandler::new);
        m.put("__sysctl", SysctlHandler::new);
        m.put("__sysctlbyname", SysctlHandler::new);
        m.put("freebsd10_pipe", OldPipeHandler::new);
        m.put("posix_openpt", PosixOpenptHandler::new);
        m.put("issetugid", IssetugidHandler::new);
        m.put("syscall", NestedIndirectHandler::new);
        m.put("__syscall", NestedIndirectHandler::new);
        m.put("sigprocmask", SigprocmaskHandler::new);
        m.put("sigaction", SigactionHandler::new);
        m.put("munmap", PageRangeHandler::new);
        m.put("mprotect", PageRangeHandler::new);
        m.put("madvise", PageRangeHandler::new);
        for (String n : new String[] {"mincore", "msync", "mlock", "munlock"}) {
            m.put(n, PageRangeHandler::new);
        }
        m.put("minherit", MinheritHandler::new);
        m.put("clock_gettime", TimeHandlers.Clock::new);
        m.put("clock_getres", TimeHandlers.Clock::new);
        m.put("nanosleep", TimeHandlers.Nanosleep::new);
        m.put("uuidgen", MiscHandlers.Uuidgen::new);
        m.put("kenv", MiscHandlers.Kenv::new);
        m.put("sigqueue", MiscHandlers.Sigqueue::new);
        m.put("membarrier", MiscHandlers.Membarrier::new);
        m.put("__specialfd", MiscHandlers.Specialfd::new);
        m.put("sigfastblock", MiscHandlers.Sigfastblock::new);
        m.put("abort2", MiscHandlers.Abort2::new);
        m.put("pdfork", ProcdescHandlers.Pdfork::new);
        m.put("pdkill", ProcdescHandlers.Pdkill::new);
        m.put("pdgetpid", ProcdescHandlers.Pdgetpid::new);
        m.put("clock_settime", ClockHandlers.Settime::new);
        m.put("settimeofday", ClockHandlers.Settime::new);
        m.put("adjtime", ClockHandlers.Adjtime::new);
        m.put("ntp_gettime", ClockHandlers.Ntp::new);
        m.put("ntp_adjtime", ClockHandlers.Ntp::new);
        m.put("clock_getcpuclockid2", ClockHandlers.CpuClockId::new);
        m.put("timerfd_create", ClockHandlers.TimerfdCreate::new);
        m.put("thr_new", ThrNewHandler::new);
        m.put("thr_exit", ThrExitHandler::new);
        m.put("thr_self", ThrSelfHandler::new);
        m.put("thr_kill", ThrKillHandler::new);
        m.put("thr_kill2", ThrKillHandler::new);
        m.put("thr_set_name", ThrSetNameHandler::new);
        m.put("_umtx_op", UmtxOpHandler::new);
        m.put("cpuset_getaffinity", CpusetAffinityHandler::new);
        m.put("cpuset_setaffinity", CpusetAffinityHandler::new);
        m.put("rtprio_thread", RtprioThreadHandler::new);
        m.put("rtprio", SchedHandlers.Rtprio::new);
        m.put("sched_get_priority_max", SchedHandlers.PriorityRange::new);
        m.put("sched_get_priority_min", SchedHandlers.PriorityRange::new);
        m.put("sched_getscheduler", SchedHandlers.GetScheduler::new);
        m.put("sched_setscheduler", SchedHandlers.Set::new);
        m.put("sched_setparam", SchedHandlers.Set::new);
        m.put("sched_getparam", SchedHandlers.GetParam::new);
        m.put("sched_rr_get_interval", SchedHandlers.RrInterval::new);
        m.put("sched_getcpu", SchedHandlers.Getcpu::new);
        m.put("seteuid", SchedHandlers.SetEffective::new);
        m.put("setegid", SchedHandlers.SetEffective::new);
        m.put("fork", ForkHandler::new);
        m.put("vfork", ForkHandler::new);
        m.put("rfork", RforkHandler::new);
        m.put("wait4", WaitHandler::new);
        m.put("wait6", WaitHandler::new);
        m.put("sigaltstack", SigaltstackHandler::new);
        m.put("sigreturn", SigreturnHandler::new);
        for (String n : new String[] {"getcontext", "setcontext", "swapcontext"}) {
            m.put(n, ContextHandler::new);
        }
        m.put("sigpending", SigpendingHandler::new);
        m.put("sigsuspend", SigsuspendHandler::new);
        m.put("sigtimedwait", SigwaitHandler::new);
        m.put("sigwaitinfo", SigwaitHandler::new);
        m.put("sigwait", SigwaitHandler::new);
        m.put("kqueue", io.xrun.translator.handlers.kqueue.KqueueHandler::new);
        m.put("kqueuex", io.xrun.translator.handlers.kqueue.KqueueHandler::new);
        m.put("kevent", io.xrun.translator.handlers.kqueue.KeventHandler::new);
        m.put("freebsd11_kevent", io.xrun.translator.handlers.kqueue.KeventHandler::new);
        m.put("close", CloseHandler::new);
        m.put("procctl", ProcctlHandler::new);
        m.put("ptrace", PtraceHandler::new);
        m.put("getgroups", GroupsHandler::new);
        m.put("setgroups", GroupsHandler::new);
        m.put("mkfifo", MkfifoHandler::new);
        m.put("mkfifoat", MkfifoHandler::new);
        m.put("lchmod", FileHandlers.Chmod::new);
        m.put("fchmodat", FileHandlers.Chmod::new);
        m.put("eaccess", FileHandlers.Eaccess::new);
        m.put("funlinkat", FileHandlers.Funlinkat::new);
        m.put("__realpathat", FileHandlers.Realpathat::new);
        m.put("undelete", FileHandlers.Undelete::new);
        for (String n : new String[] {"utimensat", "futimens", "futimes", "lutimes", "futimesat"}) {
            m.put(n, UtimesHandler::new);
        }
        for (String n : new String[] {"statfs", "fstatfs", "freebsd11_statfs", "freebsd11_fstatfs", "freebsd4_statfs",
            "freebsd4_fstatfs"}) {
            m.put(n, StatfsHandler::new);
        }
        for (String n : new String[] {"extattr_get_file", "extattr_get_fd", "extattr_get_link", "extattr_set_file",
            "extattr_set_fd", "extattr_set_link", "extattr_delete_file", "extattr_delete_fd", "extattr_delete_link",
            "extattr_list_file", "extattr_list_fd", "extattr_list_link"}) {
            m.put(n, ExtattrHandler::new);
        }
        for (String n : new String[] {"pathconf", "lpathconf", "fpathconf"}) {
            m.put(n, PathconfHandler::new);
        }
        for (String n : new String[] {"chflags", "lchflags", "fchflags", "chflagsat"}) {
            m.put(n, ChflagsHandler::new);
        }
        m.put("getpriority", PriorityHandler::new);
        m.put("setpriority", PriorityHandler::new);
        m.put("getlogin", LoginHandler::new);
        m.put("setlogin", LoginHandler::new);
        for (String n : new String[] {"mknodat", "freebsd11_mknod", "freebsd11_mknodat"}) {
            m.put(n, MknodHandler::new);
        }
        m.put("setitimer", TimerHandlers.Itimer::new);
        m.put("getitimer", TimerHandlers.Itimer::new);
        m.put("clock_nanosleep", TimerHandlers.ClockNanosleep::new);
        m.put("ktimer_create", TimerHandlers.KtimerCreate::new);
        m.put("posix_fallocate", IoHandlers.PosixFile::new);
        m.put("posix_fadvise", IoHandlers.PosixFile::new);
        m.put("close_range", IoHandlers.CloseRange::new);
        m.put("freebsd12_closefrom", IoHandlers.CloseRange::new);
        m.put("fexecve", IoHandlers.Fexecve::new);
        for (String n : new String[] {"shmctl", "msgctl", "__semctl"}) {
            m.put(n, SysvIpcHandler::new);
        }
        for (String n : new String[] {"shm_open2", "freebsd12_shm_open", "shm_unlink", "shm_rename"}) {
            m.put(n, ShmOpenHandler::new);
        }
        for (String n : HostAdminHandlers.fixedNames()) {
            m.put(n, HostAdminHandlers.Fixed::new);
        }
        m.put("setfib", HostAdminHandlers.Setfib::new);
        m.put("getloginclass", HostAdminHandlers.Loginclass::new);
        m.put("setloginclass", HostAdminHandlers.Loginclass::new);
        for (String n : new String[] {"kldfind", "kldnext", "kldunloadf"}) {
            m.put(n, HostAdminHandlers.Kld::new);
        }
        m.put("__mac_execve", HostAdminHandlers.MacExecve::new);
        m.put("jail_get", HostAdminHandlers.Jail::new);
        m.put("jail_set", HostAdminHandlers.Jail::new);
        for (String n : new String[] {"__mac_get_proc", "__mac_set_proc", "__mac_get_fd", "__mac_set_fd", "__mac_get_pid"}) {
            m.put(n, HostAdminHandlers.Mac::new);
        }
        for (String n : new String[] {"kmq_open", "kmq_unlink", "kmq_setattr", "kmq_timedsend", "kmq_notify"}) {
            m.put(n, KmqHandler::new);
        }
        for (String op : new String[] {"get", "set", "delete", "aclcheck"}) {
            for (String form : new String[] {"file", "link", "fd"}) {
                m.put("__acl_" + op + "_" + form, AclHandler::new);
            }
        }
        for (String n : new String[] {"aio_read", "aio_write", "aio_readv", "aio_writev", "aio_mlock", "aio_fsync", "lio_listio",
            "aio_error", "aio_return", "aio_suspend", "aio_cancel", "aio_waitcomplete"}) {
            m.put(n, AioHandler::new);
        }
        for (String n : new String[] {"getfh", "lgetfh", "getfhat", "fhopen", "fhstat", "fhstatfs", "fhreadlink", "fhlink", "fhlinkat"}) {
            m.put(n, FhHandler::new);
        }
        for (String n : new String[] {"cpuset", "cpuset_setid", "cpuset_getid", "cpuset_getdomain", "cpuset_setdomain"}) {
            m.put(n, CpusetHandler::new);
        }
        for (String n : new String[] {"ksem_init", "ksem_post", "ksem_wait", "ksem_trywait", "ksem_timedwait", "ksem_getvalue",
            "ksem_destroy", "ksem_close"}) {
            m.put(n, KsemHandler::new);
        }
        m.put("getfsstat", GetfsstatHandler::new);
        m.put("freebsd11_getfsstat", GetfsstatHandler::new);
        m.put("freebsd4_getfsstat", GetfsstatHandler::new);
        m.put("socket", SocketHandler::new);
        m.put("socketpair", SocketHandler::new);
        for (String n : new String[] {"connect", "bind", "sendto", "connectat", "bindat"}) {
            m.put(n, SockaddrInHandler::new);
        }
        for (String n : new String[] {"accept", "accept4", "getsockname", "getpeername", "recvfrom",
            "oaccept", "ogetsockname", "ogetpeername", "orecvfrom"}) {
            m.put(n, SockaddrOutHandler::new);
        }
        m.put("setsockopt", SockoptHandler::new);
        m.put("getsockopt", SockoptHandler::new);
        m.put("sendmsg", MsgHandler::new);
        m.put("recvmsg", MsgHandler::new);
        m.put("poll", PollHandler::new);
        m.put("ppoll", PollHandler::new);
        m.put("select", SelectHandler::new);
        m.put("pselect", SelectHandler::new);
        return m;
    }

    public static HandlerRegistry registry(SyscallTable table) {
        return new HandlerRegistry(table, specials(), TableDrivenHandler::forRow);
    }
}
