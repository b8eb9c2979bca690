package org.manyfaces.video;

import static org.bytedeco.ffmpeg.global.avcodec.av_codec_is_encoder;
import static org.bytedeco.ffmpeg.global.avcodec.av_codec_iterate;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder_by_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_license;
import static org.bytedeco.ffmpeg.global.avformat.av_guess_format;

import java.util.ArrayList;
import java.util.List;

import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avformat.AVOutputFormat;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.ffmpeg.global.avutil;

/**
 * What the FFmpeg build on the class path can do, and process-wide FFmpeg settings.
 *
 * <p>JavaCV's default {@code ffmpeg} artifact, the one that ships, is the LGPL build: among others it has
 * {@code libopenh264}, {@code libvpx-vp9}, {@code prores_ks}, {@code dnxhd}, {@code ffv1}, {@code png},
 * {@code exr}, {@code aac} and {@code libopus}, but not the GPL encoders {@code libx264} and {@code libx265}
 * (docs/performance.md, "Video encoders", lists what {@code FfmpegEncodersBench} found). Encoders are looked up by name at run time,
 * never assumed. Note for tests: with JavaCV's {@code -gpl} jar anywhere on the class path, JavaCPP loads it
 * instead unless {@code org.bytedeco.javacpp.platform.extension} is set to the empty string.
 */
public final class FfmpegRuntime {
    private static volatile boolean initialised;
    private static volatile boolean showLibraryLog;

    private FfmpegRuntime() {
    }

    /**
     * Loads the natives once and silences FFmpeg's own console log: its lines ("[h264 @ 0x...] Invalid NAL
     * unit size") mean nothing to most users and dozens of them bury the one sentence the caller prints about
     * the problem ({@link MediaInputException}, {@link MediaOutputException}). {@link #showLibraryLog} brings
     * them back (the command line's {@code -v}).
     */
    public static void init() {
        if (!initialised) {
            synchronized (FfmpegRuntime.class) {
                if (!initialised) {
                    avutil.av_log_set_level(showLibraryLog ? avutil.AV_LOG_ERROR : avutil.AV_LOG_QUIET);
                    initialised = true;
                }
            }
        }
    }

    /** Shows FFmpeg's own error messages on stderr (true) or keeps them quiet (false, the default). */
    public static void showLibraryLog(boolean show) {
        synchronized (FfmpegRuntime.class) {
            showLibraryLog = show;
            if (initialised) {
                avutil.av_log_set_level(show ? avutil.AV_LOG_ERROR : avutil.AV_LOG_QUIET);
            }
        }
    }

    /** True when this FFmpeg build has an encoder with this name (e.g. "libx264", "prores_ks"). */
    public static boolean hasEncoder(String name) {
        init();
        AVCodec c = avcodec_find_encoder_by_name(name);
        return c != null && !c.isNull();
    }

    /** Every video encoder of this build, by FFmpeg name, in FFmpeg's order (what {@code ffmpeg -encoders} lists). */
    public static List<String> videoEncoders() {
        init();
        List<String> names = new ArrayList<>();
        Pointer iterator = new Pointer((Pointer) null);
        AVCodec c;
        while ((c = av_codec_iterate(iterator)) != null && !c.isNull()) {
            if (av_codec_is_encoder(c) != 0 && c.type() == avutil.AVMEDIA_TYPE_VIDEO) {
                names.add(c.name().getString());
            }
        }
        return names;
    }

    /** libavcodec's licence as the build states it ("LGPL version 3 or later" for JavaCV's default artifact). */
    public static String licence() {
        init();
        return avcodec_license().getString();
    }

    /** The FFmpeg muxer name for an output file name (by extension), or null when FFmpeg knows none. */
    public static String muxerFor(String fileName) {
        init();
        AVOutputFormat f = av_guess_format(null, fileName, null);
        return f == null || f.isNull() ? null : f.name().getString();
    }
}
