package org.manyfaces.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.manyfaces.it.ReliabilityRuns.assertNegativeFrames;
import static org.manyfaces.it.ReliabilityRuns.assertSurvived;
import static org.manyfaces.it.ReliabilityRuns.errorContaining;
import static org.manyfaces.it.ReliabilityRuns.negativeArgs;
import static org.manyfaces.it.ReliabilityRuns.quote;
import static org.manyfaces.it.ReliabilityRuns.statuses;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Frames the host hands over in awkward shapes: 1x1, empty (0 wide or 0 high), 8192x8192, odd / padded /
 * negative row bytes, and pixel layouts ManyFaces does not render (16-bit, alpha-only). Each must either
 * render correctly or be refused with a clear message and a failed status; never read out of bounds, never
 * take the host down.
 */
class FaultInputIT {
    private static final ReliabilityTable TABLE = new ReliabilityTable(FaultInputIT.class);
    private static final String AREA = "Frames";

    @TempDir
    static Path dir;
    static TestImage src;
    static Path input;

    @BeforeAll
    static void input() throws Exception {
        src = TestImage.pattern(PixelChainIT.W, PixelChainIT.H);
        input = dir.resolve("in.pam");
        src.write(input);
    }

    @AfterAll
    static void writeTable() throws Exception {
        TABLE.write();
    }

    @Test
    void onePixelFrame() throws Exception {
        TABLE.check(AREA, "1x1 frame", () -> {
            TestImage one = TestImage.pattern(1, 1);
            Path in = dir.resolve("one.pam");
            one.write(in);
            String out = dir.resolve("one_%04d.pam").toString();
            TestHost.Result r = ReliabilityRuns.run(Map.of(), negativeArgs(in, out, 0, 1));
            assertSurvived(r);
            assertEquals(Map.of(0, 0, 1, 0), statuses(r), r.toString());
            assertNegativeFrames(one, out, 0, 1);
            return "exit 0; frames render correctly";
        });
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"0x7, positive", "23x0, positive", "0x0, negative"})
    void emptyFrame(String size, String rows) throws Exception {
        TABLE.check(AREA, "0-area frame " + size + " (" + rows + " row bytes)", () -> {
            String out = dir.resolve("empty_" + size + "_%04d.pam").toString();
            TestHost.Result r = ReliabilityRuns.run(Map.of(), negativeArgs(input, out, 0, 1, "--size", size,
                    "--rowbytes", rows));
            assertSurvived(r);
            assertEquals(Map.of(0, 0, 1, 0), statuses(r), r.toString());
            assertTrue(ReliabilityRuns.errors(r).isEmpty(), r.toString());
            return "exit 0; status 0 with nothing to draw (the render window is empty)";
        });
    }

    /**
     * 8192x8192 (256 MiB per 8-bit RGBA image): the 2x2 input is stretched so each quadrant has one colour,
     * and sampled pixels of the written output are compared with the negative of their quadrant's colour.
     */
    @Test
    void hugeFrame() throws Exception {
        TABLE.check(AREA, "8192x8192 frame", () -> {
            TestImage quad = TestImage.pattern(2, 2);
            Path in = dir.resolve("quad.pam");
            quad.write(in);
            String out = dir.resolve("huge_%04d.pam").toString();
            long t0 = System.nanoTime();
            TestHost.Result r = ReliabilityRuns.run(Map.of(), negativeArgs(in, out, 0, 1, "--size", "8192x8192"));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertSurvived(r);
            assertEquals(Map.of(0, 0, 1, 0), statuses(r), r.toString());
            Path file = Path.of(String.format(out, 1));
            Random rnd = new Random(7);
            try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
                long header = pamHeaderLength(f);
                assertEquals(header + 8192L * 8192 * 4, f.length(), "output size");
                for (int i = 0; i < 200; i++) {
                    int x = i < 4 ? (i % 2) * 8191 : rnd.nextInt(8192);
                    int y = i < 4 ? (i / 2) * 8191 : rnd.nextInt(8192);
                    f.seek(header + ((long) y * 8192 + x) * 4);
                    for (int c = 0; c < 4; c++) {
                        double expected = PixelChainIT.negativeMix(quad.get(x / 4096, y / 4096, c), ReliabilityRuns.MIX, c);
                        assertEquals(expected, f.read() / 255.0, PixelChainIT.tolerance("byte"),
                                "pixel " + x + "," + y + " channel " + c);
                    }
                }
            } finally {
                Files.deleteIfExists(file);
                Files.deleteIfExists(Path.of(String.format(out, 0)));
            }
            return "exit 0; frames render correctly (200 sampled pixels); 2 frames in " + ms + " ms including writing";
        });
    }

    private static long pamHeaderLength(RandomAccessFile f) throws Exception {
        byte[] head = new byte[256];
        f.seek(0);
        int n = f.read(head);
        String s = new String(head, 0, n, StandardCharsets.US_ASCII);
        int end = s.indexOf("ENDHDR\n");
        assertTrue(end > 0, "PAM header");
        return end + "ENDHDR\n".length();
    }

    /** Odd row bytes come from 8-bit RGB: 23 pixels x 3 = 69 bytes (+64 padded = 133). */
    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource({"byte, rgb, positive", "byte, rgb, padded", "byte, rgb, negative", "byte, rgba, padded",
            "byte, rgba, negative", "float, rgba, padded", "float, rgb, negative"})
    void rowLayouts(String depth, String comps, String rows) throws Exception {
        long pixel = ("rgb".equals(comps) ? 3 : 4) * ("float".equals(depth) ? 4 : 1);
        long rowBytes = (PixelChainIT.W * pixel + ("padded".equals(rows) ? 64 : 0)) * ("negative".equals(rows) ? -1 : 1);
        TABLE.check(AREA, depth + " " + comps + ", " + rows + " row bytes (" + rowBytes + ")", () -> {
            String ext = PixelChainIT.ext(depth);
            Path in = dir.resolve("rows_in" + ext);
            src.write(in);
            String out = dir.resolve("rows_" + depth + comps + rows + "_%04d" + ext).toString();
            TestHost.Result r = ReliabilityRuns.run(Map.of(), negativeArgs(in, out, 0, 1, "--depth", depth,
                    "--components", comps, "--rowbytes", rows));
            assertSurvived(r);
            assertEquals(Map.of(0, 0, 1, 0), statuses(r), r.toString());
            TestImage expectedSource = src;
            if (comps.equals("rgb")) {
                // An RGB host image has no alpha: the host reads it back as opaque.
                expectedSource = TestImage.pattern(PixelChainIT.W, PixelChainIT.H);
                for (int y = 0; y < PixelChainIT.H; y++) {
                    for (int x = 0; x < PixelChainIT.W; x++) {
                        expectedSource.set(x, y, 3, 1f);
                    }
                }
            }
            for (int f = 0; f <= 1; f++) {
                PixelChainIT.assertNegativeMix(expectedSource, TestImage.read(Path.of(String.format(out, f))),
                        ReliabilityRuns.MIX, PixelChainIT.tolerance(depth), "frame " + f);
            }
            return "exit 0; frames render correctly";
        });
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"short, rgba, OfxBitDepthShort", "byte, alpha, OfxImageComponentAlpha",
            "float, alpha, OfxImageComponentAlpha"})
    void unsupportedLayoutIsRefused(String depth, String comps, String named) throws Exception {
        TABLE.check(AREA, "unsupported layout: " + depth + " " + comps, () -> {
            TestHost.Result d = TestHost.run("--describe", ReliabilityRuns.TRANSLATE);
            assertTrue(d.stdout.contains("prop OfxImageEffectPropSupportedPixelDepths=OfxBitDepthByte,OfxBitDepthFloat\n"),
                    "describe declares only byte and float\n" + d);
            assertTrue(d.stdout.contains("clip name=Source components=OfxImageComponentRGBA,OfxImageComponentRGB "),
                    "describe declares only RGBA and RGB\n" + d);
            TestHost.Result r = ReliabilityRuns.run(Map.of(), negativeArgs(input, null, 0, 1, "--depth", depth,
                    "--components", comps));
            assertSurvived(r);
            String msg = errorContaining(r, named);
            assertEquals(Map.of(0, 7, 1, 7), statuses(r), "kOfxStatErrFormat\n" + r);
            assertTrue(r.all("leak").isEmpty(), "refused images are released\n" + r);
            return "describe declares byte/float and RGBA/RGB only; a host sending it anyway: exit 0, status 7 "
                    + "(kOfxStatErrFormat), image released, message " + quote(msg);
        });
    }
}
