package org.manyfaces.pipeline.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.manyfaces.image.ImageView;
import org.manyfaces.image.PixelFormat;
import org.manyfaces.inference.FloatTensor;

/**
 * The letterbox's fast kernels (integer-ratio shortcuts, paired 64-bit reads) against a plain bilinear
 * reference written here from the definition: pixel centres aligned, edges clamped, {@code (v - mean) / std}
 * on the 0..255 scale, padding = normalised black. Every frame layout a host may hand over is covered.
 *
 * <p>Tolerance: the reference works in double, the letterbox in float on values ≤ 255; a handful of float
 * roundings there stay below 255·2⁻²⁴·8 ≈ 1.2e-4 before the division by std (≥ 1 here). 1e-3 is still 1/1000 of
 * one 8-bit level, so a wrong tap, weight, channel or row can never pass.
 */
class LetterboxShortcutTest {
    private static final float TOL = 1e-3f;
    private static final float[] MEAN = {104f, 117f, 123f};
    private static final float[] STD = {1f, 2f, 1.5f};

    /** Random 8-bit content (the same values for every layout), so a misplaced sample cannot look right. */
    private static ImageView randomTopDown(int w, int h, long seed) {
        ImageView v = ImageView.allocate(w, h, PixelFormat.RGBA_U8);
        Random r = new Random(seed);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int c = 0; c < 4; c++) {
                    v.buffer().put(v.pixelOffset(x, y) + c, (byte) r.nextInt(256));
                }
            }
        }
        return v;
    }

    /** The layouts a host hands over: top-down packed, bottom-up padded, negative padded, heap, float, RGB 8-bit and float. */
    private static ImageView[] layouts(ImageView ref) {
        int w = ref.width();
        int h = ref.height();
        ImageView[] out = new ImageView[7];
        out[0] = ref;
        int padded = w * 4 + 12; // padding that is not a multiple of 8: longs read at any alignment
        out[1] = ImageView.wrapBottomUp(direct(padded * h), w, h, PixelFormat.RGBA_U8, padded);
        out[2] = ImageView.wrapBottomUp(direct(padded * h), w, h, PixelFormat.RGBA_U8, -padded);
        ByteBuffer heap = ByteBuffer.allocate(3 + w * 4 * h).order(ByteOrder.nativeOrder());
        out[3] = new ImageView(heap, w, h, PixelFormat.RGBA_U8, 3, w * 4); // heap buffer, odd start offset
        int floatRow = w * 16 + 16;
        out[4] = ImageView.wrapBottomUp(direct(floatRow * h), w, h, PixelFormat.RGBA_F32, floatRow);
        out[5] = ImageView.wrapBottomUp(direct(w * 3 * h), w, h, PixelFormat.RGB_U8, w * 3);
        out[6] = ImageView.allocate(w, h, PixelFormat.RGB_F32); // three floats a pixel: shortcut step 3
        for (int i = 1; i < out.length; i++) {
            out[i].copyFrom(ref);
        }
        return out;
    }

    private static ByteBuffer direct(int bytes) {
        return ByteBuffer.allocateDirect(bytes).order(ByteOrder.nativeOrder());
    }

    /** Bilinear from the definition, in double, reading 0..255 values through {@link ImageView#get}. */
    private static double reference(ImageView src, double inv, int plane, ChannelOrder order, int x, int y) {
        int c = order.sourceChannel(plane);
        double sx = (x + 0.5) * inv - 0.5;
        double sy = (y + 0.5) * inv - 0.5;
        double v = sample(src, sx, sy, c);
        return (v - MEAN[plane]) / STD[plane];
    }

    private static double sample(ImageView src, double sx, double sy, int c) {
        int w = src.width();
        int h = src.height();
        double cx = Math.min(Math.max(sx, 0), w - 1);
        double cy = Math.min(Math.max(sy, 0), h - 1);
        int x0 = (int) Math.floor(cx);
        int y0 = (int) Math.floor(cy);
        int x1 = Math.min(x0 + 1, w - 1);
        int y1 = Math.min(y0 + 1, h - 1);
        double fx = cx - x0;
        double fy = cy - y0;
        double top = px(src, x0, y0, c) * (1 - fx) + px(src, x1, y0, c) * fx;
        double bot = px(src, x0, y1, c) * (1 - fx) + px(src, x1, y1, c) * fx;
        return top * (1 - fy) + bot * fy;
    }

    private static double px(ImageView v, int x, int y, int c) {
        return Math.round(v.get(x, y, c) * 255.0);
    }

    /**
     * Fills a {@code inW x inH} tensor from every layout of a random {@code w x h} frame and checks each
     * element against the reference. Returns the shortcut rows of the 8-bit RGBA top-down fill.
     */
    private static int checkAllLayouts(int w, int h, int inW, int inH, boolean upscale, double expectedScale) {
        ImageView ref = randomTopDown(w, h, 31L * w + h);
        int shortcut = -1;
        for (ChannelOrder order : ChannelOrder.values()) {
            Letterbox lb = new Letterbox(order, MEAN, STD, upscale);
            for (ImageView v : layouts(ref)) {
                FloatTensor t = FloatTensor.allocate(1, 3, inH, inW);
                t.fill(Float.NaN);
                lb.fill(v, t);
                assertEquals(expectedScale, lb.scale(), 1e-12, "scale for " + w + "x" + h);
                if (v == ref && order == ChannelOrder.BGR) {
                    shortcut = lb.shortcutRows();
                }
                double inv = 1.0 / lb.scale();
                for (int p = 0; p < 3; p++) {
                    for (int y = 0; y < inH; y++) {
                        for (int x = 0; x < inW; x++) {
                            boolean content = x < lb.contentWidth() && y < lb.contentHeight();
                            double expected = content ? reference(ref, inv, p, order, x, y) : -MEAN[p] / STD[p];
                            float got = t.get((p * inH + y) * inW + x);
                            if (Math.abs(expected - got) > TOL) {
                                assertEquals(expected, got, TOL, w + "x" + h + " " + v + " " + order
                                        + " plane " + p + " at (" + x + "," + y + ")");
                            }
                        }
                    }
                }
            }
        }
        return shortcut;
    }

    @Test
    void twoToOneIsTheMeanOfEachBlock() {
        // 720p -> 640 in small: every sample is a 2x2 block mean, through the packed-sum shortcut
        int rows = checkAllLayouts(42, 22, 21, 16, false, 0.5);
        assertEquals(11, rows, "every content row takes the 2x2 shortcut");
    }

    @Test
    void evenRatiosFourAndSixUseTheBlockShortcutToo() {
        assertEquals(9, checkAllLayouts(64, 36, 16, 16, false, 0.25)); // 1440p-like
        assertEquals(9, checkAllLayouts(96, 54, 16, 16, false, 1.0 / 6)); // 4K-like
    }

    @Test
    void oddRatiosSamplePixelCentres() {
        // 1080p -> 640 in small (3:1, where 1/scale is 3 only up to rounding), and 1:1 without upscaling
        assertEquals(11, checkAllLayouts(63, 33, 21, 16, false, 1.0 / 3));
        assertEquals(5, checkAllLayouts(7, 5, 16, 16, false, 1.0));
        assertEquals(3, checkAllLayouts(45, 15, 9, 9, false, 0.2)); // 5:1
    }

    @Test
    void otherRatiosGoThroughPairedBilinear() {
        assertEquals(0, checkAllLayouts(50, 37, 32, 32, false, 0.64));
        assertEquals(0, checkAllLayouts(13, 7, 32, 32, true, 32.0 / 13)); // upscale: edges clamp both ways
        assertEquals(0, checkAllLayouts(33, 17, 24, 24, false, 24.0 / 33)); // right-edge pair shifted left
    }

    @Test
    void singleColumnAndSingleRowFrames() {
        // one pixel wide: no horizontal pair exists, the general path reads it
        checkAllLayouts(1, 9, 8, 8, true, 8.0 / 9);
        checkAllLayouts(9, 1, 8, 8, true, 8.0 / 9);
        checkAllLayouts(2, 2, 1, 1, false, 0.5);
    }

    @Test
    void theSameLetterboxSwitchesBetweenRatiosAndLayouts() {
        // The column tables are cached per source width and scale: a new ratio must rebuild them.
        Letterbox lb = new Letterbox(ChannelOrder.BGR, MEAN, STD, false);
        ImageView a = randomTopDown(42, 22, 1); // 2:1 into 21x16
        ImageView b = randomTopDown(63, 33, 2); // 3:1
        FloatTensor t = FloatTensor.allocate(1, 3, 16, 21);
        for (ImageView v : new ImageView[] {a, b, a}) {
            lb.fill(v, t);
            double inv = 1.0 / lb.scale();
            assertTrue(lb.shortcutRows() > 0);
            for (int y = 0; y < lb.contentHeight(); y++) {
                for (int x = 0; x < lb.contentWidth(); x++) {
                    assertEquals(reference(v, inv, 2, ChannelOrder.BGR, x, y), t.get((2 * 16 + y) * 21 + x), TOL);
                }
            }
        }
    }

    @Test
    void eightBitShortcutsAreBitForBitTheGeneralBilinear() {
        // RGB 8-bit frames always take the general per-channel bilinear; RGBA 8-bit takes the shortcuts
        // and paired reads. With weights 0, 0.5 or the same float lerp, both must give identical floats
        // (the 1/4 of the 2x2 mean is a power of two, so moving it into the scale rounds the same way).
        int[][] sizes = {{42, 22, 21, 16}, {63, 33, 21, 16}, {96, 54, 16, 16}, {50, 37, 32, 32}, {33, 17, 24, 24}};
        float[][] norms = {{0f}, {1f}, {127.5f}, {128f}, {104f, 117f, 123f}, {58.4f, 57.1f, 57.4f}};
        for (int[] s : sizes) {
            ImageView rgba = randomTopDown(s[0], s[1], 7L * s[0] + s[1]);
            ImageView rgb = ImageView.allocate(s[0], s[1], PixelFormat.RGB_U8);
            rgb.copyFrom(rgba);
            for (int n = 0; n < norms.length; n += 2) {
                Letterbox lb = new Letterbox(ChannelOrder.BGR, norms[n], norms[n + 1], false);
                FloatTensor fast = FloatTensor.allocate(1, 3, s[3], s[2]);
                FloatTensor plain = FloatTensor.allocate(1, 3, s[3], s[2]);
                lb.fill(rgba, fast);
                lb.fill(rgb, plain);
                for (int i = 0; i < fast.elementCount(); i++) {
                    if (Float.floatToIntBits(fast.get(i)) != Float.floatToIntBits(plain.get(i))) {
                        assertEquals(plain.get(i), fast.get(i), 0f, s[0] + "x" + s[1] + " norm " + n / 2 + " element " + i);
                    }
                }
            }
        }
    }
}
