package org.pleura.bench.timing;

import java.util.Arrays;

/** The summaries the benchmarks report of repeated timings; the arrays given are not changed. */
public final class Samples {

    private Samples() {
    }

    /** The median: the middle value, or the mean of the two middle values of an even count. */
    public static double median(double[] values) {
        double[] v = sorted(values);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    /** The nearest-rank quantile: the smallest value with at least {@code q} of the values at or below it. */
    public static double quantile(double[] values, double q) {
        double[] v = sorted(values);
        return v[Math.min(v.length - 1, Math.max(0, (int) Math.ceil(q * v.length) - 1))];
    }

    private static double[] sorted(double[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("no values");
        }
        double[] v = values.clone();
        Arrays.sort(v);
        return v;
    }
}
