package org.manyfaces.inference;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;

/**
 * A reusable float32 tensor in direct memory, owned by the caller (one per thread or per stage).
 *
 * <p>ORT tensors are created over this memory for each run, so feeding a frame-sized input or
 * receiving an output costs no Java-side copy and no per-call frame-sized allocation. The shape may
 * change between runs as long as the element count fits the capacity ({@link #reshape}).
 * Not thread-safe: give each thread its own tensors.
 */
public final class FloatTensor {
    private final FloatBuffer buffer;
    private final int capacity;
    private long[] shape;
    private int count;

    private FloatTensor(int capacity, long[] shape) {
        this.capacity = capacity;
        this.buffer = ByteBuffer.allocateDirect(Math.multiplyExact(capacity, 4))
                .order(ByteOrder.nativeOrder()).asFloatBuffer();
        reshape(shape);
    }

    /** A zero-filled tensor of exactly this shape. */
    public static FloatTensor allocate(long... shape) {
        return new FloatTensor(checkedCount(shape), shape);
    }

    /** A zero-filled tensor with room for {@code capacity} floats, initially shaped {@code shape}. */
    public static FloatTensor withCapacity(int capacity, long... shape) {
        if (capacity < 0) {
            throw new IllegalArgumentException("negative capacity " + capacity);
        }
        return new FloatTensor(capacity, shape);
    }

    /** Changes the shape; the element count must fit the capacity. Contents are kept as they are. */
    public FloatTensor reshape(long... newShape) {
        int n = checkedCount(newShape);
        if (n > capacity) {
            throw new IllegalArgumentException("shape " + TensorSpec.shapeString(newShape) + " needs " + n
                    + " floats; this tensor holds " + capacity);
        }
        this.shape = newShape.clone();
        this.count = n;
        buffer.limit(n).position(0);
        return this;
    }

    private static int checkedCount(long[] shape) {
        long n = 1;
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("tensor shape " + TensorSpec.shapeString(shape)
                        + " has a negative (dynamic) dimension; give the concrete size");
            }
            n *= d;
            if (n > Integer.MAX_VALUE / 4) {
                throw new IllegalArgumentException("tensor shape " + TensorSpec.shapeString(shape) + " is too large");
            }
        }
        return (int) n;
    }

    /**
     * The data, positioned at 0 with the limit at the element count. Use absolute get/put (or reset
     * the position after relative use) so the buffer stays ready for the next run.
     */
    public FloatBuffer buffer() {
        return buffer;
    }

    public long[] shape() {
        return shape.clone();
    }

    /** Dimension {@code i} of the current shape. */
    public long dim(int i) {
        return shape[i];
    }

    public int rank() {
        return shape.length;
    }

    public int elementCount() {
        return count;
    }

    public int capacity() {
        return capacity;
    }

    public float get(int index) {
        return buffer.get(index);
    }

    public void set(int index, float value) {
        buffer.put(index, value);
    }

    /** Fills every element of the current shape with {@code value}. */
    public void fill(float value) {
        for (int i = 0; i < count; i++) {
            buffer.put(i, value);
        }
    }

    /** Copies {@code values} into the tensor (length must equal the element count). */
    public void put(float[] values) {
        if (values.length != count) {
            throw new IllegalArgumentException("got " + values.length + " values for shape "
                    + TensorSpec.shapeString(shape) + " (" + count + " elements)");
        }
        buffer.put(0, values);
    }

    /** A new array with the current contents (allocates; for tests and small outputs). */
    public float[] toArray() {
        float[] out = new float[count];
        buffer.get(0, out);
        return out;
    }

    /** The buffer ORT wraps: position 0, limit at the element count. */
    FloatBuffer ortView() {
        buffer.limit(count).position(0);
        return buffer;
    }

    @Override
    public String toString() {
        return "FloatTensor" + TensorSpec.shapeString(shape);
    }
}
