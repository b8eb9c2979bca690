package org.manyfaces.disclosure;

import org.manyfaces.image.ImageView;

/**
 * Per-cell amplitude gains of the watermark inside a region, RMS 1 over the region (so the PSNR the
 * caller's strength implies is kept).
 *
 * <p>Why: the detector divides each cell's whitened luma by the local residual level of the picture,
 * so a chip in a smooth area (skin, sky) is worth far more evidence than the same chip on an edge or in
 * hair. Spending the fixed energy budget preferentially on smooth cells (gain ~ 1 / local level,
 * capped) raises the detector's z-score for the same PSNR; cells near black or white, where clipping
 * would eat the chip, get little.
 */
final class CellGains {
    private static final float MAX_GAIN = 2.0f;
    private static final float MIN_GAIN = 0.35f;

    private final int cell;
    private final int cx0;
    private final int cy0;
    private final int ncx;
    private final int ax;
    private final int ay;
    private final float[] gain;

    private CellGains(int cell, int cx0, int cy0, int ncx, float[] gain, int ax, int ay) {
        this.cell = cell;
        this.ax = ax;
        this.ay = ay;
        this.cx0 = cx0;
        this.cy0 = cy0;
        this.ncx = ncx;
        this.gain = gain;
    }

    /** For {@link #atIndex}: the index of grid row {@code cellY}'s cell 0 (cells counted from the anchor). */
    int rowBase(int cellY) {
        return (cellY - cy0) * ncx - cx0;
    }

    /** Gain at {@code rowBase(cellY) + cellX}: the same value {@link #at} gives for a pixel of that cell. */
    float atIndex(int index) {
        return gain[index];
    }

    /** Gain of the cell that holds frame pixel (x, y), which must lie in the region's box. */
    float at(int x, int y) {
        return gain[(Math.floorDiv(y - ay, cell) - cy0) * ncx + (Math.floorDiv(x - ax, cell) - cx0)];
    }

    /**
     * Gains for the cells that cover [x0,x1) x [y0,y1) of a grid of {@code cell} pixels anchored at
     * (ax, ay); a cell's gain goes as (local residual level)^-flatness before normalisation.
     */
    static CellGains of(ImageView frame, int x0, int y0, int x1, int y1, int cell, RegionMask region, int ax, int ay,
                        double flatness) {
        int cx0 = Math.floorDiv(x0 - ax, cell);
        int cy0 = Math.floorDiv(y0 - ay, cell);
        int cx1 = Math.floorDiv(x1 - 1 - ax, cell) + 1;
        int cy1 = Math.floorDiv(y1 - 1 - ay, cell) + 1;
        int ncx = cx1 - cx0;
        int ncy = cy1 - cy0;
        float[] mean = new float[ncx * ncy];
        float[] weight = new float[ncx * ncy];
        java.nio.ByteBuffer buf = frame.buffer();
        boolean isFloat = frame.format().isFloat();
        for (int cy = 0; cy < ncy; cy++) {
            for (int cx = 0; cx < ncx; cx++) {
                double s = 0;
                double ws = 0;
                int n = 0;
                int px0 = (cx0 + cx) * cell + ax;
                int py0 = (cy0 + cy) * cell + ay;
                for (int y = Math.max(0, py0); y < Math.min(py0 + cell, frame.height()); y++) {
                    for (int x = Math.max(0, px0); x < Math.min(px0 + cell, frame.width()); x++) {
                        // channel values exactly as ImageView.get gives them, read without its per-call checks
                        int off = frame.pixelOffset(x, y);
                        float r;
                        float g;
                        float b;
                        if (isFloat) {
                            r = buf.getFloat(off);
                            g = buf.getFloat(off + 4);
                            b = buf.getFloat(off + 8);
                        } else {
                            r = (buf.get(off) & 0xFF) * (1f / 255f);
                            g = (buf.get(off + 1) & 0xFF) * (1f / 255f);
                            b = (buf.get(off + 2) & 0xFF) * (1f / 255f);
                        }
                        s += 255.0 * (0.299 * r + 0.587 * g + 0.114 * b);
                        float w = region.weight(x, y);
                        ws += (double) w * w;
                        n++;
                    }
                }
                mean[cy * ncx + cx] = n == 0 ? 0f : (float) (s / n);
                weight[cy * ncx + cx] = (float) ws;
            }
        }
        // local residual level, as the detector sees it: 4-neighbour Laplacian, RMS over 7x7 cells
        float[] res2 = new float[ncx * ncy];
        for (int cy = 0; cy < ncy; cy++) {
            for (int cx = 0; cx < ncx; cx++) {
                double s = 0;
                int n = 0;
                if (cx > 0) { s += mean[cy * ncx + cx - 1]; n++; }
                if (cx + 1 < ncx) { s += mean[cy * ncx + cx + 1]; n++; }
                if (cy > 0) { s += mean[(cy - 1) * ncx + cx]; n++; }
                if (cy + 1 < ncy) { s += mean[(cy + 1) * ncx + cx]; n++; }
                double r = n == 0 ? 0 : mean[cy * ncx + cx] - s / n;
                res2[cy * ncx + cx] = (float) (r * r);
            }
        }
        float[] gain = new float[ncx * ncy];
        double sumG2 = 0;
        double sumW = 0;
        final int rad = 3;
        for (int cy = 0; cy < ncy; cy++) {
            for (int cx = 0; cx < ncx; cx++) {
                double s = 0;
                int n = 0;
                for (int yy = Math.max(0, cy - rad); yy <= Math.min(ncy - 1, cy + rad); yy++) {
                    for (int xx = Math.max(0, cx - rad); xx <= Math.min(ncx - 1, cx + rad); xx++) {
                        s += res2[yy * ncx + xx];
                        n++;
                    }
                }
                double level = Math.sqrt(s / n + 1.0); // +1: the chips' own share of the level
                double g = flatness == 1.0 ? 1.0 / level : Math.pow(level, -flatness);
                double m = mean[cy * ncx + cx];
                if (m < 12 || m > 243) {
                    g *= 0.2; // near clipping: a chip here would be cut off by the 0..255 range
                }
                gain[cy * ncx + cx] = (float) g;
                sumG2 += g * g * weight[cy * ncx + cx];
                sumW += weight[cy * ncx + cx];
            }
        }
        // normalise to RMS 1 over the mask, cap, and normalise once more (caps only lower the RMS)
        for (int pass = 0; pass < 2; pass++) {
            double k = sumG2 > 0 ? Math.sqrt(sumW / sumG2) : 1;
            sumG2 = 0;
            for (int i = 0; i < gain.length; i++) {
                float g = (float) Math.max(MIN_GAIN, Math.min(MAX_GAIN, gain[i] * k));
                gain[i] = g;
                sumG2 += (double) g * g * weight[i];
            }
        }
        double k = sumG2 > 0 ? Math.sqrt(sumW / sumG2) : 1;
        if (k < 1) { // the lower cap may have lifted the RMS above 1: never exceed the budget
            for (int i = 0; i < gain.length; i++) {
                gain[i] *= (float) k;
            }
        }
        return new CellGains(cell, cx0, cy0, ncx, gain, ax, ay);
    }
}
