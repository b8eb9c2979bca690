package org.manyfaces.video;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The video codecs a {@link VideoWriter} offers, each tied to the FFmpeg encoder that makes it and the
 * containers that may hold it. Only encoders of JavaCV's LGPL FFmpeg build, which is what ships, are
 * offered (docs/performance.md, "Video encoders"): it has no libx264/libx265, so there is no H.265 and H.264
 * comes from OpenH264.
 */
public enum VideoCodec {
    /** H.264 High profile through OpenH264 (bit-rate driven; the rate follows size, frame rate and quality). */
    H264("h264", "libopenh264", "H.264 (OpenH264)", Set.of("mp4", "mov", "matroska")),
    /** VP9 through libvpx, constant quality (CRF) unless a bit-rate is given. */
    VP9("vp9", "libvpx-vp9", "VP9 (libvpx)", Set.of("webm", "matroska")),
    /** Apple ProRes through prores_ks, 10-bit 4:2:2 (4:4:4 for the 4444 flavours). */
    PRORES("prores", "prores_ks", "Apple ProRes (prores_ks)", Set.of("mov", "matroska")),
    /** Avid DNxHR through FFmpeg's dnxhd encoder: any frame size, 8-bit 4:2:2 (10-bit for HQX and 444). */
    DNXHR("dnxhr", "dnxhd", "Avid DNxHR (dnxhd)", Set.of("mov")),
    /** FFV1 version 3, lossless, in RGB so the decoded frames are the rendered ones bit for bit. */
    FFV1("ffv1", "ffv1", "FFV1 lossless", Set.of("matroska"));

    private final String cliName;
    private final String encoder;
    private final String label;
    private final Set<String> muxers;

    VideoCodec(String cliName, String encoder, String label, Set<String> muxers) {
        this.cliName = cliName;
        this.encoder = encoder;
        this.label = label;
        this.muxers = muxers;
    }

    /** The name used on the command line ("h264", "vp9", "prores", "dnxhr", "ffv1"). */
    public String cliName() {
        return cliName;
    }

    /** The FFmpeg encoder that produces it. */
    public String encoder() {
        return encoder;
    }

    /** A human name with the encoder, for notes and listings. */
    public String label() {
        return label;
    }

    /** Whether an FFmpeg muxer (see {@link FfmpegRuntime#muxerFor}) may hold this codec. */
    public boolean fits(String muxer) {
        return muxers.contains(muxer);
    }

    /** File extensions of the containers that may hold it, e.g. ".mov or .mkv". */
    public String extensions() {
        List<String> ext = muxers.stream().map(VideoCodec::extensionOf).sorted(VideoCodec::byContainerOrder).toList();
        return ext.size() == 1 ? ext.get(0)
                : String.join(", ", ext.subList(0, ext.size() - 1)) + " or " + ext.get(ext.size() - 1);
    }

    /**
     * What a container gets when no codec is named: ProRes for .mov (an editor's intermediate), VP9 for
     * .webm (the only one offered there), H.264 for .mp4 and .mkv; null for a container none of them fits.
     */
    public static VideoCodec defaultFor(String muxer) {
        return switch (muxer) {
            case "mov" -> PRORES;
            case "webm" -> VP9;
            case "mp4", "matroska" -> H264;
            default -> null;
        };
    }

    /** The command-line names, in order: "h264, vp9, prores, dnxhr or ffv1". */
    public static String names() {
        List<String> n = Arrays.stream(values()).map(VideoCodec::cliName).toList();
        return String.join(", ", n.subList(0, n.size() - 1)) + " or " + n.get(n.size() - 1);
    }

    /**
     * Parses a command-line name or a common alias (case-insensitive): "h264"/"avc"/"openh264", "vp9",
     * "prores"/"prores_ks", "dnxhr", "ffv1".
     *
     * @throws IllegalArgumentException naming the codecs on offer; H.265 and x264 say why they are not
     */
    public static VideoCodec parse(String s) {
        String name = s.trim().toLowerCase(Locale.ROOT);
        for (VideoCodec c : values()) {
            if (c.cliName.equals(name) || c.encoder.equals(name)) {
                return c;
            }
        }
        switch (name) {
            case "avc", "openh264":
                return H264;
            case "dnxhd":
                // FFmpeg's encoder is named dnxhd; its fixed-size DNxHD profiles are not offered, DNxHR is.
                return DNXHR;
            case "h265", "hevc", "x265", "libx265", "x264", "libx264":
                throw new IllegalArgumentException("'" + s + "' needs an encoder (x264/x265) that the LGPL FFmpeg "
                        + "shipped with ManyFaces does not contain; use " + names());
            default:
                throw new IllegalArgumentException("unknown video codec '" + s + "': use " + names());
        }
    }

    /** The codecs that may go into a muxer, as command-line names ("h264, vp9 ..."). */
    static String namesFitting(String muxer) {
        return Arrays.stream(values()).filter(c -> c.fits(muxer)).map(VideoCodec::cliName)
                .collect(Collectors.joining(", "));
    }

    private static String extensionOf(String muxer) {
        return muxer.equals("matroska") ? ".mkv" : "." + muxer;
    }

    private static int byContainerOrder(String a, String b) {
        List<String> order = List.of(".mp4", ".mov", ".webm", ".mkv");
        return Integer.compare(order.indexOf(a), order.indexOf(b));
    }
}
