package org.manyfaces.video;

import java.nio.file.Files;
import java.nio.file.Path;

import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;

/**
 * What a platform does to an upload, for the disclosure benches and tests: re-encode a video with x264 at a
 * constant quality (CRF) and a scale, through FFmpeg's own scaler. Needs an FFmpeg build with libx264 (the
 * GPL build the tests put on the class path; the shipped LGPL build has none and gets a clear error).
 */
public final class ReencodeAttack {
    private ReencodeAttack() {
    }

    /**
     * Writes {@code in} re-encoded to {@code out} (MP4, H.264 4:2:0, preset medium, CRF {@code crf}), each side
     * scaled by {@code scale} (rounded down to even). Never overwrites {@code in}.
     */
    public static void h264(Path in, Path out, int crf, double scale) throws Exception {
        if (in.toAbsolutePath().normalize().equals(out.toAbsolutePath().normalize())) {
            throw new IllegalArgumentException("the re-encoded copy must not replace its input " + in);
        }
        if (!FfmpegRuntime.hasEncoder("libx264")) {
            throw new CodecUnavailableException("this FFmpeg build has no libx264 (the GPL build is a test-only dependency)");
        }
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(in.toFile())) {
            g.start();
            int w = ((int) Math.floor(g.getImageWidth() * scale)) & ~1;
            int h = ((int) Math.floor(g.getImageHeight() * scale)) & ~1;
            try (FFmpegFrameRecorder r = new FFmpegFrameRecorder(out.toFile(), w, h, 0)) {
                r.setFormat("mp4");
                r.setVideoCodecName("libx264");
                r.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
                r.setFrameRate(g.getFrameRate() > 0 ? g.getFrameRate() : 25);
                r.setVideoBitrate(0); // pure CRF
                r.setVideoOption("crf", Integer.toString(crf));
                r.setVideoOption("preset", "medium");
                r.start();
                Frame f;
                while ((f = g.grabImage()) != null) {
                    r.record(f);
                }
                r.stop();
            }
            g.stop();
        } catch (Exception e) {
            Files.deleteIfExists(out);
            throw e;
        }
    }
}
