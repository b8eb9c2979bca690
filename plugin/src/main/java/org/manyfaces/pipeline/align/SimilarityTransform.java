package org.manyfaces.pipeline.align;

/**
 * Least-squares similarity (rotation, uniform scale, translation; no reflection, no shear) between two
 * point sets: Umeyama's method specialised to 2-D.
 *
 * <p>In 2-D, Umeyama's SVD solution has a closed form: with centred points p (source) and q (target),
 * the optimal {@code s·R} is the 2x2 matrix {@code [[α, −β], [β, α]]} where
 * {@code α = Σ(p·q)/Σ|p|²} and {@code β = Σ(p×q)/Σ|p|²} (dot and 2-D cross products). This is the same
 * minimiser as Umeyama's determinant-corrected SVD (it is constrained to proper rotations by
 * construction), with no iteration and no special cases. It is what {@code cv2.estimateAffinePartial2D}
 * converges to when every landmark is an inlier, which FaceFusion ensures with a 100 px RANSAC threshold.
 */
public final class SimilarityTransform {
    private SimilarityTransform() {
    }

    /**
     * The similarity that maps {@code from} onto {@code to} with the least squared error.
     *
     * @param from points x0,y0,x1,y1,... (e.g. five detected landmarks in frame pixels)
     * @param to   the same number of points (e.g. a template scaled to the crop size)
     * @throws IllegalArgumentException when the arrays differ in length, hold fewer than two points, or
     *                                  the source points all coincide (no scale can be recovered)
     */
    public static Affine2D estimate(float[] from, float[] to) {
        if (from.length != to.length) {
            throw new IllegalArgumentException("point sets differ in size: " + from.length + " vs " + to.length + " numbers");
        }
        if (from.length < 4 || from.length % 2 != 0) {
            throw new IllegalArgumentException("need at least two x,y points, got " + from.length + " numbers");
        }
        int n = from.length / 2;
        double mpx = 0, mpy = 0, mqx = 0, mqy = 0;
        for (int i = 0; i < n; i++) {
            mpx += from[2 * i];
            mpy += from[2 * i + 1];
            mqx += to[2 * i];
            mqy += to[2 * i + 1];
        }
        mpx /= n;
        mpy /= n;
        mqx /= n;
        mqy /= n;
        double dot = 0, cross = 0, var = 0;
        for (int i = 0; i < n; i++) {
            double px = from[2 * i] - mpx;
            double py = from[2 * i + 1] - mpy;
            double qx = to[2 * i] - mqx;
            double qy = to[2 * i + 1] - mqy;
            dot += px * qx + py * qy;
            cross += px * qy - py * qx;
            var += px * px + py * py;
        }
        if (!(var > 1e-12) || !Double.isFinite(var)) {
            throw new IllegalArgumentException("source points coincide or are not finite; no similarity can be estimated");
        }
        double alpha = dot / var;
        double beta = cross / var;
        double tx = mqx - (alpha * mpx - beta * mpy);
        double ty = mqy - (beta * mpx + alpha * mpy);
        return new Affine2D(alpha, -beta, tx, beta, alpha, ty);
    }
}
