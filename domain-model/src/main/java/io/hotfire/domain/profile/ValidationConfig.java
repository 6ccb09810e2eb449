package io.hotfire.domain.profile;

/**
 * Thresholds of sensor validation and limit checking; all are data, none is a rule literal.
 *
 * @param redlinePersistenceSamples consecutive samples beyond a redline before it counts (ICD: 3)
 * @param warningPersistenceSamples consecutive samples beyond a warning line before it counts
 * @param frozenSeconds             unchanged value for this long while running = frozen sensor (ICD: 0.5 s)
 * @param spikeSigma                single-sample excursion of this many noise σ (and {@code spikeSpanFraction} of span) = spike
 * @param spikeSpanFraction         minimum spike size as a fraction of the span, so quiet channels do not spike on quantisation
 * @param spikesToDisqualify        spikes within {@code spikeMemorySeconds} that disqualify a sensor
 * @param spikeMemorySeconds        how far back spikes are counted (spikes are isolated by nature)
 * @param residualPersistenceWindows windows a redundancy/estimate residual must persist to disqualify
 * @param biasStepRatio             a pair difference is a step (bias) rather than a ramp (drift) when the
 *                                  window's slope explains at least this fraction of it
 * @param alarmClearSeconds         an alarm condition must stay absent this long before the alarm clears (deadband against chatter)
 */
public record ValidationConfig(
        int redlinePersistenceSamples,
        int warningPersistenceSamples,
        double frozenSeconds,
        double spikeSigma,
        double spikeSpanFraction,
        int spikesToDisqualify,
        double spikeMemorySeconds,
        int residualPersistenceWindows,
        double biasStepRatio,
        double alarmClearSeconds) {
}
