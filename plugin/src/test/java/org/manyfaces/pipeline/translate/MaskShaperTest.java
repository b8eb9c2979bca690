package org.manyfaces.pipeline.translate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MaskShaperTest {

    private static FloatImage square(int w, int h, int x0, int y0, int size) {
        FloatImage m = new FloatImage(w, h, 1);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                m.set(x, y, 0, x >= x0 && x < x0 + size && y >= y0 && y < y0 + size ? 1f : 0f);
            }
        }
        return m;
    }

    @Test
    void positivePaddingGrowsAndNegativeShrinksBySquarePixels() {
        FloatImage m = square(50, 40, 20, 10, 10);
        MaskShaper s = new MaskShaper();
        assertArrayEquals(new int[] {17, 7, 16, 16}, MaskShaper.bounds(s.shape(m, 3, 0), 0.5f));
        assertArrayEquals(new int[] {22, 12, 6, 6}, MaskShaper.bounds(s.shape(m, -2, 0), 0.5f));
        assertNull(MaskShaper.bounds(s.shape(m, -5, 0), 0.5f), "shrinking by half the size removes it");
    }

    @Test
    void blurSoftensTheEdgeAndKeepsTheTotal() {
        FloatImage m = square(60, 60, 20, 20, 20);
        FloatImage b = new MaskShaper().shape(m, 0, 6);
        float sum = 0;
        for (int y = 0; y < 60; y++) {
            for (int x = 0; x < 60; x++) {
                sum += b.get(x, y, 0);
            }
        }
        assertEquals(400f, sum, 0.5f, "box blurs away from the border keep the mass");
        assertEquals(1f, b.get(30, 30, 0), 1e-5f, "centre stays solid");
        float edge = b.get(20, 30, 0);
        assertTrue(edge > 0.3f && edge < 0.7f, "edge is half-way: " + edge);
        assertTrue(b.get(16, 30, 0) > 0f && b.get(16, 30, 0) < edge, "soft outside the edge");
        assertEquals(0f, b.get(5, 5, 0), 0f, "far outside untouched");
    }
}
