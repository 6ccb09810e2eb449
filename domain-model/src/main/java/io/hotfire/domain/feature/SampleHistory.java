package io.hotfire.domain.feature;

import java.util.Arrays;

/**
 * The last {@link WindowBuilder#HISTORY_SECONDS} of every sensor and of every redundant pair's
 * difference (NaN where dead), longer than a window: where steps are looked for and signal features
 * are measured.
 */
final class SampleHistory {

    private static final int STEP_SMOOTHING = 3;

    private final double[][] sensors;
    private final double[][] pairs;
    private final int length;
    private int head;

    SampleHistory(int nS, int nPairs, int length) {
        this.length = length;
        this.sensors = new double[nS][length];
        this.pairs = new double[nPairs][length];
        for (double[] h : sensors) {
            Arrays.fill(h, Double.NaN);
        }
        for (double[] h : pairs) {
            Arrays.fill(h, Double.NaN);
        }
    }

    int length() {
        return length;
    }

    /** Appends one sample: the sensors' readings and each pair's difference {@code a - b}. */
    void push(double[] readings, int[][] pairIdx) {
        head = (head + 1) % length;
        for (int i = 0; i < sensors.length; i++) {
            sensors[i][head] = readings[i];
        }
        for (int i = 0; i < pairs.length; i++) {
            pairs[i][head] = readings[pairIdx[i][0]] - readings[pairIdx[i][1]];
        }
    }

    /** The largest step of sensor {@code i} over the history. */
    double sensorStep(int i) {
        return largestStep(sensors[i]);
    }

    /** The largest step of pair {@code i}'s difference over the history. */
    double pairStep(int i) {
        return largestStep(pairs[i]);
    }

    /** The last {@code n} readings of sensor {@code i}, oldest first (NaN where dead or before the run's start). */
    double[] recent(int i, int n) {
        double[] h = sensors[i];
        double[] out = new double[n];
        int len = h.length;
        for (int j = 0; j < n; j++) {
            out[j] = h[((head - n + 1 + j) % len + len) % len];
        }
        return out;
    }

    /**
     * The largest change between the means of {@value #STEP_SMOOTHING} consecutive samples and the
     * {@value #STEP_SMOOTHING} before them, over the history: a step (a bias) concentrates its whole
     * size there, a ramp (a drift) spreads it over many samples. Smoothing keeps single-sample noise
     * from looking like a step.
     */
    private double largestStep(double[] ring) {
        int n = ring.length;
        int k = STEP_SMOOTHING;
        double best = 0;
        for (int j = 2 * k; j <= n; j++) {
            double before = 0;
            double after = 0;
            boolean ok = true;
            for (int m = 0; m < k && ok; m++) {
                double b = ring[(head + 1 + j - 2 * k + m) % n];
                double a = ring[(head + 1 + j - k + m) % n];
                ok = !Double.isNaN(a) && !Double.isNaN(b);
                before += b;
                after += a;
            }
            if (ok) {
                best = Math.max(best, Math.abs(after - before) / k);
            }
        }
        return best;
    }
}
