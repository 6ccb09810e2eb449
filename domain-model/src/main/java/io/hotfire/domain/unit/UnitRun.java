package io.hotfire.domain.unit;

import java.util.List;
import java.util.Optional;

/**
 * One ended run in a unit's history, oldest first in a history.
 *
 * @param runId              the run's id
 * @param label              what people call it (its test id, else a short run id)
 * @param maintenanceBefore  true when maintenance was recorded on the unit between the previous run and this one
 * @param indicators         its indicators (values or missing)
 */
public record UnitRun(String runId, String label, boolean maintenanceBefore, List<IndicatorValue> indicators) {

    public UnitRun {
        indicators = List.copyOf(indicators);
    }

    public Optional<IndicatorValue> indicator(String id) {
        return indicators.stream().filter(i -> i.indicator().equals(id)).findFirst();
    }
}
