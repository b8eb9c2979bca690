package org.manyfaces.disclosure;

import org.manyfaces.effect.faceswap.FaceSwapEffect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.manyfaces.image.ImageView;
import org.manyfaces.image.PixelFormat;
import org.manyfaces.testsupport.SharedFiles;

/**
 * Informed decoding (known payloads) and region anchoring of face-sized marks; the attack matrix is in
 * WatermarkRobustnessTest.
 */
class WatermarkInformedDecodingTest {
    private static final Payload KNOWN = new Payload(Payload.MANYFACES_MARK, FaceSwapEffect.PAYLOAD_CODE, 0x1234);
    private static final Payload OTHER = new Payload(Payload.MANYFACES_MARK, FaceSwapEffect.PAYLOAD_CODE, 0x4321);

    private static ImageView floatCopy(ImageView v) {
        ImageView f = ImageView.allocate(v.width(), v.height(), PixelFormat.RGBA_F32);
        f.copyFrom(v);
        return f;
    }

    @Test
    void aFaceMarkMovesWithItsRegion() throws Exception {
        // the same content seen through two windows 37 px and 9 px apart, marked in the same content box:
        // the change must be the same in content coordinates (float frames: no 8-bit dither)
        ImageView photo = floatCopy(TestFrames.readImage(SharedFiles.media("grace_hopper.jpg")));
        ImageView a = TestFrames.window(photo, 40, 60, 400, 400);
        ImageView b = TestFrames.window(photo, 40 + 37, 60 + 9, 400, 400);
        ImageView ma = TestFrames.copy(a);
        ImageView mb = TestFrames.copy(b);
        WatermarkEmbedder e = new WatermarkEmbedder();
        e.embed(ma, RegionMask.box(120, 100, 180, 200), KNOWN, WatermarkEmbedder.DEFAULT_STRENGTH);
        e.embed(mb, RegionMask.box(120 - 37, 100 - 9, 180, 200), KNOWN, WatermarkEmbedder.DEFAULT_STRENGTH);
        int nonZero = 0;
        for (int y = 100; y < 300; y++) {
            for (int x = 120; x < 300; x++) {
                for (int c = 0; c < 3; c++) {
                    float da = ma.get(x, y, c) - a.get(x, y, c);
                    float db = mb.get(x - 37, y - 9, c) - b.get(x - 37, y - 9, c);
                    assertEquals(da, db, 1e-6f, "change at content " + x + "," + y + " channel " + c);
                    nonZero += da != 0 ? 1 : 0;
                }
            }
        }
        assertTrue(nonZero > 100_000, "the region was marked: " + nonZero);
    }

    @Test
    void informedDecodingFindsAWeakKnownMarkThatBlindDecodingMisses() throws Exception {
        ImageView orig = TestFrames.readImage(SharedFiles.media("grace_hopper.jpg"));
        ImageView m = TestFrames.copy(orig);
        new WatermarkEmbedder().embed(m, RegionMask.box(150, 120, 200, 220), KNOWN, STRENGTH_WEAK);
        assertFalse(new WatermarkDetector().detect(m).found(), "too weak for 48 blind bits");
        MarkReading d = new WatermarkDetector(List.of(OTHER, KNOWN)).detect(m);
        assertTrue(d.found(), d.toString());
        assertEquals(KNOWN, d.payload());
        assertTrue(d.score() >= WatermarkDetector.DEFAULT_INFORMED_THRESHOLD, d.toString());
        // only the payload that is there is found: a list without it finds nothing
        assertFalse(new WatermarkDetector(List.of(OTHER)).detect(m).found());
    }

    /**
     * 0.6 code values (a quarter of the default): on this photo blind decoding needs about 0.8 and informed
     * decoding about 0.5, so this sits between the two.
     */
    private static final float STRENGTH_WEAK = 0.6f / 255f;

    @Test
    void picturesThatRepeatWithTheTileAreNotTakenForAKnownMark() throws Exception {
        // JPEG-like 8x8 block offsets in a pattern that repeats every 64 px (one tile at scale 1, two at
        // 1/2): adds up coherently when folded onto a tile, which must not pass for a mark
        ImageView f = floatCopy(TestFrames.readImage(SharedFiles.media("grace_hopper.jpg")));
        java.util.Random rnd = new java.util.Random(7);
        float[] block = new float[64];
        for (int i = 0; i < block.length; i++) {
            block[i] = (rnd.nextFloat() - 0.5f) * 6f / 255f;
        }
        for (int y = 0; y < f.height(); y++) {
            for (int x = 0; x < f.width(); x++) {
                float d = block[(y / 8 % 8) * 8 + x / 8 % 8];
                for (int c = 0; c < 3; c++) {
                    f.set(x, y, c, f.get(x, y, c) + d);
                }
            }
        }
        List<Payload> many = new java.util.ArrayList<>();
        for (int h = 0; h < 32; h++) {
            many.add(new Payload(Payload.MANYFACES_MARK, 1 + h % 2, h * 2011 & 0xFFFF));
        }
        assertFalse(new WatermarkDetector(many).detect(f).found());
        // the unmarked JPEG portrait on which a cell-normalised informed score once read 6.5
        assertFalse(new WatermarkDetector(many).detect(
                TestFrames.readImage(SharedFiles.media("obama_official_portrait_2012.jpg"))).found());
    }
}
