package org.manyfaces.effect.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.manyfaces.disclosure.MarkReading;
import org.manyfaces.disclosure.Payload;
import org.manyfaces.disclosure.WatermarkDetector;
import org.manyfaces.effect.faceswap.FaceSwapEffect;
import org.manyfaces.image.ImageView;
import org.manyfaces.image.PixelFormat;
import org.manyfaces.pipeline.Box;
import org.manyfaces.testsupport.SharedFiles;

/**
 * A face's region mark is bounded by {@link DisclosureStamp#FACE_WINDOW} (issue #19: its cost must not grow with
 * the face): on a 1080p close-up (a real portrait, a 700 x 840 px "pasted" face) it touches only changed pixels
 * inside the window centred on the face, fills most of the window, and the default detector reads its payload;
 * a face smaller than the window is marked wherever it changed, as before.
 */
class DisclosureStampWindowTest {
    private static final Payload PAYLOAD = FaceSwapEffect.payload(FaceSwapEffect.SwapModel.CLASSIC);

    private static ImageView portrait(int w, int h) throws IOException {
        BufferedImage img = ImageIO.read(SharedFiles.media("obama_official_portrait_2012.jpg").toFile());
        BufferedImage scaled = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = scaled.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(img, 0, 0, w, h, null);
        g.dispose();
        ImageView v = ImageView.allocate(w, h, PixelFormat.RGBA_U8);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int rgb = scaled.getRGB(x, y);
                v.set(x, y, 0, ((rgb >> 16) & 0xFF) / 255f);
                v.set(x, y, 1, ((rgb >> 8) & 0xFF) / 255f);
                v.set(x, y, 2, (rgb & 0xFF) / 255f);
                v.set(x, y, 3, 1f);
            }
        }
        return v;
    }

    /** The source with an elliptic "pasted face" (a brightness change) of the given radii around (cx, cy). */
    private static ImageView pasted(ImageView src, double cx, double cy, double rx, double ry) {
        ImageView out = ImageView.allocate(src.width(), src.height(), src.format());
        out.copyFrom(src);
        for (int y = 0; y < src.height(); y++) {
            for (int x = 0; x < src.width(); x++) {
                double dx = (x - cx) / rx;
                double dy = (y - cy) / ry;
                if (dx * dx + dy * dy < 1) {
                    for (int c = 0; c < 3; c++) {
                        out.set(x, y, c, Math.min(1f, src.get(x, y, c) * 0.92f + 0.06f));
                    }
                }
            }
        }
        return out;
    }

    private record Touched(int count, int minX, int maxX, int minY, int maxY) {
    }

    /** Pixels the stamp modified; each must be one the paste changed. */
    private static Touched touched(ImageView src, ImageView before, ImageView after) {
        int n = 0;
        int minX = Integer.MAX_VALUE;
        int maxX = -1;
        int minY = Integer.MAX_VALUE;
        int maxY = -1;
        for (int y = 0; y < after.height(); y++) {
            for (int x = 0; x < after.width(); x++) {
                boolean modified = false;
                boolean pastedHere = false;
                for (int c = 0; c < 4; c++) {
                    modified |= before.get(x, y, c) != after.get(x, y, c);
                    pastedHere |= before.get(x, y, c) != src.get(x, y, c);
                }
                if (modified) {
                    assertTrue(pastedHere, "the mark touched a pixel the paste left alone at " + x + "," + y);
                    n++;
                    minX = Math.min(minX, x);
                    maxX = Math.max(maxX, x);
                    minY = Math.min(minY, y);
                    maxY = Math.max(maxY, y);
                }
            }
        }
        return new Touched(n, minX, maxX, minY, maxY);
    }

    @Test
    void aCloseUpIsMarkedInsideItsCentredWindowAndTheMarkIsRead() throws IOException {
        ImageView src = portrait(1920, 1080);
        double cx = 960;
        double cy = 520;
        ImageView out = pasted(src, cx, cy, 350, 420);
        ImageView before = ImageView.allocate(1920, 1080, PixelFormat.RGBA_U8);
        before.copyFrom(out);
        Box face = new Box((float) (cx - 300), (float) (cy - 350), 600, 700);
        DisclosureStamp.Area area = DisclosureStamp.Area.around(face, 0.5);
        new DisclosureStamp().watermarkFace(src, out, area, PAYLOAD);

        Touched t = touched(src, before, out);
        int side = DisclosureStamp.FACE_WINDOW;
        DisclosureStamp.Area window = area.centredWindow(side);
        assertEquals(side, window.width());
        assertTrue(t.minX() >= window.x() && t.maxX() < window.x() + side && t.minY() >= window.y()
                && t.maxY() < window.y() + side, "marked pixels " + t + " lie inside the window " + window);
        // the 8-bit dither leaves some chips' pixels as they were; most of the window still carries the mark
        assertTrue(t.count() > side * side / 3, "pixels marked: " + t.count());
        MarkReading r = new WatermarkDetector().detect(out);
        assertTrue(r.found(), "the close-up's mark is found: " + r);
        assertEquals(PAYLOAD, r.payload());
    }

    @Test
    void aFaceSmallerThanTheWindowIsMarkedWhereverItChanged() throws IOException {
        ImageView src = portrait(640, 360);
        ImageView out = pasted(src, 320, 170, 90, 110);
        ImageView before = ImageView.allocate(640, 360, PixelFormat.RGBA_U8);
        before.copyFrom(out);
        Box face = new Box(240, 80, 160, 190);
        new DisclosureStamp().watermarkFace(src, out, DisclosureStamp.Area.around(face, 0.5), PAYLOAD);
        Touched t = touched(src, before, out);
        // the ellipse spans x 230..410, y 60..280: the mark reaches (close to) its edges on every side
        assertTrue(t.minX() < 240 && t.maxX() > 400 && t.minY() < 70 && t.maxY() > 270, "marked extent " + t);
        assertTrue(new WatermarkDetector().detect(out).found(), "the small face's mark is found");
    }
}
