package io.hotfire.domain.feature;

/**
 * How well a position followed its command (valve POS vs CMD) up to the end of a window.
 *
 * @param id             tracking limit id (e.g. MOV)
 * @param position       position channel
 * @param command        command channel
 * @param maxError       largest |POS − CMD| in the window
 * @param warnSeconds    how long |POS − CMD| has continuously exceeded the warning delta (longest run in the window)
 * @param redSeconds     same for the redline delta
 * @param warnLimitSeconds the profile's warning duration
 * @param redLimitSeconds  the profile's redline duration
 * @param commandRange     how far the command moved (max − min) over the last {@value #LOOKBACK_SECONDS} s:
 *                         a valve can only be slow to follow a command that moved
 */
public record TrackingCheck(
        String id,
        String position,
        String command,
        double maxError,
        double warnSeconds,
        double redSeconds,
        double warnLimitSeconds,
        double redLimitSeconds,
        double commandRange) {

    /** Seconds of command history {@link #commandRange()} looks back over. */
    public static final double LOOKBACK_SECONDS = 5.0;
}
