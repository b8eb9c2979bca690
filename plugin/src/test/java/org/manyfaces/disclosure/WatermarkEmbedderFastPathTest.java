package org.manyfaces.disclosure;

import org.manyfaces.effect.faceswap.FaceSwapEffect;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.manyfaces.image.FrameParallelism;
import org.manyfaces.image.ImageView;
import org.manyfaces.image.PixelFormat;

/**
 * The embedder's row loop (incremental cells, direct buffer access, integer steps on 8-bit frames) writes
 * exactly what the per-pixel definition below writes: ImageView get, add, set at every pixel and channel,
 * with the cell and tile found by division. Bit for bit, on 8-bit and float frames, RGBA and RGB, top-down
 * and bottom-up rows, whole frames (luma only) and soft face-sized masks (luma + chroma), and regions that
 * start off the frame or off the cell grid.
 */
class WatermarkEmbedderFastPathTest {
    private static final Payload PAYLOAD = Payload.manyFaces(FaceSwapEffect.PAYLOAD_CODE,
            "5f0c2b1e9d8a7c6b5a49382716051f2e3d4c5b6a79887766554433221100ffee");

    /** The definition, as the embedder was written before the row loop (same gains, same pattern). */
    private static void reference(ImageView frame, RegionMask region, Payload payload, float strength) {
        WatermarkPattern pattern = new WatermarkPattern(WatermarkDetector.DEFAULT_KEY, WatermarkDetector.CELL_SIZE);
        byte[] coded = WatermarkCodec.encode(payload);
        int[] chips = new int[WatermarkPattern.TILE * WatermarkPattern.TILE];
        for (int i = 0; i < chips.length; i++) {
            chips[i] = pattern.chip(i, coded);
        }
        int x0 = Math.max(0, region.x());
        int y0 = Math.max(0, region.y());
        int x1 = Math.min(frame.width(), region.x() + region.width());
        int y1 = Math.min(frame.height(), region.y() + region.height());
        int cell = pattern.cellSize();
        int ax = region.anchorX();
        int ay = region.anchorY();
        boolean chroma = (long) (x1 - x0) * (y1 - y0) * 2 <= (long) frame.width() * frame.height();
        CellGains gains = CellGains.of(frame, x0, y0, x1, y1, cell, region, ax, ay, chroma ? 0.5 : 1.0);
        float stepR = chroma ? WatermarkEmbedder.CHROMA_RG : 1f;
        float stepB = chroma ? WatermarkEmbedder.CHROMA_B : 1f;
        int[] bayer = {0, 8, 2, 10, 12, 4, 14, 6, 3, 11, 1, 9, 15, 7, 13, 5};
        for (int y = y0; y < y1; y++) {
            int v = Math.floorMod(Math.floorDiv(y - ay, cell), WatermarkPattern.TILE);
            for (int x = x0; x < x1; x++) {
                float w = region.weight(x, y);
                if (w <= 0f) {
                    continue;
                }
                int u = Math.floorMod(Math.floorDiv(x - ax, cell), WatermarkPattern.TILE);
                float delta = strength * gains.at(x, y) * chips[WatermarkPattern.index(u, v)] * w;
                float dither = (bayer[(y & 3) * 4 + (x & 3)] + 0.5f) / 16f;
                for (int c = 0; c < Math.min(3, frame.channels()); c++) {
                    float d = delta * (c == 2 ? stepB : stepR);
                    if (!frame.format().isFloat()) {
                        float step = (float) Math.floor(d * 255f + dither);
                        if (step != 0f) {
                            frame.set(x, y, c, frame.get(x, y, c) + step / 255f);
                        }
                    } else {
                        frame.set(x, y, c, frame.get(x, y, c) + d);
                    }
                }
            }
        }
    }

    private static ImageView frame(int w, int h, PixelFormat f, boolean bottomUp, long seed) {
        int rowBytes = w * f.bytesPerPixel() + 12; // padded rows
        ByteBuffer mem = ByteBuffer.allocateDirect(rowBytes * h).order(ByteOrder.nativeOrder());
        ImageView v = bottomUp ? ImageView.wrapBottomUp(mem, w, h, f, rowBytes)
                : new ImageView(mem, w, h, f, 0, rowBytes);
        Random r = new Random(seed);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                // smooth picture + noise, with black and white patches (clipping and the gains' low cap)
                double base = 0.5 + 0.35 * Math.sin(x * 0.05) * Math.cos(y * 0.07);
                if (x < w / 8) {
                    base = 0.01;
                } else if (x > w - w / 8) {
                    base = 0.995;
                }
                for (int c = 0; c < f.channels(); c++) {
                    v.set(x, y, c, (float) Math.min(1, Math.max(0, base + 0.03 * r.nextGaussian())));
                }
            }
        }
        return v;
    }

    private static void assertSame(ImageView expected, ImageView actual, String what) {
        for (int y = 0; y < expected.height(); y++) {
            for (int x = 0; x < expected.width(); x++) {
                for (int c = 0; c < expected.channels(); c++) {
                    assertEquals(Float.floatToIntBits(expected.get(x, y, c)), Float.floatToIntBits(actual.get(x, y, c)),
                            what + " at " + x + "," + y + " channel " + c);
                }
            }
        }
    }

    @Test
    void theRowLoopWritesExactlyWhatThePerPixelDefinitionWrites() {
        long seed = 1;
        for (PixelFormat f : new PixelFormat[] {PixelFormat.RGBA_U8, PixelFormat.RGBA_F32, PixelFormat.RGB_U8,
            PixelFormat.RGB_F32}) {
            for (boolean bottomUp : new boolean[] {false, true}) {
                int w = 197;
                int h = 133;
                float[] soft = new float[90 * 70];
                for (int i = 0; i < soft.length; i++) {
                    int mx = i % 90;
                    int my = i / 90;
                    soft[i] = (float) Math.max(0, 1.2 - Math.hypot(mx - 45, my - 35) / 30.0); // 0..1.2, clipped
                }
                RegionMask[] regions = {RegionMask.wholeFrame(w, h), RegionMask.softBox(37, 21, 90, 70, soft),
                    RegionMask.softBox(-13, -7, 90, 70, soft), RegionMask.box(150, 100, 90, 70),
                    RegionMask.softBox(37, 21, 90, 70, soft).anchoredAt(30, 19)};
                for (RegionMask region : regions) {
                    ImageView a = frame(w, h, f, bottomUp, seed++);
                    reference(a, region, PAYLOAD, WatermarkEmbedder.DEFAULT_STRENGTH * 3);
                    // one thread (no split) and several (row bands at the same time): the same pixels
                    for (int threads : new int[] {1, 4}) {
                        ImageView b = frame(w, h, f, bottomUp, seed - 1);
                        FrameParallelism.setThreads(threads);
                        try {
                            new WatermarkEmbedder().embed(b, region, PAYLOAD, WatermarkEmbedder.DEFAULT_STRENGTH * 3);
                        } finally {
                            FrameParallelism.setThreads(Runtime.getRuntime().availableProcessors());
                        }
                        assertSame(a, b, f + (bottomUp ? " bottom-up " : " top-down ") + region.x() + "," + region.y()
                                + ", " + threads + " threads");
                    }
                }
            }
        }
    }

    @Test
    void integerStepsEqualTheFloatRoundTripForEveryCodeValue() {
        // The 8-bit path adds the step to the code value and clamps; the definition converts to 0..1, adds
        // step/255 and rounds back. Equal for every code value and every step up to 0.25 x 2 x 1.11 x 255.
        for (int b = 0; b < 256; b++) {
            for (int step = -300; step <= 300; step++) {
                float value = b * (1f / 255f) + (float) step / 255f;
                assertEquals(Math.max(0, Math.min(255, b + step)), ImageView.toByte(value) & 0xFF, b + " + " + step);
            }
        }
    }
}
