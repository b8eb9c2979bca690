package org.manyfaces.pipeline.landmark;

/**
 * A synthetic 68-point face in a unit square (y down), laid out as the iBUG scheme: jaw 0..16 on a U from
 * ear height (0.3) to the chin (1.0), arched brows at 0.24 above eyes centred at (0.3, 0.37) and
 * (0.7, 0.37), the nose down the middle to 0.63, the mouth corners at (0.35, 0.77) and (0.65, 0.77).
 * Test data for the landmark stages: points whose layout the tests know.
 */
public final class SyntheticFace68 {
    private SyntheticFace68() {
    }

    /** The 136 normalised coordinates. */
    public static float[] unit() {
        float[] p = new float[136];
        for (int i = 0; i <= 16; i++) {
            double t = Math.PI - Math.PI * i / 16;
            set(p, i, 0.5 + 0.48 * Math.cos(t), 0.3 + 0.7 * Math.sin(t));
        }
        for (int k = 0; k < 5; k++) {
            double arch = 0.04 * Math.sin(Math.PI * k / 4);
            set(p, 17 + k, 0.12 + 0.08 * k, 0.24 - arch);
            set(p, 22 + k, 0.56 + 0.08 * k, 0.24 - 0.04 * Math.sin(Math.PI * (4 - k) / 4));
        }
        for (int k = 0; k < 4; k++) {
            set(p, 27 + k, 0.5, 0.35 + 0.0767 * k);
        }
        for (int k = 0; k < 5; k++) {
            set(p, 31 + k, 0.40 + 0.05 * k, 0.63);
        }
        eye(p, 36, 0.3);
        eye(p, 42, 0.7);
        // Outer lip 48..59 and inner lip 60..67, clockwise from the image-left corner.
        double[][] outer = {{0.35, 0.77}, {0.40, 0.74}, {0.45, 0.73}, {0.50, 0.735}, {0.55, 0.73}, {0.60, 0.74},
            {0.65, 0.77}, {0.60, 0.81}, {0.55, 0.83}, {0.50, 0.835}, {0.45, 0.83}, {0.40, 0.81}};
        for (int k = 0; k < 12; k++) {
            set(p, 48 + k, outer[k][0], outer[k][1]);
        }
        double[][] inner = {{0.37, 0.77}, {0.45, 0.76}, {0.50, 0.76}, {0.55, 0.76}, {0.63, 0.77}, {0.55, 0.785},
            {0.50, 0.79}, {0.45, 0.785}};
        for (int k = 0; k < 8; k++) {
            set(p, 60 + k, inner[k][0], inner[k][1]);
        }
        return p;
    }

    private static void eye(float[] p, int first, double cx) {
        double[][] e = {{-0.09, 0}, {-0.04, -0.03}, {0.04, -0.03}, {0.09, 0}, {0.04, 0.03}, {-0.04, 0.03}};
        for (int k = 0; k < 6; k++) {
            set(p, first + k, cx + e[k][0], 0.37 + e[k][1]);
        }
    }

    private static void set(float[] p, int i, double x, double y) {
        p[2 * i] = (float) x;
        p[2 * i + 1] = (float) y;
    }

    /** The unit face scaled by {@code size} and shifted to ({@code x}, {@code y}). */
    public static float[] placed(double x, double y, double size) {
        float[] p = unit();
        for (int i = 0; i < p.length; i += 2) {
            p[i] = (float) (x + size * p[i]);
            p[i + 1] = (float) (y + size * p[i + 1]);
        }
        return p;
    }
}
