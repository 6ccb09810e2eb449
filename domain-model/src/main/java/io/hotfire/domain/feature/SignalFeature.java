package io.hotfire.domain.feature;

/**
 * One value of the signal feature library on one window (the profile's {@code signals:}): a fact
 * rules can match, e.g. {@code SignalFeature(name == "P3.overshoot", value > 0.4)}.
 *
 * @param name    {@code CHANNEL.kind}, e.g. {@code P3.overshoot}, {@code P1.bandPower_5_30}, {@code P1:P3.delay}
 * @param channel the sensor ({@code A:B} for a delay between two)
 * @param kind    peakToPeak, bandPower, dominantFrequency, stepAmplitude, riseTime, overshoot,
 *                settlingTime, oscillations, delay, dip or front
 * @param value   in the kind's unit (sensor unit, unit², Hz, s, fraction, count); NaN when the span
 *                had a missing sample or no step large enough
 * @param low     lower end of its normal range from the profile ({@code signals.normal}), NaN when none
 * @param high    upper end of its normal range, NaN when none
 */
public record SignalFeature(String name, String channel, String kind, double value, double low, double high) {

    /** A feature without a normal range. */
    public SignalFeature(String name, String channel, String kind, double value) {
        this(name, channel, kind, value, Double.NaN, Double.NaN);
    }

    /** Whether the profile gives it a normal range. */
    public boolean hasRange() {
        return !Double.isNaN(low) && !Double.isNaN(high);
    }

    /** Present and outside its normal range (false without a range). */
    public boolean offRange() {
        return present() && hasRange() && (value < low || value > high);
    }

    /** Whether the value could be computed. */
    public boolean present() {
        return !Double.isNaN(value);
    }
}
