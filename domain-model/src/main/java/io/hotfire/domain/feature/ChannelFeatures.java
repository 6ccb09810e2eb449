package io.hotfire.domain.feature;

/**
 * Statistics of one channel (sensor or derived quantity) over one window.
 *
 * @param channel  sensor or derived id
 * @param mean     mean of the valid samples (NaN when none)
 * @param std      sample standard deviation of the valid samples
 * @param slope    least-squares slope in units per second
 * @param min      smallest valid sample
 * @param max      largest valid sample
 * @param last     last valid sample
 * @param valid    number of valid (alive) samples
 * @param count    number of samples in the window
 * @param expected expected steady-state value at the window's power level
 * @param noise    1σ sensor noise from the profile (0 for derived quantities)
 */
public record ChannelFeatures(
        String channel,
        double mean,
        double std,
        double slope,
        double min,
        double max,
        double last,
        int valid,
        int count,
        double expected,
        double noise) {

    /** Mean minus expected, in the channel's unit. */
    public double deviation() {
        return mean - expected;
    }

    /** Deviation as a fraction of the expected value (0 when expected is 0). */
    public double relativeDeviation() {
        return expected == 0 ? 0 : (mean - expected) / Math.abs(expected);
    }

    public boolean hasData() {
        return valid > 0;
    }
}
