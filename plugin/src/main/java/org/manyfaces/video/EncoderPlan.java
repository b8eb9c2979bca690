package org.manyfaces.video;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV422P10LE;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV444P10LE;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The concrete FFmpeg encoder set-up for a {@link VideoOutputOptions} in a given container: which encoder,
 * pixel format, encoder options and bit-rate, plus human-readable notes about substitutions (print them).
 * Resolving is cheap and can be done before any file is touched, so a CLI can reject a bad combination
 * up front.
 *
 * @param encoderName FFmpeg encoder name ("libx264", "libopenh264", "libx265", "prores_ks")
 * @param pixelFormat FFmpeg {@code AV_PIX_FMT_*} value the encoder is fed
 * @param options     encoder private options (crf, preset, profile)
 * @param bitRate     target bit-rate in bit/s, 0 for quality-driven encoders
 * @param h264High    whether to request the H.264 High profile (libx264)
 * @param notes       what was substituted or ignored, in words
 */
public record EncoderPlan(String encoderName, int pixelFormat, Map<String, String> options, long bitRate,
                          boolean h264High, List<String> notes) {

    private static final Set<String> PRORES_MUXERS = Set.of("mov", "matroska");
    private static final Set<String> H26X_MUXERS = Set.of("mp4", "mov", "matroska", "ipod", "3gp");

    public EncoderPlan {
        options = Map.copyOf(options);
        notes = List.copyOf(notes);
    }

    /**
     * @param muxer FFmpeg muxer name of the output container (see {@link FfmpegRuntime#muxerFor})
     * @throws CodecUnavailableException when the build lacks every encoder for the codec, or the
     *                                   container cannot hold it; the message lists alternatives
     */
    public static EncoderPlan resolve(VideoOutputOptions o, String muxer, VideoInfo frames) {
        List<String> notes = new ArrayList<>();
        Map<String, String> opts = new LinkedHashMap<>();
        switch (o.codec()) {
            case H264: {
                requireMuxer(muxer, H26X_MUXERS, "H.264", ".mp4, .mov or .mkv");
                if (FfmpegRuntime.hasEncoder("libx264")) {
                    opts.put("crf", Integer.toString(o.crf() == null ? 18 : o.crf()));
                    opts.put("preset", o.preset() == null ? "medium" : o.preset());
                    return new EncoderPlan("libx264", AV_PIX_FMT_YUV420P, opts, 0, true, notes);
                }
                if (FfmpegRuntime.hasEncoder("libopenh264")) {
                    long rate = bitRate(o, frames);
                    notes.add("libx264 is not in this FFmpeg build (JavaCV's LGPL artifact); encoding H.264 with "
                            + "libopenh264 at " + String.format(Locale.ROOT, "%.2f", rate / 1e6) + " Mbit/s"
                            + (o.crf() != null || o.preset() != null ? " (crf/preset do not apply to it)" : "")
                            + ". For x264 quality use JavaCV's ffmpeg '-gpl' artifact, or ProRes.");
                    return new EncoderPlan("libopenh264", AV_PIX_FMT_YUV420P, opts, rate, false, notes);
                }
                throw new CodecUnavailableException("this FFmpeg build has no H.264 encoder (neither libx264 nor "
                        + "libopenh264); choose --codec prores with a .mov output");
            }
            case H265: {
                requireMuxer(muxer, H26X_MUXERS, "H.265", ".mp4, .mov or .mkv");
                if (!FfmpegRuntime.hasEncoder("libx265")) {
                    throw new CodecUnavailableException("H.265 needs the libx265 encoder, which this FFmpeg build does "
                            + "not include (JavaCV's LGPL ffmpeg artifact; the '-gpl' artifact has it). "
                            + "Choose --codec h264, or --codec prores with a .mov output.");
                }
                opts.put("crf", Integer.toString(o.crf() == null ? 20 : o.crf()));
                opts.put("preset", o.preset() == null ? "medium" : o.preset());
                opts.put("x265-params", "log-level=error"); // x265 logs on its own, past FFmpeg's log level
                return new EncoderPlan("libx265", AV_PIX_FMT_YUV420P, opts, 0, false, notes);
            }
            case PRORES: {
                requireMuxer(muxer, PRORES_MUXERS, "ProRes", ".mov or .mkv");
                if (!FfmpegRuntime.hasEncoder("prores_ks")) {
                    throw new CodecUnavailableException("this FFmpeg build has no prores_ks encoder; choose --codec h264");
                }
                int profile = o.proresProfile() == null ? 3 : o.proresProfile();
                opts.put("profile", Integer.toString(profile));
                if (o.crf() != null || o.preset() != null) {
                    notes.add("crf/preset do not apply to ProRes; quality follows the profile (" + profile + ")");
                }
                int pix = profile >= 4 ? AV_PIX_FMT_YUV444P10LE : AV_PIX_FMT_YUV422P10LE;
                return new EncoderPlan("prores_ks", pix, opts, 0, false, notes);
            }
            default:
                throw new AssertionError(o.codec());
        }
    }

    private static long bitRate(VideoOutputOptions o, VideoInfo f) {
        double bpp = o.bitsPerPixel() == null ? 0.15 : o.bitsPerPixel();
        return Math.max(100_000L, Math.round(bpp * f.width() * f.height() * f.frameRate()));
    }

    private static void requireMuxer(String muxer, Set<String> allowed, String codec, String extensions) {
        if (!allowed.contains(muxer)) {
            throw new CodecUnavailableException(codec + " cannot be written into a '" + muxer
                    + "' container here; use " + extensions);
        }
    }
}
