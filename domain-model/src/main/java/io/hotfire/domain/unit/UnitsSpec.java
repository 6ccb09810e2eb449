package io.hotfire.domain.unit;

import io.hotfire.domain.profile.Expression;
import java.util.List;
import java.util.Optional;

/**
 * A domain's engine-unit data ({@code domains/<id>/units.yaml}): what counts as hot fire, the life
 * limits of the unit's components, the per-run health indicators and how their trends are judged.
 *
 * @param file         the file it was read from (named in errors and shown with the numbers)
 * @param firing       what counts as hot fire
 * @param nearFraction the share of a life limit from which an alarm is raised, e.g. 0.9
 * @param components   components with life limits
 * @param indicators   per-run health indicators, in display order
 * @param sourceHash   SHA-256 of the file, so a history says which limits it was judged against
 */
public record UnitsSpec(String file, Firing firing, double nearFraction, List<Component> components,
        List<IndicatorSpec> indicators, String sourceHash) {

    public UnitsSpec {
        components = List.copyOf(components);
        indicators = List.copyOf(indicators);
    }

    /**
     * Hot fire: {@code channel} above {@code above} for at least {@code minSeconds}; each such
     * stretch is one start, its length counts as firing time.
     */
    public record Firing(String channel, double above, double minSeconds) {
    }

    /** A life-limited component; a null limit is not tracked. */
    public record Component(String id, String name, Integer maxStarts, Double maxFiringSeconds, String source) {
    }

    /** Which way a degradation moves an indicator. */
    public enum Direction { UP, DOWN }

    /**
     * How an indicator's history is judged: a change of at least {@code minChange} (a fraction of
     * the first value) in {@code direction} over {@code runs} consecutive runs, each run moving
     * that way; a step of at least {@code stepAfterMaintenance} across a maintenance.
     */
    public record Trend(Direction direction, int runs, double minChange, double stepAfterMaintenance) {
    }

    /**
     * A per-run health indicator: the mean of {@code expr} over the steady samples at the matched
     * operating point (power level {@code level} ± {@code tolerance} percent, at least
     * {@code settleSeconds} after mainstage started and after the level last moved), needing at
     * least {@code minSeconds} of them.
     */
    public record IndicatorSpec(String id, String name, String unit, Expression expr, double level, double tolerance,
            double settleSeconds, double minSeconds, Trend trend, String source) {
    }

    public Optional<IndicatorSpec> indicator(String id) {
        return indicators.stream().filter(i -> i.id().equals(id)).findFirst();
    }
}
