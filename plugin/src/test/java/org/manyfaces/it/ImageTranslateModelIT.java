package org.manyfaces.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.manyfaces.testsupport.SharedFiles;

/**
 * Image Translate with real networks, through the OFX test host on the assembled bundle: the ESPCN ×3
 * super-resolution model from the manifest (output region of definition three times the source), and
 * test-built generators with known answers (identity, negation, a linear smoothing convolution) given as
 * model files. Expected pixels come from the tests' own arithmetic, never from the plug-in.
 */
class ImageTranslateModelIT {
    static final String PLUGIN = "org.manyfaces.ImageTranslate";
    /** The first manifest model of the Model choice: superres_espcn_x3_y, the only translator in the manifest. */
    static final String ESPCN_OPTION = "superres_espcn_x3_y (x3 super-resolution)";

    @TempDir
    Path dir;

    static Map<String, String> sharedModels() {
        return Map.of("MANYFACES_MODELS", SharedFiles.model("superres_espcn_x3_y.onnx").getParent().toString());
    }

    /** A real photo (sRGB JPEG) as a TestImage with opaque alpha. */
    static TestImage photo(String name) throws IOException {
        BufferedImage b = ImageIO.read(SharedFiles.media(name).toFile());
        TestImage im = new TestImage(b.getWidth(), b.getHeight());
        for (int y = 0; y < b.getHeight(); y++) {
            for (int x = 0; x < b.getWidth(); x++) {
                int rgb = b.getRGB(x, y);
                im.set(x, y, 0, ((rgb >> 16) & 255) / 255f);
                im.set(x, y, 1, ((rgb >> 8) & 255) / 255f);
                im.set(x, y, 2, (rgb & 255) / 255f);
                im.set(x, y, 3, 1f);
            }
        }
        return im;
    }

    static TestImage crop(TestImage src, int x0, int y0, int w, int h) {
        TestImage out = new TestImage(w, h);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int c = 0; c < 4; c++) {
                    out.set(x, y, c, src.get(x0 + x, y0 + y, c));
                }
            }
        }
        return out;
    }

    /** Mean of each k×k block, rounded to 8 bits (what a camera at a third of the resolution might record). */
    static TestImage boxDown(TestImage src, int k) {
        TestImage out = new TestImage(src.width / k, src.height / k);
        for (int y = 0; y < out.height; y++) {
            for (int x = 0; x < out.width; x++) {
                for (int c = 0; c < 4; c++) {
                    double s = 0;
                    for (int j = 0; j < k; j++) {
                        for (int i = 0; i < k; i++) {
                            s += src.get(x * k + i, y * k + j, c);
                        }
                    }
                    out.set(x, y, c, Math.round(s / (k * k) * 255) / 255f);
                }
            }
        }
        return out;
    }

    /** Keys' cubic (a = -0.5) at pixel centres, edges clamped: the classic bicubic baseline. */
    static TestImage bicubicUp(TestImage src, int k) {
        TestImage out = new TestImage(src.width * k, src.height * k);
        for (int y = 0; y < out.height; y++) {
            double fy = (y + 0.5) / k - 0.5;
            int y0 = (int) Math.floor(fy);
            for (int x = 0; x < out.width; x++) {
                double fx = (x + 0.5) / k - 0.5;
                int x0 = (int) Math.floor(fx);
                for (int c = 0; c < 4; c++) {
                    double v = 0;
                    for (int j = -1; j <= 2; j++) {
                        double wy = keys(fy - (y0 + j));
                        int sy = Math.max(0, Math.min(src.height - 1, y0 + j));
                        for (int i = -1; i <= 2; i++) {
                            int sx = Math.max(0, Math.min(src.width - 1, x0 + i));
                            v += wy * keys(fx - (x0 + i)) * src.get(sx, sy, c);
                        }
                    }
                    out.set(x, y, c, (float) Math.max(0, Math.min(1, v)));
                }
            }
        }
        return out;
    }

    private static double keys(double t) {
        double a = -0.5;
        t = Math.abs(t);
        if (t <= 1) {
            return (a + 2) * t * t * t - (a + 3) * t * t + 1;
        }
        if (t < 2) {
            return a * t * t * t - 5 * a * t * t + 8 * a * t - 4 * a;
        }
        return 0;
    }

    /** BT.601 luma and the two chroma differences of one pixel (0..1). */
    static double[] ycbcr(TestImage im, int x, int y) {
        double r = im.get(x, y, 0);
        double g = im.get(x, y, 1);
        double b = im.get(x, y, 2);
        double luma = 0.299 * r + 0.587 * g + 0.114 * b;
        return new double[] {luma, (b - luma) * 0.564, (r - luma) * 0.713};
    }

    /** PSNR of the luma of {@code a} against {@code ref}, skipping a border of {@code border} pixels. */
    static double psnrY(TestImage a, TestImage ref, int border) {
        double se = 0;
        int n = 0;
        for (int y = border; y < ref.height - border; y++) {
            for (int x = border; x < ref.width - border; x++) {
                double d = ycbcr(a, x, y)[0] - ycbcr(ref, x, y)[0];
                se += d * d;
                n++;
            }
        }
        return 10 * Math.log10(1 / (se / n));
    }

    /**
     * Renders with the disclosure watermark switched off: these tests check the models' exact known answers,
     * which the watermark's own few-level pattern would blur (its effect is checked in
     * {@link #maskClipLimitsTheEffect} and DisclosureIT).
     */
    private TestHost.Result render(Map<String, String> env, TestImage in, String ext, String... extra)
            throws IOException, InterruptedException {
        return renderMarked(env, in, ext, false, extra);
    }

    private TestHost.Result renderMarked(Map<String, String> env, TestImage in, String ext, boolean watermark,
                                         String... extra) throws IOException, InterruptedException {
        Path input = dir.resolve("in" + ext);
        in.write(input);
        String[] base = {"--plugin", PLUGIN, "--input", input.toString(), "--output",
            dir.resolve("out_%d" + ext).toString(), "--set", "watermark=" + (watermark ? 1 : 0)};
        String[] args = new String[base.length + extra.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return TestHost.run(env, args);
    }

    private TestImage output(int frame, String ext) throws IOException {
        return TestImage.read(dir.resolve("out_" + frame + ext));
    }

    @Test
    void espcnTriplesTheFrameKeepsChromaAndBeatsNothingWorseThanBicubic() throws Exception {
        // A 240x180 crop around Grace Hopper's face is the truth; the network sees a third of it.
        TestImage truth = crop(photo("grace_hopper.jpg"), 150, 110, 240, 180);
        TestImage small = boxDown(truth, 3);
        TestHost.Result r = render(sharedModels(), small, ".pam", "--set", "model=" + ESPCN_OPTION,
                "--set", "fitting=Native", "--print-roi", "--press", "model", "--dump-params");
        assertEquals(0, r.exitCode, r.toString());
        assertEquals(0, r.frames().get(0).getInt("status"), r.toString());
        // The host asked the effect for its region of definition, and the effect asked for a third of it.
        assertEquals("0,0,80,60", r.one("roi").get("OfxImageClipPropRoI_Source"), r.toString());
        // Choosing the model (a press of Model) fills the Status line: what runs, where, under which contract.
        String status = r.stdout.lines().filter(l -> l.startsWith("value name=providerStatus v=")).findFirst()
                .orElseThrow(() -> new AssertionError("no Status value\n" + r));
        assertTrue(status.contains("superres_espcn_x3_y") && status.contains("scale 3"), status);
        TestImage out = output(0, ".pam");
        assertEquals(240, out.width, "width x3");
        assertEquals(180, out.height, "height x3");

        // Chroma is carried over: each 3x3 block of the output has the chroma of its source pixel.
        double chromaErr = 0;
        double chromaSum = 0;
        int blocks = 0;
        for (int y = 1; y < small.height - 1; y++) {
            for (int x = 1; x < small.width - 1; x++) {
                double cb = 0;
                double cr = 0;
                for (int j = 0; j < 3; j++) {
                    for (int i = 0; i < 3; i++) {
                        double[] p = ycbcr(out, 3 * x + i, 3 * y + j);
                        cb += p[1] / 9;
                        cr += p[2] / 9;
                    }
                }
                double[] s = ycbcr(small, x, y);
                double e = Math.max(Math.abs(cb - s[1]), Math.abs(cr - s[2]));
                chromaErr = Math.max(chromaErr, e);
                chromaSum += e;
                blocks++;
            }
        }
        TestImage bicubic = bicubicUp(small, 3);
        double psnrModel = psnrY(out, truth, 3);
        double psnrBicubic = psnrY(bicubic, truth, 3);
        double changed = 0;
        for (int y = 0; y < out.height; y++) {
            for (int x = 0; x < out.width; x++) {
                changed += Math.abs(ycbcr(out, x, y)[0] - ycbcr(bicubic, x, y)[0]);
            }
        }
        changed /= out.width * out.height;
        System.out.printf("ESPCN x3 through the OFX host, grace_hopper crop 80x60 -> 240x180: PSNR(Y) model %.2f dB, "
                + "bicubic %.2f dB; block chroma error mean %.4f max %.4f; mean |Y - bicubic| %.4f%n", psnrModel,
                psnrBicubic, chromaSum / blocks, chromaErr, changed);
        // Bicubic interpolation moves a little chroma between neighbouring blocks at colour edges; on average the
        // chroma of each source pixel is kept, and the luma-only network never shifts it far.
        assertTrue(chromaSum / blocks < 1 / 255.0, "chroma of the source is kept, mean block error " + chromaSum / blocks);
        assertTrue(chromaErr < 12 / 255.0, "chroma of the source is kept, max block error " + chromaErr);
        assertTrue(changed > 0.5 / 255, "the network changed the luma, mean difference from bicubic " + changed);
        assertTrue(psnrModel > psnrBicubic - 0.5, "ESPCN " + psnrModel + " dB vs bicubic " + psnrBicubic + " dB");
    }

    @Test
    void espcnAtHalfRenderScaleInFloatWritesTheScaledRegionOfDefinition() throws Exception {
        TestImage small = boxDown(crop(photo("grace_hopper.jpg"), 150, 110, 240, 180), 3);
        TestHost.Result r = render(sharedModels(), small, ".rgbaf", "--depth", "float", "--render-scale", "0.5",
                "--set", "model=" + ESPCN_OPTION, "--set", "fitting=Native");
        assertEquals(0, r.frames().get(0).getInt("status"), r.toString());
        TestImage out = output(0, ".rgbaf");
        // RoD 240x180 canonical at render scale 0.5; the source the effect gets is 40x30. The host samples the
        // full-resolution pixel at 2x+1 in x and, counting OFX rows from the bottom, 2y+1 there, which is top-down
        // row 2y of this even-height image.
        assertEquals(120, out.width);
        assertEquals(90, out.height);
        double err = 0;
        int n = 0;
        for (int y = 1; y < 29; y++) {
            for (int x = 1; x < 39; x++) {
                for (int c = 0; c < 3; c++) {
                    double block = 0;
                    for (int j = 0; j < 3; j++) {
                        for (int i = 0; i < 3; i++) {
                            block += out.get(3 * x + i, 3 * y + j, c) / 9;
                        }
                    }
                    err += Math.abs(block - small.get(2 * x + 1, 2 * y, c));
                    n++;
                }
            }
        }
        // Interpolation and the network's sharpening move block means a little (about 5/255 on this aliased
        // half-scale source); reading the source one row off, as a misplaced grid would, measures about 19/255.
        assertTrue(err / n < 8 / 255.0, "each 3x3 block keeps its source pixel's colour, mean error " + err / n);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"byte", "float"})
    void identityModelRoundTripsWithinOneLevel(String depth) throws Exception {
        Path model = TranslateModels.identity(dir);
        TestImage in = TestImage.pattern(37, 21);
        String ext = depth.equals("float") ? ".rgbaf" : ".pam";
        TestHost.Result r = render(Map.of(), in, ext, "--depth", depth, "--set", "model=0",
                "--set", "modelFile=" + model, "--set", "fitting=Native");
        assertEquals(0, r.frames().get(0).getInt("status"), r.toString());
        TestImage out = output(0, ext);
        assertEquals(in.width, out.width);
        double worst = maxDiff(in, out, (x) -> x);
        assertTrue(worst <= 1 / 255.0 + 1e-6, "identity round trip error " + worst);
    }

    @Test
    void negationFollowsTheKeyframedMix() throws Exception {
        Path model = TranslateModels.negate(dir);
        TestImage in = TestImage.pattern(29, 13);
        TestHost.Result r = render(Map.of(), in, ".rgbaf", "--depth", "float", "--frames", "0-4", "--order", "shuffle",
                "--set", "model=0", "--set", "modelFile=" + model, "--set", "fitting=Native", "--key", "mix@0=0",
                "--key", "mix@4=1");
        assertEquals("5", r.one("summary").get("rendered"), r.toString());
        for (int f = 0; f <= 4; f++) {
            double mix = f / 4.0;
            TestImage out = output(f, ".rgbaf");
            for (int y = 0; y < in.height; y++) {
                for (int x = 0; x < in.width; x++) {
                    for (int c = 0; c < 4; c++) {
                        double v = in.get(x, y, c);
                        double expected = c == 3 ? v : v + mix * (1 - 2 * v);
                        assertEquals(expected, out.get(x, y, c), 1e-5, "frame " + f + " pixel " + x + "," + y);
                    }
                }
            }
        }
    }

    @Test
    void twoInstancesOnTwoThreadsRenderTheirOwnFrames() throws Exception {
        // Each instance has its own pipeline and scratch buffers; only the ONNX session is shared. Rendering both
        // concurrently must give every frame of both instances the exact negation.
        Path model = TranslateModels.negate(dir);
        TestImage in = TestImage.pattern(41, 17);
        TestHost.Result r = render(Map.of(), in, ".rgbaf", "--depth", "float", "--frames", "0-3", "--instances", "2",
                "--threads", "2", "--set", "model=0", "--set", "modelFile=" + model, "--set", "fitting=Native");
        assertEquals("8", r.one("summary").get("rendered"), r.toString());
        for (int f = 0; f <= 3; f++) {
            for (int i = 0; i < 2; i++) {
                TestImage out = TestImage.read(dir.resolve("out_" + f + "_i" + i + ".rgbaf"));
                double worst = 0;
                for (int y = 0; y < in.height; y++) {
                    for (int x = 0; x < in.width; x++) {
                        for (int c = 0; c < 3; c++) {
                            worst = Math.max(worst, Math.abs(1 - in.get(x, y, c) - out.get(x, y, c)));
                        }
                    }
                }
                assertTrue(worst < 1e-5, "frame " + f + " instance " + i + ": error " + worst);
            }
        }
    }

    @Test
    void tilesOnAFrameLargerThanTheModelShowNoSeams() throws Exception {
        // A fixed 64x64 model on a 150x110 frame: 3x2 overlapping tiles. The reference is the same linear
        // filter computed here on the whole frame, so any seam shows as a difference along tile edges.
        Path model = TranslateModels.smooth(dir, 64);
        TestImage in = crop(photo("grace_hopper.jpg"), 180, 120, 150, 110);
        double blended = tiledError(model, in, 16);
        // Control: on a frame exactly two tiles wide with no overlap the tiles abut at x = 64, and the pixels on
        // either side are filtered against the model's zero padding: the seam the blending must hide. This
        // shows the comparison can see one.
        double abutting = tiledError(model, crop(in, 0, 0, 128, 110), 0);
        System.out.printf("Tiles (64x64 model): max |tiled - whole-frame filter| = %.2f/255 on 150x110 with overlap 16; "
                + "%.2f/255 on 128x110 with abutting tiles%n", blended * 255, abutting * 255);
        assertTrue(blended <= 2 / 255.0, "tile seams: max difference " + blended * 255 + "/255");
        assertTrue(abutting > 2 / 255.0, "abutting tiles should show seams, max difference " + abutting * 255 + "/255");
    }

    /** Largest difference (away from the frame border) between a tiled render and the filter on the whole frame. */
    private double tiledError(Path model, TestImage in, int overlap) throws Exception {
        TestHost.Result r = render(Map.of(), in, ".rgbaf", "--depth", "float", "--set", "model=0",
                "--set", "modelFile=" + model, "--set", "fitting=Tiles", "--set", "tileOverlap=" + overlap);
        assertEquals(0, r.frames().get(0).getInt("status"), r.toString());
        TestImage out = output(0, ".rgbaf");
        double worst = 0;
        for (int y = 1; y < in.height - 1; y++) {
            for (int x = 1; x < in.width - 1; x++) {
                for (int c = 0; c < 3; c++) {
                    double e = 0;
                    for (int j = -1; j <= 1; j++) {
                        for (int i = -1; i <= 1; i++) {
                            e += TranslateModels.SMOOTH[(j + 1) * 3 + i + 1] * in.get(x + i, y + j, c);
                        }
                    }
                    worst = Math.max(worst, Math.abs(e - out.get(x, y, c)));
                }
            }
        }
        return worst;
    }

    @Test
    void facesOnlyChangesOnlyTheFace() throws Exception {
        Path model = TranslateModels.negate(dir);
        TestImage in = photo("grace_hopper.jpg");
        TestHost.Result r = render(sharedModels(), in, ".pam", "--set", "model=0", "--set", "modelFile=" + model,
                "--set", "region=Faces only");
        assertEquals(0, r.frames().get(0).getInt("status"), r.toString());
        TestImage out = output(0, ".pam");
        // YuNet's eyes in this photo are at (226,193) and (307,193) (media README). The face is translated in
        // an FFHQ-aligned crop, whose edge lies about twice the eye distance from the eye midpoint; every
        // changed pixel must lie inside that square, and the rest of the frame stays bit-identical.
        double eyeDistance = 307 - 226;
        double cx = (226 + 307) / 2.0;
        double cy = 193;
        double half = 2.5 * eyeDistance;
        int changedOutside = 0;
        int changed = 0;
        for (int y = 0; y < in.height; y++) {
            for (int x = 0; x < in.width; x++) {
                if (maxChannelDiff(in, out, x, y) > 0) {
                    changed++;
                    if (Math.abs(x - cx) > half || Math.abs(y - cy) > half) {
                        changedOutside++;
                    }
                }
            }
        }
        System.out.printf("Faces only: %d of %d pixels changed, %d outside the face square%n", changed,
                in.width * in.height, changedOutside);
        assertEquals(0, changedOutside, "pixels changed far from the face");
        assertTrue(changed < in.width * in.height / 2, "most of the frame is untouched: " + changed + " changed");
        double centre = 0;
        int n = 0;
        for (int y = 220; y < 240; y++) {
            for (int x = 255; x < 275; x++) {
                for (int c = 0; c < 3; c++) {
                    centre += Math.abs(out.get(x, y, c) - (1 - in.get(x, y, c)));
                    n++;
                }
            }
        }
        assertTrue(centre / n < 0.05, "face centre is the negative, mean error " + centre / n);
        keepForReadme(in, out, "translate-faces-only-negative.png");
    }

    /** Bad contracts: each frame fails with a message naming the mismatch; the host lives on. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"rank", "channels", "multiple"})
    void badContractsFailTheFrameWithAMessage(String what) throws Exception {
        Function<Path, Path> build = switch (what) {
            case "rank" -> TranslateModels::rank3;
            case "channels" -> TranslateModels::fiveChannels;
            default -> TranslateModels::notAMultiple;
        };
        Path model = build.apply(dir);
        String expected = switch (what) {
            case "rank" -> "rank 3";
            case "channels" -> "channel axis";
            default -> "not a whole multiple";
        };
        TestImage in = TestImage.pattern(16, 16);
        // Frames 0 and 1 run the model; at frame 2 Mix reaches 0, the host copies the source.
        TestHost.Result r = render(Map.of(), in, ".pam", "--frames", "0-2", "--set", "model=0",
                "--set", "modelFile=" + model, "--key", "mix@1=1", "--key", "mix@2=0");
        assertEquals(0, r.exitCode, r.toString());
        List<TestHost.Line> frames = r.frames();
        assertEquals(3, frames.size(), r.toString());
        assertTrue(frames.get(0).getInt("status") != 0 && frames.get(1).getInt("status") != 0, r.toString());
        assertEquals(0, frames.get(2).getInt("status"), r.toString());
        long named = r.messages().stream().filter(m -> m.get("text").contains(expected)).count();
        assertEquals(2, named, "one message per failed frame naming '" + expected + "'\n" + r);
        assertEquals("1", r.one("summary").get("rendered"));
    }

    @Test
    void maskClipLimitsTheEffect() throws Exception {
        Path model = TranslateModels.negate(dir);
        TestImage in = TestImage.pattern(30, 10);
        TestImage mask = new TestImage(30, 10);
        for (int y = 0; y < 10; y++) {
            for (int x = 0; x < 30; x++) {
                mask.set(x, y, 3, x < 15 ? 1f : 0f);
            }
        }
        Path maskFile = dir.resolve("mask.pam");
        mask.write(maskFile);
        TestHost.Result r = render(Map.of(), in, ".rgbaf", "--depth", "float", "--mask", maskFile.toString(),
                "--set", "model=0", "--set", "modelFile=" + model, "--set", "region=Mask clip", "--set", "fitting=Native",
                "--set", "maskBlur=0", "--set", "maskPadding=0");
        assertEquals(0, r.frames().get(0).getInt("status"), r.toString());
        TestImage out = output(0, ".rgbaf");
        for (int y = 0; y < 10; y++) {
            for (int x = 0; x < 30; x++) {
                for (int c = 0; c < 3; c++) {
                    double v = in.get(x, y, c);
                    assertEquals(x < 15 ? 1 - v : v, out.get(x, y, c), 1e-5, "pixel " + x + "," + y);
                }
            }
        }
        // With the disclosure watermark on (the default) the pixels outside the mask stay exactly the source;
        // inside, the mark moves values by a few levels at most.
        TestHost.Result m = renderMarked(Map.of(), in, ".rgbaf", true, "--depth", "float", "--mask",
                maskFile.toString(), "--set", "model=0", "--set", "modelFile=" + model, "--set", "region=Mask clip",
                "--set", "fitting=Native", "--set", "maskBlur=0", "--set", "maskPadding=0");
        assertEquals(0, m.frames().get(0).getInt("status"), m.toString());
        TestImage marked = output(0, ".rgbaf");
        int moved = 0;
        for (int y = 0; y < 10; y++) {
            for (int x = 0; x < 30; x++) {
                for (int c = 0; c < 3; c++) {
                    double v = in.get(x, y, c);
                    if (x < 15) {
                        assertEquals(1 - v, marked.get(x, y, c), 8 / 255.0, "marked pixel " + x + "," + y);
                        moved += Math.abs(marked.get(x, y, c) - (1 - v)) > 1e-5 ? 1 : 0;
                    } else {
                        assertEquals(in.get(x, y, c), marked.get(x, y, c), "outside the mask " + x + "," + y);
                    }
                }
            }
        }
        assertTrue(moved > 0, "the masked area carries the mark");
    }

    private static double maxDiff(TestImage a, TestImage b, Function<Double, Double> f) {
        double worst = 0;
        for (int y = 0; y < a.height; y++) {
            for (int x = 0; x < a.width; x++) {
                for (int c = 0; c < 4; c++) {
                    worst = Math.max(worst, Math.abs(f.apply((double) a.get(x, y, c)) - b.get(x, y, c)));
                }
            }
        }
        return worst;
    }

    private static double maxChannelDiff(TestImage a, TestImage b, int x, int y) {
        double worst = 0;
        for (int c = 0; c < 4; c++) {
            worst = Math.max(worst, Math.abs(a.get(x, y, c) - b.get(x, y, c)));
        }
        return worst;
    }

    /**
     * Writes a README picture, source and result side by side at half size, when
     * {@code -Dmanyfaces.readmeImages=DIR} is set (never in plain test runs).
     */
    private static void keepForReadme(TestImage before, TestImage after, String name) throws IOException {
        String target = System.getProperty("manyfaces.readmeImages");
        if (target == null) {
            return;
        }
        int w = before.width / 2;
        int h = before.height / 2;
        BufferedImage b = new BufferedImage(2 * w, h, BufferedImage.TYPE_INT_RGB);
        TestImage[] pair = {before, after};
        for (int k = 0; k < 2; k++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int rgb = 0;
                    for (int c = 0; c < 3; c++) {
                        float v = (pair[k].get(2 * x, 2 * y, c) + pair[k].get(2 * x + 1, 2 * y, c)
                                + pair[k].get(2 * x, 2 * y + 1, c) + pair[k].get(2 * x + 1, 2 * y + 1, c)) / 4;
                        rgb = (rgb << 8) | Math.round(Math.max(0, Math.min(1, v)) * 255);
                    }
                    b.setRGB(k * w + x, y, rgb);
                }
            }
        }
        Files.createDirectories(Path.of(target));
        ImageIO.write(b, "png", Path.of(target, name).toFile());
    }
}
