package io.hotfire.sim.twin;

/**
 * Whether the physical (true, noise-free, not failed-sensor) signal crossed a redline of the
 * profile in mainstage for the profile's persistence (ICD: 3 consecutive samples), or a valve
 * position left its command by more than the tracking redline for its duration.
 *
 * @param reached whether it happened
 * @param t       run time of the sample that completed the persistence (the earliest an ABORT is
 *                due), or NaN
 * @param channel the sensor (or tracking id, e.g. GGV) that crossed first, or null
 */
public record Redline(boolean reached, double t, String channel) {

    public static final Redline NONE = new Redline(false, Double.NaN, null);
}
