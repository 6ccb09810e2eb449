package io.hotfire.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotfire.domain.diagnosis.RunMonitor;
import io.hotfire.domain.event.Event;
import io.hotfire.domain.event.EventType;
import io.hotfire.domain.event.Severity;
import io.hotfire.domain.profile.DomainCatalog;
import io.hotfire.domain.telemetry.Frame;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DiagnosisEngineTest {

    static DiagnosisEngine engine;

    @BeforeAll
    static void load() {
        engine = DiagnosisEngine.load(DomainCatalog.load(DomainCatalog.defaultRoot()).require("gg1"));
    }

    static List<Event> run(SyntheticRun r) {
        List<Event> events = new ArrayList<>();
        try (RunMonitor m = engine.open("test")) {
            for (Frame f : r.frames()) {
                events.addAll(m.accept(f));
            }
        }
        return events;
    }

    @Test
    void aNominalRunRaisesNothingAboveWatch() {
        for (double theta : new double[] {0.7, 0.85, 1.0}) {
            List<Event> events = run(new SyntheticRun(engine.profile()).theta(theta).duration(30).seed((long) (theta * 100)));
            assertThat(events).as("events at θ=" + theta)
                    .allSatisfy(e -> assertThat(e.severity()).isEqualTo(Severity.WATCH));
        }
    }

    @Test
    void bothTurbineThermocouplesOverTheirRedlineRecommendAbort() {
        List<Event> events = run(new SyntheticRun(engine.profile()).duration(15)
                .override("TIT_A", (t, x) -> t > 10 ? 1080 + (x - 900) : x)
                .override("TIT_B", (t, x) -> t > 10 ? 1080 + (x - 900) : x));
        assertThat(events).filteredOn(e -> e.type() == EventType.ABORT).hasSize(1)
                .first().satisfies(e -> {
                    assertThat(e.code()).isEqualTo("REDLINE_HIGH");
                    assertThat(e.rules()).contains("RL-001");
                    assertThat(e.t()).isBetween(10.0, 10.3);
                });
    }

    @Test
    void aFailedThermocoupleReading1400KWhileItsPartnerReads900KIsDisqualifiedAndDoesNotAbort() {
        List<Event> events = run(new SyntheticRun(engine.profile()).duration(15)
                .override("TIT_A", (t, x) -> t > 10 ? 1400.0 : x));
        assertThat(events).filteredOn(e -> e.type() == EventType.SENSOR)
                .singleElement().satisfies(e -> {
                    assertThat(e.sensor()).isEqualTo("TIT_A");
                    assertThat(e.code()).isEqualTo("SENSOR_BIAS");
                });
        assertThat(events).noneMatch(e -> e.type() == EventType.ABORT);
    }
}
