package org.manyfaces.disclosure;

import java.nio.ByteBuffer;
import java.util.Objects;

import org.manyfaces.image.FrameParallelism;
import org.manyfaces.image.ImageView;
import org.manyfaces.pipeline.align.Affine2D;
import org.manyfaces.pipeline.align.AffineWarp;
import org.manyfaces.pipeline.align.FaceCrop;

/**
 * Embeds the disclosure mark into one face, in the face's own coordinates (see {@link FaceMarkLayout}): the
 * chip field is laid over the aligned face crop and mapped back onto the frame through the inverse of the
 * 5-point similarity, so the same chip sits on the same facial point in every frame and a reader can add up
 * the evidence of a whole shot.
 *
 * <p><b>Cost.</b> Everything that does not depend on the face's size on screen is computed at crop resolution
 * ({@value FaceMarkLayout#CROP}² px): the chip field (once per payload) and the perceptual mask (per call, from
 * the frame warped into a half-resolution crop). The frame pass is one bilinear look-up and one add per pixel of the face.
 *
 * <p><b>Perceptual mask.</b> Strength per crop pixel follows the local contrast of the picture (texture
 * masking: a change hides in detail and shows on flat skin; kept to 0.8..1.4, because the reader's evidence per
 * unit of energy is highest on smooth skin), is lowered towards black and white (where a
 * clipped chip is lost anyway), and the whole field is scaled so that the root mean square change over the
 * marked pixels is {@code strength}, which fixes the PSNR whatever the face.
 *
 * <p><b>Luma only.</b> The same step goes onto R, G and B: chroma is untouched, so no colour mottling (the
 * earlier region mark's chroma chips showed as pink/purple on skin). Alpha is never written. 8-bit frames get
 * an ordered dither so the mean step is the requested fraction of a code value.
 *
 * <p>Not thread-safe (scratch buffers); one per render thread.
 */
public final class FaceMarkEmbedder {
    /**
     * RMS change over the marked face pixels, in 0..1 units: 2 code values of 8 bits, measured 44.7-45.4 dB
     * PSNR over the detector's face box on the shared photos (eyes and mouth carry nothing).
     */
    public static final float DEFAULT_STRENGTH = 2f / 255f;
    /** Texture masking: the floor and reference of the local contrast (0..1 luma, over 5x5 px of the mask crop). */
    private static final float CONTRAST_FLOOR = 0.012f;
    private static final float CONTRAST_REF = 0.03f;
    private static final float MASK_MIN = 0.8f;
    private static final float MASK_MAX = 1.4f;
    /** Luma distance from black or white below which the strength fades out. */
    private static final float CLIP_MARGIN = 0.08f;
    private static final int[] BAYER = {0, 8, 2, 10, 12, 4, 14, 6, 3, 11, 1, 9, 15, 7, 13, 5};

    private final FaceMarkLayout layout;
    /** Side of the crop the perceptual mask is measured on. */
    private static final int MASK_CROP = FaceMarkLayout.CROP / 2;
    private final FaceCrop maskCrop = new FaceCrop(MASK_CROP);
    private final float[] luma = new float[MASK_CROP * MASK_CROP];
    private final float[] square = new float[MASK_CROP * MASK_CROP];
    private final float[] mean = new float[MASK_CROP * MASK_CROP];
    private final float[] mask = new float[MASK_CROP * MASK_CROP];
    private final float[] amplitude = new float[FaceMarkLayout.CROP * FaceMarkLayout.CROP];
    private Payload cachedPayload;
    private float[] cachedField;

    /** An embedder with ManyFaces's public key (what {@link FaceMarkReader} reads). */
    public FaceMarkEmbedder() {
        this(WatermarkDetector.DEFAULT_KEY);
    }

    public FaceMarkEmbedder(String key) {
        this.layout = new FaceMarkLayout(Objects.requireNonNull(key, "key"));
    }

    /**
     * Marks the face with these five landmarks (frame pixels, the order of {@code pipeline.Face}).
     *
     * @param region   weights per frame pixel (1 = may change, 0 = must stay bit-identical), or null for all
     * @param strength RMS change over the marked pixels in 0..1 units, usually {@link #DEFAULT_STRENGTH}
     */
    public void embed(ImageView frame, float[] landmarks, RegionMask region, Payload payload, float strength) {
        Objects.requireNonNull(frame, "frame");
        Objects.requireNonNull(payload, "payload");
        if (!(strength >= 0f && strength <= 0.1f)) {
            throw new IllegalArgumentException("face mark strength must be in 0..0.1 (0..1 units), got " + strength);
        }
        if (strength == 0f) {
            return;
        }
        Affine2D frameToCrop;
        Affine2D cropToFrame;
        try {
            frameToCrop = FaceMarkLayout.frameToCrop(landmarks);
            cropToFrame = frameToCrop.invert();
        } catch (RuntimeException degenerate) {
            return; // coincident or collinear landmarks: no face to mark (the swap skipped it too)
        }
        if (!payload.equals(cachedPayload)) {
            cachedField = layout.field(layout.chips(payload));
            cachedPayload = payload;
        }
        if (!perceptualAmplitude(frame, frameToCrop, cachedField)) {
            return;
        }
        apply(frame, frameToCrop, cropToFrame, region, strength);
    }

    /**
     * Fills {@link #amplitude} with field x perceptual mask, scaled to RMS 1 over the marked crop pixels.
     * False when nothing would be marked. The mask is measured on a half-resolution crop: local contrast over
     * 5x5 of its pixels (about three cells) is what texture masking needs, and the warp of a large face (area
     * averaging) costs a quarter of a full-resolution one.
     */
    private boolean perceptualAmplitude(ImageView frame, Affine2D frameToCrop, float[] field) {
        int n = FaceMarkLayout.CROP;
        int m = MASK_CROP;
        AffineWarp.warp(frame, Affine2D.scaling((double) m / n).after(frameToCrop), maskCrop);
        float[] p = maskCrop.planes();
        int plane = m * m;
        for (int i = 0; i < plane; i++) {
            luma[i] = 0.299f * p[i] + 0.587f * p[plane + i] + 0.114f * p[2 * plane + i];
            square[i] = luma[i] * luma[i];
        }
        BoxFilter.mean5(luma, mean, m);
        BoxFilter.mean5(square, square, m);
        for (int i = 0; i < plane; i++) {
            float var = Math.max(0f, square[i] - mean[i] * mean[i]);
            float t = ((float) Math.sqrt(var) + CONTRAST_FLOOR) / (CONTRAST_REF + CONTRAST_FLOOR);
            t = Math.max(MASK_MIN, Math.min(MASK_MAX, t));
            float l = mean[i];
            float clip = Math.max(0f, Math.min(1f, Math.min(l, 1f - l) / CLIP_MARGIN));
            mask[i] = t * clip;
        }
        double sum2 = 0;
        int marked = 0;
        double ratio = (double) m / n;
        for (int y = 0; y < n; y++) {
            double my = Math.max(0, Math.min(m - 1.001, (y + 0.5) * ratio - 0.5));
            int y0 = (int) my;
            float wy = (float) (my - y0);
            for (int x = 0; x < n; x++) {
                int i = y * n + x;
                float f = field[i];
                if (f == 0f) {
                    amplitude[i] = 0f;
                    continue;
                }
                double mx = Math.max(0, Math.min(m - 1.001, (x + 0.5) * ratio - 0.5));
                int x0 = (int) mx;
                float wx = (float) (mx - x0);
                int j = y0 * m + x0;
                float w = (1 - wy) * ((1 - wx) * mask[j] + wx * mask[j + 1])
                        + wy * ((1 - wx) * mask[j + m] + wx * mask[j + m + 1]);
                float a = f * w;
                amplitude[i] = a;
                sum2 += a * a;
                marked++;
            }
        }
        if (marked == 0 || sum2 <= 0) {
            return false;
        }
        float norm = (float) (1.0 / Math.sqrt(sum2 / marked));
        for (int i = 0; i < amplitude.length; i++) {
            amplitude[i] *= norm;
        }
        return true;
    }

    /** Adds strength x amplitude(frame -> crop) to R, G and B of every frame pixel the crop's marked area covers. */
    private void apply(ImageView frame, Affine2D frameToCrop, Affine2D cropToFrame, RegionMask region, float strength) {
        int n = FaceMarkLayout.CROP;
        // The frame box of the field's non-zero part (the face ellipse's cells and their interpolation margin);
        // each row then visits only the pixels whose crop position lies inside that part.
        double lo = layout.fieldMin();
        double hiU = layout.fieldMaxU();
        double hiV = layout.fieldMaxV();
        double loV = layout.fieldMinV();
        double minX = Double.MAX_VALUE, minY = Double.MAX_VALUE, maxX = -Double.MAX_VALUE, maxY = -Double.MAX_VALUE;
        for (int c = 0; c < 4; c++) {
            double u = (c & 1) == 0 ? lo : hiU;
            double v = (c & 2) == 0 ? loV : hiV;
            double x = cropToFrame.applyX(u, v);
            double y = cropToFrame.applyY(u, v);
            minX = Math.min(minX, x);
            maxX = Math.max(maxX, x);
            minY = Math.min(minY, y);
            maxY = Math.max(maxY, y);
        }
        int x0 = (int) Math.max(0, Math.floor(minX));
        int y0 = (int) Math.max(0, Math.floor(minY));
        int x1 = (int) Math.min(frame.width(), Math.ceil(maxX) + 1);
        int y1 = (int) Math.min(frame.height(), Math.ceil(maxY) + 1);
        if (region != null) {
            x0 = Math.max(x0, region.x());
            y0 = Math.max(y0, region.y());
            x1 = Math.min(x1, region.x() + region.width());
            y1 = Math.min(y1, region.y() + region.height());
        }
        if (x0 >= x1 || y0 >= y1) {
            return;
        }
        int fx0 = x0;
        int fx1 = x1;
        float[] amp = amplitude;
        // Row bands on the frame's threads: each pixel is written by one band with the same arithmetic, so the
        // mark does not depend on the split.
        FrameParallelism.forRowBands(y0, y1, MIN_BAND_ROWS,
                (from, to) -> applyRows(frame, frameToCrop, region, strength, amp, fx0, fx1, from, to, lo, hiU, loV, hiV));
    }

    /** Fewest rows worth a band of their own. */
    private static final int MIN_BAND_ROWS = 48;

    /** {@link #apply} for frame rows [from, to) of the columns [x0, x1). */
    private static void applyRows(ImageView frame, Affine2D frameToCrop, RegionMask region, float strength,
                                  float[] amp, int x0, int x1, int from, int to, double lo, double hiU, double loV,
                                  double hiV) {
        int n = FaceMarkLayout.CROP;
        ByteBuffer buf = frame.buffer();
        int bpp = frame.format().bytesPerPixel();
        int colours = Math.min(3, frame.channels());
        boolean eightBit = !frame.format().isFloat();
        double du = frameToCrop.a();
        double dv = frameToCrop.c();
        float scale = eightBit ? strength * 255f : strength;
        float[] mask = region == null ? null : region.maskOrNull();
        byte[] row = eightBit ? new byte[(x1 - x0) * bpp] : null;
        for (int y = from; y < to; y++) {
            // The span of this row whose crop position (u, v) stays inside [lo, hi): solved per row rather than
            // tested per pixel, so a large face costs its marked pixels, not its bounding box.
            double u0 = frameToCrop.applyX(x0, y);
            double v0 = frameToCrop.applyY(x0, y);
            double[] span = {x0, x1 - 1e-9};
            clipSpan(span, x0, u0, du, lo, hiU);
            clipSpan(span, x0, v0, dv, loV, hiV);
            int xs = (int) Math.ceil(span[0]);
            int xe = (int) Math.floor(span[1]);
            if (xs > xe) {
                continue;
            }
            double u = u0 + (xs - x0) * du;
            double v = v0 + (xs - x0) * dv;
            int rowStart = frame.pixelOffset(xs, y);
            int len = (xe - xs + 1) * bpp;
            if (eightBit) {
                // the row's span in bulk: absolute single-byte access checks bounds on every byte
                buf.get(rowStart, row, 0, len);
            }
            int off = eightBit ? 0 : rowStart;
            int ditherRow = (y & 3) * 4;
            // the region's weights of this row, read from its mask (a hard box weighs 1 inside, 0 outside)
            boolean inRegionRow = region == null || (y >= region.y() && y < region.y() + region.height());
            int maskRow = region == null ? 0 : (y - region.y()) * region.width() - region.x();
            for (int x = xs; x <= xe; x++, u += du, v += dv, off += bpp) {
                if (!(u >= 0 && v >= 0 && u < n - 1 && v < n - 1)) {
                    continue;
                }
                int iu = (int) u;
                int iv = (int) v;
                float wu = (float) (u - iu);
                float wv = (float) (v - iv);
                int i = iv * n + iu;
                float a = (1 - wv) * ((1 - wu) * amp[i] + wu * amp[i + 1]) + wv * ((1 - wu) * amp[i + n] + wu * amp[i + n + 1]);
                if (a == 0f) {
                    continue;
                }
                float w;
                if (region == null) {
                    w = 1f;
                } else if (!inRegionRow || x < region.x() || x >= region.x() + region.width()) {
                    w = 0f;
                } else {
                    w = mask == null ? 1f : mask[maskRow + x];
                    w = RegionMask.clamp(w);
                }
                if (w <= 0f) {
                    continue;
                }
                float delta = scale * a * w;
                if (eightBit) {
                    int step = (int) Math.floor(delta + (BAYER[ditherRow + (x & 3)] + 0.5f) / 16f);
                    if (step != 0) {
                        for (int c = 0; c < colours; c++) {
                            int val = (row[off + c] & 0xFF) + step;
                            row[off + c] = (byte) (val < 0 ? 0 : val > 255 ? 255 : val);
                        }
                    }
                } else {
                    for (int c = 0; c < colours; c++) {
                        buf.putFloat(off + 4 * c, buf.getFloat(off + 4 * c) + delta);
                    }
                }
            }
            if (eightBit) {
                buf.put(rowStart, row, 0, len);
            }
        }
    }

    /**
     * Narrows {@code span} (frame x, inclusive) to where {@code p0 + (x - x0) * dp} lies in [lo, hi].
     */
    private static void clipSpan(double[] span, int x0, double p0, double dp, double lo, double hi) {
        if (Math.abs(dp) < 1e-12) {
            if (p0 < lo || p0 > hi) {
                span[0] = 1;
                span[1] = 0;
            }
            return;
        }
        double a = x0 + (lo - p0) / dp;
        double b = x0 + (hi - p0) / dp;
        span[0] = Math.max(span[0], Math.min(a, b));
        span[1] = Math.min(span[1], Math.max(a, b));
    }
}
