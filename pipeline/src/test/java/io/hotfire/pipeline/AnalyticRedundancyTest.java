package io.hotfire.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotfire.domain.diagnosis.RunMonitor;
import io.hotfire.domain.event.Event;
import io.hotfire.domain.event.EventType;
import io.hotfire.domain.profile.DomainCatalog;
import io.hotfire.domain.telemetry.Frame;
import io.hotfire.sim.scenario.CommandChanges;
import io.hotfire.sim.scenario.ScenarioReader;
import io.hotfire.sim.twin.TwinDomain;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Analytic redundancy on the twin (SV-009): a drifting sensor without a partner is named from its
 * physics estimate while the throttle moves, before it reaches a warning line, and never aborts.
 */
class AnalyticRedundancyTest {

    static final DomainCatalog.Domain GG1 = DomainCatalog.load(DomainCatalog.defaultRoot()).require("gg1");

    @Test
    void aWallThermocoupleDriftingThroughThrottleStepsIsNamedFromItsEstimate() {
        TwinDomain twin = TwinDomain.load(GG1.folder().getParent(), GG1.profile().id());
        ScenarioReader.ScenarioFile file = new ScenarioReader(twin)
                .read(GG1.folder().resolve("twin/scenarios/t-wall-drift-through-throttle-steps.yaml"));
        List<Frame> frames = twin.twin().simulate(CommandChanges.ensureFor(file.scenario(), twin), file.seed().orElseThrow()).frames();

        List<Event> events = new ArrayList<>();
        try (RunMonitor m = DiagnosisEngine.load(GG1).open("t-wall-drift")) {
            for (Frame f : frames) {
                events.addAll(m.accept(f));
            }
        }
        Event named = events.stream().filter(e -> e.type() == EventType.SENSOR).findFirst().orElseThrow(
                () -> new AssertionError("T_WALL drift never named: " + events));
        assertThat(named.code()).isEqualTo("SENSOR_DRIFT");
        assertThat(named.sensor()).isEqualTo("T_WALL");
        assertThat(named.rules()).containsExactly("SV-009", "SV-100");
        assertThat(events).filteredOn(e -> e.type() == EventType.ALARM && "T_WALL".equals(e.sensor())).isEmpty();
        assertThat(events).extracting(Event::type).doesNotContain(EventType.ABORT);
    }

    @Test
    void aNominalRunThroughTheSameStepsNamesNoSensor() {
        TwinDomain twin = TwinDomain.load(GG1.folder().getParent(), GG1.profile().id());
        ScenarioReader.ScenarioFile file = new ScenarioReader(twin)
                .read(GG1.folder().resolve("twin/scenarios/t-wall-drift-through-throttle-steps.yaml"));
        List<Frame> frames = twin.twin().simulate(file.scenario().withFaults(List.of()), file.seed().orElseThrow()).frames();

        List<Event> events = new ArrayList<>();
        try (RunMonitor m = DiagnosisEngine.load(GG1).open("nominal-steps")) {
            for (Frame f : frames) {
                events.addAll(m.accept(f));
            }
        }
        assertThat(events).extracting(Event::type).doesNotContain(EventType.SENSOR, EventType.ABORT, EventType.ALARM);
    }
}
