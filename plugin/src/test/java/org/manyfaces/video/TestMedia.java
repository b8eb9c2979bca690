package org.manyfaces.video;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_RGBA;

import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.nio.ShortBuffer;
import java.nio.file.Path;

import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.manyfaces.image.ImageView;
import org.manyfaces.testsupport.SharedFiles;

/** Test clips: the shared face clip, and copies of it made here with a known audio track. */
public final class TestMedia {
    public static final double SINE_HZ = 440.0;
    static final int SAMPLE_RATE = 44_100;

    private TestMedia() {
    }

    static Path faceClip() {
        return SharedFiles.media("faces_pd_640x360_6s.mp4");
    }

    /**
     * The first {@code frames} frames of the face clip plus a mono {@value #SINE_HZ} Hz sine of the same
     * duration, AAC in mp4 — written with FFmpegFrameRecorder directly, independent of VideoWriter.
     */
    public static Path clipWithSine(Path dir, int frames) throws Exception {
        Path out = dir.resolve("with_sine.mp4");
        try (VideoReader in = VideoReader.open(faceClip())) {
            VideoInfo info = in.info();
            FFmpegFrameRecorder r = new FFmpegFrameRecorder(out.toFile(), info.width(), info.height(), 1);
            r.setFormat("mp4");
            r.setVideoCodecName("libopenh264");
            r.setVideoBitrate(2_000_000);
            r.setFrameRate(info.frameRate());
            r.setAudioCodecName("aac");
            r.setSampleRate(SAMPLE_RATE);
            r.setAudioBitrate(128_000);
            r.start();
            int perFrame = (int) (SAMPLE_RATE / info.frameRate());
            ShortBuffer samples = ShortBuffer.allocate(perFrame);
            long n = 0;
            for (int i = 0; i < frames; i++) {
                ImageView f = in.next();
                ByteBuffer rows = f.buffer().duplicate().position(f.rowOffset(0)).slice();
                r.recordImage(f.width(), f.height(), Frame.DEPTH_UBYTE, 4, f.rowStride(), AV_PIX_FMT_RGBA, rows);
                samples.clear();
                for (int k = 0; k < perFrame; k++, n++) {
                    samples.put((short) Math.round(12000 * Math.sin(2 * Math.PI * SINE_HZ * n / SAMPLE_RATE)));
                }
                samples.flip();
                r.recordSamples(SAMPLE_RATE, 1, samples);
            }
            r.stop();
            r.release();
        }
        return out;
    }

    /** Decoded audio of a file: {sample rate, channels, frequency by zero crossings, duration s}. */
    public static double[] analyseAudio(Path file) throws Exception {
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(file.toFile())) {
            g.start();
            if (!g.hasAudio()) {
                return null;
            }
            long count = 0;
            long crossings = 0;
            float prev = 0;
            Frame f;
            while ((f = g.grabSamples()) != null) {
                if (f.samples == null) {
                    continue;
                }
                java.nio.Buffer ch0 = f.samples[0]; // interleaved s16 by default, or planar float
                int step = f.samples.length > 1 ? 1 : f.audioChannels;
                for (int i = ch0.position(); i < ch0.limit(); i += step) {
                    float v = ch0 instanceof FloatBuffer fb ? fb.get(i) : ((ShortBuffer) ch0).get(i);
                    if ((prev < 0 && v >= 0) || (prev >= 0 && v < 0)) {
                        crossings++;
                    }
                    prev = v;
                    count++;
                }
            }
            double seconds = count / (double) g.getSampleRate();
            return new double[] {g.getSampleRate(), g.getAudioChannels(), crossings / 2.0 / seconds, seconds};
        }
    }

    /** Mean absolute difference over all RGB values, in 0..1. */
    public static double meanAbsDiff(ImageView a, ImageView b) {
        double sum = 0;
        for (int y = 0; y < a.height(); y++) {
            for (int x = 0; x < a.width(); x++) {
                for (int c = 0; c < 3; c++) {
                    sum += Math.abs(a.get(x, y, c) - b.get(x, y, c));
                }
            }
        }
        return sum / (3.0 * a.width() * a.height());
    }
}
