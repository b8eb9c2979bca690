package org.manyfaces.pipeline.paste;

import java.nio.ByteBuffer;

import org.manyfaces.image.ImageView;
import org.manyfaces.pipeline.align.Affine2D;
import org.manyfaces.pipeline.align.FaceCrop;

/**
 * Puts a processed crop back into the frame through the inverse of the crop's frame-to-crop map,
 * blending {@code frame·(1−m) + crop·m} with {@code m = mask·amount}.
 *
 * <p>Only the region the crop covers is visited: the four crop corners mapped into the frame give a
 * bounding box, clipped to the frame (FaceFusion's {@code calculate_paste_area}), so the cost depends
 * on the face size, not the frame size. Frame pixels where {@code m} is 0 are never written, so they stay
 * bit-identical; the alpha channel is never written. Stateless and thread-safe, but two threads must
 * not paste overlapping faces into one frame at the same time.
 */
public final class PasteBack {
    private PasteBack() {
    }

    /** The frame rectangle the crop of {@code cropSize} maps onto under the inverse of {@code frameToCrop}, clipped to the frame. */
    public static PasteRegion region(Affine2D frameToCrop, int cropSize, int frameWidth, int frameHeight) {
        Affine2D c2f = frameToCrop.invert();
        double[] xs = {-0.5, cropSize - 0.5, -0.5, cropSize - 0.5};
        double[] ys = {-0.5, -0.5, cropSize - 0.5, cropSize - 0.5};
        double minX = Double.MAX_VALUE, minY = Double.MAX_VALUE, maxX = -Double.MAX_VALUE, maxY = -Double.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            double fx = c2f.applyX(xs[i], ys[i]);
            double fy = c2f.applyY(xs[i], ys[i]);
            minX = Math.min(minX, fx);
            maxX = Math.max(maxX, fx);
            minY = Math.min(minY, fy);
            maxY = Math.max(maxY, fy);
        }
        int x0 = (int) Math.max(0, Math.floor(minX));
        int y0 = (int) Math.max(0, Math.floor(minY));
        int x1 = (int) Math.min(frameWidth, Math.ceil(maxX) + 1);
        int y1 = (int) Math.min(frameHeight, Math.ceil(maxY) + 1);
        if (x1 <= x0 || y1 <= y0) {
            return PasteRegion.EMPTY;
        }
        return new PasteRegion(x0, y0, x1 - x0, y1 - y0);
    }

    /**
     * Narrows {@code span} (frame x range, inclusive) to where {@code p0 + slope·(x − x0)} lies in
     * [lo, hi]; false when nothing is left.
     */
    private static boolean clip(double[] span, double p0, double slope, double lo, double hi, int x0) {
        if (Math.abs(slope) < 1e-12) {
            return p0 >= lo && p0 <= hi;
        }
        double a = x0 + (lo - p0) / slope;
        double b = x0 + (hi - p0) / slope;
        span[0] = Math.max(span[0], Math.min(a, b));
        span[1] = Math.min(span[1], Math.max(a, b));
        return span[0] <= span[1] + 2; // a little slack: the loop widens the span by a pixel each side
    }

    /**
     * Blends {@code crop} into {@code frame} in place.
     *
     * @param amount overall blend 0..1 (1 = the mask alone decides)
     * @return the rectangle that was visited (pixels inside it may still be unchanged where the mask is 0)
     */
    public static PasteRegion paste(ImageView frame, FaceCrop crop, CropMask mask, float amount) {
        PasteRegion roi = region(crop.frameToCrop(), crop.size(), frame.width(), frame.height());
        pasteRows(frame, crop, mask, amount, roi.y(), roi.y() + roi.height());
        return roi;
    }

    /**
     * {@link #paste} of the frame rows {@code [rowFrom, rowTo)} only, so that one face can be pasted in row bands
     * by several threads at once: the bands write disjoint pixels, and together they give exactly what one
     * {@link #paste} gives.
     */
    public static void pasteRows(ImageView frame, FaceCrop crop, CropMask mask, float amount, int rowFrom, int rowTo) {
        if (mask.size() != crop.size()) {
            throw new IllegalArgumentException("mask size " + mask.size() + " does not match crop size " + crop.size());
        }
        if (!(amount >= 0f && amount <= 1f)) {
            throw new IllegalArgumentException("blend amount must be in 0..1, got " + amount);
        }
        Affine2D f2c = crop.frameToCrop();
        PasteRegion roi = region(f2c, crop.size(), frame.width(), frame.height());
        if (roi.isEmpty() || amount == 0f) {
            return;
        }
        int size = crop.size();
        int plane = crop.planeSize();
        float[] px = crop.planes();
        ByteBuffer buf = frame.buffer();
        boolean isFloat = frame.format().isFloat();
        boolean rgba8 = frame.format() == org.manyfaces.image.PixelFormat.RGBA_U8;
        boolean little = buf.order() == java.nio.ByteOrder.LITTLE_ENDIAN;
        int bpp = frame.format().bytesPerPixel();
        double a = f2c.a();
        double c = f2c.c();
        int[] sup = mask.support();
        if (sup[2] <= sup[0]) {
            return; // an empty mask writes nothing
        }
        int[] xRange = new int[2];
        for (int y = Math.max(roi.y(), rowFrom); y < Math.min(roi.y() + roi.height(), rowTo); y++) {
            int rowOff = frame.rowOffset(y);
            if (!rowSpan(f2c, roi, sup, y, xRange)) {
                continue;
            }
            int xs = xRange[0];
            int xe = xRange[1];
            // Stepped from the region's left edge, as before rows could be pasted in bands (the same rounding).
            double u = f2c.applyX(roi.x(), y) + a * (xs - roi.x());
            double v = f2c.applyY(roi.x(), y) + c * (xs - roi.x());
            for (int x = xs; x < xe; x++, u += a, v += c) {
                float m = mask.sample(u, v) * amount;
                if (!(m > 0f)) {
                    continue;
                }
                // Inside the mask the crop is sampled with edge clamping; the mask border keeps the clamped
                // edge pixels from ever showing.
                double cu = Math.min(Math.max(u, 0), size - 1);
                double cv = Math.min(Math.max(v, 0), size - 1);
                int x0 = Math.min((int) cu, size - 2 < 0 ? 0 : size - 2);
                int y0 = Math.min((int) cv, size - 2 < 0 ? 0 : size - 2);
                int x1 = Math.min(x0 + 1, size - 1);
                int y1 = Math.min(y0 + 1, size - 1);
                float wx = (float) (cu - x0);
                float wy = (float) (cv - y0);
                int i00 = y0 * size + x0;
                int i01 = y0 * size + x1;
                int i10 = y1 * size + x0;
                int i11 = y1 * size + x1;
                float w00 = (1 - wx) * (1 - wy);
                float w01 = wx * (1 - wy);
                float w10 = (1 - wx) * wy;
                float w11 = wx * wy;
                int off = rowOff + x * bpp;
                if (rgba8) {
                    // One 32-bit read and write per pixel; alpha is carried over untouched.
                    int q = buf.getInt(off);
                    int r = 0;
                    for (int ch = 0; ch < 3; ch++) {
                        int p = ch * plane;
                        float s = w00 * px[p + i00] + w01 * px[p + i01] + w10 * px[p + i10] + w11 * px[p + i11];
                        int shift = little ? 8 * ch : 24 - 8 * ch;
                        float d = ((q >>> shift) & 0xFF) * (1f / 255f);
                        r |= (ImageView.toByte(d + (s - d) * m) & 0xFF) << shift;
                    }
                    int alphaShift = little ? 24 : 0;
                    buf.putInt(off, r | (q & (0xFF << alphaShift)));
                    continue;
                }
                for (int ch = 0; ch < 3; ch++) {
                    int p = ch * plane;
                    float s = w00 * px[p + i00] + w01 * px[p + i01] + w10 * px[p + i10] + w11 * px[p + i11];
                    if (isFloat) {
                        int o = off + 4 * ch;
                        float d = buf.getFloat(o);
                        buf.putFloat(o, d + (s - d) * m);
                    } else {
                        float d = (buf.get(off + ch) & 0xFF) * (1f / 255f);
                        buf.put(off + ch, ImageView.toByte(d + (s - d) * m));
                    }
                }
            }
        }
    }

    /**
     * The part {@code [xRange[0], xRange[1])} of frame row {@code y} of {@code roi} whose crop position can reach a
     * mask with support {@code sup} (a bilinear sample can be above zero only within one texel of the support);
     * false when no pixel of the row can.
     */
    static boolean rowSpan(Affine2D f2c, PasteRegion roi, int[] sup, int y, int[] xRange) {
        double uLo = sup[0] - 1, uHi = sup[2], vLo = sup[1] - 1, vHi = sup[3];
        int roiEnd = roi.x() + roi.width();
        double u0 = f2c.applyX(roi.x(), y);
        double v0 = f2c.applyY(roi.x(), y);
        double[] span = {roi.x(), roiEnd - 1};
        if (!clip(span, u0, f2c.a(), uLo, uHi, roi.x()) || !clip(span, v0, f2c.c(), vLo, vHi, roi.x())) {
            return false;
        }
        xRange[0] = (int) Math.max(roi.x(), Math.floor(span[0]) - 1);
        xRange[1] = (int) Math.min(roiEnd, Math.ceil(span[1]) + 2);
        return true;
    }
}
