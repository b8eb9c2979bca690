package org.manyfaces.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import org.manyfaces.bench.BenchFrames;
import org.manyfaces.bench.Table;
import org.manyfaces.image.ImageView;
import org.manyfaces.video.MediaInputException;
import org.manyfaces.video.MediaOutputException;
import org.manyfaces.video.VideoInfo;
import org.manyfaces.video.VideoOutputOptions;
import org.manyfaces.video.VideoReader;
import org.manyfaces.video.VideoWriter;

import picocli.CommandLine;

/**
 * The {@code video} section of {@code manyfaces bench}: end-to-end renders of whole video files through
 * {@code manyfaces render} itself (decode, the Face Swap effect with its defaults: Classic swap, YuNet,
 * tracking, watermark; encode), timed with {@code --timings}, so the table shows the frames per second a user
 * gets and the share of each stage: decode, detect, align, swap, paste, mark (watermark), encode.
 *
 * <p>Inputs: the real clip of the media folder ({@code faces_pd_640x360_6s.mp4}, 640x360, 150 frames with
 * audio and cuts) and synthetic clips generated here: the bench portraits side by side on a gradient, the
 * whole picture drifting on a smooth path (so detection and tracking see motion), written as H.264 with
 * the same encoder the CLI uses. The render runs with the CLI's own defaults (one effect worker; ONNX Runtime
 * with all cores; decode and encode on their own threads), wall clock: it is what a user's render does.
 */
final class VideoBench {
    static final String REAL_CLIP = "faces_pd_640x360_6s.mp4";
    private static final double FPS = 25;

    private final BenchFrames frames;
    private final Path media;
    private final Path models;
    private final PrintStream out;
    private List<Integer> renderThreads = List.of();

    VideoBench(Path media, Path models, PrintStream out) {
        this.frames = new BenchFrames(media);
        this.media = media;
        this.models = models;
        this.out = out;
    }

    /**
     * Renders the real clip and one synthetic clip per size and face count, then prints the table.
     *
     * @param sizes      synthetic clip sizes as {width, height}
     * @param faceCounts faces per synthetic clip
     * @param length     frames per synthetic clip
     * @param threads    {@code manyfaces render --threads} values to render every clip with, one row each; empty:
     *                   once, with the render's default
     */
    void run(List<int[]> sizes, List<Integer> faceCounts, int length, List<Integer> threads) {
        this.renderThreads = threads;
        Path work = scratchFolder("video");
        try {
            List<Row> rows = new ArrayList<>();
            Path real = media.resolve(REAL_CLIP);
            if (Files.isRegularFile(real)) {
                renderAll(rows, REAL_CLIP + " (real, 2 then 1 face)", real, work.resolve("real-out.mp4"));
            } else {
                out.println("(no " + REAL_CLIP + " in " + media + ": the real clip row is left out)");
            }
            for (int[] size : sizes) {
                if (Files.isRegularFile(real)) {
                    // The real footage at this size: what a user's clip of that size costs, faces and cuts included.
                    Path scaled = work.resolve("real-" + size[0] + "x" + size[1] + ".mp4");
                    long n = writeScaledClip(real, scaled, size[0], size[1]);
                    renderAll(rows, String.format(Locale.ROOT, "%s scaled to %dx%d (real, %d frames)", REAL_CLIP, size[0],
                            size[1], n), scaled, work.resolve("out-" + scaled.getFileName()));
                }
                for (int faces : faceCounts) {
                    Path clip = work.resolve("synthetic-" + size[0] + "x" + size[1] + "-" + faces + ".mp4");
                    writeSyntheticClip(clip, size[0], size[1], faces, length);
                    renderAll(rows, String.format(Locale.ROOT, "synthetic %dx%d, %d face%s, %d frames", size[0], size[1],
                            faces, faces == 1 ? "" : "s", length), clip, work.resolve("out-" + clip.getFileName()));
                }
            }
            print(rows);
        } finally {
            deleteTree(work);
        }
    }

    private record Row(String clip, RenderTimings t) {
    }

    /** One row per {@code --threads} value (or one with the default), the clip named with it. */
    private void renderAll(List<Row> rows, String clip, Path input, Path output) {
        if (renderThreads.isEmpty()) {
            rows.add(new Row(clip, render(input, output, null)));
            return;
        }
        for (int n : renderThreads) {
            rows.add(new Row(clip + ", --threads " + n, render(input, output, n)));
        }
    }

    private RenderTimings render(Path input, Path output, Integer threads) {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream err = new PrintStream(log, true, StandardCharsets.UTF_8);
        CommandLine cl = ManyFacesCli.commandLine(out, err);
        List<String> args = new ArrayList<>(List.of("render", "--effect", "faceswap", "--input", input.toString(),
                "--output", output.toString(), "--set", "sourceFaces=" + frames.sourcePhoto(), "--models",
                models.toString(), "--no-sidecar", "--timings", "--overwrite"));
        if (threads != null) {
            args.add("--threads");
            args.add(Integer.toString(threads));
        }
        int code = cl.execute(args.toArray(String[]::new));
        RenderCommand render = cl.getSubcommands().get("render").getCommand();
        if (code != ExitCodes.OK || render.lastTimings() == null) {
            throw new IllegalStateException("manyfaces render of " + input.getFileName() + " failed (exit " + code + "):\n"
                    + log.toString(StandardCharsets.UTF_8));
        }
        return render.lastTimings();
    }

    /** Writes the bench's drifting clip ({@link BenchFrames#drifting}) as H.264, with the CLI's own encoder. */
    private void writeSyntheticClip(Path clip, int w, int h, int faces, int length) {
        BenchFrames.DriftingClip frames = this.frames.drifting(w, h, faces, length);
        VideoInfo info = new VideoInfo(w, h, FPS, length, true, 1.0, 0, false, 0, 0, "h264");
        try (VideoWriter writer = VideoWriter.open(clip, info, VideoOutputOptions.defaults())) {
            for (int i = 0; i < length; i++) {
                writer.write(frames.frame(i));
            }
            writer.finish();
        } catch (MediaOutputException | MediaInputException e) {
            throw new IllegalStateException("cannot write the synthetic bench clip " + clip + ": " + e.getMessage(), e);
        }
    }

    /** Writes {@code input} scaled to {@code w×h} as H.264 with the CLI's own encoder; returns its frame count. */
    private long writeScaledClip(Path input, Path clip, int w, int h) {
        try (VideoReader reader = VideoReader.open(input)) {
            VideoInfo in = reader.info();
            VideoInfo info = new VideoInfo(w, h, in.frameRate(), in.frameCount(), true, 1.0, 0, false, 0, 0, "h264");
            long n = 0;
            try (VideoWriter writer = VideoWriter.open(clip, info, VideoOutputOptions.defaults())) {
                for (ImageView f = reader.next(); f != null; f = reader.next()) {
                    writer.write(frames.scaled(f, w, h));
                    n++;
                }
                writer.finish();
            }
            return n;
        } catch (MediaOutputException | MediaInputException e) {
            throw new IllegalStateException("cannot write the scaled bench clip " + clip + ": " + e.getMessage(), e);
        }
    }

    private void print(List<Row> rows) {
        List<String> stages = new ArrayList<>();
        for (Row r : rows) {
            for (RenderTimings.Part p : r.t().parts()) {
                if (!stages.contains(p.name())) {
                    stages.add(p.name());
                }
            }
        }
        List<String> header = new ArrayList<>(List.of("clip", "frames", "wall s", "fps"));
        for (String s : stages) {
            header.add(s);
        }
        header.add("all work ms/frame");
        Table table = new Table("End to end: manyfaces render --effect faceswap (Classic, YuNet, defaults), per stage "
                + "ms/frame and share of all work", header.toArray(String[]::new));
        for (Row r : rows) {
            RenderTimings t = r.t();
            List<Object> cells = new ArrayList<>(List.of(r.clip(), t.frames(), String.format(Locale.ROOT, "%.2f",
                    t.wallSeconds()), String.format(Locale.ROOT, "%.1f", t.framesPerSecond())));
            Map<String, Long> byStage = new HashMap<>();
            for (RenderTimings.Part p : t.parts()) {
                byStage.put(p.name(), p.nanos());
            }
            for (String s : stages) {
                long nanos = byStage.getOrDefault(s, 0L);
                cells.add(String.format(Locale.ROOT, "%.2f (%.0f %%)", t.millisPerFrame(nanos), 100 * t.share(nanos)));
            }
            cells.add(String.format(Locale.ROOT, "%.2f", t.millisPerFrame(t.workNanos())));
            table.row(cells.toArray());
        }
        table.print(out);
        out.println("fps = frames / wall-clock seconds of the whole render (decode, effect and encode overlap on their own "
                + "threads). Stage columns: wall-clock time inside the stage per frame and its share of all the work "
                + "(decode + effect + encode, all threads). \"effect, other\" is the effect's render time its stages do not "
                + "cover (parameter reads, source lookups, frames without faces copied through).");
    }

    /** A new folder for a bench section's clips and renders; {@link #deleteTree} removes it afterwards. */
    static Path scratchFolder(String section) {
        try {
            return Files.createTempDirectory("manyfaces-" + section + "-bench");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a scratch folder for the " + section + " bench", e);
        }
    }

    static void deleteTree(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // scratch in the temp folder; nothing to report
        }
    }
}
