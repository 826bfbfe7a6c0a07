package io.xrun.translator.core;

import io.xrun.maps.SyscallRow;
import io.xrun.maps.SyscallTable;

import java.util.Map;
import java.util.function.Function;

/**
 * Binds every supported row of the syscall table to its handler, once, into an array indexed
 * by FreeBSD number. Rows whose arguments need only value and flag translation get the
 * table-driven handler; the rest name a dedicated handler class in {@code specials}. A row
 * marked supported with no way to handle it is a build error (the table test fails), not a
 * silent pass-through.
 */
public final class HandlerRegistry {
    private final SyscallHandler[] byNumber;

    public HandlerRegistry(SyscallTable table, Map<String, Function<SyscallRow, SyscallHandler>> specials,
                           Function<SyscallRow, SyscallHandler> generic) {
        byNumber = new SyscallHandler[table.maxNumber() + 1];
        for (SyscallRow r : table.rows()) {
            if (!r.status().isSupported()) {
                continue;
            }
            Function<SyscallRow, SyscallHandler> f = specials.get(r.name());
            SyscallHandler h = f != null ? f.apply(r) : generic.apply(r);
            if (h == null) {
                throw new IllegalStateException("syscall " + r.name() + " (" + r.number() + ") is marked "
                        + r.status().label() + " but has no handler");
            }
            byNumber[r.number()] = h;
        }
    }

    /** The handler for a FreeBSD number, or null when xrun does not provide it. */
    public SyscallHandler handler(long number) {
        return number >= 0 && number < byNumber.length ? byNumber[(int) number] : null;
    }
}
