package org.manyfaces.pipeline.paste;

import org.manyfaces.pipeline.align.FaceCrop;

/**
 * Reinhard-style colour transfer in CIE L*a*b*: shifts and scales each Lab channel of a crop so that its
 * mean and standard deviation, weighted by a mask, equal those of a reference crop (DeepFaceLab's "rct").
 * Lab separates lightness from colour, so skin tone and lighting are matched without tinting the shading.
 *
 * <p>Conversions use the sRGB transfer curve and a D65 white. Allocates crop-sized scratch per call
 * (small and face-sized, never frame-sized); thread-safe.
 */
public final class LabColourTransfer {
    private static final double XN = 0.95047;
    private static final double ZN = 1.08883;
    /**
     * The std of a channel is scaled by at most this factor up or down: a flat subject cannot have its
     * noise blown up, and a flat (or blurred) reference cannot erase the subject's detail.
     */
    private static final double MAX_STD_RATIO = 3.0;

    private LabColourTransfer() {
    }

    /**
     * Recolours {@code subject} in place towards {@code reference}.
     *
     * @param weights  where the statistics are measured (both crops), e.g. the face mask; same size as the crops
     * @param strength 0 = unchanged, 1 = full transfer
     */
    public static void transfer(FaceCrop subject, FaceCrop reference, CropMask weights, float strength) {
        int size = subject.size();
        if (reference.size() != size || weights.size() != size) {
            throw new IllegalArgumentException("colour transfer needs crops and mask of one size, got "
                    + size + ", " + reference.size() + ", " + weights.size());
        }
        if (!(strength >= 0f && strength <= 1f)) {
            throw new IllegalArgumentException("colour transfer strength must be in 0..1, got " + strength);
        }
        if (strength == 0f) {
            return;
        }
        int n = size * size;
        float[] subjectLab = new float[3 * n];
        float[] referenceLab = new float[3 * n];
        toLab(subject.planes(), subjectLab, n);
        toLab(reference.planes(), referenceLab, n);
        double[] ms = stats(subjectLab, weights, n);
        double[] mr = stats(referenceLab, weights, n);
        if (ms == null || mr == null) {
            return; // empty mask: nothing to measure, leave the crop as it is
        }
        for (int ch = 0; ch < 3; ch++) {
            double meanS = ms[ch];
            double stdS = ms[3 + ch];
            double meanR = mr[ch];
            double stdR = mr[3 + ch];
            double ratio = stdS > 1e-6 ? Math.max(1 / MAX_STD_RATIO, Math.min(MAX_STD_RATIO, stdR / stdS)) : 1.0;
            double gain = 1 + (ratio - 1) * strength;
            double target = meanS + (meanR - meanS) * strength;
            int p = ch * n;
            for (int i = 0; i < n; i++) {
                subjectLab[p + i] = (float) ((subjectLab[p + i] - meanS) * gain + target);
            }
        }
        fromLab(subjectLab, subject.planes(), n);
    }

    /** Weighted means (0..2) and standard deviations (3..5) of the three planes; null when the weights sum to 0. */
    private static double[] stats(float[] lab, CropMask weights, int n) {
        int size = weights.size();
        double sw = 0;
        double[] s = new double[3];
        double[] s2 = new double[3];
        for (int i = 0; i < n; i++) {
            double w = weights.at(i % size, i / size);
            if (w <= 0) {
                continue;
            }
            sw += w;
            for (int ch = 0; ch < 3; ch++) {
                double v = lab[ch * n + i];
                s[ch] += w * v;
                s2[ch] += w * v * v;
            }
        }
        if (!(sw > 1e-9)) {
            return null;
        }
        double[] out = new double[6];
        for (int ch = 0; ch < 3; ch++) {
            double mean = s[ch] / sw;
            out[ch] = mean;
            out[3 + ch] = Math.sqrt(Math.max(0, s2[ch] / sw - mean * mean));
        }
        return out;
    }

    /** Planar sRGB 0..1 → planar L*a*b*. */
    static void toLab(float[] rgb, float[] lab, int n) {
        for (int i = 0; i < n; i++) {
            double r = linear(rgb[i]);
            double g = linear(rgb[n + i]);
            double b = linear(rgb[2 * n + i]);
            double x = (0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / XN;
            double y = 0.2126729 * r + 0.7151522 * g + 0.0721750 * b;
            double z = (0.0193339 * r + 0.1191920 * g + 0.9503041 * b) / ZN;
            double fx = f(x);
            double fy = f(y);
            double fz = f(z);
            lab[i] = (float) (116 * fy - 16);
            lab[n + i] = (float) (500 * (fx - fy));
            lab[2 * n + i] = (float) (200 * (fy - fz));
        }
    }

    /** Planar L*a*b* → planar sRGB 0..1 (clamped). */
    static void fromLab(float[] lab, float[] rgb, int n) {
        for (int i = 0; i < n; i++) {
            double fy = (lab[i] + 16) / 116.0;
            double fx = fy + lab[n + i] / 500.0;
            double fz = fy - lab[2 * n + i] / 200.0;
            double x = fInv(fx) * XN;
            double y = fInv(fy);
            double z = fInv(fz) * ZN;
            double r = 3.2404542 * x - 1.5371385 * y - 0.4985314 * z;
            double g = -0.9692660 * x + 1.8760108 * y + 0.0415560 * z;
            double b = 0.0556434 * x - 0.2040259 * y + 1.0572252 * z;
            rgb[i] = (float) encode(r);
            rgb[n + i] = (float) encode(g);
            rgb[2 * n + i] = (float) encode(b);
        }
    }

    /** sRGB transfer curves sampled finely enough that linear interpolation errs by < 1e-5; avoids two pow() per channel. */
    private static final int LUT_STEPS = 16384;
    private static final float[] DECODE = new float[LUT_STEPS + 2];
    private static final float[] ENCODE = new float[LUT_STEPS + 2];

    static {
        for (int i = 0; i <= LUT_STEPS + 1; i++) {
            double c = Math.min(1.0, (double) i / LUT_STEPS);
            DECODE[i] = (float) (c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4));
            ENCODE[i] = (float) (c <= 0.0031308 ? c * 12.92 : 1.055 * Math.pow(c, 1 / 2.4) - 0.055);
        }
    }

    private static double lut(float[] table, double v) {
        double c = v <= 0 ? 0 : v >= 1 ? 1 : v;
        double p = c * LUT_STEPS;
        int i = (int) p;
        double f = p - i;
        return table[i] + (table[i + 1] - table[i]) * f;
    }

    private static double linear(float v) {
        return lut(DECODE, v);
    }

    private static double encode(double l) {
        return lut(ENCODE, l);
    }

    private static double f(double t) {
        return t > 216.0 / 24389.0 ? Math.cbrt(t) : (24389.0 / 27.0 * t + 16) / 116.0;
    }

    private static double fInv(double t) {
        double t3 = t * t * t;
        return t3 > 216.0 / 24389.0 ? t3 : (116 * t - 16) * 27.0 / 24389.0;
    }
}
