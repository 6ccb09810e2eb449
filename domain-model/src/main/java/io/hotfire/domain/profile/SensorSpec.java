package io.hotfire.domain.profile;

/**
 * One telemetry channel as the interface control document defines it.
 *
 * @param id          channel id, used verbatim as CSV column name and in rules
 * @param description what the channel measures
 * @param unit        engineering unit
 * @param nominal     value at 100 % power level
 * @param k           throttle exponent: {@code expected(θ) = nominal × θ^k}
 * @param noise       1σ Gaussian noise per sample
 * @param span        measurable range; a reading outside it is a dead reading
 * @param limits      warning and redline lines (mainstage only)
 * @param estimate    id of a derived quantity that estimates this channel (analytic redundancy), or null
 * @param estimateTolerance relative disagreement with {@code estimate} beyond which the sensor is suspect
 */
public record SensorSpec(
        String id,
        String description,
        String unit,
        double nominal,
        double k,
        double noise,
        Range span,
        Limits limits,
        String estimate,
        double estimateTolerance) {

    /**
     * Expected steady-state value at power level θ (1.0 = 100 %). A negative exponent is only
     * meaningful at power: below θ = 0.1 it is held at its θ = 0.1 value rather than diverge.
     */
    public double expected(double theta) {
        if (k == 0.0) {
            return nominal;
        }
        double th = k < 0 ? Math.max(theta, 0.1) : Math.max(theta, 0.0);
        return nominal * Math.pow(th, k);
    }

    /**
     * A dead reading: missing, NaN, or outside the span by more than three noise σ (a transducer
     * reading its own noise slightly past a hard stop, such as a valve at 100 %, is alive).
     */
    public boolean isDead(double value) {
        if (Double.isNaN(value)) {
            return true;
        }
        double margin = 3 * noise;
        return value < span.low() - margin || value > span.high() + margin;
    }
}
