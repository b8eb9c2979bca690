package org.manyfaces.disclosure;

/** Square box means over small planes (the face mark's crop-resolution statistics). */
final class BoxFilter {
    private BoxFilter() {
    }

    /**
     * 5x5 mean of a square {@code n}x{@code n} plane with edge replication; {@code out} may be {@code in}.
     * Separable, two passes through a row buffer.
     */
    static void mean5(float[] in, float[] out, int n) {
        float[] tmp = new float[n * n];
        for (int y = 0; y < n; y++) {
            int r = y * n;
            for (int x = 0; x < n; x++) {
                float s = 0;
                for (int d = -2; d <= 2; d++) {
                    s += in[r + Math.max(0, Math.min(n - 1, x + d))];
                }
                tmp[r + x] = s * 0.2f;
            }
        }
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                float s = 0;
                for (int d = -2; d <= 2; d++) {
                    s += tmp[Math.max(0, Math.min(n - 1, y + d)) * n + x];
                }
                out[y * n + x] = s * 0.2f;
            }
        }
    }
}
