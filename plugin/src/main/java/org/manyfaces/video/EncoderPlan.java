package org.manyfaces.video;

import static org.bytedeco.ffmpeg.global.avcodec.AV_PROFILE_H264_HIGH;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PROFILE_UNKNOWN;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGR0;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV422P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV422P10LE;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV444P10LE;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The concrete FFmpeg encoder set-up for a {@link VideoOutputOptions} in a given container: which encoder,
 * pixel format, encoder options, bit-rate and profile, the audio encoder, and a one-line summary to print.
 * Resolving is cheap and done before any file is touched, so a bad combination (a codec the container
 * cannot hold, a setting the codec does not have) is refused up front, never silently ignored.
 *
 * @param codec        the codec
 * @param encoderName  FFmpeg encoder name ("libopenh264", "libvpx-vp9", "prores_ks", "dnxhd", "ffv1")
 * @param pixelFormat  FFmpeg {@code AV_PIX_FMT_*} value the encoder is fed
 * @param options      encoder private options (crf, profile, ...)
 * @param bitRate      target bit-rate in bit/s, 0 for encoders that do not take one (quality or flavour driven)
 * @param videoProfile FFmpeg {@code AV_PROFILE_*} to request, or {@code AV_PROFILE_UNKNOWN}
 * @param audioCodec   FFmpeg audio encoder for carried-over audio ("aac", or "libopus" for WebM)
 * @param summary      what will be written, in words ("H.264 (OpenH264) High profile at 1.61 Mbit/s ...")
 */
public record EncoderPlan(VideoCodec codec, String encoderName, int pixelFormat, Map<String, String> options,
                          long bitRate, int videoProfile, String audioCodec, String summary) {

    /** ProRes flavours in prores_ks profile order (0-5). */
    private static final List<String> PRORES_FLAVOURS = List.of("proxy", "lt", "standard", "hq", "4444", "4444xq");
    /** DNxHR flavours, FFmpeg's dnxhd profile names without the "dnxhr_" prefix. */
    private static final List<String> DNXHR_FLAVOURS = List.of("lb", "sq", "hq", "hqx", "444");

    public EncoderPlan {
        options = Map.copyOf(options);
    }

    /**
     * @param muxer FFmpeg muxer name of the output container (see {@link FfmpegRuntime#muxerFor})
     * @param frames size and rate of the frames to be written (the H.264 rate follows them)
     * @throws CodecUnavailableException when the container cannot hold the codec, a setting does not apply
     *                                   to it, or the FFmpeg build lacks its encoder; the message says what to use
     */
    public static EncoderPlan resolve(VideoOutputOptions o, String muxer, VideoInfo frames) {
        VideoCodec codec = o.codec() != null ? o.codec() : VideoCodec.defaultFor(muxer);
        if (codec == null) {
            throw new CodecUnavailableException("no video codec is offered for a '" + muxer + "' container; use .mp4, "
                    + ".mov, .webm or .mkv");
        }
        if (!codec.fits(muxer)) {
            String fitting = VideoCodec.namesFitting(muxer);
            throw new CodecUnavailableException(codec.label() + " cannot be written into a '" + muxer + "' container; "
                    + "use " + codec.extensions() + (fitting.isEmpty() ? "" : ", or --codec " + fitting + " here"));
        }
        if (!FfmpegRuntime.hasEncoder(codec.encoder())) {
            throw new CodecUnavailableException("this FFmpeg build has no " + codec.encoder() + " encoder, so "
                    + codec.label() + " cannot be written; choose another --codec (" + VideoCodec.names() + ")");
        }
        String audio = muxer.equals("webm") ? "libopus" : "aac"; // WebM holds only Opus or Vorbis
        return switch (codec) {
            case H264 -> h264(o, frames, audio);
            case VP9 -> vp9(o, audio);
            case PRORES -> prores(o, audio);
            case DNXHR -> dnxhr(o, audio);
            case FFV1 -> ffv1(o, audio);
        };
    }

    private static EncoderPlan h264(VideoOutputOptions o, VideoInfo f, String audio) {
        refuse(o.crf() != null, "--crf applies to --codec vp9 only: OpenH264 (the H.264 encoder of the shipped FFmpeg) "
                + "has no constant rate factor; use --quality " + VideoQuality.names() + ", or --bitrate");
        refuseProfile(o, VideoCodec.H264, "H.264 is always written in the High profile");
        VideoQuality q = quality(o);
        long rate = o.bitRate() != null ? o.bitRate() : q.h264BitRate(f.width(), f.height(), f.frameRate());
        String why = o.bitRate() != null ? "as asked"
                : String.format(Locale.ROOT, "quality %s: %.2f bits per pixel per frame", q.cliName(), q.h264BitsPerPixel());
        // High profile lets OpenH264 use CABAC (about 2% smaller at the same PSNR here); every player has it.
        return new EncoderPlan(VideoCodec.H264, "libopenh264", AV_PIX_FMT_YUV420P, Map.of(), rate, AV_PROFILE_H264_HIGH,
                audio, String.format(Locale.ROOT, "%s, High profile, %s at %s (%s)", VideoCodec.H264.label(),
                        "4:2:0 8-bit", mbits(rate), why));
    }

    private static EncoderPlan vp9(VideoOutputOptions o, String audio) {
        refuseProfile(o, VideoCodec.VP9, "VP9 is written in profile 0 (8-bit 4:2:0)");
        Map<String, String> opts = new LinkedHashMap<>();
        // "good" with cpu-used 4 is libvpx's usual speed/quality compromise for files; row-mt spreads one frame
        // over the cores, which matters because frames arrive one at a time.
        opts.put("deadline", "good");
        opts.put("cpu-used", "4");
        opts.put("row-mt", "1");
        long rate = 0;
        String summary;
        if (o.bitRate() != null) {
            rate = o.bitRate();
            summary = VideoCodec.VP9.label() + ", 4:2:0 8-bit, " + mbits(rate) + " (as asked)";
        } else {
            int crf = o.crf() != null ? o.crf() : quality(o).vp9Crf();
            opts.put("crf", Integer.toString(crf));
            // With crf and a zero bit-rate libvpx encodes at constant quality; any bit-rate would cap it.
            summary = VideoCodec.VP9.label() + ", 4:2:0 8-bit, constant quality CRF " + crf
                    + (o.crf() != null ? "" : " (quality " + quality(o).cliName() + ")");
        }
        return new EncoderPlan(VideoCodec.VP9, "libvpx-vp9", AV_PIX_FMT_YUV420P, opts, rate, AV_PROFILE_UNKNOWN, audio, summary);
    }

    private static EncoderPlan prores(VideoOutputOptions o, String audio) {
        refuseRateSettings(o, VideoCodec.PRORES, "its data rate follows the flavour (--profile "
                + String.join("|", PRORES_FLAVOURS) + ")");
        String flavour = flavour(o, VideoCodec.PRORES, PRORES_FLAVOURS, "hq");
        int profile = PRORES_FLAVOURS.indexOf(flavour);
        boolean chroma444 = profile >= 4;
        return new EncoderPlan(VideoCodec.PRORES, "prores_ks", chroma444 ? AV_PIX_FMT_YUV444P10LE : AV_PIX_FMT_YUV422P10LE,
                Map.of("profile", Integer.toString(profile)), 0, AV_PROFILE_UNKNOWN, audio,
                VideoCodec.PRORES.label() + " " + flavour + ", " + (chroma444 ? "4:4:4" : "4:2:2") + " 10-bit");
    }

    private static EncoderPlan dnxhr(VideoOutputOptions o, String audio) {
        refuseRateSettings(o, VideoCodec.DNXHR, "its data rate follows the flavour (--profile "
                + String.join("|", DNXHR_FLAVOURS) + ")");
        String flavour = flavour(o, VideoCodec.DNXHR, DNXHR_FLAVOURS, "hq");
        int pix = switch (flavour) {
            case "hqx" -> AV_PIX_FMT_YUV422P10LE;
            case "444" -> AV_PIX_FMT_YUV444P10LE;
            default -> AV_PIX_FMT_YUV422P;
        };
        String sampling = switch (flavour) {
            case "hqx" -> "4:2:2 10-bit";
            case "444" -> "4:4:4 10-bit";
            default -> "4:2:2 8-bit";
        };
        return new EncoderPlan(VideoCodec.DNXHR, "dnxhd", pix, Map.of("profile", "dnxhr_" + flavour), 0,
                AV_PROFILE_UNKNOWN, audio, VideoCodec.DNXHR.label() + " " + flavour + ", " + sampling);
    }

    private static EncoderPlan ffv1(VideoOutputOptions o, String audio) {
        refuseRateSettings(o, VideoCodec.FFV1, "it is lossless");
        refuseProfile(o, VideoCodec.FFV1, "it is lossless");
        // RGB (bgr0), not YUV: the frames arrive as RGBA, so any YUV conversion would already lose. Version 3
        // with slice CRCs is the archival set-up (error detection per slice, multithreaded decoding).
        // Every frame a key frame (g 1), as archives do: one damaged frame never spoils the ones after it.
        Map<String, String> opts = new LinkedHashMap<>();
        opts.put("level", "3");
        opts.put("slicecrc", "1");
        opts.put("g", "1");
        return new EncoderPlan(VideoCodec.FFV1, "ffv1", AV_PIX_FMT_BGR0, opts, 0, AV_PROFILE_UNKNOWN, audio,
                VideoCodec.FFV1.label() + " (version 3, RGB 8-bit, bit-exact)");
    }

    private static VideoQuality quality(VideoOutputOptions o) {
        return o.quality() != null ? o.quality() : VideoQuality.DEFAULT;
    }

    private static void refuseRateSettings(VideoOutputOptions o, VideoCodec codec, String why) {
        String given = o.quality() != null ? "--quality" : o.crf() != null ? "--crf" : o.bitRate() != null ? "--bitrate" : null;
        refuse(given != null, given + " does not apply to " + codec.label() + ": " + why);
    }

    private static void refuseProfile(VideoOutputOptions o, VideoCodec codec, String why) {
        refuse(o.profile() != null, "--profile does not apply to " + codec.label() + ": " + why
                + " (--profile chooses the ProRes or DNxHR flavour)");
    }

    private static String flavour(VideoOutputOptions o, VideoCodec codec, List<String> flavours, String fallback) {
        if (o.profile() == null) {
            return fallback;
        }
        String p = o.profile().trim().toLowerCase(Locale.ROOT).replace("dnxhr_", "").replace(" ", "");
        refuse(!flavours.contains(p), "unknown " + codec.label() + " flavour '" + o.profile() + "': use "
                + String.join(", ", flavours));
        return p;
    }

    private static void refuse(boolean condition, String message) {
        if (condition) {
            throw new CodecUnavailableException(message);
        }
    }

    private static String mbits(long rate) {
        return String.format(Locale.ROOT, "%.2f Mbit/s", rate / 1e6);
    }
}
