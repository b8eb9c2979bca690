package org.manyfaces.disclosure;

import java.nio.ByteBuffer;

import java.util.Objects;

import org.manyfaces.image.FrameParallelism;
import org.manyfaces.image.ImageView;

/**
 * Writes the invisible ManyFaces watermark into the part of a frame an effect changed.
 *
 * <p>Each {@link WatermarkPattern} cell under the region is raised or lowered in luma by
 * {@code strength} (times the region's soft-mask weight and a per-cell gain). The cell grid is anchored at
 * the region box's top-left corner, so the mark moves with what it marks. Whole frames get the same step
 * on R, G and B (no colour shift); regions up to half the frame also carry it in chroma (see
 * {@code CHROMA_RG}). Alpha is untouched. 8-bit frames are written with an ordered dither so the mean
 * change per cell is exactly {@code strength}, not {@code strength} rounded to a whole code value.
 * Only pixels inside the region's box are read or written.
 *
 * <p>Thread-safety: an embedder keeps a small per-payload cache; use one per render thread.
 */
public final class WatermarkEmbedder {
    /**
     * Default chip amplitude (0..1 units): 2.4 code values of 255. The per-cell gains have RMS 1 over the
     * region, so the PSNR of the marked region is about 20 log10(255 / 2.4) = 40.5 dB (40.4 with the 8-bit
     * dither; WatermarkRobustnessTest asserts >= 40 on every frame). Raised from 2.2 (41.2 dB) because a
     * face-sized mark after crop + downscale + H.264 needs every bit of the 40 dB budget.
     */
    public static final float DEFAULT_STRENGTH = 2.4f / 255f;

    /**
     * Chroma mode (regions up to half the frame): per unit of chip, R and G move by 1.11 and
     * B by -0.732, i.e. luma by +0.9 and B - Y by -1.63, at the same RGB mean squared error as a
     * luma-only chip (the PSNR is unchanged). Why: the picture's own chroma is smooth, so a chroma chip
     * meets far less interference than a luma chip (it doubles the z-score of a face that was not
     * re-encoded), while luma is what survives a downscale followed by 4:2:0 re-encoding. Measured on
     * 45 face frames at the true alignment, a luma share of 0.9 kept the unattacked and H.264 z-scores
     * of the earlier 0.6 share (24 and 17) and raised the "all combined" one from 7.4 to 8.6.
     */
    static final float CHROMA_RG = 1.11f;
    static final float CHROMA_B = -0.732f;

    private final WatermarkPattern pattern;
    private Payload cachedPayload;
    private final int[] tileChips = new int[WatermarkPattern.TILE * WatermarkPattern.TILE];

    /** An embedder with ManyFaces's public key and default cell size (what {@link WatermarkDetector} reads). */
    public WatermarkEmbedder() {
        this(WatermarkDetector.DEFAULT_KEY);
    }

    /** An embedder with a private key (the detector must use the same key). */
    public WatermarkEmbedder(String key) {
        this(key, WatermarkDetector.CELL_SIZE);
    }

    WatermarkEmbedder(String key, int cellSize) {
        this.pattern = new WatermarkPattern(key, cellSize);
    }

    /**
     * Embeds {@code payload} into {@code frame} inside {@code region}.
     *
     * @param strength chip amplitude in 0..1 units (luma), usually {@link #DEFAULT_STRENGTH}; 0 embeds nothing
     */
    public void embed(ImageView frame, RegionMask region, Payload payload, float strength) {
        Objects.requireNonNull(frame, "frame");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(payload, "payload");
        if (!(strength >= 0f && strength <= 0.25f)) {
            throw new IllegalArgumentException("watermark strength must be in 0..0.25 (0..1 units), got " + strength);
        }
        if (strength == 0f) {
            return;
        }
        if (!payload.equals(cachedPayload)) {
            byte[] coded = WatermarkCodec.encode(payload);
            for (int i = 0; i < tileChips.length; i++) {
                tileChips[i] = pattern.chip(i, coded);
            }
            cachedPayload = payload;
        }
        int x0 = Math.max(0, region.x());
        int y0 = Math.max(0, region.y());
        int x1 = Math.min(frame.width(), region.x() + region.width());
        int y1 = Math.min(frame.height(), region.y() + region.height());
        if (x0 >= x1 || y0 >= y1) {
            return;
        }
        int cell = pattern.cellSize();
        // The grid is anchored at the region box's corner, so the pattern moves with the content it marks
        // (a pasted face moves with the face). Why: H.264 P/B frames predict a block from the previous
        // frame along the content's motion; a frame-anchored pattern under a moving face is then predicted
        // from a shifted copy of itself and x264 drops the small correction: measured on panning face
        // clips, the z-score after CRF 23 went from ~8 (frame-anchored) to ~17 (region-anchored). The
        // detector searches every grid offset anyway; whole-frame regions stay anchored at (0, 0).
        // (A region may carry its own anchor: RegionMask.anchoredAt.)
        int ax = region.anchorX();
        int ay = region.anchorY();
        // Small regions (up to half the frame: a face) also carry the chips in chroma, see CHROMA_*; whole
        // frames keep all the energy in luma, which is what survives downscaling and 4:2:0 re-encoding.
        boolean chroma = (long) (x1 - x0) * (y1 - y0) * 2 <= (long) frame.width() * frame.height();
        // Gains ~ level^-1 (whole frames) or level^-0.5 (small regions): measured on 45 face frames, the
        // flatter gains raised the z-score after crop + downscale + H.264 from 10.1 to 10.7 and unattacked
        // from 28.7 to 31.5 at the same PSNR; whole frames keep the law their robustness was measured with.
        CellGains gains = CellGains.of(frame, x0, y0, x1, y1, cell, region, ax, ay, chroma ? 0.5 : 1.0);
        float stepR = chroma ? CHROMA_RG : 1f;
        float stepB = chroma ? CHROMA_B : 1f;
        Rows rows = new Rows(frame, region, gains, tileChips, strength, stepR, stepB, x0, x1, ax, ay, cell);
        // Row bands on the frame's threads: every pixel is written by one band with the same arithmetic, so the
        // mark does not depend on the split (WatermarkEmbedderFastPathTest runs it both ways).
        FrameParallelism.forRowBands(y0, y1, MIN_BAND_ROWS, rows::mark);
    }

    /** Fewest rows worth a band of their own (below this, handing rows to another core costs more than it saves). */
    private static final int MIN_BAND_ROWS = 48;

    /**
     * The rows of one embedding: per row of cells, each cell's signed amplitude once; per row of pixels, the
     * segment in bulk, the cell index advancing every {@code cell} pixels instead of being divided out per
     * pixel (integer division dominated the cost: a whole 1080p frame took ~40 ms), the soft mask read from
     * its array. Arithmetic per pixel and channel is exactly the per-pixel definition (get, add, set of
     * ImageView), bit for bit (WatermarkEmbedderFastPathTest).
     */
    private record Rows(ImageView frame, RegionMask region, CellGains gains, int[] tileChips, float strength,
                        float stepR, float stepB, int x0, int x1, int ax, int ay, int cell) {
        void mark(int from, int to) {
            ByteBuffer buf = frame.buffer();
            int bpp = frame.format().bytesPerPixel();
            int colourChannels = Math.min(3, frame.channels());
            boolean eightBit = !frame.format().isFloat();
            int firstCell = Math.floorDiv(x0 - ax, cell);
            int firstInCell = (x0 - ax) - firstCell * cell;
            int firstU = Math.floorMod(firstCell, WatermarkPattern.TILE);
            float[] mask = region.maskOrNull();
            int n = x1 - x0;
            int cellsAlong = (firstInCell + n + cell - 1) / cell;
            byte[] row = eightBit ? new byte[n * bpp] : null; // per band: bands run at the same time
            float[] amp = new float[cellsAlong];
            int ampCellY = Integer.MIN_VALUE;
            for (int y = from; y < to; y++) {
                int cellY = Math.floorDiv(y - ay, cell);
                if (cellY != ampCellY) {
                    // strength x gain x chip per cell of this row of cells; a pixel only scales it by its weight
                    int tileRow = Math.floorMod(cellY, WatermarkPattern.TILE) * WatermarkPattern.TILE;
                    int gainRow = gains.rowBase(cellY);
                    for (int k = 0, u = firstU; k < cellsAlong; k++, u = u + 1 == WatermarkPattern.TILE ? 0 : u + 1) {
                        amp[k] = strength * gains.atIndex(gainRow + firstCell + k) * tileChips[tileRow + u];
                    }
                    ampCellY = cellY;
                }
                int maskStart = mask == null ? -1 : (y - region.y()) * region.width() + (x0 - region.x());
                int rowStart = frame.pixelOffset(x0, y);
                if (eightBit) {
                    // the row segment is read and written in bulk: absolute single-byte access costs a bounds
                    // check per byte, which made a 600 px face's mark cost ~20 ms
                    buf.get(rowStart, row, 0, n * bpp);
                    markByteRow(row, bpp, n, mask, maskStart, amp, firstInCell, cell, stepR, stepB, y & 3, x0 & 3,
                            colourChannels);
                    buf.put(rowStart, row, 0, n * bpp);
                } else {
                    markFloatRow(buf, rowStart, bpp, n, mask, maskStart, amp, firstInCell, cell, stepR, stepB,
                            colourChannels);
                }
            }
        }
    }

    /**
     * Adds the chips to n 8-bit pixels of one row: amp[k] is cell k's signed amplitude along the row, the first
     * pixel {@code inCell} pixels into cell 0; maskStart is the first pixel's index in the mask (-1: none).
     */
    private static void markByteRow(byte[] row, int bpp, int n, float[] mask, int maskStart, float[] amp, int inCell,
                                    int cell, float stepR, float stepB, int ditherY, int ditherX, int colourChannels) {
        int ditherRow = ditherY * 4;
        int k = 0;
        for (int i = 0, off = 0; i < n; i++, off += bpp) {
            float w = maskStart < 0 ? 1f : RegionMask.clamp(mask[maskStart + i]);
            if (w > 0f) {
                float delta = amp[k] * w;
                // one keyed-free ordered dither for all channels: the mean step equals the requested fraction
                // of a code value, with no colour noise in luma-only mode
                float dither = (BAYER[ditherRow + ((ditherX + i) & 3)] + 0.5f) / 16f;
                int stepRG = (int) Math.floor(delta * stepR * 255f + dither);
                int stepBlue = (int) Math.floor(delta * stepB * 255f + dither);
                for (int c = 0; c < colourChannels; c++) {
                    int step = c == 2 ? stepBlue : stepRG;
                    if (step != 0) {
                        // = ImageView.toByte(get + step / 255f): exhaustively equal for every code value and
                        // every step the strength limit allows (unit-tested)
                        int v = (row[off + c] & 0xFF) + step;
                        row[off + c] = (byte) (v < 0 ? 0 : v > 255 ? 255 : v);
                    }
                }
            }
            if (++inCell == cell) {
                inCell = 0;
                k++;
            }
        }
    }

    /** {@link #markByteRow} for float pixels, in place in the frame's buffer from byte offset {@code start}. */
    private static void markFloatRow(ByteBuffer buf, int start, int bpp, int n, float[] mask, int maskStart,
                                     float[] amp, int inCell, int cell, float stepR, float stepB, int colourChannels) {
        int k = 0;
        for (int i = 0, off = start; i < n; i++, off += bpp) {
            float w = maskStart < 0 ? 1f : RegionMask.clamp(mask[maskStart + i]);
            if (w > 0f) {
                float delta = amp[k] * w;
                float dR = delta * stepR;
                float dB = delta * stepB;
                for (int c = 0; c < colourChannels; c++) {
                    buf.putFloat(off + 4 * c, buf.getFloat(off + 4 * c) + (c == 2 ? dB : dR));
                }
            }
            if (++inCell == cell) {
                inCell = 0;
                k++;
            }
        }
    }

    // Ordered (4x4 Bayer) dither thresholds in [0,1), (BAYER + 0.5) / 16: spread rounding without randomness.
    private static final int[] BAYER = {0, 8, 2, 10, 12, 4, 14, 6, 3, 11, 1, 9, 15, 7, 13, 5};
}
