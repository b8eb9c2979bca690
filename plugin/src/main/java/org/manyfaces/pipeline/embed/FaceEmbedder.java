package org.manyfaces.pipeline.embed;

import java.util.Map;
import java.util.Objects;

import org.manyfaces.image.ImageView;
import org.manyfaces.inference.FloatTensor;
import org.manyfaces.inference.ModelSession;
import org.manyfaces.inference.TensorSpec;
import org.manyfaces.pipeline.Face;
import org.manyfaces.pipeline.align.AffineWarp;
import org.manyfaces.pipeline.align.FaceCrop;

/**
 * Computes face identity embeddings with an ArcFace-contract recogniser: align the five landmarks to
 * the contract's template, normalise, run, return raw and L2-normed vectors.
 *
 * <p>The model must have one float input {@code [1,3,size,size]} and one output {@code [1,W]}; W (512
 * for ArcFace, 128 for MobileFaceNet) is taken from the model. The session is shared; crop and
 * tensors are per thread, so concurrent calls are safe and allocate nothing per face.
 */
public final class FaceEmbedder {
    private final ModelSession session;
    private final EmbedderContract contract;
    private final String inputName;
    private final String outputName;
    private final int width;
    private final ThreadLocal<Scratch> scratch;

    private final class Scratch {
        final FaceCrop crop = new FaceCrop(contract.size());
        final FloatTensor input = FloatTensor.allocate(1, 3, contract.size(), contract.size());
        final FloatTensor output = FloatTensor.allocate(1, width);
        final float[] values = new float[width];
    }

    public FaceEmbedder(ModelSession session, EmbedderContract contract) {
        this.session = Objects.requireNonNull(session, "session");
        this.contract = Objects.requireNonNull(contract, "contract");
        String model = session.path().getFileName().toString();
        if (session.inputs().size() != 1 || session.outputs().isEmpty()) {
            throw new IllegalArgumentException("recogniser " + model + " must have one input and an output, it has "
                    + session.inputs() + " -> " + session.outputs());
        }
        TensorSpec in = session.inputs().get(0);
        TensorSpec out = session.outputs().get(0);
        int s = contract.size();
        if (in.rank() != 4 || !fits(in.dim(1), 3) || !fits(in.dim(2), s) || !fits(in.dim(3), s)) {
            throw new IllegalArgumentException("recogniser " + model + " input '" + in.name() + "' is " + in.shapeString()
                    + "; the contract needs [1,3," + s + "," + s + "]");
        }
        if (out.rank() != 2 || out.dim(1) <= 0) {
            throw new IllegalArgumentException("recogniser " + model + " output '" + out.name() + "' is " + out.shapeString()
                    + "; expected [1,W] with a fixed embedding width W");
        }
        this.inputName = in.name();
        this.outputName = out.name();
        this.width = (int) out.dim(1);
        this.scratch = ThreadLocal.withInitial(Scratch::new);
    }

    private static boolean fits(long declared, long wanted) {
        return declared < 0 || declared == wanted;
    }

    public EmbedderContract contract() {
        return contract;
    }

    /** The embedding width (number of values). */
    public int width() {
        return width;
    }

    /** The identity of {@code face} in {@code frame}. */
    public Embedding embed(ImageView frame, Face face) {
        Scratch sc = scratch.get();
        AffineWarp.warp(frame, contract.template().frameToCrop(face.landmarks(), contract.size()), sc.crop);
        return embed(sc.crop, sc);
    }

    /** The identity of an already aligned crop (must follow the contract's template and size). */
    public Embedding embed(FaceCrop aligned) {
        if (aligned.size() != contract.size()) {
            throw new IllegalArgumentException("recogniser needs a " + contract.size() + " crop, got " + aligned.size());
        }
        return embed(aligned, scratch.get());
    }

    private Embedding embed(FaceCrop crop, Scratch sc) {
        float[] px = crop.planes();
        float gain = 255f / contract.std();
        float offset = -contract.mean() / contract.std();
        java.nio.FloatBuffer in = sc.input.buffer();
        for (int i = 0; i < px.length; i++) {
            in.put(i, px[i] * gain + offset);
        }
        session.run(Map.of(inputName, sc.input), Map.of(outputName, sc.output));
        sc.output.buffer().get(0, sc.values, 0, width);
        return Embedding.of(sc.values);
    }
}
