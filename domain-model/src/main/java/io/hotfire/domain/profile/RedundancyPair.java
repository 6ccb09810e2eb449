package io.hotfire.domain.profile;

/**
 * Two channels measuring the same quantity. They disagree when their difference exceeds
 * {@code tolerance} (absolute, in the unit) or {@code tolerance × mean} when {@code relative}.
 */
public record RedundancyPair(String a, String b, double tolerance, boolean relative) {

    public double allowed(double meanOfBoth) {
        return relative ? tolerance * Math.abs(meanOfBoth) : tolerance;
    }
}
