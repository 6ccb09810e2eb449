package io.hotfire.llm.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotfire.domain.event.Event;
import io.hotfire.domain.event.EventType;
import io.hotfire.domain.event.Severity;
import io.hotfire.llm.support.Runs;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RouteTest {

    @Test
    void aRouteEvent_isReadFromItsCodeOrEvidence_withPValueAndTopFeatures() {
        Event out = route(20.0, "OUT_OF_DISTRIBUTION", Map.of("pValue", 0.0004, "threshold", 0.01,
                "topFeatures", List.of(Map.of("feature", "TIT_A.slope", "contribution", 6.2), "N_TP.mean")));
        Event in = route(5.0, "ROUTE", Map.of("distribution", "in", "p", 0.37));

        Route o = Route.fromEvent(out).orElseThrow();
        Route i = Route.fromEvent(in).orElseThrow();

        assertThat(o.inDistribution()).isFalse();
        assertThat(o.pValue()).isEqualTo(0.0004);
        assertThat(o.threshold()).isEqualTo(0.01);
        assertThat(o.topFeatures()).containsExactly(new Route.TopFeature("TIT_A.slope", 6.2), new Route.TopFeature("N_TP.mean", null));
        assertThat(i.inDistribution()).isTrue();
        assertThat(i.pValue()).isEqualTo(0.37);
        assertThat(Route.fromEvent(route(1.0, "SOMETHING", Map.of()))).isEmpty();
    }

    @Test
    void aRunsRoute_isItsLastRouteEvent_andAFindingsRouteTheOneInForceAtItsTime() {
        List<Event> run = new ArrayList<>(Runs.read("regen-jacket-leak.jsonl"));
        run.add(0, route(3.5, "IN_DISTRIBUTION", Map.of("pValue", 0.4)));
        run.add(route(30.0, "OUT_OF_DISTRIBUTION", Map.of("pValue", 0.001)));
        Event finding = Runs.first(run, EventType.FINDING, "REGEN_JACKET_LEAK");

        assertThat(Diagnosis.ofRun(run).inDistribution()).isFalse();
        assertThat(Diagnosis.ofFinding(finding, run).inDistribution()).isTrue();
        assertThat(Diagnosis.ofRun(List.of()).inDistribution()).isFalse();
    }

    private static Event route(double t, String code, Map<String, Object> evidence) {
        return new Event(t, EventType.ROUTE, code, Severity.WATCH, null, List.of(), "route", evidence);
    }
}
