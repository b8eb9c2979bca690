package org.manyfaces.pipeline.mask;

import java.util.EnumSet;
import java.util.Set;

import org.manyfaces.pipeline.paste.CropMask;

/**
 * "Keep the target's mouth": a mask that is 0 over the target face's mouth and 1 elsewhere, combined with
 * the paste mask by minimum so the original mouth (its speech, teeth, expression) stays in the frame. Two
 * sources, both measured on the target before the swap: the face parser's mouth and lip labels, or the
 * convex hull of the 68-point mouth landmarks (FaceFusion's "mouth" area, points 48..67), grown a little
 * so the soft edge falls outside the lips.
 */
public final class MouthMask {
    /** The parser classes that make up the mouth. */
    public static final Set<FaceRegion> REGIONS = EnumSet.of(FaceRegion.MOUTH, FaceRegion.UPPER_LIP, FaceRegion.LOWER_LIP);
    private static final int[] MOUTH_POINTS = range(48, 68);

    private MouthMask() {
    }

    /** From the target crop's parse. */
    public static CropMask fromParse(FaceParse target, int cropSize) {
        return target.exclude(REGIONS, cropSize);
    }

    /** From the target's 68 landmarks, already mapped into crop pixels (interleaved x,y). */
    public static CropMask fromLandmarks(float[] crop68, int cropSize) {
        if (crop68.length != 136) {
            throw new IllegalArgumentException("the mouth mask needs 68 points, got " + crop68.length / 2);
        }
        float[] w = ConvexHullMask.fill(grown(crop68), MOUTH_POINTS, cropSize);
        MaskEdges.soften(w, cropSize);
        MaskEdges.invert(w);
        return CropMask.of(cropSize, w);
    }

    /**
     * The points with the mouth's grown by {@link #GROWTH} crop pixels away from its centre. The mask edge
     * ramps over about 2.5σ inside the hull ({@link MaskEdges}); grown by that much, the ramp falls outside the
     * lips and the whole mouth is kept, not only its middle (a mouth is only some 20 px tall in a 256 crop).
     */
    private static float[] grown(float[] crop68) {
        double cx = 0, cy = 0;
        for (int i : MOUTH_POINTS) {
            cx += crop68[2 * i];
            cy += crop68[2 * i + 1];
        }
        cx /= MOUTH_POINTS.length;
        cy /= MOUTH_POINTS.length;
        float[] out = crop68.clone();
        for (int i : MOUTH_POINTS) {
            double dx = crop68[2 * i] - cx, dy = crop68[2 * i + 1] - cy;
            double d = Math.hypot(dx, dy);
            double f = d > 1e-6 ? (d + GROWTH) / d : 1;
            out[2 * i] = (float) (cx + dx * f);
            out[2 * i + 1] = (float) (cy + dy * f);
        }
        return out;
    }

    /** How far the landmark mouth is grown, in crop pixels. */
    static final double GROWTH = 2.5 * MaskEdges.SIGMA;

    static int[] range(int from, int to) {
        int[] r = new int[to - from];
        for (int i = 0; i < r.length; i++) {
            r[i] = from + i;
        }
        return r;
    }
}
