package io.hotfire.domain.feature;

/**
 * A channel's features over one window of its ring buffer ({@code size} slots, oldest at
 * {@code oldest}, NaN where dead or missing): mean, spread, least-squares slope, extremes, last.
 */
final class ChannelStats {

    private ChannelStats() {
    }

    static ChannelFeatures features(String id, double[] r, int oldest, int size, double period, double expected,
            double noise) {
        int valid = 0;
        double sum = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double last = Double.NaN;
        for (int j = 0; j < size; j++) {
            double x = r[(oldest + j) % size];
            if (Double.isNaN(x)) {
                continue;
            }
            valid++;
            sum += x;
            min = Math.min(min, x);
            max = Math.max(max, x);
            last = x;
        }
        if (valid == 0) {
            return new ChannelFeatures(id, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                    Double.NaN, 0, size, expected, noise);
        }
        double mean = sum / valid;
        double ss = 0;
        for (int j = 0; j < size; j++) {
            double x = r[(oldest + j) % size];
            if (!Double.isNaN(x)) {
                ss += (x - mean) * (x - mean);
            }
        }
        double std = valid > 1 ? Math.sqrt(ss / (valid - 1)) : 0;
        return new ChannelFeatures(id, mean, std, slope(r, oldest, size, period), min, max, last, valid, size, expected,
                noise);
    }

    /**
     * Features of a sensor the nominal cycle covers ({@code tp}: the template's value at each slot):
     * mean, min, max and last as read; expected = the template's mean over the valid samples; std
     * and slope of the residual (reading − template), so a spread or a trend is one the normal cycle
     * does not have.
     */
    static ChannelFeatures templateFeatures(String id, double[] r, double[] tp, int oldest, int size, double period,
            double noise) {
        double[] res = new double[size];
        int valid = 0;
        double sum = 0;
        double tsum = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double last = Double.NaN;
        for (int j = 0; j < size; j++) {
            int k = (oldest + j) % size;
            double x = r[k];
            double e = tp[k];
            if (Double.isNaN(x) || Double.isNaN(e)) {
                res[k] = Double.NaN;
                continue;
            }
            res[k] = x - e;
            valid++;
            sum += x;
            tsum += e;
            min = Math.min(min, x);
            max = Math.max(max, x);
            last = x;
        }
        if (valid == 0) {
            return new ChannelFeatures(id, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                    Double.NaN, 0, size, Double.NaN, noise);
        }
        double mean = sum / valid;
        double rm = (sum - tsum) / valid;
        double ss = 0;
        for (double d : res) {
            if (!Double.isNaN(d)) {
                ss += (d - rm) * (d - rm);
            }
        }
        double std = valid > 1 ? Math.sqrt(ss / (valid - 1)) : 0;
        return new ChannelFeatures(id, mean, std, slope(res, oldest, size, period), min, max, last, valid, size,
                tsum / valid, noise);
    }

    /** Least-squares slope per second over the valid samples of a ring, oldest first. */
    static double slope(double[] r, int oldest, int size, double period) {
        double n = 0;
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        for (int j = 0; j < size; j++) {
            double y = r[(oldest + j) % size];
            if (Double.isNaN(y)) {
                continue;
            }
            double x = j * period;
            n++;
            sx += x;
            sy += y;
            sxx += x * x;
            sxy += x * y;
        }
        double den = n * sxx - sx * sx;
        return n < 2 || den == 0 ? 0 : (n * sxy - sx * sy) / den;
    }
}
