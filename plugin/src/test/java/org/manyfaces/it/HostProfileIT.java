package org.manyfaces.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.manyfaces.testsupport.SharedFiles;

/**
 * Every effect the bundle lists, with its defaults (plus the one choice a user must make: a source face, the
 * diagnostic model), under every host profile the test host emulates: the strict host, MLT as a whole, and
 * each of MLT's (and other hosts') quirks on its own. Under each: every frame renders, none fails; each note
 * reaches the host once however many instances the host makes; the host sees no Java stack trace; and the
 * pixels are right (Face Swap changes the face, leaves the far pixels bit for bit and, where the host gives no
 * other frames, equals the render without tracking; Image Translate's diagnostic is exactly 255 - v).
 *
 * <p>A new host quirk is one more switch in the test host and one more row in {@link #profiles()}.
 */
class HostProfileIT {
    static final String FACE_SWAP = "org.manyfaces.FaceSwap";
    static final String IMAGE_TRANSLATE = "org.manyfaces.ImageTranslate";
    static final int FRAMES = 4;
    private static final String DIAGNOSTIC_LABEL = "Diagnostic: colour negative (no model)";

    @TempDir
    static Path dir;
    static TestImage[] moving;
    static String movingInput;
    /** The strict host's renders of the moving face: with tracking (defaults) and with smoothing 0. */
    static byte[][] tracked;
    static byte[][] untracked;

    /**
     * A host profile: its test-host switches, and whether Face Swap can track there (the host gives other
     * frames of the clip, and says so).
     */
    record Profile(String name, List<String> args, boolean tracks) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Profile> profiles() {
        return List.of(
                new Profile("strict", List.of(), true),
                new Profile("mlt", List.of("--profile", "mlt"), false),
                new Profile("no temporal access", List.of("--no-temporal"), false),
                new Profile("temporal access claimed, current frame given", List.of("--fake-temporal"), false),
                new Profile("no frame range", List.of("--no-frame-range"), false),
                new Profile("NULL optional clips", List.of("--null-optional-clips"), true),
                new Profile("an instance per frame", List.of("--instance-per-frame"), true),
                new Profile("no InstanceChanged", List.of("--no-instance-changed"), true),
                new Profile("no IsIdentity", List.of("--no-identity"), true),
                new Profile("choices by label only", List.of("--choices-by-label"), true),
                new Profile("no multi-resolution", List.of("--no-multires"), true),
                new Profile("a host that says almost nothing", List.of("--sparse-host-props"), false));
    }

    /** Every (profile, effect) pair; the effects come from the bundle's own list, not from this test. */
    static Stream<Arguments> profilesAndEffects() throws Exception {
        TestHost.Result list = TestHost.run("--list");
        List<String> ids = list.all("plugin").stream().map(l -> l.get("id")).toList();
        assertFalse(ids.isEmpty(), list.toString());
        List<Arguments> out = new ArrayList<>();
        for (Profile p : profiles()) {
            for (String id : ids) {
                out.add(Arguments.of(p, id));
            }
        }
        return out.stream();
    }

    @BeforeAll
    static void strictReferences() throws Exception {
        TestImage photo = FaceSwapIT.photo("obama_official_portrait_2012.jpg");
        moving = new TestImage[FRAMES];
        for (int f = 0; f < FRAMES; f++) {
            moving[f] = FaceSwapIT.movingFrame(photo, f);
            moving[f].writePam(dir.resolve(String.format("m_%04d.pam", f)));
        }
        movingInput = dir.resolve("m_%04d.pam").toString();
        tracked = faceSwapReference("tracked", List.of());
        untracked = faceSwapReference("untracked", List.of("--set", "smoothing=0"));
        boolean differs = false;
        for (int f = 0; f < FRAMES; f++) {
            differs |= !Arrays.equals(tracked[f], untracked[f]);
        }
        assertTrue(differs, "tracking changes the moving face's frames, so the comparison below can tell them apart");
    }

    private static byte[][] faceSwapReference(String name, List<String> extra) throws Exception {
        String out = dir.resolve(name + "_%d.pam").toString();
        List<String> args = new ArrayList<>(faceSwapArgs());
        args.addAll(List.of("--output", out));
        args.addAll(extra);
        TestHost.Result r = TestHost.run(FaceSwapIT.env(), args.toArray(String[]::new));
        assertEquals("summary rendered=" + FRAMES + " failed=0", summary(r), r.toString());
        byte[][] frames = new byte[FRAMES][];
        for (int f = 0; f < FRAMES; f++) {
            frames[f] = Files.readAllBytes(Path.of(String.format(out, f)));
        }
        return frames;
    }

    private static List<String> faceSwapArgs() {
        return List.of("--plugin", FACE_SWAP, "--input", movingInput, "--frames", "0-" + (FRAMES - 1),
                "--set", "sourceFaces=" + SharedFiles.media("grace_hopper.jpg"));
    }

    private static String summary(TestHost.Result r) {
        TestHost.Line s = r.one("summary");
        return "summary rendered=" + s.get("rendered") + " failed=" + s.get("failed");
    }

    @ParameterizedTest(name = "{1} under {0}")
    @MethodSource("profilesAndEffects")
    void defaultsRenderEveryFrameCorrectlyAndSayEachThingOnce(Profile profile, String effect) throws Exception {
        String out = dir.resolve(profile.name().replace(' ', '_') + "_" + effect + "_%d.pam").toString();
        List<String> args = new ArrayList<>(profile.args());
        TestImage[] given;
        if (effect.equals(FACE_SWAP)) {
            args.addAll(faceSwapArgs());
            given = moving;
        } else {
            Path in = dir.resolve("pattern.pam");
            TestImage.pattern(PixelChainIT.W, PixelChainIT.H).write(in);
            args.addAll(List.of("--plugin", effect, "--input", in.toString(), "--frames", "0-" + (FRAMES - 1)));
            if (effect.equals(IMAGE_TRANSLATE)) {
                // The one choice to make, by its label (what MLT and Kdenlive take); the watermark off for an exact check.
                args.addAll(List.of("--set", "model=" + DIAGNOSTIC_LABEL, "--set", ReliabilityRuns.NO_WATERMARK));
            }
            given = null;
        }
        args.addAll(List.of("--output", out));
        TestHost.Result r = TestHost.run(FaceSwapIT.env(), args.toArray(String[]::new));

        assertEquals(0, r.exitCode, r.toString());
        assertEquals("summary rendered=" + FRAMES + " failed=0", summary(r), r.toString());
        r.frames().forEach(f -> assertEquals(0, f.getInt("status"), r.toString()));
        assertTrue(r.messages().stream().noneMatch(m -> m.get("type").equals("OfxMessageError")), r.toString());
        assertEachMessageOnce(r);
        assertNoJavaOnStderr(r);
        assertTrue(r.log.contains(" info: host "), "the host profile is in the plug-in's log\n" + r);

        if (effect.equals(FACE_SWAP)) {
            long trackingOff = r.messages().stream().filter(m -> m.get("id").equals("org.manyfaces.trackingOff")).count();
            assertEquals(profile.tracks() ? 0 : 1, trackingOff, "the tracking-off note\n" + r);
            byte[][] expected = profile.tracks() ? tracked : untracked;
            for (int f = 0; f < FRAMES; f++) {
                Path frame = Path.of(String.format(out, f));
                assertArrayEquals(expected[f], Files.readAllBytes(frame), profile + " frame " + f + " equals the strict "
                        + (profile.tracks() ? "tracked" : "untracked (smoothing 0)") + " render");
                assertFaceSwapped(given[f], TestImage.read(frame), f);
            }
        } else if (effect.equals(IMAGE_TRANSLATE)) {
            TestImage src = TestImage.pattern(PixelChainIT.W, PixelChainIT.H);
            for (int f = 0; f < FRAMES; f++) {
                // float noise only: with 8-bit values this is exactly 255 - v
                PixelChainIT.assertNegativeMix(src, TestImage.read(Path.of(String.format(out, f))), 1, 1e-6,
                        profile + " frame " + f);
            }
        }
    }

    /** Under MLT a new instance renders every frame: the notes (provider, tracking off) still come once. */
    @Test
    void perFrameInstancesPrintEachNoteOnceAndTimeTheirCreation() throws Exception {
        List<String> args = new ArrayList<>(List.of("--profile", "mlt"));
        args.addAll(faceSwapArgs());
        TestHost.Result r = TestHost.run(FaceSwapIT.env(), args.toArray(String[]::new));
        assertEquals("summary rendered=" + FRAMES + " failed=0", summary(r), r.toString());
        assertEquals(FRAMES, r.all("instance").size(), r.toString());
        r.all("instance").forEach(l -> assertTrue(l.getDouble("create_us") > 0 && l.getDouble("destroy_us") > 0, r.toString()));
        assertEquals(1, r.messages().stream().filter(m -> m.get("id").equals("org.manyfaces.provider")).count(), r.toString());
        assertTrue(r.log.contains(" info: host MLT: temporal clip access no"), r.toString());
    }

    /**
     * The host cancels the render of frame 1 (its abort answers 1): that render stops at the first poll (within
     * one stage) and answers kOfxStatFailed without an error message, and the frames around it, rendered
     * after it by the same instance and sharing its tracking analysis, come out exactly as without the cancel.
     */
    @Test
    void aCancelledRenderStopsAtOnceAndLeavesNothingHalfDone() throws Exception {
        List<String> args = new ArrayList<>(faceSwapArgs());
        String out = dir.resolve("cancel_%d.pam").toString();
        args.addAll(List.of("--abort-frame", "1", "--output", out, "--order", "reverse"));
        TestHost.Result r = TestHost.run(FaceSwapIT.env(), args.toArray(String[]::new));
        assertEquals(0, r.exitCode, r.toString());
        for (TestHost.Line f : r.frames()) {
            assertEquals(f.getInt("frame") == 1 ? 1 : 0, f.getInt("status"), r.toString());
        }
        assertEquals(1, r.one("abort").getInt("polls"), "stopped at the first poll that said cancel\n" + r);
        assertTrue(r.messages().stream().noneMatch(m -> m.get("type").equals("OfxMessageError")), r.toString());
        assertTrue(r.log.contains("the host cancelled the render"), r.toString());
        for (int f = 0; f < FRAMES; f++) {
            if (f != 1) {
                assertArrayEquals(tracked[f], Files.readAllBytes(Path.of(String.format(out, f))), "frame " + f);
            }
        }
    }

    /**
     * MLT never asks IsIdentity and keyframes Blend itself: at Blend 0 the frame is still the source exactly,
     * and above 0 the face change follows the curve (the watermark off, so only Blend scales the change).
     */
    @Test
    void withoutIsIdentityAnAnimatedBlendFollowsItsCurve() throws Exception {
        String full = dir.resolve("blend_full_%d.pam").toString();
        String out = dir.resolve("blend_%d.pam").toString();
        for (String pattern : List.of(full, out)) {
            List<String> args = new ArrayList<>(List.of("--profile", "mlt"));
            args.addAll(faceSwapArgs());
            args.addAll(List.of("--set", ReliabilityRuns.NO_WATERMARK, "--output", pattern));
            if (pattern.equals(out)) {
                args.addAll(List.of("--key", "blend@0=0", "--key", "blend@3=1"));
            }
            TestHost.Result r = TestHost.run(FaceSwapIT.env(), args.toArray(String[]::new));
            assertEquals("summary rendered=" + FRAMES + " failed=0", summary(r), r.toString());
        }
        assertArrayEquals(Files.readAllBytes(Path.of(String.format(movingInput, 0))),
                Files.readAllBytes(Path.of(String.format(out, 0))), "blend 0: the source, bit for bit");
        assertArrayEquals(Files.readAllBytes(Path.of(String.format(full, 3))),
                Files.readAllBytes(Path.of(String.format(out, 3))), "blend 1: the full swap");
        double[] d = new double[FRAMES];
        for (int f = 1; f < FRAMES; f++) {
            d[f] = meanDifference(moving[f], TestImage.read(Path.of(String.format(out, f))))
                    / meanDifference(moving[f], TestImage.read(Path.of(String.format(full, f))));
        }
        // Paste is src + blend * mask * (swap - src): the change scales with Blend (1/3, 2/3), within 8-bit rounding.
        assertEquals(1 / 3.0, d[1], 0.02, "frame 1");
        assertEquals(2 / 3.0, d[2], 0.02, "frame 2");
    }

    private static double meanDifference(TestImage a, TestImage b) {
        double sum = 0;
        for (int y = 0; y < a.height; y++) {
            for (int x = 0; x < a.width; x++) {
                for (int c = 0; c < 3; c++) {
                    sum += Math.abs(a.get(x, y, c) - b.get(x, y, c));
                }
            }
        }
        return sum;
    }

    /**
     * A host without a message suite: each note goes to stderr instead, once per process, as one line and
     * without a Java trace; with MANYFACES_LOG=stderr the log's own lines are copied there too.
     */
    @Test
    void withoutAMessageSuiteTheNotesGoToStderrOnce() throws Exception {
        List<String> args = new ArrayList<>(List.of("--profile", "mlt", "--no-message-suite"));
        args.addAll(faceSwapArgs());
        TestHost.Result r = TestHost.run(FaceSwapIT.env(), args.toArray(String[]::new));
        assertEquals("summary rendered=" + FRAMES + " failed=0", summary(r), r.toString());
        assertTrue(r.messages().isEmpty(), r.toString());
        List<String> lines = Arrays.stream(r.stderr.split("\n")).filter(l -> l.startsWith("[ManyFaces] ")).toList();
        assertEquals(1, lines.stream().filter(l -> l.contains("org.manyfaces.trackingOff")).count(), r.toString());
        assertEquals(1, lines.stream().filter(l -> l.contains("org.manyfaces.provider")).count(), r.toString());
        assertFalse(r.stderr.contains("\tat ") || r.stderr.contains("Exception"), r.toString());

        TestHost.Result copied = TestHost.run(Map.of("MANYFACES_LOG", "stderr"), "--plugin", IMAGE_TRANSLATE, "--input",
                dir.resolve("m_0000.pam").toString());
        assertEquals("summary rendered=1 failed=0", summary(copied), copied.toString());
        assertTrue(copied.stderr.contains("[ManyFaces] ") && copied.stderr.contains("info: host org.manyfaces.TestHost"),
                copied.toString());
        assertTrue(copied.log.contains("info: host org.manyfaces.TestHost"), "the file is still written\n" + copied);
    }

    /** No (type, id, text) reaches the host twice. */
    static void assertEachMessageOnce(TestHost.Result r) {
        Set<String> seen = new HashSet<>();
        for (TestHost.Line m : r.messages()) {
            String key = m.get("type") + " " + m.get("id") + " " + m.get("text");
            assertTrue(seen.add(key), "printed more than once: " + key + "\n" + r);
        }
    }

    /** stderr holds no ManyFaces line and no Java stack trace or exception class. */
    static void assertNoJavaOnStderr(TestHost.Result r) {
        for (String line : r.stderr.split("\n")) {
            assertFalse(line.contains("[ManyFaces]") || line.startsWith("\tat ") || line.contains("Exception")
                    || line.contains("java."), "stderr: " + line + "\n" + r);
        }
    }

    /**
     * Frame {@code f} of the moving face: far from the face box (grown by half its size) every pixel is the
     * input's; inside the box the face changed. The box is the portrait's documented one, halved and shifted
     * as {@link FaceSwapIT#movingFrame} does.
     */
    static void assertFaceSwapped(TestImage given, TestImage got, int f) {
        int ox = 90 + 2 * f + (int) Math.round(4 * Math.sin(f * 0.4));
        int oy = 20 + f + (int) Math.round(3 * Math.cos(f * 0.3));
        double bx = 369 / 2.0 - ox;
        double by = 91 / 2.0 - oy;
        double bw = 243 / 2.0;
        double bh = 331 / 2.0;
        double diff = 0;
        int inside = 0;
        for (int y = 0; y < given.height; y++) {
            for (int x = 0; x < given.width; x++) {
                boolean far = x < bx - bw / 2 || x >= bx + 1.5 * bw || y < by - bh / 2 || y >= by + 1.5 * bh;
                boolean core = x >= bx + bw / 4 && x < bx + 0.75 * bw && y >= by + bh / 4 && y < by + 0.75 * bh;
                for (int c = 0; c < 4; c++) {
                    if (far) {
                        assertEquals(given.get(x, y, c), got.get(x, y, c), "frame " + f + " pixel " + x + "," + y + " far from the face");
                    } else if (core && c < 3) {
                        diff += Math.abs(given.get(x, y, c) - got.get(x, y, c));
                        inside++;
                    }
                }
            }
        }
        assertTrue(diff / inside > 0.04, "frame " + f + ": the face changed (mean |diff| " + diff / inside + ")");
    }
}
