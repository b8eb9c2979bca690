package org.manyfaces.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.manyfaces.pipeline.mask.MaskTestModels;
import org.manyfaces.pipeline.restore.RestoreTestModels;
import org.manyfaces.testsupport.SharedFiles;

/**
 * The Face Restore effect through the test host (host → shim → JVM → effect → pipeline) on the Obama portrait,
 * faces found by the real YuNet, with a GFPGAN-shaped test model installed as {@code gfpgan_1.4.onnx} whose
 * output is one colour, (1, 0, 0.5) after the clip. Known answers: near the face centre the output is
 * {@code (1 − blend)·input + blend·colour} for a keyframed blend (0.8 at frame 0, 0.2 at frame 1), the frame's
 * corner is untouched; without the model every frame passes through unchanged, no frame fails, and one warning
 * names the file.
 */
class FaceRestoreIT {
    private static final String PLUGIN = "org.manyfaces.FaceRestore";
    private static final float[] COLOUR = {1f, 0f, 0.5f};

    @TempDir
    Path dir;

    private Map<String, String> env(boolean withModel) throws Exception {
        Path models = Files.createDirectories(dir.resolve(withModel ? "models" : "none"));
        if (withModel) {
            RestoreTestModels.constant(models.resolve("gfpgan_1.4.onnx"), 512, 3f, -1f, 0f);
            MaskTestModels.blueIsFaceXseg(models.resolve("xseg_1.onnx"));
        }
        return Map.of("MANYFACES_MODELS", SharedFiles.root().resolve("models") + File.pathSeparator + models);
    }

    private TestHost.Result run(Map<String, String> env, Path in, String out, String... more) throws Exception {
        List<String> a = new java.util.ArrayList<>(List.of("--plugin", PLUGIN, "--input", in.toString(), "--output",
                out, "--depth", "float", "--frames", "0-1", "--set", "smoothing=0", "--set", "watermark=0"));
        a.addAll(List.of(more));
        TestHost.Result r = TestHost.run(env, a.toArray(String[]::new));
        assertEquals(0, r.exitCode, r.toString());
        assertEquals(2, r.frames().size(), r.toString());
        r.frames().forEach(f -> assertEquals(0, f.getInt("status"), r.toString()));
        return r;
    }

    @Test
    void restoresTheFaceWithAKeyframedBlend() throws Exception {
        Path in = dir.resolve("in.rgbaf");
        FaceSwapIT.photo("obama_official_portrait_2012.jpg").write(in);
        TestImage given = TestImage.read(in);
        run(env(true), in, dir.resolve("r_%d.rgbaf").toString(),
                "--key", "restoreBlend@0=0.8", "--key", "restoreBlend@1=0.2");
        float[] blends = {0.8f, 0.2f};
        for (int frame = 0; frame < 2; frame++) {
            TestImage got = TestImage.read(dir.resolve("r_" + frame + ".rgbaf"));
            for (int y = 230; y <= 270; y += 10) {
                for (int x = 470; x <= 510; x += 10) {
                    for (int c = 0; c < 3; c++) {
                        float expected = (1 - blends[frame]) * given.get(x, y, c) + blends[frame] * COLOUR[c];
                        assertEquals(expected, got.get(x, y, c), 2e-3f,
                                "frame " + frame + " channel " + c + " at " + x + "," + y);
                    }
                }
            }
            for (int c = 0; c < 4; c++) {
                assertEquals(given.get(5, 5, c), got.get(5, 5, c), "the corner is untouched, frame " + frame);
            }
        }
    }

    /**
     * The Masks page is Face Swap's: with XSeg 1 (a test model calling blue-less pixels occluded) a yellow block
     * painted over the face stays bit for bit, while the rest of the face is restored.
     */
    @Test
    void anOccluderStaysOnTopWithTheOcclusionMask() throws Exception {
        TestImage src = FaceSwapIT.photo("obama_official_portrait_2012.jpg");
        int[] block = {400, 200, 90, 110};
        for (int y = block[1]; y < block[1] + block[3]; y++) {
            for (int x = block[0]; x < block[0] + block[2]; x++) {
                src.set(x, y, 0, 1f);
                src.set(x, y, 1, 0.9f);
                src.set(x, y, 2, 0f);
            }
        }
        Path in = dir.resolve("occ.rgbaf");
        src.write(in);
        TestImage given = TestImage.read(in);
        run(env(true), in, dir.resolve("o_%d.rgbaf").toString(), "--set", "occlusionMask=1");
        TestImage got = TestImage.read(dir.resolve("o_0.rgbaf"));
        for (int y = block[1] + 20; y < block[1] + block[3] - 20; y++) {
            for (int x = block[0] + 20; x < block[0] + block[2] - 20; x++) {
                for (int c = 0; c < 3; c++) {
                    assertEquals(given.get(x, y, c), got.get(x, y, c), "the occluder at " + x + "," + y + " stays");
                }
            }
        }
        float expected = 0.2f * given.get(560, 250, 1) + 0.8f * COLOUR[1];
        assertEquals(expected, got.get(560, 250, 1), 2e-3f, "the face beside the occluder is restored");
    }

    @Test
    void withoutItsModelFramesPassThroughAndOneWarningSaysWhy() throws Exception {
        Path in = dir.resolve("in.rgbaf");
        FaceSwapIT.photo("obama_official_portrait_2012.jpg").write(in);
        TestImage given = TestImage.read(in);
        TestHost.Result r = run(env(false), in, dir.resolve("p_%d.rgbaf").toString());
        for (int frame = 0; frame < 2; frame++) {
            TestImage got = TestImage.read(dir.resolve("p_" + frame + ".rgbaf"));
            for (int y = 0; y < given.height; y += 7) {
                for (int x = 0; x < given.width; x += 7) {
                    for (int c = 0; c < 4; c++) {
                        assertEquals(given.get(x, y, c), got.get(x, y, c), "frame " + frame + " at " + x + "," + y);
                    }
                }
            }
        }
        long warnings = r.messages().stream().filter(m -> m.get("type").equals("OfxMessageWarning")
                && m.get("text").contains("gfpgan_1.4.onnx")).count();
        assertEquals(1, warnings, r.toString());
    }
}
