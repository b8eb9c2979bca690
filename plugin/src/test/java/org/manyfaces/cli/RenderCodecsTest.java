package org.manyfaces.cli;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_RGBA;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.manyfaces.image.ImageView;
import org.manyfaces.video.TestMedia;
import org.manyfaces.video.VideoComparison;
import org.manyfaces.video.VideoReader;

/**
 * Every codec {@code manyfaces render} offers, written by the CLI in its own process with the FFmpeg the
 * bundle ships (JavaCV's LGPL build; the GPL jar the other tests load is left off the class path), then
 * decoded and checked: codec, frame count, size, audio, and how close the pictures are to the input.
 * The renders are Image Translate at Mix 0, which passes the input's pixels through untouched, so every
 * difference is the encoder's.
 */
@Tag("slow") // a dozen renders, most in their own JVM: about 35 s
class RenderCodecsTest {
    private static final int FRAMES = 20;

    @TempDir
    Path tmp;

    private record Case(String output, String codec, String decodedAs, String audio) {
    }

    @Test
    void everyOfferedCodecRoundTripsAPassThroughRender() throws Exception {
        Path clip = TestMedia.clipWithSine(tmp, FRAMES);
        List<Case> cases = List.of(
                new Case("out.mp4", "h264", "h264", "aac"),
                new Case("out.webm", "vp9", "vp9", "opus"),
                new Case("out.mov", "prores", "prores", "aac"),
                new Case("dnx.mov", "dnxhr", "dnxhd", "aac"),
                new Case("out.mkv", "ffv1", "ffv1", "aac"));
        List<String> table = new ArrayList<>();
        for (Case c : cases) {
            Path out = tmp.resolve(c.output);
            CliRun r = CliRun.processWithShippedFfmpeg(Map.of(), tmp, "render", "-e", "translate", "-i", clip.toString(),
                    "-o", out.toString(), "--set", "model=1", "--set", "mix=0", "--codec", c.codec, "--no-sidecar");
            assertEquals(ExitCodes.OK, r.code(), c + "\n" + r);
            assertTrue(r.err().contains("video: "), r.err());
            try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(out.toFile())) {
                g.start();
                assertEquals(c.decodedAs, g.getVideoCodecName(), c.output);
                assertEquals(640, g.getImageWidth(), c.output);
                assertEquals(360, g.getImageHeight(), c.output);
                assertEquals(25.0, g.getVideoFrameRate(), 1e-6, c.output);
                assertTrue(g.hasAudio(), c.output + " carries the input's audio");
                assertEquals(c.audio, g.getAudioCodecName(), c.output);
            }
            double[] audio = TestMedia.analyseAudio(out);
            // Zero crossings over 0.8 s of coded audio: within 10% (silence gives 0, noise thousands).
            assertEquals(TestMedia.SINE_HZ, audio[2], 0.1 * TestMedia.SINE_HZ, c.output + ": the input's 440 Hz tone");
            assertEquals(FRAMES / 25.0, audio[3], 0.1, c.output + ": audio as long as the video");
            VideoComparison cmp = VideoComparison.of(clip, out);
            assertEquals(FRAMES, cmp.frames(), c.output + ": frames");
            assertEquals(0, cmp.extraFrames(), c.output + ": frame count differs from the input's");
            table.add(String.format(java.util.Locale.ROOT, "%-8s %-8s %6.2f dB, %d of %d frames identical, %d bytes",
                    c.codec, c.output, cmp.psnr(), cmp.identicalFrames(), cmp.frames(), Files.size(out)));
            if (c.codec.equals("ffv1")) {
                assertEquals(FRAMES, cmp.identicalFrames(), "FFV1 is lossless: every frame bit-exact, " + cmp);
            } else {
                // Lossy, but at its default each is far from garbage (measured 39-46 dB on this clip).
                assertTrue(cmp.psnr() > 35, c.output + ": " + cmp);
            }
        }
        System.out.println(String.join("\n", table));
    }

    @Test
    void theContainerPicksTheDefaultCodec() throws Exception {
        Path clip = TestMedia.clipWithSine(tmp, 3);
        for (String[] c : new String[][] {{"default.mov", "prores"}, {"default.webm", "vp9"}, {"default.mp4", "h264"}}) {
            CliRun r = CliRun.processWithShippedFfmpeg(Map.of(), tmp, "render", "-e", "translate", "-i", clip.toString(),
                    "-o", tmp.resolve(c[0]).toString(), "--set", "model=1", "--set", "mix=0", "--no-sidecar", "--no-audio");
            assertEquals(ExitCodes.OK, r.code(), r.toString());
            try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(tmp.resolve(c[0]).toFile())) {
                g.start();
                assertEquals(c[1], g.getVideoCodecName(), c[0]);
            }
        }
    }

    @Test
    void h264BitRateFollowsQualityAndFrameSize() throws Exception {
        Path clip = TestMedia.clipWithSine(tmp, FRAMES);
        Path small = halfSize(clip, tmp.resolve("half.mp4"));
        long low = videoBytes(clip, "low", "low.mp4");
        long high = videoBytes(clip, "high", "high.mp4");
        long highSmall = videoBytes(small, "high", "high-small.mp4");
        System.out.printf("H.264, %d frames: 640x360 low %d bytes, high %d bytes; 320x180 high %d bytes%n",
                FRAMES, low, high, highSmall);
        // Targets: high is 4x low's bit-rate (two doublings), and a quarter of the pixels a quarter of the rate.
        assertTrue(high > 2 * low, "quality high " + high + " bytes vs low " + low);
        assertTrue(high > 2 * highSmall, "640x360 " + high + " bytes vs 320x180 " + highSmall);
    }

    @Test
    void onlyWhatWorksIsAdvertisedAndTheRestIsRefusedNamingIt() throws Exception {
        CliRun list = CliRun.processWithShippedFfmpeg(Map.of(), tmp, "render", "--list-codecs");
        assertEquals(ExitCodes.OK, list.code(), list.toString());
        for (String codec : List.of("h264", "vp9", "prores", "dnxhr", "ffv1")) {
            assertTrue(list.out().lines().anyMatch(l -> l.startsWith("  " + codec + " ") && l.endsWith("available")),
                    "the shipped FFmpeg has " + codec + ":\n" + list.out());
        }
        assertFalse(list.out().contains("missing"), list.out());

        CliRun help = CliRun.inProcess("render", "--help");
        assertFalse(help.out().toLowerCase(java.util.Locale.ROOT).contains("h265"), help.out());

        Path clip = TestMedia.clipWithSine(tmp, 2);
        Path out = tmp.resolve("refused.mp4");
        CliRun h265 = CliRun.inProcess("render", "-e", "translate", "-i", clip.toString(), "-o", out.toString(),
                "--codec", "h265");
        assertEquals(ExitCodes.USAGE, h265.code(), h265.toString());
        assertTrue(h265.err().contains("h264, vp9, prores, dnxhr or ffv1"), h265.err());
        CliRun crf = CliRun.inProcess("render", "-e", "translate", "-i", clip.toString(), "-o", out.toString(),
                "--crf", "10");
        assertEquals(ExitCodes.USAGE, crf.code(), crf.toString());
        assertTrue(crf.err().contains("--quality"), crf.err());
        assertFalse(Files.exists(out), "a refused render writes nothing");
    }

    private long videoBytes(Path input, String quality, String name) throws Exception {
        Path out = tmp.resolve(name);
        CliRun r = CliRun.processWithShippedFfmpeg(Map.of(), tmp, "render", "-e", "translate", "-i", input.toString(),
                "-o", out.toString(), "--set", "model=1", "--set", "mix=0", "--quality", quality, "--no-audio", "--no-sidecar");
        assertEquals(ExitCodes.OK, r.code(), r.toString());
        return Files.size(out);
    }

    /** The clip scaled to half its width and height (by FFmpeg's scaler in the recorder), at a generous rate. */
    private static Path halfSize(Path clip, Path out) throws Exception {
        try (VideoReader in = VideoReader.open(clip)) {
            int w = in.info().width() / 2;
            int h = in.info().height() / 2;
            FFmpegFrameRecorder r = new FFmpegFrameRecorder(out.toFile(), w, h, 0);
            r.setFormat("mp4");
            r.setVideoCodecName("libopenh264");
            r.setVideoBitrate(2_000_000);
            r.setFrameRate(in.info().frameRate());
            r.start();
            ImageView f;
            while ((f = in.next()) != null) {
                ByteBuffer rows = f.buffer().duplicate().position(f.rowOffset(0)).slice();
                r.recordImage(f.width(), f.height(), Frame.DEPTH_UBYTE, 4, f.rowStride(), AV_PIX_FMT_RGBA, rows);
            }
            r.stop();
            r.release();
        }
        return out;
    }
}
