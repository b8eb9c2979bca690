package org.manyfaces.pipeline.mask;

import java.util.Arrays;

/**
 * A filled convex polygon in crop pixels: the convex hull of some points (FaceFusion draws its landmark
 * area masks as {@code fillConvexPoly(convexHull(points))}). A pixel is inside when its centre is inside
 * the hull or on its edge.
 */
public final class ConvexHullMask {
    private ConvexHullMask() {
    }

    /**
     * A {@code size×size} mask, 1 inside the convex hull of the chosen points of {@code xy} (interleaved
     * x,y in crop pixels), 0 outside; not softened.
     *
     * @param indices which points of {@code xy} to take
     */
    public static float[] fill(float[] xy, int[] indices, int size) {
        double[][] hull = hull(xy, indices);
        float[] w = new float[size * size];
        if (hull.length < 3) {
            return w;
        }
        double minY = Double.MAX_VALUE, maxY = -Double.MAX_VALUE;
        for (double[] p : hull) {
            minY = Math.min(minY, p[1]);
            maxY = Math.max(maxY, p[1]);
        }
        int y0 = (int) Math.max(0, Math.ceil(minY));
        int y1 = (int) Math.min(size - 1, Math.floor(maxY));
        for (int y = y0; y <= y1; y++) {
            // The hull is convex: each row crosses it in one span, bounded by the edges that straddle y.
            double lo = Double.MAX_VALUE, hi = -Double.MAX_VALUE;
            for (int i = 0; i < hull.length; i++) {
                double[] a = hull[i];
                double[] b = hull[(i + 1) % hull.length];
                if ((a[1] <= y && b[1] >= y) || (b[1] <= y && a[1] >= y)) {
                    double x = a[1] == b[1] ? a[0] : a[0] + (y - a[1]) * (b[0] - a[0]) / (b[1] - a[1]);
                    double x2 = a[1] == b[1] ? b[0] : x;
                    lo = Math.min(lo, Math.min(x, x2));
                    hi = Math.max(hi, Math.max(x, x2));
                }
            }
            int xs = (int) Math.max(0, Math.ceil(lo - 1e-9));
            int xe = (int) Math.min(size - 1, Math.floor(hi + 1e-9));
            for (int x = xs; x <= xe; x++) {
                w[y * size + x] = 1f;
            }
        }
        return w;
    }

    /** Andrew's monotone chain: the hull's corners in order, without collinear points. */
    static double[][] hull(float[] xy, int[] indices) {
        double[][] p = new double[indices.length][];
        for (int i = 0; i < indices.length; i++) {
            p[i] = new double[] {xy[2 * indices[i]], xy[2 * indices[i] + 1]};
        }
        Arrays.sort(p, (u, v) -> u[0] != v[0] ? Double.compare(u[0], v[0]) : Double.compare(u[1], v[1]));
        if (p.length < 3) {
            return p;
        }
        double[][] h = new double[2 * p.length][];
        int k = 0;
        for (double[] q : p) {
            while (k >= 2 && cross(h[k - 2], h[k - 1], q) <= 0) {
                k--;
            }
            h[k++] = q;
        }
        for (int i = p.length - 2, lower = k + 1; i >= 0; i--) {
            while (k >= lower && cross(h[k - 2], h[k - 1], p[i]) <= 0) {
                k--;
            }
            h[k++] = p[i];
        }
        return Arrays.copyOf(h, Math.max(0, k - 1));
    }

    private static double cross(double[] o, double[] a, double[] b) {
        return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
    }
}
