package org.manyfaces.pipeline.track;

import org.manyfaces.pipeline.Box;
import org.manyfaces.pipeline.Face;

/**
 * A face as 14 numbers for filtering and interpolation: the 10 landmark coordinates, then the box centre
 * x, y, width and height (the centre, not the corner, so that a growing box does not read as motion).
 */
final class FaceVector {
    static final int SIZE = 14;

    private FaceVector() {
    }

    static double[] of(Face f) {
        double[] v = new double[SIZE];
        for (int i = 0; i < 2 * Face.LANDMARKS; i++) {
            v[i] = i % 2 == 0 ? f.landmarkX(i / 2) : f.landmarkY(i / 2);
        }
        Box b = f.box();
        v[10] = b.centerX();
        v[11] = b.centerY();
        v[12] = b.width();
        v[13] = b.height();
        return v;
    }

    static Face toFace(double[] v, float score) {
        float[] lm = new float[2 * Face.LANDMARKS];
        for (int i = 0; i < lm.length; i++) {
            lm[i] = (float) v[i];
        }
        double w = Math.max(0, v[12]);
        double h = Math.max(0, v[13]);
        return new Face(new Box((float) (v[10] - w / 2), (float) (v[11] - h / 2), (float) w, (float) h), score, lm);
    }

    /** Linear interpolation between two faces, {@code t} in 0..1. */
    static double[] lerp(double[] a, double[] b, double t) {
        double[] v = new double[SIZE];
        for (int i = 0; i < SIZE; i++) {
            v[i] = a[i] + (b[i] - a[i]) * t;
        }
        return v;
    }

    /** Face size used to normalise filtering: the square root of the box area (at least 1 pixel). */
    static double scale(Face f) {
        return Math.max(1.0, Math.sqrt(f.box().area()));
    }
}
