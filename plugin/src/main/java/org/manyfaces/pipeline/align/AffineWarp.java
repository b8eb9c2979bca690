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
        if (frame.width() <= 0 || frame.height() <= 0) {
            throw new IllegalArgumentException("cannot warp from an empty frame " + frame);
        }
        Affine2D cropToFrame = frameToCrop.invert();
        int size = crop.size();
        int plane = crop.planeSize();
        float[] out = crop.planes();
        double framePixelsPerCropPixel = cropToFrame.scale();
        int n = (int) Math.min(MAX_SUPERSAMPLE, Math.max(1, Math.ceil(framePixelsPerCropPixel - 1e-6)));
        Sampler s = new Sampler(frame);
        float[] rgb = new float[3];
        if (n == 1) {
            // One sample per pixel: step the source position incrementally along each row.
            double ax = cropToFrame.a();
            double cy = cropToFrame.c();
            for (int y = 0; y < size; y++) {
                double fx = cropToFrame.applyX(0, y);
                double fy = cropToFrame.applyY(0, y);
                int row = y * size;
                for (int x = 0; x < size; x++, fx += ax, fy += cy) {
                    s.sample(fx, fy, rgb);
                    out[row + x] = rgb[0];
                    out[plane + row + x] = rgb[1];
                    out[2 * plane + row + x] = rgb[2];
                }
            }
            crop.setFrameToCrop(frameToCrop);
            return;
        }
        double inv = 1.0 / (n * n);
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                float r = 0, g = 0, b = 0;
                for (int sy = 0; sy < n; sy++) {
                    double cy = y + (sy + 0.5) / n - 0.5;
                    for (int sx = 0; sx < n; sx++) {
                        double cx = x + (sx + 0.5) / n - 0.5;
                        s.sample(cropToFrame.applyX(cx, cy), cropToFrame.applyY(cx, cy), rgb);
                        r += rgb[0];
                        g += rgb[1];
                        b += rgb[2];
                    }
                }
                int i = y * size + x;
                out[i] = (float) (r * inv);
                out[plane + i] = (float) (g * inv);
                out[2 * plane + i] = (float) (b * inv);
            }
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

        Sampler(ImageView view) {
            this.view = view;
            this.buf = view.buffer();
            this.isFloat = view.format().isFloat();
            this.bpp = view.format().bytesPerPixel();
            this.maxX = view.width() - 1;
            this.maxY = view.height() - 1;
            this.top = view.rowOffset(0);
            this.stride = view.rowStride();
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
