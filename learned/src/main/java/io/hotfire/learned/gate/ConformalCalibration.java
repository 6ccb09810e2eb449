package io.hotfire.learned.gate;

import java.util.Arrays;

/**
 * Split conformal calibration of the OOD score on held-out in-distribution windows. With
 * calibration scores s_1..s_n, a new window's p-value is
 *
 * <pre>  p(s) = (1 + #{i : s_i ≥ s}) / (n + 1)</pre>
 *
 * and it is out of distribution at level α when p(s) ≤ α. If the new window is exchangeable with
 * the calibration windows, P(p ≤ α) ≤ α: the false-OOD rate is bounded by α. Equivalently, the
 * window exceeds when its score is above the threshold s_(⌈(1−α)(n+1)⌉) (the order statistic),
 * which needs n ≥ 1/α − 1 scores. Immutable.
 */
public final class ConformalCalibration {

    private final double[] sorted;
    private final double alpha;
    private final double threshold;

    public ConformalCalibration(double[] scores, double alpha) {
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("alpha must lie in (0, 1), got " + alpha);
        }
        for (double s : scores) {
            if (!Double.isFinite(s)) {
                throw new IllegalArgumentException("calibration scores must be finite, got " + s);
            }
        }
        this.sorted = scores.clone();
        Arrays.sort(sorted);
        this.alpha = alpha;
        int n = sorted.length;
        int rank = (int) Math.ceil((1 - alpha) * (n + 1) - 1e-9);
        if (rank > n) {
            throw new IllegalArgumentException("α = " + alpha + " needs at least " + minimumScores(alpha)
                    + " calibration windows, got " + n);
        }
        this.threshold = sorted[rank - 1];
    }

    /** Fewest calibration scores for which level α can be reached: ⌈1/α − 1⌉. */
    public static int minimumScores(double alpha) {
        return (int) Math.ceil((1 - alpha) / alpha - 1e-9);
    }

    /** Conformal p-value of a score, in (0, 1]. */
    public double pValue(double score) {
        int n = sorted.length;
        int firstAtLeast = lowerBound(score);
        return (1.0 + (n - firstAtLeast)) / (n + 1);
    }

    /** p ≤ α, i.e. the score lies above the threshold. */
    public boolean exceeds(double score) {
        return score > threshold;
    }

    public double threshold() {
        return threshold;
    }

    public double alpha() {
        return alpha;
    }

    public int size() {
        return sorted.length;
    }

    /** The calibration scores, ascending. */
    public double[] scores() {
        return sorted.clone();
    }

    private int lowerBound(double s) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < s) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
