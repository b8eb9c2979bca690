package org.manyfaces.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

import org.manyfaces.bench.BenchOptions;
import org.manyfaces.bench.BenchRunner;
import org.manyfaces.bench.SwapperShapedModels;
import org.manyfaces.inference.InferenceEngine;
import org.manyfaces.inference.ProviderChoice;
import org.manyfaces.inference.ProviderPolicy;
import org.manyfaces.image.FrameParallelism;
import org.manyfaces.video.OpenCvYuNet;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code manyfaces bench}: measures every stage of the face pipeline on real photos composited into
 * 720p/1080p/4K frames and prints Markdown tables (see {@code docs/performance.md}). Also runnable as
 * {@code org.manyfaces.cli.BenchMain} with the same options.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure the face pipeline stage by stage (pixel I/O, detection vs OpenCV, align, embed, swap, "
                + "paste, steady memory), whole renders and the video encoders, and print the tables.")
public final class BenchCommand implements Callable<Integer> {
    @Option(names = "--media", description = "Folder with the bench photos (default: ${DEFAULT-VALUE}).",
            defaultValue = "../shared/media")
    Path media;

    @Option(names = "--models", description = "Folder with the YuNet and MobileFaceNet models (default: the media "
            + "folder's sibling 'models').")
    Path models;

    @Option(names = "--runs", description = "Timed repetitions per measurement (default: ${DEFAULT-VALUE}).", defaultValue = "30")
    int runs;

    @Option(names = "--warmup", description = "Untimed repetitions first (default: ${DEFAULT-VALUE}).", defaultValue = "8")
    int warmup;

    @Option(names = "--sizes", split = ",", description = "Frame sizes: 720p, 1080p, 4k or WxH (default: 720p,1080p,4k).")
    List<String> sizes;

    @Option(names = "--faces", split = ",", description = "Faces per frame, 1..4 (default: 1,4).")
    List<Integer> faces;

    @Option(names = "--only", split = ",", description = "Sections to run: io, detect, stages, faces, embed, memory, "
            + "video, encoders (default: all but memory).")
    List<String> only;

    @Option(names = "--face-sizes", split = ",", description = "Face heights in frame pixels of the faces section "
            + "(default: 150,300,600,900).")
    List<Integer> faceSizes;

    @Option(names = "--compare", description = "The comparison a user can check in one run on the same frames: our "
            + "detection against OpenCV's FaceDetectorYN and our whole Classic frame against that detection, per frame "
            + "and face size (section faces), then the CLI end to end on a 1080p clip scaled from the media folder's "
            + "real clip, with the decode and encode shares (section video). Same as --only faces,video.")
    boolean compare;

    @Option(names = "--video-sizes", split = ",", description = "Sizes of the synthetic clips of the video section "
            + "(default: 1080p).")
    List<String> videoSizes;

    @Option(names = "--video-frames", description = "Frames per synthetic clip of the video section (default: "
            + "${DEFAULT-VALUE}).", defaultValue = "120")
    int videoFrames;

    @Option(names = "--render-threads", split = ",", paramLabel = "N", description = "Render every clip of the video "
            + "section once per value with manyfaces render --threads N, a row each (default: once, with the render's "
            + "default, the cores).")
    List<Integer> renderThreads;

    @Option(names = "--memory", description = "Also run the steady-memory section.")
    boolean memory;

    @Option(names = "--memory-frames", description = "Renders in the steady-memory section (default: ${DEFAULT-VALUE}).",
            defaultValue = "2000")
    int memoryFrames;

    @Option(names = "--swap-model", description = "A swap model with inswapper_128's interface; default: a swapper-shaped "
            + "test model built at run time (same names and shapes, almost no compute).")
    Path swapModel;

    @Option(names = "--swap-gflops", paramLabel = "G", description = "Give the swapper-shaped test model about G GFLOPs "
            + "of real convolution work per swap (the real inswapper_128: 174.7), to measure the share outside "
            + "session.run against a model as heavy as the real one (default: 0, almost no compute).")
    Double swapGflops;

    @Option(names = "--threshold", description = "Detection score threshold, ours and OpenCV's (default: ${DEFAULT-VALUE}).",
            defaultValue = "0.8")
    float threshold;

    @Option(names = "--classic-crop", description = "Working resolution of the classic swap in the stages and memory "
            + "sections (default: ${DEFAULT-VALUE}, the effect's default; the faces section always uses the default).",
            defaultValue = "256")
    int classicCrop;

    @Option(names = "--clock", description = "wall or cpu: cpu times the rendering thread's CPU time, for a busy "
            + "machine; use it with --threads 1 so inference runs on that thread (default: ${DEFAULT-VALUE}).",
            defaultValue = "wall")
    String clock;

    @Option(names = "--threads", description = "Inference threads for ONNX Runtime and OpenCV (default: all cores).")
    Integer threads;

    @Option(names = "--gpu", description = "Use CUDA when present (default: CPU only, comparable everywhere).")
    boolean gpu;

    @Override
    public Integer call() {
        BenchOptions options;
        List<int[]> clipSizes = new ArrayList<>();
        try {
            options = options();
            for (String s : videoSizes != null ? videoSizes : List.of("1080p")) {
                clipSizes.add(BenchOptions.parseSize(s));
            }
            for (int t : renderThreads != null ? renderThreads : List.<Integer>of()) {
                if (t < 1) {
                    throw new IllegalArgumentException("--render-threads must be at least 1, got " + t);
                }
            }
            if (videoFrames < 2) {
                throw new IllegalArgumentException("--video-frames must be at least 2, got " + videoFrames);
            }
        } catch (IllegalArgumentException e) {
            System.err.println("manyfaces bench: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        ProviderPolicy env = gpu ? ProviderPolicy.fromEnvironment() : ProviderPolicy.cpuOnly();
        int n = threads != null ? threads : env.intraOpThreads();
        ProviderPolicy policy = new ProviderPolicy(env.gpuDisabled(), env.cudaDevice(), n, env.cudnnExhaustive());
        // OpenCV's reference detector gets the same number of threads as ours, and so does the split of one frame.
        OpenCvYuNet.setThreads(n);
        FrameParallelism.setThreads(n);
        try (InferenceEngine engine = new InferenceEngine(policy)) {
            new BenchRunner(options, engine, gpu ? ProviderChoice.AUTO : ProviderChoice.CPU, System.out).run();
        } catch (IllegalArgumentException e) {
            System.err.println("manyfaces bench: " + e.getMessage());
            return ExitCodes.INPUT_UNREADABLE;
        }
        if (options.sections().contains("video")) {
            try {
                new VideoBench(options.media(), options.models(), System.out).run(clipSizes, options.faceCounts(),
                        videoFrames, renderThreads != null ? renderThreads : List.of());
            } catch (IllegalArgumentException | IllegalStateException e) {
                System.err.println("manyfaces bench: " + e.getMessage());
                return ExitCodes.RENDER_ERROR;
            }
        }
        if (options.sections().contains("encoders")) {
            try {
                new EncoderBench(options.media(), System.out).run();
            } catch (IllegalArgumentException | IllegalStateException e) {
                System.err.println("manyfaces bench: " + e.getMessage());
                return ExitCodes.RENDER_ERROR;
            }
        }
        return ExitCodes.OK;
    }

    /** The options as the bench takes them (validated). */
    BenchOptions options() {
        Path mediaDir = media.toAbsolutePath().normalize();
        Path modelDir = models != null ? models : mediaDir.resolveSibling("models");
        if (!Files.isDirectory(mediaDir)) {
            throw new IllegalArgumentException("media folder " + mediaDir + " not found (--media)");
        }
        if (!Files.isDirectory(modelDir)) {
            throw new IllegalArgumentException("models folder " + modelDir + " not found (--models)");
        }
        List<int[]> frameSizes = new ArrayList<>();
        for (String s : sizes != null ? sizes : List.of("720p", "1080p", "4k")) {
            frameSizes.add(BenchOptions.parseSize(s));
        }
        if (compare && only != null) {
            throw new IllegalArgumentException("--compare picks its own sections; it cannot go with --only");
        }
        Set<String> sections = new LinkedHashSet<>(compare ? List.of("faces", "video") : only != null ? only
                : List.of("io", "detect", "stages", "faces", "embed", "video", "encoders"));
        if (memory) {
            sections.add("memory");
        }
        if (!clock.equals("wall") && !clock.equals("cpu")) {
            throw new IllegalArgumentException("--clock must be wall or cpu, got '" + clock + "'");
        }
        if (threads != null && threads < 1) {
            throw new IllegalArgumentException("--threads must be at least 1, got " + threads);
        }
        Path swapper = swapModel;
        if (swapGflops != null) {
            if (swapModel != null) {
                throw new IllegalArgumentException("--swap-gflops builds a test model; it cannot go with --swap-model");
            }
            swapper = heavySwapperShapedModel(swapGflops);
        }
        return new BenchOptions(mediaDir, modelDir, runs, warmup, frameSizes, faces != null ? faces : List.of(1, 4),
                sections, swapper, memoryFrames, threshold, classicCrop, clock.equals("cpu"),
                faceSizes != null ? faceSizes : List.of(150, 300, 600, 900));
    }

    /** The swapper-shaped model with {@code gflops} of work, written to a temporary file removed at exit. */
    private static Path heavySwapperShapedModel(double gflops) {
        try {
            Path dir = Files.createTempDirectory("manyfaces-bench-model");
            Path file = dir.resolve(String.format(java.util.Locale.ROOT, "swapper_shaped_%.1f_gflops.onnx", gflops));
            SwapperShapedModels.swapper(file, gflops);
            file.toFile().deleteOnExit();
            dir.toFile().deleteOnExit();
            return file;
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("cannot write the swapper-shaped bench model: " + e.getMessage(), e);
        }
    }
}
