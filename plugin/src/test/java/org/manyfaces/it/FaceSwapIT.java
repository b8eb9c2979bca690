package org.manyfaces.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.manyfaces.testsupport.SharedFiles;

/**
 * Face Swap through the whole chain (test host → shim → JVM → effect → face pipeline → real detector
 * model) on a real photograph, with the Classic swapper and a real source face.
 *
 * <p>Where the face is comes from the shared media's documented detection of
 * {@code obama_official_portrait_2012.jpg} (box x 369, y 91, 243×331), not from the code under test:
 * pixels well outside that box must come back bit for bit, pixels inside it must change a lot.
 */
class FaceSwapIT {
    private static final String PLUGIN = "org.manyfaces.FaceSwap";
    /** The documented face box (x, y, width, height) of the portrait. */
    private static final int[] FACE = {369, 91, 243, 331};

    @TempDir
    Path dir;

    static Map<String, String> env() {
        return Map.of("MANYFACES_MODELS", SharedFiles.root().resolve("models").toString());
    }

    static TestImage photo(String name) throws IOException {
        BufferedImage img = ImageIO.read(SharedFiles.media(name).toFile());
        TestImage t = new TestImage(img.getWidth(), img.getHeight());
        for (int y = 0; y < t.height; y++) {
            for (int x = 0; x < t.width; x++) {
                int p = img.getRGB(x, y);
                t.set(x, y, 0, ((p >> 16) & 0xFF) / 255f);
                t.set(x, y, 1, ((p >> 8) & 0xFF) / 255f);
                t.set(x, y, 2, (p & 0xFF) / 255f);
                t.set(x, y, 3, 1f);
            }
        }
        return t;
    }

    static String ext(String depth) {
        return depth.equals("float") ? ".rgbaf" : ".pam";
    }

    /** Whether (x, y) lies outside the face box grown by {@code margin} of its size on every side. */
    static boolean farFromFace(int x, int y, double margin) {
        double mx = FACE[2] * margin;
        double my = FACE[3] * margin;
        return x < FACE[0] - mx || x >= FACE[0] + FACE[2] + mx || y < FACE[1] - my || y >= FACE[1] + FACE[3] + my;
    }

    /** Mean absolute RGB difference over the central half of the face box. */
    static double faceDifference(TestImage a, TestImage b) {
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

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"byte,positive", "byte,negative", "float,negative", "float,positive"})
    void classicSwapChangesTheFaceAndNothingFarFromIt(String depth, String rows) throws Exception {
        TestImage src = photo("obama_official_portrait_2012.jpg");
        Path in = dir.resolve("in" + ext(depth));
        src.write(in);
        // Read back what the host will hand over (8-bit files are exact; float files hold the same values).
        TestImage given = TestImage.read(in);
        String out = dir.resolve("o_%d" + ext(depth)).toString();
        TestHost.Result r = TestHost.run(env(), "--plugin", PLUGIN, "--input", in.toString(), "--output", out,
                "--depth", depth, "--rowbytes", rows,
                "--set", "sourceFaces=" + SharedFiles.media("grace_hopper.jpg"));
        assertEquals(0, r.exitCode, r.toString());
        assertEquals(0, r.frames().get(0).getInt("status"), r.toString());
        TestImage got = TestImage.read(Path.of(String.format(out, 0)));
        int far = 0;
        for (int y = 0; y < given.height; y++) {
            for (int x = 0; x < given.width; x++) {
                if (farFromFace(x, y, 0.5)) {
                    far++;
                    for (int c = 0; c < 4; c++) {
                        if (given.get(x, y, c) != got.get(x, y, c)) {
                            throw new AssertionError("pixel " + x + "," + y + " channel " + c + " far from the face "
                                    + "changed: " + given.get(x, y, c) + " -> " + got.get(x, y, c));
                        }
                    }
                }
            }
        }
        assertTrue(far > given.width * given.height / 2, "most of the frame is far from the face");
        double d = faceDifference(given, got);
        assertTrue(d > 0.04, "the face region changed substantially (mean |diff| " + d + ")");
        String docs = System.getenv("MANYFACES_DOC_IMAGES");
        if (docs != null && depth.equals("byte") && rows.equals("positive")) {
            sideBySide(given, got, Path.of(docs).resolve("host_faceswap_classic.png"));
        }
    }

    @Test
    void faceSwapDeclaresTemporalAccessOnItsSourceAndTheTrackingParams() throws Exception {
        TestHost.Result d = TestHost.run("--describe", PLUGIN);
        assertEquals(0, d.exitCode, d.toString());
        assertTrue(d.stdout.contains("prop OfxImageEffectPropTemporalClipAccess=1"), d.toString());
        assertEquals("Double", d.param("smoothing").get("type"), d.toString());
        assertEquals("1", d.param("smoothing").get("animates"), d.toString());
        assertEquals("Integer", d.param("detectEvery").get("type"), d.toString());
        TestHost.Result t = TestHost.run("--describe", "org.manyfaces.ImageTranslate");
        assertTrue(t.stdout.contains("prop OfxImageEffectPropTemporalClipAccess=0"), t.toString());
    }

    /**
     * At render scale 0.5 the host hands over half-size images; the swap happens at that scale: far from the
     * (halved) face box the output equals the host's own half-size source (taken from a pass-through render
     * without a source face), and the face changes.
     */
    @Test
    void halfRenderScaleSwapsTheHalfSizeFace() throws Exception {
        TestImage src = photo("obama_official_portrait_2012.jpg");
        Path in = dir.resolve("in.pam");
        src.write(in);
        String plain = dir.resolve("plain_%d.pam").toString();
        TestHost.Result pass = TestHost.run(env(), "--plugin", PLUGIN, "--input", in.toString(), "--output", plain,
                "--render-scale", "0.5");
        assertEquals(0, pass.exitCode, pass.toString());
        String out = dir.resolve("half_%d.pam").toString();
        TestHost.Result r = TestHost.run(env(), "--plugin", PLUGIN, "--input", in.toString(), "--output", out,
                "--render-scale", "0.5", "--set", "sourceFaces=" + SharedFiles.media("grace_hopper.jpg"));
        assertEquals(0, r.exitCode, r.toString());
        assertEquals(0, r.frames().get(0).getInt("status"), r.toString());
        TestImage given = TestImage.read(Path.of(String.format(plain, 0)));
        TestImage got = TestImage.read(Path.of(String.format(out, 0)));
        assertEquals((src.width + 1) / 2, got.width);
        double diff = 0;
        int n = 0;
        for (int y = 0; y < got.height; y++) {
            for (int x = 0; x < got.width; x++) {
                if (farFromFace(2 * x, 2 * y, 0.5)) {
                    for (int c = 0; c < 4; c++) {
                        assertEquals(given.get(x, y, c), got.get(x, y, c), "half-scale pixel " + x + "," + y);
                    }
                } else if (!farFromFace(2 * x, 2 * y, -0.25)) {
                    for (int c = 0; c < 3; c++) {
                        diff += Math.abs(given.get(x, y, c) - got.get(x, y, c));
                        n++;
                    }
                }
            }
        }
        assertTrue(diff / n > 0.04, "the half-size face changed (mean |diff| " + diff / n + ")");
    }

    @Test
    void keyframedBlendScalesTheFaceChange() throws Exception {
        TestImage src = photo("obama_official_portrait_2012.jpg");
        Path in = dir.resolve("in.rgbaf");
        src.write(in);
        String out = dir.resolve("b_%d.rgbaf").toString();
        TestHost.Result r = TestHost.run(env(), "--plugin", PLUGIN, "--input", in.toString(), "--output", out,
                "--depth", "float", "--frames", "0-2", "--order", "reverse",
                "--set", "sourceFaces=" + SharedFiles.media("grace_hopper.jpg"),
                "--key", "blend@0=0.25", "--key", "blend@2=1");
        assertEquals(0, r.exitCode, r.toString());
        r.frames().forEach(f -> assertEquals(0, f.getInt("status"), r.toString()));
        double[] d = new double[3];
        for (int f = 0; f < 3; f++) {
            d[f] = faceDifference(src, TestImage.read(Path.of(String.format(out, f))));
        }
        // Paste is src + blend * mask * (swap - src): the change scales with the interpolated Blend.
        assertEquals(0.25, d[0] / d[2], 0.01, "frame 0 (blend 0.25)");
        assertEquals(0.625, d[1] / d[2], 0.01, "frame 1 (blend 0.625)");
    }

    @Test
    void missingSourceFaceFailsEachFrameWithAMessageAndTheHostGoesOn() throws Exception {
        TestImage src = TestImage.pattern(64, 48);
        Path in = dir.resolve("in.pam");
        src.write(in);
        Path missing = dir.resolve("no-such-face.jpg");
        TestHost.Result r = TestHost.run(env(), "--plugin", PLUGIN, "--input", in.toString(), "--frames", "0-2",
                "--set", "sourceFaces=" + missing);
        assertEquals(0, r.exitCode, r.toString());
        assertEquals(3, r.frames().size(), r.toString());
        r.frames().forEach(f -> assertTrue(f.getInt("status") != 0, r.toString()));
        assertTrue(r.messages().stream().anyMatch(m -> m.get("type").equals("OfxMessageError")
                && m.get("text").contains("source face image not found") && m.get("text").contains(missing.toString())),
                r.toString());
    }

    @Test
    void aSourceImageWithoutAFaceFailsTheFrameSayingSo() throws Exception {
        TestImage portrait = photo("obama_official_portrait_2012.jpg");
        Path in = dir.resolve("in.pam");
        portrait.write(in);
        // A real picture with no face in it: a flat grey PNG.
        BufferedImage grey = new BufferedImage(200, 200, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 200; y++) {
            for (int x = 0; x < 200; x++) {
                grey.setRGB(x, y, 0x808080);
            }
        }
        Path faceless = dir.resolve("grey.png");
        ImageIO.write(grey, "png", faceless.toFile());
        TestHost.Result r = TestHost.run(env(), "--plugin", PLUGIN, "--input", in.toString(), "--frames", "0-1",
                "--set", "sourceFaces=" + faceless, "--set", "smoothing=0");
        assertEquals(0, r.exitCode, r.toString());
        assertEquals(2, r.frames().size(), r.toString());
        r.frames().forEach(f -> assertTrue(f.getInt("status") != 0, r.toString()));
        assertTrue(r.messages().stream().anyMatch(m -> m.get("type").equals("OfxMessageError")
                && m.get("text").contains("no face found in source image")), r.toString());
    }

    @Test
    void aFrameWithoutFacesPassesThroughUnchanged() throws Exception {
        TestImage src = TestImage.pattern(64, 48);
        Path in = dir.resolve("in.pam");
        src.write(in);
        String out = dir.resolve("n_%d.pam").toString();
        TestHost.Result r = TestHost.run(env(), "--plugin", PLUGIN, "--input", in.toString(), "--output", out,
                "--set", "sourceFaces=" + SharedFiles.media("grace_hopper.jpg"));
        assertEquals(0, r.exitCode, r.toString());
        assertEquals(0, r.frames().get(0).getInt("status"), r.toString());
        assertArrayEquals(Files.readAllBytes(in), Files.readAllBytes(Path.of(String.format(out, 0))));
    }

    /**
     * A face moving along a path (the portrait, halved, shifted frame by frame): rendered in shuffled order
     * on 4 host threads, every frame equals the in-order render byte for byte, because faces come from the
     * analysis pass over the clip, not from whatever was rendered before.
     */
    @Test
    void shuffledRenderOnFourThreadsEqualsTheInOrderRender() throws Exception {
        TestImage photo = photo("obama_official_portrait_2012.jpg");
        int frames = 30;
        for (int f = 0; f < frames; f++) {
            movingFrame(photo, f).writePam(dir.resolve(String.format("m_%04d.pam", f)));
        }
        String input = dir.resolve("m_%04d.pam").toString();
        List<String> common = List.of("--plugin", PLUGIN, "--input", input, "--frames", "0-" + (frames - 1),
                "--set", "sourceFaces=" + SharedFiles.media("grace_hopper.jpg"), "--set", "smoothing=0.7",
                "--set", "detectEvery=2");
        TestHost.Result inOrder = TestHost.run(env(), concat(common, "--output", dir.resolve("s_%d.pam").toString()));
        assertEquals(0, inOrder.exitCode, inOrder.toString());
        TestHost.Result shuffled = TestHost.run(env(), concat(common, "--output", dir.resolve("p_%d.pam").toString(),
                "--order", "shuffle", "--seed", "7", "--threads", "4"));
        assertEquals(0, shuffled.exitCode, shuffled.toString());
        assertEquals(frames, shuffled.frames().size(), shuffled.toString());
        shuffled.frames().forEach(f -> assertEquals(0, f.getInt("status"), shuffled.toString()));
        int changed = 0;
        for (int f = 0; f < frames; f++) {
            byte[] a = Files.readAllBytes(dir.resolve("s_" + f + ".pam"));
            byte[] b = Files.readAllBytes(dir.resolve("p_" + f + ".pam"));
            assertArrayEquals(a, b, "frame " + f);
            if (!java.util.Arrays.equals(a, Files.readAllBytes(dir.resolve(String.format("m_%04d.pam", f))))) {
                changed++;
            }
        }
        assertEquals(frames, changed, "every frame had its face swapped");
    }

    /** Frame f: the portrait at half size on a 320×300 canvas, moved right and down along a curve. */
    static TestImage movingFrame(TestImage photo, int f) {
        TestImage t = new TestImage(320, 300);
        int ox = 90 + 2 * f + (int) Math.round(4 * Math.sin(f * 0.4));
        int oy = 20 + f + (int) Math.round(3 * Math.cos(f * 0.3));
        for (int y = 0; y < t.height; y++) {
            for (int x = 0; x < t.width; x++) {
                // Canvas pixel (x, y) shows photo pixel 2 * (x + ox, y + oy) (nearest, exact 8-bit values).
                int sx = Math.min(photo.width - 1, 2 * (x + ox));
                int sy = Math.min(photo.height - 1, 2 * (y + oy));
                for (int c = 0; c < 4; c++) {
                    t.set(x, y, c, photo.get(sx, sy, c));
                }
            }
        }
        return t;
    }

    static String[] concat(List<String> a, String... b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(List.of(b));
        return all.toArray(String[]::new);
    }

    /** Before | after at half size (2×2 means), for the README. */
    static void sideBySide(TestImage before, TestImage after, Path png) throws IOException {
        int w = before.width / 2;
        int h = before.height / 2;
        BufferedImage img = new BufferedImage(w * 2, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, rgb(before, x, y));
                img.setRGB(w + x, y, rgb(after, x, y));
            }
        }
        Files.createDirectories(png.getParent());
        ImageIO.write(img, "png", png.toFile());
    }

    /** The mean of the 2×2 block at (2x, 2y) as packed RGB. */
    private static int rgb(TestImage t, int x, int y) {
        int packed = 0;
        for (int c = 0; c < 3; c++) {
            float sum = t.get(2 * x, 2 * y, c) + t.get(2 * x + 1, 2 * y, c) + t.get(2 * x, 2 * y + 1, c)
                    + t.get(2 * x + 1, 2 * y + 1, c);
            packed = (packed << 8) | Math.round(Math.max(0, Math.min(1, sum / 4)) * 255);
        }
        return packed;
    }
}
