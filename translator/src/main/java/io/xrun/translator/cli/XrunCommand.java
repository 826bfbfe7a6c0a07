package io.xrun.translator.cli;

import picocli.CommandLine.Command;

@Command(name = "xrun", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, usageHelpWidth = 100,
        description = {"Runs FreeBSD amd64 programs on Linux x86-64 by translating their system calls.",
            "",
            "  xrun [run] [--personality auto|freebsd|linux] [--trace[=FILE]] PROGRAM [ARGS...]",
            "  xrun syscalls [--format table|csv|json]",
            ""},
        subcommands = {RunCommand.class, SyscallsCommand.class, picocli.CommandLine.HelpCommand.class},
        footerHeading = "%nExit status:%n",
        footer = {"  the program's own exit status, or 128+N when FreeBSD signal N killed it;",
            "  125  xrun itself failed (bad usage, cannot trace, internal error)",
            "  126  the program cannot run here (not ELF, another architecture, not executable)",
            "  127  the program was not found"})
public final class XrunCommand implements Runnable {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }
}
