package org.manyfaces.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.imageio.ImageIO;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.manyfaces.effect.common.RestoreRows;
import org.manyfaces.effect.restore.FaceRestoreEffect;
import org.manyfaces.pipeline.restore.RestoreTestModels;
import org.manyfaces.testsupport.SharedFiles;

/**
 * Face Restore from the command line on a real photo, and Face Swap's Restore page, with a GFPGAN-shaped test
 * model installed as {@code gfpgan_1.4.onnx} whose output is one colour: (+3, −1, 0) in the network's −1..1
 * space, i.e. (255, 0, 127.5) after the clip, so a pixel the restore owns fully reads
 * {@code (1 − blend)·before + blend·(255, 0, 127.5)}, and swapped red and blue would show.
 */
class FaceRestoreRenderTest {
    /** Inside the portrait's documented face box (x 369..612, y 91..422), near its centre. */
    private static final int FACE_X = 490;
    private static final int FACE_Y = 250;
    private static final double[] COLOUR = {255, 0, 127.5};

    @TempDir
    Path tmp;

    private Path models(boolean withRestorer) throws Exception {
        Path models = Files.createDirectories(tmp.resolve(withRestorer ? "models" : "empty-models"));
        if (withRestorer) {
            RestoreTestModels.constant(models.resolve("gfpgan_1.4.onnx"), 512, 3f, -1f, 0f);
        }
        return models;
    }

    private CliRun render(String effect, Path out, boolean withRestorer, String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("render", "-e", effect, "-i",
                SharedFiles.media("obama_official_portrait_2012.jpg").toString(), "-o", out.toString(),
                "--set", "detector=yunet", "--no-sidecar", "--models", models(withRestorer).toString(),
                "--models", SharedFiles.model("yunet_s_dynamic.onnx").getParent().toString()));
        if (effect.equals("faceswap")) {
            args.addAll(List.of("--set", "swapModel=Classic", "--set", "sourceFaces=" + SharedFiles.media("grace_hopper.jpg")));
        }
        args.addAll(List.of(extra));
        return CliRun.inProcess(args.toArray(String[]::new));
    }

    private static int channel(BufferedImage img, int x, int y, int c) {
        return (img.getRGB(x, y) >> (16 - 8 * c)) & 0xFF;
    }

    private static void assertRestoredOver(BufferedImage before, BufferedImage after, double blend, String what) {
        for (int dy = -20; dy <= 20; dy += 10) {
            for (int dx = -20; dx <= 20; dx += 10) {
                for (int c = 0; c < 3; c++) {
                    double expected = (1 - blend) * channel(before, FACE_X + dx, FACE_Y + dy, c) + blend * COLOUR[c];
                    assertEquals(expected, channel(after, FACE_X + dx, FACE_Y + dy, c), 1.01,
                            what + ": channel " + c + " at (" + (FACE_X + dx) + "," + (FACE_Y + dy) + ")");
                }
            }
        }
    }

    @Test
    void restoresTheFaceInsideItsMaskAndLeavesTheRestBitIdentical() throws Exception {
        Path untouched = tmp.resolve("untouched.png");
        CliRun zero = render("restore", untouched, true, "--set", RestoreRows.RESTORE_BLEND + "=0");
        assertEquals(ExitCodes.OK, zero.code(), zero.toString());
        Path restored = tmp.resolve("restored.png");
        CliRun r = render("restore", restored, true, "--set", "watermark=false");
        assertEquals(ExitCodes.OK, r.code(), r.toString());
        BufferedImage before = ImageIO.read(untouched.toFile());
        BufferedImage after = ImageIO.read(restored.toFile());
        assertRestoredOver(before, after, 0.8, "default blend 0.8");
        // Far from the face (the flag, the suit's shoulder) nothing was pasted.
        for (int[] p : new int[][] {{20, 20}, {60, 700}, {900, 60}}) {
            assertEquals(before.getRGB(p[0], p[1]), after.getRGB(p[0], p[1]), "untouched at " + p[0] + "," + p[1]);
        }

        Path half = tmp.resolve("half.png");
        CliRun h = render("restore", half, true, "--set", "watermark=false", "--set", RestoreRows.RESTORE_BLEND + "=0.5");
        assertEquals(ExitCodes.OK, h.code(), h.toString());
        assertRestoredOver(before, ImageIO.read(half.toFile()), 0.5, "blend 0.5");
    }

    @Test
    void theRestoredPictureCarriesFaceRestoresMark() throws Exception {
        Path out = tmp.resolve("marked.png");
        CliRun r = render("restore", out, true);
        assertEquals(ExitCodes.OK, r.code(), r.toString());
        CliRun v = CliRun.inProcess("verify", out.toString());
        assertEquals(ExitCodes.OK, v.code(), v.toString());
        JsonObject payload = JsonParser.parseString(v.out()).getAsJsonObject().getAsJsonObject("payload");
        assertEquals(FaceRestoreEffect.ID, payload.get("effect").getAsString(), v.out());
    }

    @Test
    void faceSwapsRestorePageRestoresTheSwappedFace() throws Exception {
        Path swapped = tmp.resolve("swapped.png");
        CliRun s = render("faceswap", swapped, true, "--set", "watermark=false");
        assertEquals(ExitCodes.OK, s.code(), s.toString());
        Path both = tmp.resolve("both.png");
        CliRun r = render("faceswap", both, true, "--set", "watermark=false",
                "--set", RestoreRows.RESTORE_MODEL + "=GFPGAN 1.4");
        assertEquals(ExitCodes.OK, r.code(), r.toString());
        BufferedImage a = ImageIO.read(swapped.toFile());
        BufferedImage b = ImageIO.read(both.toFile());
        assertNotEquals(a.getRGB(FACE_X, FACE_Y), ImageIO.read(SharedFiles.media("obama_official_portrait_2012.jpg")
                .toFile()).getRGB(FACE_X, FACE_Y), "sanity: the swap changed the face");
        assertRestoredOver(a, b, 0.8, "restore after the swap");
    }

    @Test
    void withoutItsModelFaceRestoreStopsBeforeTheFirstFrameAndFaceSwapGoesOnWithoutIt() throws Exception {
        Path out = tmp.resolve("none.png");
        CliRun r = render("restore", out, false);
        assertNotEquals(ExitCodes.OK, r.code(), r.toString());
        String said = r.out() + r.err();
        assertTrue(said.contains("gfpgan_1.4.onnx") && said.contains("manyfaces models fetch gfpgan_1.4"), said);
        assertFalse(Files.exists(out), "no output for a render that could only copy its input");
        CliRun off = render("restore", out, true, "--set", RestoreRows.RESTORE_MODEL + "=Off");
        assertNotEquals(ExitCodes.OK, off.code(), off.toString());
        assertTrue((off.out() + off.err()).contains("restore model is Off"), off.toString());
        assertFalse(Files.exists(out), "nor for one whose restore model is Off");

        Path swapped = tmp.resolve("swapped.png");
        CliRun s = render("faceswap", swapped, false, "--set", RestoreRows.RESTORE_MODEL + "=CodeFormer");
        assertEquals(ExitCodes.OK, s.code(), s.toString());
        String note = s.out() + s.err();
        assertTrue(note.contains("codeformer.onnx") && note.contains("faces are not restored"), note);
        assertTrue(Files.size(swapped) > 0);
    }
}
