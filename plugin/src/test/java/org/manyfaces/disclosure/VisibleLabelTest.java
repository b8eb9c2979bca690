package org.manyfaces.disclosure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.manyfaces.image.ImageView;
import org.manyfaces.image.PixelFormat;

class VisibleLabelTest {

    /** A frame with a smooth gradient, so "unchanged" cannot pass by accident on a flat colour. */
    private static ImageView gradient(int w, int h, PixelFormat f) {
        ImageView v = ImageView.allocate(w, h, f);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                v.set(x, y, 0, (float) x / w);
                v.set(x, y, 1, (float) y / h);
                v.set(x, y, 2, 0.5f);
                if (f.hasAlpha()) {
                    v.set(x, y, 3, 1f);
                }
            }
        }
        return v;
    }

    @Test
    void floatFrameChangesOnlyInsideTheLabelAndScalesWithOpacity() {
        for (PixelFormat f : new PixelFormat[] {PixelFormat.RGBA_F32, PixelFormat.RGB_F32}) {
            ImageView in = gradient(320, 180, f);
            ImageView full = TestFrames.copy(in);
            ImageView half = TestFrames.copy(in);
            LabelSettings s = new LabelSettings("AI-modified", LabelSettings.Corner.CUSTOM, 37, 51, 20, 1f, 0);
            VisibleLabel label = new VisibleLabel();
            label.draw(full, s);
            label.draw(half, s.withOpacity(0.5f));
            int[] size = label.size(s);
            int changedInside = 0;
            for (int y = 0; y < in.height(); y++) {
                for (int x = 0; x < in.width(); x++) {
                    boolean inside = x >= 37 && x < 37 + size[0] && y >= 51 && y < 51 + size[1];
                    for (int c = 0; c < 3; c++) {
                        float d1 = full.get(x, y, c) - in.get(x, y, c);
                        float d05 = half.get(x, y, c) - in.get(x, y, c);
                        if (!inside) {
                            assertEquals(0f, d1, 0f, "pixel outside the label changed at " + x + "," + y);
                            assertEquals(0f, d05, 0f, "pixel outside the label changed at " + x + "," + y);
                        } else {
                            // blending is linear in opacity: half opacity moves each pixel half as far
                            assertEquals(d1 * 0.5f, d05, 1e-5f, "opacity 0.5 at " + x + "," + y);
                            if (Math.abs(d1) > 0.05f) {
                                changedInside++;
                            }
                        }
                    }
                }
            }
            assertTrue(changedInside > size[0] * size[1], "the label should visibly change its rectangle, changed " + changedInside);
        }
    }

    @Test
    void eightBitFrameBlendsWithinRounding() {
        ImageView in = gradient(200, 100, PixelFormat.RGBA_U8);
        ImageView full = TestFrames.copy(in);
        ImageView quarter = TestFrames.copy(in);
        LabelSettings s = LabelSettings.defaults(100).withCorner(LabelSettings.Corner.TOP_LEFT).withOpacity(1f);
        VisibleLabel label = new VisibleLabel();
        label.draw(full, s);
        label.draw(quarter, s.withOpacity(0.25f));
        int[] size = label.size(s);
        int m = s.margin();
        for (int y = 0; y < in.height(); y++) {
            for (int x = 0; x < in.width(); x++) {
                boolean inside = x >= m && x < m + size[0] && y >= m && y < m + size[1];
                for (int c = 0; c < 4; c++) {
                    float d1 = full.get(x, y, c) - in.get(x, y, c);
                    float dq = quarter.get(x, y, c) - in.get(x, y, c);
                    if (!inside) {
                        assertEquals(0f, d1, 0f, "outside changed at " + x + "," + y);
                        assertEquals(0f, dq, 0f, "outside changed at " + x + "," + y);
                    } else if (c < 3) {
                        // two 8-bit roundings: at most one code value apart
                        assertEquals(d1 * 0.25f, dq, 1.01f / 255f, "opacity 0.25 at " + x + "," + y);
                    }
                }
            }
        }
    }

    @Test
    void cornersPlaceTheLabelInsideTheFrameAtTheMargin() {
        ImageView in = gradient(300, 200, PixelFormat.RGB_F32);
        VisibleLabel label = new VisibleLabel();
        LabelSettings s = LabelSettings.defaults(200).withCorner(LabelSettings.Corner.BOTTOM_RIGHT);
        int[] size = label.size(s);
        ImageView out = TestFrames.copy(in);
        label.draw(out, s);
        int x0 = 300 - s.margin() - size[0];
        int y0 = 200 - s.margin() - size[1];
        // the rounded plate covers the centre of the label rectangle, so that pixel must change
        assertTrue(Math.abs(out.get(x0 + size[0] / 2, y0 + size[1] / 2, 2) - in.get(x0 + size[0] / 2, y0 + size[1] / 2, 2)) > 0.05f);
        // and the pixel just above-left of the rectangle must not
        assertEquals(in.get(x0 - 1, y0 - 1, 0), out.get(x0 - 1, y0 - 1, 0), 0f);
    }

    @Test
    void labelPartlyOutsideTheFrameIsClipped() {
        ImageView in = gradient(64, 48, PixelFormat.RGBA_U8);
        ImageView out = TestFrames.copy(in);
        new VisibleLabel().draw(out, LabelSettings.defaults(48).at(-30, 40)); // must not throw
        assertTrue(TestFrames.psnr(in, out, 0, 0, 64, 48) < 99, "the visible part of the label should be drawn");
    }

    @Test
    void badSettingsAreRejectedWithAClearMessage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new LabelSettings("AI", LabelSettings.Corner.TOP_LEFT, 0, 0, 20, 1.5f, 0));
        assertTrue(e.getMessage().contains("opacity"));
        assertThrows(IllegalArgumentException.class, () -> new LabelSettings(" ", LabelSettings.Corner.TOP_LEFT, 0, 0, 20, 1f, 0));
        assertThrows(IllegalArgumentException.class, () -> new LabelSettings("AI", LabelSettings.Corner.TOP_LEFT, 0, 0, 2, 1f, 0));
    }
}
