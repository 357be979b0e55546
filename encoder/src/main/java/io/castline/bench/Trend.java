package io.castline.bench;

import java.util.List;

/** How a figure moves over time: the least-squares slope, less swayed by one odd sample than last minus first. */
public final class Trend {
    private Trend() {}

    /** Slope of {@code values} over {@code times} (value units per time unit); NaN with fewer than 3 points. */
    public static double slope(List<Double> times, List<Double> values) {
        int n = times.size();
        if (n < 3 || values.size() != n) return Double.NaN;
        double meanT = times.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        double meanV = values.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        double num = 0;
        double den = 0;
        for (int i = 0; i < n; i++) {
            double dt = times.get(i) - meanT;
            num += dt * (values.get(i) - meanV);
            den += dt * dt;
        }
        return den == 0 ? Double.NaN : num / den;
    }
}
