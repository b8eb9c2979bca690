package org.manyfaces.bench;

import java.util.Arrays;

/**
 * A set of timed repetitions of one measurement, in nanoseconds, summarised as median and the 10th and
 * 90th percentiles (the spread). Percentiles use the nearest rank, so no value is invented.
 */
public final class Samples {
    private long[] values = new long[16];
    private int count;

    public void add(long nanos) {
        if (count == values.length) {
            values = Arrays.copyOf(values, count * 2);
        }
        values[count++] = nanos;
    }

    public int count() {
        return count;
    }

    /** The value at quantile {@code q} (0..1) by nearest rank, in milliseconds; NaN when empty. */
    public double quantileMs(double q) {
        if (count == 0) {
            return Double.NaN;
        }
        long[] s = Arrays.copyOf(values, count);
        Arrays.sort(s);
        int rank = (int) Math.ceil(q * count) - 1;
        return s[Math.max(0, Math.min(count - 1, rank))] / 1e6;
    }

    public double medianMs() {
        return quantileMs(0.5);
    }

    public double p10Ms() {
        return quantileMs(0.1);
    }

    public double p90Ms() {
        return quantileMs(0.9);
    }

    /** "median (p10–p90)" in milliseconds, for a table cell. */
    public String cell() {
        if (count == 0) {
            return "–";
        }
        return String.format("%.2f (%.2f–%.2f)", medianMs(), p10Ms(), p90Ms());
    }
}
