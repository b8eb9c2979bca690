package org.manyfaces.video;

import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder_by_name;
import static org.bytedeco.ffmpeg.global.avformat.av_guess_format;

import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avformat.AVOutputFormat;
import org.bytedeco.ffmpeg.global.avutil;

/**
 * What the FFmpeg build on the class path can do, and process-wide FFmpeg settings.
 *
 * <p>JavaCV's default {@code ffmpeg} artifact is the LGPL build: it has {@code libopenh264},
 * {@code prores_ks}, {@code png}, {@code exr} and {@code aac}, but not the GPL encoders {@code libx264} and
 * {@code libx265}. Encoders are therefore looked up by name at run time, never assumed.
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

    /** The FFmpeg muxer name for an output file name (by extension), or null when FFmpeg knows none. */
    public static String muxerFor(String fileName) {
        init();
        AVOutputFormat f = av_guess_format(null, fileName, null);
        return f == null || f.isNull() ? null : f.name().getString();
    }
}
