package io.hotfire.domain.feature;

/**
 * A symptom: how a channel's window mean lies against its expected value and band, for how many
 * consecutive windows, and whether it is trending fast.
 *
 * @param channel   sensor or derived id
 * @param direction UP / DOWN beyond the band, NONE within it (or no data)
 * @param value     window mean
 * @param expected  expected value at the window's power level
 * @param band      half-width of the normal band
 * @param relative  (value − expected) / |expected|
 * @param windows   consecutive windows in this direction, this one included
 * @param slope     units per second over the window
 * @param fast      |slope| beyond the channel's fast-trend rate, in the direction of the slope's sign
 * @param measured  a sensor with noise (not a command, not a derived quantity): one that can fail on its own
 * @param onsetLast the last sample of the window in which this deviation began: near the full
 *                  deviation for a step, near the band's edge for a ramp
 * @param largestStep for a measured channel deviating for the persistence count: the largest change between
 *                  consecutive 3-sample means over the last 6 s (a step holds the whole deviation, a ramp a fraction)
 * @param command   one of the profile's scheduled commands: off its expected value means the operator commanded
 *                  something the throttle-only model does not predict (a valve check, say)
 */
public record Deviation(String channel, Direction direction, double value, double expected, double band,
                        double relative, int windows, double slope, Direction fast, boolean measured,
                        double onsetLast, boolean command, double largestStep) {

    /** Whether the deviation arrived as a step: one jump holds at least {@code ratio} of today's deviation. */
    public boolean stepLike(double ratio) {
        double now = Math.abs(value - expected);
        return now > 0 && largestStep >= ratio * now;
    }

    public boolean up() {
        return direction == Direction.UP;
    }

    public boolean down() {
        return direction == Direction.DOWN;
    }

    public boolean normal() {
        return direction == Direction.NONE;
    }

    /** Deviation in bands: 1.0 = at the band's edge. */
    public double bands() {
        return band == 0 ? 0 : (value - expected) / band;
    }
}
