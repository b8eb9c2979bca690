package org.manyfaces.pipeline.landmark;

import org.manyfaces.pipeline.Face;
import org.manyfaces.pipeline.align.Affine2D;

/**
 * The 68 iPUG/Multi-PIE face landmarks of one face in frame pixels (interleaved x0,y0..x67,y67): jaw 0..16,
 * brows 17..26, nose 27..35, eyes 36..47 (the image-left eye first), mouth 48..67; and the landmarker's
 * confidence 0..1.
 */
public record Landmarks68(float[] points, float score) {
    public static final int COUNT = 68;

    public Landmarks68 {
        if (points.length != 2 * COUNT) {
            throw new IllegalArgumentException("68 landmarks need 136 numbers, got " + points.length);
        }
        points = points.clone();
    }

    @Override
    public float[] points() {
        return points.clone();
    }

    /**
     * The five alignment points taken from the 68 (FaceFusion's {@code convert_to_face_landmark_5}): the
     * centre of each eye's six points, the nose tip (30) and the two mouth corners (48, 54), in the order of
     * {@link Face}.
     */
    public float[] toFive() {
        float[] five = new float[10];
        mean(36, 42, five, 0);
        mean(42, 48, five, 2);
        five[4] = points[2 * 30];
        five[5] = points[2 * 30 + 1];
        five[6] = points[2 * 48];
        five[7] = points[2 * 48 + 1];
        five[8] = points[2 * 54];
        five[9] = points[2 * 54 + 1];
        return five;
    }

    private void mean(int from, int to, float[] out, int at) {
        double x = 0, y = 0;
        for (int i = from; i < to; i++) {
            x += points[2 * i];
            y += points[2 * i + 1];
        }
        out[at] = (float) (x / (to - from));
        out[at + 1] = (float) (y / (to - from));
    }

    /** {@code face} with its five landmarks replaced by {@link #toFive()}; box and score unchanged. */
    public Face refine(Face face) {
        return new Face(face.box(), face.score(), toFive());
    }

    /** The points through {@code map} (e.g. frame to crop). */
    public float[] mapped(Affine2D map) {
        return map.apply(points);
    }
}
