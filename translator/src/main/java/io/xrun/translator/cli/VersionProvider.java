package io.xrun.translator.cli;

import io.xrun.maps.Status;
import io.xrun.maps.SyscallTable;
import picocli.CommandLine.IVersionProvider;

import java.util.Map;

/** --version: xrun's version and what the syscall table covers. */
public final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = XrunCommand.class.getPackage().getImplementationVersion();
        Map<Status, Integer> counts = SyscallTable.freebsdAmd64().countsByStatus();
        return new String[] {
            "xrun " + (v != null ? v : "0.1.0-SNAPSHOT"),
            "personalities: freebsd (FreeBSD 14 amd64, osreldate " + GuestRunner.OSRELDATE + "), linux (native)",
            "syscall table: " + counts.get(Status.TRANSLATED) + " translated, " + counts.get(Status.EMULATED)
                + " emulated, " + counts.get(Status.PARTIAL) + " partial, " + counts.get(Status.UNIMPLEMENTED)
                + " unimplemented, " + counts.get(Status.OBSOLETE) + " obsolete"
        };
    }
}
