package org.manyfaces.pipeline.align;

/**
 * An immutable 2x3 affine map {@code x' = a*x + b*y + tx, y' = c*x + d*y + ty} in pixel coordinates
 * where integer coordinates are pixel centres (the OpenCV {@code warpAffine} convention).
 *
 * <p>Stored in double precision because the maps are composed and inverted, and a frame-to-crop map of
 * a 4K frame loses visible sub-pixel accuracy in float.
 */
public final class Affine2D {
    /** The identity map. */
    public static final Affine2D IDENTITY = new Affine2D(1, 0, 0, 0, 1, 0);

    private final double a;
    private final double b;
    private final double tx;
    private final double c;
    private final double d;
    private final double ty;

    public Affine2D(double a, double b, double tx, double c, double d, double ty) {
        this.a = a;
        this.b = b;
        this.tx = tx;
        this.c = c;
        this.d = d;
        this.ty = ty;
    }

    /** A rotation by {@code angle} radians (counter-clockwise in a y-up frame, clockwise on screen), scale, then shift. */
    public static Affine2D similarity(double scale, double angle, double shiftX, double shiftY) {
        double cos = scale * Math.cos(angle);
        double sin = scale * Math.sin(angle);
        return new Affine2D(cos, -sin, shiftX, sin, cos, shiftY);
    }

    /** A pure uniform scale about the origin. */
    public static Affine2D scaling(double s) {
        return new Affine2D(s, 0, 0, 0, s, 0);
    }

    /** A pure translation. */
    public static Affine2D translation(double dx, double dy) {
        return new Affine2D(1, 0, dx, 0, 1, dy);
    }

    public double a() {
        return a;
    }

    public double b() {
        return b;
    }

    public double tx() {
        return tx;
    }

    public double c() {
        return c;
    }

    public double d() {
        return d;
    }

    public double ty() {
        return ty;
    }

    public double applyX(double x, double y) {
        return a * x + b * y + tx;
    }

    public double applyY(double x, double y) {
        return c * x + d * y + ty;
    }

    /** Maps interleaved points {@code x0,y0,x1,y1,...} into a new array. */
    public float[] apply(float[] points) {
        if (points.length % 2 != 0) {
            throw new IllegalArgumentException("points must be x,y pairs, got " + points.length + " numbers");
        }
        float[] out = new float[points.length];
        for (int i = 0; i < points.length; i += 2) {
            out[i] = (float) applyX(points[i], points[i + 1]);
            out[i + 1] = (float) applyY(points[i], points[i + 1]);
        }
        return out;
    }

    public double determinant() {
        return a * d - b * c;
    }

    /**
     * The linear scale factor (square root of the absolute determinant): how many output pixels one
     * input pixel spans along each axis. For a similarity this is exactly its scale.
     */
    public double scale() {
        return Math.sqrt(Math.abs(determinant()));
    }

    /** The inverse map; throws when the map is singular (a degenerate face or a zero scale). */
    public Affine2D invert() {
        double det = determinant();
        if (!(Math.abs(det) > 1e-12) || !Double.isFinite(det)) {
            throw new IllegalStateException("affine map " + this + " is singular and cannot be inverted");
        }
        double ia = d / det;
        double ib = -b / det;
        double ic = -c / det;
        double id = a / det;
        return new Affine2D(ia, ib, -(ia * tx + ib * ty), ic, id, -(ic * tx + id * ty));
    }

    /** {@code this ∘ first}: applies {@code first}, then this map. */
    public Affine2D after(Affine2D first) {
        return new Affine2D(
                a * first.a + b * first.c, a * first.b + b * first.d, a * first.tx + b * first.ty + tx,
                c * first.a + d * first.c, c * first.b + d * first.d, c * first.tx + d * first.ty + ty);
    }

    @Override
    public String toString() {
        return String.format("Affine2D[[%.6g %.6g %.6g] [%.6g %.6g %.6g]]", a, b, tx, c, d, ty);
    }
}
