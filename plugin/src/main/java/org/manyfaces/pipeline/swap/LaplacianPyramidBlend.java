package org.manyfaces.pipeline.swap;

import java.util.HashMap;
import java.util.Map;

/**
 * Multi-band (Burt–Adelson) blending of two same-size planar images under a soft mask: each band of a
 * Laplacian pyramid is mixed with the mask blurred to that band's scale, so fine detail switches over
 * sharply while shading and colour blend over a wide area. The result has no visible seam even when
 * the two images differ in brightness, which a single feathered alpha cannot achieve.
 *
 * <p><b>How it is computed.</b> The textbook form builds Laplacian pyramids of both images and mixes
 * them band by band. Reduce, expand and therefore every Laplacian band are linear, so
 * {@code Σ m_l·L_l(fg) + (1−m_l)·L_l(bg)} equals {@code bg + Σ m_l·L_l(fg − bg)}: one pyramid of the
 * difference instead of two, and two expansions per level instead of three, with the same result (up
 * to float rounding). The mask's Gaussian pyramid depends only on the mask, so callers with a fixed
 * mask build it once ({@link #maskPyramid}) and pass it to every call.
 *
 * <p>Works on any square size (levels halve with rounding up). Scratch buffers are per thread and per
 * size, proportional to the crop (never the frame), reused across calls; thread-safe.
 */
public final class LaplacianPyramidBlend {
    /** Distinct sizes whose scratch one thread keeps; adaptive crop sizes use a short ladder of sizes. */
    private static final int SCRATCH_SIZES = 8;
    private static final ThreadLocal<Map<Integer, Scratch>> SCRATCH = ThreadLocal.withInitial(HashMap::new);

    private LaplacianPyramidBlend() {
    }

    /** The Gaussian pyramid of a blend mask: immutable, shareable between threads and calls. */
    public static final class MaskPyramid {
        private final int size;
        private final int[] sizes;
        private final float[][] levels;

        private MaskPyramid(int size, int[] sizes, float[][] levels) {
            this.size = size;
            this.sizes = sizes;
            this.levels = levels;
        }

        /** Side of the finest level (the crop size). */
        public int size() {
            return size;
        }

        /** Number of pyramid levels actually used (the requested depth, capped by the size). */
        public int depth() {
            return sizes.length;
        }
    }

    /**
     * Builds the mask pyramid for blends of {@code size}² images with up to {@code levels} levels
     * (capped so the top level is at least 4 px). The mask array is copied.
     */
    public static MaskPyramid maskPyramid(float[] mask, int size, int levels) {
        if (size <= 0 || mask.length < size * size) {
            throw new IllegalArgumentException("blend mask is smaller than " + size + "²");
        }
        int[] sizes = levelSizes(size, levels);
        float[][] m = new float[sizes.length][];
        m[0] = java.util.Arrays.copyOf(mask, size * size);
        float[] tmp = new float[Math.max(1, (size + 1) / 2) * size];
        for (int l = 1; l < sizes.length; l++) {
            m[l] = new float[sizes[l] * sizes[l]];
            reduce(m[l - 1], sizes[l - 1], sizes[l], tmp, m[l]);
        }
        return new MaskPyramid(size, sizes, m);
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
        blend(fg, bg, maskPyramid(mask, size, levels), channels, out);
    }

    /**
     * Same as {@link #blend(float[], float[], float[], int, int, int, float[])} with a prebuilt mask
     * pyramid, whose size is the images' size.
     *
     * @param out may alias {@code bg} (not {@code fg})
     */
    public static void blend(float[] fg, float[] bg, MaskPyramid mask, int channels, float[] out) {
        int size = mask.size;
        int plane = size * size;
        if (fg.length < channels * plane || bg.length < channels * plane || out.length < channels * plane) {
            throw new IllegalArgumentException("blend buffers are smaller than " + channels + "×" + size + "²");
        }
        int depth = mask.sizes.length;
        int[] sizes = mask.sizes;
        Scratch sc = scratch(sizes);
        float[][] g = sc.gauss;
        float[][] acc = sc.acc;
        for (int ch = 0; ch < channels; ch++) {
            int base = ch * plane;
            float[] d = g[0];
            for (int i = 0; i < plane; i++) {
                d[i] = fg[base + i] - bg[base + i];
            }
            for (int l = 1; l < depth; l++) {
                reduce(g[l - 1], sizes[l - 1], sizes[l], sc.tmp, g[l]);
            }
            // Top band: the coarsest Gaussian level itself, weighted by the coarsest mask.
            float[] top = g[depth - 1];
            float[] mTop = mask.levels[depth - 1];
            float[] aTop = acc[depth - 1];
            for (int i = 0; i < top.length; i++) {
                aTop[i] = mTop[i] * top[i];
            }
            // Collapse: acc_l = expand(acc_{l+1}) + m_l · (g_l − expand(g_{l+1})).
            for (int l = depth - 2; l >= 0; l--) {
                collapseLevel(acc[l + 1], g[l + 1], g[l], mask.levels[l], sizes[l + 1], sizes[l], sc, acc[l]);
            }
            float[] a0 = acc[0];
            for (int i = 0; i < plane; i++) {
                out[base + i] = bg[base + i] + a0[i];
            }
        }
    }

    private static int[] levelSizes(int size, int levels) {
        int depth = 1;
        for (int s = size; depth < levels && (s + 1) / 2 >= 4; s = (s + 1) / 2) {
            depth++;
        }
        int[] sizes = new int[depth];
        sizes[0] = size;
        for (int i = 1; i < depth; i++) {
            sizes[i] = (sizes[i - 1] + 1) / 2;
        }
        return sizes;
    }

    /** Per-thread pyramid buffers for one level layout. */
    private static final class Scratch {
        final int[] sizes;
        final float[][] gauss;
        final float[][] acc;
        final float[] tmp;
        final float[] upAcc;
        final float[] upG;

        Scratch(int[] sizes) {
            this.sizes = sizes.clone();
            gauss = new float[sizes.length][];
            acc = new float[sizes.length][];
            for (int l = 0; l < sizes.length; l++) {
                gauss[l] = new float[sizes[l] * sizes[l]];
                acc[l] = new float[sizes[l] * sizes[l]];
            }
            int n = sizes[0];
            int half = sizes.length > 1 ? sizes[1] : (n + 1) / 2;
            tmp = new float[half * n];
            upAcc = new float[half * n];
            upG = new float[half * n];
        }
    }

    private static Scratch scratch(int[] sizes) {
        Map<Integer, Scratch> map = SCRATCH.get();
        int key = sizes[0] * 64 + sizes.length;
        Scratch s = map.get(key);
        if (s == null) {
            if (map.size() >= SCRATCH_SIZES) {
                map.clear();
            }
            s = new Scratch(sizes);
            map.put(key, s);
        }
        return s;
    }

    private static final float K0 = 1 / 16f;
    private static final float K1 = 4 / 16f;
    private static final float K2 = 6 / 16f;

    /** Binomial 5-tap blur, then every second pixel (edges clamped), from {@code n}² into {@code half}². */
    static void reduce(float[] src, int n, int half, float[] tmp, float[] dst) {
        // Horizontal: tmp is n rows of half columns.
        for (int y = 0; y < n; y++) {
            int row = y * n;
            int out = y * half;
            for (int x = 0; x < half; x++) {
                int c = 2 * x;
                float acc;
                if (c >= 2 && c + 2 < n) {
                    int p = row + c;
                    acc = K0 * (src[p - 2] + src[p + 2]) + K1 * (src[p - 1] + src[p + 1]) + K2 * src[p];
                } else {
                    acc = K0 * (src[row + clamp(c - 2, n)] + src[row + clamp(c + 2, n)])
                            + K1 * (src[row + clamp(c - 1, n)] + src[row + clamp(c + 1, n)])
                            + K2 * src[row + clamp(c, n)];
                }
                tmp[out + x] = acc;
            }
        }
        // Vertical: whole rows at a time, so the inner loop runs along memory.
        for (int y = 0; y < half; y++) {
            int c = 2 * y;
            int rm2 = clamp(c - 2, n) * half;
            int rm1 = clamp(c - 1, n) * half;
            int r0 = clamp(c, n) * half;
            int rp1 = clamp(c + 1, n) * half;
            int rp2 = clamp(c + 2, n) * half;
            int out = y * half;
            for (int x = 0; x < half; x++) {
                dst[out + x] = K0 * (tmp[rm2 + x] + tmp[rp2 + x]) + K1 * (tmp[rm1 + x] + tmp[rp1 + x]) + K2 * tmp[r0 + x];
            }
        }
    }

    /**
     * One collapse step: {@code out = expand(acc) + mask·(fine − expand(coarse))}, where expand doubles
     * {@code half}² to {@code n}² with the binomial interpolation kernel (linear interpolation between
     * coarse samples; coarse sample j sits at fine 2j).
     */
    private static void collapseLevel(float[] acc, float[] coarse, float[] fine, float[] mask, int half, int n,
                                      Scratch sc, float[] out) {
        float[] ha = sc.upAcc;
        float[] hg = sc.upG;
        // Horizontal expansion of both coarse images: half rows of n columns.
        for (int y = 0; y < half; y++) {
            expandRow(acc, y * half, half, ha, y * n, n);
            expandRow(coarse, y * half, half, hg, y * n, n);
        }
        // Vertical expansion fused with the band mix.
        for (int y = 0; y < n; y++) {
            int j = y >> 1;
            boolean between = (y & 1) == 1 && j + 1 < half;
            int r0 = Math.min(j, half - 1) * n;
            int r1 = between ? r0 + n : r0;
            int o = y * n;
            if (between) {
                for (int x = 0; x < n; x++) {
                    float ua = 0.5f * (ha[r0 + x] + ha[r1 + x]);
                    float ug = 0.5f * (hg[r0 + x] + hg[r1 + x]);
                    out[o + x] = ua + mask[o + x] * (fine[o + x] - ug);
                }
            } else {
                for (int x = 0; x < n; x++) {
                    out[o + x] = ha[r0 + x] + mask[o + x] * (fine[o + x] - hg[r0 + x]);
                }
            }
        }
    }

    /** Expands one row of {@code half} coarse samples to {@code n} fine samples. */
    private static void expandRow(float[] src, int s, int half, float[] dst, int d, int n) {
        for (int x = 0; x < n; x++) {
            int j = x >> 1;
            if ((x & 1) == 0 || j + 1 >= half) {
                dst[d + x] = src[s + Math.min(j, half - 1)];
            } else {
                dst[d + x] = 0.5f * (src[s + j] + src[s + j + 1]);
            }
        }
    }

    private static int clamp(int i, int n) {
        return i < 0 ? 0 : i >= n ? n - 1 : i;
    }
}
