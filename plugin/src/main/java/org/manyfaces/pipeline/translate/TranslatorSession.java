package org.manyfaces.pipeline.translate;

import java.nio.FloatBuffer;

/**
 * One loaded image-to-image model as the translator needs it: its declared signature, a reusable input
 * buffer and a run. {@link OnnxTranslatorSession} backs it with the inference core; keeping this seam
 * narrow lets the fitting and blending logic be exercised and timed on its own.
 */
public interface TranslatorSession extends AutoCloseable {

    /** Names and declared shapes of the image input and output. */
    ModelSignature signature();

    /**
     * A direct, native-order buffer to fill with an input of exactly this shape. Implementations reuse the
     * buffer while the shape stays the same, so a stream of equal-size tiles or frames allocates nothing.
     */
    FloatBuffer inputBuffer(long[] shape);

    /**
     * Runs the model on the buffer last returned by {@link #inputBuffer}. The caller says what shape the output
     * must have (from the contract: the input size times the scale); an output of another shape is an error
     * that names both shapes. The result is valid until the next run.
     *
     * @throws ContractException when the model's output does not have {@code outputShape}
     */
    FloatBuffer run(long[] outputShape);

    @Override
    void close();
}
