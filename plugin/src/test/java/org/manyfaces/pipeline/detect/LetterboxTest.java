package org.manyfaces.pipeline.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.manyfaces.image.ImageView;
import org.manyfaces.image.PixelFormat;
import org.manyfaces.inference.FloatTensor;

class LetterboxTest {

    /** A w x h RGBA image whose R = 10*x + y, G = 100 + x, B = 200 - y (so each channel is traceable). */
    private static ImageView ramp(int w, int h, PixelFormat f) {
        ImageView v = ImageView.allocate(w, h, f);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                v.set(x, y, 0, (10 * x + y) / 255f);
                v.set(x, y, 1, (100 + x) / 255f);
                v.set(x, y, 2, (200 - y) / 255f);
                if (f.hasAlpha()) {
                    v.set(x, y, 3, 1f);
                }
            }
        }
        return v;
    }

    private static float at(FloatTensor t, int c, int y, int x) {
        int h = (int) t.dim(2);
        int w = (int) t.dim(3);
        return t.get(c * h * w + y * w + x);
    }

    @Test
    void oneToOneCopiesPixelsAndPadsBottomRight() {
        Letterbox lb = new Letterbox(ChannelOrder.RGB, new float[] {0f}, new float[] {1f}, false);
        FloatTensor t = FloatTensor.allocate(1, 3, 8, 8);
        t.fill(99f);
        lb.fill(ramp(5, 3, PixelFormat.RGBA_U8), t);
        assertEquals(1.0, lb.scale());
        assertEquals(5, lb.contentWidth());
        assertEquals(3, lb.contentHeight());
        for (int y = 0; y < 3; y++) {
            for (int x = 0; x < 5; x++) {
                assertEquals(10 * x + y, at(t, 0, y, x), 1e-4f);
                assertEquals(100 + x, at(t, 1, y, x), 1e-4f);
                assertEquals(200 - y, at(t, 2, y, x), 1e-4f);
            }
        }
        // padding is black (0 on the 0..255 scale) to the right and below
        assertEquals(0f, at(t, 0, 1, 6));
        assertEquals(0f, at(t, 2, 7, 0));
    }

    @Test
    void bgrOrderAndNormalisationPerPlane() {
        // RetinaFace style: BGR minus (104,117,123); planes are B, G, R.
        Letterbox lb = new Letterbox(ChannelOrder.BGR, new float[] {104f, 117f, 123f}, new float[] {1f}, false);
        FloatTensor t = FloatTensor.allocate(1, 3, 4, 4);
        lb.fill(ramp(2, 2, PixelFormat.RGBA_U8), t);
        assertEquals((200 - 1) - 104f, at(t, 0, 1, 1), 1e-4f); // B at (1,1)
        assertEquals((100 + 1) - 117f, at(t, 1, 1, 1), 1e-4f); // G
        assertEquals((10 + 1) - 123f, at(t, 2, 1, 1), 1e-4f);  // R
        assertEquals(-104f, at(t, 0, 3, 3), 1e-4f);            // padding = normalised black
        // SCRFD style: (x - 127.5) / 128
        Letterbox s = new Letterbox(ChannelOrder.RGB, new float[] {127.5f}, new float[] {128f}, false);
        s.fill(ramp(2, 2, PixelFormat.RGBA_U8), t);
        assertEquals((100 - 127.5f) / 128f, at(t, 1, 0, 0), 1e-6f);
        assertEquals(-127.5f / 128f, at(t, 0, 3, 0), 1e-6f);
    }

    @Test
    void upscaleByTwoInterpolatesWithCentredPixels() {
        // Source row R values 0, 10 (x = 0, 1). At scale 2, output x samples source (x + 0.5) / 2 - 0.5:
        // x=0 -> -0.25 (clamped to 0) = 0; x=1 -> 0.25 = 2.5; x=2 -> 0.75 = 7.5; x=3 -> 1.25 (clamped) = 10.
        Letterbox lb = new Letterbox(ChannelOrder.RGB, new float[] {0f}, new float[] {1f}, true);
        FloatTensor t = FloatTensor.allocate(1, 3, 4, 4);
        lb.fill(ramp(2, 2, PixelFormat.RGBA_U8), t);
        assertEquals(2.0, lb.scale());
        float[] expectedRow0 = {0f, 2.5f, 7.5f, 10f};
        for (int x = 0; x < 4; x++) {
            assertEquals(expectedRow0[x], at(t, 0, 0, x), 1e-4f);
        }
        // vertical: R = 10x + y, so at x=0 the rows are 0, 0.25, 0.75, 1
        float[] expectedCol0 = {0f, 0.25f, 0.75f, 1f};
        for (int y = 0; y < 4; y++) {
            assertEquals(expectedCol0[y], at(t, 0, y, 0), 1e-4f);
        }
    }

    @Test
    void downscaleFitsTheLongSide() {
        Letterbox lb = new Letterbox(ChannelOrder.RGB, new float[] {0f}, new float[] {1f}, true);
        FloatTensor t = FloatTensor.allocate(1, 3, 8, 8);
        lb.fill(ramp(32, 16, PixelFormat.RGBA_U8), t);
        assertEquals(0.25, lb.scale());
        assertEquals(8, lb.contentWidth());
        assertEquals(4, lb.contentHeight());
        // output (1,1) samples source (5.5, 5.5): R = 10*5.5 + 5.5 = 60.5
        assertEquals(60.5f, at(t, 0, 1, 1), 1e-3f);
        assertEquals(0f, at(t, 0, 5, 1), "rows below the content are padding");
    }

    @Test
    void everyFormatAndRowOrderGivesTheSameTensor() {
        ImageView ref = ramp(7, 5, PixelFormat.RGBA_U8);
        Letterbox lb = new Letterbox(ChannelOrder.BGR, new float[] {127.5f}, new float[] {128f}, true);
        FloatTensor expected = FloatTensor.allocate(1, 3, 16, 16);
        lb.fill(ref, expected);
        for (PixelFormat f : PixelFormat.values()) {
            ImageView v = ImageView.allocate(7, 5, f);
            v.copyFrom(ref);
            FloatTensor t = FloatTensor.allocate(1, 3, 16, 16);
            lb.fill(v, t);
            for (int i = 0; i < t.elementCount(); i++) {
                assertEquals(expected.get(i), t.get(i), 1e-5f, f + " element " + i);
            }
        }
        // bottom-up memory with padded, negative row bytes
        int rowBytes = 7 * 4 + 8;
        java.nio.ByteBuffer mem = java.nio.ByteBuffer.allocateDirect(rowBytes * 5).order(java.nio.ByteOrder.nativeOrder());
        ImageView up = ImageView.wrapBottomUp(mem, 7, 5, PixelFormat.RGBA_U8, -rowBytes);
        up.copyFrom(ref);
        FloatTensor t = FloatTensor.allocate(1, 3, 16, 16);
        lb.fill(up, t);
        for (int i = 0; i < t.elementCount(); i++) {
            assertEquals(expected.get(i), t.get(i), 0f, "negative row bytes, element " + i);
        }
    }

    @Test
    void badTargetsAndEmptyImagesAreRejected() {
        Letterbox lb = new Letterbox(ChannelOrder.RGB, new float[] {0f}, new float[] {1f}, true);
        assertThrows(IllegalArgumentException.class, () -> lb.fill(ramp(4, 4, PixelFormat.RGBA_U8),
                FloatTensor.allocate(1, 4, 8, 8)));
        assertThrows(IllegalArgumentException.class, () -> lb.fill(ImageView.allocate(0, 4, PixelFormat.RGBA_U8),
                FloatTensor.allocate(1, 3, 8, 8)));
        assertThrows(IllegalArgumentException.class, () -> new Letterbox(ChannelOrder.RGB, new float[] {0f},
                new float[] {0f}, true));
    }
}
