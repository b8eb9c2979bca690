package org.manyfaces.pipeline.swap;

/**
 * Multi-band (Burt–Adelson) blending of two same-size planar images under a soft mask: each band of a
 * Laplacian pyramid is mixed with the mask blurred to that band's scale, so fine detail switches over
 * sharply while shading and colour blend over a wide area. The result has no visible seam even when
 * the two images differ in brightness, which a single feathered alpha cannot achieve.
 *
 * <p>Works on any square size (levels halve with rounding up). Allocates pyramid scratch per call,
 * proportional to the crop (never the frame); thread-safe.
 */
public final class LaplacianPyramidBlend {
    private LaplacianPyramidBlend() {
    }

    /**
     * Writes {@code mask·fg + (1−mask)·bg} band by band into {@code out}.
     *
     * @param fg       planar channels ({@code channels·size²}) placed where the mask is 1
     * @param bg       planar channels placed where the mask is 0
     * @param mask     {@code size²} weights 0..1
     * @param levels   pyramid depth (1 = plain alpha blend); capped so the top level is at least 4 px
     * @param out      {@code channels·size²}; may alias {@code bg}
     */
    public static void blend(float[] fg, float[] bg, float[] mask, int size, int channels, int levels, float[] out) {
        int plane = size * size;
        if (fg.length < channels * plane || bg.length < channels * plane || out.length < channels * plane || mask.length < plane) {
            throw new IllegalArgumentException("blend buffers are smaller than " + channels + "×" + size + "²");
        }
        int depth = 1;
        for (int s = size; depth < levels && (s + 1) / 2 >= 4; s = (s + 1) / 2) {
            depth++;
        }
        int[] sizes = new int[depth];
        sizes[0] = size;
        for (int i = 1; i < depth; i++) {
            sizes[i] = (sizes[i - 1] + 1) / 2;
        }
        float[][] maskPyr = gaussianPyramid(slice(mask, 0, plane), sizes);
        for (int ch = 0; ch < channels; ch++) {
            float[][] a = gaussianPyramid(slice(fg, ch * plane, plane), sizes);
            float[][] b = gaussianPyramid(slice(bg, ch * plane, plane), sizes);
            // Collapse from the top: start with the blended coarsest Gaussian level, then add each
            // blended Laplacian band (level minus the expansion of the level above it).
            float[] acc = mix(a[depth - 1], b[depth - 1], maskPyr[depth - 1]);
            for (int l = depth - 2; l >= 0; l--) {
                float[] upA = expand(a[l + 1], sizes[l + 1], sizes[l]);
                float[] upB = expand(b[l + 1], sizes[l + 1], sizes[l]);
                float[] up = expand(acc, sizes[l + 1], sizes[l]);
                float[] m = maskPyr[l];
                float[] al = a[l];
                float[] bl = b[l];
                for (int i = 0; i < up.length; i++) {
                    float la = al[i] - upA[i];
                    float lb = bl[i] - upB[i];
                    up[i] += lb + (la - lb) * m[i];
                }
                acc = up;
            }
            System.arraycopy(acc, 0, out, ch * plane, plane);
        }
    }

    private static float[] slice(float[] src, int from, int n) {
        float[] s = new float[n];
        System.arraycopy(src, from, s, 0, n);
        return s;
    }

    private static float[] mix(float[] a, float[] b, float[] m) {
        float[] r = new float[a.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = b[i] + (a[i] - b[i]) * m[i];
        }
        return r;
    }

    private static float[][] gaussianPyramid(float[] base, int[] sizes) {
        float[][] p = new float[sizes.length][];
        p[0] = base;
        for (int i = 1; i < sizes.length; i++) {
            p[i] = reduce(p[i - 1], sizes[i - 1], sizes[i]);
        }
        return p;
    }

    private static final float[] K = {1 / 16f, 4 / 16f, 6 / 16f, 4 / 16f, 1 / 16f};

    /** Binomial 5-tap blur, then every second pixel (edges clamped). */
    static float[] reduce(float[] src, int n, int half) {
        float[] tmp = new float[half * n];
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < half; x++) {
                float acc = 0;
                for (int k = -2; k <= 2; k++) {
                    acc += K[k + 2] * src[y * n + clamp(2 * x + k, n)];
                }
                tmp[y * half + x] = acc;
            }
        }
        float[] dst = new float[half * half];
        for (int y = 0; y < half; y++) {
            for (int x = 0; x < half; x++) {
                float acc = 0;
                for (int k = -2; k <= 2; k++) {
                    acc += K[k + 2] * tmp[clamp(2 * y + k, n) * half + x];
                }
                dst[y * half + x] = acc;
            }
        }
        return dst;
    }

    /** Upsamples by two (to {@code n}) with the binomial interpolation kernel: linear interpolation between coarse samples. */
    static float[] expand(float[] src, int half, int n) {
        float[] tmp = new float[half * n];
        for (int y = 0; y < half; y++) {
            for (int x = 0; x < n; x++) {
                tmp[y * n + x] = interp(src, y * half, x, half, 1);
            }
        }
        float[] dst = new float[n * n];
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                dst[y * n + x] = interp(tmp, x, y, half, n);
            }
        }
        return dst;
    }

    /** Value at fine position {@code p} (coarse sample j sits at fine 2j) along a line of {@code half} coarse samples. */
    private static float interp(float[] src, int base, int p, int half, int step) {
        int j = p >> 1;
        if ((p & 1) == 0 || j + 1 >= half) {
            return src[base + Math.min(j, half - 1) * step];
        }
        return 0.5f * (src[base + j * step] + src[base + (j + 1) * step]);
    }

    private static int clamp(int i, int n) {
        return i < 0 ? 0 : i >= n ? n - 1 : i;
    }
}
