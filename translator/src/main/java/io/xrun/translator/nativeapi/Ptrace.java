package io.xrun.translator.nativeapi;

import io.xrun.maps.LinuxSyscalls;

/**
 * ptrace(2) and friends as raw syscalls. Request and option values: Linux
 * include/uapi/linux/ptrace.h. Every method must be called from the one tracer thread:
 * the kernel binds a tracee to the thread that attached it.
 */
public final class Ptrace {
    public static final int PTRACE_CONT = 7;
    public static final int PTRACE_KILL = 8;
    public static final int PTRACE_GETREGS = 12;
    public static final int PTRACE_SETREGS = 13;
    public static final int PTRACE_GETFPREGS = 14;
    public static final int PTRACE_SETFPREGS = 15;
    public static final int PTRACE_GETREGSET = 0x4204;
    public static final int PTRACE_SETREGSET = 0x4205;
    /** include/uapi/linux/elf.h: the x86 extended state regset. */
    public static final int NT_X86_XSTATE = 0x202;
    public static final int PTRACE_GETSIGMASK = 0x420a;
    public static final int PTRACE_SETSIGMASK = 0x420b;
    public static final int PTRACE_SYSCALL = 24;
    public static final int PTRACE_DETACH = 17;
    public static final int PTRACE_SETOPTIONS = 0x4200;
    public static final int PTRACE_GETEVENTMSG = 0x4201;
    public static final int PTRACE_GETSIGINFO = 0x4202;
    public static final int PTRACE_SEIZE = 0x4206;
    public static final int PTRACE_INTERRUPT = 0x4207;
    public static final int PTRACE_LISTEN = 0x4208;

    public static final int O_TRACESYSGOOD = 0x1;
    public static final int O_TRACEFORK = 0x2;
    public static final int O_TRACEVFORK = 0x4;
    public static final int O_TRACECLONE = 0x8;
    public static final int O_TRACEEXEC = 0x10;
    public static final int O_EXITKILL = 0x100000;
    /** PTRACE_O_TRACESECCOMP: stop at a filter's SECCOMP_RET_TRACE (include/uapi/linux/ptrace.h). */
    public static final int O_TRACESECCOMP = 0x80;

    public static final int EVENT_FORK = 1;
    public static final int EVENT_VFORK = 2;
    public static final int EVENT_CLONE = 3;
    public static final int EVENT_EXEC = 4;
    public static final int EVENT_STOP = 128;
    /** PTRACE_EVENT_SECCOMP (include/uapi/linux/ptrace.h). */
    public static final int EVENT_SECCOMP = 7;

    /** waitpid options (include/uapi/linux/wait.h). */
    public static final int WUNTRACED = 2;
    public static final int WALL = 0x40000000;

    /** Linux SIGTRAP, SIGSTOP, SIGCONT (include/uapi/asm-generic/signal.h). */
    public static final int SIGTRAP = 5;
    public static final int SIGSTOP = 19;
    public static final int SIGCONT = 18;
    public static final int SIGTSTP = 20;
    public static final int SIGTTIN = 21;
    public static final int SIGTTOU = 22;
    public static final int SIGKILL = 9;

    private static final long NR_PTRACE = LinuxSyscalls.require("ptrace");
    private static final long NR_TGKILL = LinuxSyscalls.require("tgkill");
    private static final long NR_VM_READV = LinuxSyscalls.require("process_vm_readv");
    private static final long NR_VM_WRITEV = LinuxSyscalls.require("process_vm_writev");

    private static final LibC C = Native.LIBC;

    private Ptrace() {
    }

    /** Returns 0 or -errno. */
    public static int request(int req, int tid, long addr, long data) {
        long r = C.syscall(NR_PTRACE, req, tid, addr, data, 0, 0);
        return r == -1 ? -Native.errno() : (int) r;
    }

    public static int tgkill(int tgid, int tid, int sig) {
        long r = C.syscall(NR_TGKILL, tgid, tid, sig, 0, 0, 0);
        return r == -1 ? -Native.errno() : 0;
    }

    /** process_vm_readv with one local and one remote iovec; returns bytes or -errno. */
    public static long vmRead(int pid, long localIov, long remoteIov) {
        long r = C.syscall(NR_VM_READV, pid, localIov, 1, remoteIov, 1, 0);
        return r == -1 ? -Native.errno() : r;
    }

    public static long vmWrite(int pid, long localIov, long remoteIov) {
        long r = C.syscall(NR_VM_WRITEV, pid, localIov, 1, remoteIov, 1, 0);
        return r == -1 ? -Native.errno() : r;
    }

    // wait status decoding, as <sys/wait.h> macros
    public static boolean exited(int status) {
        return (status & 0x7f) == 0;
    }

    public static int exitCode(int status) {
        return (status >> 8) & 0xff;
    }

    public static boolean signaled(int status) {
        return (status & 0x7f) != 0 && (status & 0x7f) != 0x7f;
    }

    public static int termSig(int status) {
        return status & 0x7f;
    }

    public static boolean stopped(int status) {
        return (status & 0xff) == 0x7f;
    }

    public static int stopSig(int status) {
        return (status >> 8) & 0xff;
    }

    public static int event(int status) {
        return (status >>> 16) & 0xffff;
    }
}
