package org.manyfaces.inference;

import java.util.Arrays;
import java.util.Objects;

/**
 * A named tensor as a model declares it: element type and shape. A dimension of {@code -1} is dynamic;
 * {@code dimNames} holds its symbolic name when the model gives one (else an empty string).
 */
public record TensorSpec(String name, ElementType type, long[] shape, String[] dimNames) {

    public TensorSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        shape = shape.clone();
        if (dimNames == null) {
            dimNames = new String[shape.length];
            Arrays.fill(dimNames, "");
        } else {
            if (dimNames.length != shape.length) {
                throw new IllegalArgumentException("tensor '" + name + "': " + dimNames.length
                        + " dimension names for a rank-" + shape.length + " shape");
            }
            dimNames = dimNames.clone();
        }
    }

    /** A spec without symbolic dimension names. */
    public TensorSpec(String name, ElementType type, long... shape) {
        this(name, type, shape, null);
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    @Override
    public String[] dimNames() {
        return dimNames.clone();
    }

    public int rank() {
        return shape.length;
    }

    /** Size of dimension {@code i}; -1 when dynamic. */
    public long dim(int i) {
        return shape[i];
    }

    /** True when every dimension has a fixed size. */
    public boolean isFixed() {
        for (long d : shape) {
            if (d < 0) {
                return false;
            }
        }
        return true;
    }

    /** The shape as ONNX tools print it, e.g. {@code [1,3,-1,-1]}. */
    public String shapeString() {
        return shapeString(shape);
    }

    /** {@code [a,b,c]} without spaces, so messages stay compact and greppable. */
    public static String shapeString(long[] shape) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < shape.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(shape[i]);
        }
        return sb.append(']').toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TensorSpec t && t.name.equals(name) && t.type == type && Arrays.equals(t.shape, shape)
                && Arrays.equals(t.dimNames, dimNames);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(shape);
    }

    @Override
    public String toString() {
        return name + " " + type.onnxName() + shapeString();
    }
}
