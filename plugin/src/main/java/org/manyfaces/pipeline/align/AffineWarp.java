package org.manyfaces.pipeline.align;

import java.nio.ByteBuffer;

import org.manyfaces.image.ImageView;

/**
 * Samples a frame into an aligned {@link FaceCrop} through a frame-to-crop affine map: bilinear
 * interpolation with edge replication (FaceFusion warps with {@code BORDER_REPLICATE}, so a face at the
 * frame edge gets smeared edge pixels rather than black, which the swap models handle better).
 *
 * <p>When the crop is much smaller than the face in the frame (a 112 crop of a 500 px face), plain
 * bilinear sampling aliases. The warp then averages an n×n grid of bilinear samples per crop pixel, with
 * n = ceil(frame pixels per crop pixel), capped at 4, which approximates OpenCV's area filter.
 *
 * <p>Only the R, G and B channels are read; alpha is ignored. Stateless and thread-safe.
 */
public final class AffineWarp {
    private static final int MAX_SUPERSAMPLE = 4;

    private AffineWarp() {
    }

    /**
     * Fills {@code crop} with the frame region that {@code frameToCrop} maps onto it and records the map
     * in the crop.
     */
    public static void warp(ImageView frame, Affine2D frameToCrop, FaceCrop crop) {
        double framePixelsPerCropPixel = frameToCrop.invert().scale();
        warp(frame, frameToCrop, crop, (int) Math.min(MAX_SUPERSAMPLE, Math.max(1, Math.ceil(framePixelsPerCropPixel - 1e-6))));
    }

    /**
     * As {@link #warp(ImageView, Affine2D, FaceCrop)} with a fixed {@code n×n} samples per crop pixel whatever the
     * face's size, so the warp costs the same for a 150 px and a 900 px face: for a swap whose composite only
     * keeps the crop's <i>change</i> outside the face (see {@code SwapComposite}), where the coarser sampling of a
     * large face cancels out.
     */
    public static void warp(ImageView frame, Affine2D frameToCrop, FaceCrop crop, int n) {
        if (frame.width() <= 0 || frame.height() <= 0) {
            throw new IllegalArgumentException("cannot warp from an empty frame " + frame);
        }
        if (n < 1 || n > MAX_SUPERSAMPLE) {
            throw new IllegalArgumentException("samples per axis must be in 1.." + MAX_SUPERSAMPLE + ", got " + n);
        }
        Affine2D cropToFrame = frameToCrop.invert();
        int size = crop.size();
        int plane = crop.planeSize();
        float[] out = crop.planes();
        Sampler s = new Sampler(frame);
        float[] rgb = new float[3];
        if (n == 1) {
            // One sample per pixel: step the source position incrementally along each row.
            double ax = cropToFrame.a();
            double cy = cropToFrame.c();
            for (int y = 0; y < size; y++) {
                s.row(cropToFrame.applyX(0, y), cropToFrame.applyY(0, y), ax, cy, size, out, y * size, plane, false, rgb);
            }
            crop.setFrameToCrop(frameToCrop);
            return;
        }
        // n×n samples per crop pixel: one incremental pass over the crop per sub-pixel offset, summed.
        java.util.Arrays.fill(out, 0f);
        double ax = cropToFrame.a();
        double cx = cropToFrame.c();
        for (int sy = 0; sy < n; sy++) {
            double oy = (sy + 0.5) / n - 0.5;
            for (int sx = 0; sx < n; sx++) {
                double ox = (sx + 0.5) / n - 0.5;
                for (int y = 0; y < size; y++) {
                    s.row(cropToFrame.applyX(ox, y + oy), cropToFrame.applyY(ox, y + oy), ax, cx, size, out, y * size,
                            plane, true, rgb);
                }
            }
        }
        float inv = 1f / (n * n);
        for (int i = 0; i < out.length; i++) {
            out[i] *= inv;
        }
        crop.setFrameToCrop(frameToCrop);
    }

    /** Bilinear RGB sampling of an {@link ImageView} with edge replication, specialised per pixel format. */
    static final class Sampler {
        private final ImageView view;
        private final ByteBuffer buf;
        private final boolean isFloat;
        private final int bpp;
        private final int maxX;
        private final int maxY;
        private final int top;
        private final int stride;
        private final boolean rgba8;
        /** Bit positions of R, G and B in a pixel read as one int in the buffer's byte order. */
        private final int s0;
        private final int s1;
        private final int s2;

        Sampler(ImageView view) {
            this.view = view;
            this.buf = view.buffer();
            this.isFloat = view.format().isFloat();
            this.bpp = view.format().bytesPerPixel();
            this.maxX = view.width() - 1;
            this.maxY = view.height() - 1;
            this.top = view.rowOffset(0);
            this.stride = view.rowStride();
            this.rgba8 = view.format() == org.manyfaces.image.PixelFormat.RGBA_U8;
            boolean little = buf.order() == java.nio.ByteOrder.LITTLE_ENDIAN;
            this.s0 = little ? 0 : 24;
            this.s1 = little ? 8 : 16;
            this.s2 = little ? 16 : 8;
        }

        /**
         * Samples {@code n} positions along a crop row, starting at frame position (fx, fy) and stepping by
         * (dx, dy), into the planar {@code out} at {@code row} (added when {@code add}). Positions whose
         * 2×2 neighbourhood lies inside an RGBA 8-bit frame take a branch-free path with one 32-bit read
         * per neighbour; the rest (edges, other formats) go through {@link #sample}.
         */
        void row(double fx, double fy, double dx, double dy, int n, float[] out, int row, int plane, boolean add,
                 float[] rgb) {
            for (int x = 0; x < n; x++, fx += dx, fy += dy) {
                float r;
                float g;
                float b;
                if (rgba8 && fx >= 0 && fy >= 0 && fx < maxX && fy < maxY) {
                    int x0 = (int) fx;
                    int y0 = (int) fy;
                    float wx = (float) (fx - x0);
                    float wy = (float) (fy - y0);
                    int o = top + y0 * stride + 4 * x0;
                    int q00 = buf.getInt(o);
                    int q01 = buf.getInt(o + 4);
                    int q10 = buf.getInt(o + stride);
                    int q11 = buf.getInt(o + stride + 4);
                    float w00 = (1 - wx) * (1 - wy);
                    float w01 = wx * (1 - wy);
                    float w10 = (1 - wx) * wy;
                    float w11 = wx * wy;
                    r = (w00 * ((q00 >>> s0) & 0xFF) + w01 * ((q01 >>> s0) & 0xFF)
                            + w10 * ((q10 >>> s0) & 0xFF) + w11 * ((q11 >>> s0) & 0xFF)) * (1f / 255f);
                    g = (w00 * ((q00 >>> s1) & 0xFF) + w01 * ((q01 >>> s1) & 0xFF)
                            + w10 * ((q10 >>> s1) & 0xFF) + w11 * ((q11 >>> s1) & 0xFF)) * (1f / 255f);
                    b = (w00 * ((q00 >>> s2) & 0xFF) + w01 * ((q01 >>> s2) & 0xFF)
                            + w10 * ((q10 >>> s2) & 0xFF) + w11 * ((q11 >>> s2) & 0xFF)) * (1f / 255f);
                } else {
                    sample(fx, fy, rgb);
                    r = rgb[0];
                    g = rgb[1];
                    b = rgb[2];
                }
                int i = row + x;
                if (add) {
                    out[i] += r;
                    out[plane + i] += g;
                    out[2 * plane + i] += b;
                } else {
                    out[i] = r;
                    out[plane + i] = g;
                    out[2 * plane + i] = b;
                }
            }
        }

        void sample(double fx, double fy, float[] rgb) {
            if (!(fx == fx) || !(fy == fy)) { // NaN: treat as the top-left pixel rather than propagating
                fx = 0;
                fy = 0;
            }
            double flx = Math.floor(fx);
            double fly = Math.floor(fy);
            float wx = (float) (fx - flx);
            float wy = (float) (fy - fly);
            int x0 = clamp((long) flx, maxX);
            int x1 = clamp((long) flx + 1, maxX);
            int y0 = clamp((long) fly, maxY);
            int y1 = clamp((long) fly + 1, maxY);
            int r0 = top + y0 * stride;
            int r1 = top + y1 * stride;
            int o00 = r0 + x0 * bpp;
            int o01 = r0 + x1 * bpp;
            int o10 = r1 + x0 * bpp;
            int o11 = r1 + x1 * bpp;
            float w00 = (1 - wx) * (1 - wy);
            float w01 = wx * (1 - wy);
            float w10 = (1 - wx) * wy;
            float w11 = wx * wy;
            if (isFloat) {
                for (int c = 0; c < 3; c++) {
                    int co = 4 * c;
                    rgb[c] = w00 * buf.getFloat(o00 + co) + w01 * buf.getFloat(o01 + co)
                            + w10 * buf.getFloat(o10 + co) + w11 * buf.getFloat(o11 + co);
                }
            } else {
                for (int c = 0; c < 3; c++) {
                    rgb[c] = (w00 * (buf.get(o00 + c) & 0xFF) + w01 * (buf.get(o01 + c) & 0xFF)
                            + w10 * (buf.get(o10 + c) & 0xFF) + w11 * (buf.get(o11 + c) & 0xFF)) * (1f / 255f);
                }
            }
        }

        private static int clamp(long v, int max) {
            return v < 0 ? 0 : v > max ? max : (int) v;
        }
    }
}
