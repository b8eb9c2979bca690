package org.manyfaces.pipeline.paste;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BoxMaskTest {

    @Test
    void defaultBlurOnA128CropFollowsFaceFusion() {
        // blur 0.3 at 128: blurAmount 19, border 9, sigma 4.75 (kernel radius 19).
        CropMask m = new BoxMask(128, 0.3f, 0, 0, 0, 0).create();
        // Farther than 4 sigma from any zero pixel the blur sees only ones.
        assertEquals(1f, m.at(64, 64), 1e-5f);
        assertEquals(1f, m.at(9 + 19, 64), 1e-5f);
        // The border row itself is blurred zeros next to ones: well below 0.5, above 0.
        assertTrue(m.at(64, 0) < 0.2f && m.at(64, 0) >= 0f, "edge " + m.at(64, 0));
        // Symmetric: the same at mirrored positions on all four sides.
        for (int i = 0; i < 20; i++) {
            assertEquals(m.at(64, i), m.at(64, 127 - i), 1e-5f);
            assertEquals(m.at(i, 64), m.at(127 - i, 64), 1e-5f);
            assertEquals(m.at(64, i), m.at(i, 64), 1e-5f);
        }
        // Monotone from the edge inwards.
        for (int i = 1; i < 40; i++) {
            assertTrue(m.at(64, i) >= m.at(64, i - 1) - 1e-6f);
        }
    }

    @Test
    void paddingZeroesThatShareOfEachSideWithoutBlur() {
        CropMask m = new BoxMask(100, 0f, 25, 10, 0, 40).create();
        // blur 0 still zeroes one pixel per side (blurArea = max(0/2, 1)).
        for (int y = 0; y < 100; y++) {
            for (int x = 0; x < 100; x++) {
                boolean inside = y >= 25 && y < 99 && x >= 40 && x < 90;
                assertEquals(inside ? 1f : 0f, m.at(x, y), "at " + x + "," + y);
            }
        }
    }

    @Test
    void sampleIsBilinearAndZeroOutside() {
        CropMask m = CropMask.of(2, new float[] {0, 1, 0, 1});
        assertEquals(0.5f, m.sample(0.5, 0.5), 1e-6f);
        assertEquals(0.25f, m.sample(0.25, 0), 1e-6f);
        assertEquals(0f, m.sample(-0.1, 0.5));
        assertEquals(0f, m.sample(0.5, 1.01));
    }

    @Test
    void rejectsOutOfRangeSettings() {
        assertThrows(IllegalArgumentException.class, () -> new BoxMask(128, 1.5f, 0, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new BoxMask(128, 0.3f, -1, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new BoxMask(0, 0.3f, 0, 0, 0, 0));
    }
}
