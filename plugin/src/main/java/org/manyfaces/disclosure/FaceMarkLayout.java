package org.manyfaces.disclosure;

import org.manyfaces.pipeline.align.Affine2D;
import org.manyfaces.pipeline.align.AlignTemplate;

/**
 * Where the face mark lives: a grid of cells in the aligned face crop, the keyed chip of every cell for a
 * payload, and the smooth chip field the embedder adds. Shared by {@link FaceMarkEmbedder} and
 * {@link FaceMarkReader}, so both sides agree on every number.
 *
 * <p><b>Face coordinates.</b> The crop is the {@link AlignTemplate#ARCFACE_128} alignment (the 5-point
 * similarity inswapper and Classic swap with) at {@value #CROP} px. The same cell therefore lands on the same
 * facial point in every frame, whatever the face's position, size or roll in the picture, and a detector that
 * finds the face and aligns it again reads the cells without any search over offsets or scales.
 *
 * <p><b>Cells.</b> {@value #GRID}x{@value #GRID} cells of {@value #CELL} crop px. Only cells inside an ellipse
 * over the face (forehead to chin, cheek to cheek: the pixels every swap rewrites) and outside the eyes and
 * the mouth carry a chip: those are where a change shows first, and where faces differ most from one another,
 * i.e. where the picture itself would interfere most with the correlation.
 *
 * <p><b>Chips.</b> Every payload bit k has its own keyed ±1 spreading sequence q_k over the cells, plus one
 * payload-independent pilot sequence; a cell's chip is the sign of the sum of the 33 sequences, each signed by
 * its bit. So every cell carries a bit of everything: a reader that knows the payload correlates with the whole
 * chip pattern (full energy), and a reader that does not recovers each bit from its own sequence (about
 * sqrt(2/(pi*33)) = 0.14 of the energy per bit, enough once a track's evidence has added up).
 */
final class FaceMarkLayout {
    /** Aligned crop side in pixels: the resolution at which pattern, perceptual mask and reading are computed. */
    static final int CROP = 192;
    /** Cell side in crop pixels. */
    static final int CELL = 3;
    /** Cells per crop side. */
    static final int GRID = CROP / CELL;
    /** The template the crop is aligned to (the swap's own). */
    static final AlignTemplate TEMPLATE = AlignTemplate.ARCFACE_128;
    /** Spreading sequences: one per payload bit, and the pilot (last). */
    static final int SEQUENCES = Payload.BITS + 1;
    /** The face mark's own key (the frame mark's key with a suffix), so the two patterns are independent. */
    static final String KEY_SUFFIX = " / face mark";

    /** Row-major indices (v * GRID + u) of the cells that carry a chip. */
    private final int[] cells;
    /** seq[k * cells.length + i] = ±1: sequence k at carrying cell i. */
    private final byte[] seq;
    /** Grid bounds of the carrying cells. */
    private final int minU;
    private final int maxU;
    private final int minV;
    private final int maxV;

    FaceMarkLayout(String key) {
        this.cells = carryingCells();
        int u0 = GRID, u1 = 0, v0 = GRID, v1 = 0;
        for (int c : cells) {
            u0 = Math.min(u0, c % GRID);
            u1 = Math.max(u1, c % GRID);
            v0 = Math.min(v0, c / GRID);
            v1 = Math.max(v1, c / GRID);
        }
        this.minU = u0;
        this.maxU = u1;
        this.minV = v0;
        this.maxV = v1;
        this.seq = new byte[SEQUENCES * cells.length];
        KeyStream ks = new KeyStream(key + KEY_SUFFIX);
        long bits = 0;
        int left = 0;
        for (int i = 0; i < seq.length; i++) {
            if (left == 0) {
                bits = ks.next();
                left = 64;
            }
            seq[i] = (byte) ((bits & 1) == 0 ? 1 : -1);
            bits >>>= 1;
            left--;
        }
    }

    /** Lowest crop x of the field's non-zero part (one cell beyond the carrying cells: the interpolation). */
    double fieldMin() {
        return Math.max(0, (minU - 1) * CELL);
    }

    double fieldMaxU() {
        return Math.min(CROP - 1.001, (maxU + 2) * CELL);
    }

    double fieldMinV() {
        return Math.max(0, (minV - 1) * CELL);
    }

    double fieldMaxV() {
        return Math.min(CROP - 1.001, (maxV + 2) * CELL);
    }

    /** Number of cells that carry a chip. */
    int cellCount() {
        return cells.length;
    }

    /** Grid index (v * GRID + u) of carrying cell {@code i}. */
    int gridIndex(int i) {
        return cells[i];
    }

    /** Sequence {@code k} at carrying cell {@code i}, ±1. */
    int sequence(int k, int i) {
        return seq[k * cells.length + i];
    }

    /** The ±1 chip of every carrying cell for {@code payload}. */
    byte[] chips(Payload payload) {
        int bits = payload.toBits();
        int n = cells.length;
        byte[] chips = new byte[n];
        for (int i = 0; i < n; i++) {
            int sum = seq[Payload.BITS * n + i]; // the pilot
            for (int k = 0; k < Payload.BITS; k++) {
                int b = (bits >>> (Payload.BITS - 1 - k)) & 1;
                sum += b == 1 ? seq[k * n + i] : -seq[k * n + i];
            }
            chips[i] = (byte) (sum > 0 ? 1 : -1); // 33 odd terms: never 0
        }
        return chips;
    }

    /**
     * The chip field at crop resolution ({@value #CROP}² values, row-major): the cell chips, 0 off the
     * carrying cells, interpolated bilinearly between cell centres. Why smooth rather than blocky cells: a
     * field without steps has no edges for the eye to catch or for a codec to spend bits on, and its peak is
     * lower for the same energy; the reader's cell means still see about 0.6 of a chip each.
     */
    float[] field(byte[] chips) {
        float[] grid = new float[GRID * GRID];
        for (int i = 0; i < cells.length; i++) {
            grid[cells[i]] = chips[i];
        }
        float[] f = new float[CROP * CROP];
        for (int y = 0; y < CROP; y++) {
            double gy = (y + 0.5) / CELL - 0.5;
            int v0 = (int) Math.floor(gy);
            double wy = gy - v0;
            for (int x = 0; x < CROP; x++) {
                double gx = (x + 0.5) / CELL - 0.5;
                int u0 = (int) Math.floor(gx);
                double wx = gx - u0;
                f[y * CROP + x] = (float) ((1 - wy) * ((1 - wx) * at(grid, u0, v0) + wx * at(grid, u0 + 1, v0))
                        + wy * ((1 - wx) * at(grid, u0, v0 + 1) + wx * at(grid, u0 + 1, v0 + 1)));
            }
        }
        return f;
    }

    /** The frame-to-crop map of a face with these five landmarks (the order of {@code pipeline.Face}). */
    static Affine2D frameToCrop(float[] landmarks) {
        return TEMPLATE.frameToCrop(landmarks, CROP);
    }

    private static float at(float[] grid, int u, int v) {
        return u < 0 || v < 0 || u >= GRID || v >= GRID ? 0f : grid[v * GRID + u];
    }

    /**
     * The cells inside the face ellipse and outside the eyes and mouth, from the template's landmarks. The
     * ellipse (centre 0.56 of the crop height, half-axes 0.29 x 0.36 of the crop) stays inside what Classic's
     * paste mask and inswapper's crop both rewrite; eyes are left out within 0.075 of the crop around each eye
     * landmark, the mouth within an ellipse around both corners.
     */
    private static int[] carryingCells() {
        float[] t = TEMPLATE.normalised();
        double mouthCx = (t[6] + t[8]) / 2;
        double mouthCy = (t[7] + t[9]) / 2;
        double mouthRx = Math.abs(t[8] - t[6]) / 2 + 0.05;
        double mouthRy = 0.06;
        int[] tmp = new int[GRID * GRID];
        int n = 0;
        for (int v = 0; v < GRID; v++) {
            for (int u = 0; u < GRID; u++) {
                double x = (u + 0.5) / GRID;
                double y = (v + 0.5) / GRID;
                double ex = (x - 0.5) / 0.29;
                double ey = (y - 0.56) / 0.36;
                if (ex * ex + ey * ey > 1) {
                    continue;
                }
                if (Math.hypot(x - t[0], y - t[1]) < 0.075 || Math.hypot(x - t[2], y - t[3]) < 0.075) {
                    continue;
                }
                double mx = (x - mouthCx) / mouthRx;
                double my = (y - mouthCy) / mouthRy;
                if (mx * mx + my * my <= 1) {
                    continue;
                }
                tmp[n++] = v * GRID + u;
            }
        }
        return java.util.Arrays.copyOf(tmp, n);
    }
}
