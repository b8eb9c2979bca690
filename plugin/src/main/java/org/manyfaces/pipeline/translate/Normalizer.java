package org.manyfaces.pipeline.translate;

import java.nio.ByteBuffer;
import java.nio.FloatBuffer;

import org.manyfaces.image.ImageView;

/**
 * Moves pixels between images and a model's tensor in the layout, colour order and value range of a
 * {@link TranslatorContract}, without intermediate copies: each sample is read once from the image memory
 * and written once into the tensor (and back).
 *
 * <p>Luma contracts (1 channel) use the full-range BT.601 luma of JPEG/PIL, {@code Y = 0.299R + 0.587G +
 * 0.114B}. Because the YCbCr-to-RGB transform has a unit Y coefficient in every channel, replacing the Y of a
 * pixel while keeping its Cb/Cr is simply adding {@code Ynew − Yold} to R, G and B; that is how chroma is
 * carried over (see {@link #unpack} and {@link #lumaDelta}).
 */
public final class Normalizer {
    private static final float KR = 0.299f;
    private static final float KG = 0.587f;
    private static final float KB = 0.114f;

    private final TranslatorContract contract;
    private final float scale;
    private final float offset;
    private final int channels;
    private final boolean nchw;
    /** Image channel feeding tensor channel i (colour order). */
    private final int[] imageChannel;

    public Normalizer(TranslatorContract contract) {
        this.contract = contract;
        this.scale = contract.range().scale();
        this.offset = contract.range().offset();
        this.channels = contract.channels();
        this.nchw = contract.layout() == TensorLayout.NCHW;
        this.imageChannel = new int[channels];
        for (int i = 0; i < channels; i++) {
            imageChannel[i] = channels == 1 ? 0 : contract.colorOrder().imageChannel(i);
        }
    }

    public TranslatorContract contract() {
        return contract;
    }

    /** Full-range BT.601 luma of an RGB triple. */
    public static float luma(float r, float g, float b) {
        return KR * r + KG * g + KB * b;
    }

    /**
     * Fills a {@code th×tw} input tensor from {@code src} pixels starting at ({@code x0}, {@code y0}).
     * Coordinates outside the view repeat its edge pixels, which is how tiles and native runs are padded to a
     * legal size without a padded copy. Values are encoded, not clamped (float sources may hold HDR values).
     */
    public void pack(ImageView src, int x0, int y0, FloatBuffer tensor, int tw, int th) {
        requireCapacity(tensor, tw, th, "input");
        ByteBuffer buf = src.buffer();
        boolean isFloat = src.format().isFloat();
        int bpp = src.format().bytesPerPixel();
        int bpc = src.format().bytesPerChannel();
        int sw = src.width();
        int sh = src.height();
        if (sw == 0 || sh == 0) {
            throw new IllegalArgumentException("cannot pack from an empty image " + src);
        }
        int plane = tw * th;
        float u8 = 1f / 255f;
        int o0 = imageChannel[0] * bpc;
        int o1 = channels == 3 ? imageChannel[1] * bpc : 0;
        int o2 = channels == 3 ? imageChannel[2] * bpc : 0;
        for (int ty = 0; ty < th; ty++) {
            int sy = clamp(y0 + ty, sh);
            int row = src.rowOffset(sy);
            int rowIndex = ty * tw;
            for (int tx = 0; tx < tw; tx++) {
                int p = row + clamp(x0 + tx, sw) * bpp;
                if (channels == 3) {
                    float a;
                    float b;
                    float c;
                    if (isFloat) {
                        a = buf.getFloat(p + o0);
                        b = buf.getFloat(p + o1);
                        c = buf.getFloat(p + o2);
                    } else {
                        a = (buf.get(p + o0) & 0xFF) * u8;
                        b = (buf.get(p + o1) & 0xFF) * u8;
                        c = (buf.get(p + o2) & 0xFF) * u8;
                    }
                    if (nchw) {
                        int i = rowIndex + tx;
                        tensor.put(i, a * scale + offset);
                        tensor.put(i + plane, b * scale + offset);
                        tensor.put(i + 2 * plane, c * scale + offset);
                    } else {
                        int i = (rowIndex + tx) * 3;
                        tensor.put(i, a * scale + offset);
                        tensor.put(i + 1, b * scale + offset);
                        tensor.put(i + 2, c * scale + offset);
                    }
                } else {
                    float y;
                    if (isFloat) {
                        y = luma(buf.getFloat(p), buf.getFloat(p + 4), buf.getFloat(p + 8));
                    } else {
                        y = luma((buf.get(p) & 0xFF) * u8, (buf.get(p + 1) & 0xFF) * u8, (buf.get(p + 2) & 0xFF) * u8);
                    }
                    tensor.put(rowIndex + tx, y * scale + offset);
                }
            }
        }
    }

    /**
     * Writes the output tensor ({@code th×tw}) back into {@code dst}: the crop starting at tensor pixel
     * ({@code cx}, {@code cy}) of size {@code cw×ch} lands at ({@code dx}, {@code dy}). Values are decoded and
     * clamped to 0..1. Colour contracts set R, G, B (alpha is left alone); luma contracts replace the luma of
     * what {@code dst} already holds and keep its chroma.
     */
    public void unpack(FloatBuffer tensor, int tw, int th, int cx, int cy, int cw, int ch, ImageView dst, int dx, int dy) {
        requireCapacity(tensor, tw, th, "output");
        checkCrop(tw, th, cx, cy, cw, ch);
        if (dx < 0 || dy < 0 || dx + cw > dst.width() || dy + ch > dst.height()) {
            throw new IllegalArgumentException("crop " + cw + "x" + ch + " at " + dx + "," + dy + " does not fit " + dst);
        }
        float[] px = new float[3];
        for (int y = 0; y < ch; y++) {
            for (int x = 0; x < cw; x++) {
                decode(tensor, tw, th, cx + x, cy + y, px);
                if (channels == 3) {
                    dst.set(dx + x, dy + y, 0, px[0]);
                    dst.set(dx + x, dy + y, 1, px[1]);
                    dst.set(dx + x, dy + y, 2, px[2]);
                } else {
                    float r = dst.get(dx + x, dy + y, 0);
                    float g = dst.get(dx + x, dy + y, 1);
                    float b = dst.get(dx + x, dy + y, 2);
                    float d = px[0] - luma(r, g, b);
                    dst.set(dx + x, dy + y, 0, clamp01(r + d));
                    dst.set(dx + x, dy + y, 1, clamp01(g + d));
                    dst.set(dx + x, dy + y, 2, clamp01(b + d));
                }
            }
        }
    }

    /**
     * Stores a crop of the output tensor into a float image of the contract's channel count (R,G,B order, or
     * Y), decoded and clamped to 0..1. With weights ({@code wx}, {@code wy}, indexed by crop position) the
     * samples are accumulated as {@code wx[x]·wy[y]·value} together with the weight, for tile blending;
     * without weights they overwrite.
     */
    public void store(FloatBuffer tensor, int tw, int th, int cx, int cy, int cw, int ch, FloatImage dst, int dx, int dy,
                      float[] wx, float[] wy) {
        requireCapacity(tensor, tw, th, "output");
        checkCrop(tw, th, cx, cy, cw, ch);
        if (dst.channels() != channels) {
            throw new IllegalArgumentException("float image has " + dst.channels() + " channels, contract " + channels);
        }
        if (dx < 0 || dy < 0 || dx + cw > dst.width() || dy + ch > dst.height()) {
            throw new IllegalArgumentException("crop " + cw + "x" + ch + " at " + dx + "," + dy + " does not fit a "
                    + dst.width() + "x" + dst.height() + " float image");
        }
        float[] data = dst.data();
        int dw = dst.width();
        int plane = tw * th;
        float inv = 1f / scale;
        for (int y = 0; y < ch; y++) {
            int ty = cy + y;
            float wyv = wy == null ? 1f : wy[y];
            for (int x = 0; x < cw; x++) {
                int tx = cx + x;
                int o = ((dy + y) * dw + dx + x) * channels;
                if (wx == null) {
                    for (int c = 0; c < channels; c++) {
                        data[o + c] = clamp01((tensor.get(tensorIndex(tx, ty, c, tw, plane)) - offset) * inv);
                    }
                } else {
                    float w = wx[x] * wyv;
                    if (w == 0f) {
                        continue;
                    }
                    for (int c = 0; c < channels; c++) {
                        data[o + c] += w * clamp01((tensor.get(tensorIndex(tx, ty, c, tw, plane)) - offset) * inv);
                    }
                    dst.addWeight(dx + x, dy + y, w);
                }
            }
        }
    }

    /**
     * Index of image channel {@code c} (R,G,B order; 0 for luma) of pixel (x, y) in a tensor {@code tw} wide
     * with {@code plane = tw·th}.
     */
    private int tensorIndex(int x, int y, int c, int tw, int plane) {
        int t = channels == 1 ? 0 : imageChannelToTensor(c);
        return nchw ? t * plane + y * tw + x : (y * tw + x) * channels + t;
    }

    private int imageChannelToTensor(int c) {
        // The colour-order mapping is its own inverse (identity or R<->B swap).
        return imageChannel[c];
    }

    private void decode(FloatBuffer tensor, int tw, int th, int x, int y, float[] out) {
        int plane = tw * th;
        float inv = 1f / scale;
        for (int c = 0; c < channels; c++) {
            out[c] = clamp01((tensor.get(tensorIndex(x, y, c, tw, plane)) - offset) * inv);
        }
    }

    /**
     * Amount to add to R, G and B of a pixel to give it luma {@code newY} while keeping its chroma.
     */
    public static float lumaDelta(float r, float g, float b, float newY) {
        return newY - luma(r, g, b);
    }

    private void requireCapacity(FloatBuffer tensor, int tw, int th, String what) {
        long need = (long) tw * th * channels;
        if (tensor.capacity() < need) {
            throw new IllegalArgumentException(what + " tensor holds " + tensor.capacity() + " floats; " + tw + "x" + th
                    + "x" + channels + " needs " + need);
        }
    }

    private static void checkCrop(int tw, int th, int cx, int cy, int cw, int ch) {
        if (cx < 0 || cy < 0 || cw < 0 || ch < 0 || cx + cw > tw || cy + ch > th) {
            throw new IllegalArgumentException("crop " + cw + "x" + ch + " at " + cx + "," + cy + " is outside the "
                    + tw + "x" + th + " tensor");
        }
    }

    private static int clamp(int v, int n) {
        return v < 0 ? 0 : (v >= n ? n - 1 : v);
    }

    static float clamp01(float v) {
        return v > 0f ? (v < 1f ? v : 1f) : 0f;
    }
}
