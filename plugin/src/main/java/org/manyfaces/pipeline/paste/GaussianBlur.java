package org.manyfaces.pipeline.paste;

/**
 * Separable Gaussian blur of a single-channel float image with mirrored borders (OpenCV's default
 * {@code BORDER_REFLECT_101}); the kernel radius is 4σ, as OpenCV picks for float images when only σ is given.
 */
public final class GaussianBlur {
    private GaussianBlur() {
    }

    /** Normalised 1-D kernel for {@code sigma}; a single tap of 1 when sigma is not positive. */
    public static float[] kernel(double sigma) {
        if (!(sigma > 0)) {
            return new float[] {1f};
        }
        int radius = Math.max(1, (int) Math.round(sigma * 4));
        float[] k = new float[2 * radius + 1];
        double sum = 0;
        for (int i = -radius; i <= radius; i++) {
            double v = Math.exp(-(i * (double) i) / (2 * sigma * sigma));
            k[i + radius] = (float) v;
            sum += v;
        }
        for (int i = 0; i < k.length; i++) {
            k[i] /= (float) sum;
        }
        return k;
    }

    /** Blurs {@code img} (row-major {@code w×h}) in place. */
    public static void blur(float[] img, int w, int h, double sigma) {
        float[] k = kernel(sigma);
        if (k.length == 1) {
            return;
        }
        int r = k.length / 2;
        float[] line = new float[Math.max(w, h)];
        for (int y = 0; y < h; y++) {
            int row = y * w;
            for (int x = 0; x < w; x++) {
                float acc = 0;
                for (int i = -r; i <= r; i++) {
                    acc += k[i + r] * img[row + reflect(x + i, w)];
                }
                line[x] = acc;
            }
            System.arraycopy(line, 0, img, row, w);
        }
        for (int x = 0; x < w; x++) {
            for (int y = 0; y < h; y++) {
                float acc = 0;
                for (int i = -r; i <= r; i++) {
                    acc += k[i + r] * img[reflect(y + i, h) * w + x];
                }
                line[y] = acc;
            }
            for (int y = 0; y < h; y++) {
                img[y * w + x] = line[y];
            }
        }
    }

    /** Mirror index without repeating the edge sample: -1 → 1, n → n-2. */
    static int reflect(int i, int n) {
        if (n == 1) {
            return 0;
        }
        while (i < 0 || i >= n) {
            i = i < 0 ? -i : 2 * (n - 1) - i;
        }
        return i;
    }
}
