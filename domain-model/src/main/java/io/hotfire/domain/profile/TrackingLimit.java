package io.hotfire.domain.profile;

/**
 * A limit on how far a position follows its command, e.g. a valve: |POS − CMD| beyond
 * {@code warnDelta} for {@code warnSeconds} is a warning, beyond {@code redDelta} for
 * {@code redSeconds} a redline.
 */
public record TrackingLimit(
        String id,
        String position,
        String command,
        double warnDelta,
        double warnSeconds,
        double redDelta,
        double redSeconds) {
}
