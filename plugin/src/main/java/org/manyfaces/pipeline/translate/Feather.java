package org.manyfaces.pipeline.translate;

/** Shape of the weight ramp across a tile overlap. */
public enum Feather {
    LINEAR,
    /** Raised cosine: smooth at both ends of the ramp, so the blend has no kink. */
    COSINE;

    /** Ramp value for a position t in 0..1 (0 = start of the overlap, 1 = end). */
    public float ramp(float t) {
        if (t <= 0f) {
            return 0f;
        }
        if (t >= 1f) {
            return 1f;
        }
        return this == LINEAR ? t : (float) (0.5 - 0.5 * Math.cos(Math.PI * t));
    }
}
