package org.manyfaces.pipeline.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;

import org.junit.jupiter.api.Test;
import org.manyfaces.image.ImageView;
import org.manyfaces.image.PixelFormat;

class NormalizerTest {

    private static TranslatorContract contract(TensorLayout layout, ColorOrder order, ValueRange range, int channels) {
        return new TranslatorContract(layout, order, range, -1, -1, 8, 8, channels, 1, "in", "out",
                TranslatorContract.Source.EXPLICIT, "");
    }

    private static FloatBuffer buffer(int n) {
        return ByteBuffer.allocateDirect(n * 4).order(ByteOrder.nativeOrder()).asFloatBuffer();
    }

    @Test
    void roundTripIsExactForEveryLayoutOrderRangeAndSourceFormat() {
        for (PixelFormat f : PixelFormat.values()) {
            ImageView src = TestImages.random(37, 23, f, 7);
            for (TensorLayout layout : TensorLayout.values()) {
                for (ColorOrder order : ColorOrder.values()) {
                    for (ValueRange range : ValueRange.values()) {
                        Normalizer n = new Normalizer(contract(layout, order, range, 3));
                        FloatBuffer t = buffer(37 * 23 * 3);
                        n.pack(src, 0, 0, t, 37, 23);
                        ImageView back = ImageView.allocate(37, 23, f);
                        n.unpack(t, 37, 23, 0, 0, 37, 23, back, 0, 0);
                        float d = TestImages.maxDiff(src, back, 3);
                        String what = f + " " + layout + " " + order + " " + range;
                        // 8-bit sources must come back bit-exact; float ones within float rounding.
                        assertTrue(d <= (f.isFloat() ? 1e-5f : 0f), what + ": max diff " + d);
                        assertTrue(d <= 1f / 255f, what);
                    }
                }
            }
        }
    }

    @Test
    void packPlacesEachChannelWhereTheLayoutAndColourOrderSay() {
        ImageView src = ImageView.allocate(2, 1, PixelFormat.RGBA_U8);
        // pixel 0 = (R 51, G 102, B 204), pixel 1 = (0, 255, 153)
        int[][] px = {{51, 102, 204}, {0, 255, 153}};
        for (int x = 0; x < 2; x++) {
            for (int c = 0; c < 3; c++) {
                src.buffer().put(src.pixelOffset(x, 0) + c, (byte) px[x][c]);
            }
        }
        FloatBuffer t = buffer(6);
        new Normalizer(contract(TensorLayout.NCHW, ColorOrder.BGR, ValueRange.MINUS_ONE_ONE, 3)).pack(src, 0, 0, t, 2, 1);
        // NCHW planes B, G, R; value = v/255*2-1.
        float[] expect = {204, 153, 102, 255, 51, 0};
        for (int i = 0; i < 6; i++) {
            assertEquals(expect[i] / 127.5f - 1f, t.get(i), 1e-6f, "NCHW BGR index " + i);
        }
        new Normalizer(contract(TensorLayout.NHWC, ColorOrder.RGB, ValueRange.ZERO_255, 3)).pack(src, 0, 0, t, 2, 1);
        float[] expectNhwc = {51, 102, 204, 0, 255, 153};
        for (int i = 0; i < 6; i++) {
            assertEquals(expectNhwc[i], t.get(i), 1e-3f, "NHWC RGB 0..255 index " + i);
        }
    }

    @Test
    void packReplicatesEdgesOutsideTheImage() {
        ImageView src = TestImages.random(5, 4, PixelFormat.RGB_U8, 3);
        Normalizer n = new Normalizer(contract(TensorLayout.NCHW, ColorOrder.RGB, ValueRange.ZERO_ONE, 3));
        FloatBuffer t = buffer(8 * 8 * 3);
        n.pack(src, -2, -1, t, 8, 8);
        for (int ty = 0; ty < 8; ty++) {
            for (int tx = 0; tx < 8; tx++) {
                int sx = Math.max(0, Math.min(4, tx - 2));
                int sy = Math.max(0, Math.min(3, ty - 1));
                assertEquals(src.get(sx, sy, 1), t.get(64 + ty * 8 + tx), 1e-6f);
            }
        }
    }

    @Test
    void unpackClampsOutOfRangeModelValues() {
        Normalizer n = new Normalizer(contract(TensorLayout.NHWC, ColorOrder.RGB, ValueRange.MINUS_ONE_ONE, 3));
        FloatBuffer t = buffer(3);
        t.put(0, 1.7f).put(1, -3f).put(2, Float.NaN);
        ImageView dst = ImageView.allocate(1, 1, PixelFormat.RGB_F32);
        n.unpack(t, 1, 1, 0, 0, 1, 1, dst, 0, 0);
        assertEquals(1f, dst.get(0, 0, 0));
        assertEquals(0f, dst.get(0, 0, 1));
        assertEquals(0f, dst.get(0, 0, 2));
    }

    @Test
    void lumaPacksBt601AndUnpackKeepsChroma() {
        ImageView src = TestImages.random(9, 7, PixelFormat.RGB_F32, 11);
        Normalizer n = new Normalizer(contract(TensorLayout.NCHW, ColorOrder.RGB, ValueRange.ZERO_ONE, 1));
        FloatBuffer t = buffer(9 * 7);
        n.pack(src, 0, 0, t, 9, 7);
        for (int y = 0; y < 7; y++) {
            for (int x = 0; x < 9; x++) {
                float yy = 0.299f * src.get(x, y, 0) + 0.587f * src.get(x, y, 1) + 0.114f * src.get(x, y, 2);
                assertEquals(yy, t.get(y * 9 + x), 1e-6f);
            }
        }
        // Brighten the luma by 0.05 and check Cb/Cr (JPEG definition) are unchanged while Y moved.
        for (int i = 0; i < 63; i++) {
            t.put(i, t.get(i) + 0.05f);
        }
        ImageView dst = ImageView.allocate(9, 7, PixelFormat.RGB_F32);
        dst.copyFrom(src);
        n.unpack(t, 9, 7, 0, 0, 9, 7, dst, 0, 0);
        for (int y = 0; y < 7; y++) {
            for (int x = 0; x < 9; x++) {
                float[] a = ycbcr(src, x, y);
                float[] b = ycbcr(dst, x, y);
                boolean clipped = false;
                for (int c = 0; c < 3; c++) {
                    clipped |= dst.get(x, y, c) >= 1f;
                }
                if (!clipped) {
                    assertEquals(a[0] + 0.05f, b[0], 1e-5f);
                    assertEquals(a[1], b[1], 1e-5f);
                    assertEquals(a[2], b[2], 1e-5f);
                }
            }
        }
    }

    private static float[] ycbcr(ImageView v, int x, int y) {
        float r = v.get(x, y, 0);
        float g = v.get(x, y, 1);
        float b = v.get(x, y, 2);
        return new float[] {
            0.299f * r + 0.587f * g + 0.114f * b,
            -0.168736f * r - 0.331264f * g + 0.5f * b,
            0.5f * r - 0.418688f * g - 0.081312f * b,
        };
    }

    @Test
    void storeAccumulatesWeightedTilesAndNormalises() {
        Normalizer n = new Normalizer(contract(TensorLayout.NCHW, ColorOrder.RGB, ValueRange.ZERO_ONE, 1));
        FloatBuffer a = buffer(2);
        a.put(0, 0.2f).put(1, 0.2f);
        FloatBuffer b = buffer(2);
        b.put(0, 0.8f).put(1, 0.8f);
        FloatImage acc = new FloatImage(3, 1, 1);
        acc.clearForAccumulation();
        n.store(a, 2, 1, 0, 0, 2, 1, acc, 0, 0, new float[] {1f, 0.25f}, new float[] {1f});
        n.store(b, 2, 1, 0, 0, 2, 1, acc, 1, 0, new float[] {0.75f, 1f}, new float[] {1f});
        acc.normaliseWeights();
        assertEquals(0.2f, acc.get(0, 0, 0), 1e-6f);
        assertEquals(0.25f * 0.2f + 0.75f * 0.8f, acc.get(1, 0, 0), 1e-6f);
        assertEquals(0.8f, acc.get(2, 0, 0), 1e-6f);
    }

    @Test
    void tooSmallTensorIsRejectedWithSizes() {
        Normalizer n = new Normalizer(contract(TensorLayout.NCHW, ColorOrder.RGB, ValueRange.ZERO_ONE, 3));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> n.pack(TestImages.random(4, 4, PixelFormat.RGB_U8, 1), 0, 0, buffer(10), 4, 4));
        assertTrue(e.getMessage().contains("4x4x3"), e.getMessage());
    }
}
