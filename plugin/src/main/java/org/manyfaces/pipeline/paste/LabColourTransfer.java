package org.manyfaces.pipeline.paste;

import org.manyfaces.pipeline.align.FaceCrop;

/**
 * Reinhard-style colour transfer in CIE L*a*b*: shifts and scales each Lab channel of a crop so that its
 * mean and standard deviation, weighted by a mask, equal those of a reference crop (DeepFaceLab's "rct").
 * Lab separates lightness from colour, so skin tone and lighting are matched without tinting the shading.
 *
 * <p>Conversions use the sRGB transfer curve and a D65 white. A subject that stays the same across
 * frames can be {@linkplain #prepare prepared} once. Allocates at most one crop-sized Lab copy per call
 * (face-sized, never frame-sized); thread-safe.
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
        checkStrength(strength);
        if (strength == 0f) {
            return;
        }
        int n = size * size;
        double[] mr = rgbStats(reference.planes(), weights.rawWeights(), n);
        Prepared p = prepare(subject, weights);
        if (mr == null || p.stats == null) {
            return; // empty mask: nothing to measure, leave the crop as it is
        }
        apply(p, mr, strength, subject);
    }

    /**
     * A crop converted to Lab once, with its statistics under a mask. A subject that does not change from
     * frame to frame (the source face of a classic swap) is prepared once; each frame then pays only for
     * the reference's statistics and the conversion back. Immutable, shareable between threads.
     */
    public static final class Prepared {
        private final int size;
        private final float[] lab;
        private final double[] stats;

        private Prepared(int size, float[] lab, double[] stats) {
            this.size = size;
            this.lab = lab;
            this.stats = stats;
        }

        public int size() {
            return size;
        }
    }

    /** Converts {@code subject} to Lab and measures it under {@code weights} (same size). */
    public static Prepared prepare(FaceCrop subject, CropMask weights) {
        int size = subject.size();
        if (weights.size() != size) {
            throw new IllegalArgumentException("colour transfer needs crop and mask of one size, got "
                    + size + " and " + weights.size());
        }
        int n = size * size;
        float[] lab = new float[3 * n];
        toLab(subject.planes(), lab, n);
        return new Prepared(size, lab, labStats(lab, weights.rawWeights(), n));
    }

    /**
     * Writes the prepared subject, recoloured towards {@code reference}, into {@code out} (pixels only;
     * {@code out}'s frame mapping is left alone). {@code out} may be any crop of the same size, but not
     * {@code reference}.
     */
    public static void transfer(Prepared subject, FaceCrop reference, CropMask weights, float strength, FaceCrop out) {
        int size = subject.size;
        if (reference.size() != size || weights.size() != size || out.size() != size) {
            throw new IllegalArgumentException("colour transfer needs crops and mask of one size, got "
                    + size + ", " + reference.size() + ", " + weights.size() + ", " + out.size());
        }
        checkStrength(strength);
        int n = size * size;
        double[] mr = subject.stats == null ? null : rgbStats(reference.planes(), weights.rawWeights(), n);
        if (mr == null || strength == 0f) {
            // empty mask (nothing to measure) or no transfer: the subject as it is
            fromLab(subject.lab, out.planes(), n, IDENTITY_GAIN, ZERO_SHIFT);
            return;
        }
        apply(subject, mr, strength, out);
    }

    private static void apply(Prepared subject, double[] mr, float strength, FaceCrop out) {
        double[] ms = subject.stats;
        float[] gain = new float[3];
        float[] shift = new float[3];
        for (int ch = 0; ch < 3; ch++) {
            double meanS = ms[ch];
            double stdS = ms[3 + ch];
            double meanR = mr[ch];
            double stdR = mr[3 + ch];
            double ratio = stdS > 1e-6 ? Math.max(1 / MAX_STD_RATIO, Math.min(MAX_STD_RATIO, stdR / stdS)) : 1.0;
            double g = 1 + (ratio - 1) * strength;
            double target = meanS + (meanR - meanS) * strength;
            // (v − meanS)·g + target  =  v·g + (target − meanS·g)
            gain[ch] = (float) g;
            shift[ch] = (float) (target - meanS * g);
        }
        fromLab(subject.lab, out.planes(), subject.size * subject.size, gain, shift);
    }

    private static final float[] IDENTITY_GAIN = {1f, 1f, 1f};
    private static final float[] ZERO_SHIFT = {0f, 0f, 0f};

    private static void checkStrength(float strength) {
        if (!(strength >= 0f && strength <= 1f)) {
            throw new IllegalArgumentException("colour transfer strength must be in 0..1, got " + strength);
        }
    }

    /** Weighted means (0..2) and standard deviations (3..5) of planar Lab; null when the weights sum to 0. */
    private static double[] labStats(float[] lab, float[] w, int n) {
        double sw = 0;
        double s0 = 0, s1 = 0, s2 = 0, q0 = 0, q1 = 0, q2 = 0;
        for (int i = 0; i < n; i++) {
            double wi = w[i];
            if (!(wi > 0)) {
                continue;
            }
            double l = lab[i], a = lab[n + i], b = lab[2 * n + i];
            sw += wi;
            s0 += wi * l;
            s1 += wi * a;
            s2 += wi * b;
            q0 += wi * l * l;
            q1 += wi * a * a;
            q2 += wi * b * b;
        }
        return finish(sw, s0, s1, s2, q0, q1, q2);
    }

    /**
     * The same statistics straight from planar RGB, converting only the pixels the mask weighs: no Lab
     * copy of the crop, and masked-out pixels cost nothing.
     */
    private static double[] rgbStats(float[] rgb, float[] w, int n) {
        double sw = 0;
        double s0 = 0, s1 = 0, s2 = 0, q0 = 0, q1 = 0, q2 = 0;
        for (int i = 0; i < n; i++) {
            double wi = w[i];
            if (!(wi > 0)) {
                continue;
            }
            double r = linear(rgb[i]);
            double g = linear(rgb[n + i]);
            double b = linear(rgb[2 * n + i]);
            double fx = f((0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / XN);
            double fy = f(0.2126729 * r + 0.7151522 * g + 0.0721750 * b);
            double fz = f((0.0193339 * r + 0.1191920 * g + 0.9503041 * b) / ZN);
            // Rounded through float like the planar path, so both give the same statistics.
            double l = (float) (116 * fy - 16);
            double a = (float) (500 * (fx - fy));
            double bb = (float) (200 * (fy - fz));
            sw += wi;
            s0 += wi * l;
            s1 += wi * a;
            s2 += wi * bb;
            q0 += wi * l * l;
            q1 += wi * a * a;
            q2 += wi * bb * bb;
        }
        return finish(sw, s0, s1, s2, q0, q1, q2);
    }

    private static double[] finish(double sw, double s0, double s1, double s2, double q0, double q1, double q2) {
        if (!(sw > 1e-9)) {
            return null;
        }
        double[] s = {s0, s1, s2};
        double[] q = {q0, q1, q2};
        double[] out = new double[6];
        for (int ch = 0; ch < 3; ch++) {
            double mean = s[ch] / sw;
            out[ch] = mean;
            out[3 + ch] = Math.sqrt(Math.max(0, q[ch] / sw - mean * mean));
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
        fromLab(lab, rgb, n, IDENTITY_GAIN, ZERO_SHIFT);
    }

    /** Planar L*a*b*, each channel mapped by {@code v·gain + shift} first, → planar sRGB 0..1 (clamped). */
    private static void fromLab(float[] lab, float[] rgb, int n, float[] gain, float[] shift) {
        float g0 = gain[0], g1 = gain[1], g2 = gain[2];
        float h0 = shift[0], h1 = shift[1], h2 = shift[2];
        for (int i = 0; i < n; i++) {
            double fy = (lab[i] * g0 + h0 + 16) / 116.0;
            double fx = fy + (lab[n + i] * g1 + h1) / 500.0;
            double fz = fy - (lab[2 * n + i] * g2 + h2) / 200.0;
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

    /** Lab's f(t) on [0, F_MAX] by table: six cube roots per pixel otherwise dominate the transfer's cost. */
    private static final double F_MAX = 1.2;
    private static final float[] F_TABLE = new float[LUT_STEPS + 2];

    static {
        for (int i = 0; i <= LUT_STEPS + 1; i++) {
            F_TABLE[i] = (float) fExact(F_MAX * i / LUT_STEPS);
        }
    }

    private static double f(double t) {
        if (t >= 0 && t < F_MAX) {
            double p = t * (LUT_STEPS / F_MAX);
            int i = (int) p;
            return F_TABLE[i] + (F_TABLE[i + 1] - F_TABLE[i]) * (p - i);
        }
        return fExact(t);
    }

    private static double fExact(double t) {
        return t > 216.0 / 24389.0 ? Math.cbrt(t) : (24389.0 / 27.0 * t + 16) / 116.0;
    }

    private static double fInv(double t) {
        double t3 = t * t * t;
        return t3 > 216.0 / 24389.0 ? t3 : (116 * t - 16) * 27.0 / 24389.0;
    }
}
