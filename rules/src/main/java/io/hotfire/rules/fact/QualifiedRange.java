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

    public boolean covers(double v) {
        return v >= low && v <= high;
    }
}
