package org.manyfaces.disclosure;

import org.manyfaces.image.FrameParallelism;
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
    /** Fewest rows of cells worth a band of their own. */
    private static final int MIN_BAND_CELL_ROWS = 12;

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
        accumulate(frame, cell, region, ax + cx0 * cell, ay + cy0 * cell, ncx, ncy, mean, weight);
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
        // the 7x7 sums from a summed-area table: O(1) per cell instead of 49 reads (a face's cells are tens of
        // thousands; the direct sums were a quarter of the cost of marking it)
        double[] table = new double[(ncx + 1) * (ncy + 1)];
        for (int cy = 0; cy < ncy; cy++) {
            double rowSum = 0;
            for (int cx = 0; cx < ncx; cx++) {
                rowSum += res2[cy * ncx + cx];
                table[(cy + 1) * (ncx + 1) + cx + 1] = table[cy * (ncx + 1) + cx + 1] + rowSum;
            }
        }
        for (int cy = 0; cy < ncy; cy++) {
            int ya = Math.max(0, cy - rad);
            int yb = Math.min(ncy - 1, cy + rad) + 1;
            for (int cx = 0; cx < ncx; cx++) {
                int xa = Math.max(0, cx - rad);
                int xb = Math.min(ncx - 1, cx + rad) + 1;
                double s = table[yb * (ncx + 1) + xb] - table[ya * (ncx + 1) + xb] - table[yb * (ncx + 1) + xa]
                        + table[ya * (ncx + 1) + xa];
                int n = (yb - ya) * (xb - xa);
                double level = Math.sqrt(Math.max(0, s) / n + 1.0); // +1: the chips' own share of the level
                double g = flatness == 1.0 ? 1.0 / level
                        : flatness == 0.5 ? 1.0 / Math.sqrt(level) : Math.pow(level, -flatness);
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

    /**
     * Per cell of the ncx x ncy grid whose first cell starts at frame pixel (gx, gy): the mean luma (0..255)
     * of its pixels inside the frame into {@code mean}, and the sum of the squared mask weights into
     * {@code weight}. One pass over the rows, each read in bulk: a pixel's luma is added to its cell's sum in
     * the order a cell-by-cell scan adds it (rows top-down, left to right), so the sums are bit for bit what
     * a per-cell loop gives (CellGainsFastPathTest), at a fraction of its cost (a per-pixel call with bounds
     * checks made this half of the cost of marking a face).
     */
    /**
     * Adds the luma of n 8-bit pixels to their cells' sums, in thousandths of a code value: 299 R + 587 G +
     * 114 B in integers, exact, where doubles per pixel cost three times as much.
     */
    private static void addByteRow(byte[] row, int bpp, int n, int cx, int inCell, int cell, double[] sum) {
        long s = 0;
        for (int i = 0, o = 0; i < n; i++, o += bpp) {
            s += 299 * (row[o] & 0xFF) + 587 * (row[o + 1] & 0xFF) + 114 * (row[o + 2] & 0xFF);
            if (++inCell == cell) {
                sum[cx++] += s;
                s = 0;
                inCell = 0;
            }
        }
        if (inCell != 0) {
            sum[cx] += s;
        }
    }

    /** Adds the luma (0..255) of n float pixels from byte offset {@code start} to their cells' sums. */
    private static void addFloatRow(java.nio.ByteBuffer buf, int start, int bpp, int n, int cx, int inCell, int cell,
                                    double[] sum) {
        for (int i = 0, o = start; i < n; i++, o += bpp) {
            sum[cx] += 255.0 * (0.299 * buf.getFloat(o) + 0.587 * buf.getFloat(o + 4) + 0.114 * buf.getFloat(o + 8));
            if (++inCell == cell) {
                inCell = 0;
                cx++;
            }
        }
    }

    /** Adds the squared weights (clamped to 0..1; 1 without a mask) of pixels [xa, xb) of one row to their cells. */
    private static void addWeightRow(float[] mask, int maskRow, int xa, int xb, int gx, int cell, double[] sumW) {
        int cx = Math.floorDiv(xa - gx, cell);
        int inCell = (xa - gx) - cx * cell;
        for (int x = xa; x < xb; x++) {
            float w = mask == null ? 1f : mask[maskRow + x];
            w = RegionMask.clamp(w);
            sumW[cx] += (double) w * w;
            if (++inCell == cell) {
                inCell = 0;
                cx++;
            }
        }
    }

    private static void accumulate(ImageView frame, int cell, RegionMask region, int gx, int gy, int ncx, int ncy,
                                   float[] mean, float[] weight) {
        java.nio.ByteBuffer buf = frame.buffer();
        boolean isFloat = frame.format().isFloat();
        int bpp = frame.format().bytesPerPixel();
        int px0 = Math.max(0, gx);
        int px1 = Math.min(frame.width(), gx + ncx * cell);
        int py0 = Math.max(0, gy);
        int py1 = Math.min(frame.height(), gy + ncy * cell);
        if (px0 >= px1 || py0 >= py1) {
            return;
        }
        int firstRow = Math.floorDiv(py0 - gy, cell);
        int endRow = Math.min(ncy, Math.floorDiv(py1 - 1 - gy, cell) + 1);
        // rows of cells in bands on the frame's threads; each band writes only its own cells
        FrameParallelism.forRowBands(firstRow, endRow, MIN_BAND_CELL_ROWS, (from, to) -> {
            double[] sum = new double[ncx];
            double[] sumW = new double[ncx];
            int[] count = new int[ncx];
            byte[] row = isFloat ? null : new byte[(px1 - px0) * bpp];
            float[] mask = region.maskOrNull();
            for (int cy = from; cy < to; cy++) {
                int rowTop = Math.max(py0, gy + cy * cell);
                int rowEnd = Math.min(py1, gy + (cy + 1) * cell);
                java.util.Arrays.fill(sum, 0);
                java.util.Arrays.fill(sumW, 0);
                for (int y = rowTop; y < rowEnd; y++) {
                    int start = frame.pixelOffset(px0, y);
                    if (!isFloat) {
                        buf.get(start, row, 0, row.length);
                    }
                    int cx = Math.floorDiv(px0 - gx, cell);
                    int inCell = (px0 - gx) - cx * cell;
                    if (isFloat) {
                        addFloatRow(buf, start, bpp, px1 - px0, cx, inCell, cell, sum);
                    } else {
                        addByteRow(row, bpp, px1 - px0, cx, inCell, cell, sum);
                    }
                    if (y >= region.y() && y < region.y() + region.height()) {
                        int xa = Math.max(px0, region.x());
                        int xb = Math.min(px1, region.x() + region.width());
                        if (xa < xb) {
                            addWeightRow(mask, (y - region.y()) * region.width() - region.x(), xa, xb, gx, cell, sumW);
                        }
                    }
                }
                for (int cx = 0; cx < ncx; cx++) { // pixels of each cell inside the frame, over this row of cells
                    int cellLeft = Math.max(px0, gx + cx * cell);
                    int cellRight = Math.min(px1, gx + (cx + 1) * cell);
                    count[cx] = Math.max(0, cellRight - cellLeft) * (rowEnd - rowTop);
                }
                for (int cx = 0; cx < ncx; cx++) {
                    mean[cy * ncx + cx] = count[cx] == 0 ? 0f
                            : (float) ((isFloat ? sum[cx] : sum[cx] / 1000.0) / count[cx]);
                    weight[cy * ncx + cx] = (float) sumW[cx];
                }
            }
        });
    }
}
