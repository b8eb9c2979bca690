package org.manyfaces.pipeline.align;

import java.util.Arrays;

/**
 * A square RGB crop in <b>planar float</b> layout (all R, then all G, then all B; row-major, top-down),
 * values nominally 0..1: exactly the memory order of one NCHW image tensor, so a model input is a single
 * array copy (or a scale-and-offset pass) away.
 *
 * <p>Crops are scratch buffers: allocate one per size per thread and reuse it across frames.
 * {@link #frameToCrop()} remembers which frame region the pixels came from so that the paste stage can
 * map them back.
 */
public final class FaceCrop {
    private final int size;
    private final float[] planes;
    private Affine2D frameToCrop = Affine2D.IDENTITY;

    public FaceCrop(int size) {
        if (size <= 0 || size > 4096) {
            throw new IllegalArgumentException("crop size must be in 1..4096, got " + size);
        }
        this.size = size;
        this.planes = new float[3 * size * size];
    }

    public int size() {
        return size;
    }

    /** Pixels per plane ({@code size*size}). */
    public int planeSize() {
        return size * size;
    }

    /** The backing planar array (R plane, G plane, B plane). Shared, not copied. */
    public float[] planes() {
        return planes;
    }

    public float get(int channel, int x, int y) {
        return planes[channel * size * size + y * size + x];
    }

    public void set(int channel, int x, int y, float v) {
        planes[channel * size * size + y * size + x] = v;
    }

    /** The map from frame pixels to this crop's pixels (identity until a warp fills the crop). */
    public Affine2D frameToCrop() {
        return frameToCrop;
    }

    public void setFrameToCrop(Affine2D m) {
        this.frameToCrop = java.util.Objects.requireNonNull(m, "frameToCrop");
    }

    /** Copies pixels and mapping from another crop of the same size. */
    public void copyFrom(FaceCrop other) {
        if (other.size != size) {
            throw new IllegalArgumentException("crop size mismatch: " + other.size + " into " + size);
        }
        System.arraycopy(other.planes, 0, planes, 0, planes.length);
        frameToCrop = other.frameToCrop;
    }

    public void fill(float v) {
        Arrays.fill(planes, v);
    }
}
