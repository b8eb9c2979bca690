package org.manyfaces.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;

import org.manyfaces.inference.ElementType;
import org.manyfaces.inference.Float16;

/**
 * Builds small ONNX models in test code, written straight in protobuf wire format (no generated
 * classes, no protoc, no Python). Field numbers are those of {@code onnx.proto} (ONNX 1.x).
 *
 * <pre>{@code
 * byte[] model = new OnnxModelBuilder().opset(13)
 *     .input("x", ElementType.FLOAT, 1, 3, "h", "w")
 *     .output("y", ElementType.FLOAT, 1, 3, "h", "w")
 *     .initializer("two", new long[0], 2f)
 *     .node(OnnxModelBuilder.op("Mul").in("x", "two").out("y"))
 *     .toBytes();
 * }</pre>
 *
 * <p>Dimensions are given as numbers (fixed size) or strings (symbolic, i.e. dynamic).
 */
public final class OnnxModelBuilder {
    // ModelProto
    private static final int MODEL_IR_VERSION = 1;
    private static final int MODEL_PRODUCER_NAME = 2;
    private static final int MODEL_GRAPH = 7;
    private static final int MODEL_OPSET_IMPORT = 8;
    // OperatorSetIdProto
    private static final int OPSET_DOMAIN = 1;
    private static final int OPSET_VERSION = 2;
    // GraphProto
    private static final int GRAPH_NODE = 1;
    private static final int GRAPH_NAME = 2;
    private static final int GRAPH_INITIALIZER = 5;
    private static final int GRAPH_INPUT = 11;
    private static final int GRAPH_OUTPUT = 12;
    // NodeProto
    private static final int NODE_INPUT = 1;
    private static final int NODE_OUTPUT = 2;
    private static final int NODE_NAME = 3;
    private static final int NODE_OP_TYPE = 4;
    private static final int NODE_ATTRIBUTE = 5;
    private static final int NODE_DOMAIN = 7;
    // AttributeProto
    private static final int ATTR_NAME = 1;
    private static final int ATTR_F = 2;
    private static final int ATTR_I = 3;
    private static final int ATTR_S = 4;
    private static final int ATTR_T = 5;
    private static final int ATTR_FLOATS = 7;
    private static final int ATTR_INTS = 8;
    private static final int ATTR_TYPE = 20;
    private static final int ATTR_TYPE_FLOAT = 1;
    private static final int ATTR_TYPE_INT = 2;
    private static final int ATTR_TYPE_STRING = 3;
    private static final int ATTR_TYPE_TENSOR = 4;
    private static final int ATTR_TYPE_FLOATS = 6;
    private static final int ATTR_TYPE_INTS = 7;
    // TensorProto
    private static final int TENSOR_DIMS = 1;
    private static final int TENSOR_DATA_TYPE = 2;
    private static final int TENSOR_FLOAT_DATA = 4;
    private static final int TENSOR_INT64_DATA = 7;
    private static final int TENSOR_NAME = 8;
    private static final int TENSOR_RAW_DATA = 9;
    // ValueInfoProto / TypeProto / TypeProto.Tensor / TensorShapeProto / Dimension
    private static final int VALUE_INFO_NAME = 1;
    private static final int VALUE_INFO_TYPE = 2;
    private static final int TYPE_TENSOR = 1;
    private static final int TENSOR_TYPE_ELEM = 1;
    private static final int TENSOR_TYPE_SHAPE = 2;
    private static final int SHAPE_DIM = 1;
    private static final int DIM_VALUE = 1;
    private static final int DIM_PARAM = 2;

    private long irVersion = 8;
    private int opset = 13;
    private String graphName = "test_graph";
    private final List<ByteString> inputs = new ArrayList<>();
    private final List<ByteString> outputs = new ArrayList<>();
    private final List<ByteString> initializers = new ArrayList<>();
    private final List<ByteString> nodes = new ArrayList<>();

    /** Default-domain opset version (e.g. 13 or 17). */
    public OnnxModelBuilder opset(int version) {
        this.opset = version;
        return this;
    }

    /** ModelProto.ir_version; 8 by default (ORT 1.29 reads up to 11). */
    public OnnxModelBuilder irVersion(long version) {
        this.irVersion = version;
        return this;
    }

    public OnnxModelBuilder graphName(String name) {
        this.graphName = name;
        return this;
    }

    /** A graph input; each dim is an Integer/Long (fixed) or a String (symbolic). */
    public OnnxModelBuilder input(String name, ElementType type, Object... dims) {
        inputs.add(valueInfo(name, type, dims));
        return this;
    }

    /** A graph output; each dim is an Integer/Long (fixed) or a String (symbolic). */
    public OnnxModelBuilder output(String name, ElementType type, Object... dims) {
        outputs.add(valueInfo(name, type, dims));
        return this;
    }

    /** A graph output without any declared shape (rank unknown). */
    public OnnxModelBuilder outputWithoutShape(String name, ElementType type) {
        outputs.add(valueInfoNoShape(name, type));
        return this;
    }

    /** A float initializer stored as little-endian {@code raw_data} (what exporters usually write). */
    public OnnxModelBuilder initializer(String name, long[] dims, float... data) {
        initializers.add(floatTensor(name, dims, data, true));
        return this;
    }

    /** A float initializer stored in the packed {@code float_data} field instead of raw_data. */
    public OnnxModelBuilder initializerFloatData(String name, long[] dims, float... data) {
        initializers.add(floatTensor(name, dims, data, false));
        return this;
    }

    /** An int64 initializer (shapes for Reshape, axes, ...), stored as packed int64_data. */
    public OnnxModelBuilder initializerInt64(String name, long[] dims, long... data) {
        initializers.add(int64Tensor(name, dims, data));
        return this;
    }

    /** A float16 initializer from float values, stored as raw_data (2 bytes each). */
    public OnnxModelBuilder initializerFloat16(String name, long[] dims, float... data) {
        ByteBuffer bb = ByteBuffer.allocate(2 * data.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : data) {
            bb.putShort(Float16.fromFloat(v));
        }
        initializers.add(message(out -> {
            for (long d : dims) {
                out.writeInt64(TENSOR_DIMS, d);
            }
            out.writeInt32(TENSOR_DATA_TYPE, ElementType.FLOAT16.onnxCode());
            out.writeString(TENSOR_NAME, name);
            out.writeBytes(TENSOR_RAW_DATA, ByteString.copyFrom(bb.array()));
        }));
        return this;
    }

    public OnnxModelBuilder node(Node node) {
        nodes.add(node.encode());
        return this;
    }

    /** Starts a node of the given operator type (default ONNX domain). */
    public static Node op(String opType) {
        return new Node(opType);
    }

    /** The serialized ModelProto. */
    public byte[] toBytes() {
        ByteString graph = message(out -> {
            for (ByteString n : nodes) {
                out.writeBytes(GRAPH_NODE, n);
            }
            out.writeString(GRAPH_NAME, graphName);
            for (ByteString t : initializers) {
                out.writeBytes(GRAPH_INITIALIZER, t);
            }
            for (ByteString v : inputs) {
                out.writeBytes(GRAPH_INPUT, v);
            }
            for (ByteString v : outputs) {
                out.writeBytes(GRAPH_OUTPUT, v);
            }
        });
        ByteString opsetId = message(out -> {
            out.writeString(OPSET_DOMAIN, "");
            out.writeInt64(OPSET_VERSION, opset);
        });
        return message(out -> {
            out.writeInt64(MODEL_IR_VERSION, irVersion);
            out.writeString(MODEL_PRODUCER_NAME, "manyfaces-test");
            out.writeBytes(MODEL_GRAPH, graph);
            out.writeBytes(MODEL_OPSET_IMPORT, opsetId);
        }).toByteArray();
    }

    /** Writes the model to {@code file} and returns the path. */
    public Path write(Path file) {
        try {
            Files.write(file, toBytes());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ByteString valueInfo(String name, ElementType type, Object... dims) {
        ByteString shape = message(out -> {
            for (Object d : dims) {
                ByteString dim = message(o -> {
                    if (d instanceof Number n) {
                        o.writeInt64(DIM_VALUE, n.longValue());
                    } else if (d instanceof String s) {
                        o.writeString(DIM_PARAM, s);
                    } else {
                        throw new IllegalArgumentException("dimension must be a number or a name, got " + d);
                    }
                });
                out.writeBytes(SHAPE_DIM, dim);
            }
        });
        ByteString tensorType = message(out -> {
            out.writeInt32(TENSOR_TYPE_ELEM, type.onnxCode());
            out.writeBytes(TENSOR_TYPE_SHAPE, shape);
        });
        ByteString typeProto = message(out -> out.writeBytes(TYPE_TENSOR, tensorType));
        return message(out -> {
            out.writeString(VALUE_INFO_NAME, name);
            out.writeBytes(VALUE_INFO_TYPE, typeProto);
        });
    }

    private static ByteString valueInfoNoShape(String name, ElementType type) {
        ByteString tensorType = message(out -> out.writeInt32(TENSOR_TYPE_ELEM, type.onnxCode()));
        ByteString typeProto = message(out -> out.writeBytes(TYPE_TENSOR, tensorType));
        return message(out -> {
            out.writeString(VALUE_INFO_NAME, name);
            out.writeBytes(VALUE_INFO_TYPE, typeProto);
        });
    }

    static ByteString floatTensor(String name, long[] dims, float[] data, boolean raw) {
        long count = 1;
        for (long d : dims) {
            count *= d;
        }
        if (count != data.length) {
            throw new IllegalArgumentException("tensor '" + name + "': dims hold " + count + " values, got "
                    + data.length);
        }
        return message(out -> {
            for (long d : dims) {
                out.writeInt64(TENSOR_DIMS, d);
            }
            out.writeInt32(TENSOR_DATA_TYPE, ElementType.FLOAT.onnxCode());
            if (name != null) {
                out.writeString(TENSOR_NAME, name);
            }
            if (raw) {
                ByteBuffer bb = ByteBuffer.allocate(4 * data.length).order(ByteOrder.LITTLE_ENDIAN);
                for (float v : data) {
                    bb.putFloat(v);
                }
                out.writeBytes(TENSOR_RAW_DATA, ByteString.copyFrom(bb.array()));
            } else {
                // packed repeated float: tag, byte length, then the values
                out.writeTag(TENSOR_FLOAT_DATA, 2);
                out.writeUInt32NoTag(4 * data.length);
                for (float v : data) {
                    out.writeFloatNoTag(v);
                }
            }
        });
    }

    private static ByteString int64Tensor(String name, long[] dims, long[] data) {
        return message(out -> {
            for (long d : dims) {
                out.writeInt64(TENSOR_DIMS, d);
            }
            out.writeInt32(TENSOR_DATA_TYPE, ElementType.INT64.onnxCode());
            out.writeString(TENSOR_NAME, name);
            ByteString packed = message(o -> {
                for (long v : data) {
                    o.writeInt64NoTag(v);
                }
            });
            out.writeBytes(TENSOR_INT64_DATA, packed);
        });
    }

    /** Writer callback that may throw the IOException CodedOutputStream declares. */
    @FunctionalInterface
    interface Body {
        void write(CodedOutputStream out) throws IOException;
    }

    static ByteString message(Body body) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            CodedOutputStream out = CodedOutputStream.newInstance(bytes);
            body.write(out);
            out.flush();
            return ByteString.copyFrom(bytes.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One NodeProto: operator type, inputs, outputs and attributes. */
    public static final class Node {
        private final String opType;
        private String name = "";
        private String domain = "";
        private final List<String> ins = new ArrayList<>();
        private final List<String> outs = new ArrayList<>();
        private final List<ByteString> attributes = new ArrayList<>();

        Node(String opType) {
            this.opType = opType;
        }

        public Node name(String n) {
            this.name = n;
            return this;
        }

        public Node domain(String d) {
            this.domain = d;
            return this;
        }

        /** Input names; an empty string is an omitted optional input. */
        public Node in(String... names) {
            ins.addAll(List.of(names));
            return this;
        }

        public Node out(String... names) {
            outs.addAll(List.of(names));
            return this;
        }

        public Node attr(String attrName, long value) {
            attributes.add(message(o -> {
                o.writeString(ATTR_NAME, attrName);
                o.writeInt64(ATTR_I, value);
                o.writeInt32(ATTR_TYPE, ATTR_TYPE_INT);
            }));
            return this;
        }

        public Node attr(String attrName, float value) {
            attributes.add(message(o -> {
                o.writeString(ATTR_NAME, attrName);
                o.writeFloat(ATTR_F, value);
                o.writeInt32(ATTR_TYPE, ATTR_TYPE_FLOAT);
            }));
            return this;
        }

        public Node attr(String attrName, String value) {
            attributes.add(message(o -> {
                o.writeString(ATTR_NAME, attrName);
                o.writeString(ATTR_S, value);
                o.writeInt32(ATTR_TYPE, ATTR_TYPE_STRING);
            }));
            return this;
        }

        public Node attrInts(String attrName, long... values) {
            attributes.add(message(o -> {
                o.writeString(ATTR_NAME, attrName);
                for (long v : values) {
                    o.writeInt64(ATTR_INTS, v);
                }
                o.writeInt32(ATTR_TYPE, ATTR_TYPE_INTS);
            }));
            return this;
        }

        public Node attrFloats(String attrName, float... values) {
            attributes.add(message(o -> {
                o.writeString(ATTR_NAME, attrName);
                for (float v : values) {
                    o.writeFloat(ATTR_FLOATS, v);
                }
                o.writeInt32(ATTR_TYPE, ATTR_TYPE_FLOATS);
            }));
            return this;
        }

        /** A float tensor attribute (e.g. Constant's {@code value}). */
        public Node attrTensor(String attrName, long[] dims, float... data) {
            ByteString t = floatTensor(null, dims, data, true);
            attributes.add(message(o -> {
                o.writeString(ATTR_NAME, attrName);
                o.writeBytes(ATTR_T, t);
                o.writeInt32(ATTR_TYPE, ATTR_TYPE_TENSOR);
            }));
            return this;
        }

        ByteString encode() {
            return message(o -> {
                for (String s : ins) {
                    o.writeString(NODE_INPUT, s);
                }
                for (String s : outs) {
                    o.writeString(NODE_OUTPUT, s);
                }
                if (!name.isEmpty()) {
                    o.writeString(NODE_NAME, name);
                }
                o.writeString(NODE_OP_TYPE, opType);
                for (ByteString a : attributes) {
                    o.writeBytes(NODE_ATTRIBUTE, a);
                }
                if (!domain.isEmpty()) {
                    o.writeString(NODE_DOMAIN, domain);
                }
            });
        }
    }
}
