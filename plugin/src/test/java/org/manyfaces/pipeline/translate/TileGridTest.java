package org.manyfaces.pipeline.translate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TileGridTest {

    @Test
    void tilesCoverTheAxisWithAtLeastTheOverlap() {
        for (int length : new int[] {256, 257, 300, 700, 1080, 1920}) {
            int[] s = TileGrid.starts(length, 256, 32);
            assertEquals(0, s[0]);
            assertEquals(length - 256, s[s.length - 1], "last tile ends at the edge, length " + length);
            for (int i = 1; i < s.length; i++) {
                assertTrue(s[i - 1] + 256 - s[i] >= 32, "overlap at tile " + i + " for length " + length);
            }
        }
        assertArrayEquals(new int[] {0}, TileGrid.starts(100, 256, 32));
    }

    @Test
    void seamWeightsAddUpToOneAndFrameEdgesAreNotFeathered() {
        for (Feather f : Feather.values()) {
            for (int scale : new int[] {1, 3}) {
                int length = 700;
                int tile = 256;
                int[] s = TileGrid.starts(length, tile, 48);
                float[] total = new float[length * scale];
                for (int i = 0; i < s.length; i++) {
                    float[] w = TileGrid.weights(s, i, tile, length, scale, f);
                    for (int k = 0; k < w.length; k++) {
                        total[s[i] * scale + k] += w[k];
                    }
                }
                for (int p = 0; p < total.length; p++) {
                    assertEquals(1f, total[p], 1e-4f, f + " scale " + scale + " at " + p);
                }
                float[] first = TileGrid.weights(s, 0, tile, length, scale, f);
                assertEquals(1f, first[0]);
            }
        }
    }

    @Test
    void featherRampsAreMonotoneAndSymmetric() {
        for (Feather f : Feather.values()) {
            float prev = 0f;
            for (int i = 0; i <= 100; i++) {
                float t = i / 100f;
                float v = f.ramp(t);
                assertTrue(v >= prev);
                assertEquals(1f, v + f.ramp(1f - t), 1e-6f);
                prev = v;
            }
        }
    }
}
