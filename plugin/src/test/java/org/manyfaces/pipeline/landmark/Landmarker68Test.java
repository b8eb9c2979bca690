package org.manyfaces.pipeline.landmark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;

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
import org.manyfaces.pipeline.mask.MaskTestModels;
import org.manyfaces.pipeline.swap.SwapTestModels;

/**
 * The 2DFAN4 stage with a test model that returns chosen points in its 64×64 grid: the points must come
 * back in frame pixels through the crop FaceFusion documents (box longer side → 195 of 256, box centre →
 * crop centre, a quarter turn for a face on its side), computed here independently of the code.
 */
class Landmarker68Test {
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

    /** Grid points: the synthetic face spread over grid cells 8..56. */
    private static float[] grid() {
        return SyntheticFace68.placed(8, 8, 48);
    }

    private static Landmarker68 landmarker(String name, float peak) {
        return new Landmarker68(engine.open(MaskTestModels.fixedLandmarker(dir.resolve(name), grid(), peak), ProviderChoice.CPU));
    }

    @Test
    void uprightFaceMapsGridPointsThroughTheBoxCrop() {
        Face face = new Face(new Box(100, 80, 200, 240), 0.9f, new float[] {150, 150, 250, 150, 200, 200, 160, 260, 240, 260});
        Landmarks68 lm = landmarker("upright.onnx", 0.45f).detect(ImageView.allocate(640, 480, PixelFormat.RGBA_U8), face);
        double s = 195.0 / 240;
        double tx = (256 - (100 + 300) * s) / 2;
        double ty = (256 - (80 + 320) * s) / 2;
        float[] g = grid();
        float[] expected = new float[136];
        for (int k = 0; k < 68; k++) {
            expected[2 * k] = (float) ((g[2 * k] * 4 - tx) / s);
            expected[2 * k + 1] = (float) ((g[2 * k + 1] * 4 - ty) / s);
        }
        assertArrayEquals(expected, lm.points(), 1e-3f);
        assertEquals(0.5f, lm.score(), 1e-5f, "mean heatmap peak 0.45 stretched from 0..0.9");
    }

    @Test
    void faceOnItsSideIsTurnedUprightForTheModel() {
        // Eyes one above the other, image-left eye on top: the face is turned a quarter clockwise.
        Face face = new Face(new Box(100, 100, 200, 200), 0.9f, new float[] {250, 150, 250, 250, 200, 200, 140, 160, 140, 240});
        Landmarks68 lm = landmarker("side.onnx", 0.9f).detect(ImageView.allocate(400, 400, PixelFormat.RGBA_U8), face);
        double s = 195.0 / 200;
        double t = (256 - 400 * s) / 2;
        float[] g = grid();
        float[] expected = new float[136];
        for (int k = 0; k < 68; k++) {
            // The model's crop is the box crop turned a quarter counter-clockwise: (x, y) there is (256 − y, x) before.
            double bx = 256 - g[2 * k + 1] * 4;
            double by = g[2 * k] * 4;
            expected[2 * k] = (float) ((bx - t) / s);
            expected[2 * k + 1] = (float) ((by - t) / s);
        }
        assertArrayEquals(expected, lm.points(), 1e-3f);
        assertEquals(1f, lm.score(), 1e-5f);
        // The refined face's eyes follow the turned face: image-left eye above the other.
        Face refined = lm.refine(face);
        assertEquals(face.box(), refined.box());
        assertEquals(true, refined.landmarkY(0) < refined.landmarkY(1));
    }

    @Test
    void fivePointsAreTheEyeCentresTheNoseTipAndTheMouthCorners() {
        float[] p = SyntheticFace68.placed(0, 0, 100);
        float[] five = new Landmarks68(p, 1f).toFive();
        assertArrayEquals(new float[] {30, 37, 70, 37, p[60], p[61], 35, 77, 65, 77}, five, 1e-4f);
    }

    @Test
    void aModelWithoutTheTwoOutputsIsRefusedNamingTheContract() {
        Path wrong = SwapTestModels.constantEmbedder(dir.resolve("wrong.onnx"), 256, new float[8]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Landmarker68(engine.open(wrong, ProviderChoice.CPU)));
        assertEquals(true, e.getMessage().contains("2DFAN4"), e.getMessage());
    }
}
