package org.manyfaces.pipeline.align;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.manyfaces.image.ImageView;
import org.manyfaces.image.PixelFormat;

class AffineWarpTest {

    /** R = x/100, G = y/100: bilinear interpolation reproduces a linear ramp exactly, so any affine is checkable. */
    private static ImageView ramp(int w, int h, PixelFormat f) {
        ImageView v = ImageView.allocate(w, h, f);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                v.set(x, y, 0, x / 100f);
                v.set(x, y, 1, y / 100f);
                v.set(x, y, 2, 0.25f);
            }
        }
        return v;
    }

    @Test
    void warpSamplesWhereTheInverseMapPoints() {
        ImageView frame = ramp(90, 80, PixelFormat.RGBA_F32);
        // Crop 32 px of a rotated, magnified region well inside the frame.
        Affine2D frameToCrop = Affine2D.similarity(1.3, 0.4, -20, -35);
        FaceCrop crop = new FaceCrop(32);
        AffineWarp.warp(frame, frameToCrop, crop);
        Affine2D back = frameToCrop.invert();
        for (int y = 0; y < 32; y++) {
            for (int x = 0; x < 32; x++) {
                double fx = back.applyX(x, y), fy = back.applyY(x, y);
                if (fx < 0 || fy < 0 || fx > 89 || fy > 79) {
                    continue;
                }
                assertEquals(fx / 100, crop.get(0, x, y), 1e-4, "R at " + x + "," + y);
                assertEquals(fy / 100, crop.get(1, x, y), 1e-4, "G at " + x + "," + y);
                assertEquals(0.25, crop.get(2, x, y), 1e-6);
            }
        }
        assertEquals(frameToCrop, crop.frameToCrop());
    }

    @Test
    void supersampledDownscaleStillReproducesALinearRamp() {
        ImageView frame = ramp(400, 400, PixelFormat.RGB_F32);
        Affine2D frameToCrop = Affine2D.similarity(5, 0.7, 150, 100).invert(); // 5 frame px per crop px
        FaceCrop crop = new FaceCrop(40);
        AffineWarp.warp(frame, frameToCrop, crop);
        Affine2D back = frameToCrop.invert();
        int checked = 0;
        for (int y = 0; y < 40; y++) {
            for (int x = 0; x < 40; x++) {
                double fx = back.applyX(x, y), fy = back.applyY(x, y);
                if (fx < 5 || fy < 5 || fx > 394 || fy > 394) {
                    continue;
                }
                assertEquals(fx / 100, crop.get(0, x, y), 1e-4);
                assertEquals(fy / 100, crop.get(1, x, y), 1e-4);
                checked++;
            }
        }
        assertEquals(true, checked > 500, "too few interior samples: " + checked);
    }

    @Test
    void quarterTurnOfAn8BitImageMovesPixelsExactly() {
        ImageView frame = ImageView.allocate(16, 16, PixelFormat.RGBA_U8);
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 16; x++) {
                frame.set(x, y, 0, (x * 16 + y) / 255f);
                frame.set(x, y, 1, ((x ^ y) & 1) == 0 ? 1f : 0f);
                frame.set(x, y, 2, y / 255f);
            }
        }
        // crop(u,v) = frame(x,y) with u = 15 - y, v = x: a quarter turn.
        Affine2D frameToCrop = new Affine2D(0, -1, 15, 1, 0, 0);
        FaceCrop crop = new FaceCrop(16);
        AffineWarp.warp(frame, frameToCrop, crop);
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 16; x++) {
                int u = 15 - y, v = x;
                for (int c = 0; c < 3; c++) {
                    assertEquals(frame.get(x, y, c), crop.get(c, u, v), 1e-6, "channel " + c + " at " + x + "," + y);
                }
            }
        }
    }

    @Test
    void outsideTheFrameTheEdgeIsReplicated() {
        ImageView frame = ramp(20, 20, PixelFormat.RGB_U8);
        FaceCrop crop = new FaceCrop(10);
        AffineWarp.warp(frame, Affine2D.translation(30, 5), crop); // crop x = frame x + 30: all left of the frame
        for (int y = 0; y < 10; y++) {
            for (int x = 0; x < 10; x++) {
                assertEquals(frame.get(0, Math.min(19, Math.max(0, y - 5)), 0), crop.get(0, x, y), 1e-6);
                assertEquals(frame.get(0, Math.min(19, Math.max(0, y - 5)), 1), crop.get(1, x, y), 1e-6);
            }
        }
    }
}
