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
import org.manyfaces.inference.ModelManifest;
import org.manyfaces.inference.ModelSpec;
import org.manyfaces.inference.ModelSession;
import org.manyfaces.inference.ProviderChoice;
import org.manyfaces.inference.ProviderPolicy;
import org.manyfaces.pipeline.translate.ImageTranslator.Fit;
import org.manyfaces.testsupport.SharedFiles;

/**
 * The real ESPCN ×3 super-resolution model (luma only, 0..1, dynamic size; contract in the shared models
 * README) on a real photo: the astronaut, downscaled by 3, upscaled back by ESPCN and by bicubic.
 */
class EspcnTranslateTest {
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

    /** The documented contract: NCHW [1,1,H,W], Y of YCbCr in 0..1, output ×3. */
    static TranslatorContract espcnContract() {
        return new TranslatorContract(TensorLayout.NCHW, ColorOrder.RGB, ValueRange.ZERO_ONE, -1, -1, 1, 1, 1, 3,
                "input", "output", TranslatorContract.Source.EXPLICIT, "");
    }

    @Test
    void espcnUpscalesTheAstronautAtLeastAsWellAsBicubic() throws Exception {
        Path model = SharedFiles.model("superres_espcn_x3_y.onnx");
        ImageView photo = TestImages.load(SharedFiles.media("astronaut_eileen_collins.png"));
        // 510 = 3 x 170: crop so that the downscale is exactly by 3.
        ImageView original = Views.crop(photo, 0, 0, 510, 510);
        ImageView small = ImageView.allocate(170, 170, PixelFormat.RGB_U8);
        new Resampler().resize(PixelGrid.of(original), PixelGrid.of(small), Resampler.Filter.BICUBIC);

        ModelSession ms = engine.open(model, ProviderChoice.CPU);
        TranslatorContract c = espcnContract();
        ImageTranslator t = new ImageTranslator(new OnnxTranslatorSession(ms, c), c);
        ImageView sr = ImageView.allocate(510, 510, PixelFormat.RGB_U8);
        t.translate(small, sr, Fit.of(FitMode.NATIVE), 1f, null);

        ImageView bicubic = ImageView.allocate(510, 510, PixelFormat.RGB_U8);
        new Resampler().resize(PixelGrid.of(small), PixelGrid.of(bicubic), Resampler.Filter.BICUBIC);

        double psnrSr = TestImages.psnr(sr, original);
        double psnrBicubic = TestImages.psnr(bicubic, original);
        double lumaSr = TestImages.psnrLuma(sr, original);
        double lumaBicubic = TestImages.psnrLuma(bicubic, original);
        double srVsBicubic = TestImages.psnr(sr, bicubic);
        System.out.printf("ESPCN x3 on astronaut 170->510: PSNR vs original RGB %.2f dB (bicubic %.2f dB), "
                + "luma %.2f dB (bicubic %.2f dB); ESPCN vs bicubic %.2f dB%n", psnrSr, psnrBicubic, lumaSr,
                lumaBicubic, srVsBicubic);

        // Both carry the same bicubic chroma, so any difference is in the luma. A miswired model (wrong range,
        // Y definition or layout) loses several dB against bicubic; a correct one is at least level with it.
        // 0.25 dB of slack covers our downscaler differing from the one the weights were trained with.
        assertTrue(lumaSr >= lumaBicubic - 0.25, "ESPCN " + lumaSr + " dB vs bicubic " + lumaBicubic + " dB");
        assertTrue(psnrSr >= psnrBicubic - 0.25, "RGB: ESPCN " + psnrSr + " dB vs bicubic " + psnrBicubic + " dB");
        assertTrue(srVsBicubic < 60, "ESPCN must actually change the image");

        // Chroma is carried over from the bicubic upscale: Cb and Cr agree wherever nothing clipped.
        int agree = 0;
        int n = 510 * 510;
        for (int y = 0; y < 510; y++) {
            for (int x = 0; x < 510; x++) {
                float[] a = chroma(sr, x, y);
                float[] b = chroma(bicubic, x, y);
                if (Math.abs(a[0] - b[0]) <= 2.5f / 255 && Math.abs(a[1] - b[1]) <= 2.5f / 255) {
                    agree++;
                }
            }
        }
        System.out.printf("chroma within 2.5/255 of bicubic at %.2f%% of pixels%n", 100.0 * agree / n);
        assertTrue(agree >= 0.98 * n, "chroma carried over at only " + agree + " of " + n + " pixels");

        // Tiled ESPCN (96-pixel tiles, 16 overlap) gives the same picture as the whole-frame run.
        ImageView tiled = ImageView.allocate(510, 510, PixelFormat.RGB_U8);
        t.translate(small, tiled, new Fit(FitMode.TILES, 96, 16, Feather.COSINE), 1f, null);
        float d = TestImages.maxDiff(sr, tiled, 3);
        System.out.printf("ESPCN tiled vs whole: max diff %.2f/255, PSNR %.1f dB%n", d * 255,
                TestImages.psnr(sr, tiled));
        assertTrue(TestImages.psnr(sr, tiled) > 45, "tiled ESPCN differs from whole-frame ESPCN");
    }

    private static float[] chroma(ImageView v, int x, int y) {
        float r = v.get(x, y, 0);
        float g = v.get(x, y, 1);
        float b = v.get(x, y, 2);
        return new float[] {-0.168736f * r - 0.331264f * g + 0.5f * b, 0.5f * r - 0.418688f * g - 0.081312f * b};
    }

    static Path manifestFile() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path m = p.resolve("models").resolve("manifest.json");
            if (Files.isRegularFile(m)) {
                return m;
            }
        }
        throw new AssertionError("models/manifest.json not found above " + Path.of("").toAbsolutePath());
    }

    @Test
    void manifestEntryGivesTheDocumentedContractAndRunsThroughThePipeline() throws Exception {
        ModelSpec spec = ModelManifest.load(manifestFile()).require("superres_espcn_x3_y");
        TranslatorContract c = ManifestContracts.fromSpec(spec);
        assertEquals(TranslatorContract.Source.MANIFEST, c.source());
        assertEquals(TensorLayout.NCHW, c.layout());
        assertEquals(ValueRange.ZERO_ONE, c.range());
        assertEquals(1, c.channels());
        assertEquals(3, c.scale());
        assertTrue(c.isDynamic());
        Path model = SharedFiles.model("superres_espcn_x3_y.onnx");
        ImageView small = TestImages.random(40, 30, PixelFormat.RGBA_U8, 41);
        ImageView viaPipeline = ImageView.allocate(120, 90, PixelFormat.RGBA_U8);
        try (ImageTranslatePipeline p = new ImageTranslatePipeline(engine)) {
            TranslateSettings s = TranslateSettings.of(model).withContract(c).withProvider(ProviderChoice.CPU)
                    .withFit(FitMode.NATIVE, 512, 32);
            p.render(small, viaPipeline, s);
        }
        ModelSession ms = engine.open(model, ProviderChoice.CPU);
        ImageView direct = ImageView.allocate(120, 90, PixelFormat.RGBA_U8);
        TranslatorContract exact = espcnContract();
        new ImageTranslator(new OnnxTranslatorSession(ms, exact), exact).translate(small, direct,
                Fit.of(FitMode.NATIVE), 1f, null);
        // The manifest pads to a multiple of 8 (40x30 -> 40x32), the explicit contract does not. ESPCN sees
        // 5 input pixels around each output (5x5 + three 3x3 convolutions), so only output rows from
        // (30 - 5) * 3 = 75 down may differ.
        float interior = TestImages.maxDiff(Views.crop(viaPipeline, 0, 0, 120, 75), Views.crop(direct, 0, 0, 120, 75), 4);
        float bottom = TestImages.maxDiff(Views.crop(viaPipeline, 0, 75, 120, 15), Views.crop(direct, 0, 75, 120, 15), 3);
        System.out.printf("ESPCN manifest (multiple 8) vs exact: interior %.1f/255, bottom rows %.1f/255%n",
                interior * 255, bottom * 255);
        assertTrue(interior <= 1f / 255f, "pipeline vs direct: " + interior * 255 + "/255");
    }

    @Test
    void inferredContractOnTheUpscalerFailsWithAClearScaleMessage() {
        Path model = SharedFiles.model("superres_espcn_x3_y.onnx");
        ModelSession ms = engine.open(model, ProviderChoice.CPU);
        TranslatorContract inferred = ContractResolver.resolve(model, OnnxTranslatorSession.signatureOf(ms),
                Optional.empty());
        assertEquals(TranslatorContract.Source.INFERRED, inferred.source());
        assertTrue(inferred.isLuma());
        ImageTranslator t = new ImageTranslator(new OnnxTranslatorSession(ms, inferred), inferred);
        ContractException e = assertThrows(ContractException.class, () -> t.translate(
                TestImages.random(32, 32, PixelFormat.RGB_U8, 1), ImageView.allocate(32, 32, PixelFormat.RGB_U8),
                Fit.of(FitMode.NATIVE), 1f, null));
        assertTrue(e.getMessage().contains("upscales by 3") && e.getMessage().contains("sidecar"), e.getMessage());
    }

    @Test
    void sidecarNextToACopyOfTheModelDescribesIt() throws Exception {
        Path copy = dir.resolve("espcn.onnx");
        Files.copy(SharedFiles.model("superres_espcn_x3_y.onnx"), copy);
        Files.writeString(dir.resolve("espcn.json"), "{\"range\": \"ZERO_ONE\", \"scale\": 3, \"sizeMultiple\": 1, "
                + "\"minSize\": 1, \"note\": \"PyTorch super_resolution tutorial weights\"}");
        ModelSession ms = engine.open(copy, ProviderChoice.CPU);
        TranslatorContract c = ContractResolver.resolve(copy, OnnxTranslatorSession.signatureOf(ms), Optional.empty());
        assertEquals(TranslatorContract.Source.SIDECAR, c.source());
        assertEquals(espcnContract().withSource(TranslatorContract.Source.SIDECAR, c.assumptions()), c);
    }
}
