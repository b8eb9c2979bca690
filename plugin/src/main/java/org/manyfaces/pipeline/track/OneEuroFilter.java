package org.manyfaces.pipeline.track;

/**
 * The 1€ filter (Casiez, Roussel, Vogel, CHI 2012) for one noisy value sampled over time: a first-order
 * low-pass whose cutoff rises with the value's speed, so that a still value is smoothed hard (jitter
 * gone) while a moving one follows with little lag.
 *
 * <pre>
 *   speed estimate  d̂ ← low-pass((x − x̂prev) / dt, derivativeCutoff)
 *   cutoff          fc = minCutoff + beta · |d̂|
 *   output          x̂ ← low-pass(x, fc),   where low-pass(x, fc) = x̂prev + α (x − x̂prev),
 *                   α = 1 / (1 + τ/dt), τ = 1 / (2π fc)
 * </pre>
 *
 * Units: cutoffs in Hz, dt in seconds, beta in 1/(value units); callers normalise values (e.g. by face
 * size) so that one beta suits faces of every size. Not thread-safe; one instance per coordinate.
 */
public final class OneEuroFilter {
    private Settings settings;
    private boolean primed;
    private double value;
    private double derivative;

    /**
     * Filter parameters.
     *
     * @param minCutoff        cutoff (Hz) for a still value; lower = smoother, more lag
     * @param beta             how fast the cutoff rises with speed (per value unit per second)
     * @param derivativeCutoff cutoff (Hz) for the speed estimate
     */
    public record Settings(double minCutoff, double beta, double derivativeCutoff) {
        /** No smoothing: the output is the input. */
        public static final Settings OFF = new Settings(Double.POSITIVE_INFINITY, 0, 1);

        public Settings {
            if (!(minCutoff > 0) || !(derivativeCutoff > 0) || beta < 0 || Double.isNaN(beta)) {
                throw new IllegalArgumentException("1€ filter needs minCutoff > 0, derivativeCutoff > 0 and beta >= 0, got "
                        + minCutoff + ", " + derivativeCutoff + ", " + beta);
            }
        }

        /** Lowest cutoff at full strength (Hz): 0.4 Hz smooths jitter of a still face completely. */
        static final double STRONGEST_CUTOFF = 0.4;
        /** Cutoff at the faintest strength above zero (Hz). */
        static final double WEAKEST_CUTOFF = 8.0;

        /**
         * Maps one "smoothing strength" (0 = off, 1 = strongest) onto the three parameters, for values
         * measured in face sizes: the still-face cutoff falls geometrically from 8 Hz to 0.4 Hz, and
         * beta stays at 1 per (face size per second), so a face crossing its own width in a second gets
         * about 1 Hz more bandwidth. Strength is clamped to 0..1.
         */
        public static Settings fromStrength(double strength) {
            double s = Double.isNaN(strength) ? 0 : Math.max(0, Math.min(1, strength));
            if (s == 0) {
                return OFF;
            }
            double minCutoff = WEAKEST_CUTOFF * Math.pow(STRONGEST_CUTOFF / WEAKEST_CUTOFF, s);
            return new Settings(minCutoff, 1.0, 1.0);
        }

        public boolean isOff() {
            return Double.isInfinite(minCutoff);
        }
    }

    public OneEuroFilter(Settings settings) {
        this.settings = settings;
    }

    /** Changes the parameters from the next sample on (keyframed strength), keeping the state. */
    public void setSettings(Settings s) {
        this.settings = s;
    }

    /** Forgets the history: the next sample passes through unchanged. */
    public void reset() {
        primed = false;
        derivative = 0;
    }

    /**
     * Feeds one sample taken {@code dt} seconds after the previous one and returns the filtered value.
     * The first sample after construction or {@link #reset()} passes through.
     */
    public double filter(double x, double dt) {
        if (!primed || settings.isOff() || !(dt > 0)) {
            if (primed && dt > 0) {
                derivative = (x - value) / dt;
            }
            value = x;
            primed = true;
            return x;
        }
        double rawDerivative = (x - value) / dt;
        derivative += alpha(settings.derivativeCutoff(), dt) * (rawDerivative - derivative);
        double cutoff = settings.minCutoff() + settings.beta() * Math.abs(derivative);
        value += alpha(cutoff, dt) * (x - value);
        return value;
    }

    /** The last output. */
    public double value() {
        return value;
    }

    /** The smoothed speed (value units per second). */
    public double derivative() {
        return derivative;
    }

    /** Smoothing factor of an exponential low-pass with this cutoff (Hz) at this step (s). */
    static double alpha(double cutoffHz, double dt) {
        double tau = 1.0 / (2 * Math.PI * cutoffHz);
        return 1.0 / (1.0 + tau / dt);
    }
}
