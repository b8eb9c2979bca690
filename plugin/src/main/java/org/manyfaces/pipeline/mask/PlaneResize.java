package org.manyfaces.pipeline.mask;

/**
 * Bilinear resampling of square single-channel planes with OpenCV's pixel-centre convention
 * ({@code cv2.resize} with {@code INTER_LINEAR}: source position {@code (d + 0.5)·scale − 0.5}, clamped
 * to the edge), which is how FaceFusion brings a crop to a mask model's size and the mask back.
 */
final class PlaneResize {
    private PlaneResize() {
    }

    /** Resamples {@code src[srcOff ..]} ({@code n×n}) into {@code dst[dstOff ..]} ({@code m×m}). */
    static void resize(float[] src, int srcOff, int n, float[] dst, int dstOff, int m) {
        double scale = (double) n / m;
        int[] i0 = new int[m];
        int[] i1 = new int[m];
        float[] f = new float[m];
        for (int d = 0; d < m; d++) {
            double s = Math.max(0, Math.min(n - 1, (d + 0.5) * scale - 0.5));
            i0[d] = (int) s;
            i1[d] = Math.min(n - 1, i0[d] + 1);
            f[d] = (float) (s - i0[d]);
        }
        for (int y = 0; y < m; y++) {
            int r0 = srcOff + i0[y] * n;
            int r1 = srcOff + i1[y] * n;
            float fy = f[y];
            int out = dstOff + y * m;
            for (int x = 0; x < m; x++) {
                float fx = f[x];
                float top = src[r0 + i0[x]] + (src[r0 + i1[x]] - src[r0 + i0[x]]) * fx;
                float bottom = src[r1 + i0[x]] + (src[r1 + i1[x]] - src[r1 + i0[x]]) * fx;
                dst[out + x] = top + (bottom - top) * fy;
            }
        }
    }
}
