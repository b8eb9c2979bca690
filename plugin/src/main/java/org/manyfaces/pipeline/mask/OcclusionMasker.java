package org.manyfaces.pipeline.mask;

import java.nio.FloatBuffer;
import java.util.Map;
import java.util.Objects;

import org.manyfaces.inference.FloatTensor;
import org.manyfaces.inference.ModelSession;
import org.manyfaces.inference.TensorSpec;
import org.manyfaces.pipeline.align.FaceCrop;
import org.manyfaces.pipeline.paste.CropMask;

/**
 * The occlusion mask of a DeepFaceLab XSeg model (FaceFusion's {@code xseg_1..3}): where the face is
 * visible, and not covered by a hand, hair, glasses or a microphone.
 *
 * <p>Contract, as FaceFusion runs it: input {@code input} float {@code [1,256,256,3]} (NHWC), the face crop
 * resized to 256 in <b>BGR</b> order scaled to 0..1; output (the first) {@code [1,256,256,1]}, the
 * probability of visible face, clipped to 0..1, resized back to the crop and finished by
 * {@link MaskEdges}. It is run on the target's crop <i>before</i> the swap: what covers the original face
 * must stay on top of the new one.
 *
 * <p>The session is shared; tensors are per thread, so concurrent calls are safe.
 */
public final class OcclusionMasker {
    /** The XSeg input size. */
    public static final int SIZE = 256;

    private final ModelSession session;
    private final String inputName;
    private final String outputName;
    private final long[] outputShape;
    private final ThreadLocal<Scratch> scratch;

    private final class Scratch {
        final FloatTensor input = FloatTensor.allocate(1, SIZE, SIZE, 3);
        final FloatTensor output = FloatTensor.allocate(outputShape);
        final float[] planes = new float[3 * SIZE * SIZE];
        final float[] mask = new float[SIZE * SIZE];
    }

    public OcclusionMasker(ModelSession session) {
        this.session = Objects.requireNonNull(session, "session");
        String model = session.path().getFileName().toString();
        if (session.inputs().size() != 1 || session.outputs().isEmpty()) {
            throw new IllegalArgumentException("occlusion model " + model + " must have one input and an output (XSeg), "
                    + "it has " + session.inputs() + " -> " + session.outputs());
        }
        TensorSpec in = session.inputs().get(0);
        if (in.rank() != 4 || !fits(in.dim(1), SIZE) || !fits(in.dim(2), SIZE) || !fits(in.dim(3), 3)) {
            throw new IllegalArgumentException("occlusion model " + model + " input '" + in.name() + "' is "
                    + in.shapeString() + "; the XSeg contract is [1,256,256,3] (NHWC)");
        }
        TensorSpec out = session.outputs().get(0);
        boolean rank4 = out.rank() == 4 && fits(out.dim(1), SIZE) && fits(out.dim(2), SIZE) && fits(out.dim(3), 1);
        boolean rank3 = out.rank() == 3 && fits(out.dim(1), SIZE) && fits(out.dim(2), SIZE);
        if (!rank4 && !rank3) {
            throw new IllegalArgumentException("occlusion model " + model + " output '" + out.name() + "' is "
                    + out.shapeString() + "; the XSeg contract is [1,256,256,1]");
        }
        this.inputName = in.name();
        this.outputName = out.name();
        this.outputShape = rank4 ? new long[] {1, SIZE, SIZE, 1} : new long[] {1, SIZE, SIZE};
        this.scratch = ThreadLocal.withInitial(Scratch::new);
    }

    private static boolean fits(long declared, long wanted) {
        return declared < 0 || declared == wanted;
    }

    /** The occlusion mask of {@code crop} (planar RGB 0..1), at the crop's size: 1 where the face is visible. */
    public CropMask mask(FaceCrop crop) {
        Scratch sc = scratch.get();
        int size = crop.size();
        int plane = SIZE * SIZE;
        float[] px = crop.planes();
        for (int c = 0; c < 3; c++) {
            PlaneResize.resize(px, c * crop.planeSize(), size, sc.planes, c * plane, SIZE);
        }
        FloatBuffer in = sc.input.buffer();
        for (int i = 0; i < plane; i++) {
            // NHWC, BGR: the crop's planes are R, G, B.
            in.put(3 * i, sc.planes[2 * plane + i]);
            in.put(3 * i + 1, sc.planes[plane + i]);
            in.put(3 * i + 2, sc.planes[i]);
        }
        session.run(Map.of(inputName, sc.input), Map.of(outputName, sc.output));
        FloatBuffer out = sc.output.buffer();
        for (int i = 0; i < plane; i++) {
            sc.mask[i] = Math.max(0f, Math.min(1f, out.get(i)));
        }
        float[] w = new float[size * size];
        PlaneResize.resize(sc.mask, 0, SIZE, w, 0, size);
        MaskEdges.soften(w, size);
        return CropMask.of(size, w);
    }
}
