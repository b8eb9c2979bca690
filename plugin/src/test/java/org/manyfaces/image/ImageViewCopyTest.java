package org.manyfaces.image;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.junit.jupiter.api.Test;

/** Copies between host-style layouts: the one-block fast path, padded rows, and 8-bit/float conversion. */
class ImageViewCopyTest {
    private static ByteBuffer mem(int bytes) {
        return ByteBuffer.allocateDirect(bytes).order(ByteOrder.nativeOrder());
    }

    /** A value that differs per pixel and channel, exactly representable in 8 bits. */
    private static float value(int x, int y, int c) {
        return ((x * 7 + y * 13 + c * 29) % 256) / 255f;
    }

    private static void fill(ImageView v) {
        for (int y = 0; y < v.height(); y++) {
            for (int x = 0; x < v.width(); x++) {
                for (int c = 0; c < v.channels(); c++) {
                    v.set(x, y, c, value(x, y, c));
                }
            }
        }
    }

    @Test
    void bottomUpFramesCopyPixelForPixelInOneBlock() {
        int w = 37;
        int h = 11;
        for (PixelFormat f : new PixelFormat[] {PixelFormat.RGBA_U8, PixelFormat.RGBA_F32}) {
            int rowBytes = w * f.bytesPerPixel();
            ImageView src = ImageView.wrapBottomUp(mem(rowBytes * h), w, h, f, rowBytes);
            ImageView dst = ImageView.wrapBottomUp(mem(rowBytes * h), w, h, f, rowBytes);
            fill(src);
            dst.copyFrom(src);
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    for (int c = 0; c < 4; c++) {
                        assertEquals(value(x, y, c), dst.get(x, y, c), 1e-6f, f + " at " + x + "," + y + "," + c);
                    }
                }
            }
        }
    }

    @Test
    void paddedRowsCopyWithoutTouchingThePadding() {
        int w = 5;
        int h = 4;
        int rowBytes = w * 4 + 12;
        ImageView src = ImageView.wrapBottomUp(mem(rowBytes * h), w, h, PixelFormat.RGBA_U8, rowBytes);
        ByteBuffer out = mem(rowBytes * h);
        for (int i = 0; i < out.capacity(); i++) {
            out.put(i, (byte) 0x5A);
        }
        ImageView dst = ImageView.wrapBottomUp(out, w, h, PixelFormat.RGBA_U8, rowBytes);
        fill(src);
        dst.copyFrom(src);
        for (int row = 0; row < h; row++) {
            for (int b = w * 4; b < rowBytes; b++) {
                assertEquals((byte) 0x5A, out.get(row * rowBytes + b), "padding byte " + b + " of row " + row);
            }
        }
        assertEquals(value(4, 3, 2), dst.get(4, 3, 2), 1e-6f);
    }

    @Test
    void eightBitAndFloatConvertBothWays() {
        int w = 9;
        int h = 3;
        ImageView bytes = ImageView.allocate(w, h, PixelFormat.RGBA_U8);
        fill(bytes);
        // A float frame laid out bottom-up, as hosts give float frames.
        int rowBytes = w * 16;
        ImageView floats = ImageView.wrapBottomUp(mem(rowBytes * h), w, h, PixelFormat.RGBA_F32, rowBytes);
        floats.copyFrom(bytes);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int c = 0; c < 4; c++) {
                    assertEquals(value(x, y, c), floats.get(x, y, c), 1e-6f);
                }
            }
        }
        // Float to 8-bit rounds and clamps: 0.5/255 above a level rounds up, out-of-range values clamp.
        floats.set(0, 0, 0, 10.4f / 255f);
        floats.set(1, 0, 0, 10.6f / 255f);
        floats.set(2, 0, 0, -3f);
        floats.set(3, 0, 0, 7f);
        ImageView back = ImageView.allocate(w, h, PixelFormat.RGBA_U8);
        back.copyFrom(floats);
        assertEquals(10, back.buffer().get(back.pixelOffset(0, 0)) & 0xFF);
        assertEquals(11, back.buffer().get(back.pixelOffset(1, 0)) & 0xFF);
        assertEquals(0, back.buffer().get(back.pixelOffset(2, 0)) & 0xFF);
        assertEquals(255, back.buffer().get(back.pixelOffset(3, 0)) & 0xFF);
        assertEquals(value(5, 2, 1), back.get(5, 2, 1), 1e-6f);
    }
}
