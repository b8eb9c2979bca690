package org.manyfaces.pipeline.detect;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Arrays;

import org.manyfaces.image.ImageView;
import org.manyfaces.image.PixelFormat;
import org.manyfaces.inference.FloatTensor;

/**
 * Scales a frame to fit a detector's input (aspect kept), pads the bottom/right, and writes it straight
 * from the {@link ImageView} (8-bit or float, any row order) into a reused NCHW float tensor with the
 * detector's normalisation and colour order. No intermediate copy of the frame is made: 8-bit RGBA is
 * sampled in place, other layouts through two reused source-row buffers.
 *
 * <p>Resampling is bilinear with pixel centres aligned (as OpenCV's {@code INTER_LINEAR}, which the
 * reference pipelines use). The common video downscales are integer ratios, where that filter has exact
 * shortcuts: at an odd ratio (1:1, 3:1 — 1080p to 640) every sample falls on a source pixel centre, so it
 * is one read; at an even one (2:1, 4:1, 6:1 — 720p, 1440p, 4K) every sample is the mean of a 2x2 block
 * (for 8-bit RGBA summed four channels at a time from two 64-bit reads). Other ratios interpolate in full.
 * Normalisation works on the 0..255 scale: {@code (v - mean[c]) / std[c]},
 * {@code c} in the model's colour order; padding is a black pixel normalised the same way.
 * Not thread-safe: one instance per detector.
 */
public final class Letterbox {
    private final ChannelOrder order;
    private final float[] mul = new float[3];
    private final float[] add = new float[3];
    private final boolean allowUpscale;

    // Per-column sampling tables (element offsets into a source row), rebuilt only when the source width,
    // pixel layout or scale changes.
    private int[] col0 = new int[0];
    private int[] col1 = new int[0];
    private float[] colW = new float[0];
    private int tableSrcWidth = -1;
    private int tableStep = -1;
    private double tableScale = Double.NaN;
    private int tableContentWidth = -1;
    // 8-bit RGBA: byte offset of the left pixel of each sample's horizontal pair (read as one long) and
    // the weight of its right pixel; at the right edge the pair is shifted left with weight 1 so that a
    // long read never leaves the row.
    private int[] pairCol = new int[0];
    private float[] pairW = new float[0];
    /** Every column samples a pixel centre exactly (weight 0): odd integer ratios and 1:1. */
    private boolean columnsOnCentres;
    /** Every column is the mean of two neighbours (weight 0.5, pair inside the row): even integer ratios. */
    private boolean columnsHalfway;

    // Row scratch: the two source rows an output row interpolates between, and one output row (3 planes).
    private byte[] row0b = new byte[0];
    private byte[] row1b = new byte[0];
    private float[] row0f = new float[0];
    private float[] row1f = new float[0];
    private float[] outRow = new float[0];
    private float[] padRow = new float[0];
    private int cachedY0;
    private int cachedY1;

    private double scale = 1;
    /** Rows the last fill wrote with an integer-ratio shortcut (tests check the shortcuts are taken). */
    private int shortcutRows;
    private int contentWidth;
    private int contentHeight;

    /**
     * @param order        colour order the model wants
     * @param mean         per-plane mean on the 0..255 scale (1 or 3 values, in model plane order)
     * @param std          per-plane std on the 0..255 scale (1 or 3 values)
     * @param allowUpscale whether frames smaller than the input are enlarged (else drawn 1:1 and padded)
     */
    public Letterbox(ChannelOrder order, float[] mean, float[] std, boolean allowUpscale) {
        this.order = order;
        this.allowUpscale = allowUpscale;
        for (int c = 0; c < 3; c++) {
            float m = mean.length == 1 ? mean[0] : mean[c];
            float s = std.length == 1 ? std[0] : std[c];
            if (!(s > 0)) {
                throw new IllegalArgumentException("normalisation std must be > 0, got " + s);
            }
            mul[c] = 1f / s;
            add[c] = 0f - m / s; // not -m/s: that gives -0.0 for a zero mean
        }
    }

    /** Ratio model pixels / frame pixels used by the last {@link #fill}. */
    public double scale() {
        return scale;
    }

    /** Width of the frame's content inside the input after the last fill (the rest is padding). */
    public int contentWidth() {
        return contentWidth;
    }

    public int contentHeight() {
        return contentHeight;
    }

    /** The scale at which a {@code w x h} frame fits {@code inW x inH}. */
    public double fitScale(int w, int h, int inW, int inH) {
        double s = Math.min((double) inW / w, (double) inH / h);
        return allowUpscale ? s : Math.min(1.0, s);
    }

    /**
     * Writes {@code src} into {@code dst}, which must have shape {@code [1,3,inH,inW]}.
     */
    public void fill(ImageView src, FloatTensor dst) {
        if (dst.rank() != 4 || dst.dim(0) != 1 || dst.dim(1) != 3) {
            throw new IllegalArgumentException("letterbox target must be [1,3,H,W], got " + dst);
        }
        int inH = (int) dst.dim(2);
        int inW = (int) dst.dim(3);
        int w = src.width();
        int h = src.height();
        if (w <= 0 || h <= 0) {
            throw new IllegalArgumentException("cannot detect faces in an empty " + w + "x" + h + " image");
        }
        scale = fitScale(w, h, inW, inH);
        contentWidth = Math.max(1, Math.min(inW, (int) Math.round(w * scale)));
        contentHeight = Math.max(1, Math.min(inH, (int) Math.round(h * scale)));
        PixelFormat format = src.format();
        int bpp = format.bytesPerPixel();
        buildColumnTable(w, format.isFloat() ? format.channels() : bpp, inW);
        prepareScratch(w * bpp, w * format.channels(), inW);
        FloatBuffer out = dst.buffer();
        int plane = inW * inH;
        // Right padding is written once per call into the row scratch; only content columns change per row.
        for (int c = 0; c < 3; c++) {
            Arrays.fill(outRow, c * inW + contentWidth, (c + 1) * inW, add[c]);
        }
        cachedY0 = -1;
        cachedY1 = -1;
        shortcutRows = 0;
        double inv = inverseScale();
        for (int y = 0; y < contentHeight; y++) {
            double sy = (y + 0.5) * inv - 0.5;
            int y0 = (int) Math.floor(sy);
            float fy = (float) (sy - y0);
            if (y0 < 0) {
                y0 = 0;
                fy = 0f;
            }
            if (y0 >= h - 1) {
                y0 = h - 1;
                fy = 0f;
            }
            int y1 = Math.min(y0 + 1, h - 1);
            if (format == PixelFormat.RGBA_U8 && w >= 2) {
                ByteBuffer b = src.buffer();
                if (fy == 0f && columnsOnCentres) {
                    rowRgba8Centres(b, src.rowOffset(y0), inW);
                    shortcutRows++;
                } else if (fy == 0.5f && columnsHalfway) {
                    rowRgba8Block2x2(b, src.rowOffset(y0), src.rowOffset(y1), inW);
                    shortcutRows++;
                } else {
                    rowRgba8(b, src.rowOffset(y0), src.rowOffset(y1), fy, inW);
                }
            } else if (format.isFloat()) {
                int step = format.channels();
                if (fy == 0f && columnsOnCentres) {
                    // one source row is all a centre sample needs: the second is never read
                    readRow(src, y0, null, row0f);
                    cachedY0 = -1;
                    cachedY1 = -1;
                    rowFloatCentres(step, inW);
                    shortcutRows++;
                } else if (fy == 0.5f && columnsHalfway) {
                    loadRows(src, y0, y1);
                    rowFloatBlock2x2(step, inW);
                    shortcutRows++;
                } else {
                    loadRows(src, y0, y1);
                    rowFloat(step, fy, inW);
                }
            } else {
                loadRows(src, y0, y1);
                rowBytes(bpp, fy, inW);
            }
            int rowOut = y * inW;
            for (int c = 0; c < 3; c++) {
                out.put(c * plane + rowOut, outRow, c * inW, inW);
            }
        }
        // Bottom padding, in row-sized bulk writes.
        for (int c = 0; c < 3; c++) {
            Arrays.fill(padRow, 0, inW, add[c]);
            for (int y = contentHeight; y < inH; y++) {
                out.put(c * plane + y * inW, padRow, 0, inW);
            }
        }
    }

    /** Rows of the last {@link #fill} written by an integer-ratio shortcut (the rest went through bilinear). */
    int shortcutRows() {
        return shortcutRows;
    }

    /**
     * Source pixels per model pixel. A ratio within 1e-9 of an integer is taken as that integer: 640/1920
     * inverts to 3 only up to rounding, and the shortcuts need the exact sample positions it implies.
     */
    private double inverseScale() {
        double inv = 1.0 / scale;
        double whole = Math.rint(inv);
        return Math.abs(inv - whole) < 1e-9 ? whole : inv;
    }

    private void prepareScratch(int rowBytes, int rowFloats, int inW) {
        if (row0b.length < rowBytes) {
            row0b = new byte[rowBytes];
            row1b = new byte[rowBytes];
        }
        if (row0f.length < rowFloats) {
            row0f = new float[rowFloats];
            row1f = new float[rowFloats];
        }
        if (outRow.length < 3 * inW) {
            outRow = new float[3 * inW];
            padRow = new float[inW];
        }
    }

    /** Copies source rows y0 and y1 into the scratch with bulk reads, reusing what the last row loaded. */
    private void loadRows(ImageView src, int y0, int y1) {
        if (y0 == cachedY0 && y1 == cachedY1) {
            return;
        }
        boolean isFloat = src.format().isFloat();
        if (y0 == cachedY1) {
            // moving down by one source row: the old second row becomes the first
            if (isFloat) {
                float[] t = row0f;
                row0f = row1f;
                row1f = t;
            } else {
                byte[] t = row0b;
                row0b = row1b;
                row1b = t;
            }
        } else {
            readRow(src, y0, isFloat ? null : row0b, isFloat ? row0f : null);
        }
        if (y1 != y0) {
            readRow(src, y1, isFloat ? null : row1b, isFloat ? row1f : null);
        } else if (isFloat) {
            System.arraycopy(row0f, 0, row1f, 0, src.width() * src.format().channels());
        } else {
            System.arraycopy(row0b, 0, row1b, 0, src.width() * src.format().bytesPerPixel());
        }
        cachedY0 = y0;
        cachedY1 = y1;
    }

    private static void readRow(ImageView src, int y, byte[] bytes, float[] floats) {
        ByteBuffer b = src.buffer();
        int off = src.rowOffset(y);
        int w = src.width();
        if (bytes != null) {
            b.get(off, bytes, 0, w * src.format().bytesPerPixel());
        } else {
            b.slice(off, w * src.format().bytesPerPixel()).order(b.order()).asFloatBuffer()
                    .get(floats, 0, w * src.format().channels());
        }
    }

    /**
     * Bilinear on 8-bit RGBA straight from the frame: each sample's two horizontal neighbours come in one
     * 64-bit read per source row (half the buffer accesses of four 32-bit ones), all three planes in one pass.
     */
    private void rowRgba8(ByteBuffer b, int r0, int r1, float fy, int inW) {
        boolean little = b.order() == ByteOrder.LITTLE_ENDIAN;
        int s0 = shiftOf(order.sourceChannel(0), little);
        int s1 = shiftOf(order.sourceChannel(1), little);
        int s2 = shiftOf(order.sourceChannel(2), little);
        // The first pixel of a pair is the low half of the long on little-endian machines.
        int firstHalf = little ? 0 : 32;
        int secondHalf = 32 - firstHalf;
        float m0 = mul[0], m1 = mul[1], m2 = mul[2];
        float a0 = add[0], a1 = add[1], a2 = add[2];
        float[] o = outRow;
        int p1 = inW;
        int p2 = 2 * inW;
        for (int x = 0; x < contentWidth; x++) {
            int c = pairCol[x];
            float fx = pairW[x];
            long top = b.getLong(r0 + c);
            long bot = b.getLong(r1 + c);
            int q00 = (int) (top >>> firstHalf);
            int q01 = (int) (top >>> secondHalf);
            int q10 = (int) (bot >>> firstHalf);
            int q11 = (int) (bot >>> secondHalf);
            o[x] = lerp2(q00, q01, q10, q11, s0, fx, fy) * m0 + a0;
            o[p1 + x] = lerp2(q00, q01, q10, q11, s1, fx, fy) * m1 + a1;
            o[p2 + x] = lerp2(q00, q01, q10, q11, s2, fx, fy) * m2 + a2;
        }
    }

    /** Odd integer ratios: every sample is a source pixel centre, so bilinear reduces to one read. */
    private void rowRgba8Centres(ByteBuffer b, int r0, int inW) {
        boolean little = b.order() == ByteOrder.LITTLE_ENDIAN;
        int s0 = shiftOf(order.sourceChannel(0), little);
        int s1 = shiftOf(order.sourceChannel(1), little);
        int s2 = shiftOf(order.sourceChannel(2), little);
        float m0 = mul[0], m1 = mul[1], m2 = mul[2];
        float a0 = add[0], a1 = add[1], a2 = add[2];
        float[] o = outRow;
        int p1 = inW;
        int p2 = 2 * inW;
        for (int x = 0; x < contentWidth; x++) {
            int q = b.getInt(r0 + col0[x]);
            o[x] = ((q >>> s0) & 0xFF) * m0 + a0;
            o[p1 + x] = ((q >>> s1) & 0xFF) * m1 + a1;
            o[p2 + x] = ((q >>> s2) & 0xFF) * m2 + a2;
        }
    }

    /**
     * Even integer ratios: every sample is the mean of a 2x2 block (bilinear weights all 0.5). The block's
     * two pixel pairs are read as two longs and summed as packed 16-bit lanes (at most 4 x 255 = 1020, so
     * no lane overflows): bytes 0 and 2 of each pixel in one word, bytes 1 and 3 in the other, then the
     * two pixels of a pair folded together. The sum is exact; the 1/4 goes into the normalisation.
     */
    private void rowRgba8Block2x2(ByteBuffer b, int r0, int r1, int inW) {
        boolean little = b.order() == ByteOrder.LITTLE_ENDIAN;
        int s0 = shiftOf(order.sourceChannel(0), little);
        int s1 = shiftOf(order.sourceChannel(1), little);
        int s2 = shiftOf(order.sourceChannel(2), little);
        // A byte at bit 8 or 24 of a pixel lands in the odd word, at bit 0 or 16 in the even one.
        boolean odd0 = (s0 & 8) != 0, odd1 = (s1 & 8) != 0, odd2 = (s2 & 8) != 0;
        int l0 = s0 & 16, l1 = s1 & 16, l2 = s2 & 16;
        float m0 = mul[0] * 0.25f, m1 = mul[1] * 0.25f, m2 = mul[2] * 0.25f;
        float a0 = add[0], a1 = add[1], a2 = add[2];
        float[] o = outRow;
        int p1 = inW;
        int p2 = 2 * inW;
        for (int x = 0; x < contentWidth; x++) {
            int c = pairCol[x];
            long top = b.getLong(r0 + c);
            long bot = b.getLong(r1 + c);
            long e = (top & EVEN_BYTES) + (bot & EVEN_BYTES);
            long d = ((top >>> 8) & EVEN_BYTES) + ((bot >>> 8) & EVEN_BYTES);
            int even = (int) (e + (e >>> 32));
            int odd = (int) (d + (d >>> 32));
            o[x] = (((odd0 ? odd : even) >>> l0) & 0xFFFF) * m0 + a0;
            o[p1 + x] = (((odd1 ? odd : even) >>> l1) & 0xFFFF) * m1 + a1;
            o[p2 + x] = (((odd2 ? odd : even) >>> l2) & 0xFFFF) * m2 + a2;
        }
    }

    private static final long EVEN_BYTES = 0x00FF_00FF_00FF_00FFL;

    private static int shiftOf(int channel, boolean little) {
        return little ? 8 * channel : 8 * (3 - channel);
    }

    private static float lerp2(int q00, int q01, int q10, int q11, int shift, float fx, float fy) {
        float v00 = (q00 >>> shift) & 0xFF;
        float v01 = (q01 >>> shift) & 0xFF;
        float v10 = (q10 >>> shift) & 0xFF;
        float v11 = (q11 >>> shift) & 0xFF;
        float top = v00 + (v01 - v00) * fx;
        float bot = v10 + (v11 - v10) * fx;
        return top + (bot - top) * fy;
    }

    private void rowBytes(int bpp, float fy, int inW) {
        byte[] r0 = row0b;
        byte[] r1 = row1b;
        float[] o = outRow;
        for (int c = 0; c < 3; c++) {
            int ch = order.sourceChannel(c);
            float m = mul[c];
            float a = add[c];
            int base = c * inW;
            for (int x = 0; x < contentWidth; x++) {
                int c0 = col0[x] + ch;
                int c1 = col1[x] + ch;
                float fx = colW[x];
                float v00 = r0[c0] & 0xFF;
                float v01 = r0[c1] & 0xFF;
                float v10 = r1[c0] & 0xFF;
                float v11 = r1[c1] & 0xFF;
                float top = v00 + (v01 - v00) * fx;
                float bot = v10 + (v11 - v10) * fx;
                o[base + x] = (top + (bot - top) * fy) * m + a;
            }
        }
    }

    /** Float frames hold 0..1 values; they become 0..255 so one mean/std serves both kinds of frame. */
    private void rowFloat(int channels, float fy, int inW) {
        float[] r0 = row0f;
        float[] r1 = row1f;
        float[] o = outRow;
        for (int c = 0; c < 3; c++) {
            int ch = order.sourceChannel(c);
            float m = mul[c] * 255f;
            float a = add[c];
            int base = c * inW;
            for (int x = 0; x < contentWidth; x++) {
                int c0 = col0[x] + ch;
                int c1 = col1[x] + ch;
                float fx = colW[x];
                float v00 = r0[c0];
                float v01 = r0[c1];
                float v10 = r1[c0];
                float v11 = r1[c1];
                float top = v00 + (v01 - v00) * fx;
                float bot = v10 + (v11 - v10) * fx;
                o[base + x] = (top + (bot - top) * fy) * m + a;
            }
        }
    }

    /** {@link #rowRgba8Centres} for float rows: one source value per sample. */
    private void rowFloatCentres(int step, int inW) {
        float[] r0 = row0f;
        float[] o = outRow;
        for (int c = 0; c < 3; c++) {
            int ch = order.sourceChannel(c);
            float m = mul[c] * 255f;
            float a = add[c];
            int base = c * inW;
            for (int x = 0; x < contentWidth; x++) {
                o[base + x] = r0[col0[x] + ch] * m + a;
            }
        }
    }

    /** {@link #rowRgba8Block2x2} for float rows: the mean of the 2x2 block, its 1/4 folded into the scale. */
    private void rowFloatBlock2x2(int step, int inW) {
        float[] r0 = row0f;
        float[] r1 = row1f;
        float[] o = outRow;
        for (int c = 0; c < 3; c++) {
            int ch = order.sourceChannel(c);
            float m = mul[c] * (255f * 0.25f);
            float a = add[c];
            int base = c * inW;
            for (int x = 0; x < contentWidth; x++) {
                int i = col0[x] + ch;
                o[base + x] = (r0[i] + r0[i + step] + r1[i] + r1[i + step]) * m + a;
            }
        }
    }

    private void buildColumnTable(int srcW, int step, int inW) {
        if (srcW == tableSrcWidth && step == tableStep && scale == tableScale && contentWidth == tableContentWidth) {
            return;
        }
        if (col0.length < inW) {
            col0 = new int[inW];
            col1 = new int[inW];
            colW = new float[inW];
            pairCol = new int[inW];
            pairW = new float[inW];
        }
        boolean centres = true;
        boolean halfway = true;
        double inv = inverseScale();
        for (int x = 0; x < contentWidth; x++) {
            double sx = (x + 0.5) * inv - 0.5;
            int x0 = (int) Math.floor(sx);
            float fx = (float) (sx - x0);
            if (x0 < 0) {
                x0 = 0;
                fx = 0f;
            }
            if (x0 >= srcW - 1) {
                x0 = srcW - 1;
                fx = 0f;
            }
            int x1 = Math.min(x0 + 1, srcW - 1);
            col0[x] = x0 * step;
            col1[x] = x1 * step;
            colW[x] = fx;
            // x1 == x0 only at the right edge (weight 0): the same value from the pair ending there.
            boolean edge = x1 == x0 && srcW >= 2;
            pairCol[x] = (edge ? x0 - 1 : x0) * step;
            pairW[x] = edge ? 1f : fx;
            centres &= fx == 0f;
            halfway &= fx == 0.5f && x1 == x0 + 1;
        }
        columnsOnCentres = centres;
        columnsHalfway = halfway;
        tableSrcWidth = srcW;
        tableStep = step;
        tableScale = scale;
        tableContentWidth = contentWidth;
    }
}
