package org.manyfaces.pipeline.paste;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.manyfaces.image.ImageView;
import org.manyfaces.image.PixelFormat;
import org.manyfaces.pipeline.align.Affine2D;
import org.manyfaces.pipeline.align.FaceCrop;

class PasteBackTest {

    private static ImageView noise(int w, int h, PixelFormat f, long seed) {
        ImageView v = ImageView.allocate(w, h, f);
        Random r = new Random(seed);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int c = 0; c < f.channels(); c++) {
                    v.set(x, y, c, r.nextFloat());
                }
            }
        }
        return v;
    }

    @ParameterizedTest
    @EnumSource(PixelFormat.class)
    void onlyMaskedPixelsChangeAndTheFaceCentreTakesTheCrop(PixelFormat format) {
        ImageView before = noise(220, 160, format, 1);
        ImageView frame = ImageView.allocate(220, 160, format);
        frame.copyFrom(before);
        FaceCrop crop = new FaceCrop(64);
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 64; x++) {
                crop.set(0, x, y, 0.9f);
                crop.set(1, x, y, 0.2f);
                crop.set(2, x, y, 0.4f);
            }
        }
        // The crop covers a rotated 128 px square whose centre lands at frame (100, 70).
        Affine2D cropToFrame = Affine2D.translation(100, 70).after(Affine2D.similarity(2, 0.5, 0, 0))
                .after(Affine2D.translation(-31.5, -31.5));
        crop.setFrameToCrop(cropToFrame.invert());
        CropMask mask = new BoxMask(64, 0.3f, 0, 0, 0, 0).create();
        PasteRegion roi = PasteBack.paste(frame, crop, mask, 1f);

        int bpp = format.bytesPerPixel();
        int changed = 0;
        for (int y = 0; y < 160; y++) {
            for (int x = 0; x < 220; x++) {
                double u = crop.frameToCrop().applyX(x, y), v = crop.frameToCrop().applyY(x, y);
                boolean masked = mask.sample(u, v) > 0f;
                if (!masked) {
                    for (int b = 0; b < bpp; b++) {
                        int o = frame.pixelOffset(x, y) + b;
                        assertEquals(before.buffer().get(o), frame.buffer().get(o), "byte " + b + " of pixel " + x + "," + y);
                    }
                } else {
                    assertTrue(roi.contains(x, y), "masked pixel outside the region: " + x + "," + y);
                    changed++;
                }
                if (format.hasAlpha()) {
                    assertEquals(before.get(x, y, 3), frame.get(x, y, 3), "alpha must never change");
                }
            }
        }
        assertTrue(changed > 5000, "only " + changed + " pixels changed");
        float tol = format.isFloat() ? 1e-5f : 0.6f / 255f; // 8-bit rounds to the nearest of 256 levels
        assertEquals(0.9f, frame.get(100, 70, 0), tol);
        assertEquals(0.2f, frame.get(100, 70, 1), tol);
        assertEquals(0.4f, frame.get(100, 70, 2), tol);
    }

    @Test
    void blendAmountMixesLinearly() {
        ImageView frame = ImageView.allocate(50, 50, PixelFormat.RGB_F32);
        FaceCrop crop = new FaceCrop(20);
        crop.fill(1f);
        crop.setFrameToCrop(Affine2D.translation(-15, -15));
        float[] ones = new float[400];
        java.util.Arrays.fill(ones, 1f);
        PasteBack.paste(frame, crop, CropMask.of(20, ones), 0.3f);
        assertEquals(0.3f, frame.get(25, 25, 0), 1e-6f);
        assertEquals(0f, frame.get(10, 25, 0));
        assertEquals(0f, frame.get(40, 25, 0));
    }

    @Test
    void theVisitedRegionDependsOnTheFaceNotTheFrame() {
        Affine2D f2c = Affine2D.similarity(0.5, 0.3, -40, -10);
        PasteRegion small = PasteBack.region(f2c, 128, 1000, 1000);
        PasteRegion huge = PasteBack.region(f2c, 128, 3840 * 4, 2160 * 4);
        assertEquals(small, huge);
        // A 128 crop at half scale spans 256 frame px; rotated by 0.3 its box is 256·(cos+sin) ≈ 320.2.
        assertEquals(256 * (Math.cos(0.3) + Math.sin(0.3)), small.width(), 3);
        PasteRegion clipped = PasteBack.region(Affine2D.translation(50, 50), 128, 40, 40);
        assertEquals(new PasteRegion(0, 0, 40, 40), clipped);
        assertTrue(PasteBack.region(Affine2D.translation(-500, 0), 128, 100, 100).isEmpty());
    }
}
