package org.manyfaces.video;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a {@link VideoWriter} encodes: codec, quality, container metadata and where the audio comes from.
 * Immutable; use the {@code with...} methods on {@link #defaults()}. Which settings apply to which codec is
 * checked when the writer's {@link EncoderPlan} is resolved, so a setting is never silently ignored.
 *
 * @param codec     video codec; null picks the container's default ({@link VideoCodec#defaultFor})
 * @param quality   quality level of H.264 and VP9; null is {@link VideoQuality#DEFAULT}
 * @param crf       VP9 only: libvpx's constant rate factor 0-63 (lower is better), instead of the quality level
 * @param bitRate   H.264 or VP9: target bit-rate in bit/s, instead of the quality level
 * @param profile   ProRes flavour (proxy, lt, standard, hq, 4444, 4444xq; default hq) or DNxHR flavour
 *                  (lb, sq, hq, hqx, 444; default hq); null for the default
 * @param metadata  container metadata key/values (title, comment, or any key; mp4/mov keep custom keys)
 * @param audioFrom file whose audio stream is carried into the output (normally the input video);
 *                  null for no audio. Audio is re-encoded (AAC; Opus in .webm), channels kept.
 */
public record VideoOutputOptions(VideoCodec codec, VideoQuality quality, Integer crf, Long bitRate, String profile,
                                 Map<String, String> metadata, Path audioFrom) {

    public VideoOutputOptions {
        if (crf != null && (crf < 0 || crf > 63)) {
            throw new IllegalArgumentException("--crf must be 0..63 (libvpx-vp9; lower is better), got " + crf);
        }
        if (bitRate != null && bitRate < 10_000) {
            throw new IllegalArgumentException("bit-rate must be at least 10k bit/s, got " + bitRate);
        }
        if (crf != null && bitRate != null) {
            throw new IllegalArgumentException("give either a CRF or a bit-rate, not both");
        }
        metadata = Map.copyOf(metadata == null ? Map.of() : metadata);
    }

    /**
     * Reads a bit-rate as written on a command line: bit/s, or with a k or M suffix (decimal, as FFmpeg's
     * {@code -b:v}): "8M", "2500k", "800000".
     */
    public static long parseBitRate(String text) {
        String t = text.trim();
        double scale = 1;
        if (t.endsWith("k") || t.endsWith("K")) {
            scale = 1e3;
        } else if (t.endsWith("m") || t.endsWith("M")) {
            scale = 1e6;
        }
        try {
            double v = Double.parseDouble(scale == 1 ? t : t.substring(0, t.length() - 1)) * scale;
            if (v > 0 && v < Long.MAX_VALUE) {
                return Math.round(v);
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException("--bitrate needs a rate such as 8M, 2500k or 800000, got '" + text + "'");
    }

    /** The container's default codec at the default quality, no metadata, no audio. */
    public static VideoOutputOptions defaults() {
        return new VideoOutputOptions(null, null, null, null, null, Map.of(), null);
    }

    public VideoOutputOptions withCodec(VideoCodec c) {
        return new VideoOutputOptions(c, quality, crf, bitRate, profile, metadata, audioFrom);
    }

    public VideoOutputOptions withQuality(VideoQuality q) {
        return new VideoOutputOptions(codec, q, crf, bitRate, profile, metadata, audioFrom);
    }

    public VideoOutputOptions withCrf(Integer value) {
        return new VideoOutputOptions(codec, quality, value, bitRate, profile, metadata, audioFrom);
    }

    public VideoOutputOptions withBitRate(Long value) {
        return new VideoOutputOptions(codec, quality, crf, value, profile, metadata, audioFrom);
    }

    public VideoOutputOptions withProfile(String value) {
        return new VideoOutputOptions(codec, quality, crf, bitRate, value, metadata, audioFrom);
    }

    /** Adds (or replaces) one container metadata entry. */
    public VideoOutputOptions withMetadata(String key, String value) {
        Map<String, String> m = new LinkedHashMap<>(metadata);
        m.put(key, value);
        return new VideoOutputOptions(codec, quality, crf, bitRate, profile, m, audioFrom);
    }

    public VideoOutputOptions withAudioFrom(Path source) {
        return new VideoOutputOptions(codec, quality, crf, bitRate, profile, metadata, source);
    }
}
