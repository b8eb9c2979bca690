package org.manyfaces.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Pixels through the whole chain at 8-bit and float, with positive, negative and padded row bytes.
 *
 * <p>Keyframes are checked through Image Translate's documented diagnostic translation (the colour
 * negative, {@code 1 - v}), mixed by an animated Mix: its output has a closed form,
 * {@code v + mix * (1 - 2v)} on R,G,B with alpha untouched, and the host interpolates keys linearly, so
 * each frame's expected pixels follow from the test's own arithmetic. Frames are rendered in shuffled
 * order so only values read at each render's own time can pass. Face Swap without a source face chosen
 * must pass the source through bit for bit and say why, once (its real swaps are in FaceSwapIT).
 */
class PixelChainIT {
    /**
     * The chain is checked against the diagnostic's exact closed form; the disclosure watermark (on by default,
     * a few levels of its own pattern; see DisclosureIT) is switched off for that.
     */
    private static final String NO_WATERMARK = "watermark=0";

    private static final String SOURCE_FACES = org.manyfaces.effect.faceswap.FaceSwapEffect.SOURCE_FACES;

    static final int W = 23;
    static final int H = 7;

    @TempDir
    Path dir;

    static String ext(String depth) {
        return depth.equals("float") ? ".rgbaf" : ".pam";
    }

    static double tolerance(String depth) {
        // 8-bit: one rounding of the exact value, plus float noise; float: float noise only.
        return depth.equals("float") ? 1e-6 : 0.5 / 255 + 1e-4;
    }

    /** The diagnostic output for source value {@code s} at mix {@code mix}. */
    static double negativeMix(double s, double mix, int channel) {
        return channel == 3 ? s : s + mix * (1 - 2 * s);
    }

    static void assertNegativeMix(TestImage src, TestImage out, double mix, double tol, String where) {
        assertEquals(src.width, out.width, where);
        assertEquals(src.height, out.height, where);
        for (int y = 0; y < src.height; y++) {
            for (int x = 0; x < src.width; x++) {
                for (int c = 0; c < 4; c++) {
                    double expected = negativeMix(src.get(x, y, c), mix, c);
                    assertEquals(expected, out.get(x, y, c), tol, where + " pixel " + x + "," + y + " channel " + c);
                }
            }
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"byte,positive", "byte,negative", "byte,padded", "float,positive", "float,negative", "float,padded"})
    void keyframedMixFollowsTheInterpolatedValue(String depth, String rows) throws Exception {
        TestImage src = TestImage.pattern(W, H);
        Path in = dir.resolve("in" + ext(depth));
        src.write(in);
        String out = dir.resolve("f_%04d" + ext(depth)).toString();
        TestHost.Result r = TestHost.run("--plugin", "org.manyfaces.ImageTranslate", "--set", NO_WATERMARK, "--input", in.toString(),
                "--output", out, "--frames", "0-5", "--order", "shuffle", "--depth", depth, "--rowbytes", rows,
                "--set", "model=1", "--key", "mix@0=0", "--key", "mix@4=1", "--dump-params");
        assertEquals(0, r.exitCode, r.toString());
        assertEquals(6, r.frames().size(), r.toString());
        r.frames().forEach(f -> assertEquals(0, f.getInt("status"), r.toString()));
        assertEquals(List.of("0", "4"), r.all("key").stream().filter(k -> k.get("name").equals("mix"))
                .map(k -> k.get("t")).toList(), r.toString());
        for (int f = 0; f <= 5; f++) {
            double mix = Math.min(1.0, f / 4.0);
            TestImage got = TestImage.read(Path.of(String.format(out, f)));
            assertNegativeMix(src, got, mix, tolerance(depth), depth + "/" + rows + " frame " + f + " (mix " + mix + ")");
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"byte,negative", "float,padded", "byte,positive"})
    void faceSwapWithoutSourceFacePassesThroughAndSaysWhyOnce(String depth, String rows) throws Exception {
        TestImage src = TestImage.pattern(W, H);
        Path in = dir.resolve("in" + ext(depth));
        src.write(in);
        String out = dir.resolve("g_%04d" + ext(depth)).toString();
        TestHost.Result r = TestHost.run("--plugin", "org.manyfaces.FaceSwap", "--input", in.toString(),
                "--output", out, "--frames", "0-3", "--depth", depth, "--rowbytes", rows,
                "--key", "blend@0=0", "--key", "blend@10=1", "--dump-params", "--press", SOURCE_FACES);
        assertEquals(0, r.exitCode, r.toString());
        // The InstanceChanged of the press reached the renderer without failing (the host prints an
        // "action" line for every failed action).
        assertEquals(List.of(), r.all("action"), r.toString());
        r.frames().forEach(f -> assertEquals(0, f.getInt("status"), r.toString()));
        List<TestHost.Line> warnings = r.messages().stream()
                .filter(m -> m.get("type").equals("OfxMessageWarning")).toList();
        assertEquals(1, warnings.size(), r.toString());
        assertTrue(warnings.get(0).get("text").contains("no source face"), r.toString());
        // The animated Blend reaches the host as keys; with nothing swapped the output stays the source.
        assertEquals(List.of("0", "10"), r.all("key").stream().filter(k -> k.get("name").equals("blend"))
                .map(k -> k.get("t")).toList(), r.toString());
        for (int f = 0; f <= 3; f++) {
            TestImage got = TestImage.read(Path.of(String.format(out, f)));
            assertNegativeMix(src, got, 0, 0, "pass-through frame " + f);
        }
    }

    @Test
    void rgbImagesAreReadWithThreeChannels() throws Exception {
        TestImage src = TestImage.pattern(W, H);
        Path in = dir.resolve("in.pam");
        src.write(in);
        String out = dir.resolve("h_%04d.pam").toString();
        TestHost.Result r = TestHost.run("--plugin", "org.manyfaces.ImageTranslate", "--set", NO_WATERMARK, "--input", in.toString(),
                "--output", out, "--frames", "0-0", "--components", "rgb", "--rowbytes", "negative",
                "--set", "model=1", "--set", "mix=0.25");
        assertEquals(0, r.exitCode, r.toString());
        assertEquals(0, r.frames().get(0).getInt("status"), r.toString());
        TestImage got = TestImage.read(Path.of(String.format(out, 0)));
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                for (int c = 0; c < 3; c++) {
                    assertEquals(negativeMix(src.get(x, y, c), 0.25, c), got.get(x, y, c), tolerance("byte"),
                            "rgb pixel " + x + "," + y + "," + c);
                }
            }
        }
    }

    @Test
    void halfRenderScaleRendersHalfSizeFrames() throws Exception {
        // A uniform frame: whatever resampling the host uses for the proxy, every source pixel is the same,
        // so the expected output is exact.
        TestImage src = new TestImage(40, 20);
        for (int y = 0; y < 20; y++) {
            for (int x = 0; x < 40; x++) {
                src.set(x, y, 0, 51 / 255f);
                src.set(x, y, 1, 102 / 255f);
                src.set(x, y, 2, 204 / 255f);
                src.set(x, y, 3, 1f);
            }
        }
        Path in = dir.resolve("uniform.pam");
        src.write(in);
        String out = dir.resolve("s_%04d.pam").toString();
        TestHost.Result r = TestHost.run("--plugin", "org.manyfaces.ImageTranslate", "--set", NO_WATERMARK, "--input", in.toString(),
                "--output", out, "--render-scale", "0.5", "--set", "model=1", "--set", "mix=0.75");
        assertEquals(0, r.exitCode, r.toString());
        assertEquals(0, r.frames().get(0).getInt("status"), r.toString());
        TestImage got = TestImage.read(Path.of(String.format(out, 0)));
        assertEquals(20, got.width);
        assertEquals(10, got.height);
        for (int y = 0; y < got.height; y++) {
            for (int x = 0; x < got.width; x++) {
                for (int c = 0; c < 4; c++) {
                    assertEquals(negativeMix(src.get(0, 0, c), 0.75, c), got.get(x, y, c), tolerance("byte"),
                            "proxy pixel " + x + "," + y + "," + c);
                }
            }
        }
    }

    @Test
    void functionFallbackPathGivesTheSamePixels() throws Exception {
        // Inside the shim the property and image-effect suites call through the shim's JNI natives; the JNA
        // Function path is the fallback (no shim, e.g. a fake host in a unit test). Force it and check the
        // same frames come out.
        TestImage src = TestImage.pattern(W, H);
        Path in = dir.resolve("in.rgbaf");
        src.write(in);
        String out = dir.resolve("j_%04d.rgbaf").toString();
        TestHost.Result r = TestHost.run(java.util.Map.of("MANYFACES_JVM_OPTS", "-Dmanyfaces.ofx.shimCalls=false"),
                "--plugin", "org.manyfaces.ImageTranslate", "--set", NO_WATERMARK, "--input", in.toString(), "--output", out,
                "--frames", "0-2", "--depth", "float", "--rowbytes", "negative", "--set", "model=1",
                "--key", "mix@0=0.2", "--key", "mix@2=0.6");
        assertEquals(0, r.exitCode, r.toString());
        r.frames().forEach(f -> assertEquals(0, f.getInt("status"), r.toString()));
        for (int f = 0; f <= 2; f++) {
            assertNegativeMix(src, TestImage.read(Path.of(String.format(out, f))), 0.2 + 0.2 * f,
                    tolerance("float"), "Function path frame " + f);
        }
    }

    @Test
    void mixZeroIsAnIdentityAndSkipsRender() throws Exception {
        // A fault injected (test-only bundle) into render at frame 0 only fires if render runs: at Mix 0 the effect answers
        // IsIdentity, the host copies the source and never calls render. Frame 1 (Mix 0.5) does render.
        TestImage src = TestImage.pattern(W, H);
        Path in = dir.resolve("in.pam");
        src.write(in);
        String out = dir.resolve("i_%04d.pam").toString();
        TestHost.Result r = TestHost.runWithFaults("render@0,render@1",
                "--plugin", "org.manyfaces.ImageTranslate", "--set", NO_WATERMARK, "--input", in.toString(), "--output", out,
                "--frames", "0-2", "--set", "model=1", "--key", "mix@0=0", "--key", "mix@2=1");
        assertEquals(0, r.exitCode, r.toString());
        for (TestHost.Line f : r.frames()) {
            assertEquals(f.getInt("frame") == 1 ? 1 : 0, f.getInt("status"), r.toString());
        }
        assertNegativeMix(src, TestImage.read(Path.of(String.format(out, 0))), 0, 0, "identity frame 0");
        assertNegativeMix(src, TestImage.read(Path.of(String.format(out, 2))), 1, tolerance("byte"), "frame 2");
    }
}
