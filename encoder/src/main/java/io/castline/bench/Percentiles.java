package io.castline.bench;

import java.util.Arrays;
import java.util.List;

/** Nearest-rank percentiles and medians: plain figures, no interpolation to explain. */
final class Percentiles {
    private Percentiles() {}

    /** The {@code p}-th percentile (0–100) of {@code values}; NaN when empty. */
    static double of(long[] values, double p) {
        if (values.length == 0) return Double.NaN;
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    static double median(List<Double> values) {
        if (values.isEmpty()) return Double.NaN;
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
