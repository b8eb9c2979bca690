package org.manyfaces.video;

import static org.bytedeco.ffmpeg.global.avcodec.AV_PROFILE_H264_HIGH;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGR0;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV422P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV422P10LE;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV444P10LE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** How each codec's settings become FFmpeg settings (no encoding; {@code RenderCodecsTest} encodes). */
class EncoderPlanTest {
    private static final VideoInfo HD = new VideoInfo(1920, 1080, 25, 10, true, 1, 0, false, 0, 0, "synthetic");
    private static final VideoInfo SD = new VideoInfo(640, 360, 50, 10, true, 1, 0, false, 0, 0, "synthetic");

    private static EncoderPlan plan(VideoOutputOptions o, String muxer, VideoInfo f) {
        return EncoderPlan.resolve(o, muxer, f);
    }

    @Test
    void h264BitRateIsBitsPerPixelTimesSizeAndRate() {
        EncoderPlan high = plan(VideoOutputOptions.defaults(), "mp4", HD);
        assertEquals("libopenh264", high.encoderName());
        assertEquals(AV_PROFILE_H264_HIGH, high.videoProfile());
        assertEquals(Math.round(0.28 * 1920 * 1080 * 25), high.bitRate());
        assertEquals(Math.round(0.28 * 640 * 360 * 50), plan(VideoOutputOptions.defaults(), "mp4", SD).bitRate());
        assertEquals(Math.round(0.07 * 1920 * 1080 * 25),
                plan(VideoOutputOptions.defaults().withQuality(VideoQuality.LOW), "matroska", HD).bitRate());
        assertEquals(8_000_000, plan(VideoOutputOptions.defaults().withBitRate(
                VideoOutputOptions.parseBitRate("8M")), "mp4", HD).bitRate());
        assertEquals("aac", high.audioCodec());
    }

    @Test
    void vp9IsConstantQualityUnlessABitRateIsGiven() {
        EncoderPlan q = plan(VideoOutputOptions.defaults(), "webm", SD);
        assertEquals("libvpx-vp9", q.encoderName());
        assertEquals("24", q.options().get("crf"));
        assertEquals(0, q.bitRate(), "a bit-rate would turn CRF into a capped quality");
        assertEquals("libopus", q.audioCodec(), "WebM holds Opus, not AAC");
        assertEquals("30", plan(VideoOutputOptions.defaults().withCodec(VideoCodec.VP9).withCrf(30), "matroska", SD)
                .options().get("crf"));
        EncoderPlan rate = plan(VideoOutputOptions.defaults().withBitRate(2_500_000L), "webm", SD);
        assertEquals(2_500_000, rate.bitRate());
        assertFalse(rate.options().containsKey("crf"));
    }

    @Test
    void proresAndDnxhrFlavoursPickProfileAndSampling() {
        EncoderPlan hq = plan(VideoOutputOptions.defaults(), "mov", HD);
        assertEquals("prores_ks", hq.encoderName());
        assertEquals("3", hq.options().get("profile"));
        assertEquals(AV_PIX_FMT_YUV422P10LE, hq.pixelFormat());
        EncoderPlan p4444 = plan(VideoOutputOptions.defaults().withProfile("4444"), "mov", HD);
        assertEquals("4", p4444.options().get("profile"));
        assertEquals(AV_PIX_FMT_YUV444P10LE, p4444.pixelFormat());
        VideoOutputOptions dnx = VideoOutputOptions.defaults().withCodec(VideoCodec.DNXHR);
        assertEquals("dnxhr_hq", plan(dnx, "mov", HD).options().get("profile"));
        assertEquals(AV_PIX_FMT_YUV422P, plan(dnx, "mov", HD).pixelFormat());
        assertEquals(AV_PIX_FMT_YUV422P10LE, plan(dnx.withProfile("hqx"), "mov", HD).pixelFormat());
        assertEquals(AV_PIX_FMT_YUV444P10LE, plan(dnx.withProfile("dnxhr_444"), "mov", HD).pixelFormat());
    }

    @Test
    void ffv1IsRgbWithEveryFrameAKeyFrame() {
        EncoderPlan f = plan(VideoOutputOptions.defaults().withCodec(VideoCodec.FFV1), "matroska", SD);
        assertEquals(AV_PIX_FMT_BGR0, f.pixelFormat());
        assertEquals("1", f.options().get("g"));
        assertEquals("3", f.options().get("level"));
    }

    @Test
    void bitRatesAndNamesAreReadAsWritten() {
        assertEquals(2_500_000, VideoOutputOptions.parseBitRate("2500k"));
        assertEquals(800_000, VideoOutputOptions.parseBitRate("800000"));
        assertEquals(1_500_000, VideoOutputOptions.parseBitRate("1.5M"));
        assertThrows(IllegalArgumentException.class, () -> VideoOutputOptions.parseBitRate("fast"));
        assertEquals(VideoCodec.H264, VideoCodec.parse("OpenH264"));
        assertEquals(VideoCodec.DNXHR, VideoCodec.parse("dnxhd"));
        assertEquals(VideoQuality.BEST, VideoQuality.parse("Best"));
        String m = assertThrows(IllegalArgumentException.class, () -> VideoQuality.parse("ultra")).getMessage();
        assertTrue(m.contains("low, medium, high or best"), m);
    }
}
