package org.manyfaces.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.manyfaces.inference.InferenceEngine;
import org.manyfaces.inference.ProviderChoice;
import org.manyfaces.inference.ProviderPolicy;
import org.manyfaces.pipeline.Box;
import org.manyfaces.pipeline.Face;
import org.manyfaces.pipeline.detect.DetectorOptions;
import org.manyfaces.pipeline.detect.FaceDetector;
import org.manyfaces.pipeline.detect.FaceDetectors;
import org.manyfaces.pipeline.restore.RestoreTestModels;
import org.manyfaces.testsupport.SharedFiles;

/**
 * Both effects in MLT 7 (the engine of Kdenlive and Shotcut), an OFX host nobody on this project wrote:
 * Debian's own {@code melt} in a Debian unstable root ({@code scripts/mlt-root.sh}), the bundle installed
 * into that root by {@code installer/install.sh} with its jlink runtime (the root has no Java), rendered
 * exactly as a user would type it: {@code melt clip.mp4 -filter openfx.org.manyfaces.FaceSwap
 * sourceFaces=face.jpg -consumer avformat:out/%04d.png vcodec=png pix_fmt=rgba}.
 *
 * <p>Only defaults are used, plus the source face or the model choice: no default may fail a frame in a
 * host that lacks temporal clip access, gives NULL handles for optional clips and makes an instance per
 * frame. melt writes PNG (lossless), and the input is decoded by the same melt into PNG the same way (RGBA,
 * so both go through the same YUV-to-RGBA conversion), so "unchanged" means bit-identical.
 *
 * <p>Where the faces are comes from YuNet run by this test on the decoded input (the media README documents
 * 2 faces in frames 1-50 and 1 in frames 51-150), not from the effect under test.
 *
 * <p>Skipped, saying why, when the root cannot be built (not root, no debootstrap, no mirror); with
 * {@code CI=true} that fails the test instead. Prints a table of the renders (frames, ms per frame, host
 * messages per 100 frames) for the closing note.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MltHostIT {
    private static final String FACE_SWAP = "openfx.org.manyfaces.FaceSwap";
    private static final String IMAGE_TRANSLATE = "openfx.org.manyfaces.ImageTranslate";
    private static final String FACE_RESTORE = "openfx.org.manyfaces.FaceRestore";
    /** Frames of the clip Face Restore renders (faces of every person of the clip appear in them). */
    private static final int RESTORE_FRAMES = 60;
    /** MLT sets a Choice by its exact option label only (an index silently gives the default). */
    private static final String NEGATIVE = "Diagnostic: colour negative (no model)";
    private static final String CLIP = "faces_pd_640x360_6s.mp4";
    private static final int CLIP_FRAMES = 150;
    /**
     * Every person of the shared photos is in the clip; this photo of Obama is not (the clip's Obama comes from
     * the two-people picture), so no frame shows the source face's own pixels, which a swap would barely change.
     */
    private static final String SOURCE_FACE = "obama_speaking_podium.jpg";
    private static final long RENDER_TIMEOUT_S = 900;
    /** A face "changed" when its central half moved by more than this mean |difference| (0..255). */
    private static final double FACE_CHANGED = 8;
    private static final Pattern STACK_FRAME = Pattern.compile("(?m)^\\s+at [\\w$.]+\\(.*\\)\\s*$");
    private static final Pattern CAUSED_BY = Pattern.compile("(?m)^(Caused by: |Exception in thread )");
    private static final Pattern MANYFACES_ERROR = Pattern.compile("(?m)^\\[ManyFaces\\] error");
    /** MLT logs a plug-in's error and fatal messages (message suite) with these types. */
    private static final Pattern HOST_ERROR = Pattern.compile("type=OfxMessage(Error|Fatal)");
    private static final Pattern HOST_MESSAGE = Pattern.compile("(?m)^\\[openfx\\] (message|persistent) ");
    private static final Pattern HOST_MESSAGE_LINE = Pattern.compile("(?m)^\\[openfx\\] (message|persistent) .*$");
    private static final Pattern OWN_STDERR = Pattern.compile("(?m)^\\[ManyFaces\\] ");

    private final long started = System.nanoTime();
    private final List<String> table = new ArrayList<>();
    private MltRoot mlt;
    private Path work;
    private Path launcher;
    private double installSeconds;
    private final Map<String, String> env = new LinkedHashMap<>();
    private Render reference;
    private Render swapDefaults;

    /** One melt run: where its frames went, and what it printed. */
    private record Render(String name, Path dir, List<Path> frames, MltRoot.Run run) {
    }

    @BeforeAll
    void installTheBundleIntoTheRootAndDecodeTheClip() throws Exception {
        Path bundle = TestHost.bundle();
        Path repo = bundle.toAbsolutePath().getParent().getParent().getParent();
        Path clip = SharedFiles.media(CLIP);
        Path face = SharedFiles.media(SOURCE_FACE);
        SharedFiles.model("yunet_s_dynamic.onnx");
        mlt = MltRoot.ensure(repo);
        work = mlt.newWorkFolder();

        // As a user would: the installer, its jlink runtime, the detector models from the shared folder by hash.
        Path prefix = work.resolve("prefix");
        Path data = work.resolve("data");
        MltRoot.Run install = MltRoot.exec(List.of("bash", repo.resolve("installer/install.sh").toString(),
                "--bundle", bundle.toString(), "--no-build", "--prefix", prefix.toString(),
                "--models", data.resolve("ManyFaces/models").toString(),
                "--from", SharedFiles.root().resolve("models").toString(), "--offline",
                "--only", "yunet_s_dynamic,yunet_2023mar"), Map.of(), RENDER_TIMEOUT_S);
        assertEquals(0, install.exitCode(), install.toString());
        installSeconds = install.seconds();
        launcher = prefix.resolve("bin/manyfaces");
        // Face Restore's default model, GFPGAN 1.4, as a contract-shaped test model (the real weights are not on
        // this machine) whose output is one colour: a restored face cannot be mistaken for the input.
        RestoreTestModels.constant(data.resolve("ManyFaces/models/gfpgan_1.4.onnx"), 512, 3f, -1f, 0f);
        assertTrue(Files.isExecutable(prefix.resolve("OFX/Plugins/ManyFaces.ofx.bundle/Contents/Resources/jre/bin/java")),
                "the installed bundle carries its own Java runtime");

        Path media = Files.createDirectories(work.resolve("media"));
        Files.copy(clip, media.resolve(CLIP));
        Files.copy(face, media.resolve("face.jpg"));

        // The environment of a desktop session, with every per-user folder inside this run's folder (the JVM
        // still takes user.home from the password file: /root of the cached root, which nothing writes to).
        env.put("PATH", "/usr/local/bin:/usr/bin:/bin");
        env.put("LANG", "C.UTF-8");
        env.put("HOME", mlt.inside(Files.createDirectories(work.resolve("home"))));
        env.put("XDG_DATA_HOME", mlt.inside(data));
        env.put("XDG_STATE_HOME", mlt.inside(Files.createDirectories(work.resolve("state"))));
        env.put("XDG_CACHE_HOME", mlt.inside(Files.createDirectories(work.resolve("cache"))));
        env.put("XDG_CONFIG_HOME", mlt.inside(Files.createDirectories(work.resolve("config"))));
        env.put("OFX_PLUGIN_PATH", mlt.inside(prefix.resolve("OFX/Plugins")));

        reference = melt("input (no filter)", CLIP_FRAMES - 1, List.of());
        assertEquals(0, reference.run.exitCode(), reference.run.toString());
        assertEquals(CLIP_FRAMES, reference.frames.size(), "melt decoded every frame of the clip");
    }

    @AfterAll
    void printTheTableAndRemoveTheRun() throws IOException {
        try {
            if (mlt != null) {
                System.out.printf(Locale.ROOT, "MLT host (MltHostIT): root %s [%s], ensure %.1f s, install.sh %.1f s%n",
                        mlt.root(), mlt.record(), mlt.ensureSeconds(), installSeconds);
                System.out.printf(Locale.ROOT, "  %-34s %7s %8s %9s %14s %13s %13s%n", "melt render", "frames",
                        "wall s", "ms/frame", "ms/frame - in", "host msg/100", "stderr/100");
                table.forEach(System.out::println);
                System.out.printf(Locale.ROOT, "  MltHostIT ran %.1f s%n", (System.nanoTime() - started) / 1e9);
            }
        } finally {
            MltRoot.delete(work);
        }
    }

    @Test
    void faceSwapWithDefaultsChangesEveryFaceAndNothingFarFromItAndIsMarked() throws Exception {
        Render swap = swapDefaults();
        assertHealthy(swap, CLIP_FRAMES);
        try (InferenceEngine engine = new InferenceEngine(ProviderPolicy.cpuOnly())) {
            FaceDetector yunet = FaceDetectors.open(engine, SharedFiles.model("yunet_s_dynamic.onnx"),
                    ProviderChoice.CPU, DetectorOptions.defaults());
            double least = Double.MAX_VALUE;
            for (int i = 0; i < CLIP_FRAMES; i++) {
                PngFrame in = PngFrame.read(reference.frames.get(i));
                PngFrame out = PngFrame.read(swap.frames.get(i));
                List<Box> faces = yunet.detect(in.view(), 0.9f).stream().map(Face::box).toList();
                assertFalse(faces.isEmpty(), "the input's frame " + i + " has a face");
                for (Box f : faces) {
                    double d = faceChange(in, out, f);
                    least = Math.min(least, d);
                    assertTrue(d > FACE_CHANGED, "frame " + i + ": the face at " + f + " changed (mean |diff| " + d
                            + " of 255)\n" + swap.run);
                }
                assertUnchangedFarFrom(faces, in, out, "frame " + i);
            }
            table.add(String.format(Locale.ROOT, "  Face Swap, defaults: smallest face change %.1f of 255 (mean |diff| "
                    + "over a face's central half; the check wants more than %.0f)", least, FACE_CHANGED));
            // What the user of melt -verbose reads from ManyFaces over the whole clip, for the closing note.
            HOST_MESSAGE_LINE.matcher(swap.run.stderr()).results().map(m -> m.group().strip()).distinct()
                    .forEach(line -> table.add("    " + (line.length() > 200 ? line.substring(0, 200) + "..." : line)));
        }
        MltRoot.Run verify = MltRoot.exec(List.of(launcher.toString(), "verify",
                swap.dir.resolve("%04d.png").toString()), Map.of(), RENDER_TIMEOUT_S);
        assertEquals(0, verify.exitCode(), "manyfaces verify finds the disclosure watermark\n" + verify);
    }

    @Test
    void faceRestoreWithDefaultsRestoresEveryFaceAndNothingFarFromItAndIsMarked() throws Exception {
        Render restore = melt("Face Restore, defaults", RESTORE_FRAMES - 1, List.of(FACE_RESTORE));
        assertHealthy(restore, RESTORE_FRAMES);
        try (InferenceEngine engine = new InferenceEngine(ProviderPolicy.cpuOnly())) {
            FaceDetector yunet = FaceDetectors.open(engine, SharedFiles.model("yunet_s_dynamic.onnx"),
                    ProviderChoice.CPU, DetectorOptions.defaults());
            for (int i = 0; i < RESTORE_FRAMES; i++) {
                PngFrame in = PngFrame.read(reference.frames.get(i));
                PngFrame out = PngFrame.read(restore.frames.get(i));
                List<Box> faces = yunet.detect(in.view(), 0.9f).stream().map(Face::box).toList();
                for (Box f : faces) {
                    double d = faceChange(in, out, f);
                    assertTrue(d > FACE_CHANGED, "frame " + i + ": the face at " + f + " was restored (mean |diff| "
                            + d + " of 255)\n" + restore.run);
                }
                assertUnchangedFarFrom(faces, in, out, "Face Restore, frame " + i, 1.0);
            }
        }
        MltRoot.Run verify = MltRoot.exec(List.of(launcher.toString(), "verify",
                restore.dir.resolve("%04d.png").toString()), Map.of(), RENDER_TIMEOUT_S);
        assertEquals(0, verify.exitCode(), "manyfaces verify finds Face Restore's watermark\n" + verify);
        assertTrue(verify.stdout().contains("org.manyfaces.FaceRestore"), verify.toString());
    }

    /** A restore model that is not installed: every frame is the input's, and one sentence says which file. */
    @Test
    void faceRestoreWithAModelThatIsNotInstalledPassesEveryFrameThrough() throws Exception {
        Render r = melt("Face Restore, CodeFormer missing", 9, List.of(FACE_RESTORE, "restoreModel=CodeFormer"));
        assertHealthy(r, 10);
        for (int i = 0; i < 10; i++) {
            assertUnchangedFarFrom(List.of(), PngFrame.read(reference.frames.get(i)), PngFrame.read(r.frames.get(i)),
                    "Face Restore without its model, frame " + i);
        }
        assertTrue(r.run.stderr().contains("codeformer.onnx"), "a message names the missing file\n" + r.run);
    }

    /** {@code blend="0=0;24=1"}: MLT's keyframes, linear between; the change must grow with the curve. */
    @Test
    void keyframedBlendFollowsTheCurve() throws Exception {
        int last = 24;
        Render blend = melt("Face Swap, blend=\"0=0;24=1\"", last,
                List.of(FACE_SWAP, "sourceFaces=" + faceInside(), "blend=0=0;24=1"));
        assertHealthy(blend, last + 1);
        Render full = swapDefaults();
        PngFrame in0 = PngFrame.read(reference.frames.get(0));
        PngFrame out0 = PngFrame.read(blend.frames.get(0));
        assertArrayEquals(in0.rgba(), out0.rgba(), "frame 0 (blend 0) is the input, bit for bit");
        try (InferenceEngine engine = new InferenceEngine(ProviderPolicy.cpuOnly())) {
            FaceDetector yunet = FaceDetectors.open(engine, SharedFiles.model("yunet_s_dynamic.onnx"),
                    ProviderChoice.CPU, DetectorOptions.defaults());
            double previous = 0;
            for (int i = 1; i <= last; i++) {
                PngFrame in = PngFrame.read(reference.frames.get(i));
                PngFrame part = PngFrame.read(blend.frames.get(i));
                PngFrame whole = PngFrame.read(full.frames.get(i));
                double d = 0;
                double dFull = 0;
                for (Face f : yunet.detect(in.view(), 0.9f)) {
                    d += faceChange(in, part, f.box());
                    dFull += faceChange(in, whole, f.box());
                }
                double ratio = d / dFull;
                // Paste is src + blend * mask * (swap - src); 8-bit rounding and the watermark (written into the
                // changed pixels at its own strength) keep the ratio from being exact at small blends.
                assertEquals(i / (double) last, ratio, 0.1, "frame " + i + ": change / full change");
                assertTrue(d > previous * 0.9, "frame " + i + ": the change grows with blend");
                previous = d;
            }
        }
    }

    @Test
    void imageTranslateDiagnosticNegativeIsExactlyTheNegative() throws Exception {
        Render neg = melt("Image Translate, negative", 9,
                List.of(IMAGE_TRANSLATE, "model=" + NEGATIVE, "watermark=0"));
        assertEveryChannel(neg, 1.0, 0);
    }

    @Test
    void imageTranslateNegativeAtMixQuarterIsWithinRounding() throws Exception {
        Render mix = melt("Image Translate, negative, mix=0.25", 9,
                List.of(IMAGE_TRANSLATE, "model=" + NEGATIVE, "watermark=0", "mix=0.25"));
        assertEveryChannel(mix, 0.25, 1);
    }

    /**
     * Every R, G, B value of the 10 rendered frames is the documented closed form of the diagnostic negative,
     * {@code v + mix * (1 - 2v)} (here in 0..255), within {@code tolerance} steps; alpha is the input's.
     */
    private void assertEveryChannel(Render r, double mix, int tolerance) throws IOException {
        assertHealthy(r, 10);
        for (int i = 0; i < r.frames.size(); i++) {
            PngFrame in = PngFrame.read(reference.frames.get(i));
            PngFrame out = PngFrame.read(r.frames.get(i));
            for (int p = 0; p < in.rgba().length; p++) {
                int v = in.rgba()[p] & 0xFF;
                double expected = p % 4 == 3 ? v : v + mix * (255 - 2 * v);
                int got = out.rgba()[p] & 0xFF;
                if (Math.abs(got - expected) > tolerance) {
                    throw new AssertionError("frame " + i + " pixel " + p / 4 + " channel " + p % 4 + ": " + v + " -> "
                            + got + ", expected " + expected + " within " + tolerance + "\n" + r.run);
                }
            }
        }
    }

    /**
     * What Kdenlive and Shotcut build their panels from: melt's metadata of each filter (YAML) names the filter,
     * every parameter by its OFX name with its type, and a Choice's exact option labels, as docs/hosts.md says.
     */
    @Test
    void meltDescribesBothFiltersByTheirOfxNamesAndChoiceLabels() throws Exception {
        String swap = query(FACE_SWAP);
        assertTrue(swap.contains("identifier: " + FACE_SWAP), swap);
        for (String param : List.of("sourceFaces", "swapModel", "detector", "blend", "smoothing", "detectEvery",
                "watermark")) {
            assertTrue(swap.contains("  - identifier: " + param + "\n"), "Face Swap lists " + param + "\n" + swap);
        }
        assertTrue(Pattern.compile("identifier: blend\\n(    .*\\n)*?    type: float\\n    animation: yes").matcher(swap)
                .find(), "Blend is an animatable float\n" + swap);
        String translate = query(IMAGE_TRANSLATE);
        assertTrue(translate.contains("      - \"" + NEGATIVE + "\"\n"), "the Model choice offers the exact label "
                + NEGATIVE + "\n" + translate);
        for (String param : List.of("model", "mix", "region", "watermark")) {
            assertTrue(translate.contains("  - identifier: " + param + "\n"), "Image Translate lists " + param);
        }
    }

    private String query(String filter) throws IOException, InterruptedException {
        MltRoot.Run q = mlt.run(env, List.of("melt", "-query", "filter=" + filter), RENDER_TIMEOUT_S, null);
        assertEquals(0, q.exitCode(), q.toString());
        return q.stdout();
    }

    /** Face Swap with nothing but the source face set, over the whole clip (rendered once, used twice). */
    private Render swapDefaults() throws IOException, InterruptedException {
        if (swapDefaults == null) {
            swapDefaults = melt("Face Swap, defaults", CLIP_FRAMES - 1, List.of(FACE_SWAP, "sourceFaces=" + faceInside()));
        }
        return swapDefaults;
    }

    private String faceInside() {
        return mlt.inside(work.resolve("media/face.jpg"));
    }

    /**
     * Renders frames 0..last of the clip through {@code filter} (the filter id, then its properties; empty
     * for none) into a PNG sequence. {@code -verbose} so that every host message the plug-in posts is in
     * the log (MLT prints OfxMessageLog at verbose level).
     */
    private Render melt(String name, int last, List<String> filter) throws IOException, InterruptedException {
        Path dir = Files.createDirectories(work.resolve("out-" + table.size()));
        List<String> argv = new ArrayList<>(List.of("melt", "-silent", "-verbose",
                mlt.inside(work.resolve("media").resolve(CLIP)), "in=0", "out=" + last));
        if (!filter.isEmpty()) {
            argv.add("-filter");
            argv.addAll(filter);
        }
        // real_time=0: render every frame in order, never drop one to keep up with a clock.
        argv.addAll(List.of("-consumer", "avformat:" + mlt.inside(dir) + "/%04d.png", "vcodec=png", "pix_fmt=rgba",
                "real_time=0"));
        MltRoot.Run run = mlt.run(env, argv, RENDER_TIMEOUT_S, CONSUMER_LOST_RACE);
        List<Path> frames = PngFrame.sequence(dir);
        int retries = 0;
        while (retries < 2 && lostTheStartRace(run, frames)) {
            retries++;
            run = mlt.run(env, argv, RENDER_TIMEOUT_S, CONSUMER_LOST_RACE);
            frames = PngFrame.sequence(dir);
        }
        Render r = new Render(retries == 0 ? name : name + " (melt start race, retried " + retries + "x)", dir, frames,
                run);
        note(r);
        return r;
    }

    /**
     * melt 7.42's avformat consumer starts its thread before it sets "running" (consumer_start in
     * src/modules/avformat/consumer_avformat.c), so on a busy machine the thread can find "running" still 0
     * and end at once, logging this line with no frame asked for; melt then either exits 0 without output or
     * waits forever on a consumer that will never stop. Seen here in about one run in twenty while other builds
     * ran. Nothing of the plug-in has rendered at that point, so the run is repeated (at most twice, named in
     * the table); any run that did reach the effect is checked as it is.
     */
    private static final String CONSUMER_LOST_RACE = "finished processing -1 frames";

    private static boolean lostTheStartRace(MltRoot.Run run, List<Path> frames) {
        return frames.isEmpty() && (run.abandoned() || run.exitCode() == 0) && run.stderr().contains(CONSUMER_LOST_RACE);
    }

    private void note(Render r) {
        int n = Math.max(1, r.frames.size());
        double msPerFrame = 1000 * r.run.seconds() / n;
        // What the filter adds per frame over decoding and encoding alone (melt's and the JVM's start included).
        String overInput = reference == null || reference == r ? "-"
                : String.format(Locale.ROOT, "%.1f",
                        msPerFrame - 1000 * reference.run.seconds() / Math.max(1, reference.frames.size()));
        table.add(String.format(Locale.ROOT, "  %-34s %7d %8.2f %9.1f %14s %13.1f %13.1f", r.name, r.frames.size(),
                r.run.seconds(), msPerFrame, overInput, 100.0 * count(HOST_MESSAGE, r.run.stderr()) / n,
                100.0 * count(OWN_STDERR, r.run.stderr()) / n));
    }

    private static long count(Pattern p, String text) {
        return p.matcher(text).results().count();
    }

    /** melt finished, wrote every frame, and nothing failed or dumped a stack trace on the way. */
    private static void assertHealthy(Render r, int frames) {
        String err = r.run.stderr();
        assertEquals(0, r.run.exitCode(), r.run.toString());
        assertEquals(frames, r.frames.size(), "frames written by " + r.name + "\n" + r.run);
        assertFalse(MANYFACES_ERROR.matcher(err).find(), "a [ManyFaces] error line on stderr\n" + r.run);
        assertFalse(HOST_ERROR.matcher(err).find(), "an error message posted to the host\n" + r.run);
        assertFalse(STACK_FRAME.matcher(err).find() || CAUSED_BY.matcher(err).find(),
                "a Java stack trace on stderr\n" + r.run);
        // ONNX Runtime announces its telemetry client when it starts one (telemetry.cc, e.g. "telemetry HTTPS
        // uploads will be unavailable"); the shim switches it off before the JVM starts, so no such line appears.
        assertFalse(err.contains("telemetry"), "ONNX Runtime's telemetry started inside melt\n" + r.run);
    }

    /** Mean |difference| (0..255) of R, G, B over the central half of the face box. */
    private static double faceChange(PngFrame a, PngFrame b, Box f) {
        int x0 = clamp((int) (f.x() + f.width() / 4), a.width());
        int x1 = clamp((int) (f.x() + 3 * f.width() / 4), a.width());
        int y0 = clamp((int) (f.y() + f.height() / 4), a.height());
        int y1 = clamp((int) (f.y() + 3 * f.height() / 4), a.height());
        double sum = 0;
        long n = 0;
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                for (int c = 0; c < 3; c++) {
                    sum += Math.abs(a.get(x, y, c) - b.get(x, y, c));
                    n++;
                }
            }
        }
        return n == 0 ? 0 : sum / n;
    }

    /** Every pixel more than half a face away from every face is the input's, bit for bit (all four channels). */
    private static void assertUnchangedFarFrom(List<Box> faces, PngFrame in, PngFrame out, String what) {
        assertUnchangedFarFrom(faces, in, out, what, 0.5);
    }

    /** As above, {@code margin} face sizes away (the FFHQ crop of a restore reaches further than a swap's). */
    private static void assertUnchangedFarFrom(List<Box> faces, PngFrame in, PngFrame out, String what, double margin) {
        int far = 0;
        for (int y = 0; y < in.height(); y++) {
            for (int x = 0; x < in.width(); x++) {
                if (nearAny(faces, x, y, margin)) {
                    continue;
                }
                far++;
                for (int c = 0; c < 4; c++) {
                    if (in.get(x, y, c) != out.get(x, y, c)) {
                        throw new AssertionError(what + ": pixel " + x + "," + y + " channel " + c + " far from the faces "
                                + faces + " changed: " + in.get(x, y, c) + " -> " + out.get(x, y, c));
                    }
                }
            }
        }
        assertTrue(far > in.width() * in.height() / 4, what + ": a good part of the frame is far from the faces");
    }

    private static boolean nearAny(List<Box> faces, int x, int y, double margin) {
        for (Box f : faces) {
            double mx = f.width() * margin;
            double my = f.height() * margin;
            if (x >= f.x() - mx && x < f.x() + f.width() + mx && y >= f.y() - my && y < f.y() + f.height() + my) {
                return true;
            }
        }
        return false;
    }

    private static int clamp(int v, int size) {
        return Math.max(0, Math.min(size, v));
    }
}
