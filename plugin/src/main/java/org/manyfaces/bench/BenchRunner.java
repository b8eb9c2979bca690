package org.manyfaces.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.manyfaces.image.ImageView;
import org.manyfaces.image.PixelFormat;
import org.manyfaces.inference.InferenceEngine;
import org.manyfaces.inference.ProviderChoice;
import org.manyfaces.pipeline.Face;
import org.manyfaces.pipeline.detect.DetectorOptions;
import org.manyfaces.pipeline.detect.FaceDetectors;
import org.manyfaces.pipeline.detect.OnnxFaceDetector;
import org.manyfaces.pipeline.embed.EmbedderContract;
import org.manyfaces.pipeline.embed.FaceEmbedder;
import org.manyfaces.pipeline.embed.SourceIdentityCache;
import org.manyfaces.pipeline.chain.FaceFinder;
import org.manyfaces.pipeline.chain.FaceSwapPipeline;
import org.manyfaces.pipeline.chain.FaceSwapSettings;
import org.manyfaces.pipeline.chain.ModelComponents;
import org.manyfaces.pipeline.chain.RecognizerKind;
import org.manyfaces.pipeline.chain.Stage;
import org.manyfaces.pipeline.chain.StageTimer;
import org.manyfaces.pipeline.chain.SwapperKind;
import org.manyfaces.video.OpenCvYuNet;

/**
 * Runs the bench sections and prints their tables: pixel import/export against the memcpy floor,
 * detection against OpenCV's FaceDetectorYN, every face-swap stage, embedding, and steady memory.
 * One instance per run; everything runs on the calling thread (ONNX Runtime uses its own threads).
 */
public final class BenchRunner {
    static final String YUNET_FIXED = "face_detection_yunet_2023mar.onnx";
    static final String YUNET_DYNAMIC = "yunet_s_dynamic.onnx";
    static final String MOBILEFACENET = "mobilefacenet_foamliu.onnx";

    private final BenchOptions o;
    private final InferenceEngine engine;
    private final ProviderChoice provider;
    private final PrintStream out;
    private final BenchFrames frames;
    private final Path scratchDir;
    private final java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();

    /** The clock every measurement reads: wall time, or this thread's CPU time with --clock cpu. */
    private long now() {
        return o.cpuClock() ? threads.getCurrentThreadCpuTime() : System.nanoTime();
    }

    /** A stage timer on the same clock. */
    private StageTimer timer() {
        if (!o.cpuClock()) {
            return new StageTimer();
        }
        return new StageTimer() {
            @Override
            public long now() {
                return threads.getCurrentThreadCpuTime();
            }

            @Override
            public boolean cpuClock() {
                return true;
            }
        };
    }

    public BenchRunner(BenchOptions options, InferenceEngine engine, ProviderChoice provider, PrintStream out) {
        this.o = options;
        this.engine = engine;
        this.provider = provider;
        this.out = out;
        this.frames = new BenchFrames(options.media());
        try {
            this.scratchDir = Files.createTempDirectory("manyfaces-bench");
            scratchDir.toFile().deleteOnExit();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a folder for the bench's test models", e);
        }
    }

    /** Runs every selected section in order. */
    public void run() {
        out.printf("ManyFaces bench: %d cores, Java %s, ORT %s, provider %s; %d runs after %d warm-up; load average %s%n",
                Runtime.getRuntime().availableProcessors(), Runtime.version(), engine.ortVersion(), provider, o.runs(),
                o.warmup(), ProcessStats.loadAverage());
        out.println("Times in ms: median (p10–p90), " + (o.cpuClock()
                ? "CPU time of the rendering thread (--clock cpu; inference and OpenCV on that thread too)."
                : "wall clock."));
        if (o.runs("io")) {
            pixelIo();
        }
        if (o.runs("detect")) {
            detection();
        }
        if (o.runs("stages")) {
            stages();
        }
        if (o.runs("faces")) {
            faceSizes();
        }
        if (o.runs("embed")) {
            embedding();
        }
        if (o.runs("memory")) {
            memory();
        }
        out.printf("%nsessions ran on: %s%n", engine.status().describe());
        out.printf("load average at the end: %s%n", ProcessStats.loadAverage());
        deleteScratch();
    }

    private Path model(String file) {
        Path p = o.models().resolve(file);
        if (!Files.isRegularFile(p)) {
            throw new IllegalArgumentException("model " + p + " is missing: pass --models with the folder that holds " + file);
        }
        return p;
    }

    // ---------------------------------------------------------------- pixel import / export

    /**
     * The face pipeline reads the host's frame in place (a view, no copy) and its only full-frame pass is
     * the copy of the source into the output before faces are pasted. So import + export of a frame is:
     * wrap the source, wrap the output, copy rows. The floor is one plain copy of the same bytes.
     */
    private void pixelIo() {
        Table t = new Table("Pixel import + export (host layout: bottom-up rows) vs a plain copy of the frame",
                "frame", "format", "MB", "import+export", "memcpy floor", "GB/s", "of memcpy", "heap B/frame", "direct B/frame");
        for (int[] size : o.sizes()) {
            ImageView top = frames.compose(size[0], size[1], 1);
            for (PixelFormat f : new PixelFormat[] {PixelFormat.RGBA_U8, PixelFormat.RGBA_F32}) {
                ImageView host = BenchFrames.hostLayout(top, f);
                ImageView hostOut = BenchFrames.hostLayoutLike(host);
                ByteBuffer srcMem = host.buffer();
                ByteBuffer dstMem = hostOut.buffer();
                int rowBytes = size[0] * f.bytesPerPixel();
                Samples io = new Samples();
                Samples floor = new Samples();
                long heap0 = 0;
                long direct0 = 0;
                for (int i = -o.warmup(); i < o.runs(); i++) {
                    if (i == 0) {
                        heap0 = ProcessStats.threadAllocatedBytes();
                        direct0 = directBytes();
                    }
                    long t0 = now();
                    // What a render does with the host's memory: two views, one row-wise copy.
                    ImageView src = ImageView.wrapBottomUp(srcMem, size[0], size[1], f, rowBytes);
                    ImageView dst = ImageView.wrapBottomUp(dstMem, size[0], size[1], f, rowBytes);
                    dst.copyFrom(src);
                    long t1 = now();
                    dstMem.clear().put(srcMem.clear());
                    srcMem.clear();
                    dstMem.clear();
                    long t2 = now();
                    if (i >= 0) {
                        io.add(t1 - t0);
                        floor.add(t2 - t1);
                    }
                }
                long heap = (ProcessStats.threadAllocatedBytes() - heap0) / o.runs();
                long direct = (directBytes() - direct0) / o.runs();
                double mb = (double) srcMem.capacity() / 1e6;
                // Bandwidth counts the bytes read plus the bytes written.
                double gbs = 2 * mb / io.medianMs();
                t.row(size[0] + "x" + size[1], f, String.format("%.1f", mb), io.cell(), floor.cell(),
                        String.format("%.1f", gbs), String.format("%.0f %%", 100 * floor.medianMs() / io.medianMs()),
                        heap, direct);
            }
        }
        t.print(out);
        out.println("Float frames are not converted: every stage reads and writes the host's float pixels directly.");
    }

    private static long directBytes() {
        for (BufferPoolMXBean b : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
            if (b.getName().equals("direct")) {
                return b.getTotalCapacity();
            }
        }
        return -1;
    }

    // ---------------------------------------------------------------- detection vs OpenCV

    private void detection() {
        OpenCvYuNet cv = OpenCvYuNet.open(model(YUNET_FIXED), o.threshold());
        Table t = new Table("Detection: ManyFaces YuNet (ORT) vs OpenCV FaceDetectorYN on the same RGBA frames",
                "model (ours)", "frame", "faces ours/cv", "pre", "session.run", "decode+NMS", "ours total",
                "OpenCV total", "speed ratio", "mean IoU");
        try {
            for (String file : new String[] {YUNET_FIXED, YUNET_DYNAMIC}) {
                Path m = o.models().resolve(file);
                if (!Files.isRegularFile(m)) {
                    out.println("(skipping " + file + ": not in " + o.models() + ")");
                    continue;
                }
                OnnxFaceDetector det = FaceDetectors.open(engine, m, provider, DetectorOptions.defaults());
                for (int[] size : o.sizes()) {
                    for (int faces : o.faceCounts()) {
                        ImageView frame = frames.compose(size[0], size[1], faces);
                        Samples pre = new Samples();
                        Samples run = new Samples();
                        Samples dec = new Samples();
                        Samples ours = new Samples();
                        Samples theirs = new Samples();
                        List<Face> found = List.of();
                        List<float[]> cvBoxes = List.of();
                        for (int i = -o.warmup(); i < o.runs(); i++) {
                            long t0 = now();
                            found = det.detect(frame, o.threshold());
                            long t1 = now();
                            OnnxFaceDetector.Timings tm = o.cpuClock() ? det.lastCpuTimings() : det.lastTimings();
                            cvBoxes = cv.detect(frame);
                            long t2 = now();
                            if (i >= 0) {
                                pre.add(tm.preprocessNanos());
                                run.add(tm.runNanos());
                                dec.add(tm.decodeNanos());
                                ours.add(t1 - t0);
                                theirs.add(t2 - t1);
                            }
                        }
                        t.row(file.contains("dynamic") ? "dynamic, frame-shaped input" : "2023mar, fixed 640x640",
                                size[0] + "x" + size[1], found.size() + "/" + cvBoxes.size(), pre.cell(), run.cell(),
                                dec.cell(), ours.cell(), theirs.cell(),
                                String.format("%.2fx", theirs.medianMs() / ours.medianMs()),
                                String.format("%.4f", meanIou(cvBoxes, found)));
                    }
                }
            }
        } finally {
            cv.close();
        }
        t.print(out);
        out.println("OpenCV: RGBA->BGR, resize to fit 640 (INTER_LINEAR), FaceDetectorYN.detect at that size, the 2023mar "
                + "weights through OpenCV's DNN. speed ratio = OpenCV time / ours (>1: ours faster). mean IoU: each OpenCV "
                + "box against our best-overlapping box (a box we miss counts 0).");
    }

    /** Mean over OpenCV's boxes of the best IoU with one of ours; 1 when both found nothing. */
    static double meanIou(List<float[]> reference, List<Face> ours) {
        if (reference.isEmpty()) {
            return ours.isEmpty() ? 1.0 : 0.0;
        }
        double sum = 0;
        for (float[] r : reference) {
            org.manyfaces.pipeline.Box rb = new org.manyfaces.pipeline.Box(r[0], r[1], r[2], r[3]);
            double best = 0;
            for (Face f : ours) {
                best = Math.max(best, rb.iou(f.box()));
            }
            sum += best;
        }
        return sum / reference.size();
    }

    // ---------------------------------------------------------------- pipeline stages

    /** Captures the session.run part of each detect call inside a render, on the bench's clock. */
    private final class TimedFinder implements FaceFinder {
        final OnnxFaceDetector detector;
        long runNanos;

        TimedFinder(OnnxFaceDetector detector) {
            this.detector = detector;
        }

        @Override
        public List<Face> detect(ImageView frame, float threshold) {
            List<Face> f = detector.detect(frame, threshold);
            runNanos += (o.cpuClock() ? detector.lastCpuTimings() : detector.lastTimings()).runNanos();
            return f;
        }
    }

    private String detectorFile() {
        return Files.isRegularFile(o.models().resolve(YUNET_DYNAMIC)) ? YUNET_DYNAMIC : YUNET_FIXED;
    }

    private void stages() {
        String detFile = detectorFile();
        TimedFinder finder = new TimedFinder(FaceDetectors.open(engine, model(detFile), provider, DetectorOptions.defaults()));
        FaceSwapPipeline pipeline = new FaceSwapPipeline(new ModelComponents(engine, s -> finder));
        Path swapModel = o.swapModel() != null ? o.swapModel() : SwapperShapedModels.swapper(scratchDir.resolve("swapper_shaped.onnx"));
        Path recogniser = SwapperShapedModels.recogniser(scratchDir.resolve("arcface_shaped.onnx"));
        Map<String, FaceSwapSettings> swappers = new LinkedHashMap<>();
        FaceSwapSettings base = FaceSwapSettings.builder().detector(model(detFile), o.threshold())
                .sources(List.of(frames.sourcePhoto())).selectAll().provider(provider).build();
        swappers.put("classic (crop " + o.classicMaxCrop() + ")", base.toBuilder().swapper(SwapperKind.CLASSIC, null)
                .pixelBoost(o.classicMaxCrop()).build());
        swappers.put(o.swapModel() != null ? "model " + swapModel.getFileName() : "swapper-shaped test model (128)",
                base.toBuilder().swapper(SwapperKind.INSWAPPER_128, swapModel).recognizer(RecognizerKind.ARCFACE_W600K, recogniser).build());

        Stage[] shown = {Stage.COPY, Stage.DETECT, Stage.ALIGN, Stage.SWAP, Stage.SWAP_INFERENCE, Stage.PASTE};
        List<String> head = new ArrayList<>(List.of("swapper", "frame", "faces"));
        for (Stage s : shown) {
            head.add(s == Stage.SWAP_INFERENCE ? "swap session.run" : s == Stage.COPY ? "copy (export)" : s.name().toLowerCase());
        }
        head.addAll(List.of("frame total", "fps", "CPU ms/frame", "outside session.run", "share outside"));
        Table t = new Table("Face swap per stage (detector " + detFile + "; RGBA 8-bit host-layout frames)", head.toArray(String[]::new));
        for (Map.Entry<String, FaceSwapSettings> e : swappers.entrySet()) {
            for (int[] size : o.sizes()) {
                for (int faces : o.faceCounts()) {
                    ImageView src = BenchFrames.hostLayout(frames.compose(size[0], size[1], faces), PixelFormat.RGBA_U8);
                    ImageView dst = BenchFrames.hostLayoutLike(src);
                    Map<Stage, Samples> per = new LinkedHashMap<>();
                    for (Stage s : Stage.values()) {
                        per.put(s, new Samples());
                    }
                    Samples total = new Samples();
                    Samples outside = new Samples();
                    long cpuSum = 0;
                    int swapped = 0;
                    for (int i = -o.warmup(); i < o.runs(); i++) {
                        StageTimer timer = timer();
                        finder.runNanos = 0;
                        long c0 = ProcessStats.processCpuNanos();
                        long t0 = now();
                        swapped = pipeline.render(src, dst, e.getValue(), timer).swapped().size();
                        long t1 = now();
                        long c1 = ProcessStats.processCpuNanos();
                        if (i >= 0) {
                            for (Stage s : Stage.values()) {
                                per.get(s).add(timer.nanos(s));
                            }
                            long frame = t1 - t0;
                            total.add(frame);
                            outside.add(frame - finder.runNanos - timer.nanos(Stage.SWAP_INFERENCE));
                            cpuSum += c1 - c0;
                        }
                    }
                    List<Object> row = new ArrayList<>(List.of(e.getKey(), size[0] + "x" + size[1],
                            swapped == faces ? String.valueOf(faces) : swapped + "/" + faces));
                    for (Stage s : shown) {
                        row.add(per.get(s).cell());
                    }
                    row.add(total.cell());
                    row.add(String.format("%.1f", 1000 / total.medianMs()));
                    row.add(String.format("%.1f", cpuSum / 1e6 / o.runs()));
                    row.add(outside.cell());
                    row.add(String.format(java.util.Locale.ROOT, "%.1f %%", 100 * outside.medianMs() / total.medianMs()));
                    t.row(row.toArray());
                }
            }
        }
        t.print(out);
        out.println("frame total = time of one render on the bench's clock (copy, detection, source lookup, per face: align, swap, paste). "
                + "outside session.run = frame total minus the detector's and the swap model's session.run. "
                + "CPU ms/frame = process CPU time (all threads) per render, averaged over the timed renders.");
        if (o.swapModel() == null) {
            out.println("The swapper-shaped test model has inswapper_128's interface but almost no compute, so its share "
                    + "outside session.run is the pipeline's overhead against detection alone; pass --swap-model for a real model.");
        }
    }

    // ---------------------------------------------------------------- face-size axis, against OpenCV

    /**
     * Per frame size, face size and face count, on the same frames: our detection against OpenCV's
     * FaceDetectorYN (speed ratio, mean IoU), the stages of a Classic render with the effect's defaults, and the
     * whole render against that one OpenCV detection. Close-ups are what made a frame expensive; with the swap at
     * a fixed working resolution the per-face stages must not grow with the face (only the composite touches
     * the face's full-resolution pixels).
     */
    private void faceSizes() {
        String detFile = detectorFile();
        TimedFinder finder = new TimedFinder(FaceDetectors.open(engine, model(detFile), provider, DetectorOptions.defaults()));
        FaceSwapPipeline pipeline = new FaceSwapPipeline(new ModelComponents(engine, s -> finder));
        FaceSwapSettings classic = FaceSwapSettings.builder().detector(model(detFile), o.threshold())
                .sources(List.of(frames.sourcePhoto())).selectAll().provider(provider).build();
        org.manyfaces.pipeline.Box[] photoFaces = frames.photoFaceBoxes(finder.detector::detect, o.threshold());
        Stage[] shown = {Stage.ALIGN, Stage.SWAP, Stage.PASTE};
        List<String> head = new ArrayList<>(List.of("frame", "face px", "faces ours/cv", "ours detect", "OpenCV detect",
                "detect speed ratio", "mean IoU"));
        for (Stage s : shown) {
            head.add(s.name().toLowerCase() + " per face");
        }
        head.addAll(List.of("whole Classic frame", "frame / OpenCV detection"));
        Table t = new Table("Face size axis: detection vs OpenCV FaceDetectorYN, and the whole Classic frame (defaults: "
                + "working resolution " + classic.cropSize() + ") vs that detection, same frames", head.toArray(String[]::new));
        OpenCvYuNet cv = OpenCvYuNet.open(model(YUNET_FIXED), o.threshold());
        try {
            for (int[] size : o.sizes()) {
                for (int facePx : o.faceSizes()) {
                    for (int faces : o.faceCounts()) {
                        // A face must fit its cell (about 0.8 of its height wide) and the frame's height.
                        if (facePx > 0.85 * size[1] || faces * 0.8 * facePx > size[0]) {
                            continue;
                        }
                        ImageView frame = frames.composeFaceSize(size[0], size[1], faces, facePx, photoFaces);
                        ImageView src = BenchFrames.hostLayout(frame, PixelFormat.RGBA_U8);
                        ImageView dst = BenchFrames.hostLayoutLike(src);
                        Samples ours = new Samples();
                        Samples theirs = new Samples();
                        Samples whole = new Samples();
                        Map<Stage, Samples> per = new LinkedHashMap<>();
                        for (Stage s : shown) {
                            per.put(s, new Samples());
                        }
                        List<Face> found = List.of();
                        List<float[]> cvBoxes = List.of();
                        int swapped = 0;
                        for (int i = -o.warmup(); i < o.runs(); i++) {
                            long t0 = now();
                            found = finder.detector.detect(frame, o.threshold());
                            long t1 = now();
                            cvBoxes = cv.detect(frame);
                            long t2 = now();
                            StageTimer timer = timer();
                            swapped = pipeline.render(src, dst, classic, timer).swapped().size();
                            long t3 = now();
                            if (i >= 0) {
                                ours.add(t1 - t0);
                                theirs.add(t2 - t1);
                                whole.add(t3 - t2);
                                for (Stage s : shown) {
                                    per.get(s).add(timer.nanos(s) / Math.max(1, swapped));
                                }
                            }
                        }
                        List<Object> row = new ArrayList<>(List.of(size[0] + "x" + size[1], facePx,
                                found.size() + "/" + cvBoxes.size(), ours.cell(), theirs.cell(),
                                String.format("%.2fx", theirs.medianMs() / ours.medianMs()),
                                String.format("%.4f", meanIou(cvBoxes, found))));
                        for (Stage s : shown) {
                            row.add(per.get(s).cell());
                        }
                        row.add(whole.cell());
                        row.add(String.format("%.2fx", whole.medianMs() / theirs.medianMs()));
                        t.row(row.toArray());
                    }
                }
            }
        } finally {
            cv.close();
        }
        t.print(out);
        out.println("face px = height of each face's detected box in the frame. OpenCV: the fixed 2023mar YuNet through "
                + "FaceDetectorYN as its samples use it; ours: " + detFile + ". detect speed ratio = OpenCV / ours (>1: "
                + "ours faster). Stage columns are per face (work summed over the faces, which run in parallel with more "
                + "than one thread). whole Classic frame = one render (copy, detection, per face align + swap, composite; "
                + "no disclosure mark, which the effect adds). frame / OpenCV detection: the whole frame against one OpenCV "
                + "detection of the same frame.");
    }

    // ---------------------------------------------------------------- embedding

    private void embedding() {
        Table t = new Table("Embedding (1920x1080 frame, one face)", "what", "time");
        ImageView frame = frames.compose(1920, 1080, 1);
        OnnxFaceDetector det = FaceDetectors.open(engine, model(detectorFile()), provider, DetectorOptions.defaults());
        List<Face> faces = det.detect(frame, o.threshold());
        if (faces.isEmpty()) {
            out.println("(embedding skipped: no face found in the bench frame)");
            return;
        }
        Face face = faces.get(0);
        Path mfn = o.models().resolve(MOBILEFACENET);
        if (Files.isRegularFile(mfn)) {
            FaceEmbedder e = new FaceEmbedder(engine.open(mfn, provider), EmbedderContract.MOBILEFACENET);
            t.row("uncached: align 112 + MobileFaceNet session.run + normalise", time(() -> e.embed(frame, face)).cell());
        }
        FaceEmbedder shaped = new FaceEmbedder(engine.open(SwapperShapedModels.recogniser(scratchDir.resolve("arcface_e.onnx")),
                provider), EmbedderContract.ARCFACE_W600K);
        t.row("uncached: align 112 + ArcFace-shaped test model (no compute)", time(() -> shaped.embed(frame, face)).cell());
        SourceIdentityCache cache = new SourceIdentityCache(img -> det.detect(img, o.threshold()), shaped, 4);
        List<Path> source = List.of(frames.sourcePhoto());
        long m0 = now();
        cache.load(source);
        long m1 = now();
        Samples first = new Samples();
        first.add(m1 - m0);
        t.row("source identity, first time (decode, detect, embed)", first.cell());
        t.row("source identity, cached (every later frame)", time(() -> cache.load(source)).cell());
        t.print(out);
    }

    private Samples time(Runnable r) {
        Samples s = new Samples();
        for (int i = -o.warmup(); i < o.runs(); i++) {
            long t0 = now();
            r.run();
            long t1 = now();
            if (i >= 0) {
                s.add(t1 - t0);
            }
        }
        return s;
    }

    // ---------------------------------------------------------------- steady memory

    private void memory() {
        int n = o.memoryFrames();
        int warm = Math.min(100, Math.max(1, n / 10));
        String detFile = detectorFile();
        OnnxFaceDetector det = FaceDetectors.open(engine, model(detFile), provider, DetectorOptions.defaults());
        FaceSwapPipeline pipeline = new FaceSwapPipeline(new ModelComponents(engine, s -> det::detect));
        FaceSwapSettings s = FaceSwapSettings.builder().detector(model(detFile), o.threshold())
                .sources(List.of(frames.sourcePhoto())).selectAll().provider(provider)
                .swapper(SwapperKind.CLASSIC, null).pixelBoost(o.classicMaxCrop()).build();
        ImageView src = BenchFrames.hostLayout(frames.compose(1920, 1080, 1), PixelFormat.RGBA_U8);
        ImageView dst = BenchFrames.hostLayoutLike(src);
        for (int i = 0; i < warm; i++) {
            pipeline.render(src, dst, s);
        }
        long rssWarm = ProcessStats.rssKiB();
        long heap0 = ProcessStats.threadAllocatedBytes();
        long t0 = now();
        for (int i = 0; i < n; i++) {
            pipeline.render(src, dst, s);
        }
        long t1 = now();
        long heap = ProcessStats.threadAllocatedBytes() - heap0;
        long rssEnd = ProcessStats.rssKiB();
        Table t = new Table("Steady memory: " + n + " renders of a 1920x1080 frame, one face, classic swap",
                "RSS after " + warm + " warm-up renders", "RSS after " + n + " more", "growth", "heap allocated per render", "mean fps");
        t.row(rssWarm / 1024 + " MiB", rssEnd / 1024 + " MiB",
                rssWarm > 0 ? String.format("%+.1f %%", 100.0 * (rssEnd - rssWarm) / rssWarm) : "n/a",
                heap >= 0 ? String.format("%.1f KiB", heap / 1024.0 / n) : "n/a",
                String.format("%.1f", n / ((t1 - t0) / 1e9)));
        t.print(out);
    }

    private void deleteScratch() {
        try (var files = Files.list(scratchDir)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Files.deleteIfExists(p);
            }
            Files.deleteIfExists(scratchDir);
        } catch (IOException e) {
            out.println("(could not remove the bench's temporary models in " + scratchDir + ": " + e.getMessage() + ")");
        }
    }
}
