package org.manyfaces.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Known IEEE 754 half-precision encodings, including the round-half-to-even and range edges. */
class Float16Test {
    private static void encodes(float f, int bits) {
        assertEquals(bits, Float16.fromFloat(f) & 0xFFFF, f + " -> 0x" + Integer.toHexString(Float16.fromFloat(f) & 0xFFFF));
    }

    @Test
    void floatsBecomeTheirNearestHalfEvenOnTies() {
        encodes(1f, 0x3C00);
        encodes(-2f, 0xC000);
        encodes(-0f, 0x8000);
        encodes(0.1f, 0x2E66);
        encodes(65504f, 0x7BFF);                       // largest finite half
        encodes(65520f, 0x7C00);                       // halfway to the next power: ties to even = infinity
        encodes(1e6f, 0x7C00);
        encodes((float) Math.scalb(1.0, -24), 0x0001); // smallest subnormal
        encodes((float) Math.scalb(1.0, -25), 0x0000); // tie between 0 and 1 ulp: even = 0
        encodes((float) Math.scalb(3.0, -25), 0x0002); // tie between 1 and 2 ulps: even = 2
        encodes(1f + (float) Math.scalb(1.0, -11), 0x3C00);     // tie above 1.0: stays 1.0
        encodes(1f + (float) Math.scalb(3.0, -11), 0x3C02);     // tie above 1 + 1 ulp: up to 1 + 2 ulps
        encodes(Float.POSITIVE_INFINITY, 0x7C00);
        encodes(Float.NaN, 0x7E00);
    }

    @Test
    void halvesBecomeTheirExactFloats() {
        assertEquals(1f, Float16.toFloat((short) 0x3C00));
        assertEquals(65504f, Float16.toFloat((short) 0x7BFF));
        assertEquals((float) Math.scalb(1.0, -24), Float16.toFloat((short) 0x0001));
        assertEquals(Float.NEGATIVE_INFINITY, Float16.toFloat((short) 0xFC00));
        assertTrue(Float.isNaN(Float16.toFloat((short) 0x7E00)));
        for (int h = 0; h < 0x7C00; h++) { // every finite non-negative half survives the round trip
            assertEquals(h, Float16.fromFloat(Float16.toFloat((short) h)) & 0xFFFF, "0x" + Integer.toHexString(h));
        }
    }
}
