package io.hotfire.learned.gate;

/**
 * One feature's part in a window's OOD score: which sensor statistic makes the window unusual,
 * and how much.
 *
 * @param feature      feature name, e.g. {@code T_TURB_EX.relMean}, or {@code theta} for the operating point
 * @param channel      the sensor (or {@code theta})
 * @param value        the window's raw feature value (for {@code theta}: θ itself)
 * @param z            the value standardised against the reference windows (for {@code theta}:
 *                     the excursion beyond the reference range in operating-point units)
 * @param contribution its part of score² (averaged over the k nearest reference windows)
 * @param share        contribution over the whole untrimmed squared distance (0..1)
 * @param counted      false when it belongs to a sensor left out of the score as a possible lone
 *                     sensor failure (the {@code trim} largest); it is reported, not scored
 */
public record Contribution(String feature, String channel, double value, double z, double contribution,
                           double share, boolean counted) {
}
