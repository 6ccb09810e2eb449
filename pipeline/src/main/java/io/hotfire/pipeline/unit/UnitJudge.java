package io.hotfire.pipeline.unit;

import io.hotfire.domain.event.Event;
import io.hotfire.domain.event.EventType;
import io.hotfire.domain.profile.DomainCatalog;
import io.hotfire.domain.profile.EngineProfile;
import io.hotfire.domain.telemetry.Frame;
import io.hotfire.domain.unit.IndicatorValue;
import io.hotfire.domain.unit.RunUsage;
import io.hotfire.domain.unit.RunIndicators;
import io.hotfire.domain.unit.TrendFeatures;
import io.hotfire.domain.unit.UnitRun;
import io.hotfire.domain.unit.UnitsLoader;
import io.hotfire.domain.unit.UnitsSpec;
import io.hotfire.rules.engine.RuleSource;
import io.hotfire.rules.engine.TrendRules;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A domain's judgement of engine units across runs: its units data ({@code units.yaml}) and trend
 * rules ({@code trends/*.drl}). At the end of a run it computes what the run used and its
 * indicators; over a unit's history it asks the trend rules what the indicators' movement means.
 * Thread-safe; one per domain.
 */
public final class UnitJudge {

    /** Folder of a domain's trend rules. */
    public static final String TRENDS_FOLDER = "trends";

    private final EngineProfile profile;
    private final UnitsSpec spec;
    private final TrendRules rules;

    public UnitJudge(EngineProfile profile, UnitsSpec spec, TrendRules rules) {
        this.profile = profile;
        this.spec = spec;
        this.rules = rules;
    }

    /** The domain's judge, or empty when it declares no {@code units.yaml}. */
    public static Optional<UnitJudge> load(DomainCatalog.Domain domain) {
        return UnitsLoader.loadIfPresent(domain.folder(), domain.profile()).map(spec -> new UnitJudge(domain.profile(), spec,
                TrendRules.compile(domain.profile().id(), RuleSource.folder(domain.folder().resolve(TRENDS_FOLDER)))));
    }

    public UnitsSpec spec() {
        return spec;
    }

    public TrendRules rules() {
        return rules;
    }

    public RunUsage usage(List<Frame> frames) {
        return RunIndicators.usage(profile, spec, frames);
    }

    public List<IndicatorValue> indicators(List<Frame> frames, Set<String> disqualified) {
        return RunIndicators.compute(profile, spec, frames, disqualified);
    }

    /** What the trend rules conclude about a unit at its latest run (history oldest first). */
    public List<TrendRules.Result> judge(List<UnitRun> history) {
        return rules.evaluate(TrendFeatures.at(spec, history));
    }

    /** Sensors a run's diagnosis disqualified: those named by its SENSOR events. */
    public static Set<String> disqualified(Collection<Event> events) {
        Set<String> out = new TreeSet<>();
        for (Event e : events) {
            if (e.type() == EventType.SENSOR && e.sensor() != null) {
                out.add(e.sensor());
            }
        }
        return out;
    }
}
