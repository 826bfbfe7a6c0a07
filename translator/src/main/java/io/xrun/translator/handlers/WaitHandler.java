package io.xrun.translator.handlers;

import io.xrun.maps.Errno;
import io.xrun.maps.FlagMap;
import io.xrun.maps.LinuxSyscalls;
import io.xrun.maps.SyscallRow;
import io.xrun.maps.ValueMap;
import io.xrun.translator.convert.SiginfoConverter;
import io.xrun.translator.convert.WaitStatusConverter;
import io.xrun.translator.core.Call;
import io.xrun.translator.core.SyscallHandler;
import io.xrun.translator.nativeapi.NativeBuffer;

/**
 * wait4(pid, status, options, rusage) on Linux wait4 and wait6(idtype, id, status, options,
 * wrusage, info) on Linux waitid. Options through wait-options.tsv, idtype through
 * idtypes.tsv, the status through {@link WaitStatusConverter} (signal numbers), struct rusage
 * is the same on both (sys/sys/resource.h). wait6 returns the child's pid (0 with WNOHANG
 * and nothing to report), computes the status from waitid's siginfo, fills wru_self of
 * struct __wrusage (wru_children stays zero: Linux does not report it) and converts the
 * siginfo. WTRAPPED is dropped: the guest's children are traced by xrun, never by the guest.
 */
public final class WaitHandler implements SyscallHandler {
    private static final FlagMap OPTIONS = FlagMap.load("wait-options.tsv");
    private static final ValueMap IDTYPES = ValueMap.load("idtypes.tsv");
    /** sizeof(struct rusage) on both systems; struct __wrusage holds two. */
    private static final int RUSAGE = 144;
    private final boolean wait6;
    private final long linuxNumber;

    public WaitHandler(SyscallRow row) {
        this.wait6 = row.name().equals("wait6");
        this.linuxNumber = LinuxSyscalls.require(wait6 ? "waitid" : "wait4");
    }

    @Override
    public void enter(Call c) {
        long opts = c.arg(wait6 ? 3 : 2);
        if (OPTIONS.unknownFreebsd(opts) != 0) {
            c.emulateError(Errno.FREEBSD_EINVAL);
            return;
        }
        long lopts = OPTIONS.toLinux(opts);
        long scratch = c.scratch();
        if (!wait6) {
            c.linuxArg(0, c.arg(0));
            c.linuxArg(1, c.arg(1) != 0 ? scratch : 0);
            c.linuxArg(2, lopts);
            c.linuxArg(3, c.arg(3));
            c.runLinux(linuxNumber);
            return;
        }
        long idtype = IDTYPES.toLinux(c.arg(0));
        if (idtype == ValueMap.NONE) {
            c.emulateError(Errno.FREEBSD_EINVAL);
            return;
        }
        c.buffer().zero(0, SiginfoConverter.LINUX_SIZE);
        if (!c.copyOut(scratch, 0, SiginfoConverter.LINUX_SIZE)) {
            return;
        }
        c.linuxArg(0, idtype);
        c.linuxArg(1, c.arg(1));
        c.linuxArg(2, scratch);
        c.linuxArg(3, lopts);
        c.linuxArg(4, c.arg(4) != 0 ? scratch + SiginfoConverter.LINUX_SIZE : 0);
        c.linuxArg(5, 0);
        c.runLinux(linuxNumber);
    }

    @Override
    public void exit(Call c) {
        NativeBuffer b = c.buffer();
        long scratch = c.scratch();
        if (!wait6) {
            if (c.arg(1) != 0 && c.linuxResult() > 0) {
                if (!c.copyIn(scratch, 0, 4)) {
                    return;
                }
                b.putInt(0, WaitStatusConverter.toFreebsd(b.getInt(0)));
                if (!c.copyOut(c.arg(1), 0, 4)) {
                    return;
                }
            }
            c.returnValue(c.linuxResult());
            return;
        }
        if (!c.copyIn(scratch, 0, SiginfoConverter.LINUX_SIZE)) {
            return;
        }
        int pid = b.getInt(16);
        if (pid != 0) {
            if (c.arg(2) != 0) {
                b.putInt(256, WaitStatusConverter.fromSiginfo(b.getInt(8), b.getInt(24)));
                if (!c.copyOut(c.arg(2), 256, 4)) {
                    return;
                }
            }
            if (c.arg(5) != 0) {
                SiginfoConverter.toFreebsd(b, 0, 256, io.xrun.maps.Signals.toFreebsd(b.getInt(0)));
                if (!c.copyOut(c.arg(5), 256, SiginfoConverter.FREEBSD_SIZE)) {
                    return;
                }
            }
            if (c.arg(4) != 0) {
                if (!c.copyIn(scratch + SiginfoConverter.LINUX_SIZE, 512, RUSAGE)) {
                    return;
                }
                b.zero(512 + RUSAGE, RUSAGE);
                if (!c.copyOut(c.arg(4), 512, 2 * RUSAGE)) {
                    return;
                }
            }
        }
        c.returnValue(pid);
    }
}
