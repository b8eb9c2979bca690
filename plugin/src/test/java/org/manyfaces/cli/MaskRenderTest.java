package org.manyfaces.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.manyfaces.effect.common.MaskRows;
import org.manyfaces.pipeline.mask.FaceRegion;
import org.manyfaces.pipeline.mask.MaskTestModels;
import org.manyfaces.testsupport.SharedFiles;

/**
 * Face Swap's masks from the command line on a real photo, Classic swap, with a BiSeNet-shaped test model
 * installed as {@code bisenet_resnet_34.onnx} (a pixel is skin where its normalised red is strongest): the
 * region mask with every region off writes the input back unchanged, with the skin on it swaps the face; and
 * a mask whose model is not installed is switched off with one sentence, the frame still rendered.
 */
class MaskRenderTest {
    @TempDir
    Path tmp;

    private CliRun render(Path out, String... extra) throws Exception {
        Path models = Files.createDirectories(tmp.resolve("models"));
        MaskTestModels.colourParser(models.resolve("bisenet_resnet_34.onnx"));
        List<String> args = new ArrayList<>(List.of("render", "-e", "faceswap", "-i",
                SharedFiles.media("obama_official_portrait_2012.jpg").toString(), "-o", out.toString(),
                "--set", "swapModel=Classic", "--set", "detector=yunet",
                "--set", "sourceFaces=" + SharedFiles.media("grace_hopper.jpg"), "--no-sidecar",
                "--models", models.toString(), "--models", SharedFiles.model("yunet_s_dynamic.onnx").getParent().toString()));
        args.addAll(List.of(extra));
        return CliRun.inProcess(args.toArray(String[]::new));
    }

    private static List<String> regions(boolean skin) {
        List<String> a = new ArrayList<>(List.of("--set", MaskRows.REGION_MASK + "=true"));
        for (FaceRegion r : FaceRegion.values()) {
            a.addAll(List.of("--set", MaskRows.regionParam(r) + "=" + (skin && r == MaskTestModels.RED)));
        }
        return a;
    }

    /** Mean absolute RGB difference (0..255) over the portrait's documented face box. */
    private static double faceDifference(Path a, Path b) throws Exception {
        BufferedImage x = ImageIO.read(a.toFile());
        BufferedImage y = ImageIO.read(b.toFile());
        double sum = 0;
        int n = 0;
        for (int j = 91; j < 91 + 331; j++) {
            for (int i = 369; i < 369 + 243; i++) {
                int p = x.getRGB(i, j);
                int q = y.getRGB(i, j);
                for (int s = 0; s <= 16; s += 8) {
                    sum += Math.abs(((p >> s) & 0xFF) - ((q >> s) & 0xFF));
                    n++;
                }
            }
        }
        return sum / n;
    }

    @Test
    void regionSwitchesDecideWhatIsPasted() throws Exception {
        Path plain = tmp.resolve("plain.png");
        Path none = tmp.resolve("none.png");
        Path skin = tmp.resolve("skin.png");
        CliRun base = render(plain);
        assertEquals(ExitCodes.OK, base.code(), base.toString());
        CliRun off = render(none, regions(false).toArray(String[]::new));
        assertEquals(ExitCodes.OK, off.code(), off.toString());
        CliRun on = render(skin, regions(true).toArray(String[]::new));
        assertEquals(ExitCodes.OK, on.code(), on.toString());
        // The unmasked render of the same photo is the reference for "unchanged": same decoder, same encoder.
        Path untouched = tmp.resolve("untouched.png");
        CliRun zero = render(untouched, "--set", "blend=0");
        assertEquals(ExitCodes.OK, zero.code(), zero.toString());
        assertEquals(0.0, faceDifference(untouched, none), 1e-9, "every region off pastes nothing");
        assertTrue(faceDifference(untouched, skin) > 3, "the skin region is swapped");
        assertTrue(faceDifference(untouched, plain) > faceDifference(untouched, skin) * 0.5, "sanity: the plain swap changes the face");
    }

    @Test
    void aMaskWithoutItsModelIsSwitchedOffWithOneSentence() throws Exception {
        Path out = tmp.resolve("occ.png");
        CliRun r = render(out, "--set", MaskRows.OCCLUSION_MASK + "=XSeg 2");
        assertEquals(ExitCodes.OK, r.code(), r.toString());
        assertTrue(Files.size(out) > 0);
        String all = r.out() + r.err();
        assertTrue(all.contains("xseg_2.onnx") && all.contains("the occlusion mask is off"), all);
    }
}
