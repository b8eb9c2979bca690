package org.manyfaces.pipeline.translate;

/**
 * Grows or shrinks a mask (padding) and softens its edge (blur), the two keyframable mask controls users
 * ask for. Both run in time linear in the pixel count, whatever the radius: padding is a square
 * max/min filter done with a sliding-window deque, blur is three box passes (close to a Gaussian of
 * sigma ≈ blur/2) done with running sums.
 *
 * <p>Reuses its buffers between frames; not thread-safe.
 */
public final class MaskShaper {
    private final FloatImage out = new FloatImage();
    private float[] line = new float[0];
    private float[] line2 = new float[0];
    private int[] deque = new int[0];

    /**
     * Shapes a mask: {@code padding} pixels of growth (negative shrinks), then a blur of {@code blur} pixels
     * radius. The result has the mask's size and one channel in 0..1 and stays valid until the next call.
     */
    public FloatImage shape(PixelGrid mask, int padding, int blur) {
        int w = mask.width();
        int h = mask.height();
        if (blur < 0) {
            throw new IllegalArgumentException("mask blur " + blur + " must not be negative");
        }
        out.ensure(w, h, 1);
        float[] d = out.data();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                d[y * w + x] = Normalizer.clamp01(mask.get(x, y, 0));
            }
        }
        int n = Math.max(w, h);
        if (line.length < n) {
            line = new float[n];
            line2 = new float[n];
            deque = new int[n];
        }
        if (padding != 0) {
            boolean grow = padding > 0;
            int r = Math.abs(padding);
            for (int y = 0; y < h; y++) {
                extreme(d, y * w, 1, w, r, grow);
            }
            for (int x = 0; x < w; x++) {
                extreme(d, x, w, h, r, grow);
            }
        }
        if (blur > 0) {
            for (int pass = 0; pass < 3; pass++) {
                // A box of radius b has variance b(b+1)/3, so three passes give a near-Gaussian of sigma ~ b;
                // b = blur/2 makes the visible soft edge about blur pixels wide on each side.
                int b = Math.max(1, (blur + 1) / 2);
                for (int y = 0; y < h; y++) {
                    box(d, y * w, 1, w, b);
                }
                for (int x = 0; x < w; x++) {
                    box(d, x, w, h, b);
                }
            }
        }
        return out;
    }

    /** Sliding max (grow) or min (shrink) of window ±r along one line of n samples. */
    private void extreme(float[] d, int start, int step, int n, int r, boolean max) {
        for (int i = 0; i < n; i++) {
            line[i] = d[start + i * step];
        }
        int head = 0;
        int tail = 0;
        int next = 0;
        for (int i = 0; i < n; i++) {
            int hi = Math.min(n - 1, i + r);
            while (next <= hi) {
                float v = line[next];
                while (tail > head && (max ? line[deque[tail - 1]] <= v : line[deque[tail - 1]] >= v)) {
                    tail--;
                }
                deque[tail++] = next++;
            }
            while (deque[head] < i - r) {
                head++;
            }
            d[start + i * step] = line[deque[head]];
        }
    }

    /** Box average of window ±r along one line, edges replicated. */
    private void box(float[] d, int start, int step, int n, int r) {
        for (int i = 0; i < n; i++) {
            line[i] = d[start + i * step];
        }
        float sum = 0f;
        for (int k = -r; k <= r; k++) {
            sum += line[clamp(k, n)];
        }
        float inv = 1f / (2 * r + 1);
        for (int i = 0; i < n; i++) {
            line2[i] = sum * inv;
            sum += line[clamp(i + r + 1, n)] - line[clamp(i - r, n)];
        }
        for (int i = 0; i < n; i++) {
            d[start + i * step] = line2[i];
        }
    }

    private static int clamp(int i, int n) {
        return i < 0 ? 0 : (i >= n ? n - 1 : i);
    }

    /** The bounding box (x, y, w, h) of the pixels of {@code m} above {@code threshold}, or null when none. */
    public static int[] bounds(FloatImage m, float threshold) {
        int w = m.width();
        int h = m.height();
        int x0 = w;
        int y0 = h;
        int x1 = -1;
        int y1 = -1;
        float[] d = m.data();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (d[y * w + x] > threshold) {
                    x0 = Math.min(x0, x);
                    x1 = Math.max(x1, x);
                    y0 = Math.min(y0, y);
                    y1 = Math.max(y1, y);
                }
            }
        }
        return x1 < 0 ? null : new int[] {x0, y0, x1 - x0 + 1, y1 - y0 + 1};
    }
}
