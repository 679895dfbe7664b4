package io.qrvend.sim.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Order statistics of one measured quantity (nearest-rank percentiles, no interpolation, so every
 * figure is a value that was actually measured).
 */
public record Figures(int count, double p50, double p90, double p99, double max, double mean) {

    public static Figures of(List<Double> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no values measured");
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        double sum = 0;
        for (double v : sorted) {
            sum += v;
        }
        return new Figures(sorted.size(), rank(sorted, 0.50), rank(sorted, 0.90), rank(sorted, 0.99),
                sorted.get(sorted.size() - 1), sum / sorted.size());
    }

    private static double rank(List<Double> sorted, double q) {
        int index = (int) Math.ceil(q * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    /** "p50 12.3, p90 ..., max ..." with {@code unit} after each figure. */
    public String describe(String unit) {
        return String.format(Locale.ROOT, "p50 %s %s, p90 %s %s, p99 %s %s, max %s %s (n=%d)", num(p50), unit, num(p90), unit,
                num(p99), unit, num(max), unit, count);
    }

    static String num(double v) {
        return v >= 100 ? String.format(Locale.ROOT, "%.0f", v) : v >= 10 ? String.format(Locale.ROOT, "%.1f", v)
                : String.format(Locale.ROOT, "%.2f", v);
    }

    /** A text histogram: one row per bin of {@code width}, the bar scaled to {@code columns} at the fullest bin. */
    public static String histogram(List<Double> values, double width, String unit, int columns) {
        double max = values.stream().mapToDouble(Double::doubleValue).max().orElse(0);
        int bins = (int) (max / width) + 1;
        int[] counts = new int[bins];
        for (double v : values) {
            counts[(int) (v / width)]++;
        }
        int fullest = 1;
        for (int c : counts) {
            fullest = Math.max(fullest, c);
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < bins; i++) {
            String label = String.format(Locale.ROOT, "%5.0f-%-5.0f %s", i * width, (i + 1) * width, unit);
            out.append(String.format(Locale.ROOT, "%s |%-" + columns + "s %d%n", label,
                    "#".repeat((int) Math.round((double) counts[i] * columns / fullest)), counts[i]));
        }
        return out.toString();
    }
}
