package org.manyfaces.pipeline.translate;

/**
 * Where tiles go along one axis and how much each output pixel of a tile counts when overlapping tiles are
 * blended.
 *
 * <p>Tiles are spread evenly so that the first starts at 0 and the last ends at the frame edge, with at least
 * the requested overlap between neighbours. In an overlap each tile's weight ramps up from its inner edge:
 * the outer quarter of the overlap gets (almost) no weight, because a convolutional model's output near a
 * tile border is corrupted by its zero padding; the middle half ramps with a linear or raised-cosine feather;
 * the two ramps of a seam add up to 1. Sides on the frame edge are not ramped.
 */
public final class TileGrid {
    /**
     * Weight floor inside a tile, so that a pixel is never left with zero total weight even when the overlap
     * is large compared with the tile; far below the 8-bit resolution where another tile covers the pixel.
     */
    static final float MIN_WEIGHT = 1e-6f;

    private TileGrid() {
    }

    /**
     * Tile start positions along an axis of {@code length} pixels for tiles of {@code tile} pixels overlapping
     * by at least {@code overlap}. One tile at 0 when the axis is not longer than a tile.
     */
    public static int[] starts(int length, int tile, int overlap) {
        if (tile < 1 || length < 1) {
            throw new IllegalArgumentException("tile " + tile + " and length " + length + " must be positive");
        }
        if (overlap < 0 || overlap >= tile) {
            throw new IllegalArgumentException("tile overlap " + overlap + " must be 0.." + (tile - 1) + " for tile "
                    + tile);
        }
        if (length <= tile) {
            return new int[] {0};
        }
        int n = (int) Math.ceil((double) (length - overlap) / (tile - overlap));
        n = Math.max(n, 2);
        int[] s = new int[n];
        for (int i = 0; i < n; i++) {
            s[i] = (int) Math.round((double) i * (length - tile) / (n - 1));
        }
        return s;
    }

    /**
     * Weights, at output resolution, for the part of tile {@code i} that lies inside the axis: index 0 is the
     * tile's first output pixel. {@code scale} is the model's output scale.
     */
    public static float[] weights(int[] starts, int i, int tile, int length, int scale, Feather feather) {
        int start = starts[i];
        int inside = Math.min(tile, length - start) * scale;
        float[] w = new float[inside];
        java.util.Arrays.fill(w, 1f);
        if (i > 0) {
            int ov = (starts[i - 1] + tile - start) * scale;
            ramp(w, ov, feather, false);
        }
        if (i < starts.length - 1) {
            int ov = (start + tile - starts[i + 1]) * scale;
            ramp(w, ov, feather, true);
        }
        for (int k = 0; k < inside; k++) {
            w[k] = Math.max(w[k], MIN_WEIGHT);
        }
        return w;
    }

    private static void ramp(float[] w, int ov, Feather feather, boolean fromEnd) {
        if (ov <= 0) {
            return;
        }
        ov = Math.min(ov, w.length);
        float margin = ov / 4f;
        float span = ov - 2f * margin;
        for (int p = 0; p < ov; p++) {
            float v = feather.ramp((p + 0.5f - margin) / span);
            int k = fromEnd ? w.length - 1 - p : p;
            w[k] *= v;
        }
    }
}
