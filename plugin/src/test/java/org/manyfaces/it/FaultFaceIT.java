package org.manyfaces.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.manyfaces.it.ReliabilityRuns.assertSurvived;
import static org.manyfaces.it.ReliabilityRuns.quote;
import static org.manyfaces.it.ReliabilityRuns.statuses;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.manyfaces.testsupport.SharedFiles;

/**
 * Face Swap with bad inputs in a real host process: a source face image that is missing, not an image or
 * shows no face; a detector model file that is broken; target frames without a face. As in
 * {@link FaultModelIT}, the bad file is repaired between frames 1 and 2 ({@code --run-after}), so each case
 * proves in one process that the failing frames fail with a message naming the problem and that the next
 * frames swap correctly: pixels far from the documented face box of the portrait come back unchanged and the
 * face region changes substantially (the same criteria as {@link FaceSwapIT}).
 */
class FaultFaceIT {
    private static final ReliabilityTable TABLE = new ReliabilityTable(FaultFaceIT.class);
    private static final String AREA = "Face Swap inputs";
    private static final String PORTRAIT = "obama_official_portrait_2012.jpg";
    private static final String SOURCE = "grace_hopper.jpg";

    @TempDir
    static Path dir;
    static TestImage target;
    static Path input;

    @BeforeAll
    static void frames() throws Exception {
        target = FaceSwapIT.photo(PORTRAIT);
        input = dir.resolve("portrait.pam");
        target.write(input);
    }

    @AfterAll
    static void writeTable() throws Exception {
        TABLE.write();
    }

    private static String sh(Path p) {
        return "'" + p.toString().replace("'", "'\\''") + "'";
    }

    /** Frames 0-3 with {@code sourceFace}, {@code repair} after frame 1; frames 2-3 must swap correctly. */
    private static String badThenRepaired(String name, Map<String, String> env, Path sourceFace, String repair,
                                          String... words) throws Exception {
        String out = dir.resolve(name + "_%04d.pam").toString();
        TestHost.Result r = TestHost.run(env, "--plugin", ReliabilityRuns.FACE_SWAP, "--input", input.toString(),
                "--frames", "0-3", "--set", "sourceFaces=" + sourceFace, "--set", "executionProvider=2",
                "--output", out, "--run-after", "1", repair);
        Map<Integer, Integer> st = ReliabilityRuns.assertFailedThenRepaired(r);
        String msg = ReliabilityRuns.errorContaining(r, words);
        for (int f = 2; f <= 3; f++) {
            assertSwapped(TestImage.read(Path.of(String.format(out, f))), "frame " + f);
        }
        return "exit 0; frames 0-1 status " + st.get(0) + "; message " + quote(msg)
                + "; after the repair frames 2-3 swap the face in the same process";
    }

    private static void assertSwapped(TestImage got, String where) {
        for (int y = 0; y < target.height; y += 3) {
            for (int x = 0; x < target.width; x += 3) {
                if (FaceSwapIT.farFromFace(x, y, 0.5)) {
                    for (int c = 0; c < 4; c++) {
                        assertEquals(target.get(x, y, c), got.get(x, y, c), 1e-6, where + " far pixel " + x + "," + y);
                    }
                }
            }
        }
        double d = FaceSwapIT.faceDifference(target, got);
        assertTrue(d > 0.04, where + ": the face region changed substantially (mean |diff| " + d + ")");
    }

    @Test
    void missingSourceFaceImage() throws Exception {
        Path good = SharedFiles.media(SOURCE);
        Path p = dir.resolve("missing_face.jpg");
        TABLE.check(AREA, "source face image missing", () -> badThenRepaired("srcmissing", FaceSwapIT.env(), p,
                "cp " + sh(good) + " " + sh(p), "missing_face.jpg"));
    }

    @Test
    void sourceFaceIsNotAnImage() throws Exception {
        Path good = SharedFiles.media(SOURCE);
        byte[] junk = new byte[2048];
        new Random(5).nextBytes(junk);
        Path p = Files.write(dir.resolve("not_an_image.jpg"), junk);
        TABLE.check(AREA, "source face file is not an image (random bytes)", () -> badThenRepaired("srcjunk",
                FaceSwapIT.env(), p, "cp " + sh(good) + " " + sh(p), "not_an_image.jpg"));
    }

    @Test
    void sourceFaceImageWithoutAFace() throws Exception {
        Path good = SharedFiles.media(SOURCE);
        Path p = dir.resolve("no_face.png");
        BufferedImage grey = new BufferedImage(256, 256, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 256; y++) {
            for (int x = 0; x < 256; x++) {
                grey.setRGB(x, y, 0x808080 + (x / 32) * 0x010101);
            }
        }
        ImageIO.write(grey, "png", p.toFile());
        // The repaired file keeps the .png name but holds the JPEG: readers go by content.
        TABLE.check(AREA, "source face image with no face in it", () -> badThenRepaired("srcnoface", FaceSwapIT.env(),
                p, "cp " + sh(good) + " " + sh(p), "no_face.png", "face"));
    }

    @Test
    void brokenModelFiles() throws Exception {
        // Every shared model truncated to a third, whichever the defaults pick (detector, recogniser).
        Path models = Files.createDirectories(dir.resolve("models"));
        Path real = SharedFiles.model("face_detection_yunet_2023mar.onnx").getParent();
        try (var files = Files.list(real)) {
            for (Path f : files.filter(f -> f.toString().endsWith(".onnx")).toList()) {
                byte[] all = Files.readAllBytes(f);
                Files.write(models.resolve(f.getFileName()), java.util.Arrays.copyOf(all, all.length / 3));
            }
        }
        Map<String, String> env = new HashMap<>(Map.of("MANYFACES_MODELS", models.toString()));
        TABLE.check("Model file", "Face Swap model files (detector) truncated to a third", () -> badThenRepaired(
                "models", env, SharedFiles.media(SOURCE), "cp " + sh(real) + "/*.onnx " + sh(models), ".onnx"));
    }

    @Test
    void framesWithoutAFacePassThrough() throws Exception {
        TABLE.check(AREA, "frames with no face", () -> {
            // The portrait's top-left corner: office background, no face.
            TestImage empty = new TestImage(320, 240);
            for (int y = 0; y < 240; y++) {
                for (int x = 0; x < 320; x++) {
                    for (int c = 0; c < 4; c++) {
                        empty.set(x, y, c, target.get(x, y, c));
                    }
                }
            }
            Path in = dir.resolve("background.pam");
            empty.write(in);
            String out = dir.resolve("noface_%04d.pam").toString();
            TestHost.Result r = TestHost.run(FaceSwapIT.env(), "--plugin", ReliabilityRuns.FACE_SWAP, "--input",
                    in.toString(), "--frames", "0-1", "--set", "sourceFaces=" + SharedFiles.media(SOURCE), "--set",
                    "executionProvider=2", "--output", out);
            assertSurvived(r);
            assertEquals(Map.of(0, 0, 1, 0), statuses(r), r.toString());
            assertTrue(ReliabilityRuns.errors(r).isEmpty(), r.toString());
            for (int f = 0; f <= 1; f++) {
                assertArrayEquals(empty.rgba, TestImage.read(Path.of(String.format(out, f))).rgba, 1e-6f, "frame " + f);
            }
            return "exit 0; status 0; frames pass through bit for bit; no message (nothing to report)";
        });
    }
}
