package io.hotfire.rules.fact;

import io.hotfire.domain.event.Severity;
import io.hotfire.domain.unit.IndicatorChange;

/**
 * A finding on an engine unit from its history across runs (not from one run's windows): a fault
 * code whose slow progression the trend shows, or a change a maintenance made. Inserted logically
 * by the trend rules; its evidence names the runs it rests on.
 *
 * @param code     a fault code of the catalogue, or a unit-level code such as {@code MAINTENANCE_STEP}
 * @param severity on the flight-operations scale
 * @param change   the indicator movement it rests on (runs, values)
 * @param message  one sentence for people
 */
public record TrendFinding(String code, Severity severity, IndicatorChange change, String message) {

    public static TrendFinding of(String code, Severity severity, IndicatorChange change, String message) {
        return new TrendFinding(code, severity, change, message);
    }
}
