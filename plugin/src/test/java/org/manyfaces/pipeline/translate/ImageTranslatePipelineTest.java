package org.manyfaces.pipeline.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.manyfaces.image.ImageView;
import org.manyfaces.image.PixelFormat;
import org.manyfaces.inference.InferenceEngine;
import org.manyfaces.inference.ProviderChoice;
import org.manyfaces.inference.ProviderPolicy;
import org.manyfaces.pipeline.Box;
import org.manyfaces.pipeline.Face;
import org.manyfaces.testsupport.SharedFiles;

class ImageTranslatePipelineTest {
    private static final float U8 = 1f / 255f;
    private static InferenceEngine engine;

    @TempDir
    static Path dir;

    @BeforeAll
    static void start() {
        engine = new InferenceEngine(ProviderPolicy.cpuOnly());
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    private static TranslateSettings negateSettings() {
        return TranslateSettings.of(TranslateTestModels.negate(dir, TensorLayout.NCHW, -1)).withProvider(ProviderChoice.CPU)
                .withFit(FitMode.NATIVE, 512, 32);
    }

    @Test
    void wholeFrameUsesTheInferredContractAndMix() {
        try (ImageTranslatePipeline p = new ImageTranslatePipeline(engine)) {
            TranslateSettings s = negateSettings().withMix(0.75f);
            assertEquals(TranslatorContract.Source.INFERRED, p.contract(s).source());
            ImageView src = TestImages.random(120, 90, PixelFormat.RGBA_U8, 31);
            ImageView dst = ImageView.allocate(120, 90, PixelFormat.RGBA_U8);
            p.render(src, dst, s);
            for (int y = 0; y < 90; y += 7) {
                for (int x = 0; x < 120; x += 5) {
                    float v = src.get(x, y, 0);
                    assertEquals(0.25f * v + 0.75f * (1 - v), dst.get(x, y, 0), U8 + 1e-6f);
                }
            }
        }
    }

    @Test
    void maskRegionOnlyTouchesThePaddedMask() {
        try (ImageTranslatePipeline p = new ImageTranslatePipeline(engine)) {
            int w = 300;
            int h = 200;
            ImageView src = TestImages.random(w, h, PixelFormat.RGB_U8, 32);
            ImageView mask = ImageView.allocate(w, h, PixelFormat.RGBA_U8);
            for (int y = 80; y < 100; y++) {
                for (int x = 150; x < 180; x++) {
                    mask.set(x, y, 3, 1f);
                }
            }
            // Padding 5 grows the square to x 145..184, y 75..104; no blur keeps the edge hard.
            TranslateSettings s = negateSettings().withRegion(TranslateRegion.MASK).withMask(5, 0);
            ImageView dst = ImageView.allocate(w, h, PixelFormat.RGB_U8);
            p.render(src, dst, mask, s);
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    boolean in = x >= 145 && x < 185 && y >= 75 && y < 105;
                    float v = src.get(x, y, 1);
                    assertEquals(in ? 1 - v : v, dst.get(x, y, 1), U8 + 1e-6f, "at " + x + "," + y);
                }
            }
            // The same in TILES mode, and blur softens the edge: halfway values appear at the border.
            TranslateSettings soft = s.withMask(0, 6).withFit(FitMode.TILES, 64, 16);
            ImageView blurred = ImageView.allocate(w, h, PixelFormat.RGB_U8);
            p.render(src, blurred, mask, soft);
            float v = src.get(150, 90, 1);
            float edge = blurred.get(150, 90, 1);
            assertTrue(Math.abs(edge - v) > 0.1f * Math.abs(1 - 2 * v) && Math.abs(edge - (1 - v)) > 0.1f * Math.abs(1 - 2 * v),
                    "edge pixel should be between source " + v + " and negated " + (1 - v) + ": " + edge);
            assertEquals(1 - src.get(165, 90, 1), blurred.get(165, 90, 1), U8 + 1e-6f, "centre fully translated");
            assertEquals(src.get(20, 20, 1), blurred.get(20, 20, 1), 0f, "far away untouched");
        }
    }

    @Test
    void emptyMaskLeavesTheFrameAsItIs() {
        try (ImageTranslatePipeline p = new ImageTranslatePipeline(engine)) {
            ImageView src = TestImages.random(64, 48, PixelFormat.RGB_U8, 33);
            ImageView dst = ImageView.allocate(64, 48, PixelFormat.RGB_U8);
            p.render(src, dst, ImageView.allocate(64, 48, PixelFormat.RGBA_U8),
                    negateSettings().withRegion(TranslateRegion.MASK));
            assertEquals(0f, TestImages.maxDiff(src, dst, 3));
        }
    }

    @Test
    void regionErrorsAreClear() {
        try (ImageTranslatePipeline p = new ImageTranslatePipeline(engine)) {
            ImageView src = TestImages.random(32, 32, PixelFormat.RGB_U8, 34);
            ImageView dst = ImageView.allocate(32, 32, PixelFormat.RGB_U8);
            IllegalArgumentException faces = assertThrows(IllegalArgumentException.class,
                    () -> p.render(src, dst, negateSettings().withRegion(TranslateRegion.FACES_ONLY)));
            assertTrue(faces.getMessage().contains("face detector"), faces.getMessage());
            IllegalArgumentException noMask = assertThrows(IllegalArgumentException.class,
                    () -> p.render(src, dst, negateSettings().withRegion(TranslateRegion.MASK)));
            assertTrue(noMask.getMessage().contains("Mask input"), noMask.getMessage());
        }
    }

    @Test
    void facesOnlyTranslatesTheDetectedFaceAndNothingElse() throws Exception {
        ImageView photo = TestImages.load(SharedFiles.media("astronaut_eileen_collins.png"));
        TranslateSettings s = negateSettings().withRegion(TranslateRegion.FACES_ONLY).withFit(FitMode.NATIVE, 256, 32)
                .withFaceDetector(SharedFiles.model("face_detection_yunet_2023mar.onnx"), 0.9f);
        ImageView dst = ImageView.allocate(photo.width(), photo.height(), PixelFormat.RGB_U8);
        try (ImageTranslatePipeline p = new ImageTranslatePipeline(engine)) {
            p.render(photo, dst, null, s);
            assertEquals(1, p.lastFaceCount(), "YuNet finds the one face of the astronaut photo");
        }
        // The README's YuNet box is about [179,63,91,111]: its centre is inverted, far corners are untouched.
        double srcMean = 0;
        double dstMean = 0;
        for (int y = 110; y < 125; y++) {
            for (int x = 215; x < 235; x++) {
                srcMean += src(photo, x, y);
                dstMean += src(dst, x, y);
            }
        }
        srcMean /= 300;
        dstMean /= 300;
        assertEquals(1 - srcMean, dstMean, 0.03, "face centre is negated");
        int changedOutside = 0;
        for (int y = 0; y < photo.height(); y++) {
            for (int x = 0; x < photo.width(); x++) {
                boolean nearFace = x >= 120 && x < 330 && y >= 0 && y < 240;
                if (!nearFace && TestImages.maxDiff(Views.crop(photo, x, y, 1, 1), Views.crop(dst, x, y, 1, 1), 3) > 0f) {
                    changedOutside++;
                }
            }
        }
        assertEquals(0, changedOutside, "pixels away from the face must stay bit-identical");
    }

    private static double src(ImageView v, int x, int y) {
        return v.get(x, y, 1);
    }

    @Test
    void facesOnlyWithGivenFacesAndNoFaces() {
        ImageView src = TestImages.random(200, 160, PixelFormat.RGBA_U8, 36);
        TranslateSettings s = negateSettings().withRegion(TranslateRegion.FACES_ONLY).withFit(FitMode.NATIVE, 128, 16);
        try (ImageTranslatePipeline p = new ImageTranslatePipeline(engine)) {
            ImageView none = ImageView.allocate(200, 160, PixelFormat.RGBA_U8);
            p.render(src, none, null, List.of(), s);
            assertEquals(0f, TestImages.maxDiff(src, none, 4));
            // A face about 40 px between the eyes, centred near (100, 80).
            Face face = new Face(new Box(70, 45, 60, 75), 0.95f,
                    new float[] {85, 70, 115, 70, 100, 85, 88, 100, 112, 100});
            ImageView one = ImageView.allocate(200, 160, PixelFormat.RGBA_U8);
            p.render(src, one, null, List.of(face), s);
            assertEquals(1, p.lastFaceCount());
            float centre = one.get(100, 82, 0);
            // Negation of a noisy image survives the warp only on average: compare a patch mean.
            double a = 0;
            double b = 0;
            for (int y = 78; y < 88; y++) {
                for (int x = 95; x < 105; x++) {
                    a += src.get(x, y, 0);
                    b += one.get(x, y, 0);
                }
            }
            assertEquals(1 - a / 100, b / 100, 0.05, "centre patch negated (centre pixel " + centre + ")");
            assertEquals(0f, TestImages.maxDiff(Views.crop(src, 0, 0, 40, 160), Views.crop(one, 0, 0, 40, 160), 4),
                    "left strip untouched");
            assertEquals(src.get(99, 80, 3), one.get(99, 80, 3), 0f, "alpha untouched");
        }
    }

    @Test
    void changingTheContractRebuildsTheTranslator() {
        try (ImageTranslatePipeline p = new ImageTranslatePipeline(engine)) {
            TranslateSettings s = negateSettings();
            ImageView src = TestImages.random(40, 40, PixelFormat.RGB_F32, 35);
            ImageView a = ImageView.allocate(40, 40, PixelFormat.RGB_F32);
            p.render(src, a, s);
            // Under ZERO_ONE, y = -x gives negative values that clamp to 0.
            TranslatorContract zeroOne = new TranslatorContract(TensorLayout.NCHW, ColorOrder.RGB, ValueRange.ZERO_ONE,
                    -1, -1, 8, 8, 3, 1, "image", "styled", TranslatorContract.Source.MANIFEST, "");
            ImageView b = ImageView.allocate(40, 40, PixelFormat.RGB_F32);
            p.render(src, b, s.withContract(zeroOne));
            assertEquals(TranslatorContract.Source.MANIFEST, p.contract(s.withContract(zeroOne)).source());
            assertEquals(1 - src.get(3, 4, 2), a.get(3, 4, 2), 1e-5f);
            assertEquals(0f, b.get(3, 4, 2), 0f);
        }
    }

    @Test
    void sidecarPicksTheImageOutputOfAModelWithSeveral() throws Exception {
        Path model = TranslateTestModels.twoOutputs(dir);
        ImageView src = TestImages.random(24, 16, PixelFormat.RGB_F32, 37);
        TranslateSettings s = TranslateSettings.of(model).withProvider(ProviderChoice.CPU).withFit(FitMode.NATIVE, 64, 8);
        try (ImageTranslatePipeline p = new ImageTranslatePipeline(engine)) {
            ImageView first = ImageView.allocate(24, 16, PixelFormat.RGB_F32);
            p.render(src, first, s);
            assertTrue(TestImages.maxDiff(src, first, 3) < 1e-5f, "without a sidecar the first output (aux) is used");
        }
        java.nio.file.Files.writeString(dir.resolve("two_outputs.onnx.json"), "{\"output\": \"styled\"}");
        try (ImageTranslatePipeline p = new ImageTranslatePipeline(engine)) {
            ImageView styled = ImageView.allocate(24, 16, PixelFormat.RGB_F32);
            p.render(src, styled, s);
            assertEquals("styled", p.contract(s).outputName());
            assertEquals(1 - src.get(5, 5, 0), styled.get(5, 5, 0), 1e-5f);
        }
    }

    @Test
    void modelWithTwoInputsIsRefusedWithTheirNames() {
        try (ImageTranslatePipeline p = new ImageTranslatePipeline(engine)) {
            TranslateSettings s = TranslateSettings.of(TranslateTestModels.twoInputs(dir)).withProvider(ProviderChoice.CPU);
            ContractException e = assertThrows(ContractException.class, () -> p.contract(s));
            assertTrue(e.getMessage().contains("2 inputs") && e.getMessage().contains("strength"), e.getMessage());
        }
    }

    @Test
    void settingsRejectOutOfRangeValues() {
        TranslateSettings s = negateSettings();
        assertThrows(IllegalArgumentException.class, () -> s.withMix(-0.1f));
        assertThrows(IllegalArgumentException.class, () -> s.withFit(FitMode.TILES, 64, 64));
        assertThrows(IllegalArgumentException.class, () -> s.withMask(0, -1));
    }
}
