package org.manyfaces.disclosure;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.manyfaces.image.FrameParallelism;
import org.manyfaces.image.ImageView;
import org.manyfaces.image.PixelFormat;

/**
 * {@link CellGains#of} (one bulk pass over the rows, integer luma on 8-bit frames, the 7x7 sums from a
 * summed-area table) gives the gains of the direct definition below: every cell's mean luma and squared mask
 * weight summed cell by cell through {@link ImageView#get} and {@link RegionMask#weight}, the 7x7 sums read
 * one by one. Within float rounding, on 8-bit and float frames, RGBA and RGB, bottom-up rows, soft and hard
 * boxes, boxes that start off the frame or off the grid, and both gain laws.
 */
class CellGainsFastPathTest {
    private static final float MAX_GAIN = 2.0f;
    private static final float MIN_GAIN = 0.35f;

    /** The definition: per cell, per pixel, through the views' own accessors. */
    private static float[] reference(ImageView frame, int x0, int y0, int x1, int y1, int cell, RegionMask region,
                                     int ax, int ay, double flatness) {
        int cx0 = Math.floorDiv(x0 - ax, cell);
        int cy0 = Math.floorDiv(y0 - ay, cell);
        int ncx = Math.floorDiv(x1 - 1 - ax, cell) + 1 - cx0;
        int ncy = Math.floorDiv(y1 - 1 - ay, cell) + 1 - cy0;
        double[] mean = new double[ncx * ncy];
        double[] weight = new double[ncx * ncy];
        for (int cy = 0; cy < ncy; cy++) {
            for (int cx = 0; cx < ncx; cx++) {
                double s = 0;
                double ws = 0;
                int n = 0;
                for (int y = (cy0 + cy) * cell + ay; y < (cy0 + cy + 1) * cell + ay; y++) {
                    for (int x = (cx0 + cx) * cell + ax; x < (cx0 + cx + 1) * cell + ax; x++) {
                        if (x < 0 || y < 0 || x >= frame.width() || y >= frame.height()) {
                            continue;
                        }
                        s += 255.0 * (0.299 * frame.get(x, y, 0) + 0.587 * frame.get(x, y, 1) + 0.114 * frame.get(x, y, 2));
                        ws += (double) region.weight(x, y) * region.weight(x, y);
                        n++;
                    }
                }
                mean[cy * ncx + cx] = n == 0 ? 0 : s / n;
                weight[cy * ncx + cx] = ws;
            }
        }
        double[] res2 = new double[ncx * ncy];
        for (int cy = 0; cy < ncy; cy++) {
            for (int cx = 0; cx < ncx; cx++) {
                double s = 0;
                int n = 0;
                int[][] nb = {{cx - 1, cy}, {cx + 1, cy}, {cx, cy - 1}, {cx, cy + 1}};
                for (int[] q : nb) {
                    if (q[0] >= 0 && q[0] < ncx && q[1] >= 0 && q[1] < ncy) {
                        s += mean[q[1] * ncx + q[0]];
                        n++;
                    }
                }
                double r = n == 0 ? 0 : mean[cy * ncx + cx] - s / n;
                res2[cy * ncx + cx] = r * r;
            }
        }
        double[] gain = new double[ncx * ncy];
        double sumG2 = 0;
        double sumW = 0;
        for (int cy = 0; cy < ncy; cy++) {
            for (int cx = 0; cx < ncx; cx++) {
                double s = 0;
                int n = 0;
                for (int yy = Math.max(0, cy - 3); yy <= Math.min(ncy - 1, cy + 3); yy++) {
                    for (int xx = Math.max(0, cx - 3); xx <= Math.min(ncx - 1, cx + 3); xx++) {
                        s += res2[yy * ncx + xx];
                        n++;
                    }
                }
                double g = Math.pow(Math.sqrt(s / n + 1.0), -flatness);
                double m = mean[cy * ncx + cx];
                if (m < 12 || m > 243) {
                    g *= 0.2;
                }
                gain[cy * ncx + cx] = g;
                sumG2 += g * g * weight[cy * ncx + cx];
                sumW += weight[cy * ncx + cx];
            }
        }
        for (int pass = 0; pass < 2; pass++) {
            double k = sumG2 > 0 ? Math.sqrt(sumW / sumG2) : 1;
            sumG2 = 0;
            for (int i = 0; i < gain.length; i++) {
                gain[i] = Math.max(MIN_GAIN, Math.min(MAX_GAIN, gain[i] * k));
                sumG2 += gain[i] * gain[i] * weight[i];
            }
        }
        double k = sumG2 > 0 ? Math.sqrt(sumW / sumG2) : 1;
        float[] out = new float[gain.length];
        for (int i = 0; i < gain.length; i++) {
            out[i] = (float) (k < 1 ? gain[i] * k : gain[i]);
        }
        return out;
    }

    private static ImageView frame(int w, int h, PixelFormat f, long seed) {
        int rowBytes = w * f.bytesPerPixel() + 20;
        ImageView v = ImageView.wrapBottomUp(ByteBuffer.allocateDirect(rowBytes * h).order(ByteOrder.nativeOrder()),
                w, h, f, rowBytes);
        Random r = new Random(seed);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                // texture, flat patches and near-black / near-white ones (the clipping rule)
                double base = x < w / 6 ? 0.02 : x > w - w / 6 ? 0.98 : 0.5 + 0.3 * Math.sin(x * 0.09) * Math.cos(y * 0.05);
                double noise = (x / 16 + y / 16) % 3 == 0 ? 0.002 : 0.05;
                for (int c = 0; c < f.channels(); c++) {
                    v.set(x, y, c, (float) Math.min(1, Math.max(0, base + noise * r.nextGaussian())));
                }
            }
        }
        return v;
    }

    @Test
    void theBulkPassGivesTheGainsOfTheCellByCellDefinition() {
        int checked = 0;
        int runs = 0;
        for (PixelFormat f : PixelFormat.values()) {
            ImageView frame = frame(173, 121, f, f.ordinal() + 3);
            float[] soft = new float[70 * 55];
            Random r = new Random(9);
            for (int i = 0; i < soft.length; i++) {
                soft[i] = r.nextInt(4) == 0 ? 0f : (float) (r.nextDouble() * 1.2 - 0.05); // past 0..1 too: clamped
            }
            RegionMask[] regions = {RegionMask.softBox(41, 23, 70, 55, soft), RegionMask.softBox(-9, -6, 70, 55, soft),
                RegionMask.softBox(130, 90, 70, 55, soft), RegionMask.box(17, 30, 101, 77), RegionMask.wholeFrame(173, 121)};
            for (RegionMask region : regions) {
                for (double flatness : new double[] {0.5, 1.0}) {
                    int x0 = Math.max(0, region.x());
                    int y0 = Math.max(0, region.y());
                    int x1 = Math.min(frame.width(), region.x() + region.width());
                    int y1 = Math.min(frame.height(), region.y() + region.height());
                    float[] expected = reference(frame, x0, y0, x1, y1, 4, region, region.x(), region.y(), flatness);
                    int threads = runs++ % 2 == 0 ? 1 : 4; // without and with row bands, by turns
                    FrameParallelism.setThreads(threads);
                    CellGains gains;
                    try {
                        gains = CellGains.of(frame, x0, y0, x1, y1, 4, region, region.x(), region.y(), flatness);
                    } finally {
                        FrameParallelism.setThreads(Runtime.getRuntime().availableProcessors());
                    }
                    for (int y = y0; y < y1; y++) {
                        for (int x = x0; x < x1; x++) {
                            int cell = Math.floorDiv(y - region.y(), 4) - Math.floorDiv(y0 - region.y(), 4);
                            int ncx = Math.floorDiv(x1 - 1 - region.x(), 4) + 1 - Math.floorDiv(x0 - region.x(), 4);
                            int i = cell * ncx + Math.floorDiv(x - region.x(), 4) - Math.floorDiv(x0 - region.x(), 4);
                            assertEquals(expected[i], gains.at(x, y), 1e-4f * expected[i],
                                    f + " " + region.x() + "," + region.y() + " flatness " + flatness + " at " + x + "," + y);
                            checked++;
                        }
                    }
                }
            }
        }
        assertEquals(true, checked > 100_000, "pixels checked: " + checked);
    }
}
