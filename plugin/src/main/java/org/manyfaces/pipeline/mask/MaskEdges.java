package org.manyfaces.pipeline.mask;

import org.manyfaces.pipeline.paste.GaussianBlur;

/**
 * The finishing FaceFusion gives every model and landmark mask before combining it: clip to 0..1, a
 * Gaussian blur of σ 5 crop pixels, then {@code (clip(v, 0.5, 1) − 0.5)·2}. The blur removes speckle from a
 * model's per-pixel decision; re-stretching its upper half keeps the mask at 0 up to the original edge
 * (where the blurred value is one half) and ramps it to 1 inside, so an occluder is never partly pasted over.
 */
public final class MaskEdges {
    /** The blur of FaceFusion's mask finishing, in crop pixels. */
    public static final double SIGMA = 5;

    private MaskEdges() {
    }

    /** Finishes {@code w} ({@code size×size}, row-major) in place. */
    public static void soften(float[] w, int size) {
        for (int i = 0; i < w.length; i++) {
            w[i] = Math.max(0f, Math.min(1f, w[i]));
        }
        GaussianBlur.blur(w, size, size, SIGMA);
        for (int i = 0; i < w.length; i++) {
            w[i] = (Math.max(0.5f, Math.min(1f, w[i])) - 0.5f) * 2f;
        }
    }

    /** {@code 1 − w} in place: turns "where the part is" into "everywhere but the part". */
    static void invert(float[] w) {
        for (int i = 0; i < w.length; i++) {
            w[i] = 1f - w[i];
        }
    }
}
