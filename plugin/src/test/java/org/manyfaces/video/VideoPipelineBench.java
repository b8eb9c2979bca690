package org.manyfaces.video;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import org.manyfaces.image.ImageView;
import org.manyfaces.image.PixelFormat;

/**
 * Throughput of the video pipeline on the shared clip, printed as a table (not a unit test; run with
 * {@code java -cp <test classpath> org.manyfaces.video.VideoPipelineBench [clip]}).
 *
 * <p>Rows: decode only; identity renders into each output kind; and a render with a 10 ms processing
 * step, run once stage after stage on one thread and once through the pipeline, to show how much of
 * decode and encode the overlap hides.
 */
public final class VideoPipelineBench {
    private VideoPipelineBench() {
    }

    public static void main(String[] args) throws Exception {
        String clip = args.length > 0 ? args[0]
                : org.manyfaces.testsupport.SharedFiles.root().resolve("media/faces_pd_640x360_6s.mp4").toString();
        Path dir = Files.createTempDirectory("mf-bench");
        System.out.println("| run | frames | seconds | fps |");
        System.out.println("|---|---|---|---|");
        long t0 = System.nanoTime();
        int n = 0;
        try (FrameSource in = MediaFiles.openSource(clip, 25)) {
            while (in.next() != null) {
                n++;
            }
        }
        row("decode only (RGBA)", n, (System.nanoTime() - t0) / 1e9);
        String[][] outputs = {{"out.mp4", "h264"}, {"out.mov", "prores"}, {"seq/f_%04d.png", "h264"}};
        Files.createDirectories(dir.resolve("seq"));
        for (String[] o : outputs) {
            try (FrameSource in = MediaFiles.openSource(clip, 25);
                 FrameSink s = MediaFiles.openSink(dir.resolve(o[0]).toString(), in.info(),
                         VideoOutputOptions.defaults().withCodec(VideoCodec.parse(o[1])), null)) {
                String name = s instanceof VideoWriter w ? w.encoderPlan().encoderName() : "png sequence";
                FramePipeline.Result r = FramePipeline.builder(in, s).build().run();
                row("identity → " + name, r.frames(), r.seconds());
            }
        }
        FrameProcessor slow = (i, s, d) -> {
            d.copyFrom(s);
            Thread.sleep(10);
        };
        t0 = System.nanoTime();
        n = 0;
        try (FrameSource in = MediaFiles.openSource(clip, 25);
             FrameSink s = MediaFiles.openSink(dir.resolve("serial.mp4").toString(), in.info(), VideoOutputOptions.defaults(), null)) {
            ImageView dst = ImageView.allocate(in.info().width(), in.info().height(), PixelFormat.RGBA_U8);
            ImageView f;
            while ((f = in.next()) != null) {
                slow.process(n++, f, dst);
                s.write(dst);
            }
            s.finish();
        }
        row("10 ms step, serial", n, (System.nanoTime() - t0) / 1e9);
        try (FrameSource in = MediaFiles.openSource(clip, 25);
             FrameSink s = MediaFiles.openSink(dir.resolve("piped.mp4").toString(), in.info(), VideoOutputOptions.defaults(), null)) {
            FramePipeline.Result r = FramePipeline.builder(in, s).processor(slow).build().run();
            row("10 ms step, pipelined (q=4)", r.frames(), r.seconds());
        }
        try (FrameSource in = MediaFiles.openSource(clip, 25);
             FrameSink s = MediaFiles.openSink(dir.resolve("piped2.mp4").toString(), in.info(), VideoOutputOptions.defaults(), null)) {
            FramePipeline.Result r = FramePipeline.builder(in, s).processor(slow).workers(2).build().run();
            row("10 ms step, pipelined, 2 workers", r.frames(), r.seconds());
        }
    }

    private static void row(String name, long frames, double seconds) {
        System.out.println(String.format(Locale.ROOT, "| %s | %d | %.2f | %.1f |", name, frames, seconds, frames / seconds));
    }
}
