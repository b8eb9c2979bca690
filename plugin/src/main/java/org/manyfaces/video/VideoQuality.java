package org.manyfaces.video;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * One quality scale for the lossy codecs, mapped onto what each encoder really controls: for H.264
 * (OpenH264, which has no constant rate factor) a bit-rate in bits per pixel per frame, so it scales with
 * size and frame rate; for VP9 libvpx's CRF. Each step doubles the H.264 rate. ProRes, DNxHR and FFV1 are
 * chosen by flavour (or are lossless) and do not use it. docs/performance.md ("Video encoders") gives the measured size and PSNR.
 */
public enum VideoQuality {
    LOW(0.07, 40),
    MEDIUM(0.14, 32),
    HIGH(0.28, 24),
    BEST(0.56, 16);

    private final double h264BitsPerPixel;
    private final int vp9Crf;

    VideoQuality(double h264BitsPerPixel, int vp9Crf) {
        this.h264BitsPerPixel = h264BitsPerPixel;
        this.vp9Crf = vp9Crf;
    }

    /** The level used when none is given. */
    public static final VideoQuality DEFAULT = HIGH;

    /** H.264 bits per pixel per frame: HIGH is 0.28, about 14.5 Mbit/s for 1080p25 and 1.6 Mbit/s for 640x360 at 25. */
    public double h264BitsPerPixel() {
        return h264BitsPerPixel;
    }

    /** libvpx-vp9 CRF (0-63, lower is better). */
    public int vp9Crf() {
        return vp9Crf;
    }

    /** The H.264 bit-rate in bit/s for frames of this size and rate. */
    public long h264BitRate(int width, int height, double frameRate) {
        return Math.max(100_000L, Math.round(h264BitsPerPixel * width * height * frameRate));
    }

    /** The command-line name ("low" ... "best"). */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** "low, medium, high or best". */
    public static String names() {
        String all = Arrays.stream(values()).map(VideoQuality::cliName).collect(Collectors.joining(", "));
        int last = all.lastIndexOf(", ");
        return all.substring(0, last) + " or " + all.substring(last + 2);
    }

    public static VideoQuality parse(String s) {
        for (VideoQuality q : values()) {
            if (q.cliName().equals(s.trim().toLowerCase(Locale.ROOT))) {
                return q;
            }
        }
        throw new IllegalArgumentException("unknown quality '" + s + "': use " + names());
    }
}
