package io.xrun.maps;

import java.util.List;

/**
 * One row of {@code freebsd-amd64-syscalls.tsv}.
 *
 * @param number      FreeBSD syscall number (sys/kern/syscalls.master)
 * @param name        kernel function name: COMPAT rows carry FreeBSD's own prefix ("o" for
 *                    4.3BSD compat, "freebsdN_" for COMPATn), as in sys/sys/sysproto.h
 * @param type        the syscalls.master type column (STD, COMPAT11, OBSOL, ...)
 * @param status      what xrun does with it
 * @param linuxName   the Linux x86-64 syscall it becomes, "emulate" when the supervisor answers
 *                    it itself, or "-"
 * @param linuxNumber the Linux number of linuxName, or -1
 * @param args        one codec per FreeBSD argument (see docs/architecture.md)
 * @param result      the result codec
 * @param signature   the FreeBSD prototype, on one line
 * @param note        why the status is what it is (required for everything not translated)
 */
public record SyscallRow(int number, String name, String type, Status status, String linuxName,
                         int linuxNumber, List<String> args, String result, String signature, String note) {

    public boolean runsOnLinux() {
        return linuxNumber >= 0;
    }
}
