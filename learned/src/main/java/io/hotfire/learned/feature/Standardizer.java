package io.hotfire.learned.feature;

import java.util.Arrays;

/**
 * Per-feature centring and scaling, {@code z = (x − center) / scale}, fitted robustly: the centre
 * is the median, the scale {@code max(1.4826·MAD, 0.1·SD, 1e-9)} — the MAD is the spread of the
 * bulk (nominal windows), not of the fault tails, and the floors keep a feature that is (almost)
 * constant in training from dividing by zero. {@code NaN} stays {@code NaN}.
 */
public record Standardizer(double[] center, double[] scale) {

    /** Smallest scale, so a feature constant in training still has a finite z. */
    public static final double MIN_SCALE = 1e-9;

    public Standardizer {
        if (center.length != scale.length) {
            throw new IllegalArgumentException("center has " + center.length + " values, scale " + scale.length);
        }
        for (double s : scale) {
            if (!(s > 0) || !Double.isFinite(s)) {
                throw new IllegalArgumentException("every scale must be a positive finite number, got " + s);
            }
        }
        center = center.clone();
        scale = scale.clone();
    }

    /** Fits on rows of equal length; NaN values are ignored (a column with none gets centre 0, scale 1). */
    public static Standardizer fit(double[][] rows, int width) {
        double[] center = new double[width];
        double[] scale = new double[width];
        double[] col = new double[rows.length];
        for (int j = 0; j < width; j++) {
            int n = 0;
            for (double[] r : rows) {
                if (!Double.isNaN(r[j])) {
                    col[n++] = r[j];
                }
            }
            if (n == 0) {
                center[j] = 0;
                scale[j] = 1;
                continue;
            }
            double[] v = Arrays.copyOf(col, n);
            double med = median(v);
            double mean = 0;
            for (double x : v) {
                mean += x;
            }
            mean /= n;
            double ss = 0;
            for (int i = 0; i < n; i++) {
                ss += (v[i] - mean) * (v[i] - mean);
                v[i] = Math.abs(v[i] - med);
            }
            double sd = n > 1 ? Math.sqrt(ss / (n - 1)) : 0;
            double mad = median(v);
            center[j] = med;
            scale[j] = Math.max(1.4826 * mad, Math.max(0.1 * sd, MIN_SCALE));
        }
        return new Standardizer(center, scale);
    }

    /** Median of the values; sorts {@code v} in place. */
    static double median(double[] v) {
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    public int width() {
        return center.length;
    }

    public double z(int j, double x) {
        return (x - center[j]) / scale[j];
    }

    public double[] apply(double[] x) {
        double[] z = new double[x.length];
        for (int j = 0; j < x.length; j++) {
            z[j] = z(j, x[j]);
        }
        return z;
    }

    @Override
    public double[] center() {
        return center.clone();
    }

    @Override
    public double[] scale() {
        return scale.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Standardizer s && Arrays.equals(s.center, center) && Arrays.equals(s.scale, scale);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(center) + Arrays.hashCode(scale);
    }

    @Override
    public String toString() {
        return "Standardizer[" + center.length + " features]";
    }
}
