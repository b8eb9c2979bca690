package org.manyfaces.pipeline.translate;

/**
 * How a model encodes a pixel value. Images inside ManyFaces are normalised 0..1; these map that
 * to the model's numbers and back.
 */
public enum ValueRange {
    /** {@code x*2-1}: pix2pix, CycleGAN and AnimeGAN generators end in tanh. */
    MINUS_ONE_ONE(2f, -1f),
    /** The value as it is: ESPCN and other PyTorch ToTensor models without Normalize. */
    ZERO_ONE(1f, 0f),
    /** 0..255 floats: OpenCV-style and fast-neural-style models. */
    ZERO_255(255f, 0f);

    private final float scale;
    private final float offset;

    ValueRange(float scale, float offset) {
        this.scale = scale;
        this.offset = offset;
    }

    /** Multiplier from a 0..1 value to the model's number. */
    public float scale() {
        return scale;
    }

    /** Offset added after {@link #scale()}. */
    public float offset() {
        return offset;
    }

    public float toModel(float unit) {
        return unit * scale + offset;
    }

    /** Model number back to 0..1, not clamped. */
    public float toUnit(float model) {
        return (model - offset) / scale;
    }
}
