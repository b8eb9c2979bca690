package org.manyfaces.pipeline.mask;

import java.nio.FloatBuffer;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.manyfaces.inference.FloatTensor;
import org.manyfaces.inference.ModelSession;
import org.manyfaces.inference.TensorSpec;
import org.manyfaces.pipeline.align.FaceCrop;
import org.manyfaces.pipeline.paste.CropMask;

/**
 * Face parsing with a BiSeNet model (FaceFusion's {@code bisenet_resnet_18/34}): which part of the face
 * (skin, brows, eyes, glasses, nose, mouth, lips, ...) each pixel of a crop shows.
 *
 * <p>Contract, as FaceFusion runs it: input {@code input} float {@code [1,3,512,512]} (NCHW), the crop
 * resized to 512 in <b>RGB</b> order, {@code (x/255 − mean)/std} with ImageNet's mean (0.485, 0.456, 0.406)
 * and std (0.229, 0.224, 0.225); output (the first) {@code [1,19,512,512]}: one score per CelebAMask-HQ
 * class, the pixel's label being the highest.
 *
 * <p>The session is shared; tensors are per thread, so concurrent calls are safe.
 */
public final class RegionMasker {
    /** The BiSeNet input size. */
    public static final int SIZE = 512;
    /** CelebAMask-HQ classes. */
    public static final int CLASSES = 19;
    private static final float[] MEAN = {0.485f, 0.456f, 0.406f};
    private static final float[] STD = {0.229f, 0.224f, 0.225f};

    private final ModelSession session;
    private final String inputName;
    private final String outputName;
    private final ThreadLocal<Scratch> scratch;

    private static final class Scratch {
        final FloatTensor input = FloatTensor.allocate(1, 3, SIZE, SIZE);
        final FloatTensor output = FloatTensor.allocate(1, CLASSES, SIZE, SIZE);
        final float[] planes = new float[3 * SIZE * SIZE];
    }

    public RegionMasker(ModelSession session) {
        this.session = Objects.requireNonNull(session, "session");
        String model = session.path().getFileName().toString();
        if (session.inputs().size() != 1 || session.outputs().isEmpty()) {
            throw new IllegalArgumentException("face parser " + model + " must have one input and an output (BiSeNet), "
                    + "it has " + session.inputs() + " -> " + session.outputs());
        }
        TensorSpec in = session.inputs().get(0);
        if (in.rank() != 4 || !fits(in.dim(1), 3) || !fits(in.dim(2), SIZE) || !fits(in.dim(3), SIZE)) {
            throw new IllegalArgumentException("face parser " + model + " input '" + in.name() + "' is "
                    + in.shapeString() + "; the BiSeNet contract is [1,3,512,512] (NCHW)");
        }
        TensorSpec out = session.outputs().get(0);
        if (out.rank() != 4 || !fits(out.dim(1), CLASSES) || !fits(out.dim(2), SIZE) || !fits(out.dim(3), SIZE)) {
            throw new IllegalArgumentException("face parser " + model + " output '" + out.name() + "' is "
                    + out.shapeString() + "; the BiSeNet contract is [1,19,512,512]");
        }
        this.inputName = in.name();
        this.outputName = out.name();
        this.scratch = ThreadLocal.withInitial(Scratch::new);
    }

    private static boolean fits(long declared, long wanted) {
        return declared < 0 || declared == wanted;
    }

    /** The labels of {@code crop} (planar RGB 0..1). */
    public FaceParse parse(FaceCrop crop) {
        Scratch sc = scratch.get();
        int plane = SIZE * SIZE;
        for (int c = 0; c < 3; c++) {
            PlaneResize.resize(crop.planes(), c * crop.planeSize(), crop.size(), sc.planes, c * plane, SIZE);
        }
        FloatBuffer in = sc.input.buffer();
        for (int c = 0; c < 3; c++) {
            float gain = 1f / STD[c];
            float offset = -MEAN[c] / STD[c];
            for (int i = 0; i < plane; i++) {
                in.put(c * plane + i, sc.planes[c * plane + i] * gain + offset);
            }
        }
        session.run(Map.of(inputName, sc.input), Map.of(outputName, sc.output));
        FloatBuffer out = sc.output.buffer();
        byte[] labels = new byte[plane];
        for (int i = 0; i < plane; i++) {
            int best = 0;
            float bestScore = out.get(i);
            for (int k = 1; k < CLASSES; k++) {
                float v = out.get(k * plane + i);
                if (v > bestScore) { // the first of equal scores wins, as argmax does
                    bestScore = v;
                    best = k;
                }
            }
            labels[i] = (byte) best;
        }
        return new FaceParse(SIZE, labels);
    }

    /** The region mask of {@code crop} for {@code regions}, at the crop's size. */
    public CropMask mask(FaceCrop crop, Set<FaceRegion> regions) {
        return parse(crop).select(regions, crop.size());
    }
}
