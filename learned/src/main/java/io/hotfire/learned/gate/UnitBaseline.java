package io.hotfire.learned.gate;

import java.util.Arrays;

/**
 * The per-unit baseline of the gate (learned/README.md, "Unit baseline"): every engine of a family
 * and every stand differ a little from the ICD's nominal engine, so the gate learns, from the first
 * {@code windows} scored windows of each run, how this unit's features sit, and scores the rest of
 * the run relative to that — but never more than the family's spread seen in training
 * ({@code bound}): a unit further off keeps the excess and is out of distribution.
 *
 * <pre>
 * b_j     = mean of feature j over the run's first `windows` scored windows (running until then)
 * o_j     = clip(b_j − center_j, −bound_j, +bound_j)        the unit's offset, bounded by the family
 * x'_j    = x_j − o_j                                       what the scorer sees
 * </pre>
 *
 * {@code center} and {@code bound} are fitted on the training runs: the median and the largest
 * deviation from it of the per-run baselines. Immutable; a {@link State} per run is not thread-safe.
 *
 * @param windows scored windows the baseline is learned from (then frozen)
 * @param center  per feature: the family's central baseline
 * @param bound   per feature: the largest baseline deviation seen in the family (≥ 0)
 */
public record UnitBaseline(int windows, double[] center, double[] bound) {

    public UnitBaseline {
        if (windows < 1) {
            throw new IllegalArgumentException("baseline windows must be at least 1, got " + windows);
        }
        if (center.length != bound.length) {
            throw new IllegalArgumentException("baseline center has " + center.length + " values, bound " + bound.length);
        }
        for (double b : bound) {
            if (!(b >= 0)) {
                throw new IllegalArgumentException("baseline bounds must be finite and ≥ 0, got " + b);
            }
        }
        center = center.clone();
        bound = bound.clone();
    }

    /**
     * Fits center and bound from per-run baselines (one row per training run, NaN = the feature was
     * missing in that run's first windows).
     */
    public static UnitBaseline fit(int windows, double[][] runBaselines, int width) {
        double[] center = new double[width];
        double[] bound = new double[width];
        for (int j = 0; j < width; j++) {
            double[] col = new double[runBaselines.length];
            int n = 0;
            for (double[] r : runBaselines) {
                if (!Double.isNaN(r[j])) {
                    col[n++] = r[j];
                }
            }
            if (n == 0) {
                center[j] = 0;
                bound[j] = 0;
                continue;
            }
            double[] v = Arrays.copyOf(col, n);
            Arrays.sort(v);
            center[j] = n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
            double max = 0;
            for (double x : v) {
                max = Math.max(max, Math.abs(x - center[j]));
            }
            bound[j] = max;
        }
        return new UnitBaseline(windows, center, bound);
    }

    public int width() {
        return center.length;
    }

    public State start() {
        return new State();
    }

    /** One run's baseline: learning during the first windows, then frozen. */
    public final class State {
        private final double[] sum = new double[center.length];
        private final int[] count = new int[center.length];
        private final double[] offset = new double[center.length];
        private int seen;

        /** Adds a scored window's raw features while still learning; returns them relative to the unit. */
        public double[] apply(double[] x) {
            if (seen < windows) {
                seen++;
                for (int j = 0; j < x.length; j++) {
                    if (!Double.isNaN(x[j])) {
                        sum[j] += x[j];
                        count[j]++;
                        double o = sum[j] / count[j] - center[j];
                        offset[j] = Math.max(-bound[j], Math.min(bound[j], o));
                    }
                }
            }
            double[] out = new double[x.length];
            for (int j = 0; j < x.length; j++) {
                out[j] = x[j] - offset[j];
            }
            return out;
        }

        /** Whether the baseline is complete (frozen). */
        public boolean complete() {
            return seen >= windows;
        }

        /** The unit's current offsets, per feature (bounded by the family). */
        public double[] offsets() {
            return offset.clone();
        }

        /** The unit's own offsets before bounding (NaN where the feature was never seen). */
        public double[] rawOffsets() {
            double[] out = new double[offset.length];
            for (int j = 0; j < offset.length; j++) {
                out[j] = count[j] == 0 ? Double.NaN : sum[j] / count[j] - center[j];
            }
            return out;
        }

        /** Per feature: whether the unit's own baseline lay beyond the family bound (the offset was clipped). */
        public boolean[] clipped() {
            boolean[] out = new boolean[offset.length];
            for (int j = 0; j < offset.length; j++) {
                out[j] = count[j] > 0 && Math.abs(sum[j] / count[j] - center[j]) > bound[j];
            }
            return out;
        }
    }
}
