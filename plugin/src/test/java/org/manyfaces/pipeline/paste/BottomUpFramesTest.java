package org.manyfaces.pipeline.paste;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.manyfaces.image.ImageView;
import org.manyfaces.image.PixelFormat;
import org.manyfaces.pipeline.align.Affine2D;
import org.manyfaces.pipeline.align.AffineWarp;
import org.manyfaces.pipeline.align.FaceCrop;

/**
 * OFX hands over bottom-up images with padded rows; the warp and the paste must behave exactly as on a
 * tightly packed top-down copy of the same picture.
 */
class BottomUpFramesTest {

    @Test
    void warpAndPasteAgreeOnBottomUpPaddedAndTopDownFrames() {
        int w = 90, h = 70, bpp = PixelFormat.RGBA_U8.bytesPerPixel();
        int rowBytes = w * bpp + 24; // padded rows
        ByteBuffer mem = ByteBuffer.allocateDirect(rowBytes * h).order(ByteOrder.nativeOrder());
        ImageView bottomUp = ImageView.wrapBottomUp(mem, w, h, PixelFormat.RGBA_U8, rowBytes);
        ImageView topDown = ImageView.allocate(w, h, PixelFormat.RGBA_U8);
        Random r = new Random(9);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int c = 0; c < 4; c++) {
                    float v = r.nextInt(256) / 255f;
                    bottomUp.set(x, y, c, v);
                    topDown.set(x, y, c, v);
                }
            }
        }
        Affine2D f2c = Affine2D.similarity(0.8, -0.35, 5, 20);
        FaceCrop a = new FaceCrop(48);
        FaceCrop b = new FaceCrop(48);
        AffineWarp.warp(bottomUp, f2c, a);
        AffineWarp.warp(topDown, f2c, b);
        assertArrayEquals(b.planes(), a.planes(), 0f);

        for (int i = 0; i < a.planes().length; i++) {
            a.planes()[i] = 1f - a.planes()[i];
        }
        b.copyFrom(a);
        CropMask mask = new BoxMask(48, 0.3f, 0, 0, 10, 0).create();
        ImageView before = ImageView.allocate(w, h, PixelFormat.RGBA_U8);
        before.copyFrom(topDown);
        PasteBack.paste(bottomUp, a, mask, 0.8f);
        PasteBack.paste(topDown, b, mask, 0.8f);
        int changed = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int c = 0; c < 4; c++) {
                    assertEquals(topDown.get(x, y, c), bottomUp.get(x, y, c), "pixel " + x + "," + y + " channel " + c);
                }
                changed += topDown.get(x, y, 0) != before.get(x, y, 0) ? 1 : 0;
            }
        }
        // Row padding (the 24 bytes after each row) is never written.
        for (int y = 0; y < h; y++) {
            for (int p = w * bpp; p < rowBytes; p++) {
                assertEquals(0, mem.get(y * rowBytes + p), "padding byte written in memory row " + y);
            }
        }
        assertEquals(true, changed > 500, "the paste changed only " + changed + " pixels");
    }
}
