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
        checkArguments(crop, mask, amount);
        PasteRegion roi = region(crop.frameToCrop(), crop.size(), frame.width(), frame.height());
        composite(frame, crop, mask, amount, null, roi.y(), roi.y() + roi.height());
        return roi;
    }

    /**
     * {@link #paste} of the frame rows {@code [rowFrom, rowTo)} only (of the region {@link #region} gives), so
     * that one face can be pasted in row bands by several threads at once: the bands write disjoint pixels, and
     * the result is bit-identical to one {@link #paste} of the whole region.
     */
    public static void pasteRows(ImageView frame, FaceCrop crop, CropMask mask, float amount, int rowFrom, int rowTo) {
        checkArguments(crop, mask, amount);
        composite(frame, crop, mask, amount, null, rowFrom, rowTo);
    }

    /**
     * Composites a crop prepared by {@link SwapComposite}: {@code frame·(1 − r) + premultiplied} per frame
     * pixel, where {@code premultiplied} (already weighted by the paste mask) and {@code replace} (the share of
     * the frame pixel the crop replaces) are sampled bilinearly; {@code coverage} is the paste mask, used only to
     * skip the frame pixels nothing reaches. Rows {@code [rowFrom, rowTo)}, as {@link #pasteRows}.
     */
    static void compositeRows(ImageView frame, FaceCrop premultiplied, CropMask coverage, float[] replace,
                              int rowFrom, int rowTo) {
        checkArguments(premultiplied, coverage, 1f);
        composite(frame, premultiplied, coverage, 1f, replace, rowFrom, rowTo);
    }

    private static void checkArguments(FaceCrop crop, CropMask mask, float amount) {
        if (mask.size() != crop.size()) {
            throw new IllegalArgumentException("mask size " + mask.size() + " does not match crop size " + crop.size());
        }
        if (!(amount >= 0f && amount <= 1f)) {
            throw new IllegalArgumentException("blend amount must be in 0..1, got " + amount);
        }
    }

    /**
     * The paste loop over the region's rows in {@code [rowFrom, rowTo)}. With {@code replace == null} a frame
     * pixel becomes {@code d + (s − d)·m} (s: the crop, m: mask·amount); with it, {@code d·(1 − r) + s} where s
     * is the premultiplied crop and r the sampled replace plane.
     */
    private static void composite(ImageView frame, FaceCrop crop, CropMask mask, float amount, float[] replace,
                                  int rowFrom, int rowTo) {
        Affine2D f2c = crop.frameToCrop();
        PasteRegion roi = region(f2c, crop.size(), frame.width(), frame.height());
        if (roi.isEmpty() || amount == 0f) {
            return;
        }
        int yFrom = Math.max(roi.y(), rowFrom);
        int yTo = Math.min(roi.y() + roi.height(), rowTo);
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
        boolean premultiplied = replace != null;
        // A bilinear mask sample can be above zero only within one texel of the mask's support.
        double uLo = sup[0] - 1, uHi = sup[2], vLo = sup[1] - 1, vHi = sup[3];
        int roiEnd = roi.x() + roi.width();
        for (int y = yFrom; y < yTo; y++) {
            int rowOff = frame.rowOffset(y);
            double u0 = f2c.applyX(roi.x(), y);
            double v0 = f2c.applyY(roi.x(), y);
            // The part of this frame row whose crop position can reach the mask: skip the rest outright.
            double[] span = {roi.x(), roiEnd - 1};
            if (!clip(span, u0, a, uLo, uHi, roi.x()) || !clip(span, v0, c, vLo, vHi, roi.x())) {
                continue;
            }
            int xs = (int) Math.max(roi.x(), Math.floor(span[0]) - 1);
            int xe = (int) Math.min(roiEnd, Math.ceil(span[1]) + 2);
            double u = u0 + a * (xs - roi.x());
            double v = v0 + c * (xs - roi.x());
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
                // With a premultiplied crop, how much of the frame pixel the crop replaces (1 − how much stays).
                float replaced = premultiplied
                        ? w00 * replace[i00] + w01 * replace[i01] + w10 * replace[i10] + w11 * replace[i11] : 0f;
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
                        float o = premultiplied ? d * (1f - replaced) + s : d + (s - d) * m;
                        r |= (ImageView.toByte(o) & 0xFF) << shift;
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
                        buf.putFloat(o, premultiplied ? d * (1f - replaced) + s : d + (s - d) * m);
                    } else {
                        float d = (buf.get(off + ch) & 0xFF) * (1f / 255f);
                        buf.put(off + ch, ImageView.toByte(premultiplied ? d * (1f - replaced) + s : d + (s - d) * m));
                    }
                }
            }
        }
    }
}
