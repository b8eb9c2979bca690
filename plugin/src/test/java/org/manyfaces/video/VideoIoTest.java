package org.manyfaces.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.manyfaces.image.ImageView;
import org.manyfaces.image.PixelFormat;

class VideoIoTest {
    @TempDir
    Path tmp;

    @Test
    void readsTheFaceClipsDocumentedShape() throws Exception {
        try (VideoReader r = VideoReader.open(TestMedia.faceClip())) {
            VideoInfo info = r.info();
            assertEquals(640, info.width());
            assertEquals(360, info.height());
            assertEquals(25.0, info.frameRate(), 1e-6);
            assertEquals(150, info.frameCount());
            assertTrue(info.frameCountExact());
            // The clip's pixels are very slightly non-square (SAR 1260:1259, from its scale filter).
            assertEquals(1260.0 / 1259, info.pixelAspect(), 1e-6);
            assertEquals(0, info.rotationDegrees());
            assertFalse(info.hasAudio());
            assertEquals("h264", info.codecName());

            ImageView first = r.next();
            assertEquals(PixelFormat.RGBA_U8, first.format());
            int frames = 1;
            ImageView f;
            while ((f = r.next()) != null) {
                // Steady state: the same buffer every frame, no per-frame frame-sized allocation.
                assertSame(first.buffer(), f.buffer(), "frame " + frames + " came in a new buffer");
                frames++;
            }
            assertEquals(150, frames);
            assertEquals(150, r.framesRead());
        }
    }

    @Test
    void identityRoundTripKeepsCountSizeRateAndPictures() throws Exception {
        Path out = tmp.resolve("copy.mp4");
        try (FrameSource in = VideoReader.open(TestMedia.faceClip());
             FrameSink sink = VideoWriter.open(out, in.info(), VideoOutputOptions.defaults().withQuality(VideoQuality.BEST))) {
            FramePipeline.Result r = FramePipeline.builder(in, sink).build().run();
            assertEquals(150, r.frames());
        }
        try (VideoReader a = VideoReader.open(TestMedia.faceClip()); VideoReader b = VideoReader.open(out)) {
            VideoInfo info = b.info();
            assertEquals(640, info.width());
            assertEquals(360, info.height());
            assertEquals(25.0, info.frameRate(), 1e-6);
            assertEquals(150, info.frameCount());
            assertFalse(info.hasAudio());
            assertEquals(a.info().pixelAspect(), info.pixelAspect(), 1e-3);
            int n = 0;
            double worst = 0;
            ImageView copy = ImageView.allocate(640, 360, PixelFormat.RGBA_U8);
            ImageView fa;
            while ((fa = a.next()) != null) {
                copy.copyFrom(fa);
                ImageView fb = b.next();
                assertNotNull(fb, "output ends early at frame " + n);
                worst = Math.max(worst, TestMedia.meanAbsDiff(copy, fb));
                n++;
            }
            assertNull(b.next(), "output has more frames than the input");
            // Lossy re-encode: close to the source everywhere (a shifted or wrong frame differs by >0.05).
            assertTrue(worst < 0.02, "worst mean abs difference " + worst);
        }
        assertNoPartialFiles();
    }

    @Test
    void keepsTheAudioStream() throws Exception {
        Path src = TestMedia.clipWithSine(tmp, 50);
        double[] before = TestMedia.analyseAudio(src);
        assertNotNull(before, "test input should have audio");
        assertEquals(TestMedia.SINE_HZ, before[2], 5.0);

        Path out = tmp.resolve("with_audio.mp4");
        try (FrameSource in = VideoReader.open(src)) {
            assertTrue(in.info().hasAudio());
            try (FrameSink sink = VideoWriter.open(out, in.info(), VideoOutputOptions.defaults().withAudioFrom(src))) {
                FramePipeline.builder(in, sink).build().run();
            }
        }
        try (VideoReader r = VideoReader.open(out)) {
            assertTrue(r.info().hasAudio(), "output lost its audio");
            assertEquals(1, r.info().audioChannels());
            assertEquals(TestMedia.SAMPLE_RATE, r.info().audioSampleRate());
            assertEquals(50, r.info().frameCount());
        }
        double[] after = TestMedia.analyseAudio(out);
        assertNotNull(after);
        assertEquals(TestMedia.SINE_HZ, after[2], 5.0, "the tone changed pitch");
        assertEquals(2.0, after[3], 0.1, "audio duration (50 frames at 25 fps)");

        // Rendering only the first 25 frames keeps the first second of sound.
        Path half = tmp.resolve("half.mp4");
        try (FrameSource in = VideoReader.open(src);
             FrameSink sink = VideoWriter.open(half, in.info(), VideoOutputOptions.defaults().withAudioFrom(src))) {
            FramePipeline.builder(in, sink).maxFrames(25).build().run();
        }
        double[] halfAudio = TestMedia.analyseAudio(half);
        assertNotNull(halfAudio);
        assertEquals(1.0, halfAudio[3], 0.1, "audio duration (25 frames at 25 fps)");
        assertEquals(TestMedia.SINE_HZ, halfAudio[2], 5.0);
    }

    @Test
    void writesProResMovWithMetadata() throws Exception {
        Path out = tmp.resolve("pro.mov");
        VideoOutputOptions o = VideoOutputOptions.defaults().withCodec(VideoCodec.PRORES).withProfile("lt")
                .withMetadata("title", "ManyFaces test").withMetadata("manyfaces_preset", "swap-default");
        try (FrameSource in = VideoReader.open(TestMedia.faceClip()); FrameSink sink = VideoWriter.open(out, in.info(), o)) {
            FramePipeline.builder(in, sink).maxFrames(10).build().run();
        }
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(out.toFile())) {
            g.start();
            assertEquals("prores", g.getVideoCodecName());
            assertEquals("ManyFaces test", g.getMetadata("title"));
            assertEquals("swap-default", g.getMetadata("manyfaces_preset"));
            assertEquals(25.0, g.getVideoFrameRate(), 1e-6);
        }
        try (VideoReader r = VideoReader.open(out)) {
            assertEquals(10, r.info().frameCount());
        }
    }

    @Test
    void keepsPixelAspectAndRotation() throws Exception {
        Path out = tmp.resolve("anamorphic.mp4");
        VideoInfo like;
        try (VideoReader in = VideoReader.open(TestMedia.faceClip())) {
            VideoInfo i = in.info();
            like = new VideoInfo(i.width(), i.height(), 30000.0 / 1001, 5, true, 4.0 / 3, 90, false, 0, 0, "h264");
        }
        try (VideoWriter w = VideoWriter.open(out, like, VideoOutputOptions.defaults())) {
            ImageView grey = ImageView.allocate(like.width(), like.height(), PixelFormat.RGBA_U8);
            for (int i = 0; i < 5; i++) {
                w.write(grey);
            }
            w.finish();
        }
        try (VideoReader r = VideoReader.open(out)) {
            assertEquals(4.0 / 3, r.info().pixelAspect(), 1e-3);
            assertEquals(90, r.info().rotationDegrees());
            assertEquals(30000.0 / 1001, r.info().frameRate(), 1e-6);
            assertEquals(5, r.info().frameCount());
        }
    }

    @Test
    void codecsTheBuildLacksOrTheContainerRefusesAreClearUsageErrors() throws Exception {
        VideoInfo info;
        try (VideoReader in = VideoReader.open(TestMedia.faceClip())) {
            info = in.info();
        }
        CodecUnavailableException e = assertThrows(CodecUnavailableException.class,
                () -> VideoWriter.open(tmp.resolve("p.mp4"), info, VideoOutputOptions.defaults().withCodec(VideoCodec.PRORES)));
        assertTrue(e.getMessage().contains(".mov"), e.getMessage());
        String h265 = assertThrows(IllegalArgumentException.class, () -> VideoCodec.parse("h265")).getMessage();
        assertTrue(h265.contains("h264, vp9, prores, dnxhr or ffv1") && h265.contains("x265"), h265);
        e = assertThrows(CodecUnavailableException.class,
                () -> VideoWriter.open(tmp.resolve("f.mp4"), info, VideoOutputOptions.defaults().withCodec(VideoCodec.FFV1)));
        assertTrue(e.getMessage().contains(".mkv") && e.getMessage().contains("--codec h264"), e.getMessage());
        e = assertThrows(CodecUnavailableException.class,
                () -> VideoWriter.open(tmp.resolve("noext"), info, VideoOutputOptions.defaults()));
        assertTrue(e.getMessage().contains(".mp4"), e.getMessage());
        VideoInfo odd = new VideoInfo(641, 360, 25, 10, true, 1, 0, false, 0, 0, "synthetic");
        e = assertThrows(CodecUnavailableException.class,
                () -> VideoWriter.open(tmp.resolve("odd.mp4"), odd, VideoOutputOptions.defaults()));
        assertTrue(e.getMessage().contains("641x360") && e.getMessage().contains("even width"), e.getMessage());
        // Settings a codec does not have are refused, never ignored: OpenH264 has no CRF, ProRes no quality scale.
        e = assertThrows(CodecUnavailableException.class,
                () -> EncoderPlan.resolve(VideoOutputOptions.defaults().withCrf(20), "mp4", info));
        assertTrue(e.getMessage().contains("--quality") && e.getMessage().contains("vp9"), e.getMessage());
        e = assertThrows(CodecUnavailableException.class,
                () -> EncoderPlan.resolve(VideoOutputOptions.defaults().withQuality(VideoQuality.LOW), "mov", info));
        assertTrue(e.getMessage().contains("ProRes") && e.getMessage().contains("--profile"), e.getMessage());
        e = assertThrows(CodecUnavailableException.class, () -> EncoderPlan.resolve(
                VideoOutputOptions.defaults().withCodec(VideoCodec.DNXHR).withProfile("ultra"), "mov", info));
        assertTrue(e.getMessage().contains("lb, sq, hq, hqx, 444"), e.getMessage());
        try (Stream<Path> s = Files.list(tmp)) {
            assertEquals(List.of(), s.toList(), "a refused codec must not leave files behind");
        }
    }

    @Test
    void unreadableInputsSayWhatIsWrong() throws Exception {
        MediaInputException e = assertThrows(MediaInputException.class, () -> VideoReader.open(tmp.resolve("nope.mp4")));
        assertTrue(e.getMessage().contains("nope.mp4") && e.getMessage().contains("does not exist"), e.getMessage());

        Path text = Files.writeString(tmp.resolve("notes.mp4"), "this is not a video\n".repeat(20));
        e = assertThrows(MediaInputException.class, () -> VideoReader.open(text));
        assertTrue(e.getMessage().contains("notes.mp4") && e.getMessage().contains("cannot read"), e.getMessage());
        assertFalse(e.getMessage().contains("FFmpegLogCallback"), e.getMessage());

        Path png = TestMedia.faceClip().resolveSibling("astronaut_eileen_collins.png");
        // A still image is readable as a one-frame "video"; an audio-only file is not a video.
        Path sine = TestMedia.clipWithSine(tmp, 5);
        Path audioOnly = tmp.resolve("audio.m4a");
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(sine.toFile())) {
            g.start();
            org.bytedeco.javacv.FFmpegFrameRecorder r = new org.bytedeco.javacv.FFmpegFrameRecorder(audioOnly.toFile(), 1);
            r.setFormat("mp4");
            r.setAudioCodecName("aac");
            r.setSampleRate(g.getSampleRate());
            r.start();
            org.bytedeco.javacv.Frame f;
            while ((f = g.grabSamples()) != null) {
                r.record(f);
            }
            r.stop();
            r.release();
        }
        e = assertThrows(MediaInputException.class, () -> VideoReader.open(audioOnly));
        assertTrue(e.getMessage().contains("no video stream"), e.getMessage());
        assertTrue(Files.exists(png));
    }

    @Test
    void unwritableOutputsSayWhatIsWrongAndLeaveNothing() throws Exception {
        VideoInfo info;
        try (VideoReader in = VideoReader.open(TestMedia.faceClip())) {
            info = in.info();
        }
        MediaOutputException e = assertThrows(MediaOutputException.class,
                () -> VideoWriter.open(tmp.resolve("missing/out.mp4"), info, VideoOutputOptions.defaults()));
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());

        Files.createDirectory(tmp.resolve("adir.mp4"));
        e = assertThrows(MediaOutputException.class,
                () -> VideoWriter.open(tmp.resolve("adir.mp4"), info, VideoOutputOptions.defaults()));
        assertTrue(e.getMessage().contains("is a folder"), e.getMessage());

        // /proc refuses new files even for root, so this is a real unwritable folder on Linux.
        Path proc = Path.of("/proc");
        if (Files.isDirectory(proc)) {
            e = assertThrows(MediaOutputException.class,
                    () -> VideoWriter.open(proc.resolve("manyfaces-out.mp4"), info, VideoOutputOptions.defaults()));
            assertTrue(e.getMessage().contains("not writable"), e.getMessage());
        }
    }

    @Test
    void mediaFilesPicksReaderAndWriterFromTheName() throws Exception {
        VideoInfo info;
        try (FrameSource s = MediaFiles.openSource(TestMedia.faceClip().toString(), 25)) {
            assertTrue(s instanceof VideoReader);
            info = s.info();
        }
        try (FrameSink s = MediaFiles.openSink(tmp.resolve("f_%03d.png").toString(), info, VideoOutputOptions.defaults(), null)) {
            assertTrue(s instanceof ImageSequenceWriter);
        }
        CodecUnavailableException e = assertThrows(CodecUnavailableException.class,
                () -> MediaFiles.openSink(tmp.resolve("one.png").toString(), info, VideoOutputOptions.defaults(), null));
        assertTrue(e.getMessage().contains("%04d"), e.getMessage());
        assertEquals(Map.of(), Map.of());
    }

    private void assertNoPartialFiles() throws Exception {
        try (Stream<Path> s = Files.list(tmp)) {
            List<Path> partial = s.filter(p -> p.getFileName().toString().contains(".partial-")).toList();
            assertEquals(List.of(), partial);
        }
    }
}
