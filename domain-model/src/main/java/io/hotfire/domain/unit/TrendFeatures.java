package io.hotfire.domain.unit;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns a unit's history into {@link IndicatorChange} facts for the trend rules, as seen at its
 * latest run: how each indicator moved over its last {@code trend.runs} values, and — when the
 * latest run is the first after a maintenance — how it stepped across it. The rules decide what
 * the movement means.
 */
public final class TrendFeatures {

    private TrendFeatures() {
    }

    public static List<IndicatorChange> at(UnitsSpec spec, List<UnitRun> history) {
        List<IndicatorChange> out = new ArrayList<>();
        if (history.isEmpty()) {
            return out;
        }
        UnitRun latest = history.get(history.size() - 1);
        for (UnitsSpec.IndicatorSpec ind : spec.indicators()) {
            if (latest.indicator(ind.id()).map(IndicatorValue::isMissing).orElse(true)) {
                continue; // nothing new to judge: a missing value never stands in for one
            }
            consecutive(ind, history).ifPresent(out::add);
            acrossMaintenance(ind, history).ifPresent(out::add);
        }
        return out;
    }

    private static Optional<IndicatorChange> consecutive(UnitsSpec.IndicatorSpec ind, List<UnitRun> history) {
        int need = ind.trend().runs();
        List<UnitRun> used = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (int i = history.size() - 1; i >= 0 && used.size() < need; i--) {
            UnitRun r = history.get(i);
            if (r.indicator(ind.id()).map(IndicatorValue::isMissing).orElse(true)) {
                skipped.add(0, r.label());
            } else {
                used.add(0, r);
            }
        }
        if (used.size() < need) {
            return Optional.empty();
        }
        List<Double> values = used.stream().map(r -> r.indicator(ind.id()).orElseThrow().value()).toList();
        boolean every = true;
        for (int i = 1; i < values.size(); i++) {
            double d = values.get(i) - values.get(i - 1);
            every &= ind.trend().direction() == UnitsSpec.Direction.UP ? d > 0 : d < 0;
        }
        double first = values.get(0);
        double rel = first == 0 ? 0 : (values.get(values.size() - 1) - first) / Math.abs(first);
        return Optional.of(new IndicatorChange(ind.id(), IndicatorChange.Kind.CONSECUTIVE, ind.trend().direction(),
                every, rel, ind.trend().minChange(), used.stream().map(UnitRun::runId).toList(),
                used.stream().map(UnitRun::label).toList(), values, skipped));
    }

    private static Optional<IndicatorChange> acrossMaintenance(UnitsSpec.IndicatorSpec ind, List<UnitRun> history) {
        // The latest run must be the first with a value since a maintenance.
        int m = -1;
        for (int i = history.size() - 1; i >= 0; i--) {
            UnitRun r = history.get(i);
            boolean has = !r.indicator(ind.id()).map(IndicatorValue::isMissing).orElse(true);
            if (has && i != history.size() - 1) {
                return Optional.empty();
            }
            if (r.maintenanceBefore()) {
                m = i;
                break;
            }
        }
        if (m < 0) {
            return Optional.empty();
        }
        List<UnitRun> before = new ArrayList<>();
        for (int i = m - 1; i >= 0 && before.size() < ind.trend().runs(); i--) {
            UnitRun r = history.get(i);
            if (!r.indicator(ind.id()).map(IndicatorValue::isMissing).orElse(true)) {
                before.add(0, r);
            }
        }
        if (before.isEmpty()) {
            return Optional.empty();
        }
        double mean = before.stream().mapToDouble(r -> r.indicator(ind.id()).orElseThrow().value()).average().orElseThrow();
        UnitRun latest = history.get(history.size() - 1);
        double v = latest.indicator(ind.id()).orElseThrow().value();
        double rel = mean == 0 ? 0 : (v - mean) / Math.abs(mean);
        List<UnitRun> used = new ArrayList<>(before);
        used.add(latest);
        return Optional.of(new IndicatorChange(ind.id(), IndicatorChange.Kind.ACROSS_MAINTENANCE, ind.trend().direction(),
                false, rel, ind.trend().stepAfterMaintenance(), used.stream().map(UnitRun::runId).toList(),
                used.stream().map(UnitRun::label).toList(),
                used.stream().map(r -> r.indicator(ind.id()).orElseThrow().value()).toList(), List.of()));
    }
}
