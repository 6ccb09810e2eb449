package io.hotfire.domain.feature;

/**
 * Agreement of a redundant sensor pair over a window, with each member's distance from the
 * analytic estimate so the suspect can be named.
 *
 * @param a                  first sensor
 * @param b                  second sensor
 * @param difference         |mean(a) − mean(b)|
 * @param allowed            disagreement the profile tolerates
 * @param aEstimateError     |mean(a) − estimate| / estimate (NaN without estimate)
 * @param bEstimateError     |mean(b) − estimate| / estimate (NaN without estimate)
 * @param windowsDisagreeing consecutive windows, up to this one, in which the pair disagreed
 * @param differenceSlope    change of the difference per second over the window
 * @param onsetLastDifference |a − b| of the last samples of the window in which the disagreement began
 * @param largestStep        the largest change of a − b between consecutive 3-sample means over the last
 *                           6 s: about the whole difference for a step (bias), a fraction for a ramp (drift)
 */
public record PairCheck(
        String a,
        String b,
        double difference,
        double allowed,
        double aEstimateError,
        double bEstimateError,
        int windowsDisagreeing,
        double differenceSlope,
        double onsetLastDifference,
        double largestStep) {

    public boolean disagrees() {
        return difference > allowed;
    }

    /** Whether the disagreement arrived as a step: one jump holds at least {@code ratio} of it. */
    public boolean stepLike(double ratio) {
        return difference > 0 && largestStep >= ratio * difference;
    }

    /** The member farther from the analytic estimate, or null when that cannot be told. */
    public String suspect() {
        if (Double.isNaN(aEstimateError) || Double.isNaN(bEstimateError)) {
            return null;
        }
        return aEstimateError >= bEstimateError ? a : b;
    }
}
