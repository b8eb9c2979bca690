package org.manyfaces.pipeline.swap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;

class LaplacianPyramidBlendTest {
    private static float[] random(int n, long seed) {
        Random r = new Random(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = r.nextFloat();
        }
        return v;
    }

    @Test
    void fullAndEmptyMasksReproduceOneInputExactly() {
        int size = 45; // odd: levels round up
        float[] fg = random(2 * size * size, 1);
        float[] bg = random(2 * size * size, 2);
        float[] ones = new float[size * size];
        Arrays.fill(ones, 1f);
        float[] out = new float[fg.length];
        LaplacianPyramidBlend.blend(fg, bg, ones, size, 2, 5, out);
        for (int i = 0; i < out.length; i++) {
            assertEquals(fg[i], out[i], 1e-5f);
        }
        LaplacianPyramidBlend.blend(fg, bg, new float[size * size], size, 2, 5, out);
        for (int i = 0; i < out.length; i++) {
            assertEquals(bg[i], out[i], 1e-5f);
        }
    }

    @Test
    void aHardMaskGivesASmoothTransitionWithoutOvershootOnFlatImages() {
        int size = 64;
        float[] fg = new float[size * size];
        float[] bg = new float[size * size];
        Arrays.fill(fg, 0.9f);
        Arrays.fill(bg, 0.1f);
        float[] mask = new float[size * size];
        for (int y = 0; y < size; y++) {
            for (int x = 32; x < size; x++) {
                mask[y * size + x] = 1f;
            }
        }
        float[] out = new float[size * size];
        LaplacianPyramidBlend.blend(fg, bg, mask, size, 1, 6, out);
        // Far from the seam each side keeps its value; across it the values rise monotonically.
        assertEquals(0.1f, out[32 * size + 2], 0.05f);
        assertEquals(0.9f, out[32 * size + 61], 0.05f);
        for (int x = 1; x < size; x++) {
            assertTrue(out[32 * size + x] >= out[32 * size + x - 1] - 1e-5f, "not monotone at " + x);
            assertTrue(out[32 * size + x] >= 0.1f - 1e-5f && out[32 * size + x] <= 0.9f + 1e-5f);
        }
        // The step is spread over many pixels rather than one.
        assertTrue(out[32 * size + 30] > 0.2f && out[32 * size + 33] < 0.8f, "transition too sharp");
    }
}
