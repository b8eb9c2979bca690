package org.manyfaces.pipeline.translate;

/**
 * Separable image resampling with pixel-centre alignment and edge replication.
 *
 * <p>When shrinking, the filter is widened by the shrink factor (as PIL and Pillow-SIMD do), so that every
 * source pixel contributes: a widened triangle behaves like an area average and does not alias; when
 * enlarging, the filter is used as it is (bilinear or bicubic). Weights are normalised per output pixel,
 * so a constant image stays exactly constant.
 *
 * <p>Not thread-safe: the instance keeps its intermediate row buffer to avoid allocating one per frame.
 */
public final class Resampler {
    /** Interpolation kernels. */
    public enum Filter {
        /** Bilinear when enlarging; area-like (widened triangle) when shrinking. */
        BILINEAR(1.0),
        /** Keys cubic with a = −0.5 (PIL's BICUBIC), used for chroma and as the super-resolution baseline. */
        BICUBIC(2.0);

        final double support;

        Filter(double support) {
            this.support = support;
        }

        double weight(double x) {
            x = Math.abs(x);
            if (this == BILINEAR) {
                return x < 1.0 ? 1.0 - x : 0.0;
            }
            final double a = -0.5;
            if (x < 1.0) {
                return ((a + 2.0) * x - (a + 3.0)) * x * x + 1.0;
            }
            if (x < 2.0) {
                return (((x - 5.0) * x + 8.0) * x - 4.0) * a;
            }
            return 0.0;
        }
    }

    private float[] rows = new float[0];
    private float[] line = new float[0];

    /**
     * Resamples all of {@code src} into all of {@code dst}. Channels present in both are resampled; a dst
     * channel the source lacks (alpha) is set to 1.
     */
    public void resize(PixelGrid src, PixelGrid dst, Filter filter) {
        int sw = src.width();
        int sh = src.height();
        int dw = dst.width();
        int dh = dst.height();
        if (sw == 0 || sh == 0) {
            throw new IllegalArgumentException("cannot resample an empty image");
        }
        if (dw == 0 || dh == 0) {
            return;
        }
        int ch = Math.min(src.channels(), dst.channels());
        Axis ax = new Axis(sw, dw, filter);
        Axis ay = new Axis(sh, dh, filter);
        long need = (long) sh * dw * ch;
        if (need > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("resample buffer too large: " + sh + "x" + dw + "x" + ch);
        }
        if (rows.length < need) {
            rows = new float[(int) need];
        }
        float[] tmp = rows;
        int srcRowLen = sw * ch;
        int outCh = dst.channels();
        if (line.length < Math.max(srcRowLen, dw * outCh)) {
            line = new float[Math.max(srcRowLen, dw * outCh)];
        }
        float[] row = line;
        // Horizontal pass: each source row, read once in bulk, -> dst width.
        for (int y = 0; y < sh; y++) {
            src.readRow(y, row, ch);
            int base = y * dw * ch;
            for (int x = 0; x < dw; x++) {
                int start = ax.start[x] * ch;
                int n = ax.count[x];
                int wo = x * ax.taps;
                for (int c = 0; c < ch; c++) {
                    float acc = 0f;
                    for (int k = 0; k < n; k++) {
                        acc += ax.weights[wo + k] * row[start + k * ch + c];
                    }
                    tmp[base + x * ch + c] = acc;
                }
            }
        }
        // Vertical pass: dst rows from the intermediate rows, written in bulk; a channel the source lacks is 1.
        for (int y = 0; y < dh; y++) {
            int start = ay.start[y];
            int n = ay.count[y];
            int wo = y * ay.taps;
            for (int x = 0; x < dw; x++) {
                for (int c = 0; c < ch; c++) {
                    float acc = 0f;
                    for (int k = 0; k < n; k++) {
                        acc += ay.weights[wo + k] * tmp[((start + k) * dw + x) * ch + c];
                    }
                    row[x * outCh + c] = acc;
                }
                for (int c = ch; c < outCh; c++) {
                    row[x * outCh + c] = 1f;
                }
            }
            dst.writeRow(y, row, outCh);
        }
    }

    /** Filter taps along one axis: for each output index, the first source index, tap count and weights. */
    private static final class Axis {
        final int[] start;
        final int[] count;
        final float[] weights;
        final int taps;

        Axis(int in, int out, Filter f) {
            double ratio = (double) in / out;
            double widen = Math.max(1.0, ratio);
            double support = f.support * widen;
            taps = (int) Math.ceil(support) * 2 + 1;
            start = new int[out];
            count = new int[out];
            weights = new float[out * taps];
            double[] w = new double[taps];
            for (int o = 0; o < out; o++) {
                double centre = (o + 0.5) * ratio - 0.5;
                int lo = (int) Math.floor(centre - support) + 1;
                int hi = (int) Math.ceil(centre + support) - 1;
                // Clamp the window by replicating edges: fold out-of-range taps onto the border pixel.
                int first = Math.max(0, Math.min(in - 1, lo));
                int last = Math.max(0, Math.min(in - 1, hi));
                int n = last - first + 1;
                java.util.Arrays.fill(w, 0, n, 0.0);
                double sum = 0;
                for (int i = lo; i <= hi; i++) {
                    double v = f.weight((i - centre) / widen);
                    int j = Math.max(0, Math.min(in - 1, i)) - first;
                    w[j] += v;
                    sum += v;
                }
                start[o] = first;
                count[o] = n;
                for (int k = 0; k < n; k++) {
                    weights[o * taps + k] = (float) (sum != 0 ? w[k] / sum : (k == 0 ? 1 : 0));
                }
            }
        }
    }
}
