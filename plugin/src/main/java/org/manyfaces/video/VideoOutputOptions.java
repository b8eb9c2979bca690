package org.manyfaces.video;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How a {@link VideoWriter} encodes: codec, quality, container metadata and where the audio comes from.
 * Immutable; use the {@code with...} methods on {@link #defaults()}.
 *
 * @param codec         video codec
 * @param crf           constant rate factor for libx264/libx265 (0–51, lower is better; null = 18 for H.264,
 *                      20 for H.265). Ignored (with a note) by libopenh264, which is bit-rate driven.
 * @param preset        x264/x265 speed preset ("ultrafast" … "veryslow"; null = "medium")
 * @param proresProfile prores_ks profile 0–5: proxy, lt, standard, hq, 4444, 4444xq (null = 3, HQ)
 * @param bitsPerPixel  bit-rate for encoders without crf (libopenh264), in bits per pixel per frame
 *                      (null = 0.15, i.e. about 2.2 Mbit/s for 720p25)
 * @param metadata      container metadata key/values (title, comment, or any key; mp4/mov keep custom keys)
 * @param audioFrom     file whose audio stream is carried into the output (normally the input video);
 *                      null for no audio. Audio is re-encoded to AAC, sample rate and channels kept.
 */
public record VideoOutputOptions(VideoCodec codec, Integer crf, String preset, Integer proresProfile,
                                 Double bitsPerPixel, Map<String, String> metadata, Path audioFrom) {

    public VideoOutputOptions {
        Objects.requireNonNull(codec, "codec");
        if (crf != null && (crf < 0 || crf > 51)) {
            throw new IllegalArgumentException("crf must be 0..51, got " + crf);
        }
        if (proresProfile != null && (proresProfile < 0 || proresProfile > 5)) {
            throw new IllegalArgumentException("ProRes profile must be 0..5 (proxy, lt, standard, hq, 4444, 4444xq), got "
                    + proresProfile);
        }
        if (bitsPerPixel != null && !(bitsPerPixel > 0)) {
            throw new IllegalArgumentException("bits per pixel must be positive, got " + bitsPerPixel);
        }
        metadata = Map.copyOf(metadata == null ? Map.of() : metadata);
    }

    /** H.264, default quality, no metadata, no audio. */
    public static VideoOutputOptions defaults() {
        return new VideoOutputOptions(VideoCodec.H264, null, null, null, null, Map.of(), null);
    }

    public VideoOutputOptions withCodec(VideoCodec c) {
        return new VideoOutputOptions(c, crf, preset, proresProfile, bitsPerPixel, metadata, audioFrom);
    }

    public VideoOutputOptions withCrf(Integer value) {
        return new VideoOutputOptions(codec, value, preset, proresProfile, bitsPerPixel, metadata, audioFrom);
    }

    public VideoOutputOptions withPreset(String value) {
        return new VideoOutputOptions(codec, crf, value, proresProfile, bitsPerPixel, metadata, audioFrom);
    }

    public VideoOutputOptions withProresProfile(Integer value) {
        return new VideoOutputOptions(codec, crf, preset, value, bitsPerPixel, metadata, audioFrom);
    }

    public VideoOutputOptions withBitsPerPixel(Double value) {
        return new VideoOutputOptions(codec, crf, preset, proresProfile, value, metadata, audioFrom);
    }

    /** Adds (or replaces) one container metadata entry. */
    public VideoOutputOptions withMetadata(String key, String value) {
        Map<String, String> m = new LinkedHashMap<>(metadata);
        m.put(key, value);
        return new VideoOutputOptions(codec, crf, preset, proresProfile, bitsPerPixel, m, audioFrom);
    }

    public VideoOutputOptions withAudioFrom(Path source) {
        return new VideoOutputOptions(codec, crf, preset, proresProfile, bitsPerPixel, metadata, source);
    }
}
