package io.xrun.translator.handlers;

import io.xrun.maps.ConstantTable;
import io.xrun.maps.Errno;
import io.xrun.maps.LinuxSyscalls;
import io.xrun.maps.Signals;
import io.xrun.maps.SyscallRow;
import io.xrun.maps.TsvTable;
import io.xrun.translator.core.Call;
import io.xrun.translator.core.GuestProcess;
import io.xrun.translator.core.SyscallHandler;
import io.xrun.translator.core.ThreadIds;
import io.xrun.translator.nativeapi.NativeBuffer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * POSIX asynchronous I/O (sys/kern/vfs_aio.c), emulated synchronously: Linux has no kernel POSIX
 * AIO (glibc runs it in threads), so xrun performs each request when it is submitted, with the
 * Linux call it stands for (pread64, pwrite64, preadv, pwritev, fsync, fdatasync, mlock) run in
 * the guest, and keeps FreeBSD's per-process job list (p_aioinfo) in the supervisor: every
 * request is complete when its aio_read/aio_write/lio_listio returns, as FreeBSD allows, so
 * aio_error, aio_return, aio_suspend, aio_cancel and aio_waitcomplete answer as FreeBSD does for
 * completed requests. Submission writes the aiocb's private fields as aio_aqueue does (status
 * -1, error EINPROGRESS and a job id; the error of a request refused at submission), which
 * aio_error reads back for requests the process never queued. Completion notifications
 * SIGEV_SIGNAL and SIGEV_THREAD_ID are sent with rt_sigqueueinfo/rt_tgsigqueueinfo (si_code
 * SI_ASYNCIO, the sigevent's value); SIGEV_KEVENT needs kqueue's EVFILT_AIO, which xrun's kqueue
 * does not have: EINVAL. Constants: aio.tsv.
 */
public final class AioHandler implements SyscallHandler {
    private static final Map<String, Long> K = TsvTable.numbers("aio.tsv", "freebsd");
    private static final int LIO_NOP = c("LIO_NOP"), LIO_WRITE = c("LIO_WRITE"), LIO_READ = c("LIO_READ"),
        LIO_WRITEV = c("LIO_WRITEV"), LIO_READV = c("LIO_READV"), LIO_SYNC = c("LIO_SYNC"), LIO_DSYNC = c("LIO_DSYNC"),
        LIO_MLOCK = c("LIO_MLOCK"), LIO_NOWAIT = c("LIO_NOWAIT"), LIO_WAIT = c("LIO_WAIT"),
        AIO_ALLDONE = c("AIO_ALLDONE"), MAX_AIO_QUEUE_PER_PROC = c("max_aio_queue_per_proc");
    private static final long F_O_SYNC = Abi.OPEN_FLAG_TABLE.freebsd("O_SYNC"), F_O_DSYNC = Abi.OPEN_FLAG_TABLE.freebsd("O_DSYNC");
    /** struct aiocb (sys/sys/aio.h, amd64): fildes 0, offset 8, buf/iov 16, nbytes/iovcnt 24, lio_opcode 48, private 56, sigevent 80. */
    private static final int AIOCB = 160, A_FD = 0, A_OFFSET = 8, A_BUF = 16, A_NBYTES = 24, A_OPCODE = 48,
        A_STATUS = 56, A_ERROR = 64, A_KERNELINFO = 72, A_SIGEV = 80;
    /** struct sigevent (sys/sys/signal.h): notify 0, signo 4, value 8, thread id / kqueue 16; 80 bytes. */
    private static final int SIGEVENT = 80;
    private static final ConstantTable NOTIFY = ConstantTable.load("sigev-notify.tsv");
    private static final long SIGEV_NONE = NOTIFY.freebsd("SIGEV_NONE"), SIGEV_SIGNAL = NOTIFY.freebsd("SIGEV_SIGNAL"),
        SIGEV_KEVENT = NOTIFY.freebsd("SIGEV_KEVENT"), SIGEV_THREAD_ID = NOTIFY.freebsd("SIGEV_THREAD_ID");
    private static final long L_SI_ASYNCIO = ConstantTable.load("siginfo-codes.tsv").linux("SI_ASYNCIO");
    private static final int EINPROGRESS = (int) Errno.table().freebsd("EINPROGRESS");
    private static final int EAGAIN = (int) Errno.table().freebsd("EAGAIN"), EIO = (int) Errno.table().freebsd("EIO");
    private static final int L_EBADF = Errno.toLinux(Errno.FREEBSD_EBADF), L_ESPIPE = Errno.toLinux((int) Errno.table().freebsd("ESPIPE")),
        L_EINVAL = Errno.toLinux(Errno.FREEBSD_EINVAL);
    private static final long NR_PREAD = LinuxSyscalls.require("pread64"), NR_PWRITE = LinuxSyscalls.require("pwrite64"),
        NR_PREADV = LinuxSyscalls.require("preadv"), NR_PWRITEV = LinuxSyscalls.require("pwritev"),
        NR_FSYNC = LinuxSyscalls.require("fsync"), NR_FDATASYNC = LinuxSyscalls.require("fdatasync"),
        NR_MLOCK = LinuxSyscalls.require("mlock"), NR_FCNTL = LinuxSyscalls.require("fcntl"),
        NR_SIGQUEUE = LinuxSyscalls.require("rt_sigqueueinfo"), NR_TGSIGQUEUE = LinuxSyscalls.require("rt_tgsigqueueinfo"),
        NR_NANOSLEEP = LinuxSyscalls.require("nanosleep"), NR_PAUSE = LinuxSyscalls.require("pause");
    /** F_GETFD, the same on both: only to look a descriptor up. */
    private static final long F_GETFD = 1;
    /** IOSIZE_MAX (SSIZE_MAX with vfs.iosize_max_clamp 0). */
    private static final long IOSIZE_MAX = Long.MAX_VALUE;
    /** _SIG_MAXSIG (sys/sys/signal.h): _SIG_VALID is 1..128. */
    private static final int SIG_MAXSIG = 128;
    /** Linux siginfo: signo 0, errno 4, code 8, pid 16, uid 20, value 24; 128 bytes. */
    private static final int LSIGINFO = 128;

    private static int c(String name) {
        return K.get(name).intValue();
    }


    /** A finished job of p_aioinfo's kaio_done list: the user aiocb and its result. */
    record Job(long ujob, long status, int error) {
    }

    /** p_aioinfo: the finished jobs in completion order, and the requests in flight per thread. */
    static final class State {
        final List<Job> done = new ArrayList<>();
        final Map<Integer, Batch> inflight = new HashMap<>();
        long jobref = 1;
    }

    /** One submission (a single aio_* call, or lio_listio's list) while its Linux calls run. */
    static final class Batch {
        long[] ujobs;
        int index = -1;
        int type;
        int nerror, nagain;
        /** The job in flight: its aiocb copied in. */
        long ujob, fd, opcode;
        long notify, signo, value, tid;
        /** lio_listio LIO_NOWAIT: signal the list's sigevent at the end. */
        boolean listSignal;
        long lioNotify, lioSigno, lioValue, lioTid;
        /** The call's own answer once known (single calls): errno, or 0. */
        int error;
        /** What the Linux call in flight is: a job's I/O, its notification, or the list's. */
        int phase;
    }

    private static final int IO = 1, JOB_SIGNAL = 2, LIST_SIGNAL = 3;
    /** prepare()'s mark for a refusal FreeBSD does not record in the aiocb. */
    private static final int UNSTORED = 0x10000;

    private final String name;

    public AioHandler(SyscallRow row) {
        this.name = row.name();
    }

    private static State state(Call c, boolean create) {
        GuestProcess p = c.process();
        State s = p.aio();
        if (s == null && create) {
            s = new State();
            p.setAio(s);
        }
        return s;
    }

    @Override
    public void enter(Call c) {
        switch (name) {
            case "aio_read" -> submit(c, c.arg(0), LIO_READ);
            case "aio_write" -> submit(c, c.arg(0), LIO_WRITE);
            case "aio_readv" -> submit(c, c.arg(0), LIO_READV);
            case "aio_writev" -> submit(c, c.arg(0), LIO_WRITEV);
            case "aio_mlock" -> submit(c, c.arg(0), LIO_MLOCK);
            case "aio_fsync" -> {
                long op = c.arg(0) & 0xffffffffL;
                if (op == F_O_SYNC) {
                    submit(c, c.arg(1), LIO_SYNC);
                } else if (op == F_O_DSYNC) {
                    submit(c, c.arg(1), LIO_DSYNC);
                } else {
                    c.emulateError(Errno.FREEBSD_EINVAL);
                }
            }
            case "lio_listio" -> listio(c);
            case "aio_error" -> error(c);
            case "aio_return" -> ret(c);
            case "aio_suspend" -> suspend(c);
            case "aio_cancel" -> c.runLinux(NR_FCNTL, c.arg(0), F_GETFD, 0, 0, 0, 0);
            case "aio_waitcomplete" -> waitcomplete(c);
            default -> c.emulateError(Errno.FREEBSD_ENOSYS);
        }
    }

    // ---- submission --------------------------------------------------------------------

    private void submit(Call c, long ujob, int type) {
        State s = state(c, true);
        Batch b = new Batch();
        b.ujobs = new long[] {ujob};
        b.type = type;
        s.inflight.put(c.thread().tid(), b);
        advance(c, s, b);
    }

    /**
     * lio_listio(mode, list, nent, sig) (kern_lio_listio): the mode (EINVAL), nent within
     * 0..max_aio_queue_per_proc (EINVAL), the sigevent copied in for LIO_NOWAIT (EFAULT), the
     * list copied in (EFAULT), the sigevent checked (EINVAL; SIGEV_KEVENT EINVAL under xrun);
     * then every non-NULL entry is queued with its own aio_lio_opcode; the call is EIO when one
     * was refused, else EAGAIN when one met the queue limit, else 0.
     */
    private void listio(Call c) {
        int mode = c.intArg(0);
        int nent = c.intArg(2);
        if ((mode != LIO_NOWAIT && mode != LIO_WAIT) || nent < 0 || nent > MAX_AIO_QUEUE_PER_PROC) {
            c.emulateError(Errno.FREEBSD_EINVAL);
            return;
        }
        NativeBuffer buf = c.buffer();
        Batch b = new Batch();
        b.type = LIO_NOP;
        if (c.arg(3) != 0 && mode == LIO_NOWAIT) {
            if (!c.copyIn(c.arg(3), 0, SIGEVENT)) {
                return;
            }
            b.lioNotify = buf.getInt(0);
            b.lioSigno = buf.getInt(4);
            b.lioValue = buf.getLong(8);
            b.lioTid = buf.getInt(16);
        } else {
            b.lioNotify = SIGEV_NONE;
        }
        if (nent > 0 && !c.copyIn(c.arg(1), 0, nent * 8)) {
            return;
        }
        b.ujobs = new long[nent];
        for (int i = 0; i < nent; i++) {
            b.ujobs[i] = buf.getLong(i * 8);
        }
        if (b.lioNotify == SIGEV_SIGNAL || b.lioNotify == SIGEV_THREAD_ID) {
            if (b.lioSigno <= 0 || b.lioSigno > SIG_MAXSIG) {
                c.emulateError(Errno.FREEBSD_EINVAL);
                return;
            }
            b.listSignal = true;
        } else if (b.lioNotify != SIGEV_NONE) {
            c.emulateError(Errno.FREEBSD_EINVAL);
            return;
        }
        State s = state(c, true);
        s.inflight.put(c.thread().tid(), b);
        advance(c, s, b);
    }

    /**
     * Moves to the next job of the batch and runs its Linux call, or ends the call. At entry
     * (no Linux call run yet) the call is set up with runLinux, later with then.
     */
    private void advance(Call c, State s, Batch b) {
        while (++b.index < b.ujobs.length) {
            long ujob = b.ujobs[b.index];
            if (ujob == 0) {
                continue;
            }
            int err = prepare(c, s, b, ujob);
            if (err < 0) {
                b.phase = IO;
                return; // a Linux call is running
            }
            if (err > 0) {
                refused(c, b, ujob, err & ~UNSTORED, (err & UNSTORED) == 0);
            }
        }
        if (b.listSignal && b.phase != LIST_SIGNAL) {
            // all of the list is finished: kern_lio_listio sends its signal now
            b.phase = LIST_SIGNAL;
            if (signal(c, b.lioNotify, b.lioSigno, b.lioValue, b.lioTid)) {
                return;
            }
        }
        end(c, s, b);
    }

    private void end(Call c, State s, Batch b) {
        s.inflight.remove(c.thread().tid());
        int err = b.ujobs.length == 1 && b.type != LIO_NOP ? b.error : b.nerror > 0 ? EIO : b.nagain > 0 ? EAGAIN : 0;
        if (err != 0) {
            c.answerError(err);
        } else {
            c.answer(0);
        }
    }

    /** A request refused at submission: aio_aqueue stores the error in the aiocb when store is true. */
    private static void refused(Call c, Batch b, long ujob, int err, boolean store) {
        if (store) {
            putLong(c, ujob + A_ERROR, err);
        }
        if (err == EAGAIN) {
            b.nagain++;
        } else {
            b.nerror++;
        }
        b.error = err;
    }

    /**
     * aio_aqueue up to the I/O: returns -1 when the job's Linux call has been set up, or the
     * FreeBSD errno that refuses it (with UNSTORED where aio_aqueue does not store it in the
     * aiocb).
     */
    private int prepare(Call c, State s, Batch b, long ujob) {
        putLong(c, ujob + A_STATUS, -1);
        putLong(c, ujob + A_ERROR, 0);
        putLong(c, ujob + A_KERNELINFO, -1);
        if (s.done.size() >= MAX_AIO_QUEUE_PER_PROC) {
            return EAGAIN;
        }
        NativeBuffer buf = c.buffer();
        if (c.memory().read(ujob, buf, 0, AIOCB) != AIOCB) {
            return Errno.FREEBSD_EFAULT;
        }
        long fd = buf.getInt(A_FD);
        long offset = buf.getLong(A_OFFSET);
        long bufp = buf.getLong(A_BUF);
        long nbytes = buf.getLong(A_NBYTES);
        b.notify = buf.getInt(A_SIGEV);
        b.signo = buf.getInt(A_SIGEV + 4);
        b.value = buf.getLong(A_SIGEV + 8);
        b.tid = buf.getInt(A_SIGEV + 16);
        int opcode = b.type != LIO_NOP ? b.type : buf.getInt(A_OPCODE);
        boolean vectored = opcode == LIO_READV || opcode == LIO_WRITEV;
        if (!vectored && Long.compareUnsigned(nbytes, IOSIZE_MAX) > 0) {
            return Errno.FREEBSD_EINVAL | UNSTORED;
        }
        if (b.notify != SIGEV_KEVENT && b.notify != SIGEV_SIGNAL && b.notify != SIGEV_THREAD_ID && b.notify != SIGEV_NONE) {
            return Errno.FREEBSD_EINVAL;
        }
        if ((b.notify == SIGEV_SIGNAL || b.notify == SIGEV_THREAD_ID) && (b.signo <= 0 || b.signo > SIG_MAXSIG)) {
            return Errno.FREEBSD_EINVAL | UNSTORED;
        }
        b.ujob = ujob;
        b.fd = fd;
        b.opcode = opcode;
        long nr;
        long a1 = 0, a2 = 0, a3 = 0;
        if (opcode == LIO_READ || opcode == LIO_WRITE) {
            nr = opcode == LIO_READ ? NR_PREAD : NR_PWRITE;
            a1 = bufp;
            a2 = nbytes;
            a3 = offset;
        } else if (vectored) {
            nr = opcode == LIO_READV ? NR_PREADV : NR_PWRITEV;
            a1 = bufp;
            a2 = buf.getInt(A_NBYTES);
            a3 = offset;
        } else if (opcode == LIO_SYNC || opcode == LIO_DSYNC) {
            nr = opcode == LIO_SYNC ? NR_FSYNC : NR_FDATASYNC;
        } else if (opcode == LIO_MLOCK) {
            nr = NR_MLOCK;
            fd = bufp;
            a1 = nbytes;
        } else if (opcode == LIO_NOP) {
            nr = NR_FCNTL;
            a1 = F_GETFD;
        } else {
            return Errno.FREEBSD_EINVAL;
        }
        if (b.notify == SIGEV_KEVENT) {
            // kqfd_register of an EVFILT_AIO knote: xrun's kqueue has no such filter
            return Errno.FREEBSD_EINVAL;
        }
        run(c, nr, fd, a1, a2, a3);
        return -1;
    }

    /** After a job's Linux call: a refusal at submission, or a finished job. */
    private void ioDone(Call c, State s, Batch b, boolean failed) {
        long r = c.linuxResult();
        if (failed) {
            int le = (int) -r;
            int sync = 0;
            if (le == L_EBADF) {
                sync = Errno.FREEBSD_EBADF;
            } else if (le == L_EINVAL && b.opcode != LIO_MLOCK) {
                sync = Errno.FREEBSD_EINVAL;
            } else if (le == L_ESPIPE) {
                // aio_queue_file: not a regular file or directory (vfs.aio.enable_unsafe=0)
                sync = Errno.FREEBSD_EOPNOTSUPP;
            }
            if (sync != 0) {
                refused(c, b, b.ujob, sync, true);
                advance(c, s, b);
                return;
            }
        }
        if (b.opcode == LIO_NOP) {
            advance(c, s, b);
            return;
        }
        int err = failed ? Errno.toFreebsd((int) -r) : 0;
        long status = failed ? -1 : (b.opcode == LIO_READ || b.opcode == LIO_WRITE || b.opcode == LIO_READV
            || b.opcode == LIO_WRITEV) ? r : 0;
        s.done.add(new Job(b.ujob, status, err));
        putLong(c, b.ujob + A_KERNELINFO, s.jobref++);
        putLong(c, b.ujob + A_ERROR, EINPROGRESS);
        b.error = 0;
        if (b.notify == SIGEV_SIGNAL || b.notify == SIGEV_THREAD_ID) {
            b.phase = JOB_SIGNAL;
            if (signal(c, b.notify, b.signo, b.value, b.tid)) {
                return;
            }
        }
        advance(c, s, b);
    }

    /** aio_sendsig: the sigevent's signal with si_code SI_ASYNCIO and its value; false when none was sent. */
    private static boolean signal(Call c, long notify, long signo, long value, long tid) {
        int lsig = Signals.toLinux((int) signo);
        if (lsig <= 0) {
            return false;
        }
        NativeBuffer buf = c.buffer();
        buf.zero(0, LSIGINFO);
        buf.putInt(0, lsig);
        buf.putInt(8, (int) L_SI_ASYNCIO);
        buf.putLong(24, value);
        long info = c.scratch();
        if (c.memory().write(info, buf, 0, LSIGINFO) != LSIGINFO) {
            return false;
        }
        int pid = c.process().guestPid();
        if (notify == SIGEV_THREAD_ID) {
            int ltid = ThreadIds.toLinux((int) tid);
            if (ltid < 0) {
                return false;
            }
            run(c, NR_TGSIGQUEUE, pid, ltid, lsig, info);
        } else {
            run(c, NR_SIGQUEUE, pid, lsig, info, 0);
        }
        return true;
    }

    // ---- the other calls ----------------------------------------------------------------

    /**
     * aio_error(aiocb) (kern_aio_error): its value is the job's error (0 when it succeeded) for a
     * job xrun knows; for others the aiocb's own error when its status is -1 (a request refused
     * at submission), else EINVAL; EINVAL too in a process that never used AIO.
     */
    private void error(Call c) {
        State s = state(c, false);
        if (s == null) {
            c.emulate(Errno.FREEBSD_EINVAL);
            return;
        }
        long ujob = c.arg(0);
        for (Job j : s.done) {
            if (j.ujob() == ujob) {
                c.emulate(j.error());
                return;
            }
        }
        NativeBuffer buf = c.buffer();
        long status = c.memory().read(ujob + A_STATUS, buf, 0, 16) == 16 ? buf.getLong(0) : -1;
        if (status == -1) {
            c.emulate(c.memory().read(ujob + A_ERROR, buf, 0, 8) == 8 ? buf.getLong(0) : -1);
        } else {
            c.emulate(Errno.FREEBSD_EINVAL);
        }
    }

    /** aio_return(aiocb) (kern_aio_return): the job's status, or its error; the job is freed; EINVAL when unknown. */
    private void ret(Call c) {
        State s = state(c, false);
        long ujob = c.arg(0);
        if (s != null) {
            for (int i = 0; i < s.done.size(); i++) {
                Job j = s.done.get(i);
                if (j.ujob() == ujob) {
                    s.done.remove(i);
                    putLong(c, ujob + A_ERROR, j.error());
                    putLong(c, ujob + A_STATUS, j.status());
                    if (j.error() != 0) {
                        c.emulateError(j.error());
                    } else {
                        c.emulate(j.status());
                    }
                    return;
                }
            }
        }
        c.emulateError(Errno.FREEBSD_EINVAL);
    }

    /**
     * aio_suspend(list, nent, timeout) (sys_aio_suspend, kern_aio_suspend): nent within
     * 0..max_aio_queue_per_proc (EINVAL), the timeout and the list copied in (EFAULT), the timeout
     * checked (EINVAL), EAGAIN in a process that never used AIO; then every request xrun knows is
     * complete, so it returns 0 at once.
     */
    private void suspend(Call c) {
        int nent = c.intArg(1);
        if (nent < 0 || nent > MAX_AIO_QUEUE_PER_PROC) {
            c.emulateError(Errno.FREEBSD_EINVAL);
            return;
        }
        NativeBuffer buf = c.buffer();
        long sec = 0, nsec = 0;
        boolean hasTimeout = c.arg(2) != 0;
        if (hasTimeout) {
            if (!c.copyIn(c.arg(2), 0, 16)) {
                return;
            }
            sec = buf.getLong(0);
            nsec = buf.getLong(8);
        }
        if (nent > 0 && !c.copyIn(c.arg(0), 16, nent * 8)) {
            return;
        }
        if (hasTimeout && (nsec < 0 || nsec >= 1_000_000_000L || sec < 0)) {
            c.emulateError(Errno.FREEBSD_EINVAL);
            return;
        }
        if (state(c, false) == null) {
            c.emulateError(EAGAIN);
            return;
        }
        c.emulate(0);
    }

    /**
     * aio_waitcomplete(aiocbp, timeout) (kern_aio_waitcomplete): *aiocbp is set to NULL, then the
     * oldest finished job is taken: *aiocbp = its aiocb, its status returned (its error when it
     * failed), the job freed. With none: a zero timeout is EWOULDBLOCK at once, another timeout
     * sleeps it (nanosleep) and is EWOULDBLOCK, no timeout waits for a signal (pause): no request
     * will finish later under xrun.
     */
    private void waitcomplete(Call c) {
        NativeBuffer buf = c.buffer();
        long sec = 0, nsec = 0;
        boolean hasTimeout = c.arg(1) != 0;
        if (hasTimeout) {
            if (!c.copyIn(c.arg(1), 0, 16)) {
                return;
            }
            sec = buf.getLong(0);
            nsec = buf.getLong(8);
        }
        putLong(c, c.arg(0), 0);
        boolean poll = hasTimeout && sec == 0 && nsec == 0;
        if (hasTimeout && !poll && (nsec < 0 || nsec >= 1_000_000_000L || sec < 0)) {
            c.emulateError(Errno.FREEBSD_EINVAL);
            return;
        }
        State s = state(c, true);
        if (!s.done.isEmpty()) {
            Job j = s.done.remove(0);
            putLong(c, c.arg(0), j.ujob());
            putLong(c, j.ujob() + A_ERROR, j.error());
            putLong(c, j.ujob() + A_STATUS, j.status());
            if (j.error() != 0) {
                c.emulateError(j.error());
            } else {
                c.emulate(j.status());
            }
            return;
        }
        if (poll) {
            c.emulateError(EAGAIN);
        } else if (hasTimeout) {
            c.runLinux(NR_NANOSLEEP, c.arg(1), 0, 0, 0, 0, 0);
        } else {
            c.runLinux(NR_PAUSE, 0, 0, 0, 0, 0, 0);
        }
    }

    // ---- exits ----------------------------------------------------------------------------

    @Override
    public void exit(Call c) {
        finishLinux(c, false);
    }

    @Override
    public void exitFailed(Call c) {
        finishLinux(c, true);
    }

    private void finishLinux(Call c, boolean failed) {
        switch (name) {
            case "aio_cancel" -> {
                if (failed) {
                    c.returnLinuxError();
                } else {
                    // every request is complete by the time its submission returned (fget first: EBADF)
                    c.returnValue(AIO_ALLDONE);
                }
                return;
            }
            case "aio_waitcomplete" -> {
                if (failed && c.linuxResult() != -Errno.toLinux(Errno.FREEBSD_EINTR)) {
                    c.returnLinuxError();
                } else if (failed) {
                    c.returnError(Errno.FREEBSD_EINTR);
                } else {
                    c.returnError(EAGAIN);
                }
                return;
            }
            default -> {
            }
        }
        State s = state(c, true);
        Batch b = s.inflight.get(c.thread().tid());
        if (b == null) {
            c.returnError(Errno.FREEBSD_EINVAL);
            return;
        }
        switch (b.phase) {
            case IO -> ioDone(c, s, b, failed);
            case JOB_SIGNAL -> advance(c, s, b);
            default -> end(c, s, b);
        }
    }

    /** Runs a Linux call for this FreeBSD call: set up at entry, chained after that. */
    private static void run(Call c, long nr, long a0, long a1, long a2, long a3) {
        if (c.ranLinux()) {
            c.then(nr, a0, a1, a2, a3, 0, 0);
        } else {
            c.runLinux(nr, a0, a1, a2, a3, 0, 0);
        }
    }


    private static void putLong(Call c, long addr, long v) {
        NativeBuffer buf = c.buffer();
        buf.putLong(8192, v);
        c.memory().write(addr, buf, 8192, 8);
    }
}
