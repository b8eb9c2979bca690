package org.manyfaces.inference;

import java.util.List;
import java.util.Objects;

/**
 * What a pipeline stage expects of a model: its inputs and outputs. Checked against what a session
 * declares by {@link ContractCheck} before the first run, so a wrong model fails with a sentence naming
 * the difference instead of a shape error deep inside ORT.
 */
public record ModelContract(List<Tensor> inputs, List<Tensor> outputs) {

    public ModelContract {
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
    }

    /**
     * One expected tensor.
     *
     * @param name  the expected name, or {@code null} to match the tensor at this position whatever its name
     *              (generic image-to-image models have no canonical names)
     * @param type  the element type; {@code null} accepts any
     * @param shape expected dims, {@code -1} = any size; {@code null} accepts any rank
     */
    public record Tensor(String name, ElementType type, long[] shape) {
        public Tensor {
            shape = shape == null ? null : shape.clone();
        }

        @Override
        public long[] shape() {
            return shape == null ? null : shape.clone();
        }

        /** A float tensor with this name and shape. */
        public static Tensor of(String name, long... shape) {
            return new Tensor(name, ElementType.FLOAT, shape);
        }

        /** A float tensor matched by position, with this shape. */
        public static Tensor positional(long... shape) {
            return new Tensor(null, ElementType.FLOAT, shape);
        }

        String label() {
            return name == null ? "(any name)" : "'" + name + "'";
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Tensor t && Objects.equals(t.name, name) && t.type == type
                    && java.util.Arrays.equals(t.shape, shape);
        }

        @Override
        public int hashCode() {
            return Objects.hash(name, type) * 31 + java.util.Arrays.hashCode(shape);
        }

        @Override
        public String toString() {
            return label() + " " + (type == null ? "any" : type.onnxName())
                    + (shape == null ? "[any]" : TensorSpec.shapeString(shape));
        }
    }
}
