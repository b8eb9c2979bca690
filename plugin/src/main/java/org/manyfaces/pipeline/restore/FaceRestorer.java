package org.manyfaces.pipeline.restore;

import java.nio.FloatBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

import org.manyfaces.inference.ElementType;
import org.manyfaces.inference.FloatTensor;
import org.manyfaces.inference.ModelSession;
import org.manyfaces.inference.TensorSpec;
import org.manyfaces.pipeline.align.AlignTemplate;
import org.manyfaces.pipeline.align.FaceCrop;

/**
 * A face restoration network (FaceFusion's face enhancers: GFPGAN, CodeFormer, GPEN-BFR, RestoreFormer++) run on
 * one aligned face crop, in place.
 *
 * <p>Contract, as FaceFusion runs these models: the face aligned to the model's template at its size S; input
 * {@code input} float {@code [1,3,S,S]}, planar <b>RGB</b> scaled to −1..1 ({@code (v/255 − 0.5) / 0.5}); CodeFormer
 * adds {@code weight}, one double (0 restores most strongly, 1 keeps most of the face's likeness); output (the
 * first) {@code [1,3,S,S]}, clipped to −1..1 and mapped back with {@code (x + 1) / 2}. The crop size is the
 * input's when the model declares it, else the manifest's.
 *
 * <p>The session is shared; tensors are per thread, so concurrent calls are safe.
 */
public final class FaceRestorer {
    /** The name of CodeFormer's fidelity input. */
    public static final String WEIGHT_INPUT = "weight";

    private final ModelSession session;
    private final AlignTemplate template;
    private final int size;
    private final String imageInput;
    private final String weightInput;
    private final String output;
    private final ThreadLocal<Scratch> scratch;

    private final class Scratch {
        final FloatTensor input = FloatTensor.allocate(1, 3, size, size);
        final FloatTensor result = FloatTensor.allocate(1, 3, size, size);
        final FloatTensor weight = FloatTensor.allocate(1);
        final Map<String, FloatTensor> feeds = new HashMap<>();
    }

    /**
     * @param template     the alignment the model was trained on (from its manifest entry)
     * @param manifestSize the crop size of its manifest entry, used when the model's input size is dynamic
     * @throws IllegalArgumentException naming the model and what breaks the contract
     */
    public FaceRestorer(ModelSession session, AlignTemplate template, int manifestSize) {
        this.session = Objects.requireNonNull(session, "session");
        this.template = Objects.requireNonNull(template, "template");
        String model = session.path().getFileName().toString();
        TensorSpec image = null;
        TensorSpec weight = null;
        for (TensorSpec in : session.inputs()) {
            if (in.name().equals(WEIGHT_INPUT)) {
                weight = in;
            } else if (image == null) {
                image = in;
            } else {
                throw new IllegalArgumentException("restore model " + model + " has inputs " + session.inputs()
                        + "; the face enhancer contract is one image input [1,3,S,S] and optionally '"
                        + WEIGHT_INPUT + "'");
            }
        }
        if (image == null || image.rank() != 4 || !fits(image.dim(1), 3) || image.dim(2) != image.dim(3)
                || image.type() != ElementType.FLOAT && image.type() != ElementType.FLOAT16) {
            throw new IllegalArgumentException("restore model " + model + " input "
                    + (image == null ? "is missing" : "'" + image.name() + "' is " + image.shapeString())
                    + "; the face enhancer contract is a float [1,3,S,S] RGB image");
        }
        if (weight != null && weight.type() != ElementType.DOUBLE && weight.type() != ElementType.FLOAT) {
            throw new IllegalArgumentException("restore model " + model + " input '" + WEIGHT_INPUT + "' is "
                    + weight.type().onnxName() + "; CodeFormer's weight is one double");
        }
        this.size = image.dim(2) > 0 ? (int) image.dim(2) : manifestSize;
        if (size <= 0) {
            throw new IllegalArgumentException("restore model " + model + " declares no input size and its "
                    + "manifest entry none either");
        }
        if (session.outputs().isEmpty()) {
            throw new IllegalArgumentException("restore model " + model + " has no output");
        }
        TensorSpec out = session.outputs().get(0);
        if (out.rank() != 4 || !fits(out.dim(1), 3) || !fits(out.dim(2), size) || !fits(out.dim(3), size)) {
            throw new IllegalArgumentException("restore model " + model + " output '" + out.name() + "' is "
                    + out.shapeString() + "; the face enhancer contract is [1,3," + size + "," + size + "]");
        }
        this.imageInput = image.name();
        this.weightInput = weight == null ? null : weight.name();
        this.output = out.name();
        this.scratch = ThreadLocal.withInitial(Scratch::new);
    }

    private static boolean fits(long declared, long wanted) {
        return declared < 0 || declared == wanted;
    }

    /** The crop size the model works at. */
    public int size() {
        return size;
    }

    /** The alignment template its crops are warped to. */
    public AlignTemplate template() {
        return template;
    }

    /** Whether the network takes CodeFormer's fidelity weight. */
    public boolean hasWeight() {
        return weightInput != null;
    }

    /**
     * Restores {@code crop} (planar RGB 0..1, of {@link #size()}) in place.
     *
     * @param weight the fidelity weight 0..1, fed only to networks that have that input
     */
    public void restore(FaceCrop crop, double weight) {
        if (crop.size() != size) {
            throw new IllegalArgumentException("restore crop is " + crop.size() + " px; " + session.path().getFileName()
                    + " works at " + size);
        }
        Scratch sc = scratch.get();
        float[] px = crop.planes();
        int n = 3 * crop.planeSize();
        FloatBuffer in = sc.input.buffer();
        for (int i = 0; i < n; i++) {
            in.put(i, px[i] * 2f - 1f);
        }
        sc.feeds.clear();
        sc.feeds.put(imageInput, sc.input);
        if (weightInput != null) {
            sc.weight.set(0, (float) Math.max(0, Math.min(1, weight)));
            sc.feeds.put(weightInput, sc.weight);
        }
        session.run(sc.feeds, Map.of(output, sc.result));
        FloatBuffer out = sc.result.buffer();
        for (int i = 0; i < n; i++) {
            float x = Math.max(-1f, Math.min(1f, out.get(i)));
            px[i] = (x + 1f) * 0.5f;
        }
    }
}
