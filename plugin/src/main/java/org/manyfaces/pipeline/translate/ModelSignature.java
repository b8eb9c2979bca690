package org.manyfaces.pipeline.translate;

import java.util.Arrays;
import java.util.Objects;

/**
 * What a loaded model declares about its image input and output: names and shapes, with −1 for
 * dynamic dimensions. This is all the contract checks need to know about a session.
 */
public record ModelSignature(String inputName, long[] inputShape, String outputName, long[] outputShape) {
    public ModelSignature {
        Objects.requireNonNull(inputName, "inputName");
        Objects.requireNonNull(outputName, "outputName");
        inputShape = inputShape.clone();
        outputShape = outputShape.clone();
    }

    @Override
    public long[] inputShape() {
        return inputShape.clone();
    }

    @Override
    public long[] outputShape() {
        return outputShape.clone();
    }

    /** For messages: {@code 'input' [1,3,-1,-1] -> 'output' [1,3,-1,-1]}. */
    public String describe() {
        return "'" + inputName + "' " + shapeText(inputShape) + " -> '" + outputName + "' " + shapeText(outputShape);
    }

    /** {@code [1,3,-1,-1]}. */
    public static String shapeText(long[] shape) {
        return Arrays.toString(shape).replace(" ", "");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ModelSignature s && s.inputName.equals(inputName) && s.outputName.equals(outputName)
                && Arrays.equals(s.inputShape, inputShape) && Arrays.equals(s.outputShape, outputShape);
    }

    @Override
    public int hashCode() {
        return Objects.hash(inputName, outputName, Arrays.hashCode(inputShape), Arrays.hashCode(outputShape));
    }

    @Override
    public String toString() {
        return "ModelSignature[" + describe() + "]";
    }
}
