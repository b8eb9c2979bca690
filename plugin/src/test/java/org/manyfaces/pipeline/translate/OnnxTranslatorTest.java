package org.manyfaces.pipeline.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.manyfaces.image.ImageView;
import org.manyfaces.image.PixelFormat;
import org.manyfaces.inference.InferenceEngine;
import org.manyfaces.inference.ModelSession;
import org.manyfaces.inference.ProviderChoice;
import org.manyfaces.inference.ProviderPolicy;
import org.manyfaces.pipeline.translate.ImageTranslator.Fit;

/** Known answers through ONNX Runtime with test-built generators (identity, y = −x, a fixed 3×3 conv). */
class OnnxTranslatorTest {
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

    /** A translator for a model under an explicit contract (layout/size from the model, the rest given). */
    private static ImageTranslator translator(Path model, ColorOrder order, ValueRange range) {
        ModelSession ms = engine.open(model, ProviderChoice.CPU);
        TranslatorContract inferred = TranslatorContract.infer(OnnxTranslatorSession.signatureOf(ms));
        TranslatorContract c = new TranslatorContract(inferred.layout(), order, range, inferred.height(),
                inferred.width(), inferred.sizeMultiple(), inferred.minSize(), 3, 1, inferred.inputName(),
                inferred.outputName(), TranslatorContract.Source.EXPLICIT, "");
        return new ImageTranslator(new OnnxTranslatorSession(ms, c), c);
    }

    private static Fit tiles(int tile, int overlap, Feather f) {
        return new Fit(FitMode.TILES, tile, overlap, f);
    }

    @Test
    void identityRoundTripIsExactForEveryLayoutRangeAndColourOrder() {
        for (TensorLayout layout : TensorLayout.values()) {
            Path model = TranslateTestModels.identity(dir, layout, -1);
            for (ColorOrder order : ColorOrder.values()) {
                for (ValueRange range : ValueRange.values()) {
                    ImageTranslator t = translator(model, order, range);
                    for (PixelFormat f : new PixelFormat[] {PixelFormat.RGBA_U8, PixelFormat.RGB_F32}) {
                        ImageView src = TestImages.random(61, 43, f, 21);
                        ImageView dst = ImageView.allocate(61, 43, f);
                        t.translate(src, dst, Fit.of(FitMode.NATIVE), 1f, null);
                        float d = TestImages.maxDiff(src, dst, f.channels());
                        assertTrue(d <= (f.isFloat() ? 1e-5f : 0f) && d <= U8,
                                layout + " " + order + " " + range + " " + f + ": " + d);
                    }
                }
            }
        }
    }

    @Test
    void negationInMinusOneOneInvertsColours() {
        for (TensorLayout layout : TensorLayout.values()) {
            ImageTranslator t = translator(TranslateTestModels.negate(dir, layout, -1), ColorOrder.BGR,
                    ValueRange.MINUS_ONE_ONE);
            ImageView src = TestImages.random(50, 40, PixelFormat.RGB_U8, 22);
            ImageView dst = ImageView.allocate(50, 40, PixelFormat.RGB_U8);
            t.translate(src, dst, tiles(16, 4, Feather.COSINE), 1f, null);
            for (int y = 0; y < 40; y++) {
                for (int x = 0; x < 50; x++) {
                    for (int c = 0; c < 3; c++) {
                        assertEquals(1f - src.get(x, y, c), dst.get(x, y, c), U8 + 1e-6f, layout + " " + x + "," + y);
                    }
                }
            }
        }
    }

    @Test
    void convolutionMatchesADirectSumAtInteriorPixels() {
        ImageTranslator t = translator(TranslateTestModels.conv3(dir, TensorLayout.NCHW, -1), ColorOrder.RGB,
                ValueRange.MINUS_ONE_ONE);
        ImageView src = TestImages.random(40, 32, PixelFormat.RGB_F32, 23);
        ImageView dst = ImageView.allocate(40, 32, PixelFormat.RGB_F32);
        t.translate(src, dst, Fit.of(FitMode.NATIVE), 1f, null);
        for (int y = 1; y < 31; y++) {
            for (int x = 1; x < 39; x++) {
                for (int c = 0; c < 3; c++) {
                    // In [-1,1] space y = sum k*(2v-1); the kernel sums to 1, so in 0..1 space it is sum k*v.
                    float sum = 0f;
                    for (int ky = -1; ky <= 1; ky++) {
                        for (int kx = -1; kx <= 1; kx++) {
                            sum += JavaTestSession.KERNEL[(ky + 1) * 3 + kx + 1] * src.get(x + kx, y + ky, c);
                        }
                    }
                    assertEquals(Normalizer.clamp01(sum), dst.get(x, y, c), 1e-5f, "at " + x + "," + y);
                }
            }
        }
    }

    @Test
    void tiledLinearModelHasNoSeams() {
        ImageView src = TestImages.random(320, 240, PixelFormat.RGBA_U8, 24);
        ImageTranslator t = translator(TranslateTestModels.conv3(dir, TensorLayout.NCHW, -1), ColorOrder.RGB,
                ValueRange.MINUS_ONE_ONE);
        ImageView whole = ImageView.allocate(320, 240, PixelFormat.RGBA_F32);
        t.translate(src, whole, Fit.of(FitMode.NATIVE), 1f, null);
        for (Feather f : Feather.values()) {
            for (int overlap : new int[] {8, 32}) {
                ImageView tiled = ImageView.allocate(320, 240, PixelFormat.RGBA_F32);
                t.translate(src, tiled, tiles(96, overlap, f), 1f, null);
                float d = TestImages.maxDiff(whole, tiled, 3);
                System.out.printf("tiles 96 overlap %d %s: max |tiled - untiled| = %.3f/255%n", overlap, f, d * 255);
                assertTrue(d <= 2f * U8, f + " overlap " + overlap + ": " + d * 255 + "/255");
            }
        }
        // Sensitivity check: 320 = 5 tiles of 64 with no overlap leaves the zero-padding seams in place.
        ImageView seams = ImageView.allocate(320, 240, PixelFormat.RGBA_F32);
        t.translate(src, seams, tiles(64, 0, Feather.LINEAR), 1f, null);
        float hard = TestImages.maxDiff(whole, seams, 3);
        System.out.printf("tiles 64 overlap 0: max |tiled - untiled| = %.3f/255%n", hard * 255);
        assertTrue(hard > 2f * U8, "without overlap the seams must show");
        // A fixed-size 64x64 export of the same convolution, tiled, matches the untiled dynamic run too.
        ImageTranslator fixed = translator(TranslateTestModels.conv3(dir, TensorLayout.NCHW, 64), ColorOrder.RGB,
                ValueRange.MINUS_ONE_ONE);
        ImageView tiled = ImageView.allocate(320, 240, PixelFormat.RGBA_F32);
        fixed.translate(src, tiled, tiles(512, 16, Feather.COSINE), 1f, null);
        float d = TestImages.maxDiff(whole, tiled, 3);
        System.out.printf("fixed 64x64 tiles overlap 16: max |tiled - untiled| = %.3f/255 (%d runs)%n", d * 255,
                fixed.stats().runs());
        assertTrue(d <= 2f * U8, d * 255 + "/255");
    }

    @Test
    void nhwcAndNchwExportsGiveTheSameImage() {
        ImageView src = TestImages.random(100, 70, PixelFormat.RGB_U8, 25);
        ImageView a = ImageView.allocate(100, 70, PixelFormat.RGB_F32);
        ImageView b = ImageView.allocate(100, 70, PixelFormat.RGB_F32);
        translator(TranslateTestModels.conv3(dir, TensorLayout.NCHW, -1), ColorOrder.RGB, ValueRange.ZERO_255)
                .translate(src, a, tiles(48, 8, Feather.LINEAR), 1f, null);
        translator(TranslateTestModels.conv3(dir, TensorLayout.NHWC, -1), ColorOrder.RGB, ValueRange.ZERO_255)
                .translate(src, b, tiles(48, 8, Feather.LINEAR), 1f, null);
        assertTrue(TestImages.maxDiff(a, b, 3) <= 1e-5f);
        assertTrue(TestImages.maxDiff(src, a, 3) > 0.01f, "the convolution changed the image");
    }

    @Test
    void mixAndMaskThroughTheRealRuntime() {
        ImageTranslator t = translator(TranslateTestModels.negate(dir, TensorLayout.NHWC, 64), ColorOrder.RGB,
                ValueRange.MINUS_ONE_ONE);
        ImageView src = TestImages.random(64, 64, PixelFormat.RGBA_U8, 26);
        ImageView mask = ImageView.allocate(64, 64, PixelFormat.RGB_U8);
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 64; x++) {
                mask.set(x, y, 0, y < 32 ? 1f : 0f);
            }
        }
        ImageView dst = ImageView.allocate(64, 64, PixelFormat.RGBA_U8);
        t.translate(src, dst, Fit.of(FitMode.RESIZE), 0.5f, PixelGrid.maskOf(mask));
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 64; x++) {
                float v = src.get(x, y, 1);
                float expect = y < 32 ? 0.5f * v + 0.5f * (1 - v) : v;
                assertEquals(expect, dst.get(x, y, 1), U8 + 1e-6f, "at " + x + "," + y);
                assertEquals(src.get(x, y, 3), dst.get(x, y, 3), 0f, "alpha kept");
            }
        }
    }

    @Test
    void resolverPrefersManifestThenSidecarThenInference() throws Exception {
        Path model = TranslateTestModels.identity(dir, TensorLayout.NHWC, -1);
        ModelSignature sig = OnnxTranslatorSession.signatureOf(engine.open(model, ProviderChoice.CPU));
        TranslatorContract inferred = ContractResolver.resolve(model, sig, Optional.empty());
        assertEquals(TranslatorContract.Source.INFERRED, inferred.source());
        assertEquals(TensorLayout.NHWC, inferred.layout());
        Path sidecar = model.resolveSibling(model.getFileName() + ".json");
        Files.writeString(sidecar, "{\"range\": \"ZERO_255\", \"sizeMultiple\": 32, \"minSize\": 256}");
        try {
            TranslatorContract fromSidecar = ContractResolver.resolve(model, sig, Optional.empty());
            assertEquals(TranslatorContract.Source.SIDECAR, fromSidecar.source());
            assertEquals(ValueRange.ZERO_255, fromSidecar.range());
            assertEquals(256, fromSidecar.legalSize(100));
            TranslatorContract manifest = fromSidecar.withSource(TranslatorContract.Source.EXPLICIT, "")
                    .withSource(TranslatorContract.Source.MANIFEST, "");
            TranslatorContract m = new TranslatorContract(TensorLayout.NHWC, ColorOrder.BGR, ValueRange.ZERO_ONE, -1, -1,
                    8, 8, 3, 1, "image", "styled", TranslatorContract.Source.MANIFEST, "");
            assertEquals(ColorOrder.BGR, ContractResolver.resolve(model, sig, Optional.of(m)).colorOrder());
            assertEquals(TranslatorContract.Source.MANIFEST, manifest.source());
        } finally {
            Files.delete(sidecar);
        }
    }

    @Test
    void rankThreeModelGetsAClearError() {
        Path model = TranslateTestModels.rank3(dir);
        ModelSignature sig = OnnxTranslatorSession.signatureOf(engine.open(model, ProviderChoice.CPU));
        ContractException e = assertThrows(ContractException.class,
                () -> ContractResolver.resolve(model, sig, Optional.empty()));
        assertTrue(e.getMessage().contains("rank 3") && e.getMessage().contains("rank3.onnx"), e.getMessage());
    }

    @Test
    void contractThatDisagreesWithTheModelIsRejectedBeforeRunning() {
        Path model = TranslateTestModels.identity(dir, TensorLayout.NCHW, 64);
        ModelSession ms = engine.open(model, ProviderChoice.CPU);
        TranslatorContract wrongSize = new TranslatorContract(TensorLayout.NCHW, ColorOrder.RGB, ValueRange.ZERO_ONE, 128,
                128, 8, 8, 3, 1, "image", "styled", TranslatorContract.Source.SIDECAR, "");
        ContractException e = assertThrows(ContractException.class, () -> new OnnxTranslatorSession(ms, wrongSize));
        assertTrue(e.getMessage().contains("128x128") && e.getMessage().contains("64x64"), e.getMessage());
        TranslatorContract nhwc = new TranslatorContract(TensorLayout.NHWC, ColorOrder.RGB, ValueRange.ZERO_ONE, -1, -1,
                8, 8, 3, 1, "image", "styled", TranslatorContract.Source.SIDECAR, "");
        e = assertThrows(ContractException.class, () -> new OnnxTranslatorSession(ms, nhwc));
        assertTrue(e.getMessage().contains("channels at axis 3"), e.getMessage());
    }
}
