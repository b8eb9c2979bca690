package org.manyfaces.disclosure;

import org.manyfaces.effect.translate.ImageTranslateEffect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.manyfaces.image.ImageView;
import org.manyfaces.image.PixelFormat;
import org.manyfaces.testsupport.SharedFiles;

/** Fast embed/detect checks on one real photo; the attack matrix is in WatermarkRobustnessTest. */
class WatermarkEmbedDetectTest {
    private static final Payload P = Payload.manyFaces(ImageTranslateEffect.PAYLOAD_CODE,
            "00ff" + "12".repeat(30));

    private static ImageView photo() throws Exception {
        // 512x512 astronaut: a real photo with flat, textured and near-white areas
        return TestFrames.readImage(SharedFiles.media("astronaut_eileen_collins.png"));
    }

    @Test
    void wholeFrameMarkIsInvisibleByPsnrAndDecodes() throws Exception {
        ImageView orig = photo();
        ImageView m = TestFrames.copy(orig);
        new WatermarkEmbedder().embed(m, RegionMask.wholeFrame(m.width(), m.height()), P, WatermarkEmbedder.DEFAULT_STRENGTH);
        double psnr = TestFrames.psnr(orig, m, 0, 0, m.width(), m.height());
        assertTrue(psnr >= 40 && psnr < 60, "PSNR " + psnr);
        // whole-frame marks are luma only: the same step on R, G and B (no colour shift), away from clipping
        for (int y = 0; y < m.height(); y++) {
            for (int x = 0; x < m.width(); x++) {
                float d0 = m.get(x, y, 0) - orig.get(x, y, 0);
                for (int c = 1; c < 3; c++) {
                    if (orig.get(x, y, 0) > 0.02f && orig.get(x, y, 0) < 0.98f && orig.get(x, y, c) > 0.02f && orig.get(x, y, c) < 0.98f) {
                        assertEquals(d0, m.get(x, y, c) - orig.get(x, y, c), 1e-6f, "colour shift at " + x + "," + y);
                    }
                }
            }
        }
        MarkReading d = new WatermarkDetector().detect(m);
        assertTrue(d.found(), d.toString());
        assertEquals(P, d.payload());
        assertEquals(1.0, d.scale());
        assertTrue(d.confidence() > 0.5 && d.confidence() < 1, d.toString());
        assertFalse(new WatermarkDetector().detect(orig).found());
    }

    @Test
    void onlyPixelsInsideTheRegionChangeAndColourAndAlphaAreKept() throws Exception {
        ImageView rgb = photo();
        ImageView orig = ImageView.allocate(rgb.width(), rgb.height(), PixelFormat.RGBA_U8);
        orig.copyFrom(rgb);
        for (int y = 0; y < orig.height(); y++) {
            for (int x = 0; x < orig.width(); x++) {
                orig.set(x, y, 3, 0.5f); // a distinctive alpha that must survive
            }
        }
        ImageView m = TestFrames.copy(orig);
        float[] soft = new float[160 * 200];
        for (int i = 0; i < soft.length; i++) {
            soft[i] = (i % 160) < 80 ? 1f : 0f; // left half on, right half off
        }
        new WatermarkEmbedder().embed(m, RegionMask.softBox(150, 40, 160, 200, soft), P, WatermarkEmbedder.DEFAULT_STRENGTH);
        int changed = 0;
        for (int y = 0; y < m.height(); y++) {
            for (int x = 0; x < m.width(); x++) {
                boolean on = x >= 150 && x < 230 && y >= 40 && y < 240;
                float d0 = m.get(x, y, 0) - orig.get(x, y, 0);
                for (int c = 0; c < 4; c++) {
                    float d = m.get(x, y, c) - orig.get(x, y, c);
                    if (!on || c == 3) {
                        assertEquals(0f, d, 0f, "pixel " + x + "," + y + " channel " + c + " must not change");
                    } else if (orig.get(x, y, c) > 0.02f && orig.get(x, y, c) < 0.98f && c < 3) {
                        // a face-sized region is also marked in chroma: R and G move together, B against them
                        if (c == 1) {
                            assertEquals(d0, d, 1e-6f, "R and G must move together at " + x + "," + y);
                        } else if (c == 2) {
                            assertTrue(d0 * d <= 0, "B must move against R and G at " + x + "," + y);
                        }
                    }
                }
                changed += d0 != 0 ? 1 : 0;
            }
        }
        assertTrue(changed > 80 * 200 / 2, "the marked half of the region should change, changed " + changed);
        assertTrue(TestFrames.psnr(orig, m, 150, 40, 80, 200) >= 40);
    }

    @Test
    void floatFramesAreMarkedAndReadToo() throws Exception {
        ImageView rgb = photo();
        ImageView f = ImageView.allocate(rgb.width(), rgb.height(), PixelFormat.RGBA_F32);
        f.copyFrom(rgb);
        ImageView orig = TestFrames.copy(f);
        new WatermarkEmbedder().embed(f, RegionMask.wholeFrame(f.width(), f.height()), P, WatermarkEmbedder.DEFAULT_STRENGTH);
        assertTrue(TestFrames.psnr(orig, f, 0, 0, f.width(), f.height()) >= 40);
        MarkReading d = new WatermarkDetector().detect(f);
        assertTrue(d.found());
        assertEquals(P, d.payload());
    }

    @Test
    void anotherKeyReadsNothing() throws Exception {
        ImageView m = photo();
        new WatermarkEmbedder("a private studio key").embed(m, RegionMask.wholeFrame(m.width(), m.height()), P,
                WatermarkEmbedder.DEFAULT_STRENGTH);
        assertFalse(new WatermarkDetector().detect(m).found());
        assertTrue(new WatermarkDetector("a private studio key", WatermarkDetector.defaultScales(),
                WatermarkDetector.DEFAULT_THRESHOLD).detect(m).found());
    }

    @Test
    void severalFramesAddTheirEvidence() throws Exception {
        // a weak mark (strength 0.6 code values) that single frames can barely carry, in 6 noisy copies
        ImageView base = photo();
        List<ImageView> frames = new ArrayList<>();
        java.util.Random r = new java.util.Random(5);
        for (int i = 0; i < 6; i++) {
            ImageView f = TestFrames.copy(base);
            new WatermarkEmbedder().embed(f, RegionMask.wholeFrame(f.width(), f.height()), P, 0.6f / 255f);
            for (int y = 0; y < f.height(); y++) {
                for (int x = 0; x < f.width(); x++) {
                    float n = (float) (r.nextGaussian() * 3 / 255); // camera-like noise, different per frame
                    for (int c = 0; c < 3; c++) {
                        f.set(x, y, c, f.get(x, y, c) + n);
                    }
                }
            }
            frames.add(f);
        }
        WatermarkDetector det = new WatermarkDetector();
        double single = det.detect(frames.get(0)).score();
        MarkReading all = det.detect(frames);
        assertTrue(all.found(), all.toString());
        assertEquals(P, all.payload());
        assertTrue(all.score() > single, "6 frames should score higher than one: " + all.score() + " vs " + single);
    }

    @Test
    void badInputIsRejectedWithClearMessages() throws Exception {
        ImageView m = photo();
        WatermarkEmbedder e = new WatermarkEmbedder();
        assertThrows(IllegalArgumentException.class, () -> e.embed(m, RegionMask.wholeFrame(512, 512), P, -1f));
        assertThrows(IllegalArgumentException.class, () -> RegionMask.box(0, 0, 0, 10));
        assertThrows(IllegalArgumentException.class, () -> RegionMask.softBox(0, 0, 10, 10, new float[5]));
        assertThrows(IllegalArgumentException.class, () -> new WatermarkDetector().detect(List.of()));
        assertThrows(IllegalArgumentException.class,
                () -> new WatermarkDetector().detect(List.of(m, ImageView.allocate(10, 10, PixelFormat.RGB_U8))));
        assertThrows(IllegalArgumentException.class, () -> new WatermarkDetector("k", new double[] {0.01}, 6));
        // a box partly outside the frame is clipped, not an error
        e.embed(m, RegionMask.box(-50, 400, 200, 300), P, WatermarkEmbedder.DEFAULT_STRENGTH);
        // a frame smaller than one tile is simply "not found"
        assertFalse(new WatermarkDetector().detect(ImageView.allocate(40, 30, PixelFormat.RGB_U8)).found());
    }
}
