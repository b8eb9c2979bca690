package org.manyfaces.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.manyfaces.bench.Table;
import org.manyfaces.video.FfmpegRuntime;
import org.manyfaces.video.VideoCodec;
import org.manyfaces.video.VideoComparison;
import org.manyfaces.video.VideoInfo;
import org.manyfaces.video.VideoReader;

/**
 * The {@code encoders} section of {@code manyfaces bench}: which encoders the FFmpeg build ManyFaces runs
 * with really has, and for every codec {@code manyfaces render} offers, the quality of the untouched pixels
 * at its default (and at each {@code --quality} level for H.264 and VP9).
 *
 * <p>Each row is a real {@code manyfaces render} of the media folder's clip through Image Translate at Mix 0,
 * which passes the input's pixels through untouched (the host's identity shortcut), so the PSNR against the
 * decoded input is the encoder's loss alone, over whole frames, as it would be far from any face.
 * Run it with the bundle's class path (bin/manyfaces bench), so the FFmpeg measured is the one that ships.
 */
final class EncoderBench {
    private final Path media;
    private final PrintStream out;

    EncoderBench(Path media, PrintStream out) {
        this.media = media;
        this.out = out;
    }

    private record Setting(String codec, String extension, List<String> args, String label) {
    }

    void run() {
        printBuild();
        Path clip = media.resolve(VideoBench.REAL_CLIP);
        if (!Files.isRegularFile(clip)) {
            throw new IllegalArgumentException("the encoder section needs " + clip + " (--media)");
        }
        List<Setting> settings = new ArrayList<>();
        for (VideoCodec c : VideoCodec.values()) {
            String ext = switch (c) {
                case H264 -> ".mp4";
                case VP9 -> ".webm";
                case PRORES, DNXHR -> ".mov";
                case FFV1 -> ".mkv";
            };
            settings.add(new Setting(c.cliName(), ext, List.of(), "default"));
            if (c == VideoCodec.H264 || c == VideoCodec.VP9) {
                for (String q : List.of("low", "medium", "best")) {
                    settings.add(new Setting(c.cliName(), ext, List.of("--quality", q), "--quality " + q));
                }
            }
        }
        Path work;
        try {
            work = Files.createTempDirectory("manyfaces-encoder-bench");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a scratch folder for the encoder bench", e);
        }
        try {
            VideoInfo in;
            try (VideoReader r = VideoReader.open(clip)) {
                in = r.info();
            }
            Table table = new Table(String.format(Locale.ROOT, "Encoders: pass-through render of %s (%dx%d, %.0f fps), "
                    + "PSNR of the untouched pixels against the input", clip.getFileName(), in.width(), in.height(),
                    in.frameRate()), "codec", "setting", "written as", "Mbit/s", "PSNR dB (RGB)", "identical frames",
                    "render fps");
            for (Setting s : settings) {
                Path output = work.resolve(s.codec + "-" + s.label.replace("--quality ", "") + s.extension);
                ByteArrayOutputStream log = new ByteArrayOutputStream();
                List<String> args = new ArrayList<>(List.of("render", "--effect", "translate", "--input", clip.toString(),
                        "--output", output.toString(), "--set", "model=1", "--set", "mix=0", "--codec", s.codec,
                        "--no-audio", "--no-sidecar"));
                args.addAll(s.args);
                long t0 = System.nanoTime();
                int code = ManyFacesCli.run(args.toArray(String[]::new), new PrintStream(new ByteArrayOutputStream()),
                        new PrintStream(log, true, StandardCharsets.UTF_8));
                double seconds = (System.nanoTime() - t0) / 1e9;
                String err = log.toString(StandardCharsets.UTF_8);
                if (code != ExitCodes.OK) {
                    throw new IllegalStateException("manyfaces " + String.join(" ", args) + " failed (exit " + code
                            + "):\n" + err);
                }
                VideoComparison cmp = VideoComparison.of(clip, output);
                double mbits = Files.size(output) * 8 / (cmp.frames() / in.frameRate()) / 1e6;
                String writtenAs = err.lines().filter(l -> l.startsWith("video: ")).findFirst().orElse("?").substring(7);
                table.row(s.codec, s.label, writtenAs, String.format(Locale.ROOT, "%.2f", mbits),
                        Double.isInfinite(cmp.psnr()) ? "lossless" : String.format(Locale.ROOT, "%.2f", cmp.psnr()),
                        cmp.identicalFrames() + " of " + cmp.frames(),
                        String.format(Locale.ROOT, "%.1f", cmp.frames() / seconds));
            }
            table.print(out);
            out.println("Mbit/s: the output file's size over the clip's duration (video only). PSNR over R, G and B of "
                    + "every frame, both files decoded to RGBA by the CLI's reader. render fps: the whole render (decode, "
                    + "pass-through, encode) by wall clock.");
        } catch (IOException e) { // MediaInputException included
            throw new IllegalStateException("encoder bench: " + e.getMessage(), e);
        } finally {
            VideoBench.deleteTree(work);
        }
    }

    private void printBuild() {
        Table t = new Table("FFmpeg build on the class path: libavcodec licence " + FfmpegRuntime.licence(),
                "codec (--codec)", "encoder", "containers", "in this build");
        for (VideoCodec c : VideoCodec.values()) {
            t.row(c.cliName(), c.encoder(), c.extensions(), FfmpegRuntime.hasEncoder(c.encoder()) ? "yes" : "no");
        }
        for (String gpl : List.of("libx264", "libx265")) {
            t.row("(not offered)", gpl, "", FfmpegRuntime.hasEncoder(gpl) ? "yes" : "no");
        }
        t.print(out);
        out.println("All video encoders of this build: " + String.join(" ", FfmpegRuntime.videoEncoders()));
    }
}
