package io.hotfire.rules.fact;

/**
 * Analytic redundancy from the domain profile, as a fact: the derived quantity that estimates a
 * sensor's reading from other channels (a sensor's {@code estimate} in the profile). Inserted once
 * per session; SV-009 uses it for sensors without a redundant partner.
 *
 * @param sensor   the sensor
 * @param quantity id of the derived quantity estimating it
 */
public record AnalyticEstimate(String sensor, String quantity) {
}
