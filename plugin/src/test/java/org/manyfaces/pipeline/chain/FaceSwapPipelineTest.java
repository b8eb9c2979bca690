package org.manyfaces.pipeline.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.manyfaces.error.ManyFacesException;
import org.manyfaces.image.ImageView;
import org.manyfaces.image.PixelFormat;
import org.manyfaces.inference.InferenceEngine;
import org.manyfaces.inference.ProviderChoice;
import org.manyfaces.inference.ProviderPolicy;
import org.manyfaces.pipeline.Box;
import org.manyfaces.pipeline.Face;
import org.manyfaces.pipeline.align.AlignTemplate;
import org.manyfaces.pipeline.embed.SourceImages;
import org.manyfaces.pipeline.detect.DetectorOptions;
import org.manyfaces.pipeline.detect.FaceDetector;
import org.manyfaces.pipeline.detect.FaceDetectors;
import org.manyfaces.pipeline.swap.SwapTestModels;
import org.manyfaces.testsupport.SharedFiles;

/**
 * Known-answer tests of the whole render with test-built models shaped like inswapper_128 and an
 * ArcFace recogniser. The "swapper" outputs a fixed asymmetric pattern times latent[0]; the recogniser
 * always returns raw[3]=3, raw[5]=4 (normed 0.6, 0.8); the emap picks which of those reaches latent[0].
 * Faces are placed with landmarks that are exactly the arcface_128 template under a chosen similarity,
 * so where each pattern pixel must land is known in closed form, independently of the code under test.
 */
class FaceSwapPipelineTest {
    private static InferenceEngine engine;

    @TempDir
    static Path dir;

    private static Path swapperRow3;
    private static Path swapperRow5;
    private static Path embedder;
    private static Path sourcePng;

    @BeforeAll
    static void start() throws Exception {
        engine = new InferenceEngine(ProviderPolicy.cpuOnly());
        float[] pattern = SwapTestModels.asymmetricPattern();
        swapperRow3 = SwapTestModels.patternSwapper(dir.resolve("swap3.onnx"), pattern, SwapTestModels.emapPickingRow(3, 1f));
        swapperRow5 = SwapTestModels.patternSwapper(dir.resolve("swap5.onnx"), pattern, SwapTestModels.emapPickingRow(5, 1f));
        float[] raw = new float[512];
        raw[3] = 3f;
        raw[5] = 4f;
        embedder = SwapTestModels.constantEmbedder(dir.resolve("embed.onnx"), 112, raw);
        BufferedImage src = new BufferedImage(100, 100, BufferedImage.TYPE_INT_RGB);
        sourcePng = dir.resolve("source.png");
        ImageIO.write(src, "png", sourcePng.toFile());
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    /** A face whose five landmarks are the arcface_128 template mapped by crop→frame = rotate(angle)·scale, then shift. */
    private static Face face(double scale, double angle, double cx, double cy) {
        float[] t = AlignTemplate.ARCFACE_128.pointsAt(128);
        float[] lm = new float[10];
        for (int i = 0; i < 5; i++) {
            double[] p = cropToFrame(scale, angle, cx, cy, t[2 * i], t[2 * i + 1]);
            lm[2 * i] = (float) p[0];
            lm[2 * i + 1] = (float) p[1];
        }
        return new Face(new Box((float) (cx - 64 * scale), (float) (cy - 64 * scale), (float) (128 * scale), (float) (128 * scale)), 0.99f, lm);
    }

    /** Crop pixel (u,v) of a 128 crop centred on (cx,cy): rotate about the crop centre, scale, shift. */
    private static double[] cropToFrame(double scale, double angle, double cx, double cy, double u, double v) {
        double du = u - 63.5, dv = v - 63.5;
        double x = scale * (Math.cos(angle) * du - Math.sin(angle) * dv) + cx;
        double y = scale * (Math.sin(angle) * du + Math.cos(angle) * dv) + cy;
        return new double[] {x, y};
    }

    private static FaceFinder fixed(List<Face> frameFaces, int frameWidth) {
        return (img, threshold) -> img.width() == frameWidth ? frameFaces
                : List.of(new Face(new Box(20, 20, 60, 60), 0.99f, new float[] {35, 40, 65, 40, 50, 55, 38, 70, 62, 70}));
    }

    private static FaceSwapSettings.Builder settings(Path swapper) {
        return FaceSwapSettings.builder().swapper(SwapperKind.INSWAPPER_128, swapper)
                .recognizer(RecognizerKind.ARCFACE_W600K, embedder).sources(List.of(sourcePng));
    }

    private static ImageView noise(int w, int h, PixelFormat f) {
        ImageView v = ImageView.allocate(w, h, f);
        Random r = new Random(5);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int c = 0; c < f.channels(); c++) {
                    v.set(x, y, c, 0.2f + 0.6f * r.nextFloat());
                }
            }
        }
        return v;
    }

    @ParameterizedTest
    @EnumSource(value = PixelFormat.class, names = {"RGBA_U8", "RGBA_F32", "RGB_U8"})
    void patternLandsUprightAtEachFaceAndNothingElseChanges(PixelFormat format) {
        // Two faces: one upright and enlarged 1.5x, one turned 30° and enlarged 2.2x.
        Face upright = face(1.5, 0, 150, 140);
        Face turned = face(2.2, Math.toRadians(30), 480, 200);
        ImageView src = noise(640, 400, format);
        ImageView dst = ImageView.allocate(640, 400, format);
        FaceSwapPipeline p = new FaceSwapPipeline(new ModelComponents(engine, s -> fixed(List.of(upright, turned), 640)));
        FaceSwapSettings s = settings(swapperRow3).mask(0f, 0, 0, 0, 0).build();
        FaceSwapPipeline.RenderReport r = p.render(src, dst, s);
        assertEquals(2, r.swapped().size());

        float tol = format.isFloat() ? 2e-3f : 2.5f / 255f;
        double[][] faces = {{1.5, 0, 150, 140}, {2.2, Math.toRadians(30), 480, 200}};
        for (double[] f : faces) {
            // Inside the red square (crop 24..55) and the green bar (x 40..99, y 90..103), away from their edges.
            for (int v = 30; v <= 50; v += 5) {
                for (int u = 30; u <= 50; u += 5) {
                    expectColour(dst, cropToFrame(f[0], f[1], f[2], f[3], u, v), 0.8f * 0.6f, 0f, 0.06f, tol);
                }
            }
            for (int u = 46; u <= 94; u += 8) {
                expectColour(dst, cropToFrame(f[0], f[1], f[2], f[3], u, 96.5), 0f, 0.8f * 0.6f, 0.06f, tol);
            }
            // Between them (crop y 70) neither colour: only the blue floor.
            expectColour(dst, cropToFrame(f[0], f[1], f[2], f[3], 70, 70), 0f, 0f, 0.06f, tol);
            // A flipped or transposed paste would put red at the mirrored places; there must be none there.
            expectColour(dst, cropToFrame(f[0], f[1], f[2], f[3], 127 - 40, 40), 0f, 0f, 0.06f, tol);
            expectColour(dst, cropToFrame(f[0], f[1], f[2], f[3], 40, 127 - 40), 0f, 0f, 0.06f, tol);
        }
        // Outside both crops (transformed crop squares, with a pixel of slack) every byte is the input's.
        int bpp = format.bytesPerPixel();
        int changedInside = 0;
        for (int y = 0; y < 400; y++) {
            for (int x = 0; x < 640; x++) {
                boolean inCrop = false;
                for (double[] f : faces) {
                    double dx = x - f[2], dy = y - f[3];
                    double u = (Math.cos(f[1]) * dx + Math.sin(f[1]) * dy) / f[0] + 63.5;
                    double v = (-Math.sin(f[1]) * dx + Math.cos(f[1]) * dy) / f[0] + 63.5;
                    inCrop |= u > -1 && v > -1 && u < 128 && v < 128;
                }
                boolean same = true;
                for (int b = 0; b < bpp; b++) {
                    int o = src.pixelOffset(x, y) + b;
                    same &= src.buffer().get(o) == dst.buffer().get(o);
                }
                if (!inCrop) {
                    assertTrue(same, "pixel " + x + "," + y + " outside every face crop changed");
                } else if (!same) {
                    changedInside++;
                }
                if (format.hasAlpha()) {
                    assertEquals(src.get(x, y, 3), dst.get(x, y, 3), "alpha never changes");
                }
            }
        }
        assertTrue(changedInside > 128 * 128 * (1.5 * 1.5 + 2.2 * 2.2) * 0.8, "too few pixels swapped: " + changedInside);
    }

    private static void expectColour(ImageView img, double[] at, float r, float g, float b, float tol) {
        int x = (int) Math.round(at[0]);
        int y = (int) Math.round(at[1]);
        String where = " at frame " + x + "," + y;
        assertEquals(r, img.get(x, y, 0), tol, "red" + where);
        assertEquals(g, img.get(x, y, 1), tol, "green" + where);
        assertEquals(b, img.get(x, y, 2), tol, "blue" + where);
    }

    @Test
    void emapDecidesTheLatentAndBlendScalesThePaste() {
        Face f = face(1, 0, 100, 100);
        ImageView src = ImageView.allocate(200, 200, PixelFormat.RGB_F32);
        ImageView dst = ImageView.allocate(200, 200, PixelFormat.RGB_F32);
        FaceSwapPipeline p = new FaceSwapPipeline(new ModelComponents(engine, s -> fixed(List.of(f), 200)));
        // Crop (40,40) is in the red square; with a zero frame the result is pattern·latent0·blend.
        double[] at = cropToFrame(1, 0, 100, 100, 40, 40);
        StageTimer timer = new StageTimer();
        p.render(src, dst, settings(swapperRow3).mask(0f, 0, 0, 0, 0).build(), timer);
        expectColour(dst, at, 0.48f, 0f, 0.06f, 1e-3f);
        assertTrue(timer.nanos(Stage.SWAP_INFERENCE) > 0 && timer.nanos(Stage.SWAP_INFERENCE) <= timer.nanos(Stage.SWAP),
                "model run time must be measured and be part of the swap stage");
        p.render(src, dst, settings(swapperRow5).mask(0f, 0, 0, 0, 0).build());
        expectColour(dst, at, 0.64f, 0f, 0.08f, 1e-3f);
        p.render(src, dst, settings(swapperRow5).mask(0f, 0, 0, 0, 0).blend(0.5f).build());
        expectColour(dst, at, 0.32f, 0f, 0.04f, 1e-3f);
    }

    @Test
    void hyperswapContractRunsThroughThePipeline() {
        // A 256 model computing 1 − x in [−1,1] space: a frame value v comes back as 1.5 − v.
        Path model = SwapTestModels.invertingSwapper(dir.resolve("hyper.onnx"), 256, "source", "output", false);
        Face f = face(1, 0, 100, 100);
        ImageView src = ImageView.allocate(200, 200, PixelFormat.RGB_F32);
        for (int y = 0; y < 200; y++) {
            for (int x = 0; x < 200; x++) {
                for (int c = 0; c < 3; c++) {
                    src.set(x, y, c, 0.6f + 0.1f * c);
                }
            }
        }
        ImageView dst = ImageView.allocate(200, 200, PixelFormat.RGB_F32);
        FaceSwapPipeline p = new FaceSwapPipeline(new ModelComponents(engine, s -> fixed(List.of(f), 200)));
        p.render(src, dst, settings(model).swapper(SwapperKind.HYPERSWAP_256, model).mask(0f, 0, 0, 0, 0).build());
        expectColour(dst, cropToFrame(1, 0, 100, 100, 64, 64), 0.9f, 0.8f, 0.7f, 1e-4f);
        expectColour(dst, cropToFrame(1, 0, 100, 100, 30, 100), 0.9f, 0.8f, 0.7f, 1e-4f);
        expectColour(dst, new double[] {5, 5}, src.get(5, 5, 0), src.get(5, 5, 1), src.get(5, 5, 2), 0f);
    }

    @Test
    void maskPaddingKeepsTheTopOfTheCropOriginal() {
        Face f = face(1, 0, 100, 100);
        ImageView src = noise(200, 200, PixelFormat.RGBA_F32);
        ImageView dst = ImageView.allocate(200, 200, PixelFormat.RGBA_F32);
        FaceSwapPipeline p = new FaceSwapPipeline(new ModelComponents(engine, s -> fixed(List.of(f), 200)));
        // Top padding 50%: crop rows 0..63 are masked out, so the red square (rows 24..55) never shows.
        p.render(src, dst, settings(swapperRow3).mask(0f, 50, 0, 0, 0).build());
        for (int v = 0; v < 63; v++) {
            for (int u = 0; u < 128; u += 3) {
                double[] at = cropToFrame(1, 0, 100, 100, u, v);
                int x = (int) Math.round(at[0]), y = (int) Math.round(at[1]);
                for (int c = 0; c < 4; c++) {
                    assertEquals(src.get(x, y, c), dst.get(x, y, c), "padded pixel " + x + "," + y);
                }
            }
        }
        expectColour(dst, cropToFrame(1, 0, 100, 100, 70, 96.5), 0f, 0.48f, 0.06f, 1e-3f);
    }

    @Test
    void concurrentRendersGiveTheSameResult() throws Exception {
        Face a = face(1.2, 0.2, 120, 110);
        Face b = face(0.9, -0.3, 300, 120);
        ImageView src = noise(420, 240, PixelFormat.RGBA_U8);
        FaceSwapPipeline p = new FaceSwapPipeline(new ModelComponents(engine, s -> fixed(List.of(a, b), 420)));
        FaceSwapSettings s = settings(swapperRow3).colourMatch(true).build();
        ImageView reference = ImageView.allocate(420, 240, PixelFormat.RGBA_U8);
        p.render(src, reference, s);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<ImageView>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                results.add(pool.submit(() -> {
                    ImageView out = ImageView.allocate(420, 240, PixelFormat.RGBA_U8);
                    p.render(src, out, s);
                    return out;
                }));
            }
            for (Future<ImageView> f : results) {
                ImageView out = f.get();
                assertEquals(reference.buffer().rewind(), out.buffer().rewind(), "a concurrent render differs");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void noFacesMeansAnExactCopyAndBadSettingsAreExplained() {
        ImageView src = noise(64, 48, PixelFormat.RGBA_U8);
        ImageView dst = ImageView.allocate(64, 48, PixelFormat.RGBA_U8);
        FaceSwapPipeline p = new FaceSwapPipeline(new ModelComponents(engine, s -> (img, t) -> List.of()));
        FaceSwapPipeline.RenderReport r = p.render(src, dst, settings(swapperRow3).build());
        assertEquals(0, r.detected().size());
        assertEquals(src.buffer().rewind(), dst.buffer().rewind());

        FaceSwapPipeline withFace = new FaceSwapPipeline(new ModelComponents(engine, s -> fixed(List.of(face(0.3, 0, 30, 24)), 64)));
        ManyFacesException noRecogniser = assertThrows(ManyFacesException.class,
                () -> withFace.render(src, dst, settings(swapperRow3).recognizer(RecognizerKind.ARCFACE_W600K, null).build()));
        assertTrue(noRecogniser.getMessage().contains("recogniser"), noRecogniser.getMessage());
        assertThrows(IllegalArgumentException.class, () -> withFace.render(src, dst, settings(swapperRow3).sources(List.of()).build()));
        assertThrows(IllegalArgumentException.class, () -> settings(swapperRow3).blend(2f).build());
        assertThrows(IllegalArgumentException.class,
                () -> p.render(src, ImageView.allocate(10, 10, PixelFormat.RGBA_U8), settings(swapperRow3).build()));
    }

    @Test
    void referenceSelectionSwapsOnlyTheMatchingPerson() {
        // Real MobileFaceNet: the official Obama portrait must pick the left face of the two-person photo.
        FaceDetector yunet = FaceDetectors.open(engine, SharedFiles.model("face_detection_yunet_2023mar.onnx"), ProviderChoice.CPU, DetectorOptions.defaults());
        FaceSwapPipeline p = new FaceSwapPipeline(new ModelComponents(engine, s -> yunet::detect));
        ImageView pair = SourceImages.read(SharedFiles.media("obama_biden_two_people.jpg"));
        ImageView out = ImageView.allocate(pair.width(), pair.height(), pair.format());
        FaceSwapSettings s = FaceSwapSettings.builder().detector(null, 0.9f)
                .recognizer(RecognizerKind.MOBILEFACENET, SharedFiles.model("mobilefacenet_foamliu.onnx"))
                .selectReference(SharedFiles.media("obama_official_portrait_2012.jpg"), 0.3f)
                .sources(List.of(SharedFiles.media("grace_hopper.jpg"))).build();
        StageTimer timer = new StageTimer();
        FaceSwapPipeline.RenderReport r = p.render(pair, out, s, timer);
        assertEquals(2, r.detected().size());
        assertEquals(1, r.swapped().size());
        for (Stage st : new Stage[] {Stage.COPY, Stage.DETECT, Stage.EMBED, Stage.ALIGN, Stage.SWAP, Stage.PASTE}) {
            assertTrue(timer.nanos(st) > 0, st + " was not timed");
        }
        assertEquals(0, timer.nanos(Stage.SWAP_INFERENCE), "the classic swapper runs no model");
        Face picked = r.swapped().get(0);
        // Obama is the left person: box near [241,32,143,195] in the media README.
        assertEquals(241 + 143 / 2f, picked.box().centerX(), 30f);
        // The right face (Biden, box [787,48,149,207]) is untouched.
        for (int y = 60; y < 240; y += 4) {
            for (int x = 800; x < 930; x += 4) {
                for (int c = 0; c < 3; c++) {
                    assertEquals(pair.get(x, y, c), out.get(x, y, c));
                }
            }
        }
        // Biden's own portrait picks the other face.
        FaceSwapPipeline.RenderReport rb = p.render(pair, out,
                s.toBuilder().selectReference(SharedFiles.media("biden_standing.jpg"), 0.3f).build());
        assertEquals(1, rb.swapped().size());
        assertEquals(787 + 149 / 2f, rb.swapped().get(0).box().centerX(), 30f);
    }
}
