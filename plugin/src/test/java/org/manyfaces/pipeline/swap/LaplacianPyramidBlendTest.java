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

    /**
     * The textbook form, written out independently: Laplacian pyramids of both images, each band mixed
     * with the mask's Gaussian pyramid at that level, collapsed from the top. The production code blends
     * one pyramid of the difference instead (linearity); both must agree.
     */
    private static float[] textbook(float[] fg, float[] bg, float[] mask, int size, int channels, int levels) {
        java.util.List<Integer> sizes = new java.util.ArrayList<>(java.util.List.of(size));
        while (sizes.size() < levels && (sizes.get(sizes.size() - 1) + 1) / 2 >= 4) {
            sizes.add((sizes.get(sizes.size() - 1) + 1) / 2);
        }
        int depth = sizes.size();
        int plane = size * size;
        float[][] m = gauss(mask.clone(), sizes);
        float[] out = new float[channels * plane];
        for (int ch = 0; ch < channels; ch++) {
            float[][] a = gauss(Arrays.copyOfRange(fg, ch * plane, (ch + 1) * plane), sizes);
            float[][] b = gauss(Arrays.copyOfRange(bg, ch * plane, (ch + 1) * plane), sizes);
            float[] acc = new float[a[depth - 1].length];
            for (int i = 0; i < acc.length; i++) {
                acc[i] = m[depth - 1][i] * a[depth - 1][i] + (1 - m[depth - 1][i]) * b[depth - 1][i];
            }
            for (int l = depth - 2; l >= 0; l--) {
                float[] ea = up(a[l + 1], sizes.get(l + 1), sizes.get(l));
                float[] eb = up(b[l + 1], sizes.get(l + 1), sizes.get(l));
                float[] next = up(acc, sizes.get(l + 1), sizes.get(l));
                for (int i = 0; i < next.length; i++) {
                    float la = a[l][i] - ea[i];
                    float lb = b[l][i] - eb[i];
                    next[i] += m[l][i] * la + (1 - m[l][i]) * lb;
                }
                acc = next;
            }
            System.arraycopy(acc, 0, out, ch * plane, plane);
        }
        return out;
    }

    private static final double[] K = {1 / 16.0, 4 / 16.0, 6 / 16.0, 4 / 16.0, 1 / 16.0};

    private static float[][] gauss(float[] base, java.util.List<Integer> sizes) {
        float[][] p = new float[sizes.size()][];
        p[0] = base;
        for (int l = 1; l < sizes.size(); l++) {
            int n = sizes.get(l - 1);
            int h = sizes.get(l);
            float[] d = new float[h * h];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < h; x++) {
                    double acc = 0;
                    for (int j = -2; j <= 2; j++) {
                        for (int i = -2; i <= 2; i++) {
                            int sy = Math.max(0, Math.min(n - 1, 2 * y + j));
                            int sx = Math.max(0, Math.min(n - 1, 2 * x + i));
                            acc += K[j + 2] * K[i + 2] * p[l - 1][sy * n + sx];
                        }
                    }
                    d[y * h + x] = (float) acc;
                }
            }
            p[l] = d;
        }
        return p;
    }

    /** Bilinear doubling: coarse sample j at fine 2j, odd positions halfway, the last one repeated. */
    private static float[] up(float[] src, int h, int n) {
        float[] d = new float[n * n];
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                d[y * n + x] = (float) (lin(src, h, x, y));
            }
        }
        return d;
    }

    private static double lin(float[] src, int h, int x, int y) {
        double[] wx = weights(x, h);
        double[] wy = weights(y, h);
        int x0 = Math.min(x / 2, h - 1);
        int y0 = Math.min(y / 2, h - 1);
        int x1 = Math.min(x0 + 1, h - 1);
        int y1 = Math.min(y0 + 1, h - 1);
        return wy[0] * (wx[0] * src[y0 * h + x0] + wx[1] * src[y0 * h + x1])
                + wy[1] * (wx[0] * src[y1 * h + x0] + wx[1] * src[y1 * h + x1]);
    }

    private static double[] weights(int p, int h) {
        return (p % 2 == 1 && p / 2 + 1 < h) ? new double[] {0.5, 0.5} : new double[] {1, 0};
    }

    @Test
    void agreesWithTheTextbookTwoPyramidBlend() {
        for (int size : new int[] {45, 64, 100}) {
            float[] fg = random(3 * size * size, 10 + size);
            float[] bg = random(3 * size * size, 20 + size);
            float[] mask = random(size * size, 30 + size);
            float[] got = new float[fg.length];
            LaplacianPyramidBlend.blend(fg, bg, mask, size, 3, 6, got);
            float[] want = textbook(fg, bg, mask, size, 3, 6);
            for (int i = 0; i < got.length; i++) {
                assertEquals(want[i], got[i], 2e-5f, "size " + size + " index " + i);
            }
            // A prebuilt mask pyramid gives the same result, also when out aliases bg.
            float[] bg2 = bg.clone();
            LaplacianPyramidBlend.blend(fg, bg2, LaplacianPyramidBlend.maskPyramid(mask, size, 6), 3, bg2);
            for (int i = 0; i < got.length; i++) {
                assertEquals(got[i], bg2[i], 0f);
            }
        }
    }
}
