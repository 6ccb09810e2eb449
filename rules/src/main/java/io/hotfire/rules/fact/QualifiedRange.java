package io.hotfire.rules.fact;

/**
 * A qualified operating range of the domain profile, as a fact: the power level ({@link #THETA})
 * or a condition channel such as an inlet temperature (profile {@code qualifiedRanges}). Inserted
 * once per session; rules compare against it, never against literals.
 *
 * @param quantity {@link #THETA} or a channel id
 */
// "contains" is a Drools operator: the test is named covers.
public record QualifiedRange(String quantity, double low, double high) {

    /** The quantity name of the power level θ. */
    public static final String THETA = "THETA";

    /**
     * Whether a value lies in the range, edges included, up to floating-point rounding: a window's
     * power level is a mean of samples, and 25 samples at exactly 0.70 average to 0.6999999999999997,
     * which put a run held at the qualified edge outside it on every window (RT-003 excursions that
     * also blocked RT-001; found by the #20 evaluation). The tolerance is 1e-9 relative, far below
     * any sensor's resolution.
     */
    public boolean covers(double v) {
        double tol = 1e-9 * Math.max(1.0, Math.max(Math.abs(low), Math.abs(high)));
        return v >= low - tol && v <= high + tol;
    }
}
