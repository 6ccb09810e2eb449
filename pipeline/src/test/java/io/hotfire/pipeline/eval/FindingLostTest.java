package io.hotfire.pipeline.eval;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotfire.domain.event.Event;
import io.hotfire.domain.event.EventType;
import io.hotfire.domain.event.Severity;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link RunOutcome#findingLostT()}: the diagnosis let go of the run's true fault while the engine still ran, which the
 * first-answer scores cannot see (a LOX line leak at full power cleared 3 s after it was found, 2026-12-05).
 */
class FindingLostTest {

    static final RunLabel LEAK = new RunLabel("r", "r.csv", "test", "in",
            List.of(new RunLabel.Fault("LOX_LINE_LEAK", null, 15, 5, 1, false)), Map.of(), false, null);
    static final double RUNNING_END = 38.5;

    static Event finding(double t, String code, String... members) {
        return new Event(t, EventType.FINDING, code, Severity.CRITICAL, null, List.of("R"), "m",
                members.length == 0 ? Map.of() : Map.of("members", List.of(members)));
    }

    static Event clear(double t, String code) {
        return new Event(t, EventType.CLEAR, code, Severity.WATCH, null, List.of("R"), "no longer supported", Map.of());
    }

    static Event abort(double t) {
        return new Event(t, EventType.ABORT, "REDLINE_HIGH", Severity.SEVERE, "TIT_A", List.of("RL-001"), "a", Map.of());
    }

    static double lost(List<Event> events) {
        return RunOutcome.of(LEAK, events, 30, RunOutcome.GateStats.NONE, RUNNING_END).findingLostT();
    }

    @Test
    void theTrueFindingClearedWhileTheEngineRan_isLost_atTheClear() {
        assertThat(lost(List.of(finding(17.2, "LOX_LINE_LEAK"), clear(20.8, "LOX_LINE_LEAK")))).isEqualTo(20.8);
        // an ambiguity group holding the true code counts as the finding
        assertThat(lost(List.of(finding(17.2, "GROUP", "LOX_LINE_LEAK", "OTHER"), clear(21.0, "GROUP")))).isEqualTo(21.0);
    }

    @Test
    void aClearAfterShutdown_afterAnAbort_ofAnotherCode_orWithTheEndUnknown_isNotLost() {
        assertThat(lost(List.of(finding(17.2, "LOX_LINE_LEAK"), clear(39.5, "LOX_LINE_LEAK")))).isNaN();
        assertThat(lost(List.of(finding(17.2, "LOX_LINE_LEAK"), abort(18), clear(20.8, "LOX_LINE_LEAK")))).isNaN();
        assertThat(lost(List.of(finding(17.2, "VALVE_SLOW"), clear(20.8, "VALVE_SLOW")))).isNaN();
        assertThat(RunOutcome.of(LEAK, List.of(finding(17.2, "LOX_LINE_LEAK"), clear(20.8, "LOX_LINE_LEAK")), 30,
                RunOutcome.GateStats.NONE).findingLostT()).isNaN();
    }
}
