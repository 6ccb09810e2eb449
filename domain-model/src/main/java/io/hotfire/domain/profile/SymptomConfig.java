package io.hotfire.domain.profile;

import java.util.Map;

/**
 * How window features become symptoms: deviation bands per channel, a fast-trend rate per
 * channel, and when the engine counts as steady enough for fault rules.
 *
 * @param persistenceWindows consecutive windows a deviation must hold to count (SAFD-style persistence)
 * @param steadyThetaRate    |dθ/dt| per second below which the power level counts as steady
 * @param settleSeconds      seconds after the last throttle movement before steady-state rules apply
 * @param defaultBand        band of a channel without its own
 * @param bands              per-channel bands (sensors and derived quantities)
 * @param rates              per-channel fast-trend thresholds, unit per second
 * @param loneWindows        windows a sensor must deviate with every other measured channel normal before it is
 *                           judged failed rather than the first sign of a real fault
 * @param scheduledCommands  operator or sequence commands besides the throttle (valve checks, say): while one is
 *                           off its throttle schedule the engine is not in the steady state the model predicts
 * @param unknownAnomalySeconds how long a pattern must stay outside the validated distribution, with no finding,
 *                           before it is reported as an unknown anomaly (gives the fault rules time to isolate)
 */
public record SymptomConfig(int persistenceWindows, double steadyThetaRate, double settleSeconds, Band defaultBand,
                            Map<String, Band> bands, Map<String, Double> rates, int loneWindows,
                            java.util.List<String> scheduledCommands, double unknownAnomalySeconds) {

    public static final SymptomConfig DEFAULT =
            new SymptomConfig(3, 0.02, 1.5, new Band(0.03, 0, 6), Map.of(), Map.of(), 30, java.util.List.of(), 3.0);

    public SymptomConfig {
        bands = Map.copyOf(bands);
        rates = Map.copyOf(rates);
        scheduledCommands = java.util.List.copyOf(scheduledCommands);
    }

    public Band band(String channel) {
        return bands.getOrDefault(channel, defaultBand);
    }

    /** Fast-trend threshold of a channel, or NaN when it has none. */
    public double rate(String channel) {
        Double r = rates.get(channel);
        return r == null ? Double.NaN : r;
    }
}
