package io.hotfire.domain.profile;

/**
 * One limit line of a sensor: either an absolute value in the sensor's unit, or a factor of
 * the sensor's throttle-dependent expected value ({@code factor × expected(θ)}).
 */
public record Limit(double value, Basis basis) {

    public enum Basis { ABSOLUTE, EXPECTED }

    public static Limit absolute(double value) {
        return new Limit(value, Basis.ABSOLUTE);
    }

    public static Limit ofExpected(double factor) {
        return new Limit(factor, Basis.EXPECTED);
    }

    /** The limit value in the sensor's unit for a given expected value. */
    public double resolve(double expected) {
        return basis == Basis.ABSOLUTE ? value : value * expected;
    }

    @Override
    public String toString() {
        return basis == Basis.ABSOLUTE ? Double.toString(value) : value + "×expected";
    }
}
