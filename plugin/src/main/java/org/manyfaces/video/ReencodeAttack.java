package org.manyfaces.video;

import java.nio.file.Files;
import java.nio.file.Path;

import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameFilter;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;

/**
 * What a platform or an editor does to a file, for the disclosure benches and tests, with FFmpeg itself: an
 * optional filter graph (crop, scale, brightness ...) and a re-encode with x264 at a constant quality (CRF).
 * Reads videos and still pictures alike (a picture becomes a one-frame clip). Needs an FFmpeg build with libx264
 * (the GPL build the tests put on the class path; the shipped LGPL build has none and gets a clear error).
 */
public final class ReencodeAttack {
    /** Crop 10 % of each side (FFmpeg filter syntax). */
    public static final String CROP_10 = "crop=trunc(iw*0.8/2)*2:trunc(ih*0.8/2)*2";
    /** Half the width and height, area-averaged. */
    public static final String HALF_SIZE = "scale=trunc(iw/4)*2:trunc(ih/4)*2:flags=area";

    private ReencodeAttack() {
    }

    /** A brightness change: luma times {@code gain} (e.g. 1.1 or 0.9), clipped. */
    public static String brightness(double gain) {
        return "lutyuv=y=clip(val*" + gain + "\\,0\\,255)";
    }

    /**
     * Writes {@code in} through {@code filters} (FFmpeg filter graph, or null for none) and re-encoded to
     * {@code out} (MP4, H.264 4:2:0, preset medium, CRF {@code crf}). Never overwrites {@code in}; leaves no
     * partial {@code out} on failure.
     */
    public static void h264(Path in, Path out, int crf, String filters) throws Exception {
        if (in.toAbsolutePath().normalize().equals(out.toAbsolutePath().normalize())) {
            throw new IllegalArgumentException("the re-encoded copy must not replace its input " + in);
        }
        if (!FfmpegRuntime.hasEncoder("libx264")) {
            throw new CodecUnavailableException("this FFmpeg build has no libx264 (the GPL build is a test-only dependency)");
        }
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(in.toFile())) {
            g.start();
            double rate = g.getFrameRate() > 0 && g.getFrameRate() < 1000 ? g.getFrameRate() : 25;
            // 4:2:0 needs even sizes: a final even crop after the caller's filters.
            String graph = (filters == null || filters.isBlank() ? "" : filters + ",")
                    + "crop=trunc(iw/2)*2:trunc(ih/2)*2,format=yuv420p";
            try (FFmpegFrameFilter f = new FFmpegFrameFilter(graph, g.getImageWidth(), g.getImageHeight())) {
                f.setPixelFormat(g.getPixelFormat());
                f.setFrameRate(rate);
                f.start();
                FFmpegFrameRecorder r = null;
                try {
                    Frame frame;
                    while ((frame = g.grabImage()) != null) {
                        f.push(frame);
                        Frame done;
                        while ((done = f.pullImage()) != null) {
                            if (r == null) {
                                r = recorder(out, done.imageWidth, done.imageHeight, rate, crf);
                            }
                            r.record(done, avutil.AV_PIX_FMT_YUV420P);
                        }
                    }
                    if (r != null) {
                        r.stop();
                    }
                } finally {
                    if (r != null) {
                        r.release();
                    }
                }
                f.stop();
            }
            g.stop();
        } catch (Exception e) {
            Files.deleteIfExists(out);
            throw e;
        }
    }

    private static FFmpegFrameRecorder recorder(Path out, int w, int h, double rate, int crf) throws Exception {
        FFmpegFrameRecorder r = new FFmpegFrameRecorder(out.toFile(), w, h, 0);
        r.setFormat("mp4");
        r.setVideoCodecName("libx264");
        r.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
        r.setFrameRate(rate);
        r.setVideoBitrate(0); // pure CRF
        r.setVideoOption("crf", Integer.toString(crf));
        r.setVideoOption("preset", "medium");
        r.start();
        return r;
    }
}
