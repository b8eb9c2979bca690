package org.manyfaces.pipeline.translate;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Arrays;

/**
 * A translator session computed in plain Java with a known, simple behaviour (identity, negation, a fixed
 * per-channel 3×3 convolution with zero padding, nearest-neighbour upscale). It lets the fitting and
 * blending logic be checked against exact expectations without ONNX Runtime; the ONNX-built models in
 * {@code OnnxTranslatorTest} check the same behaviours through the real inference core.
 */
final class JavaTestSession implements TranslatorSession {
    enum Op { IDENTITY, NEGATE, CONV3, UPSCALE }

    /** The 3×3 kernel CONV3 applies to each channel (sums to 1, asymmetric so that orientation matters). */
    static final float[] KERNEL = {
        0.05f, 0.10f, 0.05f,
        0.15f, 0.30f, 0.05f,
        0.10f, 0.15f, 0.05f,
    };

    private final ModelSignature signature;
    private final TensorLayout layout;
    private final Op op;
    private final int scale;
    private FloatBuffer input;
    private long[] inputShape;
    private FloatBuffer output = FloatBuffer.allocate(0);
    int runs;

    JavaTestSession(ModelSignature signature, TensorLayout layout, Op op, int scale) {
        this.signature = signature;
        this.layout = layout;
        this.op = op;
        this.scale = scale;
    }

    /** A session whose declared input is {@code shape} (output the same, times the scale in H and W). */
    static JavaTestSession of(TensorLayout layout, long[] shape, Op op, int scale) {
        long[] out = shape.clone();
        if (out[layout.heightAxis()] > 0) {
            out[layout.heightAxis()] *= scale;
            out[layout.widthAxis()] *= scale;
        }
        return new JavaTestSession(new ModelSignature("in", shape, "out", out), layout, op, scale);
    }

    @Override
    public ModelSignature signature() {
        return signature;
    }

    @Override
    public FloatBuffer inputBuffer(long[] shape) {
        if (input == null || !Arrays.equals(shape, inputShape)) {
            long n = 1;
            for (long d : shape) {
                n *= d;
            }
            input = ByteBuffer.allocateDirect((int) n * 4).order(ByteOrder.nativeOrder()).asFloatBuffer();
            inputShape = shape.clone();
        }
        return input;
    }

    @Override
    public FloatBuffer run(long[] expected) {
        runs++;
        int c = (int) inputShape[layout.channelAxis()];
        int h = (int) inputShape[layout.heightAxis()];
        int w = (int) inputShape[layout.widthAxis()];
        int oh = h * scale;
        int ow = w * scale;
        if (output.capacity() < c * oh * ow) {
            output = FloatBuffer.allocate(c * oh * ow);
        }
        for (int ch = 0; ch < c; ch++) {
            for (int y = 0; y < oh; y++) {
                for (int x = 0; x < ow; x++) {
                    float v;
                    switch (op) {
                        case IDENTITY -> v = at(ch, y, x, c, h, w);
                        case NEGATE -> v = -at(ch, y, x, c, h, w);
                        case UPSCALE -> v = at(ch, y / scale, x / scale, c, h, w);
                        case CONV3 -> {
                            float acc = 0f;
                            for (int ky = -1; ky <= 1; ky++) {
                                for (int kx = -1; kx <= 1; kx++) {
                                    int sy = y + ky;
                                    int sx = x + kx;
                                    if (sy >= 0 && sy < h && sx >= 0 && sx < w) {
                                        acc += KERNEL[(ky + 1) * 3 + kx + 1] * at(ch, sy, sx, c, h, w);
                                    }
                                }
                            }
                            v = acc;
                        }
                        default -> throw new IllegalStateException();
                    }
                    output.put(index(ch, y, x, c, oh, ow), v);
                }
            }
        }
        long[] actual = layout.shape(c, oh, ow);
        if (!Arrays.equals(actual, expected)) {
            throw new ContractException("test model output " + Arrays.toString(actual) + " is not the expected "
                    + Arrays.toString(expected));
        }
        return output;
    }

    private float at(int ch, int y, int x, int c, int h, int w) {
        return input.get(index(ch, y, x, c, h, w));
    }

    private int index(int ch, int y, int x, int c, int h, int w) {
        return layout == TensorLayout.NCHW ? (ch * h + y) * w + x : (y * w + x) * c + ch;
    }

    @Override
    public void close() {
    }
}
