package io.xrun.translator.fastpath;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StubRegionTest {
    @Test
    void sitesGetStubsInOrderAndAreFoundAgain() {
        StubRegion r = new StubRegion(new io.xrun.translator.nativeapi.NativeBuffer(32));
        assertEquals(-1, r.stubOf(0x401002));
        assertEquals(0, r.add(0x401002));
        assertEquals(1, r.add(0x7f0000001002L));
        assertEquals(0, r.stubOf(0x401002));
        assertEquals(1, r.stubOf(0x7f0000001002L));
        assertEquals(-1, r.stubOf(0x401004));
    }

    @Test
    void theRegionFillsUp() {
        StubRegion r = new StubRegion(new io.xrun.translator.nativeapi.NativeBuffer(32));
        for (int i = 0; i < StubCode.MAX_SITES; i++) {
            assertEquals(i, r.add(0x400000L + 16L * i));
        }
        assertEquals(-1, r.add(0x300000));
        for (int i = 0; i < StubCode.MAX_SITES; i += 97) {
            assertEquals(i, r.stubOf(0x400000L + 16L * i));
        }
    }

    @Test
    void aForkChildsCopyDivergesAndAVforkChildsIsFrozen() {
        StubRegion parent = new StubRegion(new io.xrun.translator.nativeapi.NativeBuffer(32));
        parent.setState(StubRegion.MAPPED);
        parent.add(0x401002);
        parent.setSpecial(0, SpecialRow.NANOSLEEP);
        StubRegion child = parent.copy();
        assertEquals(StubRegion.MAPPED, child.state());
        assertEquals(SpecialRow.NANOSLEEP, child.special(0));
        child.add(0x402002);
        assertEquals(-1, parent.stubOf(0x402002));
        assertEquals(1, parent.add(0x403002));
        assertFalse(child.frozen());
        child.freeze();
        assertTrue(child.frozen());
        assertFalse(parent.frozen());
    }
}
