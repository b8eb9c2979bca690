package org.manyfaces.pipeline.translate;

import org.manyfaces.image.ImageView;

/**
 * Read/write access to a grid of float samples, so that resampling and masking work the same on host
 * images ({@link ImageView}) and on the translator's own float buffers ({@link FloatImage}).
 */
public interface PixelGrid {
    int width();

    int height();

    int channels();

    float get(int x, int y, int c);

    void set(int x, int y, int c, float v);

    /**
     * Reads channels 0..n-1 of every pixel of row {@code y} into {@code dst}, interleaved ({@code n} floats per
     * pixel). Bulk access lets resampling and blending run one call per row instead of one per sample.
     */
    default void readRow(int y, float[] dst, int n) {
        int w = width();
        for (int x = 0; x < w; x++) {
            for (int c = 0; c < n; c++) {
                dst[x * n + c] = get(x, y, c);
            }
        }
    }

    /** Writes channels 0..n-1 of every pixel of row {@code y} from {@code src}; other channels are left alone. */
    default void writeRow(int y, float[] src, int n) {
        int w = width();
        for (int x = 0; x < w; x++) {
            for (int c = 0; c < n; c++) {
                set(x, y, c, src[x * n + c]);
            }
        }
    }

    /** All channels of a view, normalised 0..1 for 8-bit formats. */
    static PixelGrid of(ImageView view) {
        return new ViewGrid(view);
    }

    /**
     * A one-channel, read-only grid holding a mask: the alpha of an RGBA view, or the first channel of an RGB
     * view (hosts deliver single-component masks either way once converted to a ManyFaces format).
     */
    static PixelGrid maskOf(ImageView view) {
        int channel = view.format().hasAlpha() ? 3 : 0;
        return new PixelGrid() {
            @Override
            public int width() {
                return view.width();
            }

            @Override
            public int height() {
                return view.height();
            }

            @Override
            public int channels() {
                return 1;
            }

            @Override
            public float get(int x, int y, int c) {
                return view.get(x, y, channel);
            }

            @Override
            public void set(int x, int y, int c, float v) {
                throw new UnsupportedOperationException("a mask view is read-only");
            }
        };
    }
}
