package org.manyfaces.pipeline.paste;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.manyfaces.image.ImageView;
import org.manyfaces.image.PixelFormat;
import org.manyfaces.pipeline.align.Affine2D;
import org.manyfaces.pipeline.align.FaceCrop;

/**
 * The final composite of a swap that works at a capped crop resolution: the one step that touches the frame's
 * full-resolution pixels, once, inside the face's region.
 *
 * <p>Where the swapper's own output stands for the face (its <i>replace region</i>, e.g. the classic swap's face
 * ellipse) the crop replaces the frame pixel, as a plain paste does. Outside it (the rest of the paste mask,
 * where the swap changed the target only by smooth shading) the crop's <i>change</i> is added to the frame's
 * own pixel instead: {@code frame + m·(swapped − original)}. A 900 px face swapped in a 256 px crop therefore
 * keeps its full-resolution hair, ears and background in the paste ring, where a plain paste would put back a
 * 3.5× blurred copy of them. Per frame pixel:
 * <pre>
 *   out = frame·(1 − m·f) + m·(swapped − (1 − f)·original)      m: paste mask × amount, f: replace region
 * </pre>
 * which is a plain paste where f = 1 and a difference paste where f = 0. Both terms are formed once in crop
 * space ({@link #prepare}) and stored interleaved (three premultiplied colours and {@code m·f} per texel), so
 * the per-pixel work in the frame is one bilinear sample of four adjacent floats per corner and one
 * read-modify-write of the pixel: cheaper than a plain paste, which samples the mask and three planes apart.
 *
 * <p>One instance holds one face's prepared planes; {@link #compositeRows} may run for disjoint row bands on
 * several threads at once (bit-identical to one call over all rows).
 */
public final class SwapComposite {
    private final int size;
    /** Per texel: m·swapped − m·(1 − f)·original for R, G, B, then m·f. */
    private final float[] texels;
    private Affine2D frameToCrop;
    private CropMask coverage;

    /** Scratch for crops of {@code size}. */
    public SwapComposite(int size) {
        this.size = size;
        this.texels = new float[4 * size * size];
    }

    public int size() {
        return size;
    }

    /**
     * Forms the crop-space terms of the composite.
     *
     * @param swapped  the swapped crop (its frame-to-crop map places the composite)
     * @param original the aligned target before the swap, same size and map
     * @param paste    the paste mask (box mask narrowed by the swapper's own)
     * @param region   where the swapped crop replaces the frame (1) rather than adding its change (0)
     * @param amount   overall blend 0..1
     */
    public void prepare(FaceCrop swapped, FaceCrop original, CropMask paste, CropMask region, float amount) {
        if (swapped.size() != size || original.size() != size || paste.size() != size || region.size() != size) {
            throw new IllegalArgumentException("composite of size " + size + " got crops " + swapped.size() + "/"
                    + original.size() + " and masks " + paste.size() + "/" + region.size());
        }
        if (!(amount >= 0f && amount <= 1f)) {
            throw new IllegalArgumentException("blend amount must be in 0..1, got " + amount);
        }
        float[] m = paste.rawWeights();
        float[] f = region.rawWeights();
        float[] s = swapped.planes();
        float[] o = original.planes();
        int plane = size * size;
        for (int i = 0, t = 0; i < plane; i++, t += 4) {
            float w = m[i] * amount;
            float keepOriginal = 1f - f[i];
            texels[t] = w * (s[i] - keepOriginal * o[i]);
            texels[t + 1] = w * (s[i + plane] - keepOriginal * o[i + plane]);
            texels[t + 2] = w * (s[i + 2 * plane] - keepOriginal * o[i + 2 * plane]);
            texels[t + 3] = w * f[i];
        }
        frameToCrop = swapped.frameToCrop();
        // The paste mask's support is where the composite can write (the amount scales values, not support).
        coverage = paste;
    }

    /** The frame rectangle the composite can touch, clipped to a frame of {@code width×height}. */
    public PasteRegion region(int width, int height) {
        if (frameToCrop == null) {
            throw new IllegalStateException("prepare the composite before asking for its region");
        }
        return PasteBack.region(frameToCrop, size, width, height);
    }

    /** Composites frame rows {@code [rowFrom, rowTo)} in place (after {@link #prepare}). */
    public void compositeRows(ImageView frame, int rowFrom, int rowTo) {
        if (coverage == null) {
            throw new IllegalStateException("prepare the composite before compositing it");
        }
        PasteRegion roi = region(frame.width(), frame.height());
        int[] sup = coverage.support();
        if (roi.isEmpty() || sup[2] <= sup[0]) {
            return;
        }
        ByteBuffer buf = frame.buffer();
        boolean rgba8 = frame.format() == PixelFormat.RGBA_U8;
        boolean isFloat = frame.format().isFloat();
        boolean little = buf.order() == ByteOrder.LITTLE_ENDIAN;
        int bpp = frame.format().bytesPerPixel();
        Affine2D f2c = frameToCrop;
        double a = f2c.a();
        double c = f2c.c();
        int last = size - 1;
        int maxCorner = Math.max(0, size - 2);
        int rowTexels = 4 * size;
        // Offsets to the right and lower texel of a 2x2 corner (none in a 1-texel crop).
        int right = size > 1 ? 4 : 0;
        int down = size > 1 ? rowTexels : 0;
        int[] xRange = new int[2];
        for (int y = Math.max(roi.y(), rowFrom); y < Math.min(roi.y() + roi.height(), rowTo); y++) {
            if (!PasteBack.rowSpan(f2c, roi, sup, y, xRange)) {
                continue;
            }
            int rowOff = frame.rowOffset(y);
            double u = f2c.applyX(xRange[0], y);
            double v = f2c.applyY(xRange[0], y);
            for (int x = xRange[0]; x < xRange[1]; x++, u += a, v += c) {
                // Edge-clamped bilinear sample of the four interleaved terms.
                double cu = u < 0 ? 0 : u > last ? last : u;
                double cv = v < 0 ? 0 : v > last ? last : v;
                int x0 = Math.min((int) cu, maxCorner);
                int y0 = Math.min((int) cv, maxCorner);
                float wx = (float) (cu - x0);
                float wy = (float) (cv - y0);
                int t00 = y0 * rowTexels + 4 * x0;
                int t01 = t00 + right;
                int t10 = t00 + down;
                int t11 = t10 + right;
                float w00 = (1 - wx) * (1 - wy);
                float w01 = wx * (1 - wy);
                float w10 = (1 - wx) * wy;
                float w11 = wx * wy;
                float[] tx = texels;
                float s0 = w00 * tx[t00] + w01 * tx[t01] + w10 * tx[t10] + w11 * tx[t11];
                float s1 = w00 * tx[t00 + 1] + w01 * tx[t01 + 1] + w10 * tx[t10 + 1] + w11 * tx[t11 + 1];
                float s2 = w00 * tx[t00 + 2] + w01 * tx[t01 + 2] + w10 * tx[t10 + 2] + w11 * tx[t11 + 2];
                float s3 = w00 * tx[t00 + 3] + w01 * tx[t01 + 3] + w10 * tx[t10 + 3] + w11 * tx[t11 + 3];
                if (s0 == 0f && s1 == 0f && s2 == 0f && s3 == 0f) {
                    continue; // outside the paste mask: the frame pixel stays bit-identical
                }
                float keep = 1f - s3;
                int off = rowOff + x * bpp;
                if (rgba8) {
                    // One 32-bit read and write per pixel; alpha is carried over untouched.
                    int q = buf.getInt(off);
                    int r = channel(q, little ? 0 : 24, keep, s0) | channel(q, little ? 8 : 16, keep, s1)
                            | channel(q, little ? 16 : 8, keep, s2);
                    buf.putInt(off, r | (q & (0xFF << (little ? 24 : 0))));
                } else if (isFloat) {
                    for (int ch = 0; ch < 3; ch++) {
                        int o = off + 4 * ch;
                        buf.putFloat(o, buf.getFloat(o) * keep + (ch == 0 ? s0 : ch == 1 ? s1 : s2));
                    }
                } else {
                    for (int ch = 0; ch < 3; ch++) {
                        float d = (buf.get(off + ch) & 0xFF) * (1f / 255f);
                        buf.put(off + ch, ImageView.toByte(d * keep + (ch == 0 ? s0 : ch == 1 ? s1 : s2)));
                    }
                }
            }
        }
    }

    /** One 8-bit channel of the packed pixel {@code q} at {@code shift}, composited, back at its place. */
    private static int channel(int q, int shift, float keep, float add) {
        float d = ((q >>> shift) & 0xFF) * (1f / 255f);
        return (ImageView.toByte(d * keep + add) & 0xFF) << shift;
    }
}
