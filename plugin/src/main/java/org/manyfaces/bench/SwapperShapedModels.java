package org.manyfaces.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

import com.google.protobuf.CodedOutputStream;

/**
 * Writes two tiny ONNX models at run time so the bench can drive the model-swap path without the real
 * (hundreds of MB, non-commercial) weights:
 * <ul>
 *   <li>a <b>swapper-shaped</b> model with inswapper_128's exact interface: inputs {@code target}
 *       [1,3,128,128] and {@code source} [1,512], output {@code output} [1,3,128,128], and a 512×512
 *       {@code emap} as the last initializer; it returns the target (plus 0·source), so its own compute
 *       is almost nothing and every millisecond around {@code session.run} is the pipeline's;</li>
 *   <li>an <b>ArcFace-shaped</b> recogniser: input [1,3,112,112], output [1,512], a fixed unit-free vector.</li>
 * </ul>
 * Written straight in protobuf wire format with the field numbers of {@code onnx.proto} (no generated code).
 */
public final class SwapperShapedModels {
    public static final int SWAP_SIZE = 128;
    public static final int IDENTITY_WIDTH = 512;

    // ModelProto, GraphProto, NodeProto, AttributeProto, TensorProto, ValueInfoProto field numbers (onnx.proto).
    private static final int MODEL_IR_VERSION = 1;
    private static final int MODEL_PRODUCER = 2;
    private static final int MODEL_GRAPH = 7;
    private static final int MODEL_OPSET = 8;
    private static final int OPSET_VERSION = 2;
    private static final int GRAPH_NODE = 1;
    private static final int GRAPH_NAME = 2;
    private static final int GRAPH_INITIALIZER = 5;
    private static final int GRAPH_INPUT = 11;
    private static final int GRAPH_OUTPUT = 12;
    private static final int NODE_INPUT = 1;
    private static final int NODE_OUTPUT = 2;
    private static final int NODE_OP_TYPE = 4;
    private static final int NODE_ATTRIBUTE = 5;
    private static final int ATTR_NAME = 1;
    private static final int ATTR_I = 3;
    private static final int ATTR_INTS = 8;
    private static final int ATTR_TYPE = 20;
    private static final int ATTR_TYPE_INT = 2;
    private static final int ATTR_TYPE_INTS = 7;
    private static final int TENSOR_DIMS = 1;
    private static final int TENSOR_DATA_TYPE = 2;
    private static final int TENSOR_INT64_DATA = 7;
    private static final int TENSOR_NAME = 8;
    private static final int TENSOR_RAW_DATA = 9;
    private static final int VALUE_NAME = 1;
    private static final int VALUE_TYPE = 2;
    private static final int TYPE_TENSOR = 1;
    private static final int TENSOR_TYPE_ELEM = 1;
    private static final int TENSOR_TYPE_SHAPE = 2;
    private static final int SHAPE_DIM = 1;
    private static final int DIM_VALUE = 1;
    private static final int FLOAT = 1;
    private static final int INT64 = 7;

    private SwapperShapedModels() {
    }

    /** Channels and grid of the compute blocks of {@link #swapper(Path, double)}: 256 x 32 x 32. */
    private static final int WORK_CHANNELS = 256;
    private static final int WORK_GRID = 32;
    /** Multiply-adds x 2 of one 3x3 convolution of the compute blocks. */
    public static final double GFLOPS_PER_BLOCK = 2.0 * WORK_CHANNELS * WORK_CHANNELS * 9 * WORK_GRID * WORK_GRID / 1e9;
    /** Compute of the real inswapper_128 per 128x128 swap (InsightFace's published figure: 174.7 GFLOPs). */
    public static final double INSWAPPER_128_GFLOPS = 174.7;

    /** Writes the swapper-shaped model (see the class comment) to {@code file}. */
    public static Path swapper(Path file) {
        return swapper(file, 0);
    }

    /**
     * The swapper-shaped model with about {@code gflops} of real convolution work, so that the share of a
     * frame spent outside {@code session.run} can be measured against a model as heavy as the real one
     * (inswapper_128: {@link #INSWAPPER_128_GFLOPS}) without its weights. The target is cut into a
     * 256x32x32 feature map (4x4 stride-4 convolution), which then goes through round(gflops / {@link
     * #GFLOPS_PER_BLOCK}) 3x3 convolutions + ReLU sharing one weight tensor (so the file stays small); the
     * result joins the output as 0·mean, so the output is still exactly the target and the work cannot be
     * skipped (it depends on the input). gflops 0 gives the almost compute-free model.
     */
    public static Path swapper(Path file, double gflops) {
        if (!(gflops >= 0) || gflops > 10_000) {
            throw new IllegalArgumentException("swapper-shaped model compute must be 0..10000 GFLOPs, got " + gflops);
        }
        int blocks = (int) Math.round(gflops / GFLOPS_PER_BLOCK);
        float[] emap = new float[IDENTITY_WIDTH * IDENTITY_WIDTH];
        for (int i = 0; i < IDENTITY_WIDTH; i++) {
            emap[i * IDENTITY_WIDTH + i] = 1f;
        }
        byte[] graph = message(g -> {
            // l = mean(source) · 0 reshaped to [1,1,1,1]; output = target + l
            node(g, "ReduceMean", new String[] {"source"}, "m", out -> {
                attrInts(out, "axes", 1);
                attrInt(out, "keepdims", 1);
            });
            String work = "m";
            if (blocks > 0) {
                node(g, "Conv", new String[] {"target", "w_in"}, "f0", out -> {
                    attrInts(out, "kernel_shape", 4, 4);
                    attrInts(out, "strides", 4, 4);
                });
                for (int b = 0; b < blocks; b++) {
                    node(g, "Conv", new String[] {"f" + b, "w_block"}, "c" + b, out -> {
                        attrInts(out, "kernel_shape", 3, 3);
                        attrInts(out, "pads", 1, 1, 1, 1);
                    });
                    node(g, "Relu", new String[] {"c" + b}, "f" + (b + 1), null);
                }
                node(g, "ReduceMean", new String[] {"f" + blocks}, "fm", out -> {
                    attrInts(out, "axes", 1, 2, 3);
                    attrInt(out, "keepdims", 0);
                });
                node(g, "Add", new String[] {"m", "fm"}, "mf", null);
                work = "mf";
            }
            node(g, "Mul", new String[] {work, "zero"}, "mz", null);
            node(g, "Reshape", new String[] {"mz", "shape4"}, "l4", null);
            node(g, "Add", new String[] {"target", "l4"}, "output", null);
            g.writeString(GRAPH_NAME, "swapper_shaped");
            g.writeByteArray(GRAPH_INITIALIZER, floatTensor("zero", new long[0], new float[] {0f}));
            g.writeByteArray(GRAPH_INITIALIZER, int64Tensor("shape4", new long[] {4}, 1, 1, 1, 1));
            if (blocks > 0) {
                // Small weights keep the activations finite through the chain of ReLU convolutions.
                g.writeByteArray(GRAPH_INITIALIZER, floatTensor("w_in", new long[] {WORK_CHANNELS, 3, 4, 4},
                        pattern(WORK_CHANNELS * 3 * 16, 0.05f)));
                g.writeByteArray(GRAPH_INITIALIZER, floatTensor("w_block", new long[] {WORK_CHANNELS, WORK_CHANNELS, 3, 3},
                        pattern(WORK_CHANNELS * WORK_CHANNELS * 9, 1f / (WORK_CHANNELS * 9))));
            }
            // emap last: EmbeddingSwapper reads the last initializer as inswapper's emap.
            g.writeByteArray(GRAPH_INITIALIZER, floatTensor("emap", new long[] {IDENTITY_WIDTH, IDENTITY_WIDTH}, emap));
            g.writeByteArray(GRAPH_INPUT, valueInfo("target", 1, 3, SWAP_SIZE, SWAP_SIZE));
            g.writeByteArray(GRAPH_INPUT, valueInfo("source", 1, IDENTITY_WIDTH));
            g.writeByteArray(GRAPH_OUTPUT, valueInfo("output", 1, 3, SWAP_SIZE, SWAP_SIZE));
        });
        return write(file, graph);
    }

    /** A fixed zero-mean-ish pattern of {@code n} values within ±{@code scale}. */
    private static float[] pattern(int n, float scale) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (scale * Math.sin(0.61 * i + 0.3));
        }
        return v;
    }

    /** Writes an ArcFace-shaped recogniser whose output is always the same 512-value vector. */
    public static Path recogniser(Path file) {
        float[] value = new float[IDENTITY_WIDTH];
        for (int i = 0; i < value.length; i++) {
            value[i] = (float) Math.sin(0.37 * i + 0.5);
        }
        byte[] graph = message(g -> {
            node(g, "ReduceMean", new String[] {"input"}, "m", out -> {
                attrInts(out, "axes", 1, 2, 3);
                attrInt(out, "keepdims", 1);
            });
            node(g, "Reshape", new String[] {"m", "shape2"}, "m2", null);
            node(g, "Mul", new String[] {"m2", "zero"}, "z", null);
            node(g, "Add", new String[] {"value", "z"}, "embedding", null);
            g.writeString(GRAPH_NAME, "arcface_shaped");
            g.writeByteArray(GRAPH_INITIALIZER, floatTensor("zero", new long[0], new float[] {0f}));
            g.writeByteArray(GRAPH_INITIALIZER, int64Tensor("shape2", new long[] {2}, 1, 1));
            g.writeByteArray(GRAPH_INITIALIZER, floatTensor("value", new long[] {1, IDENTITY_WIDTH}, value));
            g.writeByteArray(GRAPH_INPUT, valueInfo("input", 1, 3, 112, 112));
            g.writeByteArray(GRAPH_OUTPUT, valueInfo("embedding", 1, IDENTITY_WIDTH));
        });
        return write(file, graph);
    }

    private static Path write(Path file, byte[] graph) {
        byte[] model = message(m -> {
            m.writeInt64(MODEL_IR_VERSION, 8);
            m.writeString(MODEL_PRODUCER, "manyfaces-bench");
            m.writeByteArray(MODEL_GRAPH, graph);
            m.writeByteArray(MODEL_OPSET, message(o -> o.writeInt64(OPSET_VERSION, 13)));
        });
        try {
            Files.write(file, model);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write bench model " + file, e);
        }
        return file;
    }

    @FunctionalInterface
    private interface Body {
        void write(CodedOutputStream out) throws IOException;
    }

    private static byte[] message(Body body) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            CodedOutputStream out = CodedOutputStream.newInstance(bytes);
            body.write(out);
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void node(CodedOutputStream g, String op, String[] inputs, String output, Body attributes)
            throws IOException {
        g.writeByteArray(GRAPH_NODE, message(n -> {
            for (String in : inputs) {
                n.writeString(NODE_INPUT, in);
            }
            n.writeString(NODE_OUTPUT, output);
            n.writeString(NODE_OP_TYPE, op);
            if (attributes != null) {
                attributes.write(n);
            }
        }));
    }

    private static void attrInt(CodedOutputStream n, String name, long v) throws IOException {
        n.writeByteArray(NODE_ATTRIBUTE, message(a -> {
            a.writeString(ATTR_NAME, name);
            a.writeInt64(ATTR_I, v);
            a.writeInt32(ATTR_TYPE, ATTR_TYPE_INT);
        }));
    }

    private static void attrInts(CodedOutputStream n, String name, long... v) throws IOException {
        n.writeByteArray(NODE_ATTRIBUTE, message(a -> {
            a.writeString(ATTR_NAME, name);
            for (long x : v) {
                a.writeInt64(ATTR_INTS, x);
            }
            a.writeInt32(ATTR_TYPE, ATTR_TYPE_INTS);
        }));
    }

    private static byte[] floatTensor(String name, long[] dims, float[] data) {
        ByteBuffer raw = ByteBuffer.allocate(4 * data.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : data) {
            raw.putFloat(v);
        }
        return message(t -> {
            for (long d : dims) {
                t.writeInt64(TENSOR_DIMS, d);
            }
            t.writeInt32(TENSOR_DATA_TYPE, FLOAT);
            t.writeString(TENSOR_NAME, name);
            t.writeByteArray(TENSOR_RAW_DATA, raw.array());
        });
    }

    private static byte[] int64Tensor(String name, long[] dims, long... data) {
        return message(t -> {
            for (long d : dims) {
                t.writeInt64(TENSOR_DIMS, d);
            }
            t.writeInt32(TENSOR_DATA_TYPE, INT64);
            t.writeString(TENSOR_NAME, name);
            t.writeByteArray(TENSOR_INT64_DATA, message(p -> {
                for (long v : data) {
                    p.writeInt64NoTag(v);
                }
            }));
        });
    }

    private static byte[] valueInfo(String name, long... dims) {
        byte[] shape = message(s -> {
            for (long d : dims) {
                s.writeByteArray(SHAPE_DIM, message(dim -> dim.writeInt64(DIM_VALUE, d)));
            }
        });
        byte[] tensorType = message(t -> {
            t.writeInt32(TENSOR_TYPE_ELEM, FLOAT);
            t.writeByteArray(TENSOR_TYPE_SHAPE, shape);
        });
        return message(v -> {
            v.writeString(VALUE_NAME, name);
            v.writeByteArray(VALUE_TYPE, message(tp -> tp.writeByteArray(TYPE_TENSOR, tensorType)));
        });
    }
}
