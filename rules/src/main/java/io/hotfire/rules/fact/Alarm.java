package io.hotfire.rules.fact;

import io.hotfire.domain.event.Severity;

/**
 * A condition an operator must see while it holds (logical fact). {@code key} identifies the
 * condition across windows so it is raised once and cleared once.
 */
public record Alarm(String key, String code, Severity severity, String sensor, String message,
                    double value, double limit) {
}
