package org.manyfaces.pipeline.swap;

import java.nio.FloatBuffer;
import java.util.Map;
import java.util.Objects;

import org.manyfaces.inference.FloatTensor;
import org.manyfaces.inference.ModelSession;
import org.manyfaces.inference.TensorSpec;
import org.manyfaces.pipeline.align.AlignTemplate;
import org.manyfaces.pipeline.align.FaceCrop;
import org.manyfaces.pipeline.embed.Embedding;
import org.manyfaces.pipeline.embed.SourceIdentity;

/**
 * Runs an embedding-driven swap model (inswapper_128, hyperswap_256, ...) on an aligned target crop.
 *
 * <p><b>Latent.</b> With {@link SwapperContract#useEmap()}: {@code latent = normed(embedding) · emap},
 * where emap is the model's last initializer (W×W), read once. This is FaceFusion's form
 * ({@code embedding·emap / ‖embedding‖}); InsightFace additionally divides the latent by its own norm
 * afterwards. The two differ only in the latent's length, and FaceFusion's is the one the FaceFusion
 * model zoo is tuned against. Without emap the latent is the normed embedding itself.
 *
 * <p><b>Pixel boost.</b> With a crop of k·size (k = 2, 4, ...), the crop is split into k² interleaved
 * sub-crops (sub-crop (a,b) holds pixels (y·k+a, x·k+b)), each is swapped at the model size, and the
 * results are interleaved back: FaceFusion's {@code pixel_boost}. Each sub-crop is a slightly shifted
 * low-resolution view of the face, so the model sees a face it can handle and the output keeps k× detail.
 *
 * <p>The session and emap are shared; tensors are per thread.
 */
public final class EmbeddingSwapper implements FaceSwapper {
    private final ModelSession session;
    private final SwapperContract contract;
    private final int cropSize;
    private final int boost;
    private final float[] emap;
    private final int latentWidth;
    private final String outputName;
    private final ThreadLocal<Scratch> scratch;
    /** The latent of the identity used last: the same source is swapped in frame after frame. */
    private volatile CachedLatent lastLatent;

    private record CachedLatent(Embedding identity, float[] latent) {
    }

    /** CPU time of the calling thread around each run (about 1 µs per read, nothing next to a model run). */
    private static final java.lang.management.ThreadMXBean THREAD_CPU = java.lang.management.ManagementFactory.getThreadMXBean();

    private final class Scratch {
        final FloatTensor target = FloatTensor.allocate(1, 3, contract.size(), contract.size());
        final FloatTensor source = FloatTensor.allocate(1, latentWidth);
        final FloatTensor output = FloatTensor.allocate(1, 3, contract.size(), contract.size());
        final float[] sub = new float[3 * contract.size() * contract.size()];
        long runNanos;
        long runCpuNanos;
    }

    /**
     * @param cropSize the working crop: the model size, or a multiple of it for pixel boost (max 1024)
     */
    public EmbeddingSwapper(ModelSession session, SwapperContract contract, int cropSize) {
        this.session = Objects.requireNonNull(session, "session");
        this.contract = Objects.requireNonNull(contract, "contract");
        String model = session.path().getFileName().toString();
        int s = contract.size();
        if (cropSize < s || cropSize % s != 0 || cropSize > 1024) {
            throw new IllegalArgumentException("pixel boost crop for " + contract.name() + " must be a multiple of " + s
                    + " up to 1024, got " + cropSize);
        }
        this.cropSize = cropSize;
        this.boost = cropSize / s;
        TensorSpec target = session.input(contract.targetInput());
        TensorSpec source = session.input(contract.sourceInput());
        if (target.rank() != 4 || !fits(target.dim(1), 3) || !fits(target.dim(2), s) || !fits(target.dim(3), s)) {
            throw new IllegalArgumentException(model + " input '" + target.name() + "' is " + target.shapeString()
                    + "; " + contract.name() + " needs [1,3," + s + "," + s + "]");
        }
        if (source.rank() != 2 || source.dim(1) <= 0) {
            throw new IllegalArgumentException(model + " input '" + source.name() + "' is " + source.shapeString()
                    + "; expected [1,W] with a fixed identity width");
        }
        this.latentWidth = (int) source.dim(1);
        if (session.outputs().size() != 1) {
            throw new IllegalArgumentException(model + " must have exactly one output (the swapped crop), it has " + session.outputs());
        }
        TensorSpec out = session.outputs().get(0);
        if (out.rank() != 4 || !fits(out.dim(1), 3) || !fits(out.dim(2), s) || !fits(out.dim(3), s)) {
            throw new IllegalArgumentException(model + " output '" + out.name() + "' is " + out.shapeString()
                    + "; " + contract.name() + " needs [1,3," + s + "," + s + "]");
        }
        this.outputName = out.name();
        if (contract.useEmap()) {
            float[] e = session.modelFile().lastInitializerFloats();
            if (e.length != latentWidth * latentWidth) {
                throw new IllegalArgumentException(model + ": the last initializer ('" + session.modelFile().lastInitializer().name()
                        + "') has " + e.length + " values; an emap of " + latentWidth + "x" + latentWidth + " was expected");
            }
            this.emap = e;
        } else {
            this.emap = null;
        }
        this.scratch = ThreadLocal.withInitial(Scratch::new);
    }

    private static boolean fits(long declared, long wanted) {
        return declared < 0 || declared == wanted;
    }

    public SwapperContract contract() {
        return contract;
    }

    @Override
    public AlignTemplate template() {
        return contract.template();
    }

    @Override
    public int cropSize() {
        return cropSize;
    }

    /** The source latent the model receives for {@code identity} (normed, times emap when the contract uses one). */
    public float[] latent(Embedding identity) {
        float[] out = new float[latentWidth];
        latent(identity, out);
        return out;
    }

    private void latent(Embedding identity, float[] out) {
        if (identity.width() != latentWidth) {
            throw new IllegalArgumentException(contract.name() + " takes a " + latentWidth + "-value identity; the recogniser gives "
                    + identity.width() + " (use an ArcFace-512 recogniser such as w600k_r50)");
        }
        // Re-normalise the (possibly averaged) raw embedding: FaceFusion divides by ‖embedding‖.
        float[] normed = Embedding.of(identity.raw()).normed();
        if (emap == null) {
            System.arraycopy(normed, 0, out, 0, latentWidth);
            return;
        }
        java.util.Arrays.fill(out, 0f);
        for (int i = 0; i < latentWidth; i++) {
            float e = normed[i];
            int row = i * latentWidth;
            for (int j = 0; j < latentWidth; j++) {
                out[j] += e * emap[row + j];
            }
        }
    }

    @Override
    public long threadInferenceNanos() {
        return scratch.get().runNanos;
    }

    @Override
    public long threadInferenceCpuNanos() {
        return scratch.get().runCpuNanos;
    }

    @Override
    public void swap(FaceCrop target, SourceIdentity source) {
        if (target.size() != cropSize) {
            throw new IllegalArgumentException(contract.name() + " swapper expects a " + cropSize + " crop, got " + target.size());
        }
        Scratch sc = scratch.get();
        Embedding identity = source.requireEmbedding(contract.name());
        CachedLatent cached = lastLatent;
        if (cached == null || cached.identity() != identity) {
            float[] l = new float[latentWidth];
            latent(identity, l);
            cached = new CachedLatent(identity, l);
            lastLatent = cached;
        }
        sc.source.buffer().put(0, cached.latent(), 0, latentWidth);
        int s = contract.size();
        int k = boost;
        float[] crop = target.planes();
        int cropPlane = cropSize * cropSize;
        int plane = s * s;
        float inGain = 1f / contract.std();
        float inOffset = -contract.mean() / contract.std();
        FloatBuffer in = sc.target.buffer();
        FloatBuffer out = sc.output.buffer();
        for (int a = 0; a < k; a++) {
            for (int b = 0; b < k; b++) {
                for (int c = 0; c < 3; c++) {
                    for (int y = 0; y < s; y++) {
                        int src = c * cropPlane + (y * k + a) * cropSize + b;
                        int dst = c * plane + y * s;
                        for (int x = 0; x < s; x++) {
                            sc.sub[dst + x] = crop[src + x * k] * inGain + inOffset;
                        }
                    }
                }
                in.put(0, sc.sub, 0, sc.sub.length);
                long t0 = System.nanoTime();
                long c0 = THREAD_CPU.getCurrentThreadCpuTime();
                session.run(Map.of(contract.targetInput(), sc.target, contract.sourceInput(), sc.source),
                        Map.of(outputName, sc.output));
                sc.runCpuNanos += THREAD_CPU.getCurrentThreadCpuTime() - c0;
                sc.runNanos += System.nanoTime() - t0;
                out.get(0, sc.sub, 0, sc.sub.length);
                for (int c = 0; c < 3; c++) {
                    for (int y = 0; y < s; y++) {
                        int dst = c * cropPlane + (y * k + a) * cropSize + b;
                        int src = c * plane + y * s;
                        for (int x = 0; x < s; x++) {
                            float v = sc.sub[src + x] * contract.outScale() + contract.outOffset();
                            crop[dst + x * k] = v < 0f ? 0f : v > 1f ? 1f : v;
                        }
                    }
                }
            }
        }
    }
}
