package io.xrun.translator.ptrace;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The fields of /proc/TID/status the supervisor needs about a task it has just met
 * (fs/proc/array.c): its thread group, its parent, and its id in its own pid namespace (the
 * last NSpid). Read once per new task, off the syscall path. A task that is already gone
 * reads as its own process with its host id: its exit is reported next.
 */
record TaskStatus(int tgid, int ppid, int namespaceTid) {
    static TaskStatus read(int tid) {
        int tgid = tid;
        int ppid = -1;
        int nsTid = tid;
        try {
            for (String l : Files.readAllLines(Path.of("/proc/" + tid + "/status"))) {
                if (l.startsWith("Tgid:")) {
                    tgid = Integer.parseInt(l.substring(5).trim());
                } else if (l.startsWith("PPid:")) {
                    ppid = Integer.parseInt(l.substring(5).trim());
                } else if (l.startsWith("NSpid:")) {
                    String[] ids = l.substring(6).trim().split("\\s+");
                    nsTid = Integer.parseInt(ids[ids.length - 1]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // gone already
        }
        return new TaskStatus(tgid, ppid, nsTid);
    }
}
