package io.xrun.translator.handlers.net;

import io.xrun.maps.SyscallRow;
import io.xrun.translator.convert.SigsetConverter;
import io.xrun.translator.core.Call;
import io.xrun.translator.core.SyscallHandler;
import io.xrun.translator.nativeapi.NativeBuffer;

/**
 * poll(fds, nfds, timeout) and ppoll(fds, nfds, ts, set). struct pollfd {int fd; short events;
 * short revents} is the same on both (sys/sys/poll.h); the event bits go through
 * poll-events.tsv. The guest's array is left as it was, except revents (FreeBSD's bits): up to
 * {@link #SCRATCH_FDS} entries Linux works on a converted copy in guest scratch; a larger array is
 * converted in place and its events converted back at exit (POLLINIGNEOF, which Linux lacks, is
 * then lost from events).
 *
 * <p>ppoll: FreeBSD does not write the timeout back (it is const), Linux does: Linux gets a copy
 * in scratch. The 128-bit FreeBSD sigset becomes Linux's 64-bit one (sigsetsize 8).
 */
public final class PollHandler implements SyscallHandler {
    private static final int TS_OFF = 1984;
    private static final int SIGSET_OFF = 2000;
    public static final int SCRATCH_FDS = TS_OFF / 8;
    /** Entries the 64 KiB staging buffer holds twice over. */
    private static final int MAX_FDS = 4096;

    private final long linuxNumber;
    private final boolean ppoll;

    public PollHandler(SyscallRow row) {
        this.linuxNumber = row.linuxNumber();
        this.ppoll = row.name().equals("ppoll");
    }

    @Override
    public void enter(Call c) {
        NativeBuffer b = c.buffer();
        long scratch = c.scratch();
        long fds = c.arg(0);
        long nfds = c.intArg(1) & 0xffffffffL;
        if (nfds > MAX_FDS) {
            c.emulateError(NetAbi.EINVAL);
            return;
        }
        int size = (int) nfds * 8;
        long linuxFds = fds;
        if (size > 0) {
            if (!c.copyIn(fds, 0, size)) {
                return;
            }
            for (int off = 0; off < size; off += 8) {
                b.putShort(off + 4, (short) NetAbi.POLL_EVENTS.toLinux(b.getShort(off + 4) & 0xffff));
                b.putShort(off + 6, (short) 0);
            }
            linuxFds = nfds <= SCRATCH_FDS ? scratch : fds;
            if (!c.copyOut(linuxFds, 0, size)) {
                return;
            }
        }
        c.linuxArg(0, linuxFds);
        c.linuxArg(1, nfds);
        if (!ppoll) {
            c.linuxArg(2, c.intArg(2));
        } else {
            long ts = c.arg(2);
            long set = c.arg(3);
            if (ts != 0) {
                if (!c.copyIn(ts, 0, 16) || !c.copyOut(scratch + TS_OFF, 0, 16)) {
                    return;
                }
            }
            if (set != 0) {
                if (!c.copyIn(set, 0, SigsetConverter.FREEBSD_SIZE)) {
                    return;
                }
                b.putLong(16, SigsetConverter.toLinux(b, 0));
                if (!c.copyOut(scratch + SIGSET_OFF, 16, 8)) {
                    return;
                }
            }
            c.linuxArg(2, ts != 0 ? scratch + TS_OFF : 0);
            c.linuxArg(3, set != 0 ? scratch + SIGSET_OFF : 0);
            c.linuxArg(4, SigsetConverter.LINUX_SIZE);
        }
        c.runLinux(linuxNumber);
    }

    @Override
    public void exit(Call c) {
        restore(c, true);
        c.returnValue(c.linuxResult());
    }

    @Override
    public void exitFailed(Call c) {
        restore(c, false);
        c.returnLinuxError();
    }

    /** Writes FreeBSD revents into the guest's array (and its own events back when converted in place). */
    private void restore(Call c, boolean ok) {
        long fds = c.arg(0);
        long nfds = c.intArg(1) & 0xffffffffL;
        int size = (int) nfds * 8;
        if (size == 0) {
            return;
        }
        NativeBuffer b = c.buffer();
        boolean inPlace = nfds > SCRATCH_FDS;
        if (inPlace) {
            if (c.memory().read(fds, b, 0, size) != size) {
                return;
            }
            for (int off = 0; off < size; off += 8) {
                b.putShort(off + 4, (short) NetAbi.POLL_EVENTS.toFreebsd(b.getShort(off + 4) & 0xffff));
                b.putShort(off + 6, (short) (ok ? NetAbi.POLL_EVENTS.toFreebsd(b.getShort(off + 6) & 0xffff) : 0));
            }
            c.memory().write(fds, b, 0, size);
            return;
        }
        if (!ok) {
            return;
        }
        if (c.memory().read(c.scratch(), b, 0, size) != size || c.memory().read(fds, b, 32768, size) != size) {
            return;
        }
        for (int off = 0; off < size; off += 8) {
            b.putShort(32768 + off + 6, (short) NetAbi.POLL_EVENTS.toFreebsd(b.getShort(off + 6) & 0xffff));
        }
        c.memory().write(fds, b, 32768, size);
    }
}
