package io.hotfire.domain.unit;

import java.util.List;

/**
 * Evidence for the trend rules: how one indicator moved over the latest runs of a unit that have a
 * value (runs where it is missing are skipped and named in {@code skipped}).
 *
 * @param indicator      indicator id
 * @param kind           {@code CONSECUTIVE}: over the last {@code runs} runs; {@code ACROSS_MAINTENANCE}: the first
 *                       run after a maintenance against the mean of the runs before it
 * @param direction      the direction the domain watches for
 * @param everyRunMoved  true when each run moved the indicator in {@code direction} from the run before (CONSECUTIVE)
 * @param relativeChange signed change as a fraction of the reference value (first run, or the mean before maintenance)
 * @param threshold      the domain's threshold for this kind of change (a positive fraction)
 * @param runIds         the runs it rests on, oldest first
 * @param labels         their labels
 * @param values         their values
 * @param skipped        labels of runs in the span whose indicator was missing
 */
public record IndicatorChange(String indicator, Kind kind, UnitsSpec.Direction direction, boolean everyRunMoved,
        double relativeChange, double threshold, List<String> runIds, List<String> labels, List<Double> values,
        List<String> skipped) {

    public enum Kind { CONSECUTIVE, ACROSS_MAINTENANCE }

    public IndicatorChange {
        runIds = List.copyOf(runIds);
        labels = List.copyOf(labels);
        values = List.copyOf(values);
        skipped = List.copyOf(skipped);
    }

    /** The change in the watched direction, as a fraction: positive when it moved that way. */
    public double changeInDirection() {
        return direction == UnitsSpec.Direction.UP ? relativeChange : -relativeChange;
    }

    public boolean isConsecutive() {
        return kind == Kind.CONSECUTIVE;
    }
}
