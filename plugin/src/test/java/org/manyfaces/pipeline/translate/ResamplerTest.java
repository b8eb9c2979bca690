package org.manyfaces.pipeline.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ResamplerTest {

    private static FloatImage ramp(int w, int h, float ax, float ay, float b) {
        FloatImage img = new FloatImage(w, h, 1);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.set(x, y, 0, ax * x + ay * y + b);
            }
        }
        return img;
    }

    @Test
    void constantStaysExactlyConstantAtAnyRatio() {
        for (Resampler.Filter f : Resampler.Filter.values()) {
            for (int[] size : new int[][] {{13, 7}, {100, 100}, {3, 250}}) {
                FloatImage out = new FloatImage(size[0], size[1], 1);
                new Resampler().resize(ramp(37, 29, 0, 0, 0.37f), out, f);
                for (int y = 0; y < size[1]; y++) {
                    for (int x = 0; x < size[0]; x++) {
                        assertEquals(0.37f, out.get(x, y, 0), 1e-6f, f + " " + size[0] + "x" + size[1]);
                    }
                }
            }
        }
    }

    @Test
    void linearRampIsReproducedAwayFromTheEdgesWithPixelCentreAlignment() {
        // Source pixel i sits at i + 0.5; destination pixel o of a ratio r resize samples source (o + 0.5) r - 0.5.
        FloatImage src = ramp(40, 30, 0.01f, 0.02f, 0.1f);
        for (Resampler.Filter f : Resampler.Filter.values()) {
            for (int[] size : new int[][] {{120, 90}, {20, 15}, {57, 41}}) {
                FloatImage out = new FloatImage(size[0], size[1], 1);
                new Resampler().resize(src, out, f);
                double rx = 40.0 / size[0];
                double ry = 30.0 / size[1];
                int marginX = (int) Math.ceil(3 / rx * Math.max(1, rx)) + 1;
                int marginY = (int) Math.ceil(3 / ry * Math.max(1, ry)) + 1;
                for (int y = marginY; y < size[1] - marginY; y++) {
                    for (int x = marginX; x < size[0] - marginX; x++) {
                        double sx = (x + 0.5) * rx - 0.5;
                        double sy = (y + 0.5) * ry - 0.5;
                        assertEquals(0.01 * sx + 0.02 * sy + 0.1, out.get(x, y, 0), 1e-5,
                                f + " " + size[0] + "x" + size[1] + " at " + x + "," + y);
                    }
                }
            }
        }
    }

    @Test
    void shrinkingAveragesInsteadOfAliasing() {
        // A one-pixel checkerboard shrunk by 4 must come out grey, not a sampled black or white.
        FloatImage board = new FloatImage(64, 64, 1);
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 64; x++) {
                board.set(x, y, 0, (x + y) % 2);
            }
        }
        FloatImage out = new FloatImage(16, 16, 1);
        new Resampler().resize(board, out, Resampler.Filter.BILINEAR);
        for (int y = 1; y < 15; y++) {
            for (int x = 1; x < 15; x++) {
                assertEquals(0.5f, out.get(x, y, 0), 0.02f, "at " + x + "," + y);
            }
        }
    }

    @Test
    void bicubicPassesThroughSamplesAtIntegerEnlargement() {
        // At x3, output pixel 3i+1 lands exactly on source pixel i, where the Keys kernel interpolates.
        FloatImage src = new FloatImage(10, 1, 1);
        for (int x = 0; x < 10; x++) {
            src.set(x, 0, 0, (float) Math.sin(x));
        }
        FloatImage out = new FloatImage(30, 1, 1);
        new Resampler().resize(src, out, Resampler.Filter.BICUBIC);
        for (int i = 0; i < 10; i++) {
            assertEquals(src.get(i, 0, 0), out.get(3 * i + 1, 0, 0), 1e-6f);
        }
        assertTrue(out.get(4, 0, 0) != out.get(3, 0, 0));
    }
}
