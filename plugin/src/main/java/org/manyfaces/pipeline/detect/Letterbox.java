package org.manyfaces.pipeline.detect;

import java.nio.ByteBuffer;
import java.nio.FloatBuffer;

import org.manyfaces.image.ImageView;
import org.manyfaces.image.PixelFormat;
import org.manyfaces.inference.FloatTensor;

/**
 * Scales a frame to fit a detector's input (aspect kept), pads the bottom/right, and writes it straight
 * from the {@link ImageView} (8-bit or float, any row order) into a reused NCHW float tensor with the
 * detector's normalisation and colour order. No intermediate copy of the frame is made.
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

    // Per-column sampling tables, rebuilt only when the source width or scale changes.
    private int[] col0 = new int[0];
    private int[] col1 = new int[0];
    private float[] colW = new float[0];
    private int tableSrcWidth = -1;
    private int tableBpp = -1;
    private double tableScale = Double.NaN;
    private int tableContentWidth = -1;

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
        FloatBuffer out = dst.buffer();
        int plane = inW * inH;
        buildColumnTable(w, src.format().bytesPerPixel(), inW);
        double inv = 1.0 / scale;
        for (int y = 0; y < contentHeight; y++) {
            double sy = (y + 0.5) * inv - 0.5;
            int y0 = (int) Math.floor(sy);
            float fy = (float) (sy - y0);
            if (y0 < 0) {
                y0 = 0;
                fy = 0f;
            }
            int y1 = Math.min(y0 + 1, h - 1);
            if (y0 >= h - 1) {
                y0 = h - 1;
                fy = 0f;
            }
            int rowOut = y * inW;
            if (src.format() == PixelFormat.RGBA_U8) {
                rowRgba8(src.buffer(), src.rowOffset(y0), src.rowOffset(y1), fy, out, rowOut, plane);
            } else {
                rowGeneric(src, src.rowOffset(y0), src.rowOffset(y1), fy, out, rowOut, plane);
            }
            // right padding of this row
            for (int c = 0; c < 3; c++) {
                int base = c * plane + rowOut;
                float pad = add[c];
                for (int x = contentWidth; x < inW; x++) {
                    out.put(base + x, pad);
                }
            }
        }
        // bottom padding
        for (int c = 0; c < 3; c++) {
            float pad = add[c];
            int from = c * plane + contentHeight * inW;
            int to = (c + 1) * plane;
            for (int i = from; i < to; i++) {
                out.put(i, pad);
            }
        }
    }

    private void buildColumnTable(int srcW, int bpp, int inW) {
        if (srcW == tableSrcWidth && bpp == tableBpp && scale == tableScale && contentWidth == tableContentWidth) {
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
            int x1 = Math.min(x0 + 1, srcW - 1);
            if (x0 >= srcW - 1) {
                x0 = srcW - 1;
                fx = 0f;
            }
            col0[x] = x0 * bpp;
            col1[x] = x1 * bpp;
            colW[x] = fx;
        }
        tableSrcWidth = srcW;
        tableBpp = bpp;
        tableScale = scale;
        tableContentWidth = contentWidth;
    }

    /** Fast path for 8-bit RGBA: one 32-bit read per source pixel. */
    private void rowRgba8(ByteBuffer b, int r0, int r1, float fy, FloatBuffer out, int rowOut, int plane) {
        // Byte position of each model plane's source channel inside a little/big-endian int.
        boolean little = b.order() == java.nio.ByteOrder.LITTLE_ENDIAN;
        int s0 = shiftOf(order.sourceChannel(0), little);
        int s1 = shiftOf(order.sourceChannel(1), little);
        int s2 = shiftOf(order.sourceChannel(2), little);
        float m0 = mul[0], m1 = mul[1], m2 = mul[2];
        float a0 = add[0], a1 = add[1], a2 = add[2];
        int p1 = plane;
        int p2 = 2 * plane;
        for (int x = 0; x < contentWidth; x++) {
            int c0 = col0[x];
            int c1 = col1[x];
            float fx = colW[x];
            int q00 = b.getInt(r0 + c0);
            int q01 = b.getInt(r0 + c1);
            int q10 = b.getInt(r1 + c0);
            int q11 = b.getInt(r1 + c1);
            int o = rowOut + x;
            out.put(o, lerp2(q00, q01, q10, q11, s0, fx, fy) * m0 + a0);
            out.put(p1 + o, lerp2(q00, q01, q10, q11, s1, fx, fy) * m1 + a1);
            out.put(p2 + o, lerp2(q00, q01, q10, q11, s2, fx, fy) * m2 + a2);
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

    /** Any other format: 8-bit RGB or float RGB(A); float values are taken on the 0..1 scale. */
    private void rowGeneric(ImageView src, int r0, int r1, float fy, FloatBuffer out, int rowOut, int plane) {
        ByteBuffer b = src.buffer();
        boolean isFloat = src.format().isFloat();
        int bpc = src.format().bytesPerChannel();
        for (int c = 0; c < 3; c++) {
            int ch = order.sourceChannel(c) * bpc;
            float m = mul[c];
            float a = add[c];
            int base = c * plane + rowOut;
            if (isFloat) {
                // 0..1 floats become 0..255 so that one mean/std serves both kinds of frame
                float mf = m * 255f;
                for (int x = 0; x < contentWidth; x++) {
                    int c0 = col0[x] + ch;
                    int c1 = col1[x] + ch;
                    float fx = colW[x];
                    float v00 = b.getFloat(r0 + c0);
                    float v01 = b.getFloat(r0 + c1);
                    float v10 = b.getFloat(r1 + c0);
                    float v11 = b.getFloat(r1 + c1);
                    float top = v00 + (v01 - v00) * fx;
                    float bot = v10 + (v11 - v10) * fx;
                    out.put(base + x, (top + (bot - top) * fy) * mf + a);
                }
            } else {
                for (int x = 0; x < contentWidth; x++) {
                    int c0 = col0[x] + ch;
                    int c1 = col1[x] + ch;
                    float fx = colW[x];
                    float v00 = b.get(r0 + c0) & 0xFF;
                    float v01 = b.get(r0 + c1) & 0xFF;
                    float v10 = b.get(r1 + c0) & 0xFF;
                    float v11 = b.get(r1 + c1) & 0xFF;
                    float top = v00 + (v01 - v00) * fx;
                    float bot = v10 + (v11 - v10) * fx;
                    out.put(base + x, (top + (bot - top) * fy) * m + a);
                }
            }
        }
    }
}
