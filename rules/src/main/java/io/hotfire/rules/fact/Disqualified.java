package io.hotfire.rules.fact;

/**
 * A sensor sensor validation has taken out of service for the rest of the run. It takes no part
 * in redline voting or fault rules; its partner or analytic estimate is used instead.
 */
public record Disqualified(String sensor, String code, double since, String detail) {
}
