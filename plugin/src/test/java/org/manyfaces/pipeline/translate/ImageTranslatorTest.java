package org.manyfaces.pipeline.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.manyfaces.error.ManyFacesException;
import org.manyfaces.image.ImageView;
import org.manyfaces.image.PixelFormat;
import org.manyfaces.pipeline.translate.ImageTranslator.Fit;
import org.manyfaces.pipeline.translate.JavaTestSession.Op;

/** Fitting and blending with models computed in Java (exact known behaviour, no ONNX Runtime). */
class ImageTranslatorTest {
    private static final float U8 = 1f / 255f;
    private static final long[] DYN_NCHW = {1, 3, -1, -1};
    private static final long[] DYN_NHWC = {1, -1, -1, 3};

    private static ImageTranslator translator(TensorLayout layout, long[] shape, Op op, int scale, ValueRange range) {
        JavaTestSession s = JavaTestSession.of(layout, shape, op, scale);
        TranslatorContract inferred = TranslatorContract.infer(s.signature());
        TranslatorContract c = new TranslatorContract(inferred.layout(), ColorOrder.RGB, range, inferred.height(),
                inferred.width(), inferred.sizeMultiple(), inferred.minSize(), inferred.channels(), scale,
                inferred.inputName(), inferred.outputName(), TranslatorContract.Source.EXPLICIT, "");
        return new ImageTranslator(s, c);
    }

    private static Fit tiles(int tile, int overlap, Feather f) {
        return new Fit(FitMode.TILES, tile, overlap, f);
    }

    @Test
    void identityIsExactInNativeAndTilesAndAtModelSizeInResize() {
        ImageView src = TestImages.random(203, 117, PixelFormat.RGBA_U8, 5);
        ImageTranslator t = translator(TensorLayout.NCHW, DYN_NCHW, Op.IDENTITY, 1, ValueRange.MINUS_ONE_ONE);
        for (Fit fit : new Fit[] {Fit.of(FitMode.NATIVE), tiles(64, 16, Feather.COSINE), tiles(64, 16, Feather.LINEAR)}) {
            ImageView dst = ImageView.allocate(203, 117, PixelFormat.RGBA_U8);
            t.translate(src, dst, fit, 1f, null);
            assertTrue(TestImages.maxDiff(src, dst, 4) <= U8, fit + ": " + TestImages.maxDiff(src, dst, 4));
        }
        ImageView sq = TestImages.random(64, 64, PixelFormat.RGB_F32, 6);
        ImageTranslator fixed = translator(TensorLayout.NHWC, new long[] {1, 64, 64, 3}, Op.IDENTITY, 1,
                ValueRange.ZERO_255);
        ImageView out = ImageView.allocate(64, 64, PixelFormat.RGB_F32);
        fixed.translate(sq, out, Fit.of(FitMode.RESIZE), 1f, null);
        assertTrue(TestImages.maxDiff(sq, out, 3) <= 1e-5f);
    }

    @Test
    void frameSmallerThanAFixedModelIsPaddedInTilesAndCroppedBack() {
        ImageView src = TestImages.random(40, 30, PixelFormat.RGBA_U8, 18);
        ImageTranslator t = translator(TensorLayout.NCHW, new long[] {1, 3, 64, 64}, Op.NEGATE, 1,
                ValueRange.MINUS_ONE_ONE);
        ImageView dst = ImageView.allocate(40, 30, PixelFormat.RGBA_U8);
        t.translate(src, dst, tiles(64, 16, Feather.COSINE), 1f, null);
        assertEquals(1, t.stats().runs(), "one padded tile");
        for (int y = 0; y < 30; y++) {
            for (int x = 0; x < 40; x++) {
                assertEquals(1f - src.get(x, y, 2), dst.get(x, y, 2), U8 + 1e-6f, "at " + x + "," + y);
            }
        }
    }

    @Test
    void resizeOfASmoothImageComesBackCloseThroughAFixedModel() {
        // A smooth gradient survives 200x120 -> 64x64 -> 200x120 almost unchanged; detail would not.
        ImageView src = ImageView.allocate(200, 120, PixelFormat.RGB_F32);
        for (int y = 0; y < 120; y++) {
            for (int x = 0; x < 200; x++) {
                src.set(x, y, 0, x / 199f);
                src.set(x, y, 1, y / 119f);
                src.set(x, y, 2, 0.5f);
            }
        }
        ImageTranslator t = translator(TensorLayout.NCHW, new long[] {1, 3, 64, 64}, Op.IDENTITY, 1,
                ValueRange.MINUS_ONE_ONE);
        ImageView dst = ImageView.allocate(200, 120, PixelFormat.RGB_F32);
        t.translate(src, dst, Fit.of(FitMode.RESIZE), 1f, null);
        float d = TestImages.maxDiff(src, dst, 3);
        assertTrue(d < 0.02f, "resize round trip of a gradient differs by " + d);
    }

    @Test
    void negationInMinusOneOneSpaceInvertsColoursInBothLayouts() {
        ImageView src = TestImages.random(90, 70, PixelFormat.RGB_U8, 8);
        for (TensorLayout layout : TensorLayout.values()) {
            ImageTranslator t = translator(layout, layout == TensorLayout.NCHW ? DYN_NCHW : DYN_NHWC, Op.NEGATE, 1,
                    ValueRange.MINUS_ONE_ONE);
            ImageView dst = ImageView.allocate(90, 70, PixelFormat.RGB_U8);
            t.translate(src, dst, Fit.of(FitMode.NATIVE), 1f, null);
            for (int y = 0; y < 70; y++) {
                for (int x = 0; x < 90; x++) {
                    for (int c = 0; c < 3; c++) {
                        assertEquals(1f - src.get(x, y, c), dst.get(x, y, c), U8 + 1e-6f, layout + " at " + x + "," + y);
                    }
                }
            }
        }
    }

    @Test
    void tiledLinearModelMatchesUntiledWithinTwoLevels() {
        // Sizes are multiples of 8 so that the untiled run needs no padding: padding changes the model's
        // answer at the frame border, which is not what this test is about.
        ImageView src = TestImages.random(304, 208, PixelFormat.RGB_U8, 9);
        ImageTranslator t = translator(TensorLayout.NCHW, DYN_NCHW, Op.CONV3, 1, ValueRange.MINUS_ONE_ONE);
        ImageView whole = ImageView.allocate(304, 208, PixelFormat.RGB_F32);
        t.translate(src, whole, Fit.of(FitMode.NATIVE), 1f, null);
        for (Feather f : Feather.values()) {
            ImageView tiled = ImageView.allocate(304, 208, PixelFormat.RGB_F32);
            t.translate(src, tiled, tiles(64, 16, f), 1f, null);
            float d = TestImages.maxDiff(whole, tiled, 3);
            assertTrue(d <= 2f * U8, f + " tiled vs untiled differs by " + d * 255 + "/255");
        }
        // Without overlap (256 = 4 tiles of 64 exactly) the zero padding at tile borders shows as seams,
        // so the comparison above is able to fail.
        ImageView exact = Views.crop(src, 0, 0, 256, 192);
        ImageView wholeExact = ImageView.allocate(256, 192, PixelFormat.RGB_F32);
        t.translate(exact, wholeExact, Fit.of(FitMode.NATIVE), 1f, null);
        ImageView hard = ImageView.allocate(256, 192, PixelFormat.RGB_F32);
        t.translate(exact, hard, tiles(64, 0, Feather.LINEAR), 1f, null);
        assertTrue(TestImages.maxDiff(wholeExact, hard, 3) > 2f * U8, "zero overlap should show seams");
    }

    @Test
    void fixedSizeTilesMatchADynamicRunOfTheSameLinearModel() {
        ImageView src = TestImages.random(152, 104, PixelFormat.RGBA_U8, 10);
        ImageTranslator dynamic = translator(TensorLayout.NHWC, DYN_NHWC, Op.CONV3, 1, ValueRange.ZERO_ONE);
        ImageTranslator fixed = translator(TensorLayout.NHWC, new long[] {1, 48, 48, 3}, Op.CONV3, 1, ValueRange.ZERO_ONE);
        ImageView whole = ImageView.allocate(152, 104, PixelFormat.RGBA_F32);
        dynamic.translate(src, whole, Fit.of(FitMode.NATIVE), 1f, null);
        ImageView tiled = ImageView.allocate(152, 104, PixelFormat.RGBA_F32);
        fixed.translate(src, tiled, tiles(999, 16, Feather.COSINE), 1f, null);
        assertTrue(TestImages.maxDiff(whole, tiled, 3) <= 2f * U8, "diff " + TestImages.maxDiff(whole, tiled, 3) * 255);
        assertTrue(TestImages.maxDiff(src, tiled, 4) > 0f);
        for (int y = 0; y < 104; y++) {
            assertEquals(src.get(7, y, 3), tiled.get(7, y, 3), U8, "alpha carried over");
        }
    }

    @Test
    void nhwcAndNchwGiveTheSameAnswer() {
        ImageView src = TestImages.random(77, 55, PixelFormat.RGB_U8, 12);
        ImageView a = ImageView.allocate(77, 55, PixelFormat.RGB_F32);
        ImageView b = ImageView.allocate(77, 55, PixelFormat.RGB_F32);
        translator(TensorLayout.NCHW, DYN_NCHW, Op.CONV3, 1, ValueRange.MINUS_ONE_ONE)
                .translate(src, a, tiles(32, 8, Feather.LINEAR), 1f, null);
        translator(TensorLayout.NHWC, DYN_NHWC, Op.CONV3, 1, ValueRange.MINUS_ONE_ONE)
                .translate(src, b, tiles(32, 8, Feather.LINEAR), 1f, null);
        assertTrue(TestImages.maxDiff(a, b, 3) <= 1e-6f);
    }

    @Test
    void mixBlendsLinearlyWithTheSource() {
        ImageView src = TestImages.random(40, 30, PixelFormat.RGB_F32, 13);
        ImageTranslator t = translator(TensorLayout.NCHW, DYN_NCHW, Op.NEGATE, 1, ValueRange.MINUS_ONE_ONE);
        for (float mix : new float[] {0f, 0.25f, 0.5f, 1f}) {
            ImageView dst = ImageView.allocate(40, 30, PixelFormat.RGB_F32);
            t.translate(src, dst, Fit.of(FitMode.NATIVE), mix, null);
            for (int y = 0; y < 30; y++) {
                for (int x = 0; x < 40; x++) {
                    float v = src.get(x, y, 1);
                    assertEquals((1 - mix) * v + mix * (1 - v), dst.get(x, y, 1), 1e-5f, "mix " + mix);
                }
            }
        }
        assertThrows(IllegalArgumentException.class,
                () -> t.translate(src, ImageView.allocate(40, 30, PixelFormat.RGB_F32), Fit.of(FitMode.NATIVE), 1.5f, null));
    }

    @Test
    void maskLimitsTheEffect() {
        ImageView src = TestImages.random(40, 30, PixelFormat.RGB_U8, 14);
        ImageView mask = ImageView.allocate(40, 30, PixelFormat.RGBA_U8);
        for (int y = 0; y < 30; y++) {
            for (int x = 0; x < 40; x++) {
                mask.set(x, y, 3, x < 20 ? 1f : (x < 30 ? 0.5f : 0f));
            }
        }
        ImageTranslator t = translator(TensorLayout.NCHW, DYN_NCHW, Op.NEGATE, 1, ValueRange.MINUS_ONE_ONE);
        ImageView dst = ImageView.allocate(40, 30, PixelFormat.RGB_U8);
        t.translate(src, dst, Fit.of(FitMode.NATIVE), 1f, PixelGrid.maskOf(mask));
        for (int y = 0; y < 30; y++) {
            for (int x = 0; x < 40; x++) {
                float v = src.get(x, y, 0);
                float m = mask.get(x, y, 3);
                assertEquals(v + m * ((1 - v) - v), dst.get(x, y, 0), 1.01f * U8, "at " + x + "," + y);
            }
        }
    }

    @Test
    void translatingACropViewLeavesTheRestOfTheFrameAlone() {
        ImageView frame = TestImages.random(100, 80, PixelFormat.RGBA_U8, 15);
        ImageView before = ImageView.allocate(100, 80, PixelFormat.RGBA_U8);
        before.copyFrom(frame);
        ImageView crop = Views.crop(frame, 30, 20, 41, 33);
        translator(TensorLayout.NCHW, DYN_NCHW, Op.NEGATE, 1, ValueRange.MINUS_ONE_ONE)
                .translate(crop, crop, tiles(16, 4, Feather.COSINE), 1f, null);
        for (int y = 0; y < 80; y++) {
            for (int x = 0; x < 100; x++) {
                boolean inside = x >= 30 && x < 71 && y >= 20 && y < 53;
                float expect = inside ? 1f - before.get(x, y, 2) : before.get(x, y, 2);
                assertEquals(expect, frame.get(x, y, 2), U8 + 1e-6f, "at " + x + "," + y);
            }
        }
    }

    @Test
    void scaleTwoModelFillsABiggerOutputInEveryFitMode() {
        ImageView src = TestImages.random(50, 34, PixelFormat.RGB_U8, 16);
        ImageTranslator t = translator(TensorLayout.NCHW, DYN_NCHW, Op.UPSCALE, 2, ValueRange.ZERO_ONE);
        for (Fit fit : new Fit[] {Fit.of(FitMode.NATIVE), tiles(16, 4, Feather.LINEAR)}) {
            ImageView dst = ImageView.allocate(100, 68, PixelFormat.RGB_U8);
            t.translate(src, dst, fit, 1f, null);
            for (int y = 0; y < 68; y++) {
                for (int x = 0; x < 100; x++) {
                    assertEquals(src.get(x / 2, y / 2, 0), dst.get(x, y, 0), U8 + 1e-6f, fit + " at " + x + "," + y);
                }
            }
        }
        ImageView wrong = ImageView.allocate(50, 34, PixelFormat.RGB_U8);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> t.translate(src, wrong, Fit.of(FitMode.NATIVE), 1f, null));
        assertTrue(e.getMessage().contains("100x68"), e.getMessage());
    }

    @Test
    void lumaModelReplacesLumaAndKeepsTheBicubicChroma() {
        ImageView src = TestImages.random(30, 20, PixelFormat.RGB_F32, 17);
        ImageTranslator t = translator(TensorLayout.NCHW, new long[] {1, 1, -1, -1}, Op.UPSCALE, 3, ValueRange.ZERO_ONE);
        ImageView dst = ImageView.allocate(90, 60, PixelFormat.RGB_F32);
        t.translate(src, dst, Fit.of(FitMode.NATIVE), 1f, null);
        ImageView bicubic = ImageView.allocate(90, 60, PixelFormat.RGB_F32);
        new Resampler().resize(PixelGrid.of(src), PixelGrid.of(bicubic), Resampler.Filter.BICUBIC);
        int checked = 0;
        for (int y = 0; y < 60; y++) {
            for (int x = 0; x < 90; x++) {
                float expectY = Normalizer.luma(src.get(x / 3, y / 3, 0), src.get(x / 3, y / 3, 1), src.get(x / 3, y / 3, 2));
                float gotY = Normalizer.luma(dst.get(x, y, 0), dst.get(x, y, 1), dst.get(x, y, 2));
                boolean clipped = false;
                for (int c = 0; c < 3; c++) {
                    float b = Normalizer.clamp01(bicubic.get(x, y, c));
                    float v = b + expectY - Normalizer.luma(Normalizer.clamp01(bicubic.get(x, y, 0)),
                            Normalizer.clamp01(bicubic.get(x, y, 1)), Normalizer.clamp01(bicubic.get(x, y, 2)));
                    clipped |= v < 0f || v > 1f;
                }
                if (!clipped) {
                    assertEquals(expectY, gotY, 1e-5f);
                    // Chroma: the difference between channels is untouched by a luma change.
                    float br = Normalizer.clamp01(bicubic.get(x, y, 0));
                    float bb = Normalizer.clamp01(bicubic.get(x, y, 2));
                    assertEquals(br - bb, dst.get(x, y, 0) - dst.get(x, y, 2), 1e-5f);
                    checked++;
                }
            }
        }
        assertTrue(checked > 5000, "checked " + checked);
    }

    @Test
    void nativeOnAFixedModelOfAnotherSizeSaysWhatToUse() {
        ImageTranslator t = translator(TensorLayout.NCHW, new long[] {1, 3, 64, 64}, Op.IDENTITY, 1,
                ValueRange.MINUS_ONE_ONE);
        ManyFacesException e = assertThrows(ManyFacesException.class, () -> t.translate(
                TestImages.random(80, 60, PixelFormat.RGB_U8, 1), ImageView.allocate(80, 60, PixelFormat.RGB_U8),
                Fit.of(FitMode.NATIVE), 1f, null));
        assertTrue(e.getMessage().contains("RESIZE or TILES") && e.getMessage().contains("64x64"), e.getMessage());
    }

    @Test
    void statsCountRunsAndTime() {
        ImageTranslator t = translator(TensorLayout.NCHW, DYN_NCHW, Op.IDENTITY, 1, ValueRange.MINUS_ONE_ONE);
        t.translate(TestImages.random(100, 100, PixelFormat.RGB_U8, 1), ImageView.allocate(100, 100, PixelFormat.RGB_U8),
                tiles(40, 8, Feather.LINEAR), 1f, null);
        ImageTranslator.Stats s = t.stats();
        assertEquals(9, s.runs());
        assertTrue(s.runNanos() > 0 && s.totalNanos() >= s.runNanos());
    }
}
