package org.manyfaces.inference;

import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import ai.onnxruntime.ValueInfo;

/**
 * One loaded model, shared by every caller and thread that opened the same file with the same provider
 * (ORT sessions are thread-safe). Obtain it from {@link InferenceEngine#open}; its lifetime belongs to
 * the engine's cache, so callers never close it.
 *
 * <p>Runs take caller-owned {@link FloatTensor}s: ORT tensors are created over their direct memory,
 * and outputs are written by ORT straight into the caller's output tensors ("pinned" outputs), so a
 * run allocates nothing frame-sized on the Java side.
 */
public final class ModelSession {
    private final OrtEnvironment env;
    private final OrtSession session;
    private final OnnxModelFile file;
    private final ProviderStatus provider;
    private final List<TensorSpec> inputs;
    private final List<TensorSpec> outputs;
    private final Map<String, TensorSpec> byName = new HashMap<>();
    private final ReentrantReadWriteLock lifecycle = new ReentrantReadWriteLock();
    private boolean closed;

    ModelSession(OrtEnvironment env, OrtSession session, OnnxModelFile file, ProviderStatus provider) {
        this.env = env;
        this.session = session;
        this.file = file;
        this.provider = provider;
        try {
            this.inputs = specs(session.getInputInfo());
            this.outputs = specs(session.getOutputInfo());
        } catch (OrtException e) {
            throw new InferenceException("cannot read the inputs/outputs of " + file.path() + ": " + e.getMessage(), e);
        }
        for (TensorSpec s : inputs) {
            byName.put("in:" + s.name(), s);
        }
        for (TensorSpec s : outputs) {
            byName.put("out:" + s.name(), s);
        }
    }

    private static List<TensorSpec> specs(Map<String, NodeInfo> infos) {
        List<TensorSpec> out = new ArrayList<>();
        for (NodeInfo n : infos.values()) {
            ValueInfo v = n.getInfo();
            if (v instanceof TensorInfo t) {
                String[] names = t.getDimensionNames();
                long[] shape = t.getShape();
                if (names == null || names.length != shape.length) {
                    names = null;
                }
                out.add(new TensorSpec(n.getName(), elementType(t.onnxType), shape, names));
            } else {
                out.add(new TensorSpec(n.getName(), ElementType.UNDEFINED, new long[0], new String[0]));
            }
        }
        return Collections.unmodifiableList(out);
    }

    /** ORT numbers its element types differently from ONNX; its enum names carry the ONNX name. */
    static ElementType elementType(TensorInfo.OnnxTensorType t) {
        String n = t.name().replace("ONNX_TENSOR_ELEMENT_DATA_TYPE_", "");
        try {
            return ElementType.valueOf(n);
        } catch (IllegalArgumentException e) {
            return ElementType.UNDEFINED;
        }
    }

    /** The model file this session was created from. */
    public Path path() {
        return file.path();
    }

    /** The parsed file: opset, initializers (e.g. inswapper's emap). */
    public OnnxModelFile modelFile() {
        return file;
    }

    /** The provider this session actually runs on, and why. */
    public ProviderStatus provider() {
        return provider;
    }

    /** Declared inputs in model order (dynamic dims are -1). */
    public List<TensorSpec> inputs() {
        return inputs;
    }

    /** Declared outputs in model order (dynamic dims are -1). */
    public List<TensorSpec> outputs() {
        return outputs;
    }

    public TensorSpec input(String name) {
        TensorSpec s = byName.get("in:" + name);
        if (s == null) {
            throw new InferenceException("model " + file.path().getFileName() + " has no input '" + name
                    + "' (it declares " + names(inputs) + ")");
        }
        return s;
    }

    public TensorSpec output(String name) {
        TensorSpec s = byName.get("out:" + name);
        if (s == null) {
            throw new InferenceException("model " + file.path().getFileName() + " has no output '" + name
                    + "' (it declares " + names(outputs) + ")");
        }
        return s;
    }

    static String names(List<TensorSpec> specs) {
        List<String> n = new ArrayList<>();
        for (TensorSpec s : specs) {
            n.add("'" + s.name() + "'");
        }
        return String.join(", ", n);
    }

    /** Runs the model; ORT writes each requested output straight into the given output tensors. */
    public void run(Map<String, FloatTensor> in, Map<String, FloatTensor> out) {
        run(in, out, null);
    }

    /**
     * Runs the model. Every output in {@code out} must already have the output's concrete shape (for
     * dynamic outputs the caller computes it, e.g. from the input size); outputs not named are not computed.
     *
     * @param abort optional handle another thread may use to stop the run
     * @throws InferenceAbortedException when {@code abort} stopped the run
     */
    public void run(Map<String, FloatTensor> in, Map<String, FloatTensor> out, RunAbort abort) {
        if (out.isEmpty()) {
            throw new IllegalArgumentException("request at least one output of " + file.path().getFileName()
                    + " (it declares " + names(outputs) + ")");
        }
        lifecycle.readLock().lock();
        Map<String, OnnxTensor> feeds = new HashMap<>();
        Map<String, OnnxValue> pinned = new HashMap<>();
        try {
            checkOpen();
            for (Map.Entry<String, FloatTensor> e : in.entrySet()) {
                feeds.put(e.getKey(), tensorFor("in", input(e.getKey()), e.getValue()));
            }
            for (Map.Entry<String, FloatTensor> e : out.entrySet()) {
                pinned.put(e.getKey(), tensorFor("out", output(e.getKey()), e.getValue()));
            }
            OrtSession.RunOptions options = abort == null ? null : abort.options();
            OrtSession.Result result = options == null
                    ? session.run(feeds, Collections.emptySet(), pinned)
                    : session.run(feeds, Collections.emptySet(), pinned, options);
            result.close();
            for (Map.Entry<String, FloatTensor> e : out.entrySet()) {
                if (output(e.getKey()).type() == ElementType.FLOAT16) {
                    HALF.get().toFloats("out:" + e.getKey(), e.getValue());
                }
            }
        } catch (OrtException e) {
            throw runFailure(e, abort);
        } finally {
            closeAll(feeds.values());
            closeAll(pinned.values());
            lifecycle.readLock().unlock();
        }
    }

    /**
     * Runs the model and returns every output as a new float array with its actual shape. Allocates per
     * call: meant for small outputs, tools and tests; hot paths use {@link #run(Map, Map)}.
     */
    public Map<String, OutputArray> runToArrays(Map<String, FloatTensor> in) {
        lifecycle.readLock().lock();
        Map<String, OnnxTensor> feeds = new HashMap<>();
        try {
            checkOpen();
            for (Map.Entry<String, FloatTensor> e : in.entrySet()) {
                feeds.put(e.getKey(), tensorFor("in", input(e.getKey()), e.getValue()));
            }
            Map<String, OutputArray> res = new LinkedHashMap<>();
            try (OrtSession.Result result = session.run(feeds)) {
                for (Map.Entry<String, OnnxValue> e : result) {
                    if (!(e.getValue() instanceof OnnxTensor t)) {
                        throw new InferenceException("output '" + e.getKey() + "' of " + file.path().getFileName()
                                + " is not a tensor");
                    }
                    TensorInfo info = t.getInfo();
                    if (info.onnxType != TensorInfo.OnnxTensorType.ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT
                            && info.onnxType != TensorInfo.OnnxTensorType.ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT16) {
                        throw new InferenceException("output '" + e.getKey() + "' of " + file.path().getFileName()
                                + " is " + elementType(info.onnxType).onnxName()
                                + "; only float outputs are supported");
                    }
                    FloatBuffer fb = t.getFloatBuffer();
                    float[] data = new float[fb.remaining()];
                    fb.get(data);
                    res.put(e.getKey(), new OutputArray(e.getKey(), info.getShape(), data));
                }
            }
            return res;
        } catch (OrtException e) {
            throw runFailure(e, null);
        } finally {
            closeAll(feeds.values());
            lifecycle.readLock().unlock();
        }
    }

    /** One output of {@link #runToArrays}: its actual shape and values. */
    public record OutputArray(String name, long[] shape, float[] values) {
    }

    private OnnxTensor tensorFor(String role, TensorSpec spec, FloatTensor t) throws OrtException {
        String what = (role.equals("in") ? "input '" : "output '") + spec.name() + "' of " + file.path().getFileName();
        boolean doubleInput = role.equals("in") && spec.type() == ElementType.DOUBLE;
        if (spec.type() != ElementType.FLOAT && spec.type() != ElementType.FLOAT16 && !doubleInput) {
            throw new InferenceException(what + " is " + spec.type().onnxName()
                    + "; ManyFaces feeds float32, float16 or float64 tensors and reads float32 or float16 only");
        }
        long[] shape = t.shape();
        long[] declared = spec.shape();
        if (declared.length != 0 && declared.length != shape.length) {
            throw new InferenceException(what + ": given rank-" + shape.length + " tensor "
                    + TensorSpec.shapeString(shape) + ", model declares " + spec.shapeString());
        }
        for (int i = 0; i < declared.length; i++) {
            if (declared[i] >= 0 && declared[i] != shape[i]) {
                throw new InferenceException(what + ": given shape " + TensorSpec.shapeString(shape)
                        + ", model declares " + spec.shapeString());
            }
        }
        if (doubleInput) {
            // Scalar-like control inputs (CodeFormer's fidelity weight is a double [1]): widened per call.
            float[] v = t.toArray();
            double[] d = new double[v.length];
            for (int i = 0; i < v.length; i++) {
                d[i] = v[i];
            }
            return OnnxTensor.createTensor(env, java.nio.DoubleBuffer.wrap(d), shape);
        }
        if (spec.type() == ElementType.FLOAT16) {
            // Half-precision models (e.g. inswapper_128_fp16 exports without float32 I/O): convert through
            // a per-thread scratch buffer; ORT writes fp16 outputs there and run() converts them back.
            String key = role + ":" + spec.name();
            java.nio.ShortBuffer half = role.equals("in") ? HALF.get().fromFloats(key, t) : HALF.get().buffer(key, t);
            return OnnxTensor.createTensor(env, half, shape, OnnxJavaType.FLOAT16);
        }
        return OnnxTensor.createTensor(env, t.ortView(), shape);
    }

    private static final ThreadLocal<HalfScratch> HALF = ThreadLocal.withInitial(HalfScratch::new);

    /** Per-thread direct buffers for float16 inputs/outputs, grown as needed and reused between runs. */
    private static final class HalfScratch {
        private final Map<String, java.nio.ShortBuffer> buffers = new HashMap<>();

        java.nio.ShortBuffer buffer(String key, FloatTensor t) {
            int n = t.elementCount();
            java.nio.ShortBuffer b = buffers.get(key);
            if (b == null || b.capacity() < n) {
                b = java.nio.ByteBuffer.allocateDirect(2 * Math.max(n, 1)).order(java.nio.ByteOrder.nativeOrder())
                        .asShortBuffer();
                buffers.put(key, b);
            }
            b.limit(n).position(0);
            return b;
        }

        java.nio.ShortBuffer fromFloats(String key, FloatTensor t) {
            java.nio.ShortBuffer b = buffer(key, t);
            FloatBuffer f = t.buffer();
            for (int i = 0; i < t.elementCount(); i++) {
                b.put(i, Float16.fromFloat(f.get(i)));
            }
            return b;
        }

        void toFloats(String key, FloatTensor t) {
            java.nio.ShortBuffer b = buffers.get(key);
            FloatBuffer f = t.buffer();
            for (int i = 0; i < t.elementCount(); i++) {
                f.put(i, Float16.toFloat(b.get(i)));
            }
        }
    }

    private InferenceException runFailure(OrtException e, RunAbort abort) {
        if (abort != null && abort.isAborted()) {
            return new InferenceAbortedException("run of " + file.path().getFileName() + " was aborted", e);
        }
        return new InferenceException("running " + file.path() + " on " + provider.describe() + " failed: "
                + e.getMessage(), e);
    }

    private static void closeAll(Iterable<? extends OnnxValue> values) {
        for (OnnxValue v : values) {
            v.close();
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the session for " + file.path() + " was closed (the engine shut down"
                    + " or the file changed on disk); open the model again");
        }
    }

    /** Closes the ORT session once no run is in flight. Only the engine's cache calls this. */
    void close() {
        lifecycle.writeLock().lock();
        try {
            if (!closed) {
                closed = true;
                session.close();
            }
        } catch (OrtException e) {
            // Closing can only fail on a native handle problem; nothing useful remains to do with it.
            System.getLogger(ModelSession.class.getName()).log(System.Logger.Level.WARNING,
                    "closing the session for " + file.path() + " failed: " + e.getMessage());
        } finally {
            lifecycle.writeLock().unlock();
        }
    }

    boolean isClosed() {
        return closed;
    }

    @Override
    public String toString() {
        return "ModelSession[" + file.path().getFileName() + " on " + provider.describe() + ", inputs " + inputs
                + ", outputs " + outputs + "]";
    }
}
