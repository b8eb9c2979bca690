package org.manyfaces.pipeline.detect;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.manyfaces.image.ImageView;
import org.manyfaces.inference.FloatTensor;
import org.manyfaces.inference.ModelSession;
import org.manyfaces.inference.TensorSpec;
import org.manyfaces.pipeline.Face;

/**
 * The part every ONNX detector shares: pick the network input size, letterbox the frame into a reused
 * input tensor, run the shared session into reused output tensors, let the family decoder collect
 * candidates, then NMS and map back to frame pixels. Keeps the last stage timings for benchmarks.
 */
public abstract class OnnxFaceDetector implements FaceDetector {
    protected final ModelSession session;
    protected final DetectorOptions options;
    private final String inputName;
    private final int fixedWidth;
    private final int fixedHeight;
    private final Letterbox letterbox;
    private final FloatTensor input;
    private final Map<String, FloatTensor> inputs = new HashMap<>();
    private final Map<String, FloatTensor> outputs = new HashMap<>();
    private final Candidates candidates = new Candidates();
    private int currentWidth = -1;
    private int currentHeight = -1;
    private final long[] lastNanos = new long[3];
    private final long[] lastCpuNanos = new long[3];
    private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();

    /** Timings of the last {@link #detect} call, in nanoseconds. */
    public record Timings(long preprocessNanos, long runNanos, long decodeNanos) {
    }

    protected OnnxFaceDetector(ModelSession session, DetectorOptions options, ChannelOrder order, float[] mean,
                               float[] std) {
        this.session = session;
        this.options = options;
        TensorSpec in = session.inputs().get(0);
        this.inputName = in.name();
        long h = in.rank() == 4 ? in.dim(2) : -1;
        long w = in.rank() == 4 ? in.dim(3) : -1;
        this.fixedWidth = h > 0 && w > 0 ? (int) w : -1;
        this.fixedHeight = h > 0 && w > 0 ? (int) h : -1;
        this.letterbox = new Letterbox(order, mean, std, options.allowUpscale());
        int maxW = fixedWidth > 0 ? fixedWidth : options.inputSize();
        int maxH = fixedHeight > 0 ? fixedHeight : options.inputSize();
        this.input = FloatTensor.withCapacity(3 * maxW * maxH, 1, 3, maxH, maxW);
        inputs.put(inputName, input);
    }

    /** Largest input width/height this detector feeds; decoders size their buffers from it. */
    protected int maxInputWidth() {
        return fixedWidth > 0 ? fixedWidth : options.inputSize();
    }

    protected int maxInputHeight() {
        return fixedHeight > 0 ? fixedHeight : options.inputSize();
    }

    @Override
    public synchronized List<Face> detect(ImageView frame, float scoreThreshold) {
        long c0 = THREADS.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        int w;
        int h;
        if (fixedWidth > 0) {
            w = fixedWidth;
            h = fixedHeight;
        } else {
            // Dynamic models get an input shaped like the frame (rounded up to 32), not a padded square:
            // a 16:9 frame costs ~45% less than 640x640 for the same detections.
            int side = options.inputSize();
            double s = letterbox.fitScale(frame.width(), frame.height(), side, side);
            w = Math.min(side, roundUp32((int) Math.round(frame.width() * s)));
            h = Math.min(side, roundUp32((int) Math.round(frame.height() * s)));
        }
        if (w != currentWidth || h != currentHeight) {
            input.reshape(1, 3, h, w);
            outputs.clear();
            shapeOutputs(w, h, outputs);
            currentWidth = w;
            currentHeight = h;
        }
        letterbox.fill(frame, input);
        long t1 = System.nanoTime();
        long c1 = THREADS.getCurrentThreadCpuTime();
        session.run(inputs, outputs);
        long c2 = THREADS.getCurrentThreadCpuTime();
        long t2 = System.nanoTime();
        candidates.clear();
        decode(w, h, scoreThreshold, candidates);
        List<Face> faces = Nms.suppress(candidates, options.nmsIou(), options.maxFaces(),
                (float) (1.0 / letterbox.scale()));
        long t3 = System.nanoTime();
        long c3 = THREADS.getCurrentThreadCpuTime();
        lastNanos[0] = t1 - t0;
        lastNanos[1] = t2 - t1;
        lastNanos[2] = t3 - t2;
        lastCpuNanos[0] = c1 - c0;
        lastCpuNanos[1] = c2 - c1;
        lastCpuNanos[2] = c3 - c2;
        return faces;
    }

    private static int roundUp32(int v) {
        return Math.max(32, (v + 31) / 32 * 32);
    }

    /** Timings of the last detect call. */
    public synchronized Timings lastTimings() {
        return new Timings(lastNanos[0], lastNanos[1], lastNanos[2]);
    }

    /**
     * The same split in the calling thread's CPU time: immune to a busy machine. The run part counts
     * only work done on the calling thread (all of it with one intra-op thread).
     */
    public synchronized Timings lastCpuTimings() {
        return new Timings(lastCpuNanos[0], lastCpuNanos[1], lastCpuNanos[2]);
    }

    /** Puts the (reused) output tensors, shaped for a {@code w x h} input, into {@code outputs}. */
    protected abstract void shapeOutputs(int w, int h, Map<String, FloatTensor> outputs);

    /** Appends every candidate scoring at least {@code threshold}, in input-pixel coordinates. */
    protected abstract void decode(int w, int h, float threshold, Candidates out);

    /**
     * Reshapes {@code t} for an output with {@code n} rows of {@code k} values, honouring the rank the
     * model declares ({@code [1,n,k]} for most exports, {@code [n,k]} for InsightFace's unbatched ones).
     */
    protected static FloatTensor shapeRows(ModelSession session, String name, FloatTensor t, int n, int k) {
        int rank = session.output(name).rank();
        if (rank == 2) {
            return t.reshape(n, k);
        }
        return t.reshape(1, n, k);
    }

    @Override
    public String name() {
        return session.path().getFileName().toString();
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + name() + " on " + session.provider().describe() + "]";
    }
}
