package org.manyfaces.pipeline.paste;

import org.manyfaces.image.ImageView;
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
 * space ({@link #prepare}), so the per-pixel work in the frame is the same as a plain paste's: one bilinear
 * sample of three premultiplied planes and one of the replace plane.
 *
 * <p>One instance holds one face's prepared planes; {@link #compositeRows} may run for disjoint row bands on
 * several threads at once (bit-identical to one call over all rows).
 */
public final class SwapComposite {
    private final FaceCrop premultiplied;
    private final float[] replace;
    private CropMask coverage;

    /** Scratch for crops of {@code size}. */
    public SwapComposite(int size) {
        this.premultiplied = new FaceCrop(size);
        this.replace = new float[size * size];
    }

    public int size() {
        return premultiplied.size();
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
        int size = size();
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
        float[] p = premultiplied.planes();
        int plane = premultiplied.planeSize();
        for (int i = 0; i < plane; i++) {
            float w = m[i] * amount;
            float keepOriginal = 1f - f[i];
            replace[i] = w * f[i];
            for (int c = 0, k = i; c < 3; c++, k += plane) {
                p[k] = w * (s[k] - keepOriginal * o[k]);
            }
        }
        premultiplied.setFrameToCrop(swapped.frameToCrop());
        // The paste mask's support is where the composite can write (the amount scales values, not support).
        coverage = paste;
    }

    /** The frame rectangle the composite can touch, clipped to a frame of {@code width×height}. */
    public PasteRegion region(int width, int height) {
        return PasteBack.region(premultiplied.frameToCrop(), size(), width, height);
    }

    /** Composites frame rows {@code [rowFrom, rowTo)} in place (after {@link #prepare}). */
    public void compositeRows(ImageView frame, int rowFrom, int rowTo) {
        if (coverage == null) {
            throw new IllegalStateException("prepare the composite before compositing it");
        }
        PasteBack.compositeRows(frame, premultiplied, coverage, replace, rowFrom, rowTo);
    }
}
