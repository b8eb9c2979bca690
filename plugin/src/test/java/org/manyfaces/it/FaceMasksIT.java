package org.manyfaces.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.manyfaces.pipeline.mask.FaceRegion;
import org.manyfaces.pipeline.mask.MaskTestModels;
import org.manyfaces.testsupport.SharedFiles;

/**
 * Face Swap's "Masks" page through the test host (host → shim → JVM → effect → pipeline), Classic swap of
 * Hopper onto the Obama portrait found by the real YuNet, with contract-shaped test models installed under
 * the manifest's file names: an XSeg that calls blue-less pixels occluded and a BiSeNet that labels a pixel
 * skin where its normalised red is strongest. Known answers: a yellow block painted over the face stays
 * bit for bit with the occlusion mask (and is swapped over without it); with the region mask and only the
 * skin switch on, keyframed on at frame 0 and off at frame 1, frame 0 swaps the face and frame 1 pastes
 * nothing at all.
 */
class FaceMasksIT {
    private static final String PLUGIN = "org.manyfaces.FaceSwap";
    /** The documented face box (x, y, width, height) of the portrait. */
    private static final int[] FACE = {369, 91, 243, 331};
    /** A yellow "hand" over the left half of the face, between brows and mouth. */
    private static final int[] BLOCK = {400, 200, 90, 110};

    @TempDir
    Path dir;

    private Map<String, String> env() throws Exception {
        Path models = Files.createDirectories(dir.resolve("models"));
        MaskTestModels.blueIsFaceXseg(models.resolve("xseg_1.onnx"));
        MaskTestModels.colourParser(models.resolve("bisenet_resnet_34.onnx"));
        return Map.of("MANYFACES_MODELS", SharedFiles.root().resolve("models") + File.pathSeparator + models);
    }

    private List<String> args(Path in, String out, String... more) {
        List<String> a = new ArrayList<>(List.of("--plugin", PLUGIN, "--input", in.toString(), "--output", out,
                "--depth", "float", "--set", "sourceFaces=" + SharedFiles.media("grace_hopper.jpg"), "--set", "smoothing=0"));
        a.addAll(List.of(more));
        return a;
    }

    private static TestHost.Result run(Map<String, String> env, List<String> args) throws Exception {
        TestHost.Result r = TestHost.run(env, args.toArray(String[]::new));
        assertEquals(0, r.exitCode, r.toString());
        r.frames().forEach(f -> assertEquals(0, f.getInt("status"), r.toString()));
        return r;
    }

    /** Pixels of the block (shrunk by 20 px: the mask's soft edge) that differ from the input. */
    private static int changedInBlock(TestImage given, TestImage got) {
        int n = 0;
        for (int y = BLOCK[1] + 20; y < BLOCK[1] + BLOCK[3] - 20; y++) {
            for (int x = BLOCK[0] + 20; x < BLOCK[0] + BLOCK[2] - 20; x++) {
                for (int c = 0; c < 3; c++) {
                    if (given.get(x, y, c) != got.get(x, y, c)) {
                        n++;
                        break;
                    }
                }
            }
        }
        return n;
    }

    private static double faceDifference(TestImage a, TestImage b) {
        double sum = 0;
        int n = 0;
        for (int y = FACE[1] + FACE[3] / 4; y < FACE[1] + 3 * FACE[3] / 4; y++) {
            for (int x = FACE[0] + FACE[2] / 4; x < FACE[0] + 3 * FACE[2] / 4; x++) {
                for (int c = 0; c < 3; c++) {
                    sum += Math.abs(a.get(x, y, c) - b.get(x, y, c));
                    n++;
                }
            }
        }
        return sum / n;
    }

    @Test
    void anOccluderStaysOnTopWithTheOcclusionMask() throws Exception {
        TestImage src = FaceSwapIT.photo("obama_official_portrait_2012.jpg");
        for (int y = BLOCK[1]; y < BLOCK[1] + BLOCK[3]; y++) {
            for (int x = BLOCK[0]; x < BLOCK[0] + BLOCK[2]; x++) {
                src.set(x, y, 0, 1f);
                src.set(x, y, 1, 0.9f);
                src.set(x, y, 2, 0f);
            }
        }
        Path in = dir.resolve("in.rgbaf");
        src.write(in);
        TestImage given = TestImage.read(in);
        Map<String, String> env = env();
        run(env, args(in, dir.resolve("plain_%d.rgbaf").toString()));
        run(env, args(in, dir.resolve("occ_%d.rgbaf").toString(), "--set", "occlusionMask=1"));
        TestImage plain = TestImage.read(dir.resolve("plain_0.rgbaf"));
        TestImage occluded = TestImage.read(dir.resolve("occ_0.rgbaf"));
        int inner = (BLOCK[2] - 40) * (BLOCK[3] - 40);
        assertTrue(changedInBlock(given, plain) > inner / 2, "without the mask the swap covers the block");
        assertEquals(0, changedInBlock(given, occluded), "the block changed although it occludes the face");
        assertTrue(faceDifference(given, occluded) > 0.02, "the rest of the face is still swapped");
    }

    @Test
    void keyframedRegionSwitchesDecideWhatIsPastedFrameByFrame() throws Exception {
        TestImage src = FaceSwapIT.photo("obama_official_portrait_2012.jpg");
        Path in = dir.resolve("in.rgbaf");
        src.write(in);
        TestImage given = TestImage.read(in);
        List<String> a = args(in, dir.resolve("r_%d.rgbaf").toString(), "--frames", "0-1", "--set", "regionMask=1",
                "--key", "regionSkin@0=1", "--key", "regionSkin@1=0");
        for (FaceRegion r : FaceRegion.values()) {
            if (r != MaskTestModels.RED) {
                a.addAll(List.of("--set", org.manyfaces.effect.common.MaskRows.regionParam(r) + "=0"));
            }
        }
        run(env(), a);
        double on = faceDifference(given, TestImage.read(dir.resolve("r_0.rgbaf")));
        double off = faceDifference(given, TestImage.read(dir.resolve("r_1.rgbaf")));
        assertTrue(on > 0.02, "frame 0 (skin on) swaps the skin: mean |diff| " + on);
        assertEquals(0.0, off, 1e-6, "frame 1 (every region off) pastes nothing: mean |diff| " + off);
    }
}
