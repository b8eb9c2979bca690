package org.manyfaces.pipeline.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.manyfaces.image.ImageView;
import org.manyfaces.image.PixelFormat;
import org.manyfaces.inference.InferenceEngine;
import org.manyfaces.inference.ProviderPolicy;
import org.manyfaces.pipeline.Box;
import org.manyfaces.pipeline.Face;
import org.manyfaces.pipeline.align.AlignTemplate;
import org.manyfaces.pipeline.mask.FaceRegion;
import org.manyfaces.pipeline.mask.MaskTestModels;
import org.manyfaces.pipeline.mask.MouthKeep;
import org.manyfaces.pipeline.swap.SwapTestModels;

/**
 * Occlusion, region and mouth masks through the whole render, with test models whose answers are known: an
 * inswapper-shaped swapper that pastes a fixed pattern, an XSeg that calls blue-less pixels occluded, a
 * BiSeNet that labels a pixel by its strongest colour. One upright face, enlarged 1.5×, whose crop pixel
 * (u, v) lands at frame (150 + 1.5(u − 63.5), 140 + 1.5(v − 63.5)): where each mask must let the pattern
 * through, and where the frame must stay exactly as it was, is known without the code under test.
 */
class FaceSwapMasksTest {
    private static final double SCALE = 1.5;
    private static final double CX = 150;
    private static final double CY = 140;
    private static InferenceEngine engine;

    @TempDir
    static Path dir;

    private static Path patternSwapper;
    private static Path halvesSwapper;
    private static Path embedder;
    private static Path xseg;
    private static Path parser;
    private static Path sourcePng;

    @BeforeAll
    static void start() throws Exception {
        engine = new InferenceEngine(ProviderPolicy.cpuOnly());
        patternSwapper = SwapTestModels.patternSwapper(dir.resolve("swap.onnx"), SwapTestModels.asymmetricPattern(),
                SwapTestModels.emapPickingRow(3, 1f));
        halvesSwapper = SwapTestModels.patternSwapper(dir.resolve("halves.onnx"), halves(), SwapTestModels.emapPickingRow(3, 1f));
        float[] raw = new float[512];
        raw[3] = 3f;
        raw[5] = 4f;
        embedder = SwapTestModels.constantEmbedder(dir.resolve("embed.onnx"), 112, raw);
        xseg = MaskTestModels.blueIsFaceXseg(dir.resolve("xseg.onnx"));
        parser = MaskTestModels.colourParser(dir.resolve("bisenet.onnx"));
        sourcePng = dir.resolve("source.png");
        ImageIO.write(new BufferedImage(100, 100, BufferedImage.TYPE_INT_RGB), "png", sourcePng.toFile());
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    /** A pattern: red (0.8) over the top half of the crop, green (0.8) over the bottom half. */
    private static float[] halves() {
        int n = SwapTestModels.SIZE;
        float[] p = new float[3 * n * n];
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                p[(y < n / 2 ? 0 : n * n) + y * n + x] = 0.8f;
            }
        }
        return p;
    }

    private static double[] frame(double u, double v) {
        return new double[] {CX + SCALE * (u - 63.5), CY + SCALE * (v - 63.5)};
    }

    private static Face face() {
        float[] t = AlignTemplate.ARCFACE_128.pointsAt(128);
        float[] lm = new float[10];
        for (int i = 0; i < 10; i += 2) {
            double[] p = frame(t[i], t[i + 1]);
            lm[i] = (float) p[0];
            lm[i + 1] = (float) p[1];
        }
        return new Face(new Box((float) (CX - 64 * SCALE), (float) (CY - 64 * SCALE), 192, 192), 0.99f, lm);
    }

    private static FaceSwapPipeline pipeline() {
        Face f = face();
        return new FaceSwapPipeline(new ModelComponents(engine, s -> (img, threshold) -> img.width() == 320 ? List.of(f)
                : List.of(new Face(new Box(20, 20, 60, 60), 0.99f, new float[] {35, 40, 65, 40, 50, 55, 38, 70, 62, 70}))));
    }

    private static FaceSwapSettings.Builder settings(Path swapper) {
        return FaceSwapSettings.builder().swapper(SwapperKind.INSWAPPER_128, swapper)
                .recognizer(RecognizerKind.ARCFACE_W600K, embedder).sources(List.of(sourcePng)).mask(0f, 0, 0, 0, 0);
    }

    private static MaskSettings masks(Path occluder, Path regionModel, boolean regionMask, Set<FaceRegion> regions, MouthKeep mouth) {
        return new MaskSettings(occluder, regionModel, regionMask, regions, mouth, null, 0.5f);
    }

    /** Noise whose every channel is 0.2..0.8 (blue enough for the test XSeg to call it face). */
    private static ImageView noise() {
        ImageView v = ImageView.allocate(320, 280, PixelFormat.RGBA_F32);
        Random r = new Random(7);
        for (int y = 0; y < 280; y++) {
            for (int x = 0; x < 320; x++) {
                for (int c = 0; c < 4; c++) {
                    v.set(x, y, c, c == 3 ? 1f : 0.2f + 0.6f * r.nextFloat());
                }
            }
        }
        return v;
    }

    /** Paints the frame pixels whose crop position lies in [u0,u1]×[v0,v1]. */
    private static void paintCrop(ImageView img, double u0, double v0, double u1, double v1, float r, float g, float b) {
        double[] a = frame(u0, v0);
        double[] z = frame(u1, v1);
        for (int y = (int) Math.ceil(a[1]); y <= (int) Math.floor(z[1]); y++) {
            for (int x = (int) Math.ceil(a[0]); x <= (int) Math.floor(z[0]); x++) {
                img.set(x, y, 0, r);
                img.set(x, y, 1, g);
                img.set(x, y, 2, b);
            }
        }
    }

    private static ImageView render(ImageView src, FaceSwapSettings s) {
        ImageView dst = ImageView.allocate(src.width(), src.height(), src.format());
        assertEquals(1, pipeline().render(src, dst, s).swapped().size());
        return dst;
    }

    private static void expectUnchanged(ImageView src, ImageView dst, double u, double v, String what) {
        double[] p = frame(u, v);
        int x = (int) Math.round(p[0]);
        int y = (int) Math.round(p[1]);
        for (int c = 0; c < 3; c++) {
            assertEquals(src.get(x, y, c), dst.get(x, y, c), 0f, what + ": crop " + u + "," + v + " (frame " + x + "," + y + ") changed");
        }
    }

    private static void expectColour(ImageView dst, double u, double v, float r, float g, float b, String what) {
        double[] p = frame(u, v);
        int x = (int) Math.round(p[0]);
        int y = (int) Math.round(p[1]);
        String where = what + ": crop " + u + "," + v + " (frame " + x + "," + y + ")";
        assertEquals(r, dst.get(x, y, 0), 0.02f, "red " + where);
        assertEquals(g, dst.get(x, y, 1), 0.02f, "green " + where);
        assertEquals(b, dst.get(x, y, 2), 0.02f, "blue " + where);
    }

    @Test
    void anOccluderInFrontOfTheFaceStaysOnTopOfTheSwap() {
        ImageView src = noise();
        // A yellow "hand" (no blue) over the top-left of the face, covering most of the pattern's red square.
        paintCrop(src, 10, 10, 60, 45, 1f, 1f, 0f);
        ImageView plain = render(src, settings(patternSwapper).build());
        ImageView occluded = render(src, settings(patternSwapper).masks(masks(xseg, null, false, Set.of(), MouthKeep.OFF)).build());
        // (Its corners are rounded by the mask's blur, as FaceFusion's are: checked from 8 crop pixels in.)
        for (int v = 18; v <= 37; v += 3) {
            for (int u = 18; u <= 52; u += 4) {
                expectUnchanged(src, occluded, u, v, "inside the occluder");
            }
        }
        // Without the occlusion mask the pattern's red square covers the hand.
        expectColour(plain, 40, 40, 0.48f, 0f, 0.06f, "no occlusion mask");
        // Far from the hand the pattern is pasted as before: the green bar and the blue floor.
        for (int u = 46; u <= 94; u += 8) {
            expectColour(occluded, u, 96.5, 0f, 0.48f, 0.06f, "green bar below the hand");
        }
        expectColour(occluded, 100, 40, 0f, 0f, 0.06f, "floor right of the hand");
    }

    @Test
    void theRegionMaskPastesOnlyTheChosenRegionsOfTheSwappedFace() {
        ImageView src = noise();
        ImageView skinOnly = render(src, settings(halvesSwapper)
                .masks(masks(null, parser, true, EnumSet.of(MaskTestModels.RED), MouthKeep.OFF)).build());
        ImageView skinAndMouth = render(src, settings(halvesSwapper)
                .masks(masks(null, parser, true, EnumSet.of(MaskTestModels.RED, MaskTestModels.GREEN), MouthKeep.OFF)).build());
        ImageView none = render(src, settings(halvesSwapper).masks(masks(null, parser, true, Set.of(), MouthKeep.OFF)).build());
        for (int u = 20; u <= 108; u += 8) {
            for (int v = 20; v <= 44; v += 8) {
                expectColour(skinOnly, u, v, 0.48f, 0f, 0f, "red half, skin chosen");
                expectColour(skinAndMouth, u, v, 0.48f, 0f, 0f, "red half, skin and mouth chosen");
                expectUnchanged(src, none, u, v, "no region chosen");
            }
            for (int v = 84; v <= 108; v += 8) {
                expectUnchanged(src, skinOnly, u, v, "green half, only skin chosen");
                expectColour(skinAndMouth, u, v, 0f, 0.48f, 0f, "green half, skin and mouth chosen");
            }
        }
    }

    @Test
    void keepingTheMouthFromRegionsLeavesTheTargetsMouthAndSwapsTheRest() {
        ImageView src = noise();
        // The target's "mouth": a green band over the lower part of the face (parsed before the swap).
        paintCrop(src, 0, 80, 127, 127, 0.1f, 0.9f, 0.1f);
        paintCrop(src, 0, 0, 127, 79.9, 0.9f, 0.3f, 0.3f);
        ImageView kept = render(src, settings(patternSwapper).masks(masks(null, parser, false, Set.of(), MouthKeep.FROM_REGIONS)).build());
        ImageView swapped = render(src, settings(patternSwapper).build());
        for (int u = 20; u <= 108; u += 8) {
            for (int v = 100; v <= 124; v += 8) {
                expectUnchanged(src, kept, u, v, "the target's mouth");
            }
        }
        expectColour(kept, 40, 40, 0.48f, 0f, 0.06f, "the red square above the mouth");
        // Without mouth keep the pattern's green bar (crop y 90..103) lies over the target's mouth.
        expectColour(swapped, 70, 100, 0f, 0.48f, 0.06f, "no mouth keep");
    }

    @Test
    void masksThatNeedAModelSayWhichWhenItIsMissing() {
        IllegalArgumentException region = assertThrows(IllegalArgumentException.class,
                () -> masks(null, null, true, Set.of(FaceRegion.SKIN), MouthKeep.OFF));
        assertTrue(region.getMessage().contains("face parser"), region.getMessage());
        IllegalArgumentException mouth = assertThrows(IllegalArgumentException.class,
                () -> masks(null, null, false, Set.of(), MouthKeep.FROM_LANDMARKS));
        assertTrue(mouth.getMessage().contains("landmark"), mouth.getMessage());
    }
}
