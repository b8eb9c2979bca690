package org.manyfaces.pipeline.swap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.manyfaces.image.ImageView;
import org.manyfaces.image.PixelFormat;
import org.manyfaces.pipeline.Box;
import org.manyfaces.pipeline.Face;
import org.manyfaces.pipeline.align.AffineWarp;
import org.manyfaces.pipeline.align.AlignTemplate;
import org.manyfaces.pipeline.align.FaceCrop;
import org.manyfaces.pipeline.embed.SourceFace;
import org.manyfaces.pipeline.embed.SourceIdentity;
import org.manyfaces.pipeline.paste.CropMask;

/**
 * Synthetic known answers: the source "face" carries a fine stripe texture on a reddish base, the
 * target is a flat greenish face. After the classic swap the face centre must show the source's
 * texture (same stripes) in the target's colour, and the crop border must stay the target.
 */
class ClassicSwapperTest {
    private static final int SIZE = 128;

    /** A source image whose face (template landmarks at 2x) is covered by vertical stripes of period 8 crop px. */
    private static SourceIdentity stripedSource() {
        ImageView img = ImageView.allocate(256, 256, PixelFormat.RGB_U8);
        for (int y = 0; y < 256; y++) {
            for (int x = 0; x < 256; x++) {
                float stripe = ((x / 8) % 2 == 0) ? 0.15f : -0.15f;
                img.set(x, y, 0, 0.7f + stripe);
                img.set(x, y, 1, 0.3f + stripe);
                img.set(x, y, 2, 0.3f + stripe);
            }
        }
        float[] lm = AlignTemplate.ARCFACE_128.pointsAt(256);
        return new SourceIdentity(List.of(new SourceFace(img, new Face(new Box(0, 0, 256, 256), 1f, lm), null)));
    }

    @Test
    void sourceDetailInTargetColourInsideTheFaceTargetOutside() {
        ClassicSwapper swapper = new ClassicSwapper(AlignTemplate.ARCFACE_128, SIZE);
        FaceCrop target = new FaceCrop(SIZE);
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                target.set(0, x, y, 0.35f);
                target.set(1, x, y, 0.6f);
                target.set(2, x, y, 0.4f);
            }
        }
        swapper.swap(target, stripedSource());

        // Face centre: stripes of period 4 crop px (source stripes of 8 px at half scale) must be present...
        float[] p = AlignTemplate.ARCFACE_128.pointsAt(SIZE);
        int cy = Math.round((p[5] + p[7]) / 2);
        double mean = 0, var = 0;
        int n = 0;
        for (int x = 52; x < 76; x++) {
            mean += target.get(1, x, cy);
            n++;
        }
        mean /= n;
        for (int x = 52; x < 76; x++) {
            var += Math.pow(target.get(1, x, cy) - mean, 2);
        }
        double std = Math.sqrt(var / n);
        // Even against a flat target the colour transfer keeps at least a third of the source contrast.
        assertTrue(std > 0.02, "source texture missing at the face centre, std " + std);
        // ...in the target's colour: the mean follows the flat target (green > red), not the reddish source.
        double red = 0;
        for (int x = 52; x < 76; x++) {
            red += target.get(0, x, cy);
        }
        red /= n;
        assertTrue(mean > red, "colour not transferred: green " + mean + " red " + red);
        assertEquals(0.6, mean, 0.08);
        // Crop corners (outside the face) stay the target.
        assertEquals(0.35f, target.get(0, 2, 2), 0.01f);
        assertEquals(0.6f, target.get(1, SIZE - 3, SIZE - 3), 0.01f);
    }

    @Test
    void faceMaskCoversTheLandmarksAndNotTheCorners() {
        ClassicSwapper swapper = new ClassicSwapper(AlignTemplate.ARCFACE_128, SIZE);
        CropMask m = swapper.faceMask();
        float[] p = AlignTemplate.ARCFACE_128.pointsAt(SIZE);
        for (int i = 0; i < 5; i++) {
            assertTrue(m.at(Math.round(p[2 * i]), Math.round(p[2 * i + 1])) > 0.9f, "landmark " + i + " not covered");
        }
        assertEquals(0f, m.at(0, 0), 1e-3f);
        assertEquals(0f, m.at(SIZE - 1, SIZE - 1), 1e-3f);
        assertTrue(swapper.pasteMask().isPresent());
        // The paste mask is wider than the blend mask.
        CropMask paste = swapper.pasteMask().get();
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                assertTrue(paste.at(x, y) >= m.at(x, y) - 0.02f, "paste mask narrower than face mask at " + x + "," + y);
            }
        }
    }

    @Test
    void sourceCropIsAlignedOnceAndShared() {
        SourceIdentity src = stripedSource();
        FaceCrop a = src.alignedCrop(AlignTemplate.ARCFACE_128, 64);
        assertTrue(a == src.alignedCrop(AlignTemplate.ARCFACE_128, 64));
        FaceCrop direct = new FaceCrop(64);
        AffineWarp.warp(src.faces().get(0).image(), AlignTemplate.ARCFACE_128.frameToCrop(src.faces().get(0).face().landmarks(), 64), direct);
        for (int i = 0; i < direct.planes().length; i++) {
            assertEquals(direct.planes()[i], a.planes()[i], 0f);
        }
    }

    @Test
    void everyFaceIsSwappedAtTheWorkingResolution() {
        // The cost must be bounded by the working resolution, not by the face: a 40 px and a 1500 px face (landmarks
        // exactly where the template puts them in a crop of that size) are both swapped at the configured 512.
        ClassicSwapper swapper = new ClassicSwapper(AlignTemplate.ARCFACE_128, 512);
        assertEquals(512, swapper.cropSizeFor(AlignTemplate.ARCFACE_128.pointsAt(40)));
        assertEquals(512, swapper.cropSizeFor(AlignTemplate.ARCFACE_128.pointsAt(1500)));
        assertEquals(256, new ClassicSwapper().cropSize(), "the default working resolution");
        assertEquals(256, swapper.pasteMask(256).orElseThrow().size());
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> swapper.pasteMask(1024));
    }

    @Test
    void theFaceEllipseIsReplacedAndTheRestOfThePasteOnlyChanged() {
        // The composite replaces the frame inside the face mask and adds the change elsewhere: the replace region
        // is the blend's face mask, inside the wider paste mask.
        ClassicSwapper swapper = new ClassicSwapper(AlignTemplate.ARCFACE_128, SIZE);
        CropMask replace = swapper.replaceMask(SIZE).orElseThrow();
        CropMask paste = swapper.pasteMask(SIZE).orElseThrow();
        CropMask face = swapper.faceMask();
        for (int i = 0; i < SIZE * SIZE; i++) {
            int x = i % SIZE, y = i / SIZE;
            assertEquals(face.at(x, y), replace.at(x, y), 0f);
            assertTrue(paste.at(x, y) >= replace.at(x, y) - 0.02f, "replace region outside the paste mask at " + x + "," + y);
        }
    }

    @Test
    void aSmallerWorkingSizeSwapsLikeTheFullSize() {
        // The same face swapped at 128 by a swapper whose working size is 256 looks like the
        // swap by a swapper fixed at 128: the size, not the maximum, decides the result.
        SourceIdentity src = stripedSource();
        ClassicSwapper big = new ClassicSwapper(AlignTemplate.ARCFACE_128, 256);
        ClassicSwapper fixed = new ClassicSwapper(AlignTemplate.ARCFACE_128, SIZE);
        FaceCrop a = new FaceCrop(SIZE);
        FaceCrop b = new FaceCrop(SIZE);
        a.fill(0.4f);
        b.fill(0.4f);
        big.swap(a, src);
        fixed.swap(b, src);
        for (int i = 0; i < a.planes().length; i++) {
            assertEquals(b.planes()[i], a.planes()[i], 0f);
        }
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> big.swap(new FaceCrop(100), src));
    }
}
