package io.xrun.translator.time;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The seqlock publication order (lib/libc/sys/__vdso_gettimeofday.c binuptime is the reader). */
class TimekeepPageTest {
    record Write(long addr, byte[] bytes) {
        int u32() {
            return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getInt();
        }
    }

    static final class RecordingWriter implements PageWriter {
        final List<Write> writes = new ArrayList<>();
        int failAfter = Integer.MAX_VALUE;
        boolean closed;

        @Override
        public boolean write(long addr, byte[] bytes) {
            writes.add(new Write(addr, bytes.clone()));
            return writes.size() <= failAfter;
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    static final long PAGE = 0x7fffffffe000L;
    static final byte[] BODY = TimekeepLayout.timehands(
            new Timehands(6_000_000_000L, 77, new Bintime(3, 0), new Bintime(1_700_000_000, 0), 1), 0);

    @Test
    void publishesGenZeroBodyGenThenCurrentIntoTheOtherSlot() {
        RecordingWriter w = new RecordingWriter();
        TimekeepPage p = new TimekeepPage(PAGE, w);
        assertTrue(p.publish(BODY, 9));
        long slot1 = PAGE + 0x10 + 0x58;
        assertEquals(4, w.writes.size());
        assertEquals(slot1 + 4, w.writes.get(0).addr(), "th_gen first");
        assertEquals(0, w.writes.get(0).u32(), "gen 0: being written");
        assertEquals(slot1, w.writes.get(1).addr(), "then the body");
        assertEquals(0x58, w.writes.get(1).bytes().length);
        assertEquals(0, ByteBuffer.wrap(w.writes.get(1).bytes()).order(ByteOrder.LITTLE_ENDIAN).getInt(4),
                "the body keeps gen 0");
        assertEquals(slot1 + 4, w.writes.get(2).addr());
        assertEquals(9, w.writes.get(2).u32(), "then the new generation");
        assertEquals(PAGE + 8, w.writes.get(3).addr(), "tk_current last");
        assertEquals(1, w.writes.get(3).u32());

        assertTrue(p.publish(BODY, 10));
        assertEquals(PAGE + 0x10 + 4, w.writes.get(4).addr(), "slots alternate: slot 0 next");
        assertEquals(0, w.writes.get(7).u32(), "tk_current back to 0");
    }

    @Test
    void aFailedWriteStopsThePublicationBeforeTkCurrent() {
        RecordingWriter w = new RecordingWriter();
        w.failAfter = 1;
        TimekeepPage p = new TimekeepPage(PAGE, w);
        assertFalse(p.publish(BODY, 9));
        assertEquals(2, w.writes.size(), "nothing after the failed body write");
        assertTrue(w.writes.stream().noneMatch(x -> x.addr() == PAGE + 8), "readers were never redirected");
    }
}
