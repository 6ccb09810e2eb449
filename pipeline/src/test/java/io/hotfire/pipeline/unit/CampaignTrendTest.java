package io.hotfire.pipeline.unit;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotfire.domain.diagnosis.RunMonitor;
import io.hotfire.domain.event.Event;
import io.hotfire.domain.event.EventType;
import io.hotfire.domain.profile.DomainCatalog;
import io.hotfire.domain.telemetry.Frame;
import io.hotfire.domain.unit.IndicatorValue;
import io.hotfire.domain.unit.UnitRun;
import io.hotfire.pipeline.DiagnosisEngine;
import io.hotfire.rules.engine.TrendRules;
import io.hotfire.sim.campaign.Campaign;
import io.hotfire.sim.twin.SimulatedRun;
import io.hotfire.sim.twin.TwinDomain;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The digital twin's campaign mode against the trend rules, end to end in-process: every run is
 * diagnosed by the full per-window rule set, its indicators computed at the end, and the unit's
 * history judged by the trend rules after each run — as the server does at each run's end.
 */
class CampaignTrendTest {

    static DomainCatalog.Domain gg1;
    static DiagnosisEngine engine;
    static UnitJudge judge;
    static TwinDomain twin;

    @BeforeAll
    static void load() {
        gg1 = DomainCatalog.load(DomainCatalog.defaultRoot()).require("gg1");
        engine = DiagnosisEngine.load(gg1);
        judge = UnitJudge.load(gg1).orElseThrow();
        twin = TwinDomain.load(DomainCatalog.defaultRoot(), "gg1");
    }

    /** One run of a campaign as the server would see it at its end. */
    record Outcome(int index, double severity, Set<String> runFindings, List<IndicatorValue> indicators, List<TrendRules.Result> trends) {
    }

    static List<Outcome> fly(Campaign c) {
        List<Outcome> out = new ArrayList<>();
        List<UnitRun> history = new ArrayList<>();
        List<SimulatedRun> runs = c.simulate(twin);
        for (int k = 0; k < runs.size(); k++) {
            SimulatedRun run = runs.get(k);
            List<Event> events = new ArrayList<>();
            try (RunMonitor m = engine.open(run.scenario().name())) {
                for (Frame f : run.frames()) {
                    events.addAll(m.accept(f));
                }
            }
            Set<String> findings = events.stream().filter(e -> e.type() == EventType.FINDING).map(Event::code).collect(Collectors.toSet());
            List<IndicatorValue> ind = judge.indicators(run.frames(), UnitJudge.disqualified(events));
            history.add(new UnitRun(run.scenario().name(), run.scenario().name(), false, ind));
            out.add(new Outcome(k, c.severity(k), findings, ind, judge.judge(history)));
        }
        out.forEach(o -> System.out.printf(Locale.ROOT, "run %d  s=%.4f  findings=%s  %s  trends=%s%n", o.index + 1, o.severity, o.runFindings,
                o.indicators.stream().map(i -> i.indicator() + "=" + (i.isMissing() ? "missing" : String.format(Locale.ROOT, "%.5f", i.value())))
                        .collect(Collectors.joining(" ")),
                o.trends.stream().map(t -> t.rules() + ":" + t.finding().code()).toList()));
        return out;
    }

    static int first(List<Outcome> runs, java.util.function.Predicate<Outcome> p) {
        return runs.stream().filter(p).mapToInt(Outcome::index).findFirst().orElse(Integer.MAX_VALUE);
    }

    @Test
    void progressingBearingWear_isFoundByTheTrendAtLeastTwoRunsBeforeAnyRunRaisesTpBearingWear() {
        List<Outcome> runs = fly(new Campaign("SN-101", "TP_BEARING_WEAR", 8, 0.0015, 2.0, 20, 100, 7));

        int trend = first(runs, o -> o.trends.stream().anyMatch(t -> t.finding().code().equals("TP_BEARING_WEAR")));
        int single = first(runs, o -> o.runFindings.contains("TP_BEARING_WEAR"));
        assertThat(trend).as("first run with the TR-001 trend finding").isLessThan(runs.size());
        assertThat(single).as("the campaign must reach the single-run alarm, or the comparison proves nothing").isLessThan(runs.size());
        assertThat(single - trend).as("runs between the trend finding and the first single-run TP_BEARING_WEAR").isGreaterThanOrEqualTo(2);
        assertThat(runs.get(trend).trends).anySatisfy(t -> {
            assertThat(t.rules()).containsExactly("TR-001");
            assertThat(t.finding().change().labels()).hasSize(4).last().isEqualTo("SN-101-run" + String.format("%02d", trend + 1));
        });
    }

    @Test
    void twentyNominalRunsOfOneUnit_raiseNoTrendFinding() {
        List<Outcome> runs = fly(new Campaign("SN-102", null, 20, 0, 1, 12, 100, 11));

        assertThat(runs).allSatisfy(o -> {
            assertThat(o.trends).as("trend findings at run %d", o.index + 1).isEmpty();
            assertThat(o.indicators).noneMatch(IndicatorValue::isMissing);
        });
    }
}
