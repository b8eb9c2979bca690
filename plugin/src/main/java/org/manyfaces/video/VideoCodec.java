package org.manyfaces.video;

import java.util.Locale;

/** Video codecs a {@link VideoWriter} can produce, each tied to FFmpeg encoders by name. */
public enum VideoCodec {
    /** H.264: libx264 (crf/preset) when the build has it, otherwise libopenh264 (bit-rate driven). */
    H264("h264"),
    /** H.265/HEVC: libx265 only (GPL FFmpeg builds). */
    H265("h265"),
    /** Apple ProRes via prores_ks, 10-bit 4:2:2 (4:4:4 for the 4444 profiles); .mov or .mkv only. */
    PRORES("prores");

    private final String cliName;

    VideoCodec(String cliName) {
        this.cliName = cliName;
    }

    /** The name used on the command line ("h264", "h265", "prores"). */
    public String cliName() {
        return cliName;
    }

    /** Parses "h264"/"avc"/"x264", "h265"/"hevc"/"x265", "prores" (case-insensitive). */
    public static VideoCodec parse(String s) {
        switch (s.trim().toLowerCase(Locale.ROOT)) {
            case "h264", "avc", "x264", "libx264":
                return H264;
            case "h265", "hevc", "x265", "libx265":
                return H265;
            case "prores", "prores_ks":
                return PRORES;
            default:
                throw new IllegalArgumentException("unknown video codec '" + s + "': use h264, h265 or prores");
        }
    }
}
