package org.manyfaces.pipeline.paste;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;
import org.manyfaces.image.ImageView;
import org.manyfaces.image.PixelFormat;
import org.manyfaces.pipeline.align.Affine2D;
import org.manyfaces.pipeline.align.AffineWarp;
import org.manyfaces.pipeline.align.FaceCrop;

class SwapCompositeTest {
    private static final int W = 400;
    private static final int H = 300;
    private static final int CROP = 64;

    /** A frame full of pixel-sized detail, which a 64 px crop of a 256 px region cannot hold. */
    private static ImageView detailedFrame(long seed) {
        ImageView v = ImageView.allocate(W, H, PixelFormat.RGBA_U8);
        Random r = new Random(seed);
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                for (int c = 0; c < 4; c++) {
                    v.set(x, y, c, r.nextFloat());
                }
            }
        }
        return v;
    }

    /** Crop-space disc: 1 inside radius r (in crop pixels) around the crop centre. */
    private static CropMask disc(double r) {
        float[] w = new float[CROP * CROP];
        for (int y = 0; y < CROP; y++) {
            for (int x = 0; x < CROP; x++) {
                w[y * CROP + x] = Math.hypot(x - 31.5, y - 31.5) <= r ? 1f : 0f;
            }
        }
        return CropMask.of(CROP, w);
    }

    private static int channel(ImageView v, int x, int y, int c) {
        return v.buffer().get(v.pixelOffset(x, y) + c) & 0xFF;
    }

    @Test
    void outsideTheReplaceRegionTheFramesOwnDetailSurvivesAndInsideTheCropReplacesIt() {
        ImageView src = detailedFrame(7);
        // The crop sees a 256 px square (4 frame pixels per crop pixel) centred at (200, 150).
        Affine2D cropToFrame = Affine2D.translation(200, 150).after(Affine2D.similarity(4, 0, 0, 0))
                .after(Affine2D.translation(-31.5, -31.5));
        FaceCrop original = new FaceCrop(CROP);
        AffineWarp.warp(src, cropToFrame.invert(), original);
        FaceCrop swapped = new FaceCrop(CROP);
        swapped.copyFrom(original);
        // The "swap": a flat grey face inside radius 12, a gentle shading change (+0.1) in the ring 12..30.
        for (int y = 0; y < CROP; y++) {
            for (int x = 0; x < CROP; x++) {
                double d = Math.hypot(x - 31.5, y - 31.5);
                for (int c = 0; c < 3; c++) {
                    float o = original.get(c, x, y);
                    swapped.set(c, x, y, d <= 12 ? 0.5f : d <= 30 ? o + 0.1f : o);
                }
            }
        }
        CropMask paste = disc(30);
        CropMask replace = disc(12);
        SwapComposite composite = new SwapComposite(CROP);
        composite.prepare(swapped, original, paste, replace, 1f);
        ImageView out = ImageView.allocate(W, H, PixelFormat.RGBA_U8);
        out.copyFrom(src);
        PasteRegion roi = composite.region(W, H);
        // In two bands, as two threads would: the result must not depend on the split.
        int mid = roi.y() + roi.height() / 3;
        composite.compositeRows(out, roi.y(), mid);
        composite.compositeRows(out, mid, roi.y() + roi.height());
        ImageView plain = ImageView.allocate(W, H, PixelFormat.RGBA_U8);
        plain.copyFrom(src);
        PasteBack.paste(plain, swapped, paste, 1f);

        double ringErrorComposite = 0;
        double ringErrorPlain = 0;
        int ring = 0;
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                double d = Math.hypot(x - 200, y - 150) / 4; // in crop pixels
                if (d > 16 && d < 26) {
                    for (int c = 0; c < 3; c++) {
                        int expected = Math.min(255, channel(src, x, y, c) + 26); // + 0.1, the shading change
                        ringErrorComposite += Math.abs(channel(out, x, y, c) - expected);
                        ringErrorPlain += Math.abs(channel(plain, x, y, c) - expected);
                    }
                    ring++;
                } else if (d < 9) {
                    for (int c = 0; c < 3; c++) {
                        assertEquals(128, channel(out, x, y, c), 1, "the face is replaced at " + x + "," + y);
                    }
                } else if (d > 31) {
                    for (int c = 0; c < 4; c++) {
                        assertEquals(channel(src, x, y, c), channel(out, x, y, c), "untouched outside the paste at " + x + "," + y);
                    }
                }
                assertEquals(channel(src, x, y, 3), channel(out, x, y, 3), "alpha is never written");
            }
        }
        ringErrorComposite /= 3.0 * ring;
        ringErrorPlain /= 3.0 * ring;
        // Uniform noise loses about a third of its range to a 4x down- and up-sampling (mean error ~ 60 levels);
        // the composite keeps the frame's own pixel plus the change (only rounding and clamping at 255 remain).
        assertTrue(ringErrorComposite < 3, "ring error of the composite " + ringErrorComposite);
        assertTrue(ringErrorPlain > 30, "a plain paste blurs the ring (error " + ringErrorPlain + ")");
    }
}
