package io.xrun.translator.handlers;

import io.xrun.maps.Errno;
import io.xrun.maps.FlagMap;
import io.xrun.maps.Signals;
import io.xrun.maps.SyscallRow;
import io.xrun.translator.convert.SigsetConverter;
import io.xrun.translator.core.Call;
import io.xrun.translator.core.SyscallHandler;
import io.xrun.translator.nativeapi.NativeBuffer;

/**
 * sigaction(sig, act, oact) for SIG_DFL and SIG_IGN, on rt_sigaction with the signal number,
 * flags and mask translated. FreeBSD struct sigaction (sys/sys/signal.h): handler at 0,
 * sa_flags at 8, sa_mask (16 bytes) at 12. Linux kernel struct sigaction
 * (arch/x86/include/uapi/asm/signal.h): handler 0, flags 8, restorer 16, mask 24.
 *
 * <p>Partial: installing a handler needs FreeBSD signal frames, which this slice does not
 * build, so it fails with EINVAL and a diagnostic instead of pretending. The process's SIGSYS
 * disposition is recorded because FreeBSD's answer to a missing syscall depends on it.
 */
public final class SigactionHandler implements SyscallHandler {
    private static final FlagMap FLAGS = FlagMap.load("sigaction-flags.tsv");
    private static final long SIG_DFL = 0;
    private static final long SIG_IGN = 1;
    private final long linuxNumber;

    public SigactionHandler(SyscallRow row) {
        this.linuxNumber = row.linuxNumber();
    }

    @Override
    public void enter(Call c) {
        int sig = c.intArg(0);
        int lsig = Signals.toLinux(sig);
        if (lsig == 0) {
            c.emulateError(Errno.FREEBSD_EINVAL);
            return;
        }
        long act = c.arg(1);
        long oact = c.arg(2);
        long scratch = c.scratch();
        NativeBuffer b = c.buffer();
        c.stash[0] = -1;
        if (act != 0) {
            if (!c.copyIn(act, 0, 32)) {
                return;
            }
            long handler = b.getLong(0);
            if (handler != SIG_DFL && handler != SIG_IGN) {
                System.err.println("xrun: sigaction(" + Signals.freebsdName(sig)
                        + ") with a handler is not supported yet (FreeBSD signal frames); returning EINVAL");
                c.emulateError(Errno.FREEBSD_EINVAL);
                return;
            }
            c.stash[0] = handler;
            b.zero(64, 32);
            b.putLong(64, handler);
            b.putLong(72, FLAGS.toLinux(b.getInt(8) & 0xffffffffL));
            b.putLong(88, SigsetConverter.toLinux(b, 12));
            if (!c.copyOut(scratch, 64, 32)) {
                return;
            }
        }
        c.linuxArg(0, lsig);
        c.linuxArg(1, act != 0 ? scratch : 0);
        c.linuxArg(2, oact != 0 ? scratch + 32 : 0);
        c.linuxArg(3, SigsetConverter.LINUX_SIZE);
        c.runLinux(linuxNumber);
    }

    @Override
    public void exit(Call c) {
        if (c.stash[0] >= 0 && c.intArg(0) == Signals.FREEBSD_SIGSYS) {
            c.process().setSigsysIgnored(c.stash[0] == SIG_IGN);
        }
        long oact = c.arg(2);
        if (oact != 0) {
            NativeBuffer b = c.buffer();
            if (!c.copyIn(c.scratch() + 32, 0, 32)) {
                return;
            }
            b.zero(64, 32);
            b.putLong(64, b.getLong(0));
            b.putInt(72, (int) FLAGS.toFreebsd(b.getLong(8) & 0xffffffffL));
            SigsetConverter.toFreebsd(b.getLong(24), b, 76);
            if (!c.copyOut(oact, 64, 32)) {
                return;
            }
        }
        c.returnValue(0);
    }
}
