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
     * Blends {@code crop} into {@code frame} in place.
     *
     * @param amount overall blend 0..1 (1 = the mask alone decides)
     * @return the rectangle that was visited (pixels inside it may still be unchanged where the mask is 0)
     */
    public static PasteRegion paste(ImageView frame, FaceCrop crop, CropMask mask, float amount) {
        if (mask.size() != crop.size()) {
            throw new IllegalArgumentException("mask size " + mask.size() + " does not match crop size " + crop.size());
        }
        if (!(amount >= 0f && amount <= 1f)) {
            throw new IllegalArgumentException("blend amount must be in 0..1, got " + amount);
        }
        Affine2D f2c = crop.frameToCrop();
        PasteRegion roi = region(f2c, crop.size(), frame.width(), frame.height());
        if (roi.isEmpty() || amount == 0f) {
            return roi;
        }
        int size = crop.size();
        int plane = crop.planeSize();
        float[] px = crop.planes();
        ByteBuffer buf = frame.buffer();
        boolean isFloat = frame.format().isFloat();
        int bpp = frame.format().bytesPerPixel();
        double a = f2c.a();
        double c = f2c.c();
        for (int y = roi.y(); y < roi.y() + roi.height(); y++) {
            int rowOff = frame.rowOffset(y);
            double u = f2c.applyX(roi.x(), y);
            double v = f2c.applyY(roi.x(), y);
            for (int x = roi.x(); x < roi.x() + roi.width(); x++, u += a, v += c) {
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
        return roi;
    }
}
