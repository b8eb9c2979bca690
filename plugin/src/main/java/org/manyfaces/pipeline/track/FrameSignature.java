package org.manyfaces.pipeline.track;

import org.manyfaces.image.ImageView;

/**
 * A tiny summary of a frame for shot-cut detection: the mean luma of a 32×18 grid of cells, each
 * estimated from 4×4 sample pixels (about 9 000 reads, whatever the frame size). Two frames of one shot
 * differ little; across a hard cut most cells change.
 */
public final class FrameSignature {
    static final int COLUMNS = 32;
    static final int ROWS = 18;
    private static final int SAMPLES = 4;

    private final float[] cells;

    private FrameSignature(float[] cells) {
        this.cells = cells;
    }

    /** Computes the signature of any RGB(A) frame, 8-bit or float. */
    public static FrameSignature of(ImageView frame) {
        if (frame.width() <= 0 || frame.height() <= 0) {
            throw new IllegalArgumentException("cannot take the signature of an empty frame " + frame);
        }
        float[] cells = new float[COLUMNS * ROWS];
        for (int r = 0; r < ROWS; r++) {
            for (int c = 0; c < COLUMNS; c++) {
                double sum = 0;
                for (int sy = 0; sy < SAMPLES; sy++) {
                    int y = (int) (((r + (sy + 0.5) / SAMPLES) * frame.height()) / ROWS);
                    for (int sx = 0; sx < SAMPLES; sx++) {
                        int x = (int) (((c + (sx + 0.5) / SAMPLES) * frame.width()) / COLUMNS);
                        sum += 0.299 * frame.get(x, y, 0) + 0.587 * frame.get(x, y, 1) + 0.114 * frame.get(x, y, 2);
                    }
                }
                cells[r * COLUMNS + c] = (float) (sum / (SAMPLES * SAMPLES));
            }
        }
        return new FrameSignature(cells);
    }

    /** Mean absolute luma difference of the cells, 0 (same) to 1 (black vs white). */
    public double difference(FrameSignature other) {
        double sum = 0;
        for (int i = 0; i < cells.length; i++) {
            sum += Math.abs(cells[i] - other.cells[i]);
        }
        return sum / cells.length;
    }

    /** Same cells exactly (a difference of 0): the frames look the same to cut detection. */
    @Override
    public boolean equals(Object o) {
        return o instanceof FrameSignature other && java.util.Arrays.equals(cells, other.cells);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(cells);
    }
}
