package io.hotfire.app.unit;

import io.hotfire.domain.unit.IndicatorValue;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** API shapes of engine units and run ends. */
public final class UnitViews {

    private UnitViews() {
    }

    /** A trend finding on a unit, concluded at a run's end; {@code runs} are the runs it rests on. */
    public record TrendView(String code, String severity, List<String> rules, String indicator, String kind, String message,
            List<String> runIds, List<String> runs, List<Double> values, List<String> skipped, double relativeChange,
            double threshold) {
    }

    /** A run's end: what it used and its indicators (missing ones with their reason). */
    public record RunEndView(UUID runId, String unit, Instant endedAt, String endedBy, int starts, double firingSeconds,
            List<IndicatorValue> indicators, List<TrendView> trends, String unitsHash, String trendVersion) {
    }

    /** Life consumed of one limit of one component. */
    public record LifeView(String component, String name, String measure, double used, double limit, double fraction,
            String source) {
    }

    /** One run in a unit's history. */
    public record HistoryRun(UUID runId, String testId, String stand, Instant createdAt, Instant endedAt, long frameCount,
            Integer starts, Double firingSeconds, List<IndicatorValue> indicators, List<TrendView> trends,
            boolean maintenanceBefore) {
    }

    /** Maintenance recorded on a unit. */
    public record MaintenanceView(long id, String unit, Instant at, String by, String note) {
    }

    /** Indicator metadata for charts. */
    public record IndicatorInfo(String id, String name, String unit, String direction, int runs, double minChange) {
    }

    /** A unit and its history, oldest run first. */
    public record UnitView(String unit, String engine, int runs, int endedRuns, int starts, double firingSeconds,
            List<LifeView> life, double nearFraction, List<IndicatorInfo> indicators, List<HistoryRun> history,
            List<MaintenanceView> maintenance, Map<String, Object> versions) {
    }

    /** One line of the unit list. */
    public record UnitSummary(String unit, String engine, long runs, Instant lastRunAt) {
    }
}
