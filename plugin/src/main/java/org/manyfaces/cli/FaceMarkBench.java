package org.manyfaces.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import org.manyfaces.disclosure.FaceMarkEmbedder;
import org.manyfaces.disclosure.FaceMarkEvidence;
import org.manyfaces.disclosure.FaceMarkReader;
import org.manyfaces.effect.DisclosurePayloads;
import org.manyfaces.effect.faceswap.FaceSwapEffect;
import org.manyfaces.image.FrameParallelism;
import org.manyfaces.image.ImageView;
import org.manyfaces.image.PixelFormat;
import org.manyfaces.inference.InferenceEngine;
import org.manyfaces.inference.ProviderChoice;
import org.manyfaces.pipeline.Box;
import org.manyfaces.pipeline.Face;
import org.manyfaces.pipeline.align.AlignTemplate;
import org.manyfaces.pipeline.align.Affine2D;
import org.manyfaces.pipeline.detect.DetectorOptions;
import org.manyfaces.pipeline.detect.FaceDetector;
import org.manyfaces.pipeline.detect.FaceDetectors;
import org.manyfaces.video.FrameSource;
import org.manyfaces.video.MediaFiles;
import org.manyfaces.video.ReencodeAttack;

/**
 * The face-mark bench of issue #17 (docs/disclosure.md quotes its tables): the shared photos and clip swapped
 * with Classic by {@code manyfaces render}, mark on and off; invisibility (PSNR and SSIM of the face box between
 * the two), embedding cost per face at 1080p, and detection after real FFmpeg attacks (x264 CRF 23 / 28, half
 * size, 10 % crop, +-10 % brightness, all combined) as {@code manyfaces verify} reads them: stills judged per
 * face alone, the clip per face track. False positives: the same attacks on the unswapped originals.
 *
 * <p>Needs libx264, i.e. the test class path (plugin/bench/face-mark-bench.sh). Prints tables; asserts nothing.
 *
 * <p>Usage: {@code FaceMarkBench MEDIA_DIR MODELS_DIR WORK_DIR [DIFF_PNG]}
 */
public final class FaceMarkBench {
    private static final String[] PHOTOS = {"obama_official_portrait_2012.jpg", "astronaut_eileen_collins.png",
            "grace_hopper.jpg", "obama_speaking_podium.jpg", "biden_official_portrait_2013.jpg", "biden_standing.jpg",
            "obama_biden_two_people.jpg"};
    private static final String CLIP = "faces_pd_640x360_6s.mp4";

    private final Path media;
    private final Path models;
    private final Path work;
    private final FaceDetector detector;
    private final FaceMarkReader reader = new FaceMarkReader(DisclosurePayloads.known());

    private FaceMarkBench(Path media, Path models, Path work) {
        this.media = media;
        this.models = models;
        this.work = work;
        this.detector = FaceDetectors.open(InferenceEngine.shared(), models.resolve("face_detection_yunet_2023mar.onnx"),
                ProviderChoice.CPU, DetectorOptions.defaults());
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: FaceMarkBench MEDIA_DIR MODELS_DIR WORK_DIR [DIFF_PNG]");
            System.exit(2);
        }
        Path work = Files.createDirectories(Path.of(args[2]));
        FaceMarkBench b = new FaceMarkBench(Path.of(args[0]), Path.of(args[1]), work);
        b.embedCost();
        b.stills(args.length > 3 ? Path.of(args[3]) : null);
        b.clip();
    }

    /** Attacks by name: FFmpeg filters, then x264 at the CRF. */
    private record Attack(String name, String filters, int crf) {
    }

    private static final List<Attack> ATTACKS = List.of(
            new Attack("H.264 CRF 23", null, 23),
            new Attack("H.264 CRF 28", null, 28),
            new Attack("downscale 50 % (+ CRF 18)", ReencodeAttack.HALF_SIZE, 18),
            new Attack("crop 10 % each side (+ CRF 18)", ReencodeAttack.CROP_10, 18),
            new Attack("brightness +10 % (+ CRF 18)", ReencodeAttack.brightness(1.1), 18),
            new Attack("brightness -10 % (+ CRF 18)", ReencodeAttack.brightness(0.9), 18),
            new Attack("H.264 CRF 23 + downscale 50 % (target)", ReencodeAttack.HALF_SIZE, 23),
            new Attack("all combined: crop, 50 %, +10 %, CRF 23",
                    ReencodeAttack.CROP_10 + "," + ReencodeAttack.HALF_SIZE + "," + ReencodeAttack.brightness(1.1), 23));

    private void embedCost() {
        int cores = Runtime.getRuntime().availableProcessors();
        System.out.println("\nFace mark embedding cost, 1920x1080 RGBA 8-bit, median of 40 calls, on one thread and on the "
                + "frame's " + cores + " (row bands)");
        System.out.println("| face (eye distance px) | ms per face, 1 thread | ms per face, " + cores + " threads |");
        System.out.println("|---|---|---|");
        ImageView frame = ImageView.allocate(1920, 1080, PixelFormat.RGBA_U8);
        for (int y = 0; y < 1080; y++) {
            for (int x = 0; x < 1920; x++) {
                float g = (float) (0.5 + 0.1 * Math.sin(x / 13.0) * Math.cos(y / 17.0));
                for (int c = 0; c < 4; c++) {
                    frame.set(x, y, c, g);
                }
            }
        }
        FaceMarkEmbedder e = new FaceMarkEmbedder();
        for (int eyes : new int[] {40, 80, 160, 320}) {
            double side = eyes / 0.275;
            float[] t = AlignTemplate.ARCFACE_128.normalised();
            float[] lm = Affine2D.translation(960, 540).after(Affine2D.scaling(side)).after(Affine2D.translation(-0.5, -0.5)).apply(t);
            double[] median = new double[2];
            int[] threads = {1, cores};
            for (int k = 0; k < 2; k++) {
                FrameParallelism.setThreads(threads[k]);
                double[] ms = new double[40];
                for (int i = -10; i < ms.length; i++) {
                    long t0 = System.nanoTime();
                    e.embed(frame, lm, null, FaceSwapEffect.payload(FaceSwapEffect.SwapModel.CLASSIC),
                            FaceMarkEmbedder.DEFAULT_STRENGTH);
                    if (i >= 0) {
                        ms[i] = (System.nanoTime() - t0) / 1e6;
                    }
                }
                Arrays.sort(ms);
                median[k] = ms[ms.length / 2];
            }
            FrameParallelism.setThreads(cores);
            System.out.printf(Locale.ROOT, "| %d | %.2f | %.2f |%n", eyes, median[0], median[1]);
        }
    }

    private void stills(Path diffPng) throws Exception {
        System.out.println("\nInvisibility: face box (YuNet on the unmarked swap), mark on vs off, Classic swap");
        System.out.println("| photo | face box | PSNR (dB) | SSIM (luma) |");
        System.out.println("|---|---|---|---|");
        List<Path> marked = new ArrayList<>();
        List<Path> originals = new ArrayList<>();
        for (String name : PHOTOS) {
            Path in = media.resolve(name);
            String source = name.startsWith("grace") ? "obama_official_portrait_2012.jpg" : "grace_hopper.jpg";
            Path on = work.resolve("on_" + name.replaceAll("\\.[a-z]+$", ".png"));
            Path off = work.resolve("off_" + name.replaceAll("\\.[a-z]+$", ".png"));
            render(in, on, source, true);
            render(in, off, source, false);
            ImageView a = StillImages.read(on);
            ImageView b = StillImages.read(off);
            for (Face f : detector.detect(b, 0.6f)) {
                Box box = clip(f.box(), b);
                System.out.printf(Locale.ROOT, "| %s | %.0fx%.0f | %.2f | %.4f |%n", name, box.width(), box.height(),
                        psnr(a, b, box), ssim(a, b, box));
            }
            if (diffPng != null && name.equals(PHOTOS[0])) {
                writeDifference(a, b, detector.detect(b, 0.6f).get(0).box(), diffPng);
            }
            marked.add(on);
            originals.add(in);
        }
        System.out.println("\nStills: faces found as verify reads a picture (YuNet, align, 25-shift search, each face alone)");
        System.out.println("| attack | swapped + marked: found | unmarked originals: false positives |");
        System.out.println("|---|---|---|");
        int[] none = stillRow(marked, null);
        int[] noneFp = stillRow(originals, null);
        System.out.printf(Locale.ROOT, "| none | %d/%d | %d/%d |%n", none[0], none[1], noneFp[0], noneFp[1]);
        for (Attack a : ATTACKS) {
            int[] r = stillRow(marked, a);
            int[] fp = stillRow(originals, a);
            System.out.printf(Locale.ROOT, "| %s | %d/%d (%.0f %%) | %d/%d |%n", a.name(), r[0], r[1], 100.0 * r[0] / Math.max(1, r[1]),
                    fp[0], fp[1]);
        }
    }

    private int[] stillRow(List<Path> files, Attack a) throws Exception {
        int found = 0;
        int faces = 0;
        for (Path p : files) {
            ImageView v;
            if (a == null) {
                v = StillImages.read(p);
            } else {
                Path out = work.resolve("attacked.mp4");
                Files.deleteIfExists(out);
                ReencodeAttack.h264(p, out, a.crf(), a.filters());
                v = firstFrame(out);
            }
            for (Face f : detector.detect(v, 0.6f)) {
                faces++;
                found += reader.judgeStill(v, f.landmarks()).found() ? 1 : 0;
            }
        }
        return new int[] {found, faces};
    }

    private void clip() throws Exception {
        Path in = media.resolve(CLIP);
        Path swapped = work.resolve("swapped.mp4");
        Files.deleteIfExists(swapped);
        render(in, swapped, "grace_hopper.jpg", true);
        speed(swapped);
        System.out.println("\nClip " + CLIP + " swapped with Classic (grace_hopper.jpg), verify per face track");
        System.out.println("| attack | tracks >= 1.8 s found | all tracks found | unmarked original: tracks found | verify s |");
        System.out.println("|---|---|---|---|---|");
        clipRow("none (the render's own H.264)", swapped, in);
        for (Attack a : ATTACKS) {
            Path m = work.resolve("clip_marked.mp4");
            Path o = work.resolve("clip_original.mp4");
            Files.deleteIfExists(m);
            Files.deleteIfExists(o);
            ReencodeAttack.h264(swapped, m, a.crf(), a.filters());
            ReencodeAttack.h264(in, o, a.crf(), a.filters());
            clipRow(a.name(), m, o);
        }
    }

    /** verify's speed on the swapped clip scaled to 1920x1080 (CRF 23): the target is <= 5 s for 10 s of video. */
    private void speed(Path swapped) throws Exception {
        Path big = work.resolve("clip_1080p.mp4");
        Files.deleteIfExists(big);
        ReencodeAttack.h264(swapped, big, 23, "scale=1920:1080:flags=bicubic");
        long t0 = System.nanoTime();
        JsonObject doc = verify(big);
        double s = (System.nanoTime() - t0) / 1e9;
        int[] m = tracks(doc, 25);
        System.out.printf(Locale.ROOT, "%nverify on the swapped clip at 1920x1080 (6 s, 150 frames): %.1f s, found %s, tracks found %d/%d%n",
                s, doc.get("found").getAsBoolean(), m[2], m[3]);
    }

    private void clipRow(String name, Path marked, Path original) throws Exception {
        long t0 = System.nanoTime();
        JsonObject doc = verify(marked);
        double seconds = (System.nanoTime() - t0) / 1e9;
        int[] m = tracks(doc, 25);
        int[] o = tracks(verify(original), 25);
        System.out.printf(Locale.ROOT, "| %s | %d/%d | %d/%d | %d/%d | %.1f |%n", name, m[0], m[1], m[2], m[3], o[2], o[3], seconds);
    }

    /** found long, long, found all, all. */
    private static int[] tracks(JsonObject doc, double fps) {
        int[] r = new int[4];
        if (!doc.has("faceTracks")) {
            return r;
        }
        for (JsonElement e : doc.getAsJsonArray("faceTracks")) {
            JsonObject t = e.getAsJsonObject();
            boolean found = t.get("found").getAsBoolean();
            boolean lng = (t.get("lastFrame").getAsLong() - t.get("firstFrame").getAsLong() + 5) / fps >= 1.8;
            r[3]++;
            r[2] += found ? 1 : 0;
            if (lng) {
                r[1]++;
                r[0] += found ? 1 : 0;
            }
        }
        return r;
    }

    private JsonObject verify(Path file) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream ps = new PrintStream(out, true, StandardCharsets.UTF_8);
        ManyFacesCli.run(new String[] {"verify", file.toString(), "--models", models.toString()}, ps, ps);
        String text = out.toString(StandardCharsets.UTF_8);
        return JsonParser.parseString(text.substring(text.indexOf('{'))).getAsJsonObject();
    }

    private void render(Path in, Path out, String source, boolean mark) {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream ps = new PrintStream(log, true, StandardCharsets.UTF_8);
        int code = ManyFacesCli.run(new String[] {"render", "-e", "faceswap", "-i", in.toString(), "-o", out.toString(),
                "--set", "swapModel=Classic", "--set", "detector=yunet", "--set", "sourceFaces=" + media.resolve(source),
                "--set", "watermark=" + (mark ? 1 : 0),
                // the mark this bench measures; Face Swap's default is the Robust region mark
                "--set", FaceSwapEffect.FACE_MARK + "=" + FaceSwapEffect.FaceMark.INVISIBLE.label(), "--models", models.toString(), "--no-sidecar", "--overwrite"}, ps, ps);
        if (code != 0) {
            throw new IllegalStateException("render failed: " + log.toString(StandardCharsets.UTF_8));
        }
    }

    private static ImageView firstFrame(Path p) throws Exception {
        try (FrameSource s = MediaFiles.openSource(p.toString(), 25)) {
            ImageView v = s.next();
            ImageView copy = ImageView.allocate(v.width(), v.height(), PixelFormat.RGBA_U8);
            copy.copyFrom(v);
            return copy;
        }
    }

    private static Box clip(Box b, ImageView v) {
        float x0 = Math.max(0, b.x());
        float y0 = Math.max(0, b.y());
        float x1 = Math.min(v.width(), b.right());
        float y1 = Math.min(v.height(), b.bottom());
        return new Box(x0, y0, x1 - x0, y1 - y0);
    }

    static double psnr(ImageView a, ImageView b, Box box) {
        double se = 0;
        long n = 0;
        for (int y = (int) box.y(); y < (int) box.bottom(); y++) {
            for (int x = (int) box.x(); x < (int) box.right(); x++) {
                for (int c = 0; c < 3; c++) {
                    double d = 255.0 * (a.get(x, y, c) - b.get(x, y, c));
                    se += d * d;
                    n++;
                }
            }
        }
        return se == 0 ? Double.POSITIVE_INFINITY : 10 * Math.log10(255.0 * 255.0 * n / se);
    }

    /** Mean SSIM of luma (0..255) over 8x8 windows at a 4 px step, with the usual constants. */
    static double ssim(ImageView a, ImageView b, Box box) {
        double c1 = Math.pow(0.01 * 255, 2);
        double c2 = Math.pow(0.03 * 255, 2);
        double sum = 0;
        int windows = 0;
        for (int y0 = (int) box.y(); y0 + 8 <= (int) box.bottom(); y0 += 4) {
            for (int x0 = (int) box.x(); x0 + 8 <= (int) box.right(); x0 += 4) {
                double ma = 0, mb = 0, aa = 0, bb = 0, ab = 0;
                for (int y = y0; y < y0 + 8; y++) {
                    for (int x = x0; x < x0 + 8; x++) {
                        double la = luma(a, x, y);
                        double lb = luma(b, x, y);
                        ma += la;
                        mb += lb;
                        aa += la * la;
                        bb += lb * lb;
                        ab += la * lb;
                    }
                }
                ma /= 64;
                mb /= 64;
                double va = aa / 64 - ma * ma;
                double vb = bb / 64 - mb * mb;
                double cov = ab / 64 - ma * mb;
                sum += ((2 * ma * mb + c1) * (2 * cov + c2)) / ((ma * ma + mb * mb + c1) * (va + vb + c2));
                windows++;
            }
        }
        return sum / windows;
    }

    private static double luma(ImageView v, int x, int y) {
        return 255.0 * (0.299 * v.get(x, y, 0) + 0.587 * v.get(x, y, 1) + 0.114 * v.get(x, y, 2));
    }

    /** 128 + 4 x (on - off) of the face box grown by a quarter, at 1:1, as a PNG. */
    private static void writeDifference(ImageView on, ImageView off, Box face, Path png) throws Exception {
        Box b = clip(new Box(face.x() - face.width() / 4, face.y() - face.height() / 4, face.width() * 1.5f,
                face.height() * 1.5f), on);
        int w = (int) b.width();
        int h = (int) b.height();
        ImageView d = ImageView.allocate(w, h, PixelFormat.RGBA_U8);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int c = 0; c < 3; c++) {
                    int xx = (int) b.x() + x;
                    int yy = (int) b.y() + y;
                    d.set(x, y, c, 0.5f + 4 * (on.get(xx, yy, c) - off.get(xx, yy, c)));
                }
                d.set(x, y, 3, 1f);
            }
        }
        StillImages.write(d, png, "png");
        System.out.println("\nwrote " + png + " (" + w + "x" + h + ", 128 + 4 x difference)");
    }
}
