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
 * reference pipelines use). Normalisation works on the 0..255 scale: {@code (v - mean[c]) / std[c]},
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
        double inv = 1.0 / scale;
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
            if (format == PixelFormat.RGBA_U8) {
                rowRgba8(src.buffer(), src.rowOffset(y0), src.rowOffset(y1), fy, inW);
            } else if (format.isFloat()) {
                loadRows(src, y0, y1);
                rowFloat(format.channels(), fy, inW);
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
     * Fast path for 8-bit RGBA, the usual host format: one 32-bit read per source pixel straight from
     * the frame (measured faster than copying rows first), all three planes in one pass.
     */
    private void rowRgba8(ByteBuffer b, int r0, int r1, float fy, int inW) {
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
            int c0 = col0[x];
            int c1 = col1[x];
            float fx = colW[x];
            int q00 = b.getInt(r0 + c0);
            int q01 = b.getInt(r0 + c1);
            int q10 = b.getInt(r1 + c0);
            int q11 = b.getInt(r1 + c1);
            o[x] = lerp2(q00, q01, q10, q11, s0, fx, fy) * m0 + a0;
            o[p1 + x] = lerp2(q00, q01, q10, q11, s1, fx, fy) * m1 + a1;
            o[p2 + x] = lerp2(q00, q01, q10, q11, s2, fx, fy) * m2 + a2;
        }
    }

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

    private void buildColumnTable(int srcW, int step, int inW) {
        if (srcW == tableSrcWidth && step == tableStep && scale == tableScale && contentWidth == tableContentWidth) {
            return;
        }
        if (col0.length < inW) {
            col0 = new int[inW];
            col1 = new int[inW];
            colW = new float[inW];
        }
        double inv = 1.0 / scale;
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
        }
        tableSrcWidth = srcW;
        tableStep = step;
        tableScale = scale;
        tableContentWidth = contentWidth;
    }
}
