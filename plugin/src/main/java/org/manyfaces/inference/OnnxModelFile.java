package org.manyfaces.inference;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.WireFormat;

/**
 * A minimal ONNX protobuf reader: opset, graph inputs/outputs and initializers, read straight from the
 * wire format with our own field numbers (no generated classes).
 *
 * <p>Why: ONNX Runtime does not expose initializers, and the inswapper contract needs the graph's
 * LAST initializer ({@code emap}, 512×512 float). The reader also gives clear errors for empty,
 * truncated and non-ONNX files before ORT sees them. Weight bytes are skipped while parsing (only
 * their file offsets are kept) so even a 550 MB model is scanned quickly; values are read on demand.
 * Parsed files are cached by (canonical path, size, modification time).
 */
public final class OnnxModelFile {
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
    private static final int GRAPH_INITIALIZER = 5;
    private static final int GRAPH_INPUT = 11;
    private static final int GRAPH_OUTPUT = 12;
    // TensorProto
    private static final int TENSOR_DIMS = 1;
    private static final int TENSOR_DATA_TYPE = 2;
    private static final int TENSOR_FLOAT_DATA = 4;
    private static final int TENSOR_NAME = 8;
    private static final int TENSOR_RAW_DATA = 9;
    private static final int TENSOR_DATA_LOCATION = 14;
    // ValueInfoProto / TypeProto / Tensor / TensorShapeProto / Dimension
    private static final int VALUE_INFO_NAME = 1;
    private static final int VALUE_INFO_TYPE = 2;
    private static final int TYPE_TENSOR = 1;
    private static final int TENSOR_TYPE_ELEM = 1;
    private static final int TENSOR_TYPE_SHAPE = 2;
    private static final int SHAPE_DIM = 1;
    private static final int DIM_VALUE = 1;
    private static final int DIM_PARAM = 2;

    private static final Map<FileKey, OnnxModelFile> CACHE = new ConcurrentHashMap<>();

    /** How an initializer's values are stored in the file. */
    enum Storage { RAW_DATA, PACKED_FLOAT_DATA, INLINE_FLOATS, EXTERNAL, NONE }

    /** One initializer: name, type, dims and where its bytes are. */
    public static final class Initializer {
        private final String name;
        private final ElementType type;
        private final long[] dims;
        final Storage storage;
        final long dataOffset;
        final long dataLength;
        final float[] inlineFloats;

        Initializer(String name, ElementType type, long[] dims, Storage storage, long dataOffset, long dataLength,
                    float[] inlineFloats) {
            this.name = name;
            this.type = type;
            this.dims = dims;
            this.storage = storage;
            this.dataOffset = dataOffset;
            this.dataLength = dataLength;
            this.inlineFloats = inlineFloats;
        }

        public String name() {
            return name;
        }

        public ElementType type() {
            return type;
        }

        public long[] dims() {
            return dims.clone();
        }

        public long elementCount() {
            long n = 1;
            for (long d : dims) {
                n *= d;
            }
            return n;
        }

        @Override
        public String toString() {
            return name + " " + type.onnxName() + TensorSpec.shapeString(dims);
        }
    }

    private final Path path;
    private final long size;
    private final long irVersion;
    private final String producer;
    private final Map<String, Long> opsets;
    private final List<TensorSpec> inputs;
    private final List<TensorSpec> outputs;
    private final List<Initializer> initializers;
    private final Map<String, Initializer> initializersByName;
    private final int nodeCount;
    private volatile float[] lastInitializerFloats;

    private OnnxModelFile(Path path, long size, long irVersion, String producer, Map<String, Long> opsets,
                          List<TensorSpec> inputs, List<TensorSpec> outputs, List<Initializer> initializers,
                          int nodeCount) {
        this.path = path;
        this.size = size;
        this.irVersion = irVersion;
        this.producer = producer;
        this.opsets = Collections.unmodifiableMap(opsets);
        this.initializers = List.copyOf(initializers);
        Map<String, Initializer> byName = new LinkedHashMap<>();
        for (Initializer i : initializers) {
            byName.put(i.name, i);
        }
        this.initializersByName = Collections.unmodifiableMap(byName);
        // Before IR 4 every initializer was also listed as a graph input; those are weights, not inputs.
        List<TensorSpec> realInputs = new ArrayList<>();
        for (TensorSpec in : inputs) {
            if (!byName.containsKey(in.name())) {
                realInputs.add(in);
            }
        }
        this.inputs = List.copyOf(realInputs);
        this.outputs = List.copyOf(outputs);
        this.nodeCount = nodeCount;
    }

    /**
     * Reads (or returns the cached parse of) an ONNX file.
     *
     * @throws ModelFileException when the file is missing, empty, truncated or not an ONNX model
     */
    public static OnnxModelFile read(Path file) {
        FileKey key = FileKey.of(file);
        OnnxModelFile cached = CACHE.get(key);
        if (cached != null) {
            return cached;
        }
        OnnxModelFile parsed = parse(key.path(), key.size());
        // Drop older parses of the same file (it changed on disk) so the cache does not grow.
        CACHE.keySet().removeIf(k -> k.path().equals(key.path()) && !k.equals(key));
        CACHE.put(key, parsed);
        return parsed;
    }

    private static OnnxModelFile parse(Path file, long size) {
        if (size == 0) {
            throw new ModelFileException("model file " + file + " is empty (0 bytes); download it again");
        }
        if (size > Integer.MAX_VALUE) {
            throw new ModelFileException("model file " + file + " is " + size + " bytes; ONNX files over 2 GiB keep"
                    + " their weights in external data files, which ManyFaces does not load");
        }
        try (InputStream raw = Files.newInputStream(file)) {
            CodedInputStream in = CodedInputStream.newInstance(new BufferedInputStream(raw, 1 << 16));
            in.setSizeLimit(Integer.MAX_VALUE);
            long ir = -1;
            String producer = "";
            Map<String, Long> opsets = new LinkedHashMap<>();
            GraphParts graph = null;
            while (true) {
                int tag = in.readTag();
                if (tag == 0) {
                    break;
                }
                int field = WireFormat.getTagFieldNumber(tag);
                int wire = WireFormat.getTagWireType(tag);
                if (field == MODEL_IR_VERSION && wire == WireFormat.WIRETYPE_VARINT) {
                    ir = in.readInt64();
                } else if (field == MODEL_PRODUCER_NAME && wire == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                    producer = in.readStringRequireUtf8();
                } else if (field == MODEL_OPSET_IMPORT && wire == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                    int limit = in.pushLimit(in.readRawVarint32());
                    String domain = "";
                    long version = -1;
                    while (!in.isAtEnd()) {
                        int t = in.readTag();
                        int f = WireFormat.getTagFieldNumber(t);
                        if (f == OPSET_DOMAIN && WireFormat.getTagWireType(t) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                            domain = in.readStringRequireUtf8();
                        } else if (f == OPSET_VERSION && WireFormat.getTagWireType(t) == WireFormat.WIRETYPE_VARINT) {
                            version = in.readInt64();
                        } else {
                            in.skipField(t);
                        }
                    }
                    in.popLimit(limit);
                    opsets.put(domain.equals("ai.onnx") ? "" : domain, version);
                } else if (field == MODEL_GRAPH && wire == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                    int len = in.readRawVarint32();
                    int limit = in.pushLimit(len);
                    graph = parseGraph(in);
                    in.popLimit(limit);
                } else {
                    in.skipField(tag);
                }
            }
            if (graph == null || ir < 0) {
                throw new ModelFileException("model file " + file + " (" + size + " bytes) is not an ONNX model: "
                        + (graph == null ? "it contains no graph" : "it has no IR version"));
            }
            if (graph.outputs.isEmpty()) {
                throw new ModelFileException("model file " + file + " is not a usable ONNX model: its graph declares"
                        + " no outputs");
            }
            return new OnnxModelFile(file, size, ir, producer, opsets, graph.inputs, graph.outputs,
                    graph.initializers, graph.nodes);
        } catch (NoSuchFileException e) {
            throw new ModelFileException("model file not found: " + file, e);
        } catch (InvalidProtocolBufferException e) {
            String what = e.getMessage() != null && e.getMessage().contains("truncated")
                    ? "it is truncated (the data ends in the middle of a field; an interrupted download?)"
                    : "it is not valid ONNX protobuf data (" + e.getMessage() + ")";
            throw new ModelFileException("model file " + file + " (" + size + " bytes) cannot be read: " + what, e);
        } catch (IOException e) {
            throw new ModelFileException("model file " + file + " cannot be read: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            if (e instanceof ModelFileException mfe) {
                throw mfe;
            }
            throw new ModelFileException("model file " + file + " (" + size + " bytes) is not an ONNX model: "
                    + e.getMessage(), e);
        }
    }

    private static final class GraphParts {
        final List<TensorSpec> inputs = new ArrayList<>();
        final List<TensorSpec> outputs = new ArrayList<>();
        final List<Initializer> initializers = new ArrayList<>();
        int nodes;
    }

    private static GraphParts parseGraph(CodedInputStream in) throws IOException {
        GraphParts g = new GraphParts();
        while (!in.isAtEnd()) {
            int tag = in.readTag();
            int field = WireFormat.getTagFieldNumber(tag);
            boolean delimited = WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED;
            if (field == GRAPH_INITIALIZER && delimited) {
                int limit = in.pushLimit(in.readRawVarint32());
                g.initializers.add(parseInitializer(in));
                in.popLimit(limit);
            } else if ((field == GRAPH_INPUT || field == GRAPH_OUTPUT) && delimited) {
                int limit = in.pushLimit(in.readRawVarint32());
                TensorSpec spec = parseValueInfo(in);
                in.popLimit(limit);
                (field == GRAPH_INPUT ? g.inputs : g.outputs).add(spec);
            } else if (field == GRAPH_NODE && delimited) {
                g.nodes++;
                in.skipField(tag);
            } else {
                in.skipField(tag);
            }
        }
        return g;
    }

    private static Initializer parseInitializer(CodedInputStream in) throws IOException {
        List<Long> dims = new ArrayList<>();
        int dataType = 0;
        String name = "";
        Storage storage = Storage.NONE;
        long offset = -1;
        long length = 0;
        List<Float> inline = null;
        while (!in.isAtEnd()) {
            int tag = in.readTag();
            int field = WireFormat.getTagFieldNumber(tag);
            int wire = WireFormat.getTagWireType(tag);
            if (field == TENSOR_DIMS && wire == WireFormat.WIRETYPE_VARINT) {
                dims.add(in.readInt64());
            } else if (field == TENSOR_DIMS && wire == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                int limit = in.pushLimit(in.readRawVarint32());
                while (!in.isAtEnd()) {
                    dims.add(in.readInt64());
                }
                in.popLimit(limit);
            } else if (field == TENSOR_DATA_TYPE && wire == WireFormat.WIRETYPE_VARINT) {
                dataType = in.readInt32();
            } else if (field == TENSOR_NAME && wire == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                name = in.readStringRequireUtf8();
            } else if (field == TENSOR_RAW_DATA && wire == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                length = in.readRawVarint32();
                offset = in.getTotalBytesRead();
                in.skipRawBytes((int) length);
                storage = Storage.RAW_DATA;
            } else if (field == TENSOR_FLOAT_DATA && wire == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                length = in.readRawVarint32();
                offset = in.getTotalBytesRead();
                in.skipRawBytes((int) length);
                storage = Storage.PACKED_FLOAT_DATA;
            } else if (field == TENSOR_FLOAT_DATA && wire == WireFormat.WIRETYPE_FIXED32) {
                if (inline == null) {
                    inline = new ArrayList<>();
                }
                inline.add(in.readFloat());
                storage = Storage.INLINE_FLOATS;
            } else if (field == TENSOR_DATA_LOCATION && wire == WireFormat.WIRETYPE_VARINT) {
                if (in.readInt32() == 1) {
                    storage = Storage.EXTERNAL;
                }
            } else {
                in.skipField(tag);
            }
        }
        long[] d = new long[dims.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = dims.get(i);
        }
        float[] inl = null;
        if (inline != null) {
            inl = new float[inline.size()];
            for (int i = 0; i < inl.length; i++) {
                inl[i] = inline.get(i);
            }
        }
        return new Initializer(name, ElementType.fromOnnxCode(dataType), d, storage, offset, length, inl);
    }

    private static TensorSpec parseValueInfo(CodedInputStream in) throws IOException {
        String name = "";
        ElementType type = ElementType.UNDEFINED;
        List<Long> shape = null;
        List<String> dimNames = null;
        while (!in.isAtEnd()) {
            int tag = in.readTag();
            int field = WireFormat.getTagFieldNumber(tag);
            if (field == VALUE_INFO_NAME && WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                name = in.readStringRequireUtf8();
            } else if (field == VALUE_INFO_TYPE && WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                int typeLimit = in.pushLimit(in.readRawVarint32());
                while (!in.isAtEnd()) {
                    int t = in.readTag();
                    if (WireFormat.getTagFieldNumber(t) == TYPE_TENSOR
                            && WireFormat.getTagWireType(t) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                        int tensorLimit = in.pushLimit(in.readRawVarint32());
                        while (!in.isAtEnd()) {
                            int tt = in.readTag();
                            int f = WireFormat.getTagFieldNumber(tt);
                            if (f == TENSOR_TYPE_ELEM && WireFormat.getTagWireType(tt) == WireFormat.WIRETYPE_VARINT) {
                                type = ElementType.fromOnnxCode(in.readInt32());
                            } else if (f == TENSOR_TYPE_SHAPE
                                    && WireFormat.getTagWireType(tt) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                                shape = new ArrayList<>();
                                dimNames = new ArrayList<>();
                                parseShape(in, shape, dimNames);
                            } else {
                                in.skipField(tt);
                            }
                        }
                        in.popLimit(tensorLimit);
                    } else {
                        in.skipField(t);
                    }
                }
                in.popLimit(typeLimit);
            } else {
                in.skipField(tag);
            }
        }
        if (shape == null) {
            // No shape declared at all: rank unknown. Represented as rank 0 with the type kept.
            return new TensorSpec(name, type, new long[0], new String[0]);
        }
        long[] s = new long[shape.size()];
        for (int i = 0; i < s.length; i++) {
            s[i] = shape.get(i);
        }
        return new TensorSpec(name, type, s, dimNames.toArray(new String[0]));
    }

    private static void parseShape(CodedInputStream in, List<Long> shape, List<String> names) throws IOException {
        int shapeLimit = in.pushLimit(in.readRawVarint32());
        while (!in.isAtEnd()) {
            int t = in.readTag();
            if (WireFormat.getTagFieldNumber(t) == SHAPE_DIM
                    && WireFormat.getTagWireType(t) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                int dimLimit = in.pushLimit(in.readRawVarint32());
                long value = -1;
                String param = "";
                while (!in.isAtEnd()) {
                    int dt = in.readTag();
                    int f = WireFormat.getTagFieldNumber(dt);
                    if (f == DIM_VALUE && WireFormat.getTagWireType(dt) == WireFormat.WIRETYPE_VARINT) {
                        value = in.readInt64();
                    } else if (f == DIM_PARAM && WireFormat.getTagWireType(dt) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                        param = in.readStringRequireUtf8();
                    } else {
                        in.skipField(dt);
                    }
                }
                in.popLimit(dimLimit);
                shape.add(param.isEmpty() ? value : -1L);
                names.add(param);
            } else {
                in.skipField(t);
            }
        }
        in.popLimit(shapeLimit);
    }

    public Path path() {
        return path;
    }

    public long size() {
        return size;
    }

    public long irVersion() {
        return irVersion;
    }

    public String producer() {
        return producer;
    }

    /** Opset version of the default ONNX domain; -1 when the model imports none. */
    public long opset() {
        return opsets.getOrDefault("", -1L);
    }

    /** Opset versions by domain ("" is the default ONNX domain). */
    public Map<String, Long> opsets() {
        return opsets;
    }

    /** Graph inputs that are fed at run time (initializers listed as inputs by old exporters are left out). */
    public List<TensorSpec> inputs() {
        return inputs;
    }

    public List<TensorSpec> outputs() {
        return outputs;
    }

    public int nodeCount() {
        return nodeCount;
    }

    /** Initializers in file order. */
    public List<Initializer> initializers() {
        return initializers;
    }

    public Set<String> initializerNames() {
        return new HashSet<>(initializersByName.keySet());
    }

    /** The initializer called {@code name}; throws naming the file when there is none. */
    public Initializer initializer(String name) {
        Initializer i = initializersByName.get(name);
        if (i == null) {
            throw new ModelFileException("model file " + path + " has no initializer named '" + name + "'");
        }
        return i;
    }

    /** The last initializer of the graph (inswapper's {@code emap}). */
    public Initializer lastInitializer() {
        if (initializers.isEmpty()) {
            throw new ModelFileException("model file " + path + " has no initializers (inswapper-type models keep"
                    + " their 512x512 'emap' as the last one)");
        }
        return initializers.get(initializers.size() - 1);
    }

    /** Values of a float or float16 initializer, read from the file now (not cached). */
    public float[] readFloats(String name) {
        return readFloats(initializer(name));
    }

    /** Values of the last initializer as floats; read once, then cached (the returned array is a copy). */
    public float[] lastInitializerFloats() {
        float[] v = lastInitializerFloats;
        if (v == null) {
            synchronized (this) {
                v = lastInitializerFloats;
                if (v == null) {
                    v = readFloats(lastInitializer());
                    lastInitializerFloats = v;
                }
            }
        }
        return v.clone();
    }

    /** Values of the given initializer of this file as floats (float32 or float16 storage). */
    public float[] readFloats(Initializer init) {
        long count = init.elementCount();
        if (init.type != ElementType.FLOAT && init.type != ElementType.FLOAT16) {
            throw new ModelFileException("initializer '" + init.name + "' in " + path + " is "
                    + init.type.onnxName() + ", not float or float16");
        }
        if (count > Integer.MAX_VALUE / 4) {
            throw new ModelFileException("initializer '" + init.name + "' in " + path + " is too large to read ("
                    + count + " values)");
        }
        switch (init.storage) {
            case INLINE_FLOATS -> {
                if (init.inlineFloats.length != count) {
                    throw lengthMismatch(init, init.inlineFloats.length * 4L, count * 4);
                }
                return init.inlineFloats.clone();
            }
            case EXTERNAL -> throw new ModelFileException("initializer '" + init.name + "' in " + path
                    + " is stored in an external data file, which ManyFaces does not read");
            case NONE -> {
                if (count == 0) {
                    return new float[0];
                }
                throw new ModelFileException("initializer '" + init.name + "' in " + path + " has no data");
            }
            default -> {
                // raw_data and packed float_data are both little-endian values at a known offset
            }
        }
        boolean half = init.type == ElementType.FLOAT16 && init.storage == Storage.RAW_DATA;
        long expectedBytes = count * (half ? 2 : 4);
        if (init.storage == Storage.PACKED_FLOAT_DATA && init.type == ElementType.FLOAT16) {
            throw new ModelFileException("initializer '" + init.name + "' in " + path
                    + " stores float16 in float_data, which is not valid ONNX");
        }
        if (init.dataLength != expectedBytes) {
            throw lengthMismatch(init, init.dataLength, expectedBytes);
        }
        ByteBuffer bytes = ByteBuffer.allocate((int) expectedBytes).order(ByteOrder.LITTLE_ENDIAN);
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            long pos = init.dataOffset;
            while (bytes.hasRemaining()) {
                int n = ch.read(bytes, pos);
                if (n < 0) {
                    throw new ModelFileException("model file " + path + " ended while reading initializer '"
                            + init.name + "' (changed on disk?)");
                }
                pos += n;
            }
        } catch (IOException e) {
            throw new ModelFileException("cannot read initializer '" + init.name + "' from " + path + ": "
                    + e.getMessage(), e);
        }
        bytes.flip();
        float[] out = new float[(int) count];
        if (half) {
            for (int i = 0; i < out.length; i++) {
                out[i] = Float16.toFloat(bytes.getShort());
            }
        } else {
            bytes.asFloatBuffer().get(out);
        }
        return out;
    }

    private ModelFileException lengthMismatch(Initializer init, long have, long want) {
        return new ModelFileException("initializer '" + init.name + "' in " + path + " holds " + have
                + " bytes but its type and dims " + TensorSpec.shapeString(init.dims) + " need " + want);
    }

    @Override
    public String toString() {
        return "OnnxModelFile[" + path + ", IR " + irVersion + ", opset " + opset() + ", inputs " + inputs
                + ", outputs " + outputs + ", " + initializers.size() + " initializers]";
    }
}
