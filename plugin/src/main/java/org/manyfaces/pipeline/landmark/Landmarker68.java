package org.manyfaces.pipeline.landmark;

import java.nio.FloatBuffer;
import java.util.Map;
import java.util.Objects;

import org.manyfaces.image.ImageView;
import org.manyfaces.inference.FloatTensor;
import org.manyfaces.inference.ModelSession;
import org.manyfaces.inference.TensorSpec;
import org.manyfaces.pipeline.Box;
import org.manyfaces.pipeline.Face;
import org.manyfaces.pipeline.align.Affine2D;
import org.manyfaces.pipeline.align.AffineWarp;
import org.manyfaces.pipeline.align.FaceCrop;

/**
 * 68 face landmarks with a 2DFAN4 model (FaceFusion's {@code 2dfan4}), to refine a detector's five points
 * and to draw face-shaped and mouth masks.
 *
 * <p>The crop, as FaceFusion makes it: the detection box's longer side scaled to 195 of 256 pixels, the box
 * centred, then turned upright by the face's roll rounded to a quarter turn (taken here from the eye line
 * of the five detector points; FaceFusion takes the same line from a 68-point estimate). Contract: input
 * {@code input} float {@code [1,3,256,256]} (NCHW), <b>BGR</b> 0..1; outputs: the landmarks
 * {@code [1,68,3]} (x, y in the 64×64 heatmap grid, and a per-point value) and the heatmaps
 * {@code [1,68,64,64]}, told apart by their shapes. Points are scaled by 256/64 and mapped back to the
 * frame; the score is the mean of the heatmaps' peaks mapped from 0..0.9 to 0..1.
 *
 * <p>FaceFusion also equalises the contrast of very dark crops (mean lightness below 30); that step is not
 * done here. The session is shared; crop and tensors are per thread.
 */
public final class Landmarker68 {
    public static final int SIZE = 256;
    public static final int GRID = 64;
    /** The box's longer side in crop pixels. */
    static final double BOX_SIDE = 195;

    private final ModelSession session;
    private final String inputName;
    private final String pointsName;
    private final String heatmapName;
    private final ThreadLocal<Scratch> scratch;

    private static final class Scratch {
        final FaceCrop crop = new FaceCrop(SIZE);
        final FloatTensor input = FloatTensor.allocate(1, 3, SIZE, SIZE);
        final FloatTensor points = FloatTensor.allocate(1, Landmarks68.COUNT, 3);
        final FloatTensor heatmaps = FloatTensor.allocate(1, Landmarks68.COUNT, GRID, GRID);
    }

    public Landmarker68(ModelSession session) {
        this.session = Objects.requireNonNull(session, "session");
        String model = session.path().getFileName().toString();
        if (session.inputs().size() != 1 || session.outputs().size() < 2) {
            throw new IllegalArgumentException("landmark model " + model + " must have one input and two outputs "
                    + "(2DFAN4: landmarks and heatmaps), it has " + session.inputs() + " -> " + session.outputs());
        }
        TensorSpec in = session.inputs().get(0);
        if (in.rank() != 4 || !fits(in.dim(1), 3) || !fits(in.dim(2), SIZE) || !fits(in.dim(3), SIZE)) {
            throw new IllegalArgumentException("landmark model " + model + " input '" + in.name() + "' is "
                    + in.shapeString() + "; the 2DFAN4 contract is [1,3,256,256]");
        }
        String pts = null;
        String heat = null;
        for (TensorSpec out : session.outputs()) {
            if (out.rank() == 3 && fits(out.dim(1), Landmarks68.COUNT) && fits(out.dim(2), 3)) {
                pts = pts == null ? out.name() : pts;
            } else if (out.rank() == 4 && fits(out.dim(1), Landmarks68.COUNT) && fits(out.dim(2), GRID)
                    && fits(out.dim(3), GRID)) {
                heat = heat == null ? out.name() : heat;
            }
        }
        if (pts == null || heat == null) {
            throw new IllegalArgumentException("landmark model " + model + " declares " + session.outputs()
                    + "; the 2DFAN4 contract is landmarks [1,68,3] and heatmaps [1,68,64,64]");
        }
        this.inputName = in.name();
        this.pointsName = pts;
        this.heatmapName = heat;
        this.scratch = ThreadLocal.withInitial(Scratch::new);
    }

    private static boolean fits(long declared, long wanted) {
        return declared < 0 || declared == wanted;
    }

    /**
     * The frame-to-crop map the model sees for {@code face}: box centred at (128, 128) with its longer side
     * 195 px, then a quarter-turn rotation about the crop centre that puts the eye line near horizontal.
     */
    public static Affine2D frameToCrop(Face face) {
        Box b = face.box();
        double scale = BOX_SIDE / Math.max(1, Math.max(b.width(), b.height()));
        double tx = (SIZE - (2 * b.x() + b.width()) * scale) * 0.5;
        double ty = (SIZE - (2 * b.y() + b.height()) * scale) * 0.5;
        Affine2D boxToCrop = new Affine2D(scale, 0, tx, 0, scale, ty);
        int quarter = quarterTurns(face);
        if (quarter == 0) {
            return boxToCrop;
        }
        // Turning the crop back by the roll: a face rolled clockwise on screen is turned counter-clockwise.
        double angle = -quarter * Math.PI / 2;
        double cos = Math.rint(Math.cos(angle));
        double sin = Math.rint(Math.sin(angle));
        double c = SIZE / 2.0;
        Affine2D rotate = new Affine2D(cos, -sin, c - cos * c + sin * c, sin, cos, c - sin * c - cos * c);
        return rotate.after(boxToCrop);
    }

    /** The face's roll from the eye line, in quarter turns clockwise on screen (0..3). */
    static int quarterTurns(Face face) {
        double theta = Math.toDegrees(Math.atan2(face.landmarkY(1) - face.landmarkY(0), face.landmarkX(1) - face.landmarkX(0)));
        return (int) Math.floorMod(Math.round(theta / 90.0), 4);
    }

    /** The 68 landmarks of {@code face} in {@code frame}. */
    public Landmarks68 detect(ImageView frame, Face face) {
        Scratch sc = scratch.get();
        Affine2D f2c = frameToCrop(face);
        AffineWarp.warp(frame, f2c, sc.crop);
        int plane = SIZE * SIZE;
        float[] px = sc.crop.planes();
        FloatBuffer in = sc.input.buffer();
        for (int i = 0; i < plane; i++) {
            in.put(i, px[2 * plane + i]);
            in.put(plane + i, px[plane + i]);
            in.put(2 * plane + i, px[i]);
        }
        session.run(Map.of(inputName, sc.input), Map.of(pointsName, sc.points, heatmapName, sc.heatmaps));
        FloatBuffer pts = sc.points.buffer();
        float[] crop = new float[2 * Landmarks68.COUNT];
        float toCrop = (float) SIZE / GRID;
        for (int k = 0; k < Landmarks68.COUNT; k++) {
            crop[2 * k] = pts.get(3 * k) * toCrop;
            crop[2 * k + 1] = pts.get(3 * k + 1) * toCrop;
        }
        return new Landmarks68(f2c.invert().apply(crop), score(sc.heatmaps.buffer()));
    }

    /** FaceFusion's landmark score: the mean heatmap peak, 0..0.9 stretched to 0..1. */
    private static float score(FloatBuffer heat) {
        int cell = GRID * GRID;
        double sum = 0;
        for (int k = 0; k < Landmarks68.COUNT; k++) {
            float peak = -Float.MAX_VALUE;
            for (int i = 0; i < cell; i++) {
                peak = Math.max(peak, heat.get(k * cell + i));
            }
            sum += peak;
        }
        double mean = sum / Landmarks68.COUNT;
        return (float) Math.max(0, Math.min(1, mean / 0.9));
    }
}
