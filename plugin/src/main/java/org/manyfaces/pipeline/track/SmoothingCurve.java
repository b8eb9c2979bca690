package org.manyfaces.pipeline.track;

import java.util.Arrays;

/**
 * Smoothing strength (0–1) per frame: one constant, or values sampled from a keyframed parameter at
 * every frame of an analysed range. Compared by value, so it can be part of a cache key.
 */
public final class SmoothingCurve {
    private final double constant;
    private final long firstFrame;
    private final double[] values;

    private SmoothingCurve(double constant, long firstFrame, double[] values) {
        this.constant = constant;
        this.firstFrame = firstFrame;
        this.values = values;
    }

    /** The same strength at every frame. */
    public static SmoothingCurve constant(double strength) {
        return new SmoothingCurve(clamp(strength), 0, null);
    }

    /**
     * {@code values[i]} is the strength at frame {@code firstFrame + i}; frames before or after hold the
     * first or last value.
     */
    public static SmoothingCurve sampled(long firstFrame, double[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("a sampled smoothing curve needs at least one value");
        }
        double[] v = new double[values.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = clamp(values[i]);
        }
        return new SmoothingCurve(Double.NaN, firstFrame, v);
    }

    public double at(long frame) {
        if (values == null) {
            return constant;
        }
        long i = Math.max(0, Math.min(values.length - 1, frame - firstFrame));
        return values[(int) i];
    }

    private static double clamp(double s) {
        return Double.isNaN(s) ? 0 : Math.max(0, Math.min(1, s));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SmoothingCurve c && (values == null
                ? c.values == null && Double.compare(constant, c.constant) == 0
                : c.values != null && firstFrame == c.firstFrame && Arrays.equals(values, c.values));
    }

    @Override
    public int hashCode() {
        return values == null ? Double.hashCode(constant) : Long.hashCode(firstFrame) * 31 + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return values == null ? "SmoothingCurve[" + constant + "]"
                : "SmoothingCurve[" + values.length + " values from frame " + firstFrame + "]";
    }
}
