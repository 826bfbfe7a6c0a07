package io.xrun.translator.handlers;

import io.xrun.maps.Errno;
import io.xrun.maps.LinuxSyscalls;
import io.xrun.maps.SyscallRow;
import io.xrun.translator.core.Call;
import io.xrun.translator.core.GuestMemory;
import io.xrun.translator.core.RegisterFile;
import io.xrun.translator.core.SyscallHandler;
import io.xrun.translator.core.ThreadIds;
import io.xrun.translator.nativeapi.NativeBuffer;

/**
 * thr_new(param, param_size) on Linux clone(). FreeBSD struct thr_param (sys/sys/thr.h):
 * start_func 0, arg 8, stack_base 16, stack_size 24, tls_base 32, tls_size 40, child_tid 48,
 * parent_tid 56, flags 64, rtp 72, spare[3] 80; 104 bytes.
 *
 * <p>Linux starts the child after the syscall instruction with the parent's registers, so the
 * values the child's start needs ride in registers clone ignores (no CLONE_*SETTID flags:
 * parent_tid and child_tid are unused): rdx = arg, r10 = start_func, r9 = child_tid. At the
 * child's first stop {@link #startChild} turns that into FreeBSD's cpu_set_upcall() state
 * (sys/amd64/amd64/vm_machdep.c): rip = start_func, rdi = arg, rsp = ((base + size) & ~15) - 8,
 * and writes the FreeBSD tid to *child_tid before the thread runs (libthr locks with it).
 */
public final class ThrNewHandler implements SyscallHandler {
    /** sizeof(struct thr_param), sys/sys/thr.h. */
    static final int PARAM_SIZE = 104;
    /** Linux include/uapi/linux/sched.h. */
    static final long CLONE_VM = 0x100, CLONE_FS = 0x200, CLONE_FILES = 0x400, CLONE_SIGHAND = 0x800,
            CLONE_THREAD = 0x10000, CLONE_SYSVSEM = 0x40000, CLONE_SETTLS = 0x80000;
    static final long THREAD_FLAGS = CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD | CLONE_SYSVSEM;
    private static final int CLONE = LinuxSyscalls.require("clone");

    public ThrNewHandler(SyscallRow row) {
    }

    @Override
    public void enter(Call c) {
        long size = c.arg(1);
        // kern_thr.c sys_thr_new: param_size must not exceed the struct; shorter is zero-filled.
        if (size < 0 || size > PARAM_SIZE) {
            c.emulateError(Errno.FREEBSD_EINVAL);
            return;
        }
        NativeBuffer b = c.buffer();
        b.zero(0, PARAM_SIZE);
        if (!c.copyIn(c.arg(0), 0, (int) size)) {
            return;
        }
        long start = b.getLong(0);
        long arg = b.getLong(8);
        long stackBase = b.getLong(16);
        long stackSize = b.getLong(24);
        long tls = b.getLong(32);
        c.stash[0] = b.getLong(48); // child_tid
        c.stash[1] = b.getLong(56); // parent_tid
        long sp = ((stackBase + stackSize) & ~15L) - 8;
        c.linuxArg(0, THREAD_FLAGS | (tls != 0 ? CLONE_SETTLS : 0));
        c.linuxArg(1, sp);
        c.linuxArg(2, arg);
        c.linuxArg(3, start);
        c.linuxArg(4, tls);
        c.linuxArg(5, c.stash[0]);
        c.runLinux(CLONE);
    }

    @Override
    public void exit(Call c) {
        long ftid = ThreadIds.toFreebsd((int) c.linuxResult());
        NativeBuffer b = c.buffer();
        b.putLong(0, ftid);
        // FreeBSD writes both before thr_new returns (kern_thr.c thread_create).
        if (c.stash[0] != 0 && !c.copyOut(c.stash[0], 0, 8)) {
            return;
        }
        if (c.stash[1] != 0 && !c.copyOut(c.stash[1], 0, 8)) {
            return;
        }
        c.returnValue(0);
    }

    /** At a new thread's first stop: enter start_func(arg) as FreeBSD does. */
    public static void startChild(int tid, RegisterFile regs, GuestMemory mem, NativeBuffer scratch) {
        long arg = regs.get(RegisterFile.RDX);
        long start = regs.get(RegisterFile.R10);
        long childTid = regs.get(RegisterFile.R9);
        regs.setRip(start);
        regs.setRdi(arg);
        regs.setRax(0);
        if (childTid != 0) {
            scratch.putLong(0, ThreadIds.toFreebsd(tid));
            mem.write(childTid, scratch, 0, 8);
        }
    }
}
