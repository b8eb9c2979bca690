package org.manyfaces.pipeline.paste;

/**
 * FaceFusion's box mask ({@code create_box_mask}): ones, with a zero border on each side, then blurred.
 *
 * <p>With crop size S and blur b (0..1): {@code blurAmount = int(S·0.5·b)},
 * {@code blurArea = max(blurAmount/2, 1)}; each side's border is {@code max(blurArea, int(S·pad%/100))}
 * rows or columns; then a Gaussian blur with σ = {@code blurAmount·0.25}. For a 128 crop at the default
 * blur 0.3 this is σ 4.75 and a 9 px border. The zero border (even at blur 0) keeps the crop's own
 * edge, which replicates frame edges, out of the paste.
 *
 * @param size          crop size in pixels
 * @param blur          0..1
 * @param paddingTop    percent of the crop height, 0..100
 * @param paddingRight  percent of the crop width
 * @param paddingBottom percent of the crop height
 * @param paddingLeft   percent of the crop width
 */
public record BoxMask(int size, float blur, float paddingTop, float paddingRight, float paddingBottom, float paddingLeft) {

    public BoxMask {
        if (size <= 0) {
            throw new IllegalArgumentException("mask size must be positive, got " + size);
        }
        if (!(blur >= 0f && blur <= 1f)) {
            throw new IllegalArgumentException("mask blur must be in 0..1, got " + blur);
        }
        for (float p : new float[] {paddingTop, paddingRight, paddingBottom, paddingLeft}) {
            if (!(p >= 0f && p <= 100f)) {
                throw new IllegalArgumentException("mask padding must be in 0..100 percent, got " + p);
            }
        }
    }

    /** Computes the mask weights (cost O(S²·σ); cache the result per parameter set). */
    public CropMask create() {
        int blurAmount = (int) (size * 0.5f * blur);
        int blurArea = Math.max(blurAmount / 2, 1);
        int top = Math.min(size, Math.max(blurArea, (int) (size * paddingTop / 100f)));
        int bottom = Math.min(size, Math.max(blurArea, (int) (size * paddingBottom / 100f)));
        int left = Math.min(size, Math.max(blurArea, (int) (size * paddingLeft / 100f)));
        int right = Math.min(size, Math.max(blurArea, (int) (size * paddingRight / 100f)));
        float[] w = new float[size * size];
        for (int y = top; y < size - bottom; y++) {
            for (int x = left; x < size - right; x++) {
                w[y * size + x] = 1f;
            }
        }
        if (blurAmount > 0) {
            GaussianBlur.blur(w, size, size, blurAmount * 0.25);
        }
        return new CropMask(size, w);
    }
}
