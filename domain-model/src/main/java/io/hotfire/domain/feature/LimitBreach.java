package io.hotfire.domain.feature;

import io.hotfire.domain.profile.LimitLevel;
import io.hotfire.domain.profile.LimitSide;

/**
 * A sensor beyond one of its limit lines during a window (mainstage only). Only emitted when at
 * least one sample was beyond the line.
 *
 * @param sensor          sensor id
 * @param level           WARNING or REDLINE
 * @param side            LOW or HIGH
 * @param limit           the limit value in force (resolved against expected(θ) where relative)
 * @param peak            the most extreme sample beyond the line
 * @param maxConsecutive  longest run of consecutive samples beyond the line within the window (runs may start in earlier windows)
 * @param consecutiveAtEnd consecutive samples beyond the line up to the window's end (0 = back inside)
 * @param firstT          run time of the first sample of the longest run
 */
public record LimitBreach(
        String sensor,
        LimitLevel level,
        LimitSide side,
        double limit,
        double peak,
        int maxConsecutive,
        int consecutiveAtEnd,
        double firstT) {
}
