package io.xrun.translator.handlers.kqueue;

import io.xrun.maps.Errno;
import io.xrun.maps.LinuxSyscalls;
import io.xrun.maps.SyscallRow;
import io.xrun.translator.convert.WaitStatusConverter;
import io.xrun.translator.core.Call;
import io.xrun.translator.core.SyscallHandler;
import io.xrun.translator.nativeapi.NativeBuffer;

import static io.xrun.translator.handlers.kqueue.KeventAbi.*;

/**
 * kevent(kq, changelist, nchanges, eventlist, nevents, timeout) for both struct generations:
 * kevent (560, FreeBSD 12+: ident 0, filter 8, flags 10, fflags 12, data 16, udata 24, ext[4]
 * 32; 64 bytes) and freebsd11_kevent (363, the same without ext; 32 bytes), on epoll
 * (sys/sys/event.h; kern_event.c kern_kevent_generic and kqueue_register).
 *
 * <p>The changes are applied to xrun's model of the kqueue at entry, which yields a short
 * program of Linux calls: epoll_ctl where an fd's interest changed, timerfd/eventfd/pidfd
 * creation for TIMER/USER/PROC knotes, then epoll_pwait2 when events are wanted (the guest's
 * timespec is handed over as is: the layout is the same). Waking events are turned into
 * FreeBSD kevents with the knote's registered flags, udata and ext; EV_EOF on hang-up;
 * ONESHOT knotes are deleted and DISPATCH knotes disabled once delivered; CLEAR is
 * edge-triggered epoll (or, for USER, a reset of the eventfd). A change that fails produces
 * an EV_ERROR event with the errno in data when there is room in the eventlist (and then no
 * wait happens, as on FreeBSD), else kevent fails with it.
 *
 * <p>Filters: READ, WRITE, TIMER (NOTE_SECONDS/MSECONDS/USECONDS/NSECONDS, NOTE_ABSTIME,
 * periodic unless ONESHOT; data = expirations), USER (NOTE_TRIGGER, NOTE_FFAND/FFOR/FFCOPY),
 * PROC (NOTE_EXIT; data = the wait status, EV_EOF|EV_ONESHOT), SIGNAL (data = deliveries since
 * the last report, counted by the supervisor, which sees every signal; implicitly EV_CLEAR).
 * Others are EINVAL. READ data is the byte count (FIONREAD through a pidfd_getfd duplicate, no
 * ptrace stop); WRITE data is 0, not the free space.
 */
public final class KeventHandler implements SyscallHandler {
    private static final int EPOLL_CTL = LinuxSyscalls.require("epoll_ctl");
    private static final int EPOLL_PWAIT2 = LinuxSyscalls.require("epoll_pwait2");
    private static final int TIMERFD_CREATE = LinuxSyscalls.require("timerfd_create");
    private static final int TIMERFD_SETTIME = LinuxSyscalls.require("timerfd_settime");
    private static final int EVENTFD2 = LinuxSyscalls.require("eventfd2");
    private static final int PIDFD_OPEN = LinuxSyscalls.require("pidfd_open");
    private static final int WAITID = LinuxSyscalls.require("waitid");
    private static final int READ = LinuxSyscalls.require("read");
    private static final int WRITE = LinuxSyscalls.require("write");
    private static final int CLOSE = LinuxSyscalls.require("close");
    /**
     * Linux: CLOCK_REALTIME 0, CLOCK_MONOTONIC 1; TFD_/EFD_ NONBLOCK 0x800, CLOEXEC 0x80000;
     * TFD_TIMER_ABSTIME 1; P_PIDFD 3; WEXITED 4, WNOWAIT 0x01000000. The status is read without
     * WNOHANG: the pidfd is readable once the child has exited, but under ptrace its parent can
     * wait for it only after xrun (its tracer) has seen the exit, a moment later; WNOHANG could
     * find nothing in between. Blocking here lasts only that moment.
     */
    private static final long NONBLOCK_CLOEXEC = 0x800 | 0x80000, TFD_TIMER_ABSTIME = 1, P_PIDFD = 3,
            WEXITED_WNOWAIT = 4 | 0x01000000;
    private static final int EBADF = Errno.FREEBSD_EBADF, ENOENT = Errno.FREEBSD_ENOENT, EINVAL = Errno.FREEBSD_EINVAL,
            ESRCH = Errno.FREEBSD_ESRCH;
    /** Guest scratch layout: one epoll_event, one itimerspec, one u64, a zero timespec, then the wait's output. */
    private static final int SCR_EV = 0, SCR_ITS = 16, SCR_U64 = 48, SCR_ZERO = 64, SCR_OUT = 128;
    private static final int EPOLL_EVENT = 12;
    private static final int OUT_MAX = (Call.SCRATCH_MAX - SCR_OUT) / EPOLL_EVENT;
    private static final int CHUNK = 64;
    private static final int MAX_ROUNDS = 16;
    private final boolean wide;

    public KeventHandler(SyscallRow row) {
        this.wide = row.name().equals("kevent");
    }

    private int size() {
        return wide ? 64 : 32;
    }

    private static KeventProgram program(Call c) {
        if (!(c.ext instanceof KeventProgram)) {
            c.ext = new KeventProgram();
        }
        KeventProgram p = (KeventProgram) c.ext;
        p.process = c.process();
        return p;
    }

    @Override
    public void enter(Call c) {
        if (c.process().kqueues() != null) {
            KqueueRegistry.changing(c.process());
        }
        Kqueue kq = c.process().kqueues() == null ? null : KqueueRegistry.of(c.process()).get(c.intArg(0));
        if (kq == null) {
            c.emulateError(EBADF);
            return;
        }
        int nchanges = c.intArg(2);
        int nevents = c.intArg(4);
        if (nchanges < 0 || nevents < 0) {
            c.emulateError(EINVAL);
            return;
        }
        KeventProgram p = program(c);
        p.reset(kq, c.arg(3), nevents, wide, c.arg(5));
        rearm(p);
        NativeBuffer b = c.buffer();
        int sz = size();
        for (int done = 0; done < nchanges && p.abortErrno == 0; ) {
            int k = Math.min(CHUNK, nchanges - done);
            if (!c.copyIn(c.arg(1) + (long) done * sz, 0, k * sz)) {
                return;
            }
            for (int i = 0; i < k && p.abortErrno == 0; i++) {
                apply(p, b, i * sz);
            }
            done += k;
        }
        if (p.nerrors == 0 && p.abortErrno == 0 && nevents > 0) {
            p.add(KeventProgram.WAIT, 0, 0, null, -1);
        }
        if (p.n == 0) {
            if (p.abortErrno != 0) {
                c.emulateError(p.abortErrno);
            } else if (copyOutEvents(c, p)) {
                c.emulate(p.nout);
            }
            return;
        }
        issue(c, p, true);
    }

    /** Re-arms the interest of fds whose knotes changed at delivery. */
    private static void rearm(KeventProgram p) {
        Kqueue kq = p.kq;
        if (kq.dirtyCount == 0) {
            return;
        }
        for (int f = 0; f < kq.dirty.length; f++) {
            if (kq.dirty[f]) {
                kq.dirty[f] = false;
                kq.dirtyCount--;
                syncFd(p, f);
            }
        }
    }

    /** Queues the epoll_ctl that makes fd f's registered interest what its knotes want. */
    private static void syncFd(KeventProgram p, int f) {
        Kqueue kq = p.kq;
        long want = kq.wantedMask(f);
        long have = kq.maskByFd[f];
        boolean any = kq.readByFd[f] != null && !kq.readByFd[f].always || kq.writeByFd[f] != null && !kq.writeByFd[f].always;
        if (!any) {
            if (have >= 0) {
                p.add(KeventProgram.CTL, f, EPOLL_CTL_DEL, null, -1);
                kq.maskByFd[f] = -1;
            }
            return;
        }
        if (have == want) {
            return;
        }
        p.add(KeventProgram.CTL, f, have < 0 ? EPOLL_CTL_ADD : EPOLL_CTL_MOD, null, -1);
        kq.maskByFd[f] = want;
    }

    /** Applies one change (kqueue_register) to the model, queueing the Linux calls it needs. */
    private void apply(KeventProgram p, NativeBuffer b, int off) {
        long ident = b.getLong(off);
        int filter = b.getShort(off + 8);
        int flags = b.getShort(off + 10) & 0xffff;
        int fflags = b.getInt(off + 12);
        long data = b.getLong(off + 16);
        long udata = b.getLong(off + 24);
        Kqueue kq = p.kq;
        int err;
        if (filter == EVFILT_READ || filter == EVFILT_WRITE) {
            err = applyFd(p, kq, ident, filter, flags, udata, b, off);
        } else if (filter == EVFILT_TIMER || filter == EVFILT_USER || filter == EVFILT_PROC
                || filter == EVFILT_SIGNAL) {
            err = applySlot(p, kq, ident, filter, flags, fflags, data, udata, b, off);
        } else {
            err = EINVAL;
        }
        if (err != 0 || (flags & EV_RECEIPT) != 0) {
            changeError(p, ident, filter, flags, fflags, data, udata, err);
        }
    }

    private static void changeError(KeventProgram p, long ident, int filter, int flags, int fflags, long data,
                                    long udata, int err) {
        if (p.outFull()) {
            if (err != 0) {
                p.abortErrno = err;
            }
            return;
        }
        p.addOut(filter, ident, EV_ERROR, fflags, err, udata, null);
        p.nerrors++;
    }

    private int applyFd(KeventProgram p, Kqueue kq, long ident, int filter, int flags, long udata, NativeBuffer b,
                        int off) {
        if (ident < 0 || ident > Integer.MAX_VALUE) {
            return EBADF;
        }
        int f = (int) ident;
        Knote k = kq.fdKnote(f, filter);
        if (k == null) {
            if ((flags & EV_ADD) == 0) {
                return ENOENT;
            }
            k = new Knote(ident, filter);
            kq.putFdKnote(f, k);
            // Its close must now reach KqueueRegistry.closed, not run in a stub.
            p.process.watchFd(f);
        }
        if ((flags & EV_DELETE) != 0) {
            if (k.always) {
                kq.alwaysReady--;
            }
            kq.removeFdKnote(f, filter);
            syncFd(p, f);
            return 0;
        }
        if ((flags & EV_ADD) != 0) {
            k.flags = flags & ~TRANSIENT;
            if ((flags & EV_FORCEONESHOT) != 0) {
                k.flags |= EV_ONESHOT;
            }
            k.udata = udata;
            if (wide) {
                for (int j = 0; j < 4; j++) {
                    k.ext[j] = b.getLong(off + 32 + 8 * j);
                }
            }
            k.enabled = true;
        }
        if ((flags & EV_ENABLE) != 0) {
            k.enabled = true;
        }
        if ((flags & EV_DISABLE) != 0) {
            k.enabled = false;
        }
        syncFd(p, f);
        return 0;
    }

    private int applySlot(KeventProgram p, Kqueue kq, long ident, int filter, int flags, int fflags, long data,
                          long udata, NativeBuffer b, int off) {
        Knote k = kq.slotKnote(ident, filter);
        if (k == null) {
            if ((flags & EV_ADD) == 0) {
                return ENOENT;
            }
            if (filter == EVFILT_PROC && (fflags & ~NOTE_EXIT) != 0) {
                return EINVAL; // NOTE_FORK/NOTE_EXEC/NOTE_TRACK: not followed by xrun
            }
            if (filter == EVFILT_PROC && (ident <= 0 || ident > Integer.MAX_VALUE)) {
                return ESRCH;
            }
            if (filter == EVFILT_TIMER && data < 0 || filter == EVFILT_SIGNAL && (ident < 1 || ident > 128)) {
                return EINVAL;
            }
            k = new Knote(ident, filter);
            kq.addSlot(k);
            // USER and SIGNAL knotes wait on an eventfd; xrun bumps a SIGNAL knote's from the
            // supervisor when the signal comes (KqueueRegistry.signalled).
            int create = filter == EVFILT_TIMER ? KeventProgram.TIMER_CREATE
                    : filter == EVFILT_PROC ? KeventProgram.PIDFD_OPEN : KeventProgram.USER_CREATE;
            p.add(create, 0, 0, k, -1);
        }
        if ((flags & EV_DELETE) != 0) {
            kq.removeSlot(k);
            p.add(KeventProgram.CLOSE, 0, 0, k, -1);
            return 0;
        }
        if ((flags & EV_ADD) != 0) {
            k.flags = flags & ~TRANSIENT;
            if ((flags & EV_FORCEONESHOT) != 0) {
                k.flags |= EV_ONESHOT;
            }
            if (filter == EVFILT_SIGNAL) {
                k.flags |= EV_CLEAR; // kern_sig.c filt_sigattach: "automatically set"
            }
            k.udata = udata;
            k.enabled = true;
            if (wide) {
                for (int j = 0; j < 4; j++) {
                    k.ext[j] = b.getLong(off + 32 + 8 * j);
                }
            }
            if (filter == EVFILT_TIMER) {
                k.fflags = fflags;
                k.periodNs = timerNs(data, fflags);
                k.absolute = (fflags & NOTE_ABSTIME) != 0;
                if (k.aux >= 0) {
                    p.add(KeventProgram.TIMER_SET, 0, 0, k, -1);
                }
            } else if (filter == EVFILT_PROC) {
                k.fflags = fflags;
            } else {
                k.data = data;
            }
        }
        if ((flags & EV_ENABLE) != 0) {
            k.enabled = true;
        }
        if ((flags & EV_DISABLE) != 0) {
            k.enabled = false;
        }
        if (filter == EVFILT_USER) {
            int ctrl = fflags & NOTE_FFCTRLMASK;
            int ffl = fflags & NOTE_FFLAGSMASK;
            if (ctrl == NOTE_FFAND) {
                k.userFflags &= ffl;
            } else if (ctrl == NOTE_FFOR) {
                k.userFflags |= ffl;
            } else if (ctrl == NOTE_FFCOPY) {
                k.userFflags = ffl;
            }
            if ((fflags & NOTE_TRIGGER) != 0) {
                k.triggered = true;
                p.add(KeventProgram.USER_WRITE, 0, 0, k, -1);
            }
        }
        return 0;
    }

    /** An EVFILT_TIMER period in ns: data in NOTE_* units, milliseconds by default (at least 1 ns). */
    private static long timerNs(long data, int fflags) {
        long unit;
        if ((fflags & NOTE_SECONDS) != 0) {
            unit = 1_000_000_000L;
        } else if ((fflags & NOTE_USECONDS) != 0) {
            unit = 1_000L;
        } else if ((fflags & NOTE_NSECONDS) != 0) {
            unit = 1L;
        } else {
            unit = 1_000_000L;
        }
        long ns = data > Long.MAX_VALUE / unit ? Long.MAX_VALUE : data * unit;
        return Math.max(ns, 1);
    }

    /** Sets up op p.pos as this pass's Linux call (entry: runLinux, exit: then). */
    private void issue(Call c, KeventProgram p, boolean atEntry) {
        while (p.pos < p.n) {
            if (prepare(c, p, atEntry)) {
                return;
            }
            p.pos++; // nothing to run for this op (its helper fd is gone)
        }
        finish(c, p, atEntry);
    }

    /** Writes what op p.pos needs into guest scratch and starts it; false if it has nothing to do. */
    private boolean prepare(Call c, KeventProgram p, boolean atEntry) {
        int i = p.pos;
        int kind = p.kind[i];
        Knote k = p.kn[i];
        if (kind != KeventProgram.CTL && kind != KeventProgram.WAIT && kind != KeventProgram.TIMER_CREATE
                && kind != KeventProgram.USER_CREATE && kind != KeventProgram.PIDFD_OPEN && k.aux < 0) {
            return false; // the op works on a helper fd that is gone (or was never made)
        }
        NativeBuffer b = c.buffer();
        long s = c.scratch();
        long[] a = p.args;
        java.util.Arrays.fill(a, 0);
        long nr;
        switch (kind) {
            case KeventProgram.CTL: {
                int f = p.fd[i];
                if (!epollEvent(c, s, Math.max(p.kq.maskByFd[f], 0), Kqueue.KIND_FD | f)) {
                    return true;
                }
                nr = EPOLL_CTL;
                a[0] = p.kq.fd;
                a[1] = p.op[i];
                a[2] = f;
                a[3] = s + SCR_EV;
                break;
            }
            case KeventProgram.CTL_SLOT:
                if (!epollEvent(c, s, EPOLLIN, Kqueue.KIND_SLOT | k.slot)) {
                    return true;
                }
                nr = EPOLL_CTL;
                a[0] = p.kq.fd;
                a[1] = EPOLL_CTL_ADD;
                a[2] = k.aux;
                a[3] = s + SCR_EV;
                break;
            case KeventProgram.TIMER_CREATE:
                nr = TIMERFD_CREATE;
                a[0] = k.absolute ? 0 : 1;
                a[1] = NONBLOCK_CLOEXEC;
                break;
            case KeventProgram.TIMER_SET: {
                long sec = k.periodNs / 1_000_000_000L;
                long nsec = k.periodNs % 1_000_000_000L;
                boolean once = (k.flags & EV_ONESHOT) != 0 || k.absolute;
                b.putLong(0, once ? 0 : sec);
                b.putLong(8, once ? 0 : nsec);
                b.putLong(16, sec);
                b.putLong(24, nsec);
                if (!c.copyOut(s + SCR_ITS, 0, 32)) {
                    return true;
                }
                nr = TIMERFD_SETTIME;
                a[0] = k.aux;
                a[1] = k.absolute ? TFD_TIMER_ABSTIME : 0;
                a[2] = s + SCR_ITS;
                break;
            }
            case KeventProgram.USER_CREATE:
                nr = EVENTFD2;
                a[1] = NONBLOCK_CLOEXEC;
                break;
            case KeventProgram.USER_WRITE:
            case KeventProgram.AUX_READ:
                // one eventfd count in, or one timerfd/eventfd count out
                if (kind == KeventProgram.USER_WRITE) {
                    b.putLong(0, 1);
                    if (!c.copyOut(s + SCR_U64, 0, 8)) {
                        return true;
                    }
                }
                nr = kind == KeventProgram.USER_WRITE ? WRITE : READ;
                a[0] = k.aux;
                a[1] = s + SCR_U64;
                a[2] = 8;
                break;
            case KeventProgram.CLOSE:
                nr = CLOSE;
                a[0] = k.aux;
                k.aux = -1;
                break;
            case KeventProgram.PIDFD_OPEN:
                nr = PIDFD_OPEN;
                a[0] = k.ident;
                break;
            case KeventProgram.PROC_WAIT:
                b.zero(0, 128);
                if (!c.copyOut(s + SCR_OUT, 0, 128)) {
                    return true;
                }
                nr = WAITID;
                a[0] = P_PIDFD;
                a[1] = k.aux;
                a[2] = s + SCR_OUT;
                a[3] = WEXITED_WNOWAIT;
                break;
            case KeventProgram.WAIT: {
                if (p.nerrors > 0) {
                    return false;
                }
                long ts = p.timeout;
                if (p.kq.alwaysReady > 0 || p.nout > 0) {
                    b.zero(0, 16);
                    if (!c.copyOut(s + SCR_ZERO, 0, 16)) {
                        return true;
                    }
                    ts = s + SCR_ZERO;
                }
                nr = EPOLL_PWAIT2;
                a[0] = p.kq.fd;
                a[1] = s + SCR_OUT;
                a[2] = Math.max(1, Math.min(p.nevents - p.nout, OUT_MAX));
                a[3] = ts;
                a[5] = 8;
                break;
            }
            default:
                return false;
        }
        if (atEntry) {
            c.runLinux(nr, a[0], a[1], a[2], a[3], a[4], a[5]);
        } else {
            c.then(nr, a[0], a[1], a[2], a[3], a[4], a[5]);
        }
        return true;
    }

    /** A struct epoll_event (packed on x86-64: u32 events, u64 data) in the scratch slot; false on EFAULT. */
    private static boolean epollEvent(Call c, long scratch, long events, long data) {
        NativeBuffer b = c.buffer();
        b.putInt(0, (int) events);
        b.putLong(4, data);
        return c.copyOut(scratch + SCR_EV, 0, EPOLL_EVENT);
    }

    @Override
    public void exit(Call c) {
        step(c, c.linuxResult());
    }

    @Override
    public void exitFailed(Call c) {
        step(c, c.linuxResult());
    }

    private void step(Call c, long r) {
        KeventProgram p = program(c);
        KqueueRegistry.changing(c.process());
        if (p.pos >= p.n) {
            return;
        }
        int i = p.pos;
        Knote k = p.kn[i];
        boolean failed = r < 0 && r >= -4095;
        int ferr = failed ? Errno.toFreebsd((int) -r) : 0;
        switch (p.kind[i]) {
            case KeventProgram.CTL:
                if (failed) {
                    int f = p.fd[i];
                    if (r == -2 && p.op[i] == EPOLL_CTL_MOD) { // ENOENT: the fd left the set (closed)
                        p.op[i] = EPOLL_CTL_ADD;
                        prepare(c, p, false);
                        return;
                    }
                    if (r == -17 && p.op[i] == EPOLL_CTL_ADD) { // EEXIST: registered through a dup
                        p.op[i] = EPOLL_CTL_MOD;
                        prepare(c, p, false);
                        return;
                    }
                    if (r == -1 && p.op[i] == EPOLL_CTL_ADD) {
                        // EPERM: a file epoll cannot watch (regular file): always ready, as on FreeBSD.
                        markAlways(p.kq, f);
                        p.kq.maskByFd[f] = -1;
                    } else if (p.op[i] != EPOLL_CTL_DEL) {
                        p.kq.fdClosed(f);
                        failChange(p, f, ferr);
                    }
                }
                break;
            case KeventProgram.TIMER_CREATE:
            case KeventProgram.USER_CREATE:
            case KeventProgram.PIDFD_OPEN:
                if (failed) {
                    p.kq.removeSlot(k);
                    changeError(p, k.ident, k.filter, k.flags, k.fflags, 0, k.udata, ferr);
                    break;
                }
                k.aux = (int) r;
                if (p.kind[i] == KeventProgram.TIMER_CREATE) {
                    p.insertNext(KeventProgram.CTL_SLOT, 0, 0, k);
                    p.insertNext(KeventProgram.TIMER_SET, 0, 0, k);
                } else {
                    p.insertNext(KeventProgram.CTL_SLOT, 0, 0, k);
                }
                break;
            case KeventProgram.CTL_SLOT:
                if (failed) {
                    p.kq.removeSlot(k);
                    p.insertNext(KeventProgram.CLOSE, 0, 0, k);
                    changeError(p, k.ident, k.filter, k.flags, k.fflags, 0, k.udata, ferr);
                }
                break;
            case KeventProgram.AUX_READ:
                if (p.out[i] >= 0) {
                    p.oData[p.out[i]] = failed ? 0 : c.memory().read(c.scratch() + SCR_U64, c.buffer(), 0, 8) == 8
                            ? c.buffer().getLong(0) : 0;
                }
                break;
            case KeventProgram.PROC_WAIT:
                if (p.out[i] >= 0 && !failed && c.memory().read(c.scratch() + SCR_OUT, c.buffer(), 0, 32) == 32) {
                    NativeBuffer b = c.buffer();
                    p.oData[p.out[i]] = WaitStatusConverter.fromSiginfo(b.getInt(8), b.getInt(24));
                }
                p.insertNext(KeventProgram.CLOSE, 0, 0, k);
                break;
            case KeventProgram.WAIT:
                if (failed) {
                    p.pos = p.n;
                    c.returnError(ferr);
                    return;
                }
                if (!collect(c, p, (int) r)) {
                    return;
                }
                break;
            default:
                break;
        }
        p.pos++;
        issue(c, p, false);
    }

    private static void markAlways(Kqueue kq, int f) {
        Knote r = kq.fdKnote(f, EVFILT_READ);
        Knote w = kq.fdKnote(f, EVFILT_WRITE);
        if (r != null && !r.always) {
            r.always = true;
            kq.alwaysReady++;
        }
        if (w != null && !w.always) {
            w.always = true;
            kq.alwaysReady++;
        }
    }

    private static void failChange(KeventProgram p, int f, int err) {
        changeError(p, f, EVFILT_READ, 0, 0, 0, 0, err);
    }

    /** Turns the wait's epoll events into kevents; false when the result was already set. */
    private boolean collect(Call c, KeventProgram p, int n) {
        Kqueue kq = p.kq;
        NativeBuffer b = c.buffer();
        int before = p.nout;
        if (n > 0 && !c.copyIn(c.scratch() + SCR_OUT, 0, n * EPOLL_EVENT)) {
            return false;
        }
        for (int i = 0; i < n && !p.outFull(); i++) {
            int ev = b.getInt(i * EPOLL_EVENT);
            long data = b.getLong(i * EPOLL_EVENT + 4);
            int v = (int) data;
            if ((data & ~0xffffffffL) == Kqueue.KIND_FD) {
                Knote r = kq.fdKnote(v, EVFILT_READ);
                if (r != null && r.enabled && (ev & (EPOLL_READ | EPOLLHUP | EPOLLERR)) != 0) {
                    // data: bytes readable, as FreeBSD's filt_soread/filt_piperead report; where
                    // Linux has no count (a listening socket) at least one thing is ready.
                    long avail = c.control().readable(c.process().pid(), v);
                    deliver(p, kq, r, (ev & (EPOLLRDHUP | EPOLLHUP)) != 0 ? EV_EOF : 0, 0, avail >= 0 ? avail : 1);
                }
                Knote w = kq.fdKnote(v, EVFILT_WRITE);
                if (w != null && w.enabled && !p.outFull() && (ev & (EPOLL_WRITE | EPOLLHUP | EPOLLERR)) != 0) {
                    deliver(p, kq, w, (ev & (EPOLLHUP | EPOLLERR)) != 0 ? EV_EOF : 0, 0, 0);
                }
            } else if (v >= 0 && v < kq.slots.length && kq.slots[v] != null) {
                Knote k = kq.slots[v];
                if (!k.enabled) {
                    continue;
                }
                if (k.filter == EVFILT_TIMER) {
                    int o = deliver(p, kq, k, 0, 0, 0);
                    p.add(KeventProgram.AUX_READ, 0, 0, k, o);
                    closeIfDone(p, k);
                } else if (k.filter == EVFILT_USER) {
                    if (!k.triggered) {
                        continue;
                    }
                    deliver(p, kq, k, 0, k.userFflags, k.data);
                    if ((k.flags & EV_CLEAR) != 0) {
                        k.triggered = false;
                        k.userFflags = 0;
                        p.add(KeventProgram.AUX_READ, 0, 0, k, -1);
                    }
                    closeIfDone(p, k);
                } else if (k.filter == EVFILT_SIGNAL) {
                    if (k.signals == 0) {
                        continue;
                    }
                    deliver(p, kq, k, 0, 0, k.signals);
                    k.signals = 0;
                    p.add(KeventProgram.AUX_READ, 0, 0, k, -1);
                    closeIfDone(p, k);
                } else if (k.filter == EVFILT_PROC) {
                    int o = deliver(p, kq, k, EV_EOF | EV_ONESHOT, NOTE_EXIT, 0);
                    kq.removeSlot(k);
                    p.add(KeventProgram.PROC_WAIT, 0, 0, k, o);
                }
            }
        }
        // Files epoll cannot watch are always ready.
        if (kq.alwaysReady > 0) {
            for (int f = 0; f < kq.readByFd.length && !p.outFull(); f++) {
                Knote r = kq.readByFd[f];
                if (r != null && r.always && r.enabled) {
                    long avail = c.control().readable(c.process().pid(), f);
                    deliver(p, kq, r, 0, 0, avail >= 0 ? avail : 1);
                }
                Knote w = kq.writeByFd[f];
                if (w != null && w.always && w.enabled && !p.outFull()) {
                    deliver(p, kq, w, 0, 0, 0);
                }
            }
        }
        if (p.nout == before && n > 0 && ++p.rounds < MAX_ROUNDS) {
            // Only events of knotes no longer wanted woke the wait: update the interest, wait again.
            rearm(p);
            p.add(KeventProgram.WAIT, 0, 0, null, -1);
        }
        return true;
    }

    private static void closeIfDone(KeventProgram p, Knote k) {
        if (k.closing) {
            k.closing = false;
            p.add(KeventProgram.CLOSE, 0, 0, k, -1);
        }
    }

    /** Adds knote k's event and applies ONESHOT (delete) and DISPATCH (disable). */
    private static int deliver(KeventProgram p, Kqueue kq, Knote k, int extraFlags, int fflags, long data) {
        int o = p.addOut(k.filter, k.ident, k.flags | extraFlags, fflags, data, k.udata, k.ext);
        boolean fd = k.filter == EVFILT_READ || k.filter == EVFILT_WRITE;
        if ((k.flags & EV_ONESHOT) != 0) {
            if (fd) {
                if (k.always) {
                    kq.alwaysReady--;
                }
                kq.removeFdKnote((int) k.ident, k.filter);
                kq.markDirty((int) k.ident);
            } else if (k.filter != EVFILT_PROC) {
                // Its helper fd is closed by the caller, after any read of it.
                kq.removeSlot(k);
                k.closing = true;
            }
        } else if ((k.flags & EV_DISPATCH) != 0) {
            k.enabled = false;
            if (fd) {
                kq.markDirty((int) k.ident);
            }
        }
        return o;
    }

    private void finish(Call c, KeventProgram p, boolean atEntry) {
        if (p.abortErrno != 0) {
            if (atEntry) {
                c.emulateError(p.abortErrno);
            } else {
                c.returnError(p.abortErrno);
            }
            return;
        }
        if (!copyOutEvents(c, p)) {
            return;
        }
        if (atEntry) {
            c.emulate(p.nout);
        } else {
            c.returnValue(p.nout);
        }
    }

    private boolean copyOutEvents(Call c, KeventProgram p) {
        NativeBuffer b = c.buffer();
        int sz = size();
        for (int done = 0; done < p.nout; ) {
            int k = Math.min(CHUNK, p.nout - done);
            b.zero(0, k * sz);
            for (int i = 0; i < k; i++) {
                int j = done + i;
                int off = i * sz;
                b.putLong(off, p.oIdent[j]);
                b.putShort(off + 8, (short) p.oFilter[j]);
                b.putShort(off + 10, (short) p.oFlags[j]);
                b.putInt(off + 12, p.oFflags[j]);
                b.putLong(off + 16, p.oData[j]);
                b.putLong(off + 24, p.oUdata[j]);
                if (wide) {
                    for (int e = 0; e < 4; e++) {
                        b.putLong(off + 32 + 8 * e, p.oExt[e][j]);
                    }
                }
            }
            if (!c.copyOut(p.eventlist + (long) done * sz, 0, k * sz)) {
                return false;
            }
            done += k;
        }
        return true;
    }
}
