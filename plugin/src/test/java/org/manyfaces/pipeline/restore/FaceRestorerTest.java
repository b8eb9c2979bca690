package org.manyfaces.pipeline.restore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.manyfaces.inference.ElementType;
import org.manyfaces.inference.InferenceEngine;
import org.manyfaces.inference.ProviderChoice;
import org.manyfaces.inference.ProviderPolicy;
import org.manyfaces.pipeline.align.AlignTemplate;
import org.manyfaces.pipeline.align.FaceCrop;
import org.manyfaces.testsupport.OnnxModelBuilder;

/** The enhancer contract on test-built models: range mapping, channel order, the clip, CodeFormer's weight. */
class FaceRestorerTest {
    @TempDir
    static Path dir;
    private static InferenceEngine engine;

    @BeforeAll
    static void open() {
        engine = new InferenceEngine(ProviderPolicy.cpuOnly());
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    /** A crop whose R, G, B planes hold {@code v}, {@code v / 2} and {@code 1 - v} of a ramp over x. */
    private static FaceCrop ramp(int size) {
        FaceCrop c = new FaceCrop(size);
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                float v = x / (float) (size - 1);
                c.set(0, x, y, v);
                c.set(1, x, y, v / 2);
                c.set(2, x, y, 1 - v);
            }
        }
        return c;
    }

    private static float expected(float v, float gain) {
        float x = Math.max(-1f, Math.min(1f, (2 * v - 1) * gain));
        return (x + 1) / 2;
    }

    @Test
    void feedsRgbInMinusOneToOneAndClipsTheOutputBack() {
        Path m = RestoreTestModels.channelGains(dir.resolve("gfpgan_1.4.onnx"), 512, -1f, 1f, 3f);
        FaceRestorer r = new FaceRestorer(engine.open(m, ProviderChoice.CPU), AlignTemplate.FFHQ_512, 512);
        assertEquals(512, r.size());
        assertFalse(r.hasWeight());
        FaceCrop c = ramp(512);
        FaceCrop before = ramp(512);
        r.restore(c, 0.5);
        for (int x : new int[] {0, 100, 255, 256, 400, 511}) {
            // R inverted, G as it was, B driven past the clip: fed as BGR, R and B would trade places.
            assertEquals(expected(before.get(0, x, 7), -1f), c.get(0, x, 7), 1e-6, "R at x=" + x);
            assertEquals(expected(before.get(1, x, 7), 1f), c.get(1, x, 7), 1e-6, "G at x=" + x);
            assertEquals(expected(before.get(2, x, 7), 3f), c.get(2, x, 7), 1e-6, "B at x=" + x);
        }
        assertEquals(1f, c.get(2, 0, 0), 1e-6, "clipped to the top of the range");
        assertEquals(0f, c.get(2, 511, 0), 1e-6, "clipped to the bottom of the range");
    }

    @Test
    void codeFormersWeightReachesTheNetworkAsADouble() {
        Path m = RestoreTestModels.weighted(dir.resolve("codeformer.onnx"));
        FaceRestorer r = new FaceRestorer(engine.open(m, ProviderChoice.CPU), AlignTemplate.FFHQ_512, 512);
        assertTrue(r.hasWeight());
        for (double w : new double[] {0, 0.25, 1}) {
            FaceCrop c = ramp(512);
            r.restore(c, w);
            float v = ramp(512).get(0, 300, 3);
            assertEquals(((2 * v - 1) * (float) w + 1) / 2, c.get(0, 300, 3), 1e-6, "weight " + w);
        }
    }

    @Test
    void aDynamicInputTakesTheManifestSize() {
        Path m = new OnnxModelBuilder().opset(13)
                .input("input", ElementType.FLOAT, 1, 3, "h", "w")
                .output("output", ElementType.FLOAT, 1, 3, "h", "w")
                .node(OnnxModelBuilder.op("Identity").in("input").out("output"))
                .write(dir.resolve("gpen_bfr_256.onnx"));
        FaceRestorer r = new FaceRestorer(engine.open(m, ProviderChoice.CPU), AlignTemplate.ARCFACE_128, 256);
        assertEquals(256, r.size());
        FaceCrop c = ramp(256);
        r.restore(c, 0);
        assertEquals(ramp(256).get(0, 77, 9), c.get(0, 77, 9), 1e-6, "identity model: the crop comes back");
        assertThrows(IllegalArgumentException.class, () -> r.restore(ramp(512), 0), "a crop of the wrong size");
    }

    @Test
    void aModelOutsideTheContractIsRefusedNamingWhatIsWrong() {
        Path m = new OnnxModelBuilder().opset(13)
                .input("input", ElementType.FLOAT, 1, 3, 512, 256)
                .output("output", ElementType.FLOAT, 1, 3, 512, 256)
                .node(OnnxModelBuilder.op("Identity").in("input").out("output"))
                .write(dir.resolve("not_square.onnx"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new FaceRestorer(engine.open(m, ProviderChoice.CPU), AlignTemplate.FFHQ_512, 512));
        assertTrue(e.getMessage().contains("not_square.onnx") && e.getMessage().contains("[1,3,S,S]"), e.getMessage());
    }
}
