package org.manyfaces.pipeline.paste;

/**
 * A square weight mask in crop space (row-major, values 0..1), the same size as the crop it gates.
 * Immutable after construction so one instance can be shared by every thread and frame.
 */
public final class CropMask {
    private final int size;
    private final float[] weights;

    /** Takes ownership of {@code weights}; callers must not modify the array afterwards. */
    CropMask(int size, float[] weights) {
        if (weights.length != size * size) {
            throw new IllegalArgumentException("mask of size " + size + " needs " + size * size + " weights, got " + weights.length);
        }
        this.size = size;
        this.weights = weights;
    }

    /** Wraps a copy of {@code weights} (row-major, {@code size*size}). */
    public static CropMask of(int size, float[] weights) {
        return new CropMask(size, weights.clone());
    }

    public int size() {
        return size;
    }

    public float at(int x, int y) {
        return weights[y * size + x];
    }

    /** Bilinear weight at crop coordinates; 0 outside the crop. */
    public float sample(double u, double v) {
        if (!(u >= 0) || !(v >= 0) || u > size - 1 || v > size - 1) {
            return 0f;
        }
        int x0 = (int) u;
        int y0 = (int) v;
        int x1 = Math.min(x0 + 1, size - 1);
        int y1 = Math.min(y0 + 1, size - 1);
        float wx = (float) (u - x0);
        float wy = (float) (v - y0);
        float top = weights[y0 * size + x0] * (1 - wx) + weights[y0 * size + x1] * wx;
        float bottom = weights[y1 * size + x0] * (1 - wx) + weights[y1 * size + x1] * wx;
        return top * (1 - wy) + bottom * wy;
    }

    /** The element-wise minimum of two masks of one size (FaceFusion combines masks this way). */
    public CropMask min(CropMask other) {
        if (other.size != size) {
            throw new IllegalArgumentException("mask size mismatch: " + size + " vs " + other.size);
        }
        float[] w = new float[weights.length];
        for (int i = 0; i < w.length; i++) {
            w[i] = Math.min(weights[i], other.weights[i]);
        }
        return new CropMask(size, w);
    }

    /** Lazily computed {x0, y0, x1, y1} (exclusive ends) of the weights above zero; a benign race at worst computes it twice. */
    private volatile int[] support;

    /**
     * The smallest rectangle {x0, y0, x1, y1} (x1, y1 exclusive) holding every weight above zero; an empty
     * mask gives x1 = x0. Lets the paste skip the frame pixels the mask can never reach.
     */
    int[] support() {
        int[] s = support;
        if (s == null) {
            int x0 = size, y0 = size, x1 = 0, y1 = 0;
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < size; x++) {
                    if (weights[y * size + x] > 0f) {
                        x0 = Math.min(x0, x);
                        y0 = Math.min(y0, y);
                        x1 = Math.max(x1, x + 1);
                        y1 = Math.max(y1, y + 1);
                    }
                }
            }
            s = x1 <= x0 ? new int[] {0, 0, 0, 0} : new int[] {x0, y0, x1, y1};
            support = s;
        }
        return s;
    }

    /** The weights themselves, for read-only loops in this package (no copy). */
    float[] rawWeights() {
        return weights;
    }

    /** A copy of the weights. */
    public float[] weights() {
        return weights.clone();
    }
}
