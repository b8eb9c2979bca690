package org.manyfaces.ofx.jna;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;

import org.junit.jupiter.api.Test;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;

class NativeMemoryTest {
    @Test
    void namesAreInternedNulTerminatedUtf8() {
        NativeName a = NativeName.of("OfxPropTime");
        assertSame(a, NativeName.of("OfxPropTime"));
        assertEquals("OfxPropTime", NativeMemory.cString(a.address()));
        NativeName u = NativeName.of("Gesicht \u00fc");
        assertEquals("Gesicht \u00fc", NativeMemory.cString(u.address()));
        assertNull(NativeMemory.cString(0));
    }

    @Test
    void comparesCStringsWithoutCopying() {
        Memory m = new Memory(32);
        m.setString(0, "OfxBitDepthFloat", "UTF-8");
        long addr = Pointer.nativeValue(m);
        assertTrue(NativeMemory.cStringEquals(addr, NativeName.of("OfxBitDepthFloat")));
        assertFalse(NativeMemory.cStringEquals(addr, NativeName.of("OfxBitDepthFloa")));
        assertFalse(NativeMemory.cStringEquals(addr, NativeName.of("OfxBitDepthFloatX")));
        assertFalse(NativeMemory.cStringEquals(0, NativeName.of("OfxBitDepthFloat")));
    }

    @Test
    void wrapSharesTheMemory() {
        Memory m = new Memory(16);
        m.clear();
        ByteBuffer b = NativeMemory.wrap(Pointer.nativeValue(m), 16);
        b.putFloat(4, 0.5f);
        assertEquals(0.5f, m.getFloat(4));
    }

    @Test
    void scratchSlotPointersAddressTheValueSlots() {
        Scratch s = Scratch.get();
        assertSame(s, Scratch.get());
        for (int i = 0; i < Scratch.SLOTS; i++) {
            long p = new Pointer(s.slotPointers()).getLong(8L * i);
            assertEquals(s.at(8 * i), p);
        }
    }
}
